"""A learned reading of reported speech: which verb frames attribute a statement.

News attributes far more than 'X said that ...': "Trump questioned the integrity of the vote",
"Clinton plans to triple AmeriCorps", "the poll shows voters leaving". A list of cue verbs cannot
say which of these are attributions, because the same verb is one in one frame and not in another
("called for a ban" vs "called the police"). This module scores each verb frame (``reported.frame``:
a verb with a subject and a clause or object complement) with a logistic model over the frame's
features: the verb form, the complement's shape and preposition, what kind of subject it has, tense,
modality, negation, length and order. The weights are learned from PolNeAR train by
``benchmarks/frame_model.py`` and ship as numbers keyed by feature name (no text of the corpus) in
``quotedrift/lang/en/frame_model.json``.
"""

from __future__ import annotations

import functools
import json
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from importlib import resources
from typing import TYPE_CHECKING

import numpy as np

from quotedrift.extraction.cues import belief_base, speech_base

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_PERSONAL = frozenset({"he", "she", "they", "i", "we", "you"})
_RELATIVE = frozenset({"who", "which", "that", "whom"})
_IMPERSONAL = frozenset({"it", "this", "that", "there", "these", "those"})
_FIRST = frozenset({"i", "we"})


def _bucket(n: int) -> str:
    for top in (2, 5, 10, 20, 40):
        if n <= top:
            return str(top)
    return "more"


def _subject_kind(subj: Token | None) -> str:
    if subj is None:
        return "none"
    word = subj.lower_
    if word in _FIRST:
        return "first"
    if word in _PERSONAL:
        return "pron"
    if word in _RELATIVE and subj.tag_ in {"WP", "WDT"}:
        return "rel"
    if word in _IMPERSONAL:
        return "it"
    if subj.tag_ in {"NNP", "NNPS"}:
        return "propn"
    if any(t.tag_ in {"NNP", "NNPS"} for t in subj.subtree):
        return "noun+propn"
    return "noun"


def _complement(verb: Token, shape: str, toks: Sequence[Token]) -> str:
    """How the content hangs on the verb: 'that', 'clause', 'dobj', 'xcomp', 'prep:about'..."""
    if shape == "clause":
        comp = next((c for c in verb.children if c.dep_ == "ccomp"), None)
        if comp is not None and any(c.dep_ == "mark" and c.lower_ == "that" for c in comp.children):
            return "that"
        return "clause"
    first = min(toks, key=lambda t: t.i)
    for child in verb.children:
        if child.left_edge.i <= first.i <= child.right_edge.i:
            if child.dep_ == "prep":
                return "prep:" + child.lower_
            return child.dep_
    return "other"


def _content_head(toks: Sequence[Token]) -> Token:
    """The token of the content whose head lies outside it (its syntactic root)."""
    ids = {t.i for t in toks}
    return next((t for t in toks if t.head.i not in ids or t.head.i == t.i), toks[0])


# Stands for the verb form of a capitalised word: mostly a name the tagger read as a verb (at a
# sentence's start as much as inside it), whose spelling would teach the model a story's cast; a
# real verb opening a sentence ('Asked about it, ...') rarely attributes.
NAME_FORM = "<name>"


def _lexical_form(verb: Token) -> str:
    """The verb's form as the model sees it: lower-cased, or ``NAME_FORM`` for a capitalised
    word."""
    return NAME_FORM if verb.text[:1].isupper() else verb.lower_


def frame_features(verb: Token, shape: str, subj: Token | None, toks: Sequence[Token]) -> list[str]:
    """The model's features of one frame (``reported.frame``'s output for ``verb``).

    Words enter only as the verb's form (and its base for speech and belief verbs) and as the
    closed-class word opening the content; the subject is known by its kind, never its words,
    so that the people and topics of the training stories carry no weight."""
    form = _lexical_form(verb)
    base = speech_base(form) or belief_base(form) or form
    comp = _complement(verb, shape, toks)
    skind = _subject_kind(subj)
    length = _bucket(len(toks))
    first = min(t.i for t in toks)
    children = list(verb.children)
    feats = [
        "form=" + form,
        "base=" + base,
        "shape=" + shape,
        "comp=" + comp,
        "base|comp=" + base + "|" + comp,
        "base|shape=" + base + "|" + shape,
        "subj=" + skind,
        "base|subj=" + base + "|" + skind,
        "comp|subj=" + comp + "|" + skind,
        "tag=" + verb.tag_,
        "dep=" + verb.dep_,
        "len=" + length,
        "shape|len=" + shape + "|" + length,
        "order=" + ("before" if first < verb.i else "after"),
        "speech=" + str(speech_base(form) is not None),
        "belief=" + str(belief_base(form) is not None),
    ]
    head = _content_head(toks)
    opener = min(toks, key=lambda t: t.i)
    feats += [
        "chead=" + head.tag_ + "|" + head.dep_,
        "shape|chead=" + shape + "|" + head.tag_,
        "cfirst=" + (opener.lower_ if opener.is_stop else opener.tag_),
        "cverb=" + str(any(t.tag_.startswith("VB") for t in toks)),
        "tag|subj=" + verb.tag_ + "|" + skind,
        "base|comp|subj=" + base + "|" + comp + "|" + skind,
        "form|tag=" + form + "|" + verb.tag_,
        "comp|chead=" + comp + "|" + head.tag_,
        "base|len=" + base + "|" + length,
    ]
    for anc in verb.ancestors:
        if anc.tag_.startswith("VB"):
            kind = (
                "speech"
                if speech_base(anc.lower_)
                else "belief"
                if belief_base(anc.lower_)
                else "verb"
            )
            feats.append("under=" + kind + "|" + verb.dep_)
            break
    if subj is not None and subj.head.i != verb.i:
        feats.append("subj=inherited")
    if any(c.tag_ == "MD" for c in children):
        feats.append("modal")
    if any(c.dep_ == "neg" for c in children):
        feats.append("neg")
    if verb.dep_ in {"relcl", "acl", "advcl", "pcomp"}:
        feats.append("embedded|shape=" + verb.dep_ + "|" + shape)
    return feats


def frame_vector(verb: Token, subj: Token | None, toks: Sequence[Token]) -> np.ndarray:
    """The parser's own context vectors (tok2vec, ``Doc.tensor``) of the verb, the content's
    head, the subject (zeros without one), the content's mean and the sentence's mean: what the
    words around a frame say about it."""
    tensor = verb.doc.tensor
    width = tensor.shape[1] if tensor.ndim == 2 and len(tensor) else 0
    if not width:
        return np.zeros(5 * DENSE_WIDTH, dtype=np.float32)
    head = _content_head(toks)
    parts = [tensor[verb.i], tensor[head.i]]
    parts.append(tensor[subj.i] if subj is not None else np.zeros(width, dtype=tensor.dtype))
    parts.append(tensor[[t.i for t in toks]].mean(axis=0))
    sent = verb.sent
    parts.append(tensor[sent.start : sent.end].mean(axis=0))
    return np.concatenate(parts).astype(np.float32)


DENSE_WIDTH = 96  # en_core_web_sm's tok2vec width


class DenseTerm:
    """``frame_vector(verb, subj, toks) @ dense`` for the frames of one parsed paragraph, without
    building any vector: the paragraph's token vectors are projected onto the five blocks of the
    weights once (one small matrix product), and a frame's term is then a few lookups and two
    range means read from prefix sums. Equal to the product up to float rounding; per frame it
    costs a fifth of building and multiplying the 480-wide vector."""

    def __init__(self, doc: Doc, dense: np.ndarray) -> None:
        tensor = doc.tensor
        width = tensor.shape[1] if tensor.ndim == 2 and len(tensor) else 0
        self._cols: list[list[float]] = []
        if not width or dense.shape[0] != 5 * width:
            return  # no vectors: frame_vector is all zeros, and so is its term
        proj = np.asarray(tensor, dtype=np.float32) @ dense.reshape(5, width).T
        self._cols = proj.T.astype(np.float64).tolist()
        zero = np.zeros(1)
        self._sums = [
            np.concatenate([zero, np.cumsum(proj[:, k], dtype=np.float64)]).tolist() for k in (3, 4)
        ]

    def __call__(self, verb: Token, subj: Token | None, toks: Sequence[Token]) -> float:
        if not self._cols:
            return 0.0
        cols, (content, sentence) = self._cols, self._sums
        z = cols[0][verb.i] + cols[1][_content_head(toks).i]
        if subj is not None:
            z += cols[2][subj.i]
        ids = [t.i for t in toks]
        first, last = min(ids), max(ids)
        if last - first + 1 == len(ids):  # one run of distinct tokens, the usual content
            z += (content[last + 1] - content[first]) / len(ids)
        else:
            z += sum(cols[3][i] for i in ids) / len(ids)
        sent = verb.sent
        return z + (sentence[sent.end] - sentence[sent.start]) / (sent.end - sent.start)


@dataclass(frozen=True)
class FrameModel:
    """Logistic weights by feature name; ``threshold`` is the probability a frame needs."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    forms: frozenset[str]  # verb forms with any frame that can pass: worth parsing for
    dense: np.ndarray | None = None  # weights of ``frame_vector``

    def probability(self, features: Sequence[str], dense_term: float = 0.0) -> float:
        """P(attribution) for a frame with ``features`` and its ``frame_vector`` term
        (``DenseTerm``; 0 for a model without dense weights)."""
        z = self.bias + sum(self.weights.get(f, 0.0) for f in features) + dense_term
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def model_from_data(data: Mapping[str, object], threshold: float | None = None) -> FrameModel:
    """A FrameModel from its JSON form (``{"bias", "threshold", "weights", "forms"}``)."""
    weights = {str(k): float(v) for k, v in dict(data["weights"]).items()}  # type: ignore[call-overload]
    bias = float(data["bias"])  # type: ignore[arg-type]
    cut = float(data["threshold"]) if threshold is None else threshold  # type: ignore[arg-type]
    # Forms seen passing a loose cut in training: paragraphs without one need no parse for this.
    forms = frozenset(str(f) for f in data.get("forms", ()))  # type: ignore[attr-defined]
    dense = data.get("dense")  # type: ignore[attr-defined]
    vector = np.asarray(dense, dtype=np.float32) if dense else None
    return FrameModel(weights, bias, cut, forms, vector)


@functools.cache
def load_frame_model(threshold: float | None = None) -> FrameModel:
    """The shipped model (``quotedrift/lang/en/frame_model.json``), optionally with another cut."""
    text = resources.files("quotedrift").joinpath("lang/en/frame_model.json").read_text("utf-8")
    return model_from_data(json.loads(text), threshold)
