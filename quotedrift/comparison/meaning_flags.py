"""The meaning flags of an aligned version: a negation, number, name or hedge that the version
states otherwise than the original words it renders (see ``drift`` for what makes a change)."""

from __future__ import annotations

from collections.abc import Sequence

from quotedrift.comparison.aligned import Aligned
from quotedrift.comparison.names import is_name, unpaired
from quotedrift.comparison.normalise import Token
from quotedrift.lang.en.approximators import APPROXIMATOR_PHRASES, APPROXIMATORS
from quotedrift.lang.en.hedges import HEDGES
from quotedrift.lang.en.implicit_negators import IMPLICIT_NEGATORS
from quotedrift.lang.en.negators import NEGATORS
from quotedrift.lang.en.quantifiers import QUANTIFIERS

# How far before an excerpt a trimmed negator or hedge still governs its first words
# ('did "not support it"' excerpted as "support it").
_GOVERNS = 2
# How many following words a negator or hedge is taken to scope over.
_SCOPE = 3


def hedges(tokens: Sequence[Token]) -> list[str]:
    """The hedges in ``tokens`` (from ``normalise.tokenize``): hedge words ("allegedly", "may"),
    and approximators followed by a number ("about 50", "up to 300"); "as possible" and the
    month "May" are not hedges."""
    found: list[str] = []
    norms = [t.norm for t in tokens]
    for i, norm in enumerate(norms):
        number_next = i + 1 < len(tokens) and tokens[i + 1].number
        # "May" inside a sentence is the month
        if norm == "may" and tokens[i].capitalised and not tokens[i].sentence_start:
            continue
        if norm == "possible" and i > 0 and norms[i - 1] == "as":
            continue
        if (norm in HEDGES and norm not in APPROXIMATORS) or (
            norm in APPROXIMATORS and number_next
        ):
            found.append(norm)
        for phrase in APPROXIMATOR_PHRASES:
            k = len(phrase)
            if tuple(norms[i : i + k]) == phrase and i + k < len(tokens) and tokens[i + k].number:
                found.append(" ".join(phrase))
    return found


def _context(aligned: Aligned) -> list[Token]:
    """The original words that govern the version: the aligned region plus up to two trimmed
    words right before it in the same segment (where a negator or hedge would scope over it),
    less removed words whose next few words were removed too (they scoped over nothing kept:
    "we will not ... next year" drops the hedge of "may cut them" harmlessly)."""
    region = aligned.region()
    if not region:
        return []
    segments = aligned.segments
    first = region[0]
    lead = [i for i in range(max(0, first - _GOVERNS), first) if segments[i] == segments[first]]
    kept = aligned.kept_original()
    removed = {i for op, o, _v in aligned.blocks() if op == "drop" for i in o}

    def governs_kept(i: int) -> bool:
        following = range(i + 1, min(len(segments), i + 1 + _SCOPE))
        return any(k in kept and segments[k] == segments[i] for k in following)

    # A word trimmed right after the excerpt, with no punctuation between, still belongs to its
    # clause: "sometimes I'm not" excerpted as "sometimes I'm" loses its negation.
    last = region[-1]
    tail = []
    if last + 1 < len(segments) and segments[last + 1] == segments[last]:
        text = aligned.texts[segments[last]]
        following = aligned.original[last + 1]
        if not text[aligned.original[last].end : following.start].strip():
            tail.append(last + 1)
    return [
        aligned.original[i] for i in lead + region + tail if i not in removed or governs_kept(i)
    ]


def _counts(tokens: Sequence[Token]) -> list[Token]:
    # The word "one" is as often a pronoun or an article ("one young boy") as a count; the digit
    # is a count ("Day 1").
    return [t for t in tokens if t.number and t.surface.lower() != "one"]


def _number_change(aligned: Aligned, context: Sequence[Token]) -> tuple[list[str], list[str]]:
    """(original numbers, version numbers) where the version states a different value: numbers
    replaced by other numbers or a vague amount in one edit ("12" -> "20", "Ten" -> "Several"),
    else a number of the aligned stretch
    missing from the version while the version has a number the original never has. Both empty
    when the values agree or the version only leaves numbers out."""
    for op, o, v in aligned.blocks():
        if op != "replace":
            continue
        olds = _counts([aligned.original[i] for i in o])
        news = _counts([aligned.version[j] for j in v])
        if olds and news and {t.norm for t in olds} != {t.norm for t in news}:
            return [t.surface for t in olds], [t.surface for t in news]
        vague = [aligned.version[j].surface for j in v if aligned.version[j].norm in QUANTIFIERS]
        if olds and not news and vague:
            return [t.surface for t in olds], vague
    o_all = {t.norm for t in aligned.original if t.number}
    v_all = {t.norm for t in aligned.version if t.number}
    new = [t.surface for t in _counts(aligned.stretch()) if t.norm not in o_all]
    lost = [t.surface for t in _counts(context) if t.norm not in v_all]
    if new and lost:
        return lost, new
    return [], []


def meaning_flags(aligned: Aligned) -> list[tuple[str, str]]:
    """(flag, note) for each meaning flag that fires."""
    out: list[tuple[str, str]] = []
    version = aligned.stretch()
    context = _context(aligned)
    region = [aligned.original[i] for i in aligned.region()]

    # negation: explicit negators counted on both sides. Where the sides differ in words that
    # negate lexically ("have no basis" -> "lack grounding"), counts say nothing: compare presence.
    o_neg = sum(1 for t in context if t.norm in NEGATORS)
    v_neg = sum(1 for t in version if t.norm in NEGATORS)
    o_imp = sum(1 for t in context if t.norm in IMPLICIT_NEGATORS)
    v_imp = sum(1 for t in version if t.norm in IMPLICIT_NEGATORS)
    if o_imp != v_imp:  # noqa: SIM108 (two rules, each with its reason above)
        changed = bool(o_neg + o_imp) != bool(v_neg + v_imp)
    else:
        changed = o_neg != v_neg
    if changed:
        out.append(("negation_changed", f"negation_changed: {o_neg} negator(s) -> {v_neg}"))

    # numbers: the version states another value. A number left out with its clause is an
    # omission (an excerpt, or reported speech summing up), not a change; so is a number the
    # version adds with nothing it replaces (that is words never said).
    before, after = _number_change(aligned, context)
    if before and after:
        out.append(("number_changed", f"number_changed: {', '.join(before)} -> {', '.join(after)}"))

    # names: a name in the version the original lacks, while a name of the excerpt went missing
    # Pairing is one to one, so a name said twice and swapped once is still missed; a new name
    # must be absent from every capitalised word of the original, sentence starts included.
    new_names = unpaired(
        [t for t in version if is_name(t)], [t for t in aligned.original if t.capitalised]
    )
    gone_names = unpaired([t for t in region if is_name(t)], [t for t in version if is_name(t)])
    if new_names and gone_names:
        out.append(
            (
                "name_changed",
                "name_changed: "
                + ", ".join(t.surface for t in gone_names)
                + " -> "
                + ", ".join(t.surface for t in new_names),
            )
        )

    # hedges: fewer hedges in the version than in the original words it renders
    o_hedges = hedges(context)
    v_hedges = hedges(version)
    if len(o_hedges) > len(v_hedges):
        missing = [h for h in o_hedges if h not in v_hedges] or o_hedges
        out.append(("hedge_dropped", "hedge_dropped: " + ", ".join(missing)))
    return out
