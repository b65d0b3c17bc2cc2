"""Which lines of a scraped article are furniture (tickers, ads, navigation, link lists, credits)
and which line is the headline.

Decisions are made per whole line. The rules are conservative: a line that reads like a story
paragraph (long and ending in sentence punctuation, or holding a quotation) is never furniture,
because a quotation lost to a boilerplate range is a quotation no stage can report.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotedrift.lang.en.boilerplate_labels import BOILERPLATE_LABELS
from quotedrift.read.metadata import find_dateline, is_credit_line, masthead_outlet
from quotedrift.records import Span

_TICKER_TOKEN = re.compile(r"^(?:[A-Z]{2,5}|[-+]?[\d][\d.,]*%?|[▲▼↑↓+\-]|\([-+]?[\d.,]+%?\))$")
_COUNTER = re.compile(
    r"^(?:\d[\d,.]*\s*[kKmM]?\s+)?(?:readers?|shares?|reactions?|comments?|views?|likes?|"
    r"reads?|min(?:ute)?s? read)$",
    re.I,
)
_LOADING = re.compile(
    r"^(?:additional |more )?(?:articles?|stories|content|comments)?\s*loading\s*(?:\.\.\.|…)?$"
    r"|^loading\s*(?:\.\.\.|…)?$",
    re.I,
)
_PHOTO = re.compile(
    r"^(?:photo|photograph|image|picture|file photo|photo credit|credit)s?\s*(?::|©|by\b)", re.I
)
# "Copyright Agence France-Presse", "Copyright 2026 Reuters", "© 2026 ...": not "Copyright law".
_COPYRIGHT = re.compile(
    r"^(?:(?i:all rights reserved)\b|©|\((?i:c)\)\s*\d{4}"
    r"|(?i:copyright)\s*(?:©|\((?i:c)\)|\d{4}|[A-Z]))"
)
_NAV_SEPARATORS = re.compile(r"\s+[•|·›»/]\s+")
_QUOTE_CHARS = '"“”«»„'
_SENTENCE_END = (".", "!", "…", '"', "”", "’", "'", ":")
_WORD = re.compile(r"[\w'’]+")


@dataclass(frozen=True)
class Layout:
    """Line-level reading of an article: boilerplate and headline ranges (whole lines)."""

    boilerplate: tuple[Span, ...]
    headlines: tuple[Span, ...]


def split_lines(text: str) -> list[Span]:
    """The span of every line of ``text`` without its line ending (``\\n``, ``\\r\\n``, ``\\r``),
    so offsets stay those of the text as read."""
    spans: list[Span] = []
    start = 0
    for match in re.finditer(r"\r\n|\n|\r", text):
        spans.append((start, match.start()))
        start = match.end()
    spans.append((start, len(text)))
    return spans


def _norm(line: str) -> str:
    return " ".join(line.strip().lstrip("#").split()).casefold()


def _words(line: str) -> int:
    return len(_WORD.findall(line))


def is_story_paragraph(line: str) -> bool:
    """True for a line that must never be boilerplate: it holds a quotation, or it is long
    enough and ends like a sentence, or it is very long whatever its ending."""
    stripped = line.strip()
    if any(c in stripped for c in _QUOTE_CHARS):
        return True
    if stripped.startswith(("—", "–")) and not is_credit_line(stripped):
        return True  # dash attribution ("— Editorial Board") belongs to the quote above it
    words = _words(stripped)
    return (words >= 6 and stripped.endswith(_SENTENCE_END)) or words >= 30


def is_ticker(line: str) -> bool:
    """A currency or stock ticker line ("USD USD 1.00 EUR EUR 0.85")."""
    tokens = line.split()
    if len(tokens) < 3 or not all(_TICKER_TOKEN.match(t) for t in tokens):
        return False
    has_number = any(t[-1].isdigit() or t.endswith("%") for t in tokens)
    has_code = any(t.isalpha() and t.isupper() for t in tokens)
    return has_number and has_code


def furniture_kind(line: str) -> str | None:
    """The kind of furniture a single line is, judged alone ("ticker", "label", "counter",
    "photo", "copyright", "masthead", "navigation", "fragment"), or None."""
    stripped = line.strip()
    if not stripped:
        return None
    # Checked before the paragraph test: a copyright notice is long and ends with a full stop.
    if _COPYRIGHT.match(stripped) or is_credit_line(stripped):
        return "copyright"
    if is_ticker(stripped):
        return "ticker"
    if is_story_paragraph(stripped):
        return None
    norm = _norm(stripped)
    if norm in BOILERPLATE_LABELS or norm.rstrip(":") in BOILERPLATE_LABELS:
        return "label"
    if _COUNTER.match(norm) or _LOADING.match(norm):
        return "counter"
    if _PHOTO.match(stripped) and _words(stripped) <= 10:
        return "photo"
    if masthead_outlet(stripped):
        return "masthead"
    words = _words(stripped)
    if stripped.isupper() and words <= 5 and not stripped.endswith(_SENTENCE_END):
        return "label"  # section labels: "TECHNOLOGY", "LATEST EDITION"
    parts = _NAV_SEPARATORS.split(stripped)
    if len(parts) >= 3 and all(0 < _words(p) <= 4 for p in parts):
        return "navigation"  # "Breaking News • Analysis • Opinion"
    if len(stripped) <= 2 and stripped.isalnum():
        return "fragment"  # a stray letter left by the scraper ("T")
    return None


def _title_like(line: str) -> bool:
    """A short line without closing sentence punctuation: a headline or a link in a list."""
    stripped = line.strip().lstrip("#").strip()
    if stripped.startswith(("-", "*", "•", "+")):
        return False  # a bulleted list inside the story, not a list of links
    words = _words(stripped)
    if not 2 <= words <= 20 or is_story_paragraph(stripped):
        return False
    return not stripped.endswith((".", ",", ";", ":", "!", "…"))


def analyse_layout(
    text: str,
    *,
    masthead_lines: Sequence[int] = (),
    title: str | None = None,
    furniture_lines: Sequence[int] = (),
) -> Layout:
    """Boilerplate and headline ranges of ``text``.

    masthead_lines: indexes of lines already known to be the masthead (from metadata);
    furniture_lines: indexes of other lines known to be furniture (Markdown front matter);
    title: the headline from the file's metadata, if any: a line equal to it is a headline.
    Returns whole-line ranges; consecutive boilerplate lines (blank lines between them
    included) are merged into one range.
    """
    spans = split_lines(text)
    lines = [text[s:e] for s, e in spans]
    kinds: list[str | None] = [furniture_kind(line) for line in lines]
    for i in masthead_lines:
        kinds[i] = "masthead"
    for i in furniture_lines:
        kinds[i] = "front matter"

    headline_idx = _headlines(lines, kinds, title)

    # A line printed twice is furniture the second time (a repeated headline, a masthead
    # repeated at the foot); paragraphs of the story are protected by is_story_paragraph.
    seen: set[str] = set()
    for i, line in enumerate(lines):
        norm = _norm(line)
        if not norm:
            continue
        if norm in seen and not is_story_paragraph(line) and kinds[i] is None:
            kinds[i] = "repeat"
        seen.add(norm)

    _mark_link_lists(lines, kinds, headline_idx)

    boiler = [i for i, k in enumerate(kinds) if k is not None]
    return Layout(
        boilerplate=_merge([spans[i] for i in boiler], text),
        headlines=tuple(_trim(spans[i], text) for i in sorted(headline_idx)),
    )


# Quotation marks, told from apostrophes inside words ("Trump's") by what stands beside them.
_MARKS = re.compile(
    "[\"\u201c\u201d\u00ab\u00bb\u201e]|(?<!\\w)['\u2018\u2019]|['\u2018\u2019](?!\\w)"
)
# An abbreviation ending a headline ("... Tells U.S."), not a full stop.
_FINAL_ABBREVIATION = re.compile(r"(?<![\w.])(?:[A-Z]\.){2,}$")


def _as_headline(line: str) -> str:
    """``line`` as the headline test reads it: a headline quoting someone ("Lee Calls Plan
    'Reckless'") is still a headline, so its quotation marks are left out, and so is the dot
    of an abbreviation it ends with."""
    bare = _MARKS.sub("", line).rstrip()
    return bare[:-1] if _FINAL_ABBREVIATION.search(bare) else bare


def _headlines(lines: Sequence[str], kinds: Sequence[str | None], title: str | None) -> set[int]:
    found: set[int] = set()
    if title and title.strip():
        want = _norm(title)
        found = {i for i, line in enumerate(lines) if _norm(line) == want}
    if not found:
        # The first title-like line above the first paragraph is the headline.
        for i, line in enumerate(lines):
            if not line.strip() or kinds[i] is not None:
                continue
            line = _as_headline(line)
            if is_story_paragraph(line):
                break
            if find_dateline(line):
                continue  # "Harbourton, March 3 (NPA) -" opens the story; it is no headline
            markdown_h1 = line.lstrip().startswith("# ")
            if _title_like(line) and (_words(line) >= 3 or markdown_h1):
                found = {i}
                break
    if found:
        # The same headline printed again further down (often in capitals) is one too.
        wanted = {_norm(lines[i]) for i in found}
        found |= {i for i, line in enumerate(lines) if _norm(line) in wanted}
    return found


def _mark_link_lists(lines: Sequence[str], kinds: list[str | None], headline_idx: set[int]) -> None:
    """Runs of three or more consecutive title-like lines ("more stories" lists, each often
    under a section header like "24/7 News Coverage") are furniture."""
    run: list[int] = []

    def close() -> None:
        titles = [i for i in run if kinds[i] is None and i not in headline_idx]
        if len(run) >= 3 and len(titles) >= 2:
            for i in titles:
                kinds[i] = "links"
        run.clear()

    for i, line in enumerate(lines):
        if line.strip() and (_title_like(line) or kinds[i] in ("masthead", "repeat")):
            run.append(i)
        else:
            close()
    close()


def _trim(span: Span, text: str) -> Span:
    start, end = span
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    return start, end


def _merge(spans: Sequence[Span], text: str) -> tuple[Span, ...]:
    merged: list[Span] = []
    for span in spans:
        start, end = _trim(span, text)
        if start == end:
            continue
        if merged and not text[merged[-1][1] : start].strip():
            merged[-1] = (merged[-1][0], end)
        else:
            merged.append((start, end))
    return tuple(merged)
