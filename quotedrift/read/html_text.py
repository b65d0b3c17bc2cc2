"""An HTML page's article text and metadata: trafilatura's extraction, else a plain text dump of
the page's blocks (lxml)."""

from __future__ import annotations

import re
from typing import Any

from quotedrift.errors import InputError
from quotedrift.read.decoding import size


def extract_html(
    html: str, shown: str, limit: int | None = None, cuts: list[str] | None = None
) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of an HTML page: trafilatura first, a plain lxml text dump when
    trafilatura finds nothing, or at once for a page over ``limit`` characters (noted in
    ``cuts``): trafilatura takes several seconds a megabyte, the dump a fraction of one."""
    if limit is not None and len(html) > limit:
        if cuts is not None:
            cuts.append(
                f"HTML page of {size(len(html))} is over max_html_extract_bytes "
                f"({size(limit)}): read as plain text, navigation and comments included"
            )
        return _lxml_text(html, shown), {}
    import trafilatura

    doc = trafilatura.bare_extraction(
        html, include_comments=False, with_metadata=True, include_tables=True
    )
    meta: dict[str, str] = {}
    text = ""
    if doc is not None:
        text = getattr(doc, "text", None) or ""
        for field, attr in (
            ("title", "title"),
            ("date", "date"),
            ("outlet", "sitename"),
            ("url", "url"),
        ):
            value = getattr(doc, attr, None)
            if isinstance(value, str) and value.strip():
                meta[field] = value.strip()
    if not text.strip():
        text = _lxml_text(html, shown)
    return text, meta


_BLOCK_TAGS = frozenset(
    {"p", "div", "h1", "h2", "h3", "h4", "h5", "h6", "li", "blockquote", "pre", "br", "tr"}
    | {"section", "article", "header", "footer", "main", "aside", "ul", "ol", "table", "td"}
)


def _lxml_text(html: str, shown: str) -> str:
    from lxml import etree
    from lxml import html as lxml_html

    parser = lxml_html.HTMLParser()
    try:
        # lxml refuses str input that carries its own encoding declaration.
        tree = lxml_html.document_fromstring(
            re.sub(r"^<\?xml[^>]*>", "", html.lstrip()), parser=parser
        )
    except (etree.ParserError, ValueError) as exc:
        raise InputError(shown, f"HTML could not be parsed ({exc})") from exc
    # libxml2 drops whatever is nested deeper than its limit (256 elements): a page that is
    # only such nesting would otherwise be reported as empty.
    too_deep = any(e.type_name == "ERR_RESOURCE_LIMIT" for e in parser.error_log)
    for bad in tree.xpath("//script|//style|//noscript|//nav|//template"):
        bad.drop_tree()
    parts: list[str] = []

    def visit(element: Any) -> None:
        block = isinstance(element.tag, str) and element.tag in _BLOCK_TAGS
        if block:
            parts.append("\n")
        if isinstance(element.tag, str) and element.text:
            parts.append(element.text)
        for child in element:
            visit(child)
            if child.tail:
                parts.append(child.tail)
        if block:
            parts.append("\n")

    visit(tree)
    lines = (" ".join(line.split()) for line in "".join(parts).splitlines())
    text = "\n".join(line for line in lines if line)
    if too_deep and not text:
        raise InputError(
            shown,
            "HTML nests its elements deeper than the parser's limit (256 levels); the text "
            "inside them cannot be read",
        )
    return text
