"""Speaker mentions within one article: what a noun phrase names, and who a pronoun or surname is.

A mention is a noun phrase from the spaCy parse ("US Attorney Leah Foley", "She", "A spokesperson
for the foreign ministry"). ``Mentions.resolve`` turns it into a ``SpeakerRef`` (name kept apart
from title, kind person/organization/role/unknown, a stable id) and remembers it, so that a later
"Foley" or "she" resolves to the same identity. ``Mentions.speakers`` then lists every identity
with all the ways the article wrote it.
"""

from __future__ import annotations

import bisect
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

from quotedrift.extraction.entities import EntityClass, has_entities
from quotedrift.extraction.holders import (
    Tie,
    bare,
    definite_role,
    document_ties,
    last_before,
    name_after,
    owned_voices,
    prep_objects,
    title_words,
)
from quotedrift.extraction.intervals import SpanIndex
from quotedrift.extraction.phrases import (
    DETERMINERS,
    NAMED_TYPES,
    PROPER_TAGS,
    TITLE_OR_ROLE,
    Classified,
    classify,
    clean_mention,
    drop_determiner,
    is_proper,
    mention_tokens,
    slugify,
    span_text,
    titled_person_at_end,
    word_ids,
)
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.lang.en.org_nouns import ORG_NOUNS
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.lang.en.role_nouns import ROLE_NOUNS
from quotedrift.lang.en.speech_nouns import POSSESSIVE_PRONOUNS, SPEECH_NOUNS
from quotedrift.lang.en.voice_nouns import VOICE_NOUNS
from quotedrift.records import Span, Speaker, SpeakerKind, SpeakerRef

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

# Words that can be a document's author besides names: roles, bodies and pronouns ("a statement
# from the ministry", "officials released a report", "she said in a statement").
_CAN_NAME_AUTHOR = ROLE_NOUNS | ORG_NOUNS | frozenset(PRONOUNS)
# Where a proper name can stand as a possible antecedent.
_NAME_DEPS = frozenset(
    {"nsubj", "nsubjpass", "dobj", "pobj", "appos", "poss", "conj", "attr", "ROOT", "dative"}
)
_RELATIVE = frozenset({"who", "which", "that"})


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
    etype: EntityClass | None = None  # what the entity recogniser called it first
    person: bool = False  # typed a person, titled as one, or seen speaking: "he" may be it
    plural: bool = False  # a group ("officials", "Democrats"): "they" may be it

    def note(self, alias: str, title: str | None) -> None:
        if alias and alias not in self.aliases:
            self.aliases.append(alias)
        if title and title not in self.titles:
            self.titles.append(title)


# How a mention stands in its sentence, for choosing a pronoun's antecedent: the speaker of a
# quotation and the subject of a main clause are what the next "he said" is usually about; a
# name merely mentioned ranks below them, and a name inside quotation marks is no antecedent.
_SPEAKER, _SUBJECT, _NAMED, _QUOTED = 3, 2, 1, 0
_STANDING = {
    _SPEAKER: "the person speaking before",
    _SUBJECT: "the subject of a sentence before",
    _NAMED: "the person named before",
}


class Mentions:
    """The speaker identities of one article, built mention by mention in text order.

    ``observe_doc`` registers the people and bodies a parsed paragraph names (so that a later
    pronoun or surname can find them); ``resolve`` classifies a speaker mention and returns its
    ``SpeakerRef``; ``speakers`` lists the identities that were resolved as speakers.
    """

    def __init__(self, entities: bool = True) -> None:
        self._ids: dict[str, _Identity] = {}
        self._timeline: list[tuple[int, str]] = []  # (offset, identity id) of every mention
        self._standing: dict[tuple[int, str], int] = {}  # timeline entry -> _SPEAKER ... _QUOTED
        self._at: dict[str, list[int]] = {}  # identity id -> offsets of its mentions, sorted
        self._by_surname: dict[str, list[str]] = {}  # last word of a person's name -> ids
        self._honoured: dict[str, list[int]] = {}  # person id -> offsets of "Mrs. Lee" mentions
        self._spoke: set[str] = set()
        self._paragraphs: list[int] = []  # offsets of the observed paragraphs, sorted
        self._documents: list[Tie] = []  # "a statement from X", in text order
        self._owned: list[Tie] = []  # "the Lee campaign", in text order
        # Entity types decide who "he" can be only where the recogniser ran.
        self._typed = False
        self._entities = entities

    # -- registering ------------------------------------------------------------------------

    def observe_doc(self, doc: Doc, offset: int, quoted: SpanIndex | None = None) -> None:
        """Register every proper name of a parsed paragraph starting at ``offset`` (the head of
        each run of proper nouns), so a later pronoun or surname can find it, and the documents
        and offices whose holder it names. Entity types, where the recogniser ran, decide person,
        body or place; else proper-noun tags and word lists. Names inside ``quoted`` (quotation
        marks) are registered but never taken as a pronoun's antecedent."""
        bisect.insort(self._paragraphs, offset)
        self._typed = self._typed or (self._entities and has_entities(doc))
        # Tags, types and words read as hashes from one array: most tokens are not names, and
        # making a Token object for each costs more than the rest of this loop.
        proper = word_ids(PROPER_TAGS)
        named = word_ids(NAMED_TYPES)
        speakerish = word_ids(_CAN_NAME_AUTHOR)
        can_speak: set[int] = set()  # names, roles, bodies, pronouns: who can author a document
        for i, (tag, etype, lower) in enumerate(
            doc.to_array(["TAG", "ENT_TYPE", "LOWER"]).tolist()
        ):
            # 'An angry Trump' tags a common noun the recogniser calls a person.
            name = tag in proper or (etype in named and is_proper(doc[i]))
            if name or lower in speakerish:
                can_speak.add(i)
            if name:
                self._observe_name(doc[i], offset, quoted)
        self._documents.extend(document_ties(doc, offset, DOCUMENT_NOUNS, can_speak))
        self._owned.extend(owned_voices(doc, offset))

    def _observe_name(self, tok: Token, offset: int, quoted: SpanIndex | None) -> None:
        """Register the name ``tok`` heads (a proper noun of a paragraph at ``offset``), unless
        it is part of a longer name or stands where no name of a speaker does."""
        if tok.dep_ == "compound" and is_proper(tok.head):
            return
        if tok.dep_ not in _NAME_DEPS:
            return
        toks = mention_tokens(tok)
        c = classify(toks, tok, self._by_surname)
        if c.kind not in {"person", "organization"} or not c.name:
            return
        start = offset + toks[0].idx
        ident = self._identity_for(c, start)
        ident.note(clean_mention(span_text(toks)), c.title)
        if quoted is not None and quoted.overlaps((start, start + 1)):
            standing = _QUOTED
        else:
            # 'the first lady, Ann Lee, questioned ...': the name in apposition to a
            # subject stands as the subject.
            subject = _main_subject(tok) or (tok.dep_ == "appos" and _main_subject(tok.head))
            standing = _SUBJECT if subject else _NAMED
        self._mark((start, ident.id), standing)

    # -- resolving --------------------------------------------------------------------------

    def resolve(self, head: Token, offset: int, speaking: bool = True) -> SpeakerRef:
        """The speaker named by the noun phrase headed by ``head`` (a token of a paragraph doc
        that starts at ``offset`` in the article). Pronouns resolve to the most salient earlier
        identity that fits (``_antecedent``), surnames to the nearest full name, relative
        pronouns ("who said") to the noun they modify, and roles, documents and offices to the
        holder the article ties them to (``_linked``); ``SpeakerRef.resolved_from`` says why."""
        if head.lower_ in _RELATIVE and head.head.dep_ == "relcl" and head.head.head.i != head.i:
            # 'Will Smith, who joked': the mention as written is "who"; the identity is the
            # noun the clause modifies.
            noun = head.head.head
            if (
                noun.dep_ == "appos"
                and noun.head.tag_ in PROPER_TAGS
                and noun.tag_ not in PROPER_TAGS
            ):
                noun = noun.head  # 'McConnell, now the Senate majority leader, who said'
            inner = self.resolve(noun, offset, speaking)
            start = offset + head.idx
            why = inner.resolved_from or f"relative pronoun: the noun it follows ({inner.mention})"
            return replace(
                inner, mention=head.text, span=(start, start + len(head.text)), resolved_from=why
            )
        toks = mention_tokens(head)
        start = offset + toks[0].idx
        end = offset + toks[-1].idx + len(toks[-1].text)
        mention = span_text(toks)
        span: Span = (start, end)
        if len(toks) == 1 and (head.lower_ in PRONOUNS or head.lower_ in POSSESSIVE_PRONOUNS):
            found = self._antecedent(head.lower_, start)
            tie = self._document_for_it(start, found) if head.lower_ == "it" and speaking else None
            if tie is not None:
                # '... on his website: "A." / "B," it says': the document speaks for its author.
                inner = self.resolve(tie.holder, tie.offset, speaking)
                why = _because(f'pronoun: document "{tie.evidence}"', inner)
                return replace(inner, mention=mention, span=span, resolved_from=why)
            if found is None:
                return self._ref(mention, span, None, None, speaking)
            ident, why = found
            self._mark((start, ident.id), _SPEAKER if speaking else _NAMED)
            ident.note(mention, None)
            return replace(
                self._ref(mention, span, ident, None, speaking), resolved_from=f"pronoun: {why}"
            )
        linked = self._linked(toks, head, offset, start, speaking)
        if linked is not None:
            inner, why = linked
            return replace(inner, mention=mention, span=span, resolved_from=why)
        c = classify(toks, head, self._by_surname)
        ident = self._identity_for(c, start)
        ident.note(clean_mention(mention), c.title)
        if speaking and ident.kind == "person":
            ident.person = True  # seen speaking: a later "he" or "she" may be them
        self._mark((start, ident.id), _SPEAKER if speaking else _NAMED)
        return self._ref(mention, span, ident, c.title, speaking)

    def _linked(
        self, toks: list[Token], head: Token, offset: int, start: int, speaking: bool
    ) -> tuple[SpeakerRef, str] | None:
        """A mention that names no one itself, resolved through the tie the article writes:
        a document's author, the name after a role, a title's holder, an office's owner. None
        when the mention is not of that kind or the article ties it to no one."""
        lower = head.lower_
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and (lower in SPEECH_NOUNS or lower in DOCUMENT_NOUNS):
            # 'His response: "..."', "Lee's statement said": the owner speaks.
            inner = self.resolve(owner, offset, speaking)
            return inner, _because(f"{lower} of {inner.name}", inner)
        if lower in DOCUMENT_NOUNS:
            # "a statement from the Justice Department": the document stands for its author.
            # 'the report, by Ann Lee, concluded': the parser may hang "by" on the verb.
            between = [
                c for c in head.head.children if head.i < c.i < head.head.i and c.dep_ == "prep"
            ]
            for child in [*head.subtree, *between]:
                if child.dep_ in {"prep", "agent"} and child.lower_ in {"from", "by", "of"}:
                    pobj = prep_objects(child)
                    if pobj and pobj[0].lower_ not in DOCUMENT_NOUNS:
                        inner = self.resolve(pobj[0], offset, speaking)
                        return inner, _because(f"document: from {inner.name}", inner)
            if bare(toks, head):
                tie = last_before(self._documents, lower, start)
                if tie is not None:
                    inner = self.resolve(tie.holder, tie.offset, speaking)
                    return inner, _because(f'document: "{tie.evidence}"', inner)
            return None
        if head.tag_ in PROPER_TAGS:
            named = titled_person_at_end(toks) if head.i != toks[-1].i else None
            if named is None:
                return None
            # A body's name before a title and a person's name, parsed with the body as head.
            return self.resolve(named, offset, speaking), "the name after the title"
        if lower in TITLE_OR_ROLE or head.tag_ == "NN":
            named = name_after(head)
            # 'said the spokesman, Tom Reyes': the role is the title of the name after it,
            # also a role the list lacks ('the harbour master, Ines Vogt').
            if named is not None:
                inner = self.resolve(named, offset, speaking)
                role = drop_determiner(clean_mention(span_text(toks)))
                if inner.id in self._ids:
                    self._ids[inner.id].note("", role)
                return replace(inner, title=inner.title or role), "the name after the role"
        if lower in VOICE_NOUNS:
            return self._office(toks, head, offset, start, speaking)
        if lower in TITLE_OR_ROLE and head.tag_ == "NN" and definite_role(toks, head):
            found = self._holder(toks, head, start)
            if found is not None:
                ident, evidence = found
                self._mark((start, ident.id), _SPEAKER if speaking else _NAMED)
                ident.note(clean_mention(span_text(toks)), None)
                ref = self._ref(span_text(toks), None, ident, None, speaking)
                return ref, f'role: held by {ident.name} ("{evidence}")'
        return None

    def _office(
        self, toks: list[Token], head: Token, offset: int, start: int, speaking: bool
    ) -> tuple[SpeakerRef, str] | None:
        """ "The governor's office" -> the governor's holder's office; a bare "the campaign" ->
        the campaign named before ("the Lee campaign")."""
        owner = next((c for c in head.children if c.dep_ == "poss"), None)
        if owner is not None and owner.tag_ == "NN" and owner.lower_ in TITLE_OR_ROLE:
            found = self._holder(mention_tokens(owner), owner, start)
            if found is None:
                return None
            holder, evidence = found
            name = f"{holder.name}'s {head.lower_}"
            c = Classified(name, "organization", None, holder.name, None)
            ident = self._identity_for(c, start)
            ident.note(clean_mention(span_text(toks)), None)
            self._mark((start, ident.id), _SPEAKER if speaking else _NAMED)
            ref = self._ref(span_text(toks), None, ident, None, speaking)
            return ref, f'office: the {owner.lower_} is {holder.name} ("{evidence}")'
        if bare(toks, head):
            tie = last_before(self._owned, head.lower_, start)
            if tie is not None:
                inner = self.resolve(tie.holder, tie.offset, speaking)
                return inner, _because(f'named before: "{tie.evidence}"', inner)
        return None

    def _holder(self, toks: list[Token], head: Token, pos: int) -> tuple[_Identity, str] | None:
        """The person whose title holds every word of the role mention ``toks`` ("the
        governor" -> "Gov. Ann Lee"): the one mentioned last before ``pos``, else the one
        mentioned first after it; with the words that give the title."""
        need = title_words(
            t.text
            for t in toks
            if not t.is_punct and t.dep_ != "case" and t.lower_ not in DETERMINERS
        )
        best: tuple[int, _Identity, str] | None = None
        for ident in self._ids.values():
            if ident.kind != "person" or not ident.titles:
                continue
            shown = next(
                (a for a in (*ident.aliases, *ident.titles) if need <= title_words(a.split())),
                None,
            )
            if shown is None:
                continue
            at = self._at.get(ident.id, [ident.first])
            k = bisect.bisect_left(at, pos)
            rank = pos - at[k - 1] if k > 0 else (1 << 62) + at[k] - pos
            if best is None or rank < best[0]:
                best = (rank, ident, shown)
        return None if best is None else (best[1], best[2])

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
        name = drop_determiner(clean_mention(mention))
        ident = self._identity_for(Classified(name, kind, None, None, None), span[0])
        ident.note(clean_mention(mention), None)
        self._mark((span[0], ident.id))
        return self._ref(mention, span, ident, None, speaking)

    def names_known(self, name: str) -> bool:
        """True when the parsed text named ``name`` as a person or body before: the same name,
        or a person's surname ("Lee" for "Ann Lee"). Nothing is registered."""
        key = slugify(name)
        if key in self._ids or f"org:{key}" in self._ids:
            return True
        parts = name.split()
        return bool(parts) and parts[-1].lower() in self._by_surname

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

    def _mark(self, entry: tuple[int, str], standing: int = _NAMED) -> None:
        # Mentions arrive out of order (entities first, then speakers); keep the timeline sorted
        # so that "the nearest earlier mention" is a reverse walk from a bisection point.
        if entry in self._standing:
            if standing != _QUOTED:
                self._standing[entry] = max(self._standing[entry], standing)
            return
        self._standing[entry] = standing
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

    def _antecedent(self, pronoun: str, pos: int) -> tuple[_Identity, str] | None:
        """Who a pronoun at ``pos`` stands for, and why. With entity types: among the fitting
        identities of this paragraph and the one before, the speaker of a quotation or the
        subject of a main clause before one merely named (the later of equals); when none fits
        there, the nearest that fits at all. Without them: the nearest earlier that fits."""
        want = PRONOUNS.get(pronoun) or POSSESSIVE_PRONOUNS[pronoun]
        top = bisect.bisect_left(self._timeline, (pos,))
        window = self._window_start(pos) if self._typed else pos
        best: tuple[int, _Identity] | None = None
        for k in range(top - 1, -1, -1):
            entry = self._timeline[k]
            if entry[0] < window and best is not None:
                break
            standing = self._standing.get(entry, _NAMED)
            ident = self._ids[entry[1]]
            if (self._typed and standing == _QUOTED) or not self._fits(ident, want, standing):
                continue
            if entry[0] < window:
                best = (_NAMED, ident)  # nothing fits nearby: the nearest that does
                break
            # A speaker and a main subject rank alike (the later wins): 'Lee said "A." Fox
            # disagreed. "B," he said' is Fox.
            if best is None or min(standing, _SUBJECT) > min(best[0], _SUBJECT):
                best = (standing, ident)
        if best is None:
            return None
        standing, ident = best
        if want in {"m", "f"} and ident.gender is None:
            ident.gender = want
        why = _STANDING.get(standing, "the nearest name before") if self._typed else None
        return ident, why or "the nearest name before"

    def _document_for_it(self, pos: int, found: tuple[_Identity, str] | None) -> Tie | None:
        """The document with a known author that "it" at ``pos`` stands for: the last one
        written in this paragraph or the one before, after the body ``found`` was last named."""
        window = self._window_start(pos)
        tie = next((t for t in reversed(self._documents) if t.start < pos), None)
        if tie is None or tie.start < window:
            return None
        if found is not None:
            at = self._at.get(found[0].id, [])
            k = bisect.bisect_left(at, pos)
            if k > 0 and at[k - 1] > tie.start:
                return None
        return tie

    def _fits(self, ident: _Identity, want: str, standing: int = _SUBJECT) -> bool:
        """Whether a pronoun of class ``want`` (PRONOUNS) can stand for ``ident``, met at a
        mention of this ``standing``."""
        if want in {"m", "f"}:
            if ident.kind != "person" or ident.gender not in {None, want}:
                return False
            # Never a place, date or body (typed so, they are not persons). A name the
            # recogniser left untyped is a person only where it acts as one, as a subject or a
            # speaker: not 'on Instagram'.
            return ident.person or not self._typed or standing >= _SUBJECT
        if want == "o":
            return ident.kind == "organization" and ident.etype != "thing"
        if want == "n":
            if not self._typed:
                return ident.kind in {"organization", "role"}
            return ident.plural and ident.etype != "place"
        return False

    def _window_start(self, pos: int) -> int:
        """Where the paragraph before the one holding ``pos`` starts (of those parsed)."""
        k = bisect.bisect_right(self._paragraphs, pos) - 1
        return self._paragraphs[max(k - 1, 0)] if self._paragraphs else 0

    def _identity_for(self, c: Classified, pos: int) -> _Identity:
        if c.kind == "person":
            found = self._person_by_name(c.name, pos, c.gender)
            if found is not None and len(c.name.split()) == 1 and c.gender:
                self._honoured.setdefault(found.id, []).append(pos)  # "Mrs. Lee"
            if found is not None:
                if len(c.name) > len(found.name) and c.name.endswith(found.name.split()[-1]):
                    found.name = c.name  # "Foley" seen before "Leah Foley": keep the full name
                if c.gender and not found.gender:
                    found.gender = c.gender
                _learn(found, c)
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
        _learn(ident, c)
        return ident

    def _person_by_name(self, name: str, pos: int, gender: str | None = None) -> _Identity | None:
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
        # "Melania Trump" is not the "Mr. Trump" named before: a known gender must agree.
        fitting = [
            self._ids[i]
            for i in self._by_surname.get(parts[-1].lower(), ())
            if (len(parts) == 1 or len(self._ids[i].name.split()) == 1)
            and (gender is None or self._ids[i].gender in {None, gender})
        ]
        if len(parts) == 1 and gender is None:
            # 'Melania Trump ... Mrs. Trump ... An angry Trump': one the article calls by an
            # honorific is not the one it names by the surname alone.
            bare = [i for i in fitting if not any(p < pos for p in self._honoured.get(i.id, ()))]
            fitting = bare or fitting
        best: tuple[int, _Identity] | None = None  # (rank, identity): lower is nearer
        for ident in fitting:
            at = self._at.get(ident.id, [ident.first])
            k = bisect.bisect_right(at, pos)
            # At or before pos: distance back, to the last mention as a subject or speaker
            # where there is one ('Trump' after 'the photo shows Mrs. Trump' is still the Trump
            # speaking before); else after it, ranked behind every earlier one.
            acting = [p for p in at[:k] if self._standing.get((p, ident.id), 0) >= _SUBJECT]
            if acting:
                rank = pos - acting[-1]
            elif k > 0:
                rank = (1 << 61) + pos - at[k - 1]
            else:
                rank = (1 << 62) + at[k] - pos
            if best is None or rank < best[0]:
                best = (rank, ident)
        return None if best is None else best[1]


def _main_subject(tok: Token) -> bool:
    """The subject of a main clause ('Lee visited ...', 'Lee arrived and spoke ...'), not of a
    clause inside another ('noting that Lee had ...')."""
    if tok.dep_ not in {"nsubj", "nsubjpass"}:
        return False
    verb = tok.head
    while verb.dep_ == "conj" and verb.head.i != verb.i:
        verb = verb.head
    return verb.dep_ == "ROOT"


def _learn(ident: _Identity, c: Classified) -> None:
    """What one more mention tells about an identity: its entity type (the first given), that it
    is a person (typed so, or titled: "Sen. Lee"), that it is a group."""
    if c.etype is not None and ident.etype is None:
        ident.etype = c.etype
    if c.kind == "person" and (c.etype == "person" or c.title or c.gender):
        ident.person = True
    if c.plural:
        ident.plural = True


def _because(why: str, inner: SpeakerRef) -> str:
    """``why``, followed by the reason the inner mention resolved as it did, if any."""
    return f"{why}; {inner.resolved_from}" if inner.resolved_from else why
