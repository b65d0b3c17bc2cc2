"""Metadata read from an article's own text: outlet masthead, date, wire credit and dateline.

Everything here works on lines of the decoded text and returns plain values; ``ingest`` decides
how they combine with metadata from the file (HTML meta tags, JSON fields).
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Sequence
from dataclasses import dataclass

from quotedrift.lang.en.months import MONTHS
from quotedrift.lang.en.news_agencies import AGENCIES

_MONTH = (
    r"(?P<month>Jan(?:uary)?|Feb(?:ruary)?|Mar(?:ch)?|Apr(?:il)?|May|June?|July?|Aug(?:ust)?"
    r"|Sept?(?:ember)?|Oct(?:ober)?|Nov(?:ember)?|Dec(?:ember)?)\.?"
)
_DATE_PATTERNS = (
    # "Jul 01, 2025", "July 1, 2025", "March 3 2026"
    re.compile(_MONTH + r"\s+(?P<day>\d{1,2}),?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # "1 July 2025"
    re.compile(r"\b(?P<day>\d{1,2})\s+" + _MONTH + r",?\s+(?P<year>(?:19|20)\d\d)\b", re.I),
    # ISO "2025-07-01" (optionally followed by a time)
    re.compile(r"(?<!\d)(?P<year>(?:19|20)\d\d)-(?P<mnum>\d\d)-(?P<day>\d\d)(?!\d)"),
)

_AGENCY_ALT = "|".join(
    re.escape(name) for name in sorted(AGENCIES, key=len, reverse=True) if len(name) > 3
)

# "Washington, July 1 (AFP) Jul 01, 2025", "WASHINGTON (Reuters) -", "Harbourton, March 3 (NPA) -"
_DATELINE = re.compile(
    r"^\s*(?P<place>[A-Z][A-Za-z.'\- ]{1,40}?)"
    r"(?:\s*,\s*[A-Z][A-Za-z.'\- ]{1,30}?)?"  # ", Mass." style state or country
    r"(?:\s*,?\s*" + _MONTH + r"\s+\d{1,2})?"
    r"\s*\((?P<wire>[A-Z][A-Za-z]{1,9}(?:[ -][A-Z][A-Za-z]+)?)\)"
)
# A credit line of its own: "Copyright Agence France-Presse", "— The Associated Press".
_CREDIT_LINE = re.compile(
    r"^\s*(?:(?:all rights reserved\.?\s*)?(?:copyright|\(c\)|©)\s*(?:\d{4}\s*)?"
    r"|[—–-]{1,2}\s*)"
    r"(?P<name>(?:" + _AGENCY_ALT + r"))\b",
    re.I,
)
# A full agency name with its acronym: "Northern Press Agency (NPA)".
_NAMED_AGENCY = re.compile(
    r"\b(?:[A-Z][a-z]+ ){1,4}(?:Press|News) (?:Agency|Service)\s*\((?P<short>[A-Z]{2,6})\)"
)
_PAREN_AGENCY = re.compile(r"\((?P<name>Reuters|AFP|AP|dpa|ANSA|Xinhua|Kyodo|UPI|EFE|Yonhap)\)")

_DOMAIN = r"(?P<site>[A-Za-z0-9][A-Za-z0-9-]*)\.(?:com|net|org|news|info|co\.uk|co|io|tv)\b"
# "Ferry News from HarbourDaily.com", "HarbourDaily.com"
_MASTHEAD_DOMAIN = re.compile(r"^(?:[\w'&,\- ]{0,60}\s(?:from|at|by|on)\s+)?" + _DOMAIN + r"\s*$")
_MASTHEAD_WORDS = re.compile(
    r"\b(?:news|times|post|daily|journal|herald|tribune|gazette|hub|wire|press|chronicle|"
    r"courier|observer|telegraph|record|standard|review|mail|star|sun|guardian|today|weekly|"
    r"bulletin|dispatch|reporter|monitor|express|examiner|inquirer|media)\b",
    re.I,
)


@dataclass(frozen=True)
class TextMetadata:
    """What the text itself says about the article.

    outlet: the masthead's outlet name, or None; masthead_lines: indexes of the masthead lines.
    date: ISO date from the dateline or the top of the text; wire / dateline: from a dateline
    or a credit line.
    """

    outlet: str | None
    masthead_lines: tuple[int, ...]
    date: str | None
    wire: str | None
    dateline: str | None


def parse_date(text: str) -> str | None:
    """The first date written in ``text`` ("Jul 01, 2025", "1 July 2025", "2025-07-01") as an
    ISO ``YYYY-MM-DD`` string, or None when there is no valid date."""
    found: list[tuple[int, str]] = []
    for pattern in _DATE_PATTERNS:
        for match in pattern.finditer(text):
            iso = _iso(match)
            if iso is not None:
                found.append((match.start(), iso))
                break
    return min(found)[1] if found else None


def _iso(match: re.Match[str]) -> str | None:
    parts = match.groupdict()
    month = (
        int(parts["mnum"]) if parts.get("mnum") else MONTHS.get(parts["month"].lower().rstrip("."))
    )
    if month is None:
        return None
    try:
        return datetime.date(int(parts["year"]), month, int(parts["day"])).isoformat()
    except ValueError:  # "February 30"
        return None


def masthead_outlet(line: str) -> str | None:
    """The outlet a masthead line names through its web address ("Ferry News from
    HarbourDaily.com" -> "HarbourDaily"), or None when the line is not such a masthead."""
    match = _MASTHEAD_DOMAIN.match(line.strip())
    return match.group("site") if match else None


def looks_like_masthead_name(line: str) -> bool:
    """A short line with no final punctuation that reads like a publication's name
    ("K- Post", "Kelp Coast Post", "The Harbourton Herald")."""
    stripped = line.strip()
    words = stripped.split()
    return (
        0 < len(words) <= 4
        and len(stripped) <= 40
        and not stripped.endswith((".", "!", "?", ",", ";", ":", '"', "”"))
        and bool(_MASTHEAD_WORDS.search(stripped))
    )


def agency_short_name(name: str) -> str | None:
    """The short name of a news agency ("Agence France-Presse" -> "AFP"), None if unknown."""
    return AGENCIES.get(" ".join(name.lower().split()))


def find_dateline(line: str) -> tuple[str, str, str | None] | None:
    """(place, wire short name, ISO date or None) when ``line`` opens with a dateline
    ("Washington, July 1 (AFP) Jul 01, 2025"), else None."""
    match = _DATELINE.match(line)
    if match is None:
        return None
    wire_raw = match.group("wire")
    wire = agency_short_name(wire_raw) or (wire_raw if wire_raw.isupper() else None)
    if wire is None:
        return None
    return match.group("place").strip(), wire, parse_date(line)


def find_credit(lines: Sequence[str]) -> str | None:
    """The wire agency credited anywhere in ``lines`` (a copyright or dash credit line, a full
    agency name with its acronym, or a parenthesised agency), as its short name."""
    for line in lines:
        match = _CREDIT_LINE.match(line)
        if match:
            return agency_short_name(match.group("name"))
    for line in lines:
        named = _NAMED_AGENCY.search(line)
        if named:
            return named.group("short")
    for line in lines:
        paren = _PAREN_AGENCY.search(line)
        if paren:
            return agency_short_name(paren.group("name")) or paren.group("name")
    return None


def is_credit_line(line: str) -> bool:
    """A line that only credits an agency ("— The Associated Press", "Copyright Reuters")."""
    match = _CREDIT_LINE.match(line)
    return bool(match) and len(line.split()) <= 8


def read_text_metadata(lines: Sequence[str], top: int = 12) -> TextMetadata:
    """Outlet, date, wire and dateline from the text's lines (each without its line ending).

    The masthead is looked for among the first non-blank lines only, before anything that reads
    like a headline or a paragraph; the date prefers the dateline, then the first date in the
    top ``top`` non-blank lines.
    """
    nonblank = [i for i, line in enumerate(lines) if line.strip()]
    outlet, masthead = _masthead(lines, nonblank)

    dateline = wire = date = None
    for i in nonblank[:top]:
        found = find_dateline(lines[i])
        if found:
            dateline, wire, date = found
            break
    if wire is None:
        wire = find_credit(lines)
    if date is None:
        for i in nonblank[:top]:
            date = parse_date(lines[i])
            if date:
                break
    return TextMetadata(outlet, tuple(masthead), date, wire, dateline)


def _masthead(lines: Sequence[str], nonblank: Sequence[int]) -> tuple[str | None, list[int]]:
    # A masthead sits at the very top: the first one or two lines, before the headline.
    names: list[str] = []
    indexes: list[int] = []
    for i in nonblank[:2]:
        line = lines[i].strip()
        site = masthead_outlet(line)
        if site:
            return site, [*indexes, i]
        if looks_like_masthead_name(line):
            names.append(line)
            indexes.append(i)
            continue
        break
    if not names:
        return None, []
    # Of two name lines, the first is the outlet's name. The second is part of it only when it
    # is the same name written another way (a short form over its spelled-out form, "KC Post" and
    # "Kelp Coast Post"), and then both are kept as a reader would cite them; otherwise it is a
    # section or a tagline ("Local News", "Your Island Weekly"), not the outlet's name.
    if len(names) == 2 and _one_name(names[0], names[1]):
        return f"{names[0]} ({names[1]})", indexes
    return names[0], indexes


def _one_name(a: str, b: str) -> bool:
    """Whether the shorter of two name lines is a short form of the other: each of its words, in
    order, is a word of the longer line or the initial of one (a one-letter word, or a word in
    capitals the longer line does not hold, stands for initials), and the longer line has more
    words than the short form spells out ("K- Post" or "KC Post" over "Kelp Coast Post"; not
    "Local News" under "The Harbourton Herald")."""
    short, long_ = sorted((a, b), key=len)
    words = [w.casefold() for w in _name_words(long_)]
    pieces: list[tuple[str, bool]] = []  # (text, whether it is an initial)
    for word in _name_words(short):
        if len(word) == 1 or (word.isupper() and word.isalpha() and word.casefold() not in words):
            pieces.extend((c, True) for c in word.casefold())
        else:
            pieces.append((word.casefold(), False))
    spelled_out = sum(1 for _, initial in pieces if not initial)
    if not pieces or len(words) <= spelled_out:
        return False
    rest = iter(words)  # each piece is looked for after the word the one before matched
    return all(
        any(w.startswith(text) if initial else w == text for w in rest) for text, initial in pieces
    )


def _name_words(line: str) -> list[str]:
    """The words of a name line with their punctuation taken off ("K-" -> "K")."""
    words = ("".join(c for c in word if c.isalnum()) for word in line.split())
    return [w for w in words if w]
