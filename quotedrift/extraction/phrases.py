"""Noun phrases that name speakers: the words of a mention, and what kind of name they make.

``mention_tokens`` cuts the mention out of the parse ("US Attorney Leah Foley", without its
appositive or relative clause); ``classify`` tells what it names (the name apart from its title,
person / organization / role / unknown, by entity type where the recogniser ran, else by tags and
word lists). ``mentions.Mentions`` keeps the identities these make within an article.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Container, Iterator
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from quotedrift.extraction.entities import EntityClass, run_class
from quotedrift.lang.en.calendar_words import CALENDAR_WORDS
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.lang.en.gendered_titles import FEMALE_TITLES, MALE_TITLES
from quotedrift.lang.en.given_names import FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES
from quotedrift.lang.en.org_nouns import ORG_NOUNS
from quotedrift.lang.en.place_names import GPE_WORDS
from quotedrift.lang.en.role_nouns import ROLE_NOUNS
from quotedrift.lang.en.titles import TITLE_WORDS
from quotedrift.records import SpeakerKind

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

PROPER_TAGS = frozenset({"NNP", "NNPS"})
NAMED_TYPES = frozenset({"PERSON", "ORG", "NORP", "GPE"})
# Unions used per token, built once (a frozenset union per call cost measurable time).
_NP_HEAD_NOUNS = ROLE_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
TITLE_OR_ROLE = TITLE_WORDS | ROLE_NOUNS

DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_CUT_DEPS = frozenset(
    {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj", "prep", "ccomp"}
)
_PRECONJUNCTIONS = frozenset({"both", "either", "neither"})
_DASHES = frozenset({"-", "--", "—", "–", "―"})
# A quotation the parser hung on the name after it ('"...," Sarandon, 69, told') ends at one of
# these; not ’, which also ends a plural possessive ('the Democrats’ leader').
_CLOSING_QUOTES = frozenset({"”", "''", '"'})
_SLUG_STOP = frozenset({"the", "a", "an", "for", "of", "s", "at", "in", "on", "to", "and"})


def slugify(text: str) -> str:
    """Lowercase words joined by hyphens, without articles or possessive endings."""
    # "U.S." -> "us", "China's" -> "china".
    lowered = text.lower().replace("’", "'").replace("'s", "").replace(".", "")
    words = re.findall(r"[a-z0-9]+", lowered)
    return "-".join(w for w in words if w not in _SLUG_STOP) or "unnamed"


def clean_mention(text: str) -> str:
    """Spaces collapsed, edge punctuation and a possessive ending dropped ("Lee's," -> "Lee")."""
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—–")
    return re.sub(r"(?:'s|’s|'|’)$", "", text).strip()


def drop_determiner(text: str) -> str:
    """Without a leading article or demonstrative ("the campaign" -> "campaign")."""
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in DETERMINERS else text


def span_text(toks: list[Token]) -> str:
    """The text from the first to the last of ``toks`` (consecutive, in order). Cheaper than
    slicing ``Doc.text``, which spaCy rebuilds from every token on each access."""
    return toks[0].doc[toks[0].i : toks[-1].i + 1].text


def spaced_dash(tok: Token) -> bool:
    """A dash set off by spaces ('LONDON (Reuters) - Ann Lee'), not a hyphen ('Vice-President')."""
    if tok.text not in _DASHES:
        return False
    return tok.text != "-" or (
        bool(tok.whitespace_) and tok.i > 0 and bool(tok.nbor(-1).whitespace_)
    )


def mention_tokens(head: Token) -> list[Token]:
    """The noun phrase headed by ``head`` as written nearest its verb: compounds, modifiers and
    possessives, without appositives, relative clauses or anything after a comma. For a role
    noun the "for/of" phrase is kept ("spokesperson for the foreign ministry")."""
    keep = {head.i}
    stack = [head]
    while stack:
        tok = stack.pop()
        for child in tok.children:
            dep = child.dep_
            if child.lower_ in _PRECONJUNCTIONS and child.i < tok.i:
                continue  # the "both" of 'both Ruiz and Vale' (parsed preconj or det)
            if dep in _CUT_DEPS and not (
                dep == "prep"
                and tok.i == head.i
                and head.lower_ in _NP_HEAD_NOUNS
                and child.lower_ in {"for", "of", "at", "from", "with"}
            ):
                continue
            # Only the head's own for/of phrase is kept; prepositions further down (the "in the
            # case" of "involved in the case") are not part of the mention.
            if dep == "prep" and tok.i != head.i and child.i > tok.i and tok.dep_ != "pobj":
                continue
            keep.add(child.i)
            stack.append(child)
    doc = head.doc
    lo, hi = min(keep), max(keep)
    toks = [doc[i] for i in range(lo, hi + 1)]
    # Stop at the first comma or parenthesis after the head (appositives, "(R-IN)").
    out: list[Token] = []
    for tok in toks:
        if tok.i > head.i and tok.text in {",", "(", "—", "–", ";"}:
            break
        if tok.i < head.i and (tok.text in _CLOSING_QUOTES or spaced_dash(tok)):
            # A quotation the parser hung on the name after it, or a dateline ('LONDON
            # (Reuters) - Ann Lee'), is not part of the name.
            out = []
            continue
        out.append(tok)
    while out and out[0].text in {",", "(", "“", '"', "‘", "'"}:
        out.pop(0)
    while out and out[-1].is_punct and out[-1].text not in {".", "’s"}:
        out.pop()
    return out or [head]


def appositive_title(head: Token) -> str | None:
    """The title given in an appositive: 'Leah Foley, a U.S. Attorney involved in the case' ->
    'U.S. Attorney'."""
    for child in head.children:
        if child.dep_ == "appos" and child.i > head.i:
            toks = [t for t in child.subtree if t.i <= child.i and t.dep_ != "punct"]
            words = [t.text for t in toks if t.lower_ not in DETERMINERS]
            is_title = child.lower_ in TITLE_OR_ROLE or any(t.dep_ == "det" for t in child.children)
            if words and is_title:
                return " ".join(words)
    return None


@dataclass(frozen=True)
class Classified:
    """What a noun phrase names (``classify``)."""

    name: str
    kind: SpeakerKind
    title: str | None
    organization: str | None
    gender: str | None
    etype: EntityClass | None = None
    plural: bool = False


def classify(toks: list[Token], head: Token, surnames: Container[str] = ()) -> Classified:
    """What the noun phrase ``toks`` headed by ``head`` names: the name without its title,
    the kind (person, organization, role, unknown), title, organisation, gender and entity
    type. ``surnames``: the surnames of the people the article named so far."""
    lower = head.lower_
    text = clean_mention(span_text(toks))
    name = drop_determiner(text)
    words = {t.lower_ for t in toks}
    if lower in CALENDAR_WORDS:
        return Classified(name, "unknown", None, None, None)
    # A title word ending a person's name is the surname ("Angus King", "Ann Judge").
    surname = head.ent_type_ == "PERSON" and head.ent_iob_ == "I"
    if is_proper(head) and (lower not in TITLE_OR_ROLE or surname):
        run = _proper_run(head, toks)
        named = [t for t in run if t.lower_ not in TITLE_WORDS] or run
        # Leading titles ("US Attorney Leah Foley") say nothing about person or body.
        k = 0
        while k < len(run) - 1 and run[k].lower_ in TITLE_WORDS:
            k += 1
        run = run[k:] if named else run
        run_words = [t.lower_ for t in run]
        typed = _typed_name(toks, head, run, name, surnames)
        if typed is not None:
            return typed
        if (
            any(w in ORG_NOUNS or w in GPE_WORDS for w in run_words)
            or " ".join(run_words) in GPE_WORDS
            or (len(run) == 1 and run[0].text.isupper() and 1 < len(run[0].text) <= 5)
            or any(t.lower_ == "of" for t in toks)
            or head.tag_ == "NNPS"
        ):
            return Classified(name, "organization", None, None, None)
        return classify_person(toks, head)
    if lower in ROLE_NOUNS and lower not in {"police"}:
        role = name[:1].lower() + name[1:] if not name[:2].isupper() else name
        return Classified(
            role,
            "role",
            None,
            _role_organization(head),
            _title_gender(lower),
            plural=head.tag_ == "NNS",
        )
    if lower in ORG_NOUNS or lower in GPE_WORDS or words & {"department", "ministry"}:
        return Classified(name, "organization", None, None, None)
    return Classified(name, "unknown", None, None, None)


def _typed_name(
    toks: list[Token], head: Token, run: list[Token], name: str, surnames: Container[str]
) -> Classified | None:
    """A proper name classified by its entity type: a person, a body, a group or a place
    (which speaks as a body: "China said"; never as "he"). None without a type. A place or
    body written as the surname of a person named before ("Warren" after "Elizabeth
    Warren") is that person: the recogniser types one word alone less surely."""
    etype = run_class(run)
    if etype is None:
        return None
    if etype != "person" and len(run) == 1 and run[0].lower_ in surnames:
        etype = "person"
    if etype == "person" and len(run) >= 2 and run[-1].lower_ in ORG_NOUNS:
        etype = "organization"  # 'Kessler Marine', 'Norvale Energy': a body's name word last
    if etype == "organization" and _person_shaped(toks, run):
        etype = "person"
    if etype in {"organization", "thing"} and any(
        c.dep_ == "appos" and c.lower_ in ROLE_NOUNS and c.lower_ not in ORG_NOUNS
        for c in head.children
    ):
        etype = "person"  # 'Marsh, now the council's longest-serving member,': a person's role
    if etype == "person":
        return replace(classify_person(toks, head), etype="person")
    plural = etype == "group" or head.tag_ == "NNPS"
    if etype == "thing" and not any(t.lower_ in ORG_NOUNS for t in run):
        # A date, a number, a title of a work: a body only where its words say so.
        return Classified(name, "unknown", None, None, None, etype)
    return Classified(name, "organization", None, None, None, etype, plural)


def _person_shaped(toks: list[Token], run: list[Token]) -> bool:
    """A name the recogniser typed as a body that is a person's by its shape: two or three
    words, none a body's ('Group', 'Council'), after a person's title ('Chair Nadia Okafor',
    'board chair Nadia Okafor') or opening with a known given name. The small model types rare
    names ('Nadia Okafor') as bodies."""
    if not 2 <= len(run) <= 3 or any(t.lower_ in ORG_NOUNS or t.lower_ in GPE_WORDS for t in run):
        return False
    titled = any(t.lower_ in TITLE_WORDS and t.i < run[0].i for t in toks)
    given = run[0].lower_ in FEMALE_GIVEN_NAMES or run[0].lower_ in MALE_GIVEN_NAMES
    return titled or given


def classify_person(toks: list[Token], head: Token) -> Classified:
    """A person's name, title, organisation and gender from the mention ``toks``."""
    # The name is the run of proper nouns ending at the head, minus leading title words.
    idx = [t.i for t in toks]
    end = head.i
    if head.lower_ in {"'s", "’s"} and head.i - 1 in idx:
        end = head.i - 1
    doc = head.doc
    start = end
    while (
        start - 1 in idx
        and doc[start - 1].tag_ in PROPER_TAGS
        and doc[start - 1].lower_ not in TITLE_WORDS
    ):
        start -= 1
    name_toks = [doc[i] for i in range(start, end + 1)]
    # A name that is all title words ("Spokeswoman") falls back to the entity span.
    if not name_toks:
        name_toks = [doc[end]]
    name = clean_mention(" ".join(t.text for t in name_toks))
    title_toks = [
        doc[i]
        for i in idx
        if i < name_toks[0].i
        and doc[i].lower_ not in DETERMINERS
        and doc[i].dep_ not in {"poss", "case"}
        and not doc[i].is_punct
    ]
    # Possessive owners ("Trump's campaign manager Kellyanne Conway") stay in the title.
    title = " ".join(t.text for t in title_toks) or None
    appos = appositive_title(head)
    if title is None and appos:
        title = appos
    role = head.head if head.dep_ == "appos" and head.head.i < head.i else None
    if role is not None and role.lower_ in TITLE_OR_ROLE and role.tag_.startswith("NN"):
        # 'the first lady, Ann Lee,': the role before the name is its title.
        title_toks = title_toks or [
            t for t in mention_tokens(role) if t.lower_ not in DETERMINERS and not t.is_punct
        ]
        title = title or " ".join(t.text for t in title_toks)
    gender = None
    for t in title_toks:
        gender = gender or _title_gender(t.lower_)
    if gender is None and len(name_toks) >= 2:
        gender = _name_gender(name_toks[0].lower_)  # "Joseph Lee", not "Lee" alone
    organization = _title_organization(title_toks) if title_toks else None
    return Classified(name, "person", title, organization, gender)


def is_proper(tok: Token) -> bool:
    """A proper noun by its tag, or a capitalised word the recogniser types a person or body
    where the tagger did not ('Zentrix released a statement', tagged a common noun)."""
    return tok.tag_ in PROPER_TAGS or (
        tok.ent_type_ in NAMED_TYPES and tok.text[:1].isupper() and tok.tag_.startswith("NN")
    )


def _proper_run(head: Token, toks: list[Token]) -> list[Token]:
    """The proper nouns ending at ``head`` within ``toks`` ("Justice Department")."""
    idx = {t.i for t in toks}
    doc = head.doc
    start = head.i
    while start - 1 in idx and doc[start - 1].tag_ in PROPER_TAGS:
        start -= 1
    return [doc[i] for i in range(start, head.i + 1)]


def _gender(word: str, female: Container[str], male: Container[str]) -> str | None:
    """ "f" or "m" when ``word`` is in the female or male list (given names, titles)."""
    if word in female:
        return "f"
    if word in male:
        return "m"
    return None


def _name_gender(given: str) -> str | None:
    return _gender(given, FEMALE_GIVEN_NAMES, MALE_GIVEN_NAMES)


def _title_gender(word: str) -> str | None:
    return _gender(word, FEMALE_TITLES, MALE_TITLES)


def _role_organization(head: Token) -> str | None:
    """'spokesperson for the foreign ministry' -> 'foreign ministry'; 'White House spokesman'
    -> 'White House'."""
    for child in head.children:
        if child.dep_ == "prep" and child.lower_ in {"for", "of", "at", "with", "from"}:
            pobj = [g for g in child.children if g.dep_ == "pobj"]
            if pobj:
                toks = sorted(
                    (t for t in pobj[0].subtree if t.dep_ not in {"punct"}), key=lambda t: t.i
                )
                text = span_text(toks)
                return drop_determiner(clean_mention(text))
    mods = [t for t in head.lefts if t.dep_ == "compound"]
    if mods:
        doc = head.doc
        text = doc[mods[0].left_edge.i : head.i].text.strip()
        return drop_determiner(clean_mention(text)) or None
    return None


def _title_organization(title_toks: list[Token]) -> str | None:
    """'foreign ministry spokeswoman' -> 'foreign ministry': the words before a role noun."""
    for k, tok in enumerate(title_toks):
        if tok.lower_ in ROLE_NOUNS and k > 0:
            words = [t.text for t in title_toks[:k] if t.lower_ not in {"former", "acting"}]
            if words and any(t.lower_ in ORG_NOUNS for t in title_toks[:k]):
                return " ".join(words)
    return None


@functools.cache
def word_ids(words: frozenset[str]) -> frozenset[int]:
    """The string ids (hashes) of ``words``, to compare with a ``Doc.to_array("LOWER")`` column
    instead of making a Token object for every word of a paragraph."""
    from spacy.strings import get_string_id

    return frozenset(get_string_id(word) for word in words)


def nouns_in(doc: Doc, words: frozenset[str]) -> Iterator[Token]:
    """The tokens of ``doc`` tagged as nouns (NN...) whose lowercase form is one of ``words``."""
    wanted = word_ids(words)
    strings = doc.vocab.strings
    noun_tags: dict[int, bool] = {}
    for i, (lower, tag) in enumerate(doc.to_array(["LOWER", "TAG"]).tolist()):
        if lower not in wanted:
            continue
        noun = noun_tags.get(tag)
        if noun is None:
            noun = noun_tags[tag] = strings[tag].startswith("NN")
        if noun:
            yield doc[i]


def titled_person_at_end(toks: list[Token]) -> Token | None:
    """The last token of a person's name that closes the phrase after a title word inside it:
    'The Federation of Dairy Farmers Chairman Paul Hobbs' (parsed with 'Federation' as the
    head) -> 'Hobbs'. The name needs a given name and a surname; None otherwise."""
    if not toks:
        return None
    last = toks[-1]
    if last.ent_type_ != "PERSON" or last.tag_ not in PROPER_TAGS:
        return None
    k = len(toks) - 1
    while k > 0 and toks[k - 1].tag_ in PROPER_TAGS and toks[k - 1].lower_ not in TITLE_WORDS:
        k -= 1
    if len(toks) - k < 2 or k < 2 or toks[k - 1].lower_ not in TITLE_WORDS:
        return None
    return last
