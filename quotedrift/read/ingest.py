"""Files and folders -> Article records (text, outlet, date, wire credit, boilerplate ranges).

Reading never normalises the text: offsets in every later record index ``Article.text`` exactly
as decoded (``\\r\\n`` kept), so a report can always point back to the words. For HTML and JSON
the text is the extracted article body.
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any

from quotedrift.config import Settings
from quotedrift.errors import InputError
from quotedrift.read import folders
from quotedrift.read.boilerplate import analyse_layout, split_lines
from quotedrift.read.decoding import decode, read_bytes
from quotedrift.read.documents import document_kind, read_document
from quotedrift.read.folders import os_problem, shown_name
from quotedrift.read.html_text import extract_html
from quotedrift.read.json_article import json_article, parse_json
from quotedrift.read.metadata import parse_date, read_text_metadata
from quotedrift.read.own_outputs import OWN_OUTPUT, own_output
from quotedrift.records import Article, Problem

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
    for found, article_id in folders.walk(paths, problems):
        try:
            real = os.path.realpath(found)
        except OSError as exc:  # realpath itself can fail on a vanished parent
            problems.append(Problem(shown_name(found), os_problem(exc)))
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
        text, html_meta = extract_html(text, path, limit, cuts)
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


def _headline_text(text: str, headlines: Sequence[tuple[int, int]]) -> str | None:
    if not headlines:
        return None
    start, end = headlines[0]
    return text[start:end].strip().lstrip("#").strip() or None


# ---------------------------------------------------------------------------------------------
# Reading one file


def _read_lenient(path: Path, article_id: str, settings: Settings) -> Iterator[Article | Problem]:
    """Articles of one file, with a Problem in place of each part that cannot be read."""
    shown = shown_name(path)
    try:
        fmt = path.suffix.lower().lstrip(".") or "txt"
        data = read_bytes(path, settings)
        document = document_kind(data, path.suffix.lower())
        if document is not None:
            body, meta = read_document(data, document, shown)
            article = read_text(body, article_id=article_id, path=shown, meta=meta, budget=settings)
            yield from _with_cuts(replace(article, encoding=document, warnings=()), article)
            return
        text, encoding, warnings = decode(data, shown, fmt)
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
        text, _, _ = decode(read_bytes(path, settings or Settings()), str(path), fmt)
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
