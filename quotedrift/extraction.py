"""One article through the quotation scanner, the parser, attribution and reported speech.

``extract_article`` parses selectively: only paragraphs that hold a quotation mark or a cue word,
plus the paragraph before each quotation (where an uncued quotation's speaker is introduced), are
run through spaCy, batched with ``nlp.pipe``. ``extract_articles`` spreads articles over worker
processes (spawned, each loading spaCy once) and returns results in the order given, identical
whatever the process count.
"""

from __future__ import annotations

import functools
import multiprocessing
import os
from collections.abc import Sequence
from typing import TYPE_CHECKING

from .coref import Mentions
from .cues import DASH_LINE_RE, has_cue_word
from .nlp import load_nlp
from .parsed import ParsedParagraph, ParsedText
from .quotes import find_quotations
from .records import Article, Cue, Extraction, Quote, QuoteCandidate, Span
from .reported import find_reported, overlaps
from .speakers import Attribution, Attributor

if TYPE_CHECKING:
    from spacy.language import Language

# Reported speech through belief/intention verbs ("believes that", "expects") and the objects of
# attitude verbs ("criticized the ruling"). PolNeAR counts both as attributions; measured on dev
# (benchmarks/polnear_extract.py --beliefs/--objects) beliefs add 0.011 recall for 0.014
# precision, objects 0.11 recall for 0.07 precision, below the 0.80 precision bar, and an editor
# counts neither as a quotation: both are off unless asked for.
_BATCH = 64
# Extraction reads tags and dependencies only: NER costs as much again as the parser, and the
# attribute ruler (tag -> coarse POS) a third; names are told apart by tags and word lists.
_UNUSED_PIPES = ("ner", "attribute_ruler")
_QUOTE_CHARS = '"“”„«»―'


def _paragraphs(text: str, excluded: Sequence[Span]) -> list[Span]:
    """Non-blank lines of ``text`` outside the excluded ranges (stripped of edge whitespace)."""
    out = []
    pos = 0
    for line in text.split("\n"):
        start, end = pos, pos + len(line)
        pos = end + 1
        stripped = line.strip()
        if not stripped:
            continue
        start += len(line) - len(line.lstrip())
        end = start + len(stripped)
        covered = sum(max(0, min(end, e) - max(start, s)) for s, e in excluded)
        if covered * 2 >= end - start:
            continue
        out.append((start, end))
    return out


def _select(text: str, paragraphs: list[Span], candidates: Sequence[QuoteCandidate]) -> list[Span]:
    """The paragraphs worth parsing: those with quotations or cue words, and the one before
    each quotation."""
    keep: set[int] = set()
    marks = [m for c in candidates for m in c.marks]
    for k, (s, e) in enumerate(paragraphs):
        chunk = text[s:e]
        has_quote = any(ms < e and s < me for ms, me in marks) or any(
            q in chunk for q in _QUOTE_CHARS
        )
        if has_quote:
            keep.add(k)
            if k > 0:
                keep.add(k - 1)
        elif has_cue_word(chunk) or chunk.rstrip().endswith(":") or DASH_LINE_RE.match(chunk):
            keep.add(k)
    return [paragraphs[k] for k in sorted(keep)]


def _prepare(article: Article) -> tuple[list[QuoteCandidate], list[Span]]:
    """The article's quotation candidates and the paragraphs to parse."""
    text = article.text
    excluded = tuple(article.boilerplate) + tuple(article.headlines)
    candidates = sorted(find_quotations(text, excluded), key=lambda c: c.marks[0][0])
    return candidates, _select(text, _paragraphs(text, excluded), candidates)


def _parse_many(
    articles: Sequence[Article], selections: Sequence[Sequence[Span]], nlp: Language
) -> list[ParsedText]:
    """Parse the selected paragraphs of several articles in one ``nlp.pipe`` stream (batches
    fill across article boundaries)."""
    disable = [name for name in _UNUSED_PIPES if name in nlp.pipe_names]
    texts = (a.text[s:e] for a, spans in zip(articles, selections, strict=True) for s, e in spans)
    docs = iter(nlp.pipe(texts, batch_size=_BATCH, disable=disable))
    return [
        ParsedText([ParsedParagraph(s, next(docs), e) for s, e in spans]) for spans in selections
    ]


def extract_article(
    article: Article,
    nlp: Language | None = None,
    *,
    beliefs: bool = False,
    objects: bool = False,
) -> Extraction:
    """Quotations (direct, partial, indirect) and speakers of one article.

    article: as read by ingest; nothing is reported from its boilerplate or headline ranges.
    nlp: a loaded spaCy pipeline (default: ``nlp.load_nlp()``).
    beliefs / objects: also report belief clauses ("believes that") and the objects of attitude
    verbs ("criticized the ruling") as indirect quotes.
    Returns an Extraction whose quotes are numbered ``<article id>#<n>`` in text order.
    Raises ModelError when no spaCy model is installed.
    """
    nlp = nlp if nlp is not None else load_nlp()
    return _extract_batch([article], nlp, beliefs, objects)[0]


def _extract_batch(
    articles: Sequence[Article], nlp: Language, beliefs: bool = False, objects: bool = False
) -> list[Extraction]:
    prepared = [_prepare(a) for a in articles]
    parsed_all = _parse_many(articles, [spans for _, spans in prepared], nlp)
    return [
        _finish(a, cands, parsed, beliefs, objects)
        for a, (cands, _), parsed in zip(articles, prepared, parsed_all, strict=True)
    ]


def _finish(
    article: Article,
    candidates: Sequence[QuoteCandidate],
    parsed: ParsedText,
    beliefs: bool,
    objects: bool,
) -> Extraction:
    text = article.text
    excluded = tuple(article.boilerplate) + tuple(article.headlines)
    mentions = Mentions()
    for para in parsed:
        mentions.observe_doc(para.doc, para.offset)
    attributor = Attributor(text, parsed, mentions)

    found: list[tuple[int, Quote]] = []  # (start, quote without its final id)
    quoted: list[Span] = []
    for cand in candidates:
        att = attributor.attribute(cand)
        if cand.kind == "partial" and att.cue is None:
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
            att = Attribution(prev.speaker, prev.cue, None, prev.confidence)
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
                    confidence=att.confidence,
                    content=att.content,
                ),
            )
        )
    partial_contents = [q.content for _, q in found if q.content is not None]
    seen: set[Span] = set()
    for rep in find_reported(parsed, beliefs=beliefs, objects=objects):
        if rep.content in seen or overlaps(rep.content, quoted) or overlaps(rep.content, excluded):
            continue
        if any(c[0] <= rep.content[0] and rep.content[1] <= c[1] for c in partial_contents):
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
                    text=text[rep.content[0] : rep.content[1]],
                    spans=(rep.content,),
                    speaker=speaker,
                    cue=Cue(rep.cue_text, rep.cue_span),
                    confidence=0.7 if speaker is not None else 0.5,
                    content=rep.content,
                ),
            )
        )
    found.sort(key=lambda f: (f[0], f[1].spans[-1][1]))
    quotes = tuple(
        Quote(
            id=f"{article.id}#{n}",
            article=q.article,
            kind=q.kind,
            text=q.text,
            spans=q.spans,
            speaker=q.speaker,
            cue=q.cue,
            confidence=q.confidence,
            content=q.content,
        )
        for n, (_, q) in enumerate(found, start=1)
    )
    return Extraction(article=article, quotes=quotes, speakers=mentions.speakers())


_CHUNK = 8  # articles parsed together in one nlp.pipe stream


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


def _worker_extract(articles: Sequence[Article], beliefs: bool, objects: bool) -> list[Extraction]:
    return _extract_batch(articles, load_nlp(), beliefs, objects)


def _worker_init() -> None:
    # Each worker gets one core: BLAS threads on top of two processes only contend.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    load_nlp()  # once per worker, before the first article arrives


def extract_articles(
    articles: Sequence[Article],
    processes: int = 0,
    *,
    beliefs: bool = False,
    objects: bool = False,
) -> list[Extraction]:
    """Extractions for ``articles``, in the order given (options as for ``extract_article``).

    processes: 0 -> one worker per core, 1 -> in this process; results are identical whatever
    the count. Workers are spawned (safe under any start method) and load spaCy once each.
    Raises ModelError when no spaCy model is installed; ValueError for a negative count.
    """
    if processes < 0:
        raise ValueError("processes must be >= 0")
    count = min(processes or (os.cpu_count() or 1), len(articles))
    chunks = [articles[i : i + _CHUNK] for i in range(0, len(articles), _CHUNK)]
    if count <= 1:
        nlp = load_nlp()
        return [ex for chunk in chunks for ex in _extract_batch(chunk, nlp, beliefs, objects)]
    ctx = multiprocessing.get_context("spawn")
    work = functools.partial(_worker_extract, beliefs=beliefs, objects=objects)
    with ctx.Pool(count, initializer=_worker_init) as pool:
        return [ex for batch in pool.imap(work, chunks) for ex in batch]
