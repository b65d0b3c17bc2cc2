"""Files and folders -> Article records (text, outlet, date, wire credit, boilerplate ranges).

Reading never normalises the text: offsets in every later record index ``Article.text`` exactly
as decoded (``\\r\\n`` kept), so a report can always point back to the words. For HTML and JSON
the text is the extracted article body.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from quotedrift.config import Settings
from quotedrift.errors import InputError
from quotedrift.read.boilerplate import analyse_layout, split_lines
from quotedrift.read.documents import DOCUMENT_SUFFIXES, document_kind, read_document
from quotedrift.read.json_article import json_article, parse_json
from quotedrift.read.metadata import parse_date, read_text_metadata
from quotedrift.read.own_outputs import OWN_OUTPUT, own_output
from quotedrift.records import Article, Problem

ARTICLE_SUFFIXES = (
    frozenset({".txt", ".md", ".html", ".htm", ".json", ".jsonl"}) | DOCUMENT_SUFFIXES
)
"""Extensions read when walking a folder; any other file in a folder is skipped."""
READ_TYPES = ".txt, .md, .html, .htm, .json, .jsonl, .docx and .pdf"
"""The file types read, as a message names them."""
MISSING = "no such file or folder"
"""The problem of a path given that does not exist (shown as ``no such file or folder: PATH``)."""

_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"\x89PNG", "a PNG image"),
    (b"PK\x03\x04", "a ZIP archive, or an Office document other than Word .docx"),
    (b"\xd0\xcf\x11\xe0", "an old-format Office file (.doc, .xls): save it as .docx"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
)
_READS = f"quotedrift reads {READ_TYPES} files"
_OUTLET_KEYS = ("outlet", "source", "publisher", "site", "sitename", "site_name", "publication")
_TITLE_KEYS = ("title", "headline")
_DATE_KEYS = ("date", "published", "published_at", "publishedAt", "datePublished", "pubdate")
_URL_KEYS = ("url", "link", "canonical_url")
_WIRE_KEYS = ("wire", "agency")


# ---------------------------------------------------------------------------------------------
# Public API


def read_articles(
    paths: Sequence[str | Path], settings: Settings | None = None
) -> tuple[list[Article], list[Problem]]:
    """Read every article under ``paths`` (files, and folders walked recursively).

    Returns the articles sorted by id, and one Problem per file (or JSONL line) that could not
    be read; non-fatal notes (a symlink back into a folder already walked) come as Problems with
    ``fatal=False``. Never raises for a bad file.
    """
    settings = settings or Settings()
    articles: dict[str, Article] = {}
    problems: list[Problem] = []
    read_real: set[str] = set()
    used_ids: set[str] = set()  # per file; JSONL lines add ":N" to their file's id
    for found, article_id in _walk(paths, problems):
        try:
            real = os.path.realpath(found)
        except OSError as exc:  # realpath itself can fail on a vanished parent
            problems.append(Problem(shown_name(found), _os_problem(exc)))
            continue
        if real in read_real:
            continue  # the same file named twice (as a file and inside a folder)
        read_real.add(real)
        if article_id in used_ids:
            article_id = found.as_posix()  # two folders holding the same relative name
        article_id = shown_name(article_id)
        used_ids.add(article_id)
        for item in _read_lenient(found, article_id, settings):
            if isinstance(item, Problem):
                problems.append(item)
            else:
                articles[item.id] = item
    return [articles[k] for k in sorted(articles)], problems


def read_file(path: Path, *, article_id: str, settings: Settings | None = None) -> list[Article]:
    """Read one file: a list of one article, or one per line for ``.jsonl``.

    Raises InputError naming the file and the problem (missing, unreadable, empty, binary,
    too large, malformed JSON, a quotedrift output; for JSONL, the first bad line as
    ``file.jsonl:N``). What a budget cut is said in ``Article.warnings``.
    """
    articles: list[Article] = []
    for item in _read_lenient(Path(path), article_id, settings or Settings()):
        if isinstance(item, Problem):
            if item.fatal or item.message == OWN_OUTPUT:
                raise InputError(item.path, item.message)
            continue  # a budget's cut: also in the article's warnings
        articles.append(item)
    return articles


def read_text(
    text: str,
    *,
    article_id: str,
    path: str,
    fmt: str = "txt",
    meta: Mapping[str, Any] | None = None,
    budget: Settings | None = None,
) -> Article:
    """Turn already-decoded text into an Article: extract the body (``fmt`` ``html``/``htm``),
    detect boilerplate and headline lines, and read outlet, date, wire and dateline.

    meta: metadata from the file (outlet/source/publisher/site, title/headline, date/published,
    url, wire); the text's own masthead and dateline take precedence for outlet and date.
    budget: settings whose ``max_html_extract_bytes`` and ``max_article_chars`` bound the work
    (None: no bound); what they cut is said in ``Article.warnings``.
    Raises InputError when there is no text (empty, whitespace only, or nothing extracted).
    """
    fields: dict[str, Any] = dict(_meta_fields(meta or {}))
    front_matter: list[int] = []
    cuts: list[str] = []
    if fmt.lower().lstrip(".") == "md":
        front, front_matter = _front_matter(text)
        for key, value in _meta_fields(front):
            fields.setdefault(key, value)
    if fmt.lower().lstrip(".") in ("html", "htm"):
        limit = budget.max_html_extract_bytes if budget is not None else None
        text, html_meta = _extract_html(text, path, limit, cuts)
        for key, value in html_meta.items():
            fields.setdefault(key, value)
    if not text.strip():
        raise InputError(path, "no text: the article is empty or whitespace only")
    if budget is not None and len(text) > budget.max_article_chars:
        text = _cut(text, budget.max_article_chars, cuts)

    spans = split_lines(text)
    lines = [text[s:e] for s, e in spans]
    found = read_text_metadata(lines)
    title = fields.get("title")
    layout = analyse_layout(
        text, masthead_lines=found.masthead_lines, title=title, furniture_lines=front_matter
    )

    outlet: str | None
    outlet_source: str | None
    if found.outlet:
        outlet, outlet_source = found.outlet, "masthead"
    elif fields.get("outlet"):
        outlet, outlet_source = fields["outlet"], "metadata"
    else:
        stem = Path(path.rsplit(":", 1)[0] if fmt == "jsonl" else path).stem
        outlet, outlet_source = (stem, "filename") if stem else (None, None)
    meta_date = parse_date(str(fields["date"])) if fields.get("date") else None
    # A date in the dateline is the story's own; metadata dates beat a date merely near the top.
    date = (found.date if found.dateline else None) or meta_date or found.date
    return Article(
        id=article_id,
        path=path,
        text=text,
        outlet=outlet,
        outlet_source=outlet_source,
        title=title or _headline_text(text, layout.headlines),
        date=date,
        wire=found.wire or fields.get("wire"),
        dateline=found.dateline,
        url=fields.get("url"),
        boilerplate=layout.boilerplate,
        headlines=layout.headlines,
        warnings=tuple(cuts),
    )


def _cut(text: str, limit: int, cuts: list[str]) -> str:
    """The start of ``text`` up to ``limit`` characters, ended at the last line break (else the
    last space) in its final tenth; the cut is noted in ``cuts``. Offsets stay valid: the kept
    text is a prefix."""
    end = limit
    for mark in ("\n", " "):
        at = text.rfind(mark, limit - limit // 10, limit)
        if at > 0:
            end = at + 1
            break
    cuts.append(
        f"cut to its first {end:,} characters of {len(text):,} (max_article_chars {limit:,}); "
        "nothing after the cut is read"
    )
    return text[:end]


def _front_matter(text: str) -> tuple[dict[str, str], list[int]]:
    """Simple ``key: value`` pairs of a Markdown file's YAML front matter (between ``---``
    lines at the very top), and the indexes of its lines; nothing when there is none."""
    lines = [text[start:end] for start, end in split_lines(text)]
    if lines[0].strip() != "---":
        return {}, []
    for end in range(1, min(len(lines), 60)):
        if lines[end].strip() in ("---", "..."):
            pairs: dict[str, str] = {}
            for line in lines[1:end]:
                key, sep, value = line.partition(":")
                if sep and key.strip() and not key.startswith((" ", "\t")):
                    pairs[key.strip()] = value.strip().strip("\"'")
            return pairs, list(range(end + 1))
    return {}, []


def shown_name(name: str | Path) -> str:
    """``name`` as text that can be written anywhere: a file name that is not valid UTF-8
    (Python keeps its bytes as lone surrogates) with each such byte as ``\\xNN``, so the id,
    the path in a report and every cache key encode; the file itself is opened by its Path."""
    text = str(name)
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(text).decode("utf-8", "backslashreplace")
    return text


def _headline_text(text: str, headlines: Sequence[tuple[int, int]]) -> str | None:
    if not headlines:
        return None
    start, end = headlines[0]
    return text[start:end].strip().lstrip("#").strip() or None


# ---------------------------------------------------------------------------------------------
# Walking folders


def _walk(paths: Sequence[str | Path], problems: list[Problem]) -> Iterator[tuple[Path, str]]:
    """(path as found, article id) for every file to read, in a stable order."""
    for arg in paths:
        root = Path(arg)
        try:
            is_dir = root.is_dir()
            exists = is_dir or root.exists() or root.is_symlink()
        except OSError as exc:
            problems.append(Problem(shown_name(root), _os_problem(exc)))
            continue
        if not exists:
            problems.append(Problem(shown_name(root), MISSING))
        elif is_dir:
            yield from _walk_dir(root, root, {os.path.realpath(root)}, problems)
        else:
            yield root, root.name


def _walk_dir(
    root: Path, folder: Path, ancestors: set[str], problems: list[Problem]
) -> Iterator[tuple[Path, str]]:
    try:
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        problems.append(Problem(shown_name(folder), _os_problem(exc)))
        return
    for entry in entries:
        if entry.name.startswith("."):
            continue  # .git, editor droppings
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()  # follows symlinks
        except OSError as exc:
            if path.suffix.lower() in ARTICLE_SUFFIXES or exc.errno == errno.ELOOP:
                problems.append(Problem(shown_name(path), _os_problem(exc)))
            continue
        if is_dir:
            real = os.path.realpath(path)
            if real in ancestors:
                problems.append(
                    Problem(
                        shown_name(path),
                        "symlink loop: it leads back to a folder being read; not followed",
                        fatal=False,
                    )
                )
                continue
            yield from _walk_dir(root, path, ancestors | {real}, problems)
        elif path.suffix.lower() in ARTICLE_SUFFIXES:
            if entry.is_symlink() and not path.exists():
                problems.append(Problem(shown_name(path), _broken_link(path)))
                continue
            yield path, path.relative_to(root).as_posix()


def _broken_link(path: Path) -> str:
    try:
        path.stat()
    except FileNotFoundError:
        return "broken symlink: its target does not exist"
    except OSError as exc:
        return _os_problem(exc)
    return "broken symlink"


def _os_problem(exc: OSError) -> str:
    if exc.errno == errno.ELOOP:
        return "symlink loop: the link points back to itself"
    if isinstance(exc, FileNotFoundError):
        return "vanished before it could be read (no such file)"
    if isinstance(exc, PermissionError):
        return "permission denied: make the file readable to read it"
    if isinstance(exc, IsADirectoryError):
        return "is a folder, not a file"
    return f"cannot be read ({exc.strerror or exc})"


# ---------------------------------------------------------------------------------------------
# Reading one file


def _read_lenient(path: Path, article_id: str, settings: Settings) -> Iterator[Article | Problem]:
    """Articles of one file, with a Problem in place of each part that cannot be read."""
    shown = shown_name(path)
    try:
        fmt = path.suffix.lower().lstrip(".") or "txt"
        data = _read_bytes(path, settings)
        document = document_kind(data, path.suffix.lower())
        if document is not None:
            body, meta = read_document(data, document, shown)
            article = read_text(body, article_id=article_id, path=shown, meta=meta, budget=settings)
            yield from _with_cuts(replace(article, encoding=document, warnings=()), article)
            return
        text, encoding, warnings = _decode(data, shown, fmt)
        parsed = parse_json(text, shown) if fmt == "json" else None
        if own_output(text, fmt, parsed):
            yield Problem(shown, OWN_OUTPUT, fatal=False)
            return
        if fmt == "jsonl":
            yield from _read_jsonl(text, shown, article_id, encoding, warnings, settings)
            return
        if fmt == "json":
            body, meta = json_article(parsed, shown)
            article = read_text(
                body, article_id=article_id, path=shown, fmt="json", meta=meta, budget=settings
            )
        else:
            article = read_text(text, article_id=article_id, path=shown, fmt=fmt, budget=settings)
        yield from _with_cuts(replace(article, encoding=encoding, warnings=warnings), article)
    except InputError as exc:
        yield Problem(exc.path, exc.problem)


def is_own_output(path: Path, settings: Settings | None = None) -> bool:
    """True when ``path`` holds an output quotedrift wrote (a compare report in HTML, Markdown
    or JSON, extract's JSON or JSONL): such a file in an input folder is skipped, not read back
    as an article. False for anything else, including a file that cannot be read."""
    fmt = path.suffix.lower().lstrip(".")
    try:
        text, _, _ = _decode(_read_bytes(path, settings or Settings()), str(path), fmt)
        data = parse_json(text, str(path)) if fmt == "json" else None
    except InputError:
        return False
    return own_output(text, fmt, data)


def _with_cuts(article: Article, read: Article) -> Iterator[Article | Problem]:
    """``article`` with the cuts ``read_text`` noted in ``read`` added to its warnings, and each
    cut as a non-fatal Problem too (said on stderr, not only in a report)."""
    for cut in read.warnings:
        yield Problem(article.path, cut, fatal=False)
    yield replace(article, warnings=article.warnings + read.warnings)


def _read_bytes(path: Path, settings: Settings) -> bytes:
    shown = shown_name(path)
    try:
        info = path.stat()
        if stat.S_ISDIR(info.st_mode):
            raise InputError(shown, "is a folder, not a file")
        if not stat.S_ISREG(info.st_mode):
            raise InputError(shown, _not_regular(info.st_mode))
        if info.st_size > settings.max_file_bytes:
            raise InputError(
                shown,
                f"{_size(info.st_size)} is over the {_size(settings.max_file_bytes)} limit; "
                "raise max_file_bytes to read it",
            )
        # Opened without blocking and checked again: a FIFO put in the file's place after
        # stat() would otherwise wait for a writer forever (O_NONBLOCK changes nothing for a
        # regular file).
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        with open(fd, "rb") as handle:
            mode = os.fstat(fd).st_mode
            if not stat.S_ISREG(mode):
                raise InputError(shown, _not_regular(mode))
            # Read one byte past the limit: the file may have grown since stat().
            data = handle.read(settings.max_file_bytes + 1)
    except OSError as exc:
        raise InputError(shown, _os_problem(exc)) from exc
    if len(data) > settings.max_file_bytes:
        raise InputError(shown, f"grew past the {_size(settings.max_file_bytes)} limit")
    return data


def _not_regular(mode: int) -> str:
    kind = (
        "a FIFO (named pipe)"
        if stat.S_ISFIFO(mode)
        else "a socket"
        if stat.S_ISSOCK(mode)
        else "a device"
        if stat.S_ISCHR(mode) or stat.S_ISBLK(mode)
        else "a special file"
    )
    return f"{kind}, not a regular file: only regular files are read"


def _size(n: int) -> str:
    if n >= 100_000:
        return f"{n / 1_000_000:.1f} MB"
    if n >= 1_000:
        return f"{n / 1_000:.1f} kB"
    return f"{n} bytes"


def _decode(data: bytes, shown: str, fmt: str = "txt") -> tuple[str, str, tuple[str, ...]]:
    """(text, encoding, warnings): UTF-8 (BOM or not), UTF-16 with a BOM, the charset an HTML
    page declares, else cp1252 with a warning. Raises InputError for empty or binary input."""
    if not data:
        raise InputError(shown, "empty file")
    for magic, kind in _MAGIC:
        if data.startswith(magic):
            raise InputError(shown, f"binary file ({kind}), not an article: {_READS}")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            text = data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise InputError(
                shown, f"has a UTF-16 byte order mark but is not UTF-16 ({exc})"
            ) from exc
        return _check_text(text, shown), "utf-16", ()
    if b"\x00" in data:
        raise InputError(shown, f"binary file (contains NUL bytes), not an article: {_READS}")
    if data.startswith(b"\xef\xbb\xbf"):
        try:
            return _check_text(data.decode("utf-8-sig"), shown), "utf-8-sig", ()
        except UnicodeDecodeError:
            data = data[3:]
    try:
        return _check_text(data.decode("utf-8"), shown), "utf-8", ()
    except UnicodeDecodeError:
        declared = _declared_charset(data) if fmt in ("html", "htm") else None
        if declared is not None:
            text = data.decode(declared, errors="replace")
            note = f"not UTF-8; decoded as {declared}, the charset the page declares"
            return _check_text(text, shown), declared, (note,)
        # cp1252 leaves five bytes undefined; "replace" keeps one character per byte there.
        text = data.decode("cp1252", errors="replace")
        return _check_text(text, shown), "cp1252", ("not UTF-8; decoded as cp1252",)


def _declared_charset(data: bytes) -> str | None:
    """The codec named by an HTML page's ``<meta charset>`` (or http-equiv) in its first 4 kB,
    when Python knows it and it is not UTF-8 (which has already failed)."""
    import codecs

    match = re.search(rb"<meta[^>]+charset\s*=\s*[\"']?\s*([A-Za-z0-9_.:-]+)", data[:4096], re.I)
    if match is None:
        return None
    try:
        name = codecs.lookup(match.group(1).decode("ascii")).name
    except LookupError:
        return None
    return None if name in ("utf-8", "utf-16", "utf-32") else name


def _check_text(text: str, shown: str) -> str:
    if not text.strip():
        raise InputError(shown, "only whitespace, no text")
    return text


def _read_jsonl(
    text: str,
    shown: str,
    article_id: str,
    encoding: str,
    warnings: tuple[str, ...],
    settings: Settings,
) -> Iterator[Article | Problem]:
    any_line = False
    # Split on newlines only: JSON strings may hold U+2028 and other characters that
    # str.splitlines() treats as line breaks.
    for number, line in enumerate(text.split("\n"), start=1):
        if not line.strip():
            continue
        any_line = True
        where = f"{shown}:{number}"
        try:
            body, meta = json_article(parse_json(line, where), where)
            article = read_text(
                body,
                article_id=f"{article_id}:{number}",
                path=where,
                fmt="jsonl",
                meta=meta,
                budget=settings,
            )
        except InputError as exc:
            yield Problem(exc.path, exc.problem)
            continue
        yield from _with_cuts(replace(article, encoding=encoding, warnings=warnings), article)
    if not any_line:
        yield Problem(shown, "only whitespace, no text")


def _meta_fields(meta: Mapping[str, Any]) -> Iterator[tuple[str, str]]:
    """Normalised (field, value) pairs from a JSON object or other metadata mapping."""
    for field, keys in (
        ("outlet", _OUTLET_KEYS),
        ("title", _TITLE_KEYS),
        ("date", _DATE_KEYS),
        ("url", _URL_KEYS),
        ("wire", _WIRE_KEYS),
    ):
        for key in keys:
            value = meta.get(key)
            if isinstance(value, Mapping):  # NewsAPI style: "source": {"name": "..."}
                value = value.get("name") or value.get("title")
            if isinstance(value, str) and value.strip():
                yield field, value.strip()
                break


# ---------------------------------------------------------------------------------------------
# HTML


def _extract_html(
    html: str, shown: str, limit: int | None = None, cuts: list[str] | None = None
) -> tuple[str, dict[str, str]]:
    """(main text, metadata) of an HTML page: trafilatura first, a plain lxml text dump when
    trafilatura finds nothing, or at once for a page over ``limit`` characters (noted in
    ``cuts``): trafilatura takes several seconds a megabyte, the dump a fraction of one."""
    if limit is not None and len(html) > limit:
        if cuts is not None:
            cuts.append(
                f"HTML page of {_size(len(html))} is over max_html_extract_bytes "
                f"({_size(limit)}): read as plain text, navigation and comments included"
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
