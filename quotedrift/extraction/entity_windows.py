"""spaCy's entity recogniser run only around the words whose entity type extraction reads.

Extraction reads a type only on proper nouns and capitalised nouns (``phrases.is_proper``,
``classify``, ``Mentions.observe_doc``): about a tenth of the tokens of news prose. The recogniser
of en_core_web_sm has an embedding layer of its own whose window encoder sees ``depth x window``
tokens either side, and its transition step looks at the token before as well; so what it says of
a token depends on a few tokens around it and on whether an entity is open when it gets there.
``recognise`` runs it on those stretches alone (each read token with its reach either side, merged
where they touch) and writes the entities found back into the paragraph docs.

Why: on whole paragraphs the recogniser cost more than tagging and parsing together; on the
stretches (about half the tokens) it costs half as much, and decoded step by step (``stepwise``),
half as much again. What it says of the read tokens is what the whole-paragraph run says for all
8,525 of PolNeAR dev and all but 9 of 85,463 of train (entities opened further back than the
reach: the long title of a show); extractions are identical on every dev and train article.
``benchmarks/polnear_extract.py --speed`` prints what the recogniser costs; tests/test_nlp.py
compares the two runs.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from typing import TYPE_CHECKING, Any, cast

from quotedrift.extraction.nlp import ENTITY_PIPE
from quotedrift.extraction.phrases import PROPER_TAGS
from quotedrift.extraction.stepwise import annotated

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.pipeline.transition_parser import Parser
    from spacy.tokens import Doc
    from spacy.tokens import Span as SpacySpan
    from thinc.types import Ints2d

_NOUN_TAGS = frozenset({"NN", "NNS"})


def reach(nlp: Language) -> tuple[int, int] | None:
    """How many tokens before and after a token decide what the recogniser of ``nlp`` says of
    it (``encoder_reach`` of its model's configuration). None when ``nlp`` has no recogniser
    or it is not built that way."""
    component = nlp.config["components"].get(ENTITY_PIPE)
    return None if component is None else encoder_reach(component.get("model", {}))


def encoder_reach(model: Mapping[str, Any]) -> tuple[int, int] | None:
    """The reach of a transition model's configuration (``[components.ner.model]``): its own
    window encoder's (depth x window size) after a token, one more before (the transition step
    reads the previous token). None when the model reads another component's layer (a shared
    embedding or a transformer, which sees the whole paragraph): then the recogniser runs on
    whole paragraphs."""
    embed = model.get("tok2vec", {})
    encode = embed.get("encode", {})
    if not str(embed.get("@architectures", "")).startswith("spacy.Tok2Vec."):
        return None
    if not str(encode.get("@architectures", "")).startswith("spacy.MaxoutWindowEncoder."):
        return None
    tokens = int(encode["depth"]) * int(encode["window_size"])
    return tokens + 1, tokens


def read_tokens(doc: Doc) -> list[int]:
    """Indices of the tokens of ``doc`` whose entity type extraction reads: proper nouns by
    their tag and capitalised common nouns ('Zentrix released', tagged a common noun)."""
    strings = doc.vocab.strings
    proper = {strings[tag] for tag in PROPER_TAGS}
    nouns = {strings[tag] for tag in _NOUN_TAGS}
    out = []
    # Tags read as hashes from one array: a Token object per token costs more than the rest.
    for i, tag in enumerate(doc.to_array("TAG").tolist()):
        if tag in proper or (tag in nouns and doc[i].text[:1].isupper()):
            out.append(i)
    return out


def stretches(read: Sequence[int], length: int, before: int, after: int) -> list[tuple[int, int]]:
    """Token ranges ``[start, end)`` covering each of ``read`` with ``before`` tokens before it
    and ``after`` after it, within ``[0, length)``, merged where they overlap or touch."""
    out: list[tuple[int, int]] = []
    for i in read:
        start, end = max(0, i - before), min(length, i + after + 1)
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(out[-1][1], end))
        else:
            out.append((start, end))
    return out


def recognise(nlp: Language, docs: Sequence[Doc], batch_size: int) -> None:
    """Set the named entities of ``docs`` (tagged and parsed by ``nlp``, not yet through its
    recogniser) where extraction reads them; every other token is left outside any entity.
    Each doc then has entity annotation (``entities.has_entities``)."""
    from spacy.tokens import Span

    ner = cast("Parser", nlp.get_pipe(ENTITY_PIPE))
    context = reach(nlp)
    if context is None:
        for _ in annotated(ner, docs, batch_size):
            pass
        return
    ranges = [stretches(read_tokens(doc), len(doc), *context) for doc in docs]
    pieces = (
        piece for doc, spans in zip(docs, ranges, strict=True) for piece in _pieces(doc, spans)
    )
    typed = annotated(ner, pieces, batch_size)
    for doc, spans in zip(docs, ranges, strict=True):
        ents: list[SpacySpan] = []
        for start, _ in spans:
            piece = next(typed)
            ents.extend(Span(doc, start + e.start, start + e.end, e.label) for e in piece.ents)
        doc.set_ents(ents, default="outside")


# What the recogniser reads of a token besides its word: the norm (a tokenizer exception can set
# it: "n't" -> "not") and where sentences start (no entity runs across a sentence start).
_COPIED: list[int | str] = ["NORM", "SENT_START"]


def _pieces(doc: Doc, spans: Sequence[tuple[int, int]]) -> Iterator[Doc]:
    """The token ranges ``spans`` of ``doc`` as Docs of their own with the attributes the
    recogniser reads, each starting a sentence. Built from words and two attribute columns: a
    quarter of the time of ``Span.as_doc``, which copies the parse as well."""
    from spacy.tokens import Doc as SpacyDoc

    if not spans:
        return
    values = doc.to_array(_COPIED)
    for start, end in spans:
        toks = doc[start:end]
        words = [t.text for t in toks]
        piece = SpacyDoc(doc.vocab, words=words, spaces=[bool(t.whitespace_) for t in toks])
        part = values[start:end].copy()
        part[0, 1] = 1
        piece.from_array(_COPIED, cast("Ints2d", part))
        yield piece
