"""Attribution: who said each quotation candidate, and through which cue.

Given a ``QuoteCandidate`` from the scanner and the parsed paragraphs of its article,
``attribute`` looks for, in this order:

1. a cue in the quotation's own sentence(s), outside the quotation marks: for a partial
   quotation in what a named owner's opinion or claim says ("Lee's view that it is '...'"), that
   noun and its owner; else a speech verb ("said", "X told reporters", "describing ... as",
   "pledged to") whose subject is the speaker (climbing through "and"/participle/infinitive
   chains when the verb has no subject of its own), any finite verb in the attribution slot of a
   quotation that opens its sentence ('"...!" beamed X'), or "according to X"; a bare
   attribution after the marks ('X yelled, "..." Lee recalled.') outranks a cue before them;
2. a colon introduction ("From Chairwoman Rosenworcel:", "X said:" is case 1);
3. a dash attribution on the next line ('"..."\\n— Editorial Board');
4. for a quotation that is a sentence of its own, the speaker of a quotation in the previous
   sentence (a quotation running over paragraphs), else the subject of the previous sentence
   when it names a person or a role (cue None); for a partial quotation that is the predicate
   of a pronoun ('Moreover, it "was designed to ..."'), the speaker of a quotation in the
   previous sentence only.

Mentions resolve through ``mentions.Mentions`` (pronouns, surnames, titles). The mention kept is the
one nearest the quotation as written ("she", "who", the name an appositive describes); what it
resolves to is the ``SpeakerRef.name``. Words inside quotation marks (this one's or an earlier
one's), datelines and time expressions never make the speaker.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quotedrift.extraction.cue_syntax import (
    COMPLEMENT_DEPS,
    SPEAKERISH,
    according_to,
    adjacent_speaker,
    attribution_after,
    characterises,
    content_owner,
    distance,
    framed,
    host_subject,
    hugs,
    inside,
    is_passive,
    is_verb,
    named_apposition,
    names_someone,
    outer_speech_verb,
    quotation_hangs_on,
    subject_of,
    temporal,
    titled,
)
from quotedrift.extraction.cues import (
    DASH_AFTER_RE,
    belief_base,
    characterisation_base,
    is_strong_cue,
    speech_base,
)
from quotedrift.extraction.intervals import GrowingSpans
from quotedrift.extraction.mentions import Mentions
from quotedrift.extraction.parsed import ParsedParagraph, ParsedText
from quotedrift.extraction.phrases import PROPER_TAGS, spaced_dash
from quotedrift.lang.en.document_nouns import DOCUMENT_NOUNS
from quotedrift.records import Cue, QuoteCandidate, Span, SpeakerRef

if TYPE_CHECKING:
    from spacy.tokens import Span as SpacySpan
    from spacy.tokens import Token


@dataclass(frozen=True)
class Attribution:
    """What ``attribute`` found for one candidate.

    speaker / cue: None where none was found.
    content: for a partial quotation, the whole reported clause around it; else None.
    joint: the other named speakers of a coordinated subject ('Ruiz and Vale said').
    How sure to be of it is read from the finished quotation (``confidence``).
    """

    speaker: SpeakerRef | None
    cue: Cue | None
    content: Span | None
    joint: tuple[SpeakerRef, ...] = ()


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
    partial: bool = False,
) -> _CueChoice | None:
    """The best cue for the quotation at ``marks`` among ``sents``; ``quoted``: the marks of the
    article's other quotations so far, whose words speak no attribution; ``partial``: the
    quotation is a fragment of the writer's sentence, which a verb of characterisation may
    introduce ("decrying the 'reckless' plan")."""
    for para, sent in sents if partial else ():
        owned = content_owner(sent, para, marks)
        if owned is not None:
            # 'agrees with Lee's view that it is "without merit"': the view's owner speaks.
            noun, owner = owned
            span = (para.start_of(noun), para.end_of(noun))
            return _CueChoice(para, noun, owner, noun.text, span)
    frames = [
        (para, [t for t in sent if not inside(para.start_of(t), marks)]) for para, sent in sents
    ]
    verbs = [
        _verb_choice(tok, para, marks, text, quoted, partial)
        for para, frame in frames
        for tok in frame
        if is_verb(tok)
    ]
    # 'Lee criticized its "secrecy," according to The Hill', '"...," the letter reads,
    # according to the Times': the subject of the verb the quotation hangs on said it;
    # 'according to' names who reported it.
    spoken = any(
        v is not None
        and v[1].speaker is not None
        and quotation_hangs_on(v[1].cue, v[1].para, marks)
        for v in verbs
    )
    ranked = [] if spoken else [_according_choice(para, frame, marks) for para, frame in frames]
    best: _Ranked | None = None
    for found in [*ranked, *verbs]:
        if found is not None and (best is None or found[0] < best[0]):
            best = found
    if best is not None and best[1].span[1] <= marks[0][0]:
        # 'The officer yelled, "Hold it!" Lee recalled.': a bare attribution after the marks
        # tells who recounts the quotation and the cue before it.
        return _recounted(verbs, marks, text) or best[1]
    return None if best is None else best[1]


def _recounted(
    verbs: Sequence[_Ranked | None], marks: Sequence[Span], text: str
) -> _CueChoice | None:
    """A speech verb with a subject that makes a whole clause of its own right after the
    closing mark ('"..." Lee recalled.'): nothing hangs on it but its subject."""
    for found in verbs:
        if found is None:
            continue
        choice = found[1]
        verb, subj = choice.cue, choice.speaker
        if (
            subj is not None
            and choice.span[0] >= marks[-1][1]
            and speech_base(verb.text) is not None
            and attribution_after(verb, subj, choice.para, marks, text)
            and all(c.dep_ in {"nsubj", "punct", "advmod"} for c in verb.children)
        ):
            return choice
    return None


def _according_choice(
    para: ParsedParagraph, frame: Sequence[Token], marks: Sequence[Span]
) -> _Ranked | None:
    """'according to X' in the sentence, ranked before any verb."""
    acc = according_to(frame)
    if acc is None:
        return None
    word, obj = acc
    span = (para.start_of(word), para.end_of(word.nbor(1)))
    return (0, distance(word, para, marks)), _CueChoice(para, word, obj, "according to", span)


def _verb_choice(
    tok: Token,
    para: ParsedParagraph,
    marks: Sequence[Span],
    text: str,
    quoted: Sequence[Span],
    partial: bool = False,
) -> _Ranked | None:
    """The verb ``tok`` as the quotation's cue, with its speaker and rank, or None when it cannot
    introduce this quotation."""
    base = speech_base(tok.text) or belief_base(tok.text)
    # 'mocked the senator as "a farmer"', 'decrying the "reckless" plan': who judges or names
    # speaks the words that follow the verb, never those in front of it (its subject's).
    judges = (
        base is None
        and partial
        and characterisation_base(tok.text) is not None
        and characterises(tok, para, marks)
    )
    if base is None and not judges and not framed(tok, para, marks, text):
        return None
    if is_passive(tok) and not any(c.dep_ == "agent" for c in tok.children):
        return None
    covers = quotation_hangs_on(tok, para, marks)
    if not covers and not is_strong_cue(tok.text) and not hugs(tok, para, marks, text):
        return None
    subj = _verb_speaker(tok, para, marks, quoted)
    tok, subj = _outer_source(tok, subj, para, marks, text)
    dist = distance(tok, para, marks)
    # Rank: a speech verb the quotation hangs on, with a subject, nearest to the marks;
    # belief verbs ("believe", "knows") only where no speech verb is found.
    # A verb of characterisation only where no speech verb the quotation hangs on is found.
    belief = speech_base(tok.text) is None and not judges
    rank = ((0 if covers else 1) + (0 if subj is not None else 2) + 3 * belief + judges, dist)
    return rank, _CueChoice(para, tok, subj, tok.text, (para.start_of(tok), para.end_of(tok)))


def _verb_speaker(
    tok: Token, para: ParsedParagraph, marks: Sequence[Span], quoted: Sequence[Span]
) -> Token | None:
    """Who speaks with the cue verb ``tok``: its subject, mended where the parse went wrong."""
    subj = subject_of(tok)
    if subj is not None and not names_someone(subj) and tok.i > 0:
        prev = tok.doc[tok.i - 1]
        if (
            prev.tag_ in {"NNP", "NNPS"}
            and not inside(para.start_of(prev), marks)
            and not temporal(prev)
        ):
            subj = prev  # a misparse: '... made public ― Trump boasted'
    if (
        subj is None
        or inside(para.start_of(subj), marks)
        or inside(para.start_of(subj), quoted)
        or titled(subj)
    ):
        # The parse took a word of the quotation (or of an earlier one) as the subject
        # ('"... Full panic mode," said Leslie Wimes'), or found none ('Said Ellis:').
        subj = adjacent_speaker(tok, para, marks)
    if subj is not None and tok.dep_ == "conj" and not names_someone(subj):
        # 'a speech in which Lee criticized X, but argued that ...', parsed with "argued" joined
        # to the main clause ("The line was ..."): a thing that cannot speak is no speaker, the
        # one speaking just before is.
        subj = _speaking_subject_before(tok, para, marks) or subj
    if subj is not None:
        subj = named_apposition(subj)
    if (
        subj is not None
        and subj.lower_ in DOCUMENT_NOUNS
        and subj.dep_ == "dobj"
        and is_verb(subj.head)
    ):
        # 'the Security Council issued a statement calling ...': the issuer speaks.
        subj = subject_of(subj.head) or subj
    return subj


def _speaking_subject_before(
    tok: Token, para: ParsedParagraph, marks: Sequence[Span]
) -> Token | None:
    """The subject, one that can speak, of the nearest verb before ``tok`` in its sentence."""
    for verb in reversed(tok.doc[tok.sent.start : tok.i]):
        if not is_verb(verb):
            continue
        subj = next((c for c in verb.children if c.dep_ == "nsubj"), None)
        if subj is not None and names_someone(subj) and not inside(para.start_of(subj), marks):
            return subj
    return None


def _outer_source(
    tok: Token, subj: Token | None, para: ParsedParagraph, marks: Sequence[Span], text: str
) -> tuple[Token, Token | None]:
    """The cue and speaker when another verb reports ``tok``'s speech ('She says it underscores
    that ...') or ``tok`` hosts a 'what he called' clause; else ``tok`` and ``subj``."""
    outer = outer_speech_verb(tok)
    if outer is not None and (
        inside(para.start_of(outer), marks) or attribution_after(tok, subj, para, marks, text)
    ):
        # 'recalled, "Out of nowhere, he said, ..."': the outer verb is quoted words;
        # '"You winning?" she said, ... Melanie said': the attribution right after the
        # quotation is its own, however the parser nests it.
        outer = None
    outer_subj = subject_of(outer) if outer is not None else None
    if outer_subj is not None and inside(para.start_of(outer_subj), marks):
        outer_subj = None
    if outer is not None and outer_subj is not None:
        # "She says it underscores that ...", "Trump said Clinton once described the
        # deal as "the gold standard"": the outer verb's subject is the source.
        return outer, outer_subj
    if any(c.lower_ == "what" for c in tok.children):
        # 'condemned what he called a "brazen breach"': the one who condemns speaks.
        host = host_subject(tok)
        if host is not None and not inside(para.start_of(host), marks):
            return tok, host
    return tok, subj


def _content_around(choice: _CueChoice, marks: Sequence[Span]) -> Span | None:
    """The reported clause a partial quotation sits in: the cue's complements on the quotation's
    side ('said it would "safeguard ..."' -> 'it would "safeguard ..."')."""
    para, cue = choice.para, choice.cue
    after = para.start_of(cue) < marks[0][0]
    if cue.tag_.startswith("NN") and not is_verb(cue):
        # What a noun of opinion says ('Lee's view that it is "..."'), however the parser
        # hung it: from the noun to the quotation.
        return (para.end_of(cue), min(marks[-1][1] + 1, para.end))
    toks: list[Token] = []
    for child in cue.children:
        if child.dep_ not in COMPLEMENT_DEPS or (child.i > cue.i) != after:
            continue
        sub = list(child.subtree)
        if (
            not after
            or quotation_hangs_on(child, para, marks)
            or child.dep_ in {"dobj", "dative", "ccomp"}
        ):
            toks.extend(sub)
    if not toks:
        return None
    toks = [
        t
        for t in toks
        if not t.is_punct
        or inside(para.start_of(t), marks)
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
        if subj is not None and before[0].i <= subj.i < before[-1].i and names_someone(subj):
            return para, before[-1], subj
        if len(before) > 15:
            continue
        nominals = [t for t in before[:-1] if t.tag_.startswith("NN") or t.tag_ == "PRP"]
        if not nominals:
            continue
        # The last noun that can speak ('Trump gestured to stop the ruckus, then boomed:').
        head = next(
            (t for t in reversed(nominals) if names_someone(t) and not temporal(t)),
            nominals[-1],
        )
        # Walk up compounds to the phrase head.
        while head.dep_ in {"compound", "amod"} and head.head.i > head.i:
            head = head.head
        return para, before[-1], head
    return None


def _quoted_predicate(
    sents: Sequence[tuple[ParsedParagraph, SpacySpan]], marks: Sequence[Span]
) -> bool:
    """The quotation is the predicate of a pronoun the writer puts before it ('Moreover, it
    "was designed to ..."'): every verb of the sentence is inside the marks, and a pronoun
    outside them is the subject of one of those verbs. A pronoun goes on with what was said
    just before; a noun ('Her use of "..."', a link's title) may start something new."""
    subject = False
    for para, sent in sents:
        for tok in sent:
            quoted = inside(para.start_of(tok), marks)
            if (is_verb(tok) or tok.tag_ == "MD") and not quoted:
                return False
            if (
                not quoted
                and tok.tag_ == "PRP"
                and tok.dep_ in {"nsubj", "nsubjpass"}
                and inside(para.start_of(tok.head), marks)
            ):
                subject = True
    return subject


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
    if subj.tag_ in {"NNP", "NNPS"} or subj.lower_ in SPEAKERISH or subj.lower_ in {"he", "she"}:
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
        choice = _find_cue(
            sents, marks, self.text, self._marks.overlapping(region), cand.kind == "partial"
        )
        if choice is not None:
            speaker = None
            joint: tuple[SpeakerRef, ...] = ()
            if choice.speaker is not None:
                speaker = self.mentions.resolve(choice.speaker, choice.para.offset)
                joint = self._joint(choice.speaker, choice.para.offset, speaker)
            content = _content_around(choice, marks) if cand.kind == "partial" else None
            return Attribution(speaker, Cue(choice.text, choice.span), content, joint)
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
            return Attribution(speaker, cue, None)
        dash = DASH_AFTER_RE.match(self.text, self._after_quote(marks[-1][1]))
        if dash is not None:
            who = dash.group("who").strip()
            span = (dash.start("who"), dash.start("who") + len(who))
            speaker = self.mentions.resolve_text(who, span)
            cue = Cue(dash.group("dash"), (dash.start("dash"), dash.end("dash")))
            return Attribution(speaker, cue, None)
        if cand.kind == "partial" and _quoted_predicate(sents, marks):
            # 'Moreover, it "was designed to ..."' after his quotation: the writer's words only
            # frame the quoted predicate, which goes on with the quotation just before.
            return Attribution(self._carried(marks[0][0]), None, None)
        if cand.kind == "direct":
            carried = self._carried(marks[0][0])
            if carried is not None:
                return Attribution(carried, None, None)
            prev = _previous_subject(self.parsed, marks[0][0])
            if prev is not None:
                para, subj = prev
                speaker = self.mentions.resolve(subj, para.offset)
                return Attribution(speaker, None, None)
        return Attribution(None, None, None)

    def _joint(self, head: Token, offset: int, first: SpeakerRef) -> tuple[SpeakerRef, ...]:
        """The other names coordinated with the speaker's ('both Ruiz and Vale called it'),
        each resolved as a speaker. Only proper names: 'Ruiz and her aides' credits the words
        to Ruiz alone."""
        out: list[SpeakerRef] = []
        for tok in head.conjuncts:
            if tok.i < head.i or tok.tag_ not in PROPER_TAGS:
                continue
            ref = self.mentions.resolve(tok, offset)
            if ref.id not in {first.id, *(r.id for r in out)}:
                out.append(ref)
        return tuple(out)

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
