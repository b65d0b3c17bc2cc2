"""The parse around a cue: verbs, their subjects, and where they stand to the quotation marks.

Helpers of attribution (``speakers``) and reported speech (``reported_speech``) that read the spaCy
parse: whether a token is a verb, its subject (climbing "and"/participle/infinitive chains), an
outer reporting verb, "according to X", and whether a verb sits in a quotation's attribution slot.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

from quotedrift.extraction.cues import characterisation_base, is_strong_cue, speech_base
from quotedrift.extraction.parsed import ParsedParagraph
from quotedrift.extraction.phrases import spaced_dash
from quotedrift.lang.en.calendar_words import CALENDAR_WORDS
from quotedrift.lang.en.characterisation_verbs import UTTERANCE_VERBS
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.lang.en.opinion_nouns import OPINION_NOUNS
from quotedrift.lang.en.org_nouns import ORG_NOUNS
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.lang.en.role_nouns import ROLE_NOUNS
from quotedrift.lang.en.speech_nouns import SPEECH_NOUNS
from quotedrift.records import Span

if TYPE_CHECKING:
    from spacy.tokens import Token


_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})


_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "relcl", "acl", "pcomp"})


COMPLEMENT_DEPS = frozenset(
    {
        "ccomp",
        "xcomp",
        "dobj",
        "oprd",
        "prep",
        "advcl",
        "attr",
        "acomp",
        "dative",
        "npadvmod",
        "pobj",
        "obj",
        "conj",
        "advmod",
    }
)


def inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def is_verb(tok: Token) -> bool:
    """A verb by its tag (the tagger runs; the lemmatizer does not), or a strong speech verb
    the tagger took for a noun though the parser gave it a subject and a clause ('The letter
    from Lee states that ...', "states" tagged a plural noun). Weak ones stay nouns: "read",
    "show" and "find" are nouns often enough that the tag is trusted."""
    if tok.tag_.startswith("VB"):
        return True
    if not tok.tag_.startswith("NN") or not is_strong_cue(tok.text):
        return False
    deps = {c.dep_ for c in tok.children}
    return "nsubj" in deps and "ccomp" in deps


def is_passive(tok: Token) -> bool:
    """'He was said to be tired': the subject is not the speaker."""
    return any(c.dep_ in {"nsubjpass", "auxpass"} for c in tok.children)


def subject_of(verb: Token) -> Token | None:
    """The speaker-subject of a cue verb: its own nsubj, the agent of a passive ("was told by
    X"), or, for a verb without one ("..., describing the threat as", "and pledged to"), the
    subject of the verb it hangs on. A conjoined verb inside reported content ("X stressed that
    China opposes ... and pledged") climbs past the content to the outer speech verb."""
    tok = verb
    if (
        verb.tag_ == "VBG"
        and verb.i > 0
        and not any(c.dep_ in _SUBJECT_DEPS for c in verb.children)
    ):
        prev = verb.doc[verb.i - 1]
        on_platform = prev.dep_ == "pobj" and prev.head.lower_ in {"on", "in", "at", "via"}
        if (
            prev.tag_ in {"NNP", "NNPS"} and prev.lower_ not in CALENDAR_WORDS and not on_platform
        ) or prev.lower_ in {"he", "she", "they"}:
            # 'footage of Trump saying', 'shows Clinton asking'; not 'a message on Twitter
            # reading', where the poster speaks.
            return prev
    for _ in range(6):
        # 'was seen that October praising ...', parsed with the month as the participle's
        # subject: a day or month never speaks (as before a participle, above).
        subjects = [
            c
            for c in tok.children
            if c.dep_ in _SUBJECT_DEPS and not (tok.tag_ == "VBG" and c.lower_ in CALENDAR_WORDS)
        ]
        if subjects:
            # Two subjects are a misparse of something in front ('LONDON (Reuters) - Donald
            # Trump said', 'in Berea, OH, ..., Gov. John Kasich said'): the nearer one is it,
            # a name before a common noun ('Paul Ryan, despite ..., the victims "do need"').
            named = [c for c in subjects if c.tag_ in {"NNP", "NNPS", "PRP"}] or subjects
            return min(named, key=lambda c: abs(c.i - tok.i))
        for child in tok.children:
            if child.dep_ == "agent":
                pobj = [g for g in child.children if g.dep_ == "pobj"]
                if pobj:
                    return pobj[0]
        if tok.dep_ == "acl" and tok.tag_ == "VBN":
            return None  # 'a box labeled "..."': the noun is what was labelled, not who spoke
        if (
            tok.dep_ in {"relcl", "acl"}
            and tok.head.i != tok.i
            and tok.head.tag_.startswith(("NN", "PRP"))
            and tok.head.lower_ not in CALENDAR_WORDS  # 'tweets early Friday saying'
        ):
            noun = tok.head
            holder = _governing_verb(noun) if tok.tag_ == "VBG" else None
            if holder is None or names_someone(noun):
                return noun  # "the senator, who said" / "shows Trump saying" -> the noun
            # 'Holding signs calling Christie "..."', 'replacing it with language calling
            # for "...": a thing says what its holder or writer says.
            tok = holder
            continue
        if tok.dep_ == "pcomp" and tok.head.dep_ == "prep" and is_verb(tok.head.head):
            tok = tok.head.head  # "(Obama responded) by saying", "after saying ..., she was"
            continue
        if tok.dep_ not in _CLIMB_DEPS or tok.head.i == tok.i:
            return None
        head = tok.head
        if tok.dep_ in {"advcl", "xcomp"} and head.dep_ == "advmod" and head.tag_.startswith("RB"):
            head = head.head  # 'went so far as to say': the clause hangs on the adverb
        if (
            tok.dep_ == "conj"
            and head.dep_ == "ccomp"
            and speech_base(verb.text) is not None
            and speech_base(head.text) is None
            and speech_base(head.head.text) is not None
        ):
            head = head.head  # the parser hung "and pledged" on the reported clause
        while head.head.i != head.i and _aside(head, tok):
            head = head.head
        tok = head
    return None


def _aside(head: Token, tok: Token) -> bool:
    """``head`` stands in an aside set off by spaced dashes and ``tok`` after the closing one
    ('looping the streets - where the Panthers played - while chanting', parsed with
    "chanting" hung on "played"): the aside governs nothing after it."""
    outer = head.head
    if not outer.i < head.i < tok.i:
        return False
    doc = head.doc
    return any(spaced_dash(t) for t in doc[outer.i + 1 : head.i]) and any(
        spaced_dash(t) for t in doc[head.i + 1 : tok.i]
    )


def _governing_verb(noun: Token, steps: int = 4) -> Token | None:
    """The verb a noun phrase hangs on ('signs' in 'Holding signs', 'language' in 'replacing it
    with softer language'), through prepositions; None within ``steps`` steps."""
    tok = noun
    for _ in range(steps):
        if tok.head.i == tok.i:
            return None
        tok = tok.head
        if is_verb(tok):
            return tok
    return None


_NON_SPEAKERS = frozenset({"it", "this", "that", "which", "what"})


def outer_speech_verb(verb: Token) -> Token | None:
    """The speech verb whose clausal complement holds ``verb``, if any."""
    tok = verb
    for step in range(3):
        # 'told ... that she believes ..., saying that': a participle hangs on the reported
        # clause, whose speaker is the outer verb's.
        deps = {"ccomp", "conj", "xcomp"} | (
            {"advcl"} if step == 0 and verb.tag_ == "VBG" else set()
        )
        if tok.dep_ not in deps or tok.head.i == tok.i:
            return None
        via_advcl = tok.dep_ == "advcl"
        tok = tok.head
        if via_advcl and speech_base(tok.text) is not None:
            return None  # 'echoed these concerns, describing ...': the same speaker's own cue
        if speech_base(tok.text) is not None and is_verb(tok) and not is_passive(tok):
            return tok
    return None


def according_to(toks: Sequence[Token]) -> tuple[Token, Token] | None:
    """('according', its object) for an 'according to X' among ``toks``."""
    for tok in toks:
        if tok.lower_ != "according":
            continue
        nxt = tok.nbor(1) if tok.i + 1 < len(tok.doc) else None
        if nxt is None or nxt.lower_ != "to":
            continue
        objs = [g for g in nxt.children if g.dep_ == "pobj"]
        if objs:
            return tok, objs[0]
    return None


_OWNED_WORDS = OPINION_NOUNS | SPEECH_NOUNS | DOCUMENT_NOUNS


def content_owner(
    toks: Iterable[Token], para: ParsedParagraph, marks: Sequence[Span]
) -> tuple[Token, Token] | None:
    """(noun, owner) when the quotation sits in what a noun of opinion or speech with a named
    owner says ("Lee's view that the plan is 'reckless'", "Lee's comments about the 'witch
    hunt'"): the owner's words, whoever the sentence is about. None when the quotation only
    describes the noun ('called Lee's remarks "racist"') or a speech verb with a subject of its
    own stands between ("Lee's claim that Fox called it 'reckless'": Fox's)."""
    first = next((t for t in toks if inside(para.start_of(t), marks)), None)
    if first is None:
        return None
    return _owner_above(first, para, marks)


_ABOUT = frozenset({"about", "on", "of", "over", "regarding"})


def _owner_above(
    tok: Token, para: ParsedParagraph, marks: Sequence[Span]
) -> tuple[Token, Token] | None:
    """The noun whose content clause or "about" phrase holds the quotation at ``tok`` in the
    parse, with its owner."""
    for _ in range(12):
        if tok.head.i == tok.i:
            return None
        if any(c.dep_ == "mark" and c.lower_ == "that" for c in tok.children):
            # "agrees with Lee's view that it is ...", the clause hung on the verb: the noun
            # right before "that" is what it says.
            noun = tok.doc[tok.left_edge.i - 1] if tok.left_edge.i > 0 else None
            owner = _owner(noun, para, marks) if noun is not None else None
            if noun is not None and owner is not None:
                return noun, owner
        child, tok = tok, tok.head
        if inside(para.start_of(tok), marks):
            continue
        if (
            is_verb(tok)
            and speech_base(tok.text) is not None
            and any(c.dep_ in _SUBJECT_DEPS for c in tok.children)
        ):
            return None
        owner = _owner(tok, para, marks)
        if owner is not None:
            content = child.i > tok.i and (
                child.dep_ == "acl" or (child.dep_ == "prep" and child.lower_ in _ABOUT)
            )
            return (tok, owner) if content else None
    return None


def _owner(noun: Token, para: ParsedParagraph, marks: Sequence[Span]) -> Token | None:
    """The named possessor of ``noun`` when it is a noun of opinion or speech outside the
    marks. A possessive pronoun is left to the cue: it mostly stands for the subject ('Lee
    defended his remarks')."""
    if noun.tag_ not in {"NN", "NNS"} or noun.lower_ not in _OWNED_WORDS:
        return None
    if inside(para.start_of(noun), marks):
        return None
    owner = next((c for c in noun.children if c.dep_ == "poss"), None)
    if owner is None or owner.tag_ == "PRP$" or inside(para.start_of(owner), marks):
        return None
    return owner if names_someone(owner) else None


def distance(tok: Token, para: ParsedParagraph, marks: Sequence[Span]) -> int:
    pos = para.start_of(tok)
    return min(min(abs(pos - s), abs(pos - e)) for s, e in marks)


def quotation_hangs_on(tok: Token, para: ParsedParagraph, marks: Sequence[Span]) -> bool:
    """True when the quotation hangs on ``tok`` in the parse (its subtree reaches into it)."""
    return any(inside(para.start_of(t), marks) for t in tok.subtree)


_NOT_WHAT_FOLLOWS = frozenset({"nsubj", "nsubjpass", "csubj", "aux", "auxpass", "neg", "punct"})


def characterises(verb: Token, para: ParsedParagraph, marks: Sequence[Span]) -> bool:
    """True when the quotation sits in what follows ``verb``: in its object ('the "reckless"
    plan'), its complement or a phrase hung on it ('as "a farmer"', 'of "playing politics"',
    'for their "courage"'); not in its subject ('the "reckless" senator blasted'), and not as
    the whole object ('blamed "progressivism"'), which names what is judged: a term, unless
    the verb's object is words ('offered "warm wishes"')."""
    utters = characterisation_base(verb.text) in UTTERANCE_VERBS
    return not _speaker_between(verb, para, marks) and any(
        child.i > verb.i
        and child.dep_ not in _NOT_WHAT_FOLLOWS
        and quotation_hangs_on(child, para, marks)
        and (utters or not (child.dep_ == "dobj" and _all_quoted(child, para, marks)))
        for child in verb.children
    )


def _speaker_between(verb: Token, para: ParsedParagraph, marks: Sequence[Span]) -> bool:
    """A verb with a subject of its own that names someone stands between the quotation and
    ``verb`` ('offered a look at why the brother, whom Lee introduced as "...", is'): the
    quotation is that subject's."""
    quoted = next((t for t in verb.sent if inside(para.start_of(t), marks)), None)
    tok = quoted
    for _ in range(12):
        if tok is None or tok.i == verb.i or tok.head.i == tok.i:
            return False
        tok = tok.head
        if (
            tok.i != verb.i
            and is_verb(tok)
            and not inside(para.start_of(tok), marks)
            and any(c.dep_ == "nsubj" and names_someone(c) for c in tok.children)
        ):
            return True
    return False


def _all_quoted(phrase: Token, para: ParsedParagraph, marks: Sequence[Span]) -> bool:
    """Every word of ``phrase`` (its determiner aside) is inside the quotation marks."""
    words = [t for t in phrase.subtree if not t.is_punct and t.dep_ != "det"]
    return all(inside(para.start_of(t), marks) for t in words)


def hugs(verb: Token, para: ParsedParagraph, marks: Sequence[Span], text: str) -> bool:
    """True when ``verb`` sits in a short attribution right after the closing mark or right
    before the opening one ('"...?" Vitter demanded.', 'Graham asked, "..."')."""
    start, end = para.start_of(verb), para.end_of(verb)
    for m_start, m_end in marks:  # any fragment: '"A?" Graham asked. "B."'
        if start >= m_end:
            gap = text[max(para.offset, m_end) : start]
        elif end <= m_start:
            gap = text[end:m_start]
            if not gap.strip() or gap.strip()[-1] not in ",:":
                continue
        else:
            continue
        if len(gap.split()) <= 5 and not any(c in gap for c in ".;!?\n"):
            return True
    return False


def attribution_after(
    verb: Token, subj: Token | None, para: ParsedParagraph, marks: Sequence[Span], text: str
) -> bool:
    """True when ``verb`` and its subject ``subj`` make a short attribution right after a
    closing mark ('"...," she said'; not 'the ad "wrongfully" suggests', where the quotation
    sits inside the subject)."""
    start = para.start_of(verb)
    for _, m_end in marks:
        if start >= m_end and subj is not None and para.start_of(subj) >= m_end:
            # A quotation handed to its attribution ends in a comma, question or exclamation
            # mark ('"You winning?" she said'); a bare title or term runs on into the
            # writer's sentence ('the "Avatar" star posted', 'this "night vision" I began').
            end = text[max(para.offset, m_end - 4) : m_end].rstrip(_CLOSING_MARKS)
            if not end or end[-1] not in ",?!":
                continue
            gap = text[max(para.offset, m_end) : start]
            if len(gap.split()) <= 5 and not any(c in gap for c in ".;!?\n"):
                return True
    return False


def framed(verb: Token, para: ParsedParagraph, marks: Sequence[Span], text: str) -> bool:
    """True for a verb outside the cue lexicon in the attribution slot: finite, right after a
    quotation that ends in a comma, question or exclamation mark, with its subject there too
    ('"This is fantastic!" beamed Ann Lee', '"...," I confessed')."""
    if verb.tag_ not in {"VBD", "VBZ", "VBP"} or verb.dep_ in {"aux", "auxpass"}:
        return False
    # Only a quotation that opens its sentence is handed to what follows it; after the
    # writer's words ('was only "partial," meaning it', 'wrapped up -- "...!" -- the balloons
    # cascaded') the verb goes on with the writer's sentence.
    before = text[para.offset : marks[0][0]].rstrip()
    if before and before[-1] not in ".?!" + _CLOSING_MARKS:
        return False
    subj = subject_of(verb)
    if subj is None or para.start_of(subj) < marks[0][1]:
        subj = adjacent_speaker(verb, para, marks)
    return subj is not None and attribution_after(verb, subj, para, marks, text)


def host_subject(verb: Token) -> Token | None:
    """The subject of the verb whose object clause ``verb`` heads ("condemned what he called")."""
    host = _governing_verb(verb, steps=3)
    return subject_of(host) if host is not None else None


def _nominal(tok: Token) -> bool:
    return tok.tag_.startswith("NN") or (tok.tag_ == "PRP" and tok.lower_ in PRONOUNS)


def _phrase_head(tok: Token) -> Token:
    """The head of the noun phrase ``tok`` is part of ("Elijah" -> "Cummings")."""
    for _ in range(4):
        if tok.dep_ in {"compound", "amod", "det", "poss", "nmod", "case"} and tok.head.i > tok.i:
            tok = tok.head
        else:
            break
    return tok


def adjacent_speaker(verb: Token, para: ParsedParagraph, marks: Sequence[Span]) -> Token | None:
    """The noun phrase right after a cue verb ('said James Acton') or right before it ('Rep.
    Elijah E. Cummings (D-Md.) said'), outside the quotation, when the parse gives no subject."""
    doc = verb.doc
    k = verb.i + 1
    start = para.start_of(verb)
    closing = max((e for _, e in marks if e <= start), default=None)
    # Words between the quotation and the verb: '"...," Ramos, 58, told AFP' is no inversion.
    between = (
        [t for t in doc[verb.sent.start : verb.i] if para.start_of(t) >= closing and not t.is_punct]
        if closing is not None
        else []
    )
    # Inversion only follows a quotation right away or opens the sentence, and only with a
    # finite verb: "by saying his refusal" is no inversion.
    inverted = verb.i == verb.sent.start or (  # 'Continued Stone:', tagged VBN
        verb.tag_ in {"VBD", "VBZ", "VBP"} and closing is not None and not between
    )
    if inverted and k < len(doc) and not inside(para.start_of(doc[k]), marks):
        if doc[k].tag_ in {"DT", "PRP$"} and k + 1 < len(doc):
            k += 1
        if _nominal(doc[k]) and not inside(para.start_of(doc[k]), marks):
            head = _phrase_head(doc[k])
            if not temporal(head):
                return head
    if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # 'a box labeled "..."': a participle's noun is not its speaker
    k = verb.i - 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if k >= 1 and doc[k].text == ",":
        # 'Ann Lee, who chairs the panel, said', parsed with no subject for "said": the noun
        # the relative clause before the comma modifies.
        noun = _relative_holder(doc[k - 1])
        if noun is not None and not inside(para.start_of(noun), marks):
            return noun
    if (
        k >= 0
        and doc[k].text == ","
        and doc[k - 1].dep_ == "appos"
        or (k >= 1 and doc[k].text == "," and doc[k - 1].head.dep_ == "appos")
    ):
        # 'Flynn, a top surrogate, said': the name the appositive describes.
        appos = doc[k - 1] if doc[k - 1].dep_ == "appos" else doc[k - 1].head
        k = appos.head.i
    if k >= 0 and _nominal(doc[k]) and not inside(para.start_of(doc[k]), marks):
        return doc[k]
    if between and between[0].tag_ in {"NNP", "NNPS"}:
        # '"...," Texas delegate Bill Eastland, wearing a hat, said': the name that follows
        # the quotation, however the parser hung it.
        return _phrase_head(between[0])
    return None


def _relative_holder(last: Token) -> Token | None:
    """The noun a relative clause ending at ``last`` modifies ('Lee, who ... Democrats'), or
    None when ``last`` ends no relative clause."""
    tok = last
    for _ in range(8):
        if tok.dep_ == "relcl":
            noun = tok.head
            if noun.i < tok.i and tok.right_edge.i == last.i and _nominal(noun):
                return noun
            return None
        if tok.head.i == tok.i:
            return None
        tok = tok.head
    return None


def temporal(tok: Token) -> bool:
    """A time expression ('said Thursday morning', 'tweets early Friday saying'): the parser
    hangs it on the verb as a bare noun-phrase adverbial, or it is a day or month name."""
    return tok.dep_ in {"npadvmod", "tmod"} or tok.lower_ in CALENDAR_WORDS


def _dateline(tok: Token) -> bool:
    """'WASHINGTON -- President Obama, ... said': an all-capitals place opening the paragraph
    and followed by a dash is the dateline, not a speaker."""
    doc = tok.doc
    run = doc[tok.left_edge.i : tok.i + 1]
    return (
        tok.left_edge.i <= 1
        and all(t.text.isupper() or not t.is_alpha for t in run)
        and tok.i + 1 < len(doc)
        and spaced_dash(doc[tok.i + 1])
    )


def named_apposition(subj: Token) -> Token:
    """The name in apposition to a subject that cannot speak: 'With 50 days until the election,
    Minyon Moore, a senior adviser, called ...' (parsed as 'the election, Minyon Moore') and
    'WASHINGTON -- President Obama, ..., said' (the dateline) -> the name."""
    if not (_dateline(subj) or (subj.tag_ in {"NN", "NNS"} and not names_someone(subj))):
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > subj.i and child.tag_ in {"NNP", "NNPS"}:
            return child
    return subj


_OPENING_MARKS = frozenset({"“", "‘", "``"})  # straight marks may be closing ones


_CLOSING_MARKS = "\"'”’`"


_CLOSING_TOKENS = frozenset({"”", "’", "''", '"'})


def titled(tok: Token) -> bool:
    """True for a word in quotation marks of its own ('on "Fox and Friends"'): a title. Not a
    name whose phrase the parser hung a whole quotation on ('"...," Sarandon, 69, told')."""
    doc = tok.doc
    left = tok.left_edge.i
    return (
        left > 0
        and doc[left - 1].text in _OPENING_MARKS
        and not any(t.text in _CLOSING_TOKENS for t in doc[left : tok.i])
    )


SPEAKERISH = ROLE_NOUNS | ORG_NOUNS


def names_someone(tok: Token) -> bool:
    """A proper name, a personal pronoun, or a role or organisation noun."""
    return (
        tok.tag_ in {"NNP", "NNPS"}
        # A capitalised noun inside the sentence, whatever its tag ('\xa0Sanders' tags NNS).
        or (tok.tag_.startswith("NN") and tok.text[:1].isupper() and tok.i > tok.sent.start)
        or tok.lower_ in SPEAKERISH
        or tok.lower_ in DOCUMENT_NOUNS
        or tok.lower_ in {"piece", "article", "ad", "editorial", "video"}
        or tok.lower_ in {"he", "she", "they", "i", "we"}
    )
