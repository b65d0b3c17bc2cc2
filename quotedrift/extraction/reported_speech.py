"""Indirect (reported) speech from the dependency parse.

Two shapes are found:

- a cue verb with a clausal complement: 'She noted that CLAUSE', 'He warned that CLAUSE',
  'CLAUSE, X said', 'X told reporters (that) CLAUSE'; the content is the complement clause
  (without its "that");
- 'according to X, CLAUSE' and 'CLAUSE, according to X'; the content is the clause the phrase
  hangs on, without the phrase.

Passives ("He was said to be tired") and verbs without a clausal complement ("called the police")
are not reported speech. Belief and intention verbs (believe, expect, want...) are only used when
asked for (``beliefs=True``).
"""

from __future__ import annotations

import functools
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotedrift.extraction.cue_syntax import according_to, is_passive, is_verb, subject_of
from quotedrift.extraction.cues import belief_base, inflections, learned_frames, speech_base
from quotedrift.extraction.frame_model import DenseTerm, FrameModel, frame_features
from quotedrift.extraction.parsed import ParsedParagraph, ParsedText
from quotedrift.lang.en.object_cue_verbs import OBJECT_CUES
from quotedrift.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Token

_MIN_TOKENS = 3

_OBJECT_PREPS = frozenset({"about", "for", "to", "of", "as", "on", "against", "with"})
_OBJECT_DEPS = frozenset({"dobj", "xcomp", "oprd", "dative", "prep"})
_EDGE_PUNCT = frozenset({",", ";", ":", "-", "—", "–", "(", ")"})


@dataclass(frozen=True)
class Reported:
    """One reported statement: its content clause, cue and speaker head token (None where the
    text names no speaker), and whether it reports a stance rather than speech."""

    para: ParsedParagraph
    content: Span
    cue_text: str
    cue_span: Span
    speaker: Token | None
    stance: bool = False  # a stance, intention or act ('plans to run'), not speech
    fragments: tuple[Span, ...] = ()  # the content's pieces around an interrupting attribution


def _trim(toks: list[Token]) -> list[Token]:
    toks = sorted(toks, key=lambda t: t.i)
    while toks and (
        toks[0].text in _EDGE_PUNCT
        or (toks[0].dep_ == "mark" and toks[0].lower_ in {"that", "whether", "if"})
    ):
        toks = toks[1:]
    while toks and (toks[-1].text in _EDGE_PUNCT or toks[-1].text in {".", "!", "?"}):
        toks = toks[:-1]
    return toks


def _runs(toks: list[Token]) -> list[list[Token]]:
    """``toks`` in stretches of consecutive tokens, in text order."""
    runs: list[list[Token]] = []
    for tok in sorted(toks, key=lambda t: t.i):
        if runs and tok.i == runs[-1][-1].i + 1:
            runs[-1].append(tok)
        else:
            runs.append([tok])
    return runs


def _longest_run(toks: list[Token]) -> list[Token]:
    """The longest stretch of consecutive tokens among ``toks`` (the first of equals; trimmed)."""
    return _trim(max(_runs(toks), key=len, default=[]))


def _clause(head: Token) -> list[Token]:
    return _trim(list(head.subtree))


def find_reported(
    parsed: ParsedText,
    beliefs: bool = False,
    objects: bool = False,
    learned: float | None = None,
    model: FrameModel | None = None,
) -> Iterator[Reported]:
    """Every reported statement in the parsed paragraphs, in text order per paragraph.

    beliefs: also clauses of belief/intention verbs ("believes that", "expects").
    objects: also the objects of attitude and speech verbs ("criticized the ruling").
    learned: also the frames of the verb forms PolNeAR train annotates as attributions at least
    this often (``cues.learned_frames``); None: none.
    model: also the frames the learned frame model (``frame_model``) scores at or above its
    threshold; None: none.
    """
    frames = learned_frames(learned) if learned is not None else frozenset()
    for para in parsed:
        yield from _in_paragraph(para, beliefs, objects, frames, model)


def _object_content(verb: Token) -> list[Token]:
    """The complements after ``verb`` that carry what is attributed, as tokens."""
    toks: list[Token] = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ not in _OBJECT_DEPS:
            continue
        if child.dep_ == "prep" and child.lower_ not in _OBJECT_PREPS:
            continue
        if child.dep_ == "xcomp" and not any(g.lower_ == "to" for g in child.children):
            continue
        toks.extend(child.subtree)
    if not toks:
        return []
    toks = _trim(toks)
    if toks and toks[0].dep_ == "prep" and toks[0].head.i == verb.i:
        toks = toks[1:]  # "complained about X": the content is X
    return _longest_run(toks)


def _wide_object(verb: Token) -> list[Token]:
    """Everything the verb governs after it, but for other clauses: 'called [her vote in favor
    of the war a mistake]', 'discussed [the challenges after Britain's decision to leave]'."""
    toks: list[Token] = []
    for child in verb.children:
        if child.i < verb.i or child.dep_ in _NOT_OBJECT:
            continue
        toks.extend(child.subtree)
    return _longest_run(toks) if toks else []


# Children after a verb that are not what it attributes: punctuation, particles ('pointed
# out'), further clauses and conjuncts, and adverbs of time or manner.
_NOT_OBJECT = frozenset(
    {"punct", "cc", "conj", "prt", "parataxis", "advcl", "advmod", "npadvmod", "mark", "dep"}
)


def frame(
    tok: Token, min_object: int = _MIN_TOKENS - 1, wide: bool = False, subjectless: bool = False
) -> tuple[str, Token | None, list[Token]] | None:
    """What a verb would attribute, were it a cue: (shape, subject, content tokens), shape
    "clause" (a clausal complement: 'believes that X') or "object" (its object or infinitive:
    'criticized the ruling', 'plans to run'). None for a passive, a verb without a subject, or
    one without content. Shared by extraction and by the lexicon learned from PolNeAR train
    (``benchmarks/polnear_extract.py --learn``), so both read a verb the same way.
    min_object: the fewest tokens an object content may have (the frame model reads single
    words too: 'declared bankruptcy', 'endorsed Clinton'); wide: the object is everything the
    verb governs after it (``_wide_object``), as attribution corpora mark it; subjectless: also
    a verb without a subject ('Repeats racist words'), its subject then None."""
    if not is_verb(tok):
        return None
    if is_passive(tok):
        return _passive_frame(tok) if subjectless else None
    subj = subject_of(tok)
    if subj is None and not subjectless:
        return None
    drop = {tok.i} | ({t.i for t in subj.subtree} if subj is not None else set())
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if comps:
        toks = _longest_run([t for t in _clause(comps[0]) if t.i not in drop])
        shape = "clause"
    else:
        content = _wide_object(tok) if wide else _object_content(tok)
        toks = [t for t in content if t.i not in drop]
        shape = "object"
    if len(toks) < (min_object if shape == "object" else _MIN_TOKENS):
        return None
    if wide:
        toks = _to_sentence_end(tok, subj, toks)
    return shape, subj, toks


def _to_sentence_end(verb: Token, subj: Token | None, toks: list[Token]) -> list[Token]:
    """A statement that follows its cue runs on to the end of its sentence, where the parse hung
    the rest elsewhere ('pointed out that one shooting may have more than one victim, so
    thousands of shooting victims ...'); never into a quotation."""
    if not toks or verb.i > toks[0].i or (subj is not None and subj.i > toks[0].i):
        return toks
    # Only as far as the verb's own clause reaches: 'The bridge will stay shut until May, Jane
    # Roe said' must not give 'stay' the attribution that follows.
    end = min(toks[-1].sent.end, verb.right_edge.i + 1)
    for clause in verb.children:
        # '..., and Clinton said it was not': a clause with a subject of its own is another
        # statement.
        if (
            clause.i > toks[-1].i
            and clause.dep_ in {"conj", "parataxis"}
            and any(c.dep_ in {"nsubj", "nsubjpass"} for c in clause.children)
        ):
            end = min(end, clause.left_edge.i)
    out = list(toks)
    for t in toks[-1].doc[toks[-1].i + 1 : end]:
        if t.is_quote or t.text in _QUOTE_TOKENS:
            break
        out.append(t)
    while len(out) > len(toks) and (out[-1].dep_ == "cc" or out[-1].text in _EDGE_PUNCT):
        out.pop()
    return _trim(out)


_QUOTE_TOKENS = frozenset({'"', "\u201c", "\u201d", "''", "``", "\u00ab", "\u00bb"})


def _passive_frame(tok: Token) -> tuple[str, Token | None, list[Token]] | None:
    """'North Korea is not thought to be capable of ...': a passive belief or report with its
    complement; the statement is the whole clause (but a 'by' agent, who is the speaker)."""
    if not any(c.dep_ in {"xcomp", "ccomp"} for c in tok.children):
        return None
    agent = next((c for c in tok.children if c.dep_ == "agent"), None)
    pobj = next((g for g in agent.children if g.dep_ == "pobj"), None) if agent else None
    drop = {t.i for t in agent.subtree} if agent is not None else set()
    toks = _longest_run([t for t in tok.subtree if t.i not in drop])
    if len(toks) < _MIN_TOKENS:
        return None
    return "passive", pobj, toks


def _in_paragraph(
    para: ParsedParagraph,
    beliefs: bool,
    objects: bool,
    frames: frozenset[tuple[str, str]],
    model: FrameModel | None,
) -> Iterator[Reported]:
    doc = para.doc
    strings = doc.vocab.strings
    according = strings["according"]
    verb_tags: dict[int, bool] = {}
    dense: DenseTerm | None = None  # made at the paragraph's first modelled frame
    # Only "according" and verbs can start a statement: read words and tags as hashes from one
    # array and make Token objects for those alone (the rest is most of the paragraph).
    for i, (lower, tag) in enumerate(doc.to_array(["LOWER", "TAG"]).tolist()):
        if lower != according:
            verb = verb_tags.get(tag)
            if verb is None:
                verb = verb_tags[tag] = strings[tag].startswith("VB")  # as ``is_verb``
            if not verb:
                continue
        tok = doc[i]
        if tok.lower_ == "according":
            acc = according_to([tok])
            if acc is None:
                continue
            word, obj = acc
            head = word.head
            if head.i == word.i:
                continue
            skip = {t.i for t in word.subtree}
            toks = _trim([t for t in head.subtree if t.i not in skip])
            # "according to X" heading a clause of its own ("..., according to X.") keeps
            # the clause; a bare fragment is not a statement.
            if len(toks) >= _MIN_TOKENS:
                cue_span = (para.start_of(word), para.end_of(word.nbor(1)))
                yield Reported(para, para.extent(toks), "according to", cue_span, obj)
            continue
        if not is_verb(tok):
            continue
        found = _speech(para, tok, beliefs, objects)
        if found is None and model is not None:
            if dense is None and model.dense is not None:
                dense = DenseTerm(doc, model.dense)
            found = _modelled(para, tok, model, dense)
        if found is None and frames:
            found = _learned(para, tok, frames)
        if found is not None:
            yield found


def _speech(para: ParsedParagraph, tok: Token, beliefs: bool, objects: bool) -> Reported | None:
    """The statement a speech (or asked-for belief/attitude) verb reports, if any."""
    base = speech_base(tok.text)
    if base is None and beliefs:
        base = belief_base(tok.text)
        if base not in BELIEF_CLAUSES:
            base = None
    if base is None and objects:
        base = _object_base(tok.text)
    if base is None or is_passive(tok):
        return None
    span = (para.start_of(tok), para.end_of(tok))
    comps = [c for c in tok.children if c.dep_ == "ccomp"]
    if not comps and speech_base(tok.text) is not None and tok.dep_ == "parataxis":
        return _parenthetical(para, tok, span)
    if not comps:
        if objects and base in OBJECT_CUES | BELIEF_OBJECTS:
            subj = subject_of(tok)
            toks = _object_content(tok) if subj is not None else []
            if subj is not None and toks:
                drop = {t.i for t in subj.subtree}
                toks = [t for t in toks if t.i not in drop]
            if toks:
                return Reported(para, para.extent(toks), tok.text, span, subj, stance=True)
        return None
    if speech_base(tok.text) is None and base not in BELIEF_CLAUSES:
        return None
    subj = subject_of(tok)
    if subj is None:
        return None
    # The cue and its speaker are never part of the content, even where the parse hangs
    # them inside it ("money that prosecutors say was funneled").
    drop = {tok.i} | {t.i for t in subj.subtree}
    toks = _longest_run([t for t in _clause(comps[0]) if t.i not in drop])
    if len(toks) < _MIN_TOKENS:
        return None
    toks = _to_sentence_end(tok, subj, toks)
    stance = speech_base(tok.text) is None  # a belief clause
    return Reported(para, para.extent(toks), tok.text, span, subj, stance=stance)


def _parenthetical(para: ParsedParagraph, tok: Token, span: Span) -> Reported | None:
    """'Climate change, Mr. Obama often says, is the greatest threat': the statement is the
    clause the speech verb interrupts, in the fragments either side of the attribution."""
    head = tok.head
    subj = subject_of(tok)
    if subj is None or head.i == tok.i or not is_verb(head):
        return None
    drop = {t.i for t in tok.subtree} | {t.i for t in subj.subtree}
    toks = _trim([t for t in head.subtree if t.i not in drop])
    if len(toks) < _MIN_TOKENS:
        return None
    fragments = tuple(para.extent(r) for r in (_trim(r) for r in _runs(toks)) if r)
    return Reported(para, para.extent(toks), tok.text, span, subj, fragments=fragments)


def _learned(
    para: ParsedParagraph, tok: Token, frames: frozenset[tuple[str, str]]
) -> Reported | None:
    """The frame of a verb form PolNeAR train annotates as an attribution (one of
    ``frames``): 'endorsed Clinton', 'plans to run', 'thinks that ...'."""
    if tok.lower_ not in _frame_forms(frames):
        return None  # no frame of this form is wanted: skip the subtree walks of ``frame``
    f = frame(tok)
    if f is None or (tok.lower_, f[0]) not in frames:
        return None
    shape, subj, toks = f
    span = (para.start_of(tok), para.end_of(tok))
    speech = shape == "clause" and speech_base(tok.text) is not None
    return Reported(para, para.extent(toks), tok.text, span, subj, stance=not speech)


def _modelled(
    para: ParsedParagraph, tok: Token, model: FrameModel, dense: DenseTerm | None
) -> Reported | None:
    """The frame of ``tok`` when the learned model scores it an attribution (``dense``: the
    model's vector term for this paragraph, where the model has one)."""
    if tok.lower_ not in model.forms:
        return None  # never passed in training: skip the subtree walks of ``frame``
    f = frame(tok, min_object=1, wide=True, subjectless=True)
    if f is None:
        return None
    shape, subj, toks = f
    term = dense(tok, subj, toks) if dense is not None else 0.0
    if model.probability(frame_features(tok, shape, subj, toks), term) < model.threshold:
        return None
    span = (para.start_of(tok), para.end_of(tok))
    speech = shape == "clause" and speech_base(tok.text) is not None
    return Reported(para, para.extent(toks), tok.text, span, subj, stance=not speech)


@functools.cache
def _frame_forms(frames: frozenset[tuple[str, str]]) -> frozenset[str]:
    return frozenset(form for form, _ in frames)


BELIEF_OBJECTS: frozenset[str] = frozenset({"plan", "hope", "expect", "fear"})
# Belief verbs whose clauses matched PolNeAR gold often enough (train): "believes that",
# "expects", "hopes"; "thinks", "knows", "sees", "feels" and "wants" did not.
BELIEF_CLAUSES: frozenset[str] = frozenset({"believe", "plan", "hope", "expect", "fear"})
_OBJECT_FORMS: dict[str, str] = {
    form: base for base in sorted(OBJECT_CUES) for form in inflections(base)
}


def _object_base(word: str) -> str | None:
    return _OBJECT_FORMS.get(word.lower())


def overlaps(span: Span, others: Sequence[Span]) -> bool:
    """True when ``span`` overlaps any of ``others``."""
    return any(span[0] < e and s < span[1] for s, e in others)
