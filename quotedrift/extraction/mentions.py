"""Speaker mentions within one article: what a noun phrase names, and who a pronoun or surname is.

A mention is a noun phrase from the spaCy parse ("US Attorney Leah Foley", "She", "A spokesperson
for the foreign ministry"). ``Mentions.resolve`` turns it into a ``SpeakerRef`` (name kept apart
from title, kind person/organization/role/unknown, a stable id) and remembers it, so that a later
"Foley" or "she" resolves to the same identity. ``Mentions.speakers`` then lists every identity
with all the ways the article wrote it.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from quotedrift.lang.en.calendar_words import CALENDAR_WORDS
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.lang.en.gendered_titles import FEMALE_TITLES, MALE_TITLES
from quotedrift.lang.en.org_nouns import ORG_NOUNS
from quotedrift.lang.en.place_names import GPE_WORDS
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.lang.en.role_nouns import ROLE_NOUNS
from quotedrift.lang.en.titles import TITLE_WORDS
from quotedrift.records import Span, Speaker, SpeakerKind, SpeakerRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token


_PROPER = frozenset({"NNP", "NNPS"})
# Unions used per token, built once (a frozenset union per call cost measurable time).
_NP_HEAD_NOUNS = ROLE_NOUNS | ORG_NOUNS | DOCUMENT_NOUNS
_TITLE_OR_ROLE = TITLE_WORDS | ROLE_NOUNS
# Where a proper name can stand as a possible antecedent.
_NAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "conj", "attr", "ROOT", "dative"}
)

_RELATIVE = frozenset({"who", "which", "that"})
_DETERMINERS = frozenset({"the", "a", "an", "this", "that", "these", "those"})
_CUT_DEPS = frozenset(
    {"appos", "relcl", "acl", "punct", "advcl", "parataxis", "cc", "conj", "prep", "ccomp"}
)
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


def _clean(text: str) -> str:
    text = re.sub(r"\s+", " ", text).strip(" ,;:-—–")
    return re.sub(r"(?:'s|’s|'|’)$", "", text).strip()


def _drop_determiner(text: str) -> str:
    first, _, rest = text.partition(" ")
    return rest if rest and first.lower() in _DETERMINERS else text


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
            words = [t.text for t in toks if t.lower_ not in _DETERMINERS]
            is_title = child.lower_ in _TITLE_OR_ROLE or any(
                t.dep_ == "det" for t in child.children
            )
            if words and is_title:
                return " ".join(words)
    return None


@dataclass
class _Identity:
    id: str
    name: str
    kind: SpeakerKind
    first: int
    gender: str | None = None
    titles: list[str] = field(default_factory=list)
    aliases: list[str] = field(default_factory=list)
    organization: str | None = None

    def note(self, alias: str, title: str | None) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)
        if title and title not in self.titles:
            self.titles.append(title)


@dataclass(frozen=True)
class _Classified:
    name: str
    kind: SpeakerKind
    title: str | None
    organization: str | None
    gender: str | None


class Mentions:
    """The speaker identities of one article, built mention by mention in text order.

    ``observe_doc`` registers the people and bodies a parsed paragraph names (so that a later
    pronoun or surname can find them); ``resolve`` classifies a speaker mention and returns its
    ``SpeakerRef``; ``speakers`` lists the identities that were resolved as speakers.
    """

    def __init__(self) -> None:
        self._ids: dict[str, _Identity] = {}
        self._timeline: list[tuple[int, str]] = []  # (offset, identity id) of every mention
        self._at: dict[str, list[int]] = {}  # identity id -> offsets of its mentions, sorted
        self._by_surname: dict[str, list[str]] = {}  # last word of a person's name -> ids
        self._spoke: set[str] = set()

    # -- registering ------------------------------------------------------------------------

    def observe_doc(self, doc: Doc, offset: int) -> None:
        """Register every proper name of a parsed paragraph starting at ``offset`` (the head of
        each run of proper nouns), so a later pronoun or surname can find it. The pipeline runs
        without NER (it costs as much as the parser); proper-noun tags and word lists decide
        person or organization."""
        # Tags read as hashes from one array: most tokens are not proper nouns, and making a
        # Token object for each costs more than the rest of this loop.
        proper = {doc.vocab.strings[tag] for tag in _PROPER}
        for i, tag in enumerate(doc.to_array("TAG").tolist()):
            if tag not in proper:
                continue
            tok = doc[i]
            if tok.dep_ == "compound" and tok.head.tag_ in _PROPER:
                continue
            if tok.dep_ not in _NAME_DEPS:
                continue
            toks = mention_tokens(tok)
            c = self._classify(toks, tok)
            if c.kind not in {"person", "organization"} or not c.name:
                continue
            start = offset + toks[0].idx
            ident = self._identity_for(c, start)
            ident.note(_clean(span_text(toks)), c.title)
            self._mark((start, ident.id))

    # -- resolving --------------------------------------------------------------------------

    def resolve(self, head: Token, offset: int, speaking: bool = True) -> SpeakerRef:
        """The speaker named by the noun phrase headed by ``head`` (a token of a paragraph doc
        that starts at ``offset`` in the article). Pronouns and surnames resolve to the nearest
        earlier identity that fits; relative pronouns ("who said") to the noun they modify."""
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # 'Will Smith, who joked': the mention as written is "who"; the identity is the
            # noun the clause modifies.
            noun = head.head.head
            if noun.dep_ == "appos" and noun.head.tag_ in _PROPER and noun.tag_ not in _PROPER:
                noun = noun.head  # 'McConnell, now the Senate majority leader, who said'
            inner = self.resolve(noun, offset, speaking)
            start = offset + head.idx
            return replace(inner, mention=head.text, span=(start, start + len(head.text)))
        toks = mention_tokens(head)
        start = offset + toks[0].idx
        end = offset + toks[-1].idx + len(toks[-1].text)
        mention = span_text(toks)
        span: Span = (start, end)
        if len(toks) == 1 and head.lower_ in PRONOUNS:
            ident = self._antecedent(head.lower_, start)
            if ident is None:
                return self._ref(mention, span, None, None, speaking)
            self._mark((start, ident.id))
            ident.note(mention, None)
            return self._ref(mention, span, ident, None, speaking)
        # "a statement from the Justice Department": the document stands for its author.
        if head.lower_ in DOCUMENT_NOUNS:
            for child in head.subtree:
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by", "of"}:
                    pobj = [g for g in child.children if g.dep_ == "pobj"]
                    if pobj and pobj[0].lower_ not in DOCUMENT_NOUNS:
                        inner = self.resolve(pobj[0], offset, speaking)
                        return SpeakerRef(
                            mention=mention,
                            span=span,
                            name=inner.name,
                            title=inner.title,
                            kind=inner.kind,
                            id=inner.id,
                            organization=inner.organization,
                        )
        c = self._classify(toks, head)
        ident = self._identity_for(c, start)
        ident.note(_clean(mention), c.title)
        self._mark((start, ident.id))
        return self._ref(mention, span, ident, c.title, speaking)

    def resolve_text(self, mention: str, span: Span, speaking: bool = True) -> SpeakerRef:
        """A speaker written outside any parse ('— Editorial Board'): classified by its words."""
        words = mention.split()
        last = words[-1].lower() if words else ""
        kind: SpeakerKind
        if last in ORG_NOUNS or last in {"board", "staff", "desk", "team"}:
            kind = "organization"
        elif last in ROLE_NOUNS:
            kind = "role"
        else:
            kind = "person"
        name = _drop_determiner(_clean(mention))
        ident = self._identity_for(_Classified(name, kind, None, None, None), span[0])
        ident.note(_clean(mention), None)
        self._mark((span[0], ident.id))
        return self._ref(mention, span, ident, None, speaking)

    def speakers(self) -> tuple[Speaker, ...]:
        """Every identity that was resolved as a speaker, in order of first mention."""
        out = []
        for ident in sorted(self._ids.values(), key=lambda i: i.first):
            if ident.id not in self._spoke:
                continue
            out.append(
                Speaker(
                    id=ident.id,
                    name=ident.name,
                    kind=ident.kind,
                    titles=tuple(ident.titles),
                    aliases=tuple(ident.aliases),
                    organization=ident.organization,
                )
            )
        return tuple(out)

    # -- internals --------------------------------------------------------------------------

    def _mark(self, entry: tuple[int, str]) -> None:
        # Mentions arrive out of order (entities first, then speakers); keep the timeline sorted
        # so that "the nearest earlier mention" is a reverse walk from a bisection point.
        bisect.insort(self._timeline, entry)
        bisect.insort(self._at.setdefault(entry[1], []), entry[0])

    def _ref(
        self,
        mention: str,
        span: Span | None,
        ident: _Identity | None,
        title: str | None,
        speaking: bool,
    ) -> SpeakerRef:
        if ident is None:
            return SpeakerRef(
                mention=mention,
                span=span,
                name=mention,
                title=None,
                kind="unknown",
                id="unknown:" + slugify(mention),
            )
        if speaking:
            self._spoke.add(ident.id)
        return SpeakerRef(
            mention=mention,
            span=span,
            name=ident.name,
            title=title if title is not None else (ident.titles[0] if ident.titles else None),
            kind=ident.kind,
            id=ident.id,
            organization=ident.organization,
        )

    def _antecedent(self, pronoun: str, pos: int) -> _Identity | None:
        want = PRONOUNS[pronoun]
        for k in range(bisect.bisect_left(self._timeline, (pos,)) - 1, -1, -1):
            ident = self._ids[self._timeline[k][1]]
            if want in {"m", "f"}:
                if ident.kind != "person" or (ident.gender not in {None, want}):
                    continue
                if ident.gender is None:
                    ident.gender = want
                return ident
            if want == "o" and ident.kind in {"organization"}:
                return ident
            if want == "n" and ident.kind in {"organization", "role"}:
                return ident
        return None

    def _identity_for(self, c: _Classified, pos: int) -> _Identity:
        if c.kind == "person":
            found = self._person_by_name(c.name, pos)
            if found is not None:
                if len(c.name) > len(found.name) and c.name.endswith(found.name.split()[-1]):
                    found.name = c.name  # "Foley" seen before "Leah Foley": keep the full name
                if c.gender and not found.gender:
                    found.gender = c.gender
                return found
            ident_id = slugify(c.name)
        elif c.kind == "organization":
            ident_id = "org:" + slugify(c.name)
        elif c.kind == "role":
            ident_id = "role:" + slugify(c.name)
        else:
            ident_id = "unknown:" + slugify(c.name)
        ident = self._ids.get(ident_id)
        if ident is None:
            ident = _Identity(ident_id, c.name, c.kind, pos, c.gender)
            ident.organization = c.organization
            self._ids[ident_id] = ident
            if c.kind == "person" and c.name.split():
                self._by_surname.setdefault(c.name.split()[-1].lower(), []).append(ident_id)
        return ident

    def _person_by_name(self, name: str, pos: int) -> _Identity | None:
        """The person ``name`` refers to at article offset ``pos``: the same name, or a surname
        alone naming a full name, or a full name whose surname a bare mention used. Of several
        ("Bill Clinton" ... "Hillary Clinton"), the one mentioned last before ``pos``, else the
        one mentioned first after it."""
        key = slugify(name)
        if key in self._ids and self._ids[key].kind == "person":
            return self._ids[key]
        parts = name.split()
        if not parts:
            return None
        fitting = [
            self._ids[i]
            for i in self._by_surname.get(parts[-1].lower(), ())
            if len(parts) == 1 or len(self._ids[i].name.split()) == 1
        ]
        best: tuple[int, _Identity] | None = None  # (rank, identity): lower is nearer
        for ident in fitting:
            at = self._at.get(ident.id, [ident.first])
            k = bisect.bisect_right(at, pos)
            # At or before pos: distance back; else after it, ranked behind every earlier one.
            rank = pos - at[k - 1] if k > 0 else (1 << 62) + at[k] - pos
            if best is None or rank < best[0]:
                best = (rank, ident)
        return None if best is None else best[1]

    def _classify(self, toks: list[Token], head: Token) -> _Classified:
        lower = head.lower_
        text = _clean(span_text(toks))
        name = _drop_determiner(text)
        words = {t.lower_ for t in toks}
        if lower in CALENDAR_WORDS:
            return _Classified(name, "unknown", None, None, None)
        if head.tag_ in _PROPER and lower not in _TITLE_OR_ROLE:
            run = _proper_run(head, toks)
            named = [t for t in run if t.lower_ not in TITLE_WORDS] or run
            # Leading titles ("US Attorney Leah Foley") say nothing about person or body.
            k = 0
            while k < len(run) - 1 and run[k].lower_ in TITLE_WORDS:
                k += 1
            run = run[k:] if named else run
            run_words = [t.lower_ for t in run]
            if (
                any(w in ORG_NOUNS or w in GPE_WORDS for w in run_words)
                or " ".join(run_words) in GPE_WORDS
                or (len(run) == 1 and run[0].text.isupper() and 1 < len(run[0].text) <= 5)
                or any(t.lower_ == "of" for t in toks)
                or head.tag_ == "NNPS"
            ):
                return _Classified(name, "organization", None, None, None)
            return self._classify_person(toks, head)
        if lower in ROLE_NOUNS and lower not in {"police"}:
            role = name[:1].lower() + name[1:] if not name[:2].isupper() else name
            return _Classified(role, "role", None, _role_organization(head), _title_gender(lower))
        if lower in ORG_NOUNS or lower in GPE_WORDS or words & {"department", "ministry"}:
            return _Classified(name, "organization", None, None, None)
        return _Classified(name, "unknown", None, None, None)

    def _classify_person(self, toks: list[Token], head: Token) -> _Classified:
        # The name is the run of proper nouns ending at the head, minus leading title words.
        idx = [t.i for t in toks]
        end = head.i
        if head.lower_ in {"'s", "’s"} and head.i - 1 in idx:
            end = head.i - 1
        doc = head.doc
        start = end
        while (
            start - 1 in idx
            and doc[start - 1].tag_ in _PROPER
            and doc[start - 1].lower_ not in TITLE_WORDS
        ):
            start -= 1
        name_toks = [doc[i] for i in range(start, end + 1)]
        # A name that is all title words ("Spokeswoman") falls back to the entity span.
        if not name_toks:
            name_toks = [doc[end]]
        name = _clean(" ".join(t.text for t in name_toks))
        title_toks = [
            doc[i]
            for i in idx
            if i < name_toks[0].i
            and doc[i].lower_ not in _DETERMINERS
            and doc[i].dep_ not in {"poss", "case"}
            and not doc[i].is_punct
        ]
        # Possessive owners ("Trump's campaign manager Kellyanne Conway") stay in the title.
        title = " ".join(t.text for t in title_toks) or None
        appos = appositive_title(head)
        if title is None and appos:
            title = appos
        gender = None
        for t in title_toks:
            gender = gender or _title_gender(t.lower_)
        organization = _title_organization(title_toks) if title_toks else None
        return _Classified(name, "person", title, organization, gender)


def _proper_run(head: Token, toks: list[Token]) -> list[Token]:
    """The proper nouns ending at ``head`` within ``toks`` ("Justice Department")."""
    idx = {t.i for t in toks}
    doc = head.doc
    start = head.i
    while start - 1 in idx and doc[start - 1].tag_ in _PROPER:
        start -= 1
    return [doc[i] for i in range(start, head.i + 1)]


def _title_gender(word: str) -> str | None:
    if word in FEMALE_TITLES:
        return "f"
    if word in MALE_TITLES:
        return "m"
    return None


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
                return _drop_determiner(_clean(text))
    mods = [t for t in head.lefts if t.dep_ == "compound"]
    if mods:
        doc = head.doc
        text = doc[mods[0].left_edge.i : head.i].text.strip()
        return _drop_determiner(_clean(text)) or None
    return None


def _title_organization(title_toks: list[Token]) -> str | None:
    """'foreign ministry spokeswoman' -> 'foreign ministry': the words before a role noun."""
    for k, tok in enumerate(title_toks):
        if tok.lower_ in ROLE_NOUNS and k > 0:
            words = [t.text for t in title_toks[:k] if t.lower_ not in {"former", "acting"}]
            if words and any(t.lower_ in ORG_NOUNS for t in title_toks[:k]):
                return " ".join(words)
    return None
