"""Attribution: who said each quotation candidate, and through which cue.

Given a ``QuoteCandidate`` from the scanner and the parsed paragraphs of its article,
``attribute`` looks for, in this order:

1. a cue in the quotation's own sentence(s), outside the quotation marks: a speech verb ("said",
   "X told reporters", "describing ... as", "pledged to") whose subject is the speaker (climbing
   through "and"/participle/infinitive chains when the verb has no subject of its own), any
   finite verb in the attribution slot of a quotation that opens its sentence ('"...!" beamed
   X'), or "according to X";
2. a colon introduction ("From Chairwoman Rosenworcel:", "X said:" is case 1);
3. a dash attribution on the next line ('"..."\\n— Editorial Board');
4. for a quotation that is a sentence of its own, the speaker of a quotation in the previous
   sentence (a quotation running over paragraphs), else the subject of the previous sentence
   when it names a person or a role (cue None).

Mentions resolve through ``coref.Mentions`` (pronouns, surnames, titles). The mention kept is the
one nearest the quotation as written ("she", "who", the name an appositive describes); what it
resolves to is the ``SpeakerRef.name``. Words inside quotation marks (this one's or an earlier
one's), datelines and time expressions never make the speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotedrift.extraction.cues import DASH_AFTER_RE, belief_base, is_strong_cue, speech_base
from quotedrift.extraction.intervals import GrowingSpans
from quotedrift.extraction.mentions import Mentions, spaced_dash
from quotedrift.extraction.parsed import ParsedParagraph, ParsedText
from quotedrift.lang.en.calendar_words import CALENDAR_WORDS
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.lang.en.org_nouns import ORG_NOUNS
from quotedrift.lang.en.pronouns import PRONOUNS
from quotedrift.lang.en.role_nouns import ROLE_NOUNS
from quotedrift.records import Cue, QuoteCandidate, Span, SpeakerRef

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


@dataclass(frozen=True)
class Attribution:
    """What ``attribute`` found for one candidate.

    speaker / cue: None where none was found.
    content: for a partial quotation, the whole reported clause around it; else None.
    confidence: 0-1.
    """

    speaker: SpeakerRef | None
    cue: Cue | None
    content: Span | None
    confidence: float


_SUBJECT_DEPS = frozenset({"nsubj", "csubj"})
_CLIMB_DEPS = frozenset({"conj", "advcl", "xcomp", "relcl", "acl", "pcomp"})
_COMPLEMENT_DEPS = frozenset(
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


def _inside(pos: int, spans: Sequence[Span]) -> bool:
    return any(s <= pos < e for s, e in spans)


def is_verb(tok: Token) -> bool:
    """A verb by its tag (the tagger runs; the lemmatizer does not)."""
    return tok.tag_.startswith("VB")


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
        subjects = [c for c in tok.children if c.dep_ in _SUBJECT_DEPS]
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
            if holder is None or _names_someone(noun):
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
        if (
            tok.dep_ == "conj"
            and head.dep_ == "ccomp"
            and speech_base(verb.text) is not None
            and speech_base(head.text) is None
            and speech_base(head.head.text) is not None
        ):
            head = head.head  # the parser hung "and pledged" on the reported clause
        tok = head
    return None


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


def _outer_speech_verb(verb: Token) -> Token | None:
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


def _according_to(toks: Sequence[Token]) -> tuple[Token, Token] | None:
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


def _distance(tok: Token, para: ParsedParagraph, marks: Sequence[Span]) -> int:
    pos = para.start_of(tok)
    return min(min(abs(pos - s), abs(pos - e)) for s, e in marks)


def _covers(tok: Token, para: ParsedParagraph, marks: Sequence[Span]) -> bool:
    """True when the quotation hangs on ``tok`` in the parse (its subtree reaches into it)."""
    return any(_inside(para.start_of(t), marks) for t in tok.subtree)


def _hugs(verb: Token, para: ParsedParagraph, marks: Sequence[Span], text: str) -> bool:
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


def _attribution_after(
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


def _framed(verb: Token, para: ParsedParagraph, marks: Sequence[Span], text: str) -> bool:
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
        subj = _adjacent_speaker(verb, para, marks)
    return subj is not None and _attribution_after(verb, subj, para, marks, text)


def _host_subject(verb: Token) -> Token | None:
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


def _adjacent_speaker(verb: Token, para: ParsedParagraph, marks: Sequence[Span]) -> Token | None:
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
    if inverted and k < len(doc) and not _inside(para.start_of(doc[k]), marks):
        if doc[k].tag_ in {"DT", "PRP$"} and k + 1 < len(doc):
            k += 1
        if _nominal(doc[k]) and not _inside(para.start_of(doc[k]), marks):
            head = _phrase_head(doc[k])
            if not _temporal(head):
                return head
    if verb.tag_ not in {"VBD", "VBZ", "VBP"}:
        return None  # 'a box labeled "..."': a participle's noun is not its speaker
    k = verb.i - 1
    if k >= 0 and doc[k].text == ")":
        while k >= 0 and doc[k].text != "(":
            k -= 1
        k -= 1
    if (
        k >= 0
        and doc[k].text == ","
        and doc[k - 1].dep_ == "appos"
        or (k >= 1 and doc[k].text == "," and doc[k - 1].head.dep_ == "appos")
    ):
        # 'Flynn, a top surrogate, said': the name the appositive describes.
        appos = doc[k - 1] if doc[k - 1].dep_ == "appos" else doc[k - 1].head
        k = appos.head.i
    if k >= 0 and _nominal(doc[k]) and not _inside(para.start_of(doc[k]), marks):
        return doc[k]
    if between and between[0].tag_ in {"NNP", "NNPS"}:
        # '"...," Texas delegate Bill Eastland, wearing a hat, said': the name that follows
        # the quotation, however the parser hung it.
        return _phrase_head(between[0])
    return None


def _temporal(tok: Token) -> bool:
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


def _named_apposition(subj: Token) -> Token:
    """The name in apposition to a subject that cannot speak: 'With 50 days until the election,
    Minyon Moore, a senior adviser, called ...' (parsed as 'the election, Minyon Moore') and
    'WASHINGTON -- President Obama, ..., said' (the dateline) -> the name."""
    if not (_dateline(subj) or (subj.tag_ in {"NN", "NNS"} and not _names_someone(subj))):
        return subj
    for child in subj.children:
        if child.dep_ == "appos" and child.i > subj.i and child.tag_ in {"NNP", "NNPS"}:
            return child
    return subj


_OPENING_MARKS = frozenset({"“", "‘", "``"})  # straight marks may be closing ones
_CLOSING_MARKS = "\"'”’`"
_CLOSING_TOKENS = frozenset({"”", "’", "''", '"'})


def _titled(tok: Token) -> bool:
    """True for a word in quotation marks of its own ('on "Fox and Friends"'): a title. Not a
    name whose phrase the parser hung a whole quotation on ('"...," Sarandon, 69, told')."""
    doc = tok.doc
    left = tok.left_edge.i
    return (
        left > 0
        and doc[left - 1].text in _OPENING_MARKS
        and not any(t.text in _CLOSING_TOKENS for t in doc[left : tok.i])
    )


@dataclass(frozen=True)
class _CueChoice:
    para: ParsedParagraph
    cue: Token
    speaker: Token | None
    text: str
    span: Span


_Ranked = tuple[tuple[int, int], _CueChoice]


def _find_cue(
    sents: Sequence[tuple[ParsedParagraph, SpacySpan]],
    marks: Sequence[Span],
    text: str,
    quoted: Sequence[Span] = (),
) -> _CueChoice | None:
    """The best cue for the quotation at ``marks`` among ``sents``; ``quoted``: the marks of the
    article's other quotations so far, whose words speak no attribution."""
    best: _Ranked | None = None
    for para, sent in sents:
        frame = [t for t in sent if not _inside(para.start_of(t), marks)]
        ranked = [_according_choice(para, frame, marks)]
        ranked += [_verb_choice(tok, para, marks, text, quoted) for tok in frame if is_verb(tok)]
        for found in ranked:
            if found is not None and (best is None or found[0] < best[0]):
                best = found
    return None if best is None else best[1]


def _according_choice(
    para: ParsedParagraph, frame: Sequence[Token], marks: Sequence[Span]
) -> _Ranked | None:
    """'according to X' in the sentence, ranked before any verb."""
    acc = _according_to(frame)
    if acc is None:
        return None
    word, obj = acc
    span = (para.start_of(word), para.end_of(word.nbor(1)))
    return (0, _distance(word, para, marks)), _CueChoice(para, word, obj, "according to", span)


def _verb_choice(
    tok: Token, para: ParsedParagraph, marks: Sequence[Span], text: str, quoted: Sequence[Span]
) -> _Ranked | None:
    """The verb ``tok`` as the quotation's cue, with its speaker and rank, or None when it cannot
    introduce this quotation."""
    base = speech_base(tok.text) or belief_base(tok.text)
    if base is None and not _framed(tok, para, marks, text):
        return None
    if is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children):
        return None
    covers = _covers(tok, para, marks)
    if not covers and not is_strong_cue(tok.text) and not _hugs(tok, para, marks, text):
        return None
    subj = _verb_speaker(tok, para, marks, quoted)
    tok, subj = _outer_source(tok, subj, para, marks, text)
    dist = _distance(tok, para, marks)
    # Rank: a speech verb the quotation hangs on, with a subject, nearest to the marks;
    # belief verbs ("believe", "knows") only where no speech verb is found.
    belief = speech_base(tok.text) is None
    rank = ((0 if covers else 1) + (0 if subj is not None else 2) + 3 * belief, dist)
    return rank, _CueChoice(para, tok, subj, tok.text, (para.start_of(tok), para.end_of(tok)))


def _verb_speaker(
    tok: Token, para: ParsedParagraph, marks: Sequence[Span], quoted: Sequence[Span]
) -> Token | None:
    """Who speaks with the cue verb ``tok``: its subject, mended where the parse went wrong."""
    subj = subject_of(tok)
    if subj is not None and not _names_someone(subj) and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if (
            prev.tag_ in {"NNP", "NNPS"}
            and not _inside(para.start_of(prev), marks)
            and not _temporal(prev)
        ):
            subj = prev  # a misparse: '... made public ― Trump boasted'
    if (
        subj is None
        or _inside(para.start_of(subj), marks)
        or _inside(para.start_of(subj), quoted)
        or _titled(subj)
    ):
        # The parse took a word of the quotation (or of an earlier one) as the subject
        # ('"... Full panic mode," said Leslie Wimes'), or found none ('Said Ellis:').
        subj = _adjacent_speaker(tok, para, marks)
    if subj is not None:
        subj = _named_apposition(subj)
    if (
        subj is not None
        and subj.lower_ in DOCUMENT_NOUNS
        and subj.dep_ == "dobj"
        and is_verb(subj.head)
    ):
        # 'the Security Council issued a statement calling ...': the issuer speaks.
        subj = subject_of(subj.head) or subj
    return subj


def _outer_source(
    tok: Token, subj: Token | None, para: ParsedParagraph, marks: Sequence[Span], text: str
) -> tuple[Token, Token | None]:
    """The cue and speaker when another verb reports ``tok``'s speech ('She says it underscores
    that ...') or ``tok`` hosts a 'what he called' clause; else ``tok`` and ``subj``."""
    outer = _outer_speech_verb(tok)
    if outer is not None and (
        _inside(para.start_of(outer), marks) or _attribution_after(tok, subj, para, marks, text)
    ):
        # 'recalled, "Out of nowhere, he said, ..."': the outer verb is quoted words;
        # '"You winning?" she said, ... Melanie said': the attribution right after the
        # quotation is its own, however the parser nests it.
        outer = None
    outer_subj = subject_of(outer) if outer is not None else None
    if outer_subj is not None and _inside(para.start_of(outer_subj), marks):
        outer_subj = None
    if outer is not None and outer_subj is not None:
        # "She says it underscores that ...", "Trump said Clinton once described the
        # deal as "the gold standard"": the outer verb's subject is the source.
        return outer, outer_subj
    if any(c.lower_ == "what" for c in tok.children):
        # 'condemned what he called a "brazen breach"': the one who condemns speaks.
        host = _host_subject(tok)
        if host is not None and not _inside(para.start_of(host), marks):
            return tok, host
    return tok, subj


def _content_around(choice: _CueChoice, marks: Sequence[Span]) -> Span | None:
    """The reported clause a partial quotation sits in: the cue's complements on the quotation's
    side ('said it would "safeguard ..."' -> 'it would "safeguard ..."')."""
    para, cue = choice.para, choice.cue
    after = para.start_of(cue) < marks[0][0]
    toks: list[Token] = []
    for child in cue.children:
        if child.dep_ not in _COMPLEMENT_DEPS or (child.i > cue.i) != after:
            continue
        sub = list(child.subtree)
        if not after or _covers(child, para, marks) or child.dep_ in {"dobj", "dative", "ccomp"}:
            toks.extend(sub)
    if not toks:
        return None
    toks = [
        t
        for t in toks
        if not t.is_punct
        or _inside(para.start_of(t), marks)
        or t.text in {"“", "”", '"', "‘", "’", "'"}
    ]
    if not toks:
        return None
    if toks and toks[0].lower_ == "that" and toks[0].dep_ == "mark":
        toks = toks[1:] or toks
    start, end = para.extent(toks)
    start = min(start, marks[0][0] - 1)
    end = max(end, marks[-1][1] + 1)
    return (max(start, para.offset), min(end, para.end))


def _colon_speaker(
    sents: Sequence[tuple[ParsedParagraph, SpacySpan]], marks: Sequence[Span]
) -> tuple[ParsedParagraph, Token, Token] | None:
    """'From Chairwoman Rosenworcel: "..."' -> (paragraph, colon, the name's head)."""
    for para, sent in sents:
        before = [t for t in sent if para.end_of(t) <= marks[0][0]]
        if not before or before[-1].text != ":":
            continue
        dashes = [k for k, t in enumerate(before) if spaced_dash(t)]
        if dashes:
            # 'IOWA POLLS NOT WRONG, JUST EARLY - Ann Lee and Tom Fox:': a heading before the
            # dash, the introducer after it.
            before = before[dashes[-1] + 1 :]
            if len(before) < 2:
                continue
        # 'Obama is rolling out a new message: "..."': the subject of the introducing clause
        # when it names someone, else the last noun before the colon ('From Chairwoman X:').
        verb = before[-1].head
        while not is_verb(verb) and verb.head.i != verb.i:
            verb = verb.head
        # The verb's own subject, or the one it shares ('Trump gestured ..., then leaned in
        # and boomed:').
        subj = subject_of(verb) if is_verb(verb) else None
        if subj is not None and before[0].i <= subj.i < before[-1].i and _names_someone(subj):
            return para, before[-1], subj
        if len(before) > 15:
            continue
        nominals = [t for t in before[:-1] if t.tag_.startswith("NN") or t.tag_ == "PRP"]
        if not nominals:
            continue
        # The last noun that can speak ('Trump gestured to stop the ruckus, then boomed:').
        head = next(
            (t for t in reversed(nominals) if _names_someone(t) and not _temporal(t)),
            nominals[-1],
        )
        # Walk up compounds to the phrase head.
        while head.dep_ in {"compound", "amod"} and head.head.i > head.i:
            head = head.head
        return para, before[-1], head
    return None


_SPEAKERISH = ROLE_NOUNS | ORG_NOUNS


def _names_someone(tok: Token) -> bool:
    """A proper name, a personal pronoun, or a role or organisation noun."""
    return (
        tok.tag_ in {"NNP", "NNPS"}
        # A capitalised noun inside the sentence, whatever its tag ('\xa0Sanders' tags NNS).
        or (tok.tag_.startswith("NN") and tok.text[:1].isupper() and tok.i > tok.sent.start)
        or tok.lower_ in _SPEAKERISH
        or tok.lower_ in DOCUMENT_NOUNS
        or tok.lower_ in {"piece", "article", "ad", "editorial", "video"}
        or tok.lower_ in {"he", "she", "they", "i", "we"}
    )


def _previous_subject(parsed: ParsedText, pos: int) -> tuple[ParsedParagraph, Token] | None:
    """The subject of the sentence before ``pos`` when it names a person, role or body."""
    prev = parsed.previous_sentence(pos)
    if prev is None:
        return None
    para, sent = prev
    root = sent.root
    subj = next((c for c in root.children if c.dep_ == "nsubj"), None)
    if subj is None:
        return None
    if subj.tag_ in {"NNP", "NNPS"} or subj.lower_ in _SPEAKERISH or subj.lower_ in {"he", "she"}:
        return para, subj
    return None


class Attributor:
    """Attributes the candidates of one article in text order (so carried-over speakers and
    pronouns see what came before)."""

    def __init__(self, text: str, parsed: ParsedText, mentions: Mentions) -> None:
        self.text = text
        self.parsed = parsed
        self.mentions = mentions
        self._done: list[tuple[Span, SpeakerRef | None]] = []  # (extent, speaker) so far
        self._marks = GrowingSpans()  # the marks of every candidate so far

    def attribute(self, cand: QuoteCandidate) -> Attribution:
        """Speaker, cue and (for partial quotations) content of ``cand``; raises nothing: a
        candidate outside every parsed paragraph gets no attribution."""
        marks = cand.marks
        extent = (min(cand.sentence[0], marks[0][0]), max(cand.sentence[1], marks[-1][1]))
        sents = self.parsed.sentences(extent)
        result = self._attribute(cand, sents, marks)
        self._done.append(((marks[0][0], marks[-1][1]), result.speaker))
        self._marks.add(marks)
        return result

    def _attribute(
        self,
        cand: QuoteCandidate,
        sents: Sequence[tuple[ParsedParagraph, SpacySpan]],
        marks: Sequence[Span],
    ) -> Attribution:
        region = (
            min((p.offset + sent.start_char for p, sent in sents), default=0),
            max((p.offset + sent.end_char for p, sent in sents), default=0),
        )
        choice = _find_cue(sents, marks, self.text, self._marks.overlapping(region))
        if choice is not None:
            speaker = None
            if choice.speaker is not None:
                speaker = self.mentions.resolve(choice.speaker, choice.para.offset)
            content = _content_around(choice, marks) if cand.kind == "partial" else None
            conf = 0.9 if speaker is not None else 0.6
            return Attribution(speaker, Cue(choice.text, choice.span), content, conf)
        colon = _colon_speaker(sents, marks)
        here = self.parsed.at(marks[0][0])
        if colon is None and here is not None and marks[0][0] == here.offset:
            # 'Sanders made the following comment:' closing the paragraph before.
            before = self.parsed.previous_sentence(marks[0][0])
            colon = _colon_speaker([before], marks) if before is not None else None
        if colon is not None:
            para, tok, head = colon
            speaker = self.mentions.resolve(head, para.offset)
            cue = Cue(":", (para.start_of(tok), para.end_of(tok)))
            return Attribution(speaker, cue, None, 0.8)
        dash = DASH_AFTER_RE.match(self.text, self._after_quote(marks[-1][1]))
        if dash is not None:
            who = dash.group("who").strip()
            span = (dash.start("who"), dash.start("who") + len(who))
            speaker = self.mentions.resolve_text(who, span)
            cue = Cue(dash.group("dash"), (dash.start("dash"), dash.end("dash")))
            return Attribution(speaker, cue, None, 0.8)
        if cand.kind == "direct":
            carried = self._carried(marks[0][0])
            if carried is not None:
                return Attribution(carried, None, None, 0.6)
            prev = _previous_subject(self.parsed, marks[0][0])
            if prev is not None:
                para, subj = prev
                speaker = self.mentions.resolve(subj, para.offset)
                return Attribution(speaker, None, None, 0.6)
        return Attribution(None, None, None, 0.3)

    def _after_quote(self, pos: int) -> int:
        """Where a dash attribution may start: after the closing mark and any punctuation."""
        while pos < len(self.text) and self.text[pos] in "\"'”’.,":
            pos += 1
        return pos

    def _carried(self, pos: int) -> SpeakerRef | None:
        """The speaker of an attributed quotation that ends in the previous sentence or
        paragraph (a quotation running on)."""
        if not self._done:
            return None
        (start, end), speaker = self._done[-1]
        if speaker is None:
            return None
        prev = self.parsed.previous_sentence(pos)
        if prev is None:
            return None
        para, sent = prev
        s, e = para.offset + sent.start_char, para.offset + sent.end_char
        if not (s <= end and start < e + 2):
            return None
        # Within one paragraph it is the same quotation, interrupted by its attribution: the
        # mention is right there. Across paragraphs the speaker is carried over unnamed.
        same = speaker.span is not None and self.parsed.index_at(speaker.span[0]) == (
            self.parsed.index_at(pos)
        )
        return SpeakerRef(
            mention=speaker.mention,
            span=speaker.span if same else None,
            name=speaker.name,
            title=speaker.title,
            kind=speaker.kind,
            id=speaker.id,
            organization=speaker.organization,
        )
