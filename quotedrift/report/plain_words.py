"""Drift in plain words: tier labels, flag descriptions, outlet and speaker names, word joining.

Shared by every renderer (``report/text.py`` for text formats, ``report/html.py`` for the page),
so a flag reads the same in the terminal, in Markdown and in HTML.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from quotedrift.records import TIER_ORDER, Article, Drift, Quote, Speaker, Version

TIER_LABELS: dict[str, str] = {
    "verbatim": "verbatim",
    "typographic": "typographic changes only",
    "excerpt": "faithful excerpt",
    "indirect": "indirect paraphrase",
    "reworded": "reworded",
    "paraphrased": "paraphrased in quotation marks",
    "meaning_changed": "meaning changed",
    "attribution_changed": "credited to someone else",
    "unsupported": "no source found",
}
"""Tier names in plain words, for readers who have not read the docs."""

FIDELITY_TIERS: frozenset[str] = frozenset({"verbatim", "typographic", "excerpt", "indirect"})
"""Tiers that count as faithful in the outlet fidelity rate."""

_COUNT_WORDS = {2: "two", 3: "three", 4: "four", 5: "five"}
_HEDGES = frozenset(
    {
        "may",
        "might",
        "could",
        "possibly",
        "perhaps",
        "likely",
        "probably",
        "allegedly",
        "reportedly",
        "about",
        "around",
        "approximately",
        "nearly",
        "almost",
        "some",
        "seems",
        "appears",
        "suggests",
        "believe",
        "believes",
        "think",
        "thinks",
        "unlikely",
        "potentially",
        "apparently",
    }
)
_NEGATIONS = frozenset({"not", "no", "never", "n't", "nor", "none", "nobody", "nothing", "cannot"})
_NUMBER_RE = re.compile(
    r"\d|^(?:one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|"
    r"hundred|thousand|million|billion|dozen|half|percent)$",
    re.IGNORECASE,
)
# Closing punctuation hugs the word before it; opening punctuation hugs the word after it.
_NO_SPACE_BEFORE = frozenset(",.;:!?)]}'\u2019\u201d%")
_NO_SPACE_AFTER = frozenset("([{\u2018\u201c$")
ELLIPSES: frozenset[str] = frozenset({"...", "\u2026", "[...]", "[\u2026]", "(...)", ". . ."})
"""Elision marks an outlet prints; they stand apart from the word before them."""


# ---------------------------------------------------------------------------------------------
# Small shared helpers (report/html.py uses them too)


def round3(value: float) -> float:
    """``value`` rounded to 3 places, with -0.0 folded into 0.0 so output stays byte-stable."""
    rounded = round(float(value), 3)
    return 0.0 if rounded == 0 else rounded


def join_words(words: Iterable[str]) -> str:
    """Join tokens with spaces, without a space before closing or after opening punctuation."""
    out = ""
    for word in words:
        hugs = word[:1] in _NO_SPACE_BEFORE and word not in ELLIPSES
        if out and not (hugs or out[-1] in _NO_SPACE_AFTER):
            out += " "
        out += word
    return out


def outlet_of(article: Article | None, fallback: str | None = None) -> str:
    """The name to show for an article's outlet: its outlet, else ``fallback``, else the file."""
    if article is not None and article.outlet:
        return article.outlet
    if fallback:
        return fallback
    if article is not None:
        return article.path.rsplit("/", 1)[-1]
    return "unknown outlet"


def version_outlet(version: Version, articles: dict[str, Article]) -> str:
    """The outlet name for a version (the version's own, its article's, else the file name)."""
    article = articles.get(version.quote.article)
    if version.outlet:
        return version.outlet
    return outlet_of(article)


def in_place(outlet: str, quote: Quote | None) -> str:
    """Where a reader finds the quotation: the outlet, and "(headline)" when it is the
    headline's ("Island Post (headline)")."""
    return f"{outlet} (headline)" if quote is not None and quote.headline else outlet


def version_place(version: Version, articles: dict[str, Article]) -> str:
    """``version_outlet``, marked "(headline)" for a quotation from the headline."""
    return in_place(version_outlet(version, articles), version.quote)


def speaker_shown(name: str, mention: str | None) -> str:
    """A speaker as an editor reads it: the name the mention resolved to, with the mention as
    written beside it where it does not hold the name ("Tom Fox (as written: he)"), so that
    "attributed to he" is never all a report says. A mention that holds the name ("US Attorney
    Leah Foley", "The port operator") is shown as written."""
    if not mention:
        return name
    if " ".join(name.split()).lower() in " ".join(mention.split()).lower():
        return mention
    return f"{name} (as written: {mention})"


def version_speaker(version: Version) -> str:
    """The speaker of a version as shown (``speaker_shown``); "" when it has none."""
    ref = version.quote.speaker
    if ref is None:
        return version.speaker_as_written or ""
    return speaker_shown(ref.name, version.speaker_as_written or ref.mention)


def speaker_label(speaker: Speaker | None, fallback: str = "unknown speaker") -> str:
    """A speaker as a reader would name them: ``Name (first title)``."""
    if speaker is None:
        return fallback
    if speaker.titles:
        return f"{speaker.name} ({speaker.titles[0]})"
    return speaker.name


def _number_like(word: str) -> bool:
    return bool(_NUMBER_RE.search(word))


_NOTE_RE = re.compile(r"^([a-z_]+):\s*(.+)$", re.DOTALL)


def _note_details(drift: Drift) -> dict[str, str]:
    """Details the drift stage wrote as ``<flag>: <detail>`` notes, by flag."""
    details: dict[str, str] = {}
    for note in drift.notes:
        match = _NOTE_RE.match(note)
        if match and match.group(1) in drift.flags:
            details.setdefault(match.group(1), match.group(2).strip())
    return details


def free_notes(drift: Drift) -> list[str]:
    """The notes that are not the detail of one of the flags (those show inside the flag)."""
    return [
        note
        for note in drift.notes
        if not ((m := _NOTE_RE.match(note)) and m.group(1) in drift.flags)
    ]


def _number_changes(drift: Drift) -> list[str]:
    """``12 -> 20`` for each replace edit whose numbers differ; only the numbers are shown."""
    found: list[str] = []
    for edit in drift.edits:
        if edit.op != "replace":
            continue
        before = [w for w in edit.original if _number_like(w)]
        after = [w for w in edit.version if _number_like(w)]
        if before != after:
            found.append(f"{' '.join(before) or '(none)'} -> {' '.join(after) or '(none)'}")
    return found


def _name_changes(drift: Drift) -> list[str]:
    found: list[str] = []
    for edit in drift.edits:
        if edit.op == "replace" and any(w[:1].isupper() for w in edit.original + edit.version):
            found.append(f"{join_words(edit.original)} -> {join_words(edit.version)}")
    return found


def _words(phrases: Iterable[str]) -> list[str]:
    """Single words out of the drift stage's added/dropped phrases."""
    return [word for phrase in phrases for word in phrase.split()]


def _with_detail(label: str, detail: str | list[str] | tuple[str, ...], sep: str = ", ") -> str:
    text = detail if isinstance(detail, str) else sep.join(detail)
    return f"{label}: {text}" if text else label


def describe_flag(flag: str, version: Version) -> str:
    """One drift flag in plain words, with the words concerned.

    The detail comes from the drift stage's ``<flag>: <detail>`` note when there is one, else from
    the edits: ``number_changed`` becomes ``number changed: 12 -> 20``; ``words_never_said`` lists
    the added words; ``merged`` says how many quotations were merged. An unknown flag comes back
    with its underscores turned to spaces, so a new flag still reads sensibly. Raises nothing.
    """
    drift = version.drift
    noted = _note_details(drift).get(flag)
    if flag == "words_never_said":
        return _with_detail("words the speaker never said", noted or drift.added)
    if flag == "number_changed":
        return _with_detail("number changed", noted or _number_changes(drift), "; ")
    if flag == "name_changed":
        return _with_detail("name changed", noted or _name_changes(drift), "; ")
    if flag == "negation_changed":
        words = [w for w in _words(drift.added + drift.dropped) if w.lower() in _NEGATIONS]
        return _with_detail("negation changed", noted or words)
    if flag == "hedge_dropped":
        hedges = [w for w in _words(drift.dropped) if w.lower() in _HEDGES]
        return _with_detail("hedge dropped", noted or hedges)
    if flag == "merged":
        n = len(version.original_quote_ids)
        return f"merged {_COUNT_WORDS.get(n, str(n))} quotations" if n > 1 else "merged quotations"
    if flag == "split":
        return "one of several pieces of a split quotation"
    if flag == "silent_elision":
        return _with_detail("words cut without an ellipsis", noted or drift.dropped)
    if flag == "marked_elision":
        return "words cut, marked with an ellipsis"
    if flag == "attribution_changed":
        who = version_speaker(version)
        return f"speaker changed: attributed to {who}" if who else "speaker changed"
    if flag == "unsupported":
        return "no source found in the original"
    return _with_detail(flag.replace("_", " "), noted or "")


def describe_flags(version: Version) -> list[str]:
    """Every flag of a version in plain words, in the order the drift stage gave them."""
    return [describe_flag(flag, version) for flag in version.drift.flags]


def display_original(texts: Iterable[str]) -> str:
    """Several original quotations shown as one, with a bracketed ellipsis between them."""
    return " [\u2026] ".join(texts)


def severity_key(version: Version) -> tuple[int, float]:
    """Sort key, most severe last: the tier's rank, then the drift score."""
    tier = version.drift.tier
    rank = TIER_ORDER.index(tier) if tier in TIER_ORDER else len(TIER_ORDER)
    return (rank, version.drift.score)
