"""Who stands behind a role, a document or an office: the ties an article writes between them.

A speaker mention often names no one: "the president", "the spokesman", "the statement", "the
campaign", "the governor's office". The article ties each to its holder somewhere else: a title
before a name ("President Ann Lee"), an appositive ("Tom Reyes, a spokesman"), a document's author
("Acme Corp. released a statement", "a statement from Acme Corp."), an owner ("the Lee campaign",
"Lee's office"). This module finds those ties in a parse; ``mentions.Mentions`` keeps them in text
order and resolves a mention to the nearest fitting one before it.
"""

from __future__ import annotations

from collections.abc import Container, Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotedrift.extraction.phrases import PROPER_TAGS, nouns_in
from quotedrift.lang.en.speech_nouns import POSSESSIVE_PRONOUNS
from quotedrift.lang.en.title_spellings import TITLE_SPELLINGS
from quotedrift.lang.en.voice_nouns import VOICE_NOUNS

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

_AUTHOR_PREPS = frozenset({"from", "by", "of"})
_ARTICLES = frozenset({"the", "a", "an", "this", "that", "its", "his", "her", "their"})


@dataclass(frozen=True)
class Tie:
    """One written tie between a nameless noun and the words that name its holder.

    noun: the lowercased head noun ("statement", "campaign").
    start: article offset of the noun phrase.
    holder: the head token of the holder's noun phrase; offset: where its paragraph starts.
    evidence: the words that make the tie, as written ("a statement from Acme Corp.").
    """

    noun: str
    start: int
    holder: Token
    offset: int
    evidence: str


def document_ties(
    doc: Doc, offset: int, documents: frozenset[str], can_speak: Container[int]
) -> Iterator[Tie]:
    """The documents of a parsed paragraph whose author the sentence names: "a statement from
    X", "a report by X", "X released a statement", "X said in a statement". ``documents``: the
    document nouns; ``can_speak``: indices of the tokens that can name an author (names, roles,
    bodies)."""
    for tok in nouns_in(doc, documents):
        author = _author(tok, can_speak)
        if author is None or author.lower_ in documents:
            continue
        lo = min(tok.left_edge.i, author.left_edge.i)
        hi = max(tok.i, author.i)
        yield Tie(tok.lower_, offset + tok.idx, author, offset, doc[lo : hi + 1].text)


def _author(doc_noun: Token, can_speak: Container[int]) -> Token | None:
    owner = next((c for c in doc_noun.children if c.dep_ == "poss"), None)
    if owner is not None and (owner.i in can_speak or owner.lower_ in POSSESSIVE_PRONOUNS):
        return owner  # "his website", "Lee's statement"
    # 'the report, by Ann Lee, concluded': the parser may hang "by" on the verb.
    verb = doc_noun.head
    between = [c for c in verb.children if doc_noun.i < c.i < verb.i and c.dep_ == "prep"]
    for child in [*doc_noun.children, *between]:
        if child.dep_ in {"prep", "agent"} and child.lower_ in _AUTHOR_PREPS:
            for pobj in prep_objects(child):
                if pobj.i in can_speak:
                    return pobj
    if doc_noun.dep_ == "dobj" or (doc_noun.dep_ == "pobj" and doc_noun.head.dep_ == "prep"):
        verb = doc_noun.head if doc_noun.dep_ == "dobj" else doc_noun.head.head
        if verb.tag_.startswith("VB"):
            for child in verb.children:
                if child.dep_ == "nsubj" and child.i in can_speak:
                    return child
    return None


def prep_objects(prep: Token) -> list[Token]:
    """The objects of a preposition; where the parser hung none on it but the word after it
    is a name, that name ('The letter from Lee states ...', "Lee" made a compound of a
    "states" mistaken for a noun)."""
    objects = [c for c in prep.children if c.dep_ == "pobj"]
    if objects or prep.i + 1 >= len(prep.doc):
        return objects
    nxt = prep.doc[prep.i + 1]
    return [nxt] if nxt.tag_ in {"NNP", "NNPS"} and nxt.dep_ == "compound" else []


def owned_voices(doc: Doc, offset: int) -> Iterator[Tie]:
    """The offices, campaigns and teams of a parsed paragraph that name their owner: "the Lee
    campaign", "Lee's office", "the governor's office"."""
    for tok in nouns_in(doc, VOICE_NOUNS):
        owner = next(
            (
                c
                for c in tok.children
                if c.dep_ == "poss" or (c.dep_ == "compound" and c.tag_ in {"NNP", "NNPS"})
            ),
            None,
        )
        if owner is None or owner.lower_ in _ARTICLES:
            continue
        yield Tie(
            tok.lower_,
            offset + tok.left_edge.idx,
            tok,
            offset,
            doc[tok.left_edge.i : tok.i + 1].text,
        )


def bare(toks: list[Token], head: Token) -> bool:
    """True for a definite noun phrase that is its head and an article only ("the statement",
    "The campaign"): it stands for one named before. Not "a statement", "the new campaign" or
    "Acme's statement", which say more than that."""
    rest = [t for t in toks if t.i != head.i and not t.is_punct]
    return len(rest) == 1 and rest[0].lower_ in {"the", "this", "that"}


def title_words(words: Iterable[str]) -> frozenset[str]:
    """Lowercased title words with abbreviations spelled out ("Gov." -> "governor")."""
    out = set()
    for word in words:
        low = word.lower().strip(",")
        out.add(TITLE_SPELLINGS.get(low, low))
    return frozenset(out)


def name_after(head: Token) -> Token | None:
    """The name in apposition after a role noun ('the spokesman, Tom Reyes'), else None."""
    for child in head.children:
        if (
            child.dep_ == "appos"
            and child.i > head.i
            and child.tag_ in PROPER_TAGS
            and child.ent_type_ in {"", "PERSON"}
        ):
            return child
    return None


def definite_role(toks: list[Token], head: Token) -> bool:
    """'the president', 'the former governor': a definite role with no name of its own and no
    owner ('Lee's spokesman' is Lee's, whoever holds it)."""
    if not toks or toks[0].lower_ != "the":
        return False
    return not any(t.dep_ == "poss" for t in toks if t.i != head.i)


def last_before(ties: list[Tie], noun: str, pos: int) -> Tie | None:
    """The last tie of ``noun`` written before ``pos``."""
    for tie in reversed(ties):
        if tie.start < pos and tie.noun == noun:
            return tie
    return None
