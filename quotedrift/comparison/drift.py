"""How one version of a quotation differs from its original: metrics, edit operations, flags, tier.

The editor's view decides the tiers. Inside quotation marks the words must be the speaker's:
- verbatim: the same characters; typographic: the same words once typography and spelling are
  normalised; excerpt: the original's words in order, trimmed at the ends, or with a removal
  marked by an ellipsis.
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
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass

from quotedrift.comparison.normalise import (
    Token,
    normalize_typography,
    stem,
    tokenize,
    uncensor,
)
from quotedrift.comparison.word_align import Step, align, levenshtein
from quotedrift.lang.en.approximators import APPROXIMATOR_PHRASES, APPROXIMATORS
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.hedges import HEDGES
from quotedrift.lang.en.implicit_negators import IMPLICIT_NEGATORS
from quotedrift.lang.en.name_groups import NAME_GROUPS
from quotedrift.lang.en.negators import NEGATORS
from quotedrift.lang.en.quantifiers import QUANTIFIERS
from quotedrift.lang.en.sound_classes import SOUND_CLASSES
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

# How far before an excerpt a trimmed negator or hedge still governs its first words
# ('did "not support it"' excerpted as "support it").
_GOVERNS = 2
# How many following words a negator or hedge is taken to scope over.
_SCOPE = 3


@dataclass(frozen=True)
class _Aligned:
    """An alignment with the facts the metrics and flags are computed from."""

    original: list[Token]
    segments: list[int]
    version: list[Token]
    steps: list[Step]
    texts: Sequence[str]  # the original texts; token offsets point into texts[segment]
    version_text: str = ""  # the version's text; version token offsets point into it

    def region(self) -> list[int]:
        """Original indices inside the aligned excerpt (not trimmed)."""
        return [s.original for s in self.steps if s.original is not None and s.op != "trim"]

    def stretch(self) -> list[Token]:
        """The version's words from its first to its last word aligned with an original word
        (kept or replaced): words it adds before or after all of the original's are outside
        the stretch it renders, and state no other value of it."""
        aligned = [
            s.version for s in self.steps if s.op in ("keep", "replace") and s.version is not None
        ]
        if not aligned:
            return list(self.version)
        return self.version[min(aligned) : max(aligned) + 1]

    def kept_original(self) -> set[int]:
        return {s.original for s in self.steps if s.op == "keep" and s.original is not None}

    def kept_version(self) -> set[int]:
        return {s.version for s in self.steps if s.op == "keep" and s.version is not None}

    def blocks(self) -> list[tuple[str, list[int], list[int]]]:
        """Steps (trims left out) grouped into runs: (op, original indices, version indices);
        consecutive drops, inserts and replacements form one ``replace`` block when both sides
        have words."""
        out: list[tuple[str, list[int], list[int]]] = []
        for step in self.steps:
            if step.op == "trim":
                continue
            o = [step.original] if step.original is not None else []
            v = [step.version] if step.version is not None else []
            if out and step.op != "keep" and out[-1][0] != "keep":
                op, oo, vv = out[-1]
                oo, vv = oo + o, vv + v
                op = "replace" if oo and vv else op
                out[-1] = (op, oo, vv)
            elif out and step.op == "keep" and out[-1][0] == "keep":
                out[-1][1].extend(o)
                out[-1][2].extend(v)
            else:
                out.append((step.op, o, v))
        return out


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
    aligned = _align_texts(original, version, breaks)
    metrics = _metrics(aligned, cosine)
    ostems = {stem(t.norm) for t in aligned.original}
    vstems = {stem(t.norm) for t in aligned.version}
    added = _runs(aligned.version, _unmatched_version(aligned), lambda t: _known(t, ostems))
    kept = aligned.kept_original()
    dropped = _runs(
        aligned.original,
        [i for i in aligned.region() if i not in kept],
        lambda t: _known(t, vstems),
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


def _align_texts(original: Sequence[str], version: str, breaks: Collection[int]) -> _Aligned:
    """Tokenise the original segments and the version (censored words read as the word they
    hide, fragment starts marked at ``breaks``), and align them word by word."""
    otoks: list[Token] = []
    segments: list[int] = []
    for number, text in enumerate(original):
        toks = tokenize(text)
        otoks.extend(toks)
        segments.extend([number] * len(toks))
    vtoks = _mark_fragments(uncensor(tokenize(version), otoks), breaks)
    otoks = uncensor(otoks, vtoks)
    return _Aligned(otoks, segments, vtoks, align(otoks, segments, vtoks), original, version)


def _flags(
    aligned: _Aligned, kind: QuoteKind, relation: str, vocab: set[str]
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
    for flag, note in _meaning_flags(aligned):
        flags.append(flag)
        if note:
            notes.append(note)
    if relation != "same":
        flags.append(relation)
    return flags, notes


# ---------------------------------------------------------------------------------------------
# Metrics and edits


def _metrics(aligned: _Aligned, cosine: float | None) -> Metrics:
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


def _edits(aligned: _Aligned) -> tuple[Edit, ...]:
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


def _mark_fragments(tokens: list[Token], breaks: Collection[int]) -> list[Token]:
    """``tokens`` with ``fragment_start`` set on the first word at or after each break."""
    if not breaks:
        return tokens
    out = list(tokens)
    for offset in sorted(set(breaks)):
        at = next((i for i, t in enumerate(out) if t.start >= offset), None)
        if at is not None and at > 0:
            out[at] = dataclasses.replace(out[at], fragment_start=True)
    return out


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


def _printed_original(aligned: _Aligned, indices: Sequence[int]) -> str:
    """The original words at ``indices`` as printed, one stretch per original text."""
    parts: list[str] = []
    for segment in dict.fromkeys(aligned.segments[i] for i in indices):
        mine = [aligned.original[i] for i in indices if aligned.segments[i] == segment]
        parts.append(aligned.texts[segment][mine[0].start : mine[-1].end])
    return " ".join(parts)


def _unmatched_version(aligned: _Aligned) -> list[int]:
    kept = aligned.kept_version()
    return [j for j in range(len(aligned.version)) if j not in kept]


def _known(token: Token, stems: Collection[str]) -> bool:
    """Whether ``token`` is among ``stems``: by stem, or for a name by a name variant."""
    key = stem(token.norm)
    if key in stems:
        return True
    return token.capitalised and any(_same_name(key, other) for other in stems)


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


def _elisions(aligned: _Aligned) -> tuple[bool, bool]:
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
        if _known(token, vocab):
            continue
        if token.surface not in out:
            out.append(token.surface)
    return out


def _same_name(a: str, b: str) -> bool:
    """Whether two normalised name forms denote the same name: equal, an alias ("usa" and
    "american"), or the same stem with a short ending ("korea"/"korean", "china"/"chinese")."""
    if a == b:
        return True
    if any(a in group and b in group for group in NAME_GROUPS):
        return True
    short, long_ = sorted((a, b), key=len)
    if len(short) < 4:
        return False
    common = 0
    for x, y in zip(short, long_, strict=False):
        if x != y:
            break
        common += 1
    if common >= 4 and common >= len(short) - 1 and len(long_) - common <= 3:
        return True
    return _spelled_alike(a, b)


# Two spellings of one name ("Moammar Gadhafi", "Muammar Qaddafi") sound alike and differ in few
# letters; "Collins" and "Rollins" differ in one letter but not in sound, "Moore" and "Mayer"
# sound alike but share few letters.
_SPELLING_SIMILARITY = 0.6


def _sound(word: str) -> str:
    codes = [SOUND_CLASSES.get(c, "") for c in word]
    out = ""
    for i, code in enumerate(codes):
        # A repeated class counts once, also across a vowel-less h or w ("dh", "dd").
        if code and not (out and out[-1] == code and (i == 0 or codes[i - 1] in (code, ""))):
            out += code
    return out


def _spelled_alike(a: str, b: str) -> bool:
    """Whether two name forms of five letters or more are spellings of one name: the same sound
    classes in the same order and at least 0.6 of their letters alike."""
    if min(len(a), len(b)) < 5 or not (a.isalpha() and b.isalpha()):
        return False
    if _sound(a) != _sound(b):
        return False
    return 1 - levenshtein(a, b) / max(len(a), len(b)) >= _SPELLING_SIMILARITY


def _is_name(token: Token) -> bool:
    """A capitalised word not at a sentence start, [bracketed] clarifications included."""
    return (
        token.capitalised
        and not token.sentence_start
        and not token.number
        and token.norm not in FUNCTION_WORDS
    )


def _unpaired(names: list[Token], others: list[Token]) -> list[Token]:
    """The names that find no counterpart among ``others``, each counterpart used once
    ("America ... America" -> "America ... Takahashi" leaves one America unpaired)."""
    free = list(others)
    out: list[Token] = []
    for name in names:
        match = next((o for o in free if _same_name(name.norm, o.norm)), None)
        if match is None:
            out.append(name)
        else:
            free.remove(match)
    return out


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


def _context(aligned: _Aligned) -> list[Token]:
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


def _number_change(aligned: _Aligned, context: Sequence[Token]) -> tuple[list[str], list[str]]:
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


def _meaning_flags(aligned: _Aligned) -> list[tuple[str, str]]:
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
    new_names = _unpaired(
        [t for t in version if _is_name(t)], [t for t in aligned.original if t.capitalised]
    )
    gone_names = _unpaired([t for t in region if _is_name(t)], [t for t in version if _is_name(t)])
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
    aligned: _Aligned,
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
    if _novel_share(aligned) < PARAPHRASE_AT and metrics.word_similarity >= MIN_REWORDED_SIMILARITY:
        return "reworded", blended
    return "paraphrased", blended


def _novel_share(aligned: _Aligned) -> float:
    """Share of the version's words (outside brackets) that appear nowhere in the original."""
    ostems = {stem(t.norm) for t in aligned.original}
    words = [t for t in aligned.version if not t.bracketed]
    if not words:
        return 0.0
    return sum(1 for t in words if not _known(t, ostems)) / len(words)
