"""An article's parsed paragraphs and quotation candidates -> its statements (one Extraction).

Quotation candidates are attributed (``speakers``), continued or joined with their neighbours,
transcript turns and the headline's quotations (``headlines``) added, and reported speech
(``reported_speech``) added where no quotation already covers it; ``article`` runs this per
article, in one process or in workers.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace

from quotedrift.extraction.confidence import confidence
from quotedrift.extraction.frame_model import load_frame_model
from quotedrift.extraction.headlines import headline_quotes
from quotedrift.extraction.intervals import SpanIndex, nested
from quotedrift.extraction.mentions import Mentions
from quotedrift.extraction.parsed import ParsedText
from quotedrift.extraction.reported_speech import find_reported, overlaps
from quotedrift.extraction.speakers import Attribution, Attributor
from quotedrift.extraction.transcripts import Turn, find_turns
from quotedrift.records import Article, Cue, Extraction, Quote, QuoteCandidate, Span


@dataclass(frozen=True)
class Options:
    """What to report besides quotations (see ``article.extract_article``)."""

    indirect: bool = True
    beliefs: bool = False
    objects: bool = False
    learned: float | None = None
    frames: bool = True
    frame_cut: float | None = None  # None: the shipped model's own cut
    entities: bool = True  # spaCy's entity recogniser on the parsed paragraphs
    seconds: float | None = None  # time budget per article (time_budget.py); None: none


def build_extraction(
    article: Article,
    candidates: Sequence[QuoteCandidate],
    parsed: ParsedText,
    options: Options,
) -> Extraction:
    """The article's quotations, transcript turns and reported speech as one Extraction, quotes
    numbered in text order; ``candidates`` from the scanner, ``parsed`` the paragraphs parsed."""
    excluded = tuple(article.boilerplate) + tuple(article.headlines)
    mentions = Mentions(entities=options.entities)
    quoted_words = SpanIndex(span for c in candidates for span in c.spans)
    for para in parsed:
        mentions.observe_doc(para.doc, para.offset, quoted_words)
    found, quoted = _quoted_statements(article, candidates, parsed, mentions, excluded)
    # After the body: a headline quotation takes the speaker of the body's same words.
    found.extend(headline_quotes(article, [q for _, q in found], mentions))
    partial_contents = [q.content for _, q in found if q.content is not None]
    found.extend(
        _reported_statements(
            article,
            parsed,
            options,
            mentions,
            taken=SpanIndex([*quoted, *excluded]),
            partials=SpanIndex(partial_contents),
        )
    )
    found.sort(key=lambda f: (f[0], f[1].spans[-1][1]))
    quotes = tuple(
        replace(q, id=f"{article.id}#{n}", confidence=confidence(q))
        for n, (_, q) in enumerate(found, start=1)
    )
    return Extraction(article=article, quotes=quotes, speakers=mentions.speakers())


def _quoted_statements(
    article: Article,
    candidates: Sequence[QuoteCandidate],
    parsed: ParsedText,
    mentions: Mentions,
    excluded: tuple[Span, ...],
) -> tuple[list[tuple[int, Quote]], list[Span]]:
    """Transcript turns and attributed quotation candidates as (start, quote without its final
    id), and every span in quotation marks (reported speech must not take them again)."""
    text = article.text
    attributor = Attributor(text, parsed, mentions)
    found: list[tuple[int, Quote]] = []
    quoted: list[Span] = []
    turns = find_turns(text, excluded)
    turn_extents = [(t.label[0], t.words[1]) for t in turns]
    quoted.extend(turn_extents)
    found.extend((t.words[0], _turn_quote(article, t, mentions)) for t in turns)
    for cand in candidates:
        if turn_extents and overlaps(cand.spans[0], turn_extents):
            continue  # the turn is the quotation ('"HARLOW: Let us begin ...')
        att = attributor.attribute(cand)
        if cand.kind == "partial" and att.cue is None and att.speaker is None:
            continue  # scare quotes, titles and unattributed fragments are not quotations
        if not cand.speechlike and (att.cue is None or cand.kind == "partial"):
            continue  # titles and names in quotation marks, even next to a cue
        quoted.extend(cand.marks)
        spans = cand.spans
        if found and _continues(found[-1][1], cand, att.cue, parsed):
            # '"A," she said. "B."': one quotation interrupted by its attribution, which the
            # scanner returned as two; the second takes no cue of its own.
            _, prev = found.pop()
            spans = prev.spans + cand.spans
            att = Attribution(prev.speaker, prev.cue, None, prev.joint)
        elif found and _same_clause(found[-1][1], cand, att):
            # 'called him a "liar" and a "bully"': partial quotes in one reported clause are one
            # statement (PolNeAR marks one content), told apart from the clause by their spans.
            _, prev = found.pop()
            spans = prev.spans + cand.spans
            att = Attribution(prev.speaker, prev.cue, _union(prev.content, att.content), prev.joint)
        words = " ".join(text[s:e] for s, e in spans)
        found.append(
            (
                spans[0][0],
                Quote(
                    id="",
                    article=article.id,
                    kind=cand.kind,
                    text=words,
                    spans=spans,
                    speaker=att.speaker,
                    cue=att.cue,
                    confidence=0.0,  # set from the finished quotation (build_extraction)
                    content=att.content,
                    joint=att.joint,
                ),
            )
        )
    return found, quoted


def _reported_statements(
    article: Article,
    parsed: ParsedText,
    options: Options,
    mentions: Mentions,
    taken: SpanIndex,
    partials: SpanIndex,
) -> list[tuple[int, Quote]]:
    """Reported speech as indirect quotes (start, quote without its final id), leaving out what
    overlaps ``taken`` (quotation marks, boilerplate) or lies inside a partial quote's content."""
    if not options.indirect:
        return []
    text = article.text
    reported = list(
        find_reported(
            parsed,
            beliefs=options.beliefs,
            objects=options.objects,
            learned=options.learned,
            model=load_frame_model(options.frame_cut) if options.frames else None,
        )
    )
    # 'He warned that ..., these operatives threaten X': the inner report is part of what he
    # said, not a statement of its own.
    inner = nested(rep.content for rep in reported)
    seen: set[Span] = set()
    found: list[tuple[int, Quote]] = []
    for rep in reported:
        if rep.content in seen or rep.content in inner or taken.overlaps(rep.content):
            continue
        if partials.covers(rep.content):
            continue
        seen.add(rep.content)
        speaker = (
            mentions.resolve(rep.speaker, rep.para.offset) if rep.speaker is not None else None
        )
        found.append(
            (
                rep.content[0],
                Quote(
                    id="",
                    article=article.id,
                    kind="indirect",
                    text=" ".join(text[a:b] for a, b in rep.fragments or (rep.content,)),
                    spans=rep.fragments or (rep.content,),
                    speaker=speaker,
                    cue=Cue(rep.cue_text, rep.cue_span),
                    confidence=0.0,  # set from the finished quotation (build_extraction)
                    content=rep.content,
                    stance=rep.stance,
                ),
            )
        )
    return found


def _turn_quote(article: Article, turn: Turn, mentions: Mentions) -> Quote:
    """A transcript turn as a direct quotation (verbatim words) whose speaker is its label."""
    label = article.text[turn.label[0] : turn.label[1]]
    return Quote(
        id="",
        article=article.id,
        kind="direct",
        text=article.text[turn.words[0] : turn.words[1]],
        spans=(turn.words,),
        speaker=mentions.resolve_text(label.title() if label.isupper() else label, turn.label),
        cue=Cue(":", turn.colon),
        confidence=0.0,  # set from the finished quotation (build_extraction)
    )


def _same_clause(prev: Quote, cand: QuoteCandidate, att: Attribution) -> bool:
    """True when the partial quotation ``cand`` sits in the same reported clause, under the same
    cue, as the partial quotation ``prev``."""
    if prev.kind != "partial" or cand.kind != "partial":
        return False
    if prev.cue is None or att.cue is None or prev.cue.span != att.cue.span:
        return False
    a, b = prev.content, att.content
    return a is not None and b is not None and a[0] < b[1] and b[0] < a[1]


def _union(a: Span | None, b: Span | None) -> Span | None:
    if a is None or b is None:
        return a or b
    return (min(a[0], b[0]), max(a[1], b[1]))


def _continues(prev: Quote, cand: QuoteCandidate, cue: Cue | None, parsed: ParsedText) -> bool:
    """True when ``cand`` continues the direct quotation ``prev`` after its attribution in the
    same paragraph: both direct, ``cand`` without a cue, ``prev``'s cue between them."""
    if prev.kind != "direct" or cand.kind != "direct" or cue is not None:
        return False
    if prev.cue is None or prev.cue.span is None or prev.speaker is None:
        return False
    start = cand.spans[0][0]
    if not prev.spans[-1][1] <= prev.cue.span[0] < start:
        return False
    return parsed.index_at(prev.spans[-1][0]) == parsed.index_at(start) is not None
