"""How one version of a quotation differs from its original: metrics, edit operations, flags, tier.

The editor's view decides the tiers. Inside quotation marks the words must be the speaker's:
- verbatim: the same characters; typographic: the same words once typography and spelling are
  normalised; excerpt: the original's words in order, trimmed at the ends, or with a removal
  marked by an ellipsis; or a cut of the same utterance overlapping it (a long run of its words,
  the version going on where the original's quotation is cut).
- A removal mid-quote with no ellipsis (silent elision) is at least ``reworded``: every word is the
  speaker's, but the quotation presents as continuous speech what was not.
- reworded: mostly the speaker's words, some changed; paraphrased: mostly new words in quotation
  marks. The boundary is lexical (how many of the version's words the original has), not the
  embedding cosine, which stays high for close paraphrases.
- Any meaning flag (number, name, negation, hedge) makes it ``meaning_changed``, also for indirect
  speech; otherwise indirect speech is ``indirect``, since paraphrase is allowed outside marks. A
  meaning flag needs the version to state another value in the stretch it renders: leaving a
  number or a clause out is an excerpt or an elision, not a change of meaning.
- The words of the original's speaker credited to another person (relation
  ``attribution_changed`` from the aligner, which compares resolved identities, so one person
  written two ways is never a change) is ``attribution_changed``, ranked above
  ``meaning_changed``.
"""

from __future__ import annotations

import dataclasses
import itertools
from collections.abc import Callable, Collection, Sequence

from quotedrift.comparison.align import RUN_MIN_WORDS
from quotedrift.comparison.aligned import Aligned, align_texts
from quotedrift.comparison.meaning_flags import meaning_flags
from quotedrift.comparison.names import known
from quotedrift.comparison.normalise import Token, normalize_typography, stem
from quotedrift.comparison.word_align import levenshtein
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.negators import NEGATORS
from quotedrift.records import MEANING_FLAGS, Drift, Edit, Metrics, QuoteKind, Tier

RELATIONS = ("same", "merged", "split", "attribution_changed", "unsupported")

# Score bands per tier: (low, high); within a band the score grows with dissimilarity.
BANDS: dict[str, tuple[float, float]] = {
    "verbatim": (0.0, 0.0),
    "typographic": (1.0, 3.0),
    "excerpt": (3.0, 10.0),
    "indirect": (10.0, 30.0),
    "reworded": (30.0, 55.0),
    "paraphrased": (55.0, 80.0),
    "meaning_changed": (80.0, 92.0),
    "attribution_changed": (88.0, 95.0),
    "unsupported": (95.0, 100.0),
}

# Reworded vs paraphrased is lexical: the share of the version's words that the original never
# has. On the seeds, 001.q1 (trimmed, one word added) has 0.07, the 003 paraphrases 0.3-0.45,
# while their cosines overlap (0.83-0.92). A version whose words are mostly reordered or
# replaced by the original's other words (word similarity below the floor) is paraphrased too.
PARAPHRASE_AT = 0.2
MIN_REWORDED_SIMILARITY = 0.3

COSINE_WEIGHT = 0.8


def measure(
    original: Sequence[str],
    version: str,
    *,
    kind: QuoteKind = "direct",
    cosine: float | None = None,
    speaker_words: Collection[str] | None = None,
    relation: str = "same",
    breaks: Collection[int] = (),
) -> Drift:
    """How ``version`` differs from ``original``.

    original: the original quotation text(s) the version corresponds to, in the version's order
        (two or more when it merges several); each may be excerpted independently.
    version: the version's words (without its outer quotation marks).
    kind: the version's kind; ``indirect`` gets tier ``indirect`` unless a meaning flag fires.
    cosine: the embedding similarity of version and joined original, computed by the caller; it
        only moves the score within a tier and is reported as is (0.0 when None).
    speaker_words: stems of everything the speaker said in the original article
        (``normalise.vocabulary``); words in quotation marks outside it are ``words_never_said``.
        Defaults to the original quotation's own words.
    relation: from the aligner: same | merged | split | attribution_changed | unsupported.
        ``attribution_changed`` (the words of the original's speaker credited to another
        identity) is a tier of its own, above ``meaning_changed``.
    breaks: character offsets into ``version`` where a quoted fragment opens after another
        ('"A," he said, "B"' joined as "A, B": the offset of "B"). Words of the original left out
        there are cut where the quotation marks show it: an excerpt, not a silent elision.

    Returns a Drift: tier, score 0-100 (banded by tier), flags, metrics, edits over the aligned
    region, ``added`` (runs of version words the original never has) and ``dropped`` (runs of
    original words inside the excerpt that the version lacks). Raises ValueError for an unknown
    relation or an empty ``original``.
    """
    if relation not in RELATIONS:
        raise ValueError(f"unknown relation {relation!r}: expected one of {', '.join(RELATIONS)}")
    if not original:
        raise ValueError("measure() needs at least one original text")
    aligned = align_texts(original, version, breaks)
    metrics = _metrics(aligned, cosine)
    ostems = {stem(t.norm) for t in aligned.original}
    vstems = {stem(t.norm) for t in aligned.version}
    added = _runs(aligned.version, _unmatched_version(aligned), lambda t: known(t, ostems))
    kept = aligned.kept_original()
    dropped = _runs(
        aligned.original,
        [i for i in aligned.region() if i not in kept],
        lambda t: known(t, vstems),
    )
    vocab = set(ostems) | {stem(w) for w in speaker_words or ()}
    flags, notes = _flags(aligned, kind, relation, vocab)
    tier, dissimilarity = _tier(original, version, aligned, metrics, flags, kind, relation)
    low, high = BANDS[tier]
    score = round(low + (high - low) * min(1.0, max(0.0, dissimilarity)), 1)
    return Drift(
        tier=tier,
        score=score,
        flags=tuple(dict.fromkeys(flags)),
        metrics=metrics,
        edits=_edits(aligned),
        added=tuple(added),
        dropped=tuple(dropped),
        notes=tuple(notes),
    )


def overlapping(drift: Drift) -> Drift:
    """``drift`` for a version whose quotation and the original's are overlapping stretches of
    one utterance rather than one stretch: it runs on into sentences the original does not render
    here, or joins several of the original's quotations. Matching words make it an excerpt, not
    verbatim: the two quotations are not the same. Other tiers are left as they are."""
    if drift.tier not in ("verbatim", "typographic"):
        return drift
    return dataclasses.replace(drift, tier="excerpt", score=BANDS["excerpt"][0])


def _flags(
    aligned: Aligned, kind: QuoteKind, relation: str, vocab: set[str]
) -> tuple[list[str], list[str]]:
    """The drift flags, in report order (repeats possible), and their notes; ``vocab``: the stems
    the speaker is known to have said."""
    flags: list[str] = []
    notes: list[str] = []
    # Elision is about quotation marks; reported speech may leave out what it likes.
    silent, marked = _elisions(aligned) if kind != "indirect" else (False, False)
    if silent:
        flags.append("silent_elision")
    if marked:
        flags.append("marked_elision")
    if kind != "indirect":
        never = _never_said(aligned.version, vocab)
        if never:
            flags.append("words_never_said")
            notes.append("words_never_said: " + ", ".join(never))
    for flag, note in meaning_flags(aligned):
        flags.append(flag)
        if note:
            notes.append(note)
    if relation != "same":
        flags.append(relation)
    return flags, notes


# ---------------------------------------------------------------------------------------------
# Metrics and edits


def _metrics(aligned: Aligned, cosine: float | None) -> Metrics:
    m, n = len(aligned.version), len(aligned.original)
    keeps = sum(1 for s in aligned.steps if s.op == "keep")
    region = [aligned.original[i].norm for i in aligned.region()]
    span = max(len(region), m)
    distance = levenshtein(region, [t.norm for t in aligned.version])
    return Metrics(
        cosine=float(cosine) if cosine is not None else 0.0,
        containment=keeps / m if m else 0.0,
        reverse_containment=keeps / n if n else 0.0,
        word_similarity=1.0 - distance / span if span else 0.0,
    )


def _edits(aligned: Aligned) -> tuple[Edit, ...]:
    """The alignment as Edit records, one per run of one operation, with the words as printed:
    the version's punctuation is kept for showing, normalisation being for comparing only."""
    blocks = aligned.blocks()
    text, tokens = aligned.version_text, aligned.version
    out: list[Edit] = []
    # Text before the first word (an opening bracket) is shown with it; a word that normalises
    # to two tokens ("cannot") is printed once, with the first.
    cursor = 0
    for n, (op, o, v) in enumerate(blocks):
        printed = after = ""
        if v:
            end = max(cursor, tokens[v[-1]].end)
            printed, cursor = text[cursor:end], end
            nxt = len(text) if v[-1] + 1 >= len(tokens) else tokens[v[-1] + 1].start
            nxt = max(cursor, nxt)
            after, cursor = text[cursor:nxt], nxt
        following = next((vv for _op, _o, vv in blocks[n + 1 :] if vv), None)
        elided = (
            op == "drop"
            and following is not None
            and (tokens[following[0]].ellipsis_before or tokens[following[0]].fragment_start)
        )
        out.append(
            Edit(
                op,  # type: ignore[arg-type]
                tuple(aligned.original[i].surface for i in o),
                tuple(tokens[j].surface for j in v),
                printed=printed,
                printed_after=after,
                printed_original=_printed_original(aligned, o) if o else "",
                elided=elided,
            )
        )
    return tuple(out)


def fragment_breaks(text: str, spans: Sequence[tuple[int, int]]) -> tuple[int, ...]:
    """Where each fragment after the first starts in ``text``, the fragments of ``spans`` joined
    by one space (as ``Quote.text`` holds them); () when ``text`` is not such a join."""
    if len(spans) < 2:
        return ()
    lengths = [end - start for start, end in spans]
    if sum(lengths) + len(spans) - 1 != len(text):
        return ()
    starts, at = [], 0
    for length in lengths[:-1]:
        at += length + 1
        starts.append(at)
    return tuple(starts)


def _printed_original(aligned: Aligned, indices: Sequence[int]) -> str:
    """The original words at ``indices`` as printed, one stretch per original text."""
    parts: list[str] = []
    for segment in dict.fromkeys(aligned.segments[i] for i in indices):
        mine = [aligned.original[i] for i in indices if aligned.segments[i] == segment]
        parts.append(aligned.texts[segment][mine[0].start : mine[-1].end])
    return " ".join(parts)


def _unmatched_version(aligned: Aligned) -> list[int]:
    kept = aligned.kept_version()
    return [j for j in range(len(aligned.version)) if j not in kept]


def _runs(tokens: list[Token], indices: list[int], accept: Callable[[Token], bool]) -> list[str]:
    """Contiguous runs of ``tokens[indices]`` that ``accept`` rejects, as surface text."""
    runs: list[list[Token]] = []
    previous = -2
    for i in indices:
        token = tokens[i]
        if accept(token):
            previous = -2
            continue
        if i == previous + 1 and runs:
            runs[-1].append(token)
        else:
            runs.append([token])
        previous = i
    return [" ".join(t.surface for t in run if t.surface) for run in runs]


# ---------------------------------------------------------------------------------------------
# Flags


def _elisions(aligned: Aligned) -> tuple[bool, bool]:
    """(silent, marked): original words dropped mid-excerpt with nothing put in their place,
    without or with an ellipsis where they were."""
    silent = marked = False
    steps = aligned.steps
    i = 0
    while i < len(steps):
        if steps[i].op != "drop":
            i += 1
            continue
        j = i
        while j < len(steps) and steps[j].op == "drop":
            j += 1
        before = next((s for s in reversed(steps[:i]) if s.op != "trim"), None)
        after = next((s for s in steps[j:] if s.op != "trim"), None)
        # A drop beside an insertion or replacement is rewording, not elision.
        pure = (
            before is not None and after is not None and before.op == "keep" and after.op == "keep"
        )
        if pure and after is not None and after.version is not None:
            # The version marks the gap only with an ellipsis the original did not have there.
            # (on the first word removed or the first word kept after the gap)
            edges = [steps[i].original, after.original]
            inherited = any(k is not None and aligned.original[k].ellipsis_before for k in edges)
            resumed = aligned.version[after.version]
            if resumed.fragment_start:
                # The quotation closed before the gap and opens again after it: two excerpts.
                pass
            elif resumed.ellipsis_before and not inherited:
                marked = True
            else:
                silent = True
        i = j
    return silent, marked


def _never_said(version: list[Token], vocab: set[str]) -> list[str]:
    """Content words of the version (outside [brackets]) that the speaker never used."""
    out: list[str] = []
    for token in version:
        if token.bracketed or token.norm in FUNCTION_WORDS or token.norm in NEGATORS:
            continue
        if not any(c.isalnum() for c in token.norm):
            continue
        if known(token, vocab):
            continue
        if token.surface not in out:
            out.append(token.surface)
    return out


# ---------------------------------------------------------------------------------------------
# Tier


def similarity(metrics: Metrics) -> float:
    """The similarity that places a score within its tier's band (0-1, higher is closer):
    0.8 cosine + 0.2 word similarity when a cosine was given, else word similarity alone.
    Spearman with human STS headline scores: 0.805 (cosine alone 0.811, words alone 0.616;
    benchmarks/similarity_sts_sick.py); the word share keeps verbatim-vs-paraphrase visible."""
    if not metrics.cosine:
        return metrics.word_similarity
    return COSINE_WEIGHT * metrics.cosine + (1 - COSINE_WEIGHT) * metrics.word_similarity


def _bare(text: str) -> str:
    return text.strip().strip(".,;:").strip()


def _tier(
    original: Sequence[str],
    version: str,
    aligned: Aligned,
    metrics: Metrics,
    flags: list[str],
    kind: QuoteKind,
    relation: str,
) -> tuple[Tier, float]:
    """The tier and the dissimilarity (0-1) that places the score within the tier's band."""
    blended = 1.0 - similarity(metrics)
    if relation == "unsupported":
        return "unsupported", blended
    if relation == "attribution_changed":
        # Whatever the words, the reader is told that someone else said them.
        return "attribution_changed", blended
    if MEANING_FLAGS & set(flags):
        return "meaning_changed", blended
    if kind == "indirect":
        return "indirect", blended
    if not aligned.version:
        return "paraphrased", 1.0
    ops = {s.op for s in aligned.steps}
    if _bare(version) == _bare(" ".join(original)):
        return "verbatim", 0.0
    if ops <= {"keep"}:
        return "typographic", 0.0 if _bare(normalize_typography(version)) == _bare(
            normalize_typography(" ".join(original))
        ) else 0.5
    if ops <= {"keep", "trim", "drop"} and "silent_elision" not in flags:
        region = len(aligned.region()) or 1
        dropped = sum(1 for s in aligned.steps if s.op == "drop")
        return "excerpt", dropped / region
    if "silent_elision" not in flags and _overlapping_cut(aligned):
        return "excerpt", blended
    if _novel_share(aligned) < PARAPHRASE_AT and metrics.word_similarity >= MIN_REWORDED_SIMILARITY:
        return "reworded", blended
    return "paraphrased", blended


# Two cuts of one utterance: a run of this many words kept in order (align's long-run rule:
# outlets quoting on their own cut one sentence at different ends), and past one end of it the
# version goes on where the original's quotation visibly stops short.
OVERLAP_MIN_WORDS = RUN_MIN_WORDS
_ELLIPSIS = ("...", "\u2026")
_SENTENCE_END = (".", "!", "?")


def _overlapping_cut(aligned: Aligned) -> bool:
    """Whether the version renders a run of ``OVERLAP_MIN_WORDS`` of the original's words in
    order and, on each side of it, either adds nothing or goes on where one of them is cut (an
    ellipsis, or an original that opens or closes mid-sentence): the two quotations overlap, and
    the version's other words are where the original printed none. An original that ends its
    sentence is not cut there: words the version adds after it are its own."""
    original, segments, texts = aligned.original, aligned.segments, aligned.texts

    def cut_before(i: int) -> bool:
        if original[i].ellipsis_before:
            return True
        first = i == 0 or segments[i - 1] != segments[i]
        return first and original[i].surface[:1].islower()

    def cut_after(i: int) -> bool:
        if i + 1 < len(original) and segments[i + 1] == segments[i]:
            return original[i + 1].ellipsis_before
        rest = texts[segments[i]][original[i].end :].strip(" \"'\u201d\u2019)")
        return rest.endswith(_ELLIPSIS) or not rest.endswith(_SENTENCE_END)

    version = aligned.version

    def version_cut_after(j: int) -> bool:
        return j + 1 < len(version) and version[j + 1].ellipsis_before

    blocks = aligned.blocks()
    for n, (op, o, v) in enumerate(blocks):
        if op != "keep":
            continue
        before = any(vv for _, _, vv in blocks[:n])
        after = any(vv for _, _, vv in blocks[n + 1 :])
        # An ellipsis inside the kept words is a cut too: past it the version goes on with
        # words that happen to meet the original's next ones.
        cuts = [k for k in range(1, len(o)) if original[o[k]].ellipsis_before]
        cuts += [k for k in range(1, len(o)) if version[v[k]].ellipsis_before]
        edges = [0, *sorted(set(cuts)), len(o)]
        for start, stop in itertools.pairwise(edges):
            first, last = start, stop - 1
            adds_before, adds_after = before or first > 0, after or last < len(o) - 1
            if (
                (adds_before or adds_after)
                and last - first + 1 >= OVERLAP_MIN_WORDS
                and (not adds_before or cut_before(o[first]) or version[v[first]].ellipsis_before)
                and (not adds_after or cut_after(o[last]) or version_cut_after(v[last]))
            ):
                return True
    return False


def _novel_share(aligned: Aligned) -> float:
    """Share of the version's words (outside brackets) that appear nowhere in the original."""
    ostems = {stem(t.norm) for t in aligned.original}
    words = [t for t in aligned.version if not t.bracketed]
    if not words:
        return 0.0
    return sum(1 for t in words if not known(t, ostems)) / len(words)
