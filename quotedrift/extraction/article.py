"""One article through the quotation scanner, the parser, attribution and reported speech.

``extract_article`` parses selectively: only paragraphs that hold a quotation mark or a cue word,
plus the paragraph before each quotation (where an uncued quotation's speaker is introduced), are
run through spaCy in batches (``stepwise.parse``); the entity recogniser then runs only around
the words whose type is read (``entity_windows``). ``extract_articles`` spreads articles over
worker processes (forked where that is safe, else spawned; each loads spaCy once) and returns
results in the order given, identical whatever the process count.
"""

from __future__ import annotations

import bisect
import collections
import contextlib
import functools
import logging
import multiprocessing
import os
import re
import signal
import sys
import threading
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import TYPE_CHECKING

from quotedrift.extraction.cues import DASH_LINE_RE, has_cue_word
from quotedrift.extraction.entity_windows import recognise
from quotedrift.extraction.frame_model import load_frame_model
from quotedrift.extraction.intervals import SpanIndex
from quotedrift.extraction.nlp import (
    ENTITY_PIPE,
    blas_single_thread,
    import_spacy_without_cli,
    load_nlp,
    model_name,
    pipes_off,
)
from quotedrift.extraction.parent_death import end_with_parent
from quotedrift.extraction.parse_memo import ParseMemo
from quotedrift.extraction.parsed import ParsedParagraph, ParsedText
from quotedrift.extraction.quotations import find_quotations
from quotedrift.extraction.statements import Options, build_extraction
from quotedrift.extraction.stepwise import parse
from quotedrift.extraction.time_budget import time_budget
from quotedrift.records import Article, Extraction, QuoteCandidate, Span

if TYPE_CHECKING:
    from spacy.language import Language
    from spacy.tokens import Doc

# Reported speech: speech verbs with a clause ("said that ...", "CLAUSE, X said") and "according
# to" are read by rule (extraction/reported_speech.py). Attribution corpora also count stances,
# intentions and acts ("plans to run", "criticized the ruling"); which verb frames are such is
# learned from PolNeAR train (extraction/frame_model.py, on by default: ``frames``). Measured on
# PolNeAR dev (benchmarks/polnear_extract.py): indirect recall 0.35 -> 0.61 at precision 0.87 ->
# 0.81. The older verb-frame lexicon (``learned``, lang/en/learned_frames.py) is off by default:
# the model subsumes it.
_log = logging.getLogger(__name__)
_BATCH = 64
# The recogniser runs on short stretches (entity_windows.py): larger batches of them cost
# a tenth less time than 64.
_ENTITY_BATCH = 256
_MEMO = ParseMemo()  # per process: each worker has its own
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
        out.extend(_pieces(text, start, end))
    return out


# Parsing and attribution cost grows faster than linearly with a paragraph's length (spaCy's
# tokenizer on runs of marks, subtree walks per cue), and spaCy refuses texts over
# nlp.max_length. News paragraphs are far shorter; a longer "paragraph" (a scraped page on one
# line) is parsed in sentence-aligned pieces so the cost stays linear.
_MAX_PARAGRAPH = 2_000
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*\s+")


def _pieces(text: str, start: int, end: int) -> list[Span]:
    """``[start, end)`` cut into pieces of at most _MAX_PARAGRAPH characters, at the last sentence
    end (else the last space) before the limit."""
    out: list[Span] = []
    while end - start > _MAX_PARAGRAPH:
        limit = start + _MAX_PARAGRAPH
        window = text[start + _MAX_PARAGRAPH // 2 : limit]
        cut = None
        for m in _SENTENCE_END.finditer(window):
            cut = start + _MAX_PARAGRAPH // 2 + m.end()
        if cut is None:
            space = window.rfind(" ")
            cut = start + _MAX_PARAGRAPH // 2 + space + 1 if space >= 0 else limit
        piece_end = cut
        while piece_end > start and text[piece_end - 1].isspace():
            piece_end -= 1
        if piece_end > start:
            out.append((start, piece_end))
        start = cut
        while start < end and text[start].isspace():
            start += 1
    if end > start:
        out.append((start, end))
    return out


def _select(
    text: str,
    paragraphs: list[Span],
    candidates: Sequence[QuoteCandidate],
    indirect: bool = True,
    forms: frozenset[str] = frozenset(),
) -> list[Span]:
    """The paragraphs worth parsing: those with quotations, colon or dash introductions, cue
    words or ``forms`` (verb forms the frame model reads; only when reported speech is wanted),
    and the one before each quotation."""
    keep: set[int] = set()
    marks = SpanIndex(m for c in candidates for m in c.marks)
    for k, (s, e) in enumerate(paragraphs):
        chunk = text[s:e]
        has_quote = marks.overlaps((s, e)) or any(q in chunk for q in _QUOTE_CHARS)
        if has_quote:
            keep.add(k)
            if k > 0:
                keep.add(k - 1)
        elif (
            (indirect and has_cue_word(chunk, forms))
            or chunk.rstrip().endswith(":")
            or DASH_LINE_RE.match(chunk)
        ):
            keep.add(k)
    return [paragraphs[k] for k in sorted(keep)]


def _prepare(article: Article, options: Options) -> tuple[list[QuoteCandidate], list[Span]]:
    """The article's quotation candidates and the paragraphs to parse."""
    text = article.text
    excluded = tuple(article.boilerplate) + tuple(article.headlines)
    found = sorted(find_quotations(text, excluded), key=lambda c: c.marks[0][0])
    candidates = _prose(text, found)
    forms = (
        load_frame_model(options.frame_cut).forms
        if options.indirect and options.frames
        else frozenset()
    )
    return candidates, _select(
        text, _paragraphs(text, excluded), candidates, options.indirect, forms
    )


# Prose holds a few quotations per paragraph. Where dozens of one- or two-word "quotations" crowd
# a stretch of text (a run of marks, scraped markup), none is speech, and attributing each one
# walks the whole sentence: drop them so the cost stays linear.
_CROWD_WINDOW = 2_000
_CROWD = 40
_SHORT_WORDS = 3


def _prose(text: str, candidates: list[QuoteCandidate]) -> list[QuoteCandidate]:
    starts = [c.marks[0][0] for c in candidates]
    kept = []
    for c, start in zip(candidates, starts, strict=True):
        lo = bisect.bisect_left(starts, start - _CROWD_WINDOW // 2)
        hi = bisect.bisect_right(starts, start + _CROWD_WINDOW // 2)
        if hi - lo > _CROWD and sum(len(text[s:e].split()) for s, e in c.spans) < _SHORT_WORDS:
            continue
        kept.append(c)
    return kept


def _parse_many(
    articles: Sequence[Article],
    selections: Sequence[Sequence[Span]],
    nlp: Language,
    entities: bool = True,
) -> list[ParsedText]:
    """Parse the selected paragraphs of several articles in one stream (``stepwise.parse``;
    batches fill across article boundaries), then, unless ``entities`` is False, set named
    entities where extraction reads them (``entity_windows.recognise``). A paragraph this
    process has parsed before is not parsed again (``parse_memo``)."""
    disable = pipes_off(nlp)
    texts = [a.text[s:e] for a, spans in zip(articles, selections, strict=True) for s, e in spans]

    def run(todo: list[str]) -> list[Doc]:
        with blas_single_thread():
            docs = parse(nlp, todo, _BATCH, disable)
            if entities and ENTITY_PIPE in nlp.pipe_names:
                recognise(nlp, docs, _ENTITY_BATCH)
        return docs

    parsed = iter(_MEMO.parse(nlp, texts, entities, run))
    return [
        ParsedText([ParsedParagraph(s, next(parsed), e) for s, e in spans]) for spans in selections
    ]


def extract_article(
    article: Article,
    nlp: Language | None = None,
    *,
    indirect: bool = True,
    beliefs: bool = False,
    objects: bool = False,
    learned: float | None = None,
    frames: bool = True,
    frame_cut: float | None = None,
    entities: bool = True,
) -> Extraction:
    """Quotations (direct, partial, indirect) and speakers of one article.

    article: as read by ingest; nothing is reported from its boilerplate or headline ranges.
    nlp: a loaded spaCy pipeline (default: ``nlp.load_nlp()``).
    indirect: also report reported speech ("She said that ...", ``Settings.include_indirect``);
    off, only quotation marks are read and fewer paragraphs are parsed.
    beliefs / objects: also report belief clauses ("believes that") and the objects of attitude
    verbs ("criticized the ruling") as indirect quotes (only with ``indirect``).
    learned: also report the frames of verb forms that PolNeAR train annotates as attributions
    at least this often ("endorsed Clinton", "plans to run"; ``lang/en/learned_frames.py``);
    None: none.
    frames: also report the verb frames the learned frame model scores as attributions
    (``frame_model``; marked ``stance`` unless a speech verb reports a clause); frame_cut: its
    probability cut (None: the shipped one).
    entities: run spaCy's entity recogniser on the parsed paragraphs (around the words whose
    type is read), so that a pronoun never resolves to a place or organisation and a person is
    told from a body by type (off: by tags and word lists only).
    Returns an Extraction whose quotes are numbered ``<article id>#<n>`` in text order.
    Raises ModelError when no spaCy model is installed.
    """
    nlp = nlp if nlp is not None else load_nlp()
    options = Options(indirect, beliefs, objects, learned, frames, frame_cut, entities=entities)
    return _extract_batch([article], nlp, options)[0]


def _extract_batch(
    articles: Sequence[Article], nlp: Language, options: Options
) -> list[Extraction]:
    """Extractions of ``articles`` parsed together; where that raises, each article alone, so
    that an article extraction cannot handle fails by itself (``Extraction.error``) and the
    others go on."""
    try:
        seconds = options.seconds * len(articles) if options.seconds else None
        with time_budget(seconds):
            return _extract_together(articles, nlp, options)
    except Exception as exc:  # noqa: BLE001  (any failure is the one article's, reported)
        if len(articles) == 1:
            # The pipeline reports it as a problem; the traceback is for -v.
            _log.debug("extraction failed for %s", articles[0].id, exc_info=True)
            return [_failed(articles[0], f"{type(exc).__name__}: {exc}")]
    return [ex for a in articles for ex in _extract_batch([a], nlp, options)]


def _failed(article: Article, error: str) -> Extraction:
    return Extraction(article=article, quotes=(), speakers=(), error=error)


def _extract_together(
    articles: Sequence[Article], nlp: Language, options: Options
) -> list[Extraction]:
    prepared = [_prepare(a, options) for a in articles]
    parsed_all = _parse_many(articles, [spans for _, spans in prepared], nlp, options.entities)
    return [
        build_extraction(a, cands, parsed, options)
        for a, (cands, _), parsed in zip(articles, prepared, parsed_all, strict=True)
    ]


_CHUNK = 8  # articles parsed together in one parse stream


def _worker_extract(articles: Sequence[Article], options: Options) -> list[Extraction]:
    return _extract_batch(articles, load_nlp(), options)


def _worker_init(parent: int) -> None:
    end_with_parent(parent)  # before anything slow: the parent may be killed at any moment
    # A worker only parses, and thinc imports torch when it is installed merely to offer it as
    # a backend: 1.8 of a worker's 3.4 s start on this machine. Marking torch absent before
    # spaCy is imported skips it (a no-op where the parent's main module already imported
    # torch). The parses are the same: the pipeline runs on numpy (nlp.load_nlp).
    import sys

    if "torch" not in sys.modules and "spacy" not in sys.modules:
        sys.modules["torch"] = None  # type: ignore[assignment]
    # Ctrl-C is the parent's to handle: it ends the workers (``_running``), which would
    # otherwise each print the interruption and go on with the next chunk. A forked worker also
    # inherits the parent's SIGTERM handler (Ray's raises SystemExit, which the pool's worker loop
    # catches and carries on): the signal the parent ends workers with must end them.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    # Each worker gets one core: BLAS threads on top of two processes only contend.
    from threadpoolctl import threadpool_limits

    threadpool_limits(1)
    import_spacy_without_cli()
    load_nlp()  # once per worker, before the first article arrives


def extract_articles(
    articles: Sequence[Article],
    processes: int = 0,
    *,
    indirect: bool = True,
    beliefs: bool = False,
    objects: bool = False,
    learned: float | None = None,
    frames: bool = True,
    frame_cut: float | None = None,
    entities: bool = True,
    started: Callable[[], None] | None = None,
    max_seconds: float | None = None,
) -> list[Extraction]:
    """Extractions for ``articles``, in the order given (options as for ``extract_article``).

    processes: 0 -> one worker per core, 1 -> in this process; results are identical whatever
    the count. Workers are forked where that is safe (``_start_method``), else spawned, and load
    spaCy once each. started: called once the workers exist (at once without workers), for
    work to overlap with extraction that must not run in the process while it forks (threads).
    An article whose extraction raises, takes longer than ``max_seconds`` (None: no limit), or
    whose worker process dies, comes back with ``Extraction.error`` set and nothing found; the
    others are extracted as ever.
    Raises ModelError when no spaCy model is installed; ValueError for a negative count.
    """
    if processes < 0:
        raise ValueError("processes must be >= 0")
    options = Options(
        indirect,
        beliefs,
        objects,
        learned,
        frames,
        frame_cut,
        entities=entities,
        seconds=max_seconds,
    )
    count = min(processes or (os.cpu_count() or 1), len(articles))
    if count <= 1:
        if started is not None:
            started()
        nlp = load_nlp()
        step = range(0, len(articles), _CHUNK)
        return [ex for i in step for ex in _extract_batch(articles[i : i + _CHUNK], nlp, options)]
    model_name()  # fail here with the reason, not in every worker
    work = functools.partial(_worker_extract, options=options)
    chunks = _chunks(articles, count)
    with _running(_pool(count)) as pool:
        futures = [pool.submit(work, chunk) for chunk in chunks]  # the workers start here
        if started is not None:
            started()
        batches = [_batch_result(f) for f in futures]
    out: list[Extraction] = []
    for chunk, batch in zip(chunks, batches, strict=True):
        out.extend(batch if batch is not None else _one_by_one(chunk, work))
    return out


_DIED = "the process extracting it stopped (out of memory, or a crash in a native library)"


def _pool(workers: int) -> ProcessPoolExecutor:
    context = multiprocessing.get_context(_start_method())
    return ProcessPoolExecutor(
        workers, mp_context=context, initializer=_worker_init, initargs=(os.getpid(),)
    )


@contextlib.contextmanager
def _running(pool: ProcessPoolExecutor) -> Iterator[ProcessPoolExecutor]:
    """``pool`` while it works; shut down when the work is done, stopped at once when this
    process is interrupted (Ctrl-C) or fails, instead of letting the workers finish the job."""
    try:
        yield pool
    except BaseException:
        _stop(pool)
        raise
    pool.shutdown()


def _stop(pool: ProcessPoolExecutor) -> None:
    terminate = getattr(pool, "terminate_workers", None)  # Python 3.14+
    if terminate is not None:
        terminate()
        return
    # Before 3.14 the executor offers no way to end its workers; its process table is the one
    # place they are listed.
    processes = list((getattr(pool, "_processes", None) or {}).values())
    pool.shutdown(wait=False, cancel_futures=True)
    for process in processes:
        process.terminate()
    for process in processes:
        process.join(5)
        if process.is_alive():  # stuck before its SIGTERM handler was reset (_worker_init)
            process.kill()
            process.join(5)


def _batch_result(future: Future[list[Extraction]]) -> list[Extraction] | None:
    """A chunk's extractions; None when a worker process died, which fails every chunk not
    done yet."""
    try:
        return future.result()
    except BrokenProcessPool:
        return None


def _one_by_one(
    articles: Sequence[Article], work: Callable[[Sequence[Article]], list[Extraction]]
) -> list[Extraction]:
    """The articles of a chunk a dead worker left undone, each in a worker of its own: the one
    that stops its process again is reported failed, the others are extracted."""
    out: list[Extraction] = []
    rest = collections.deque(articles)
    while rest:
        with _running(_pool(1)) as pool:  # a new worker after each one that stops
            while rest:
                article = rest.popleft()
                try:
                    out.extend(pool.submit(work, [article]).result())
                except BrokenProcessPool:
                    _log.debug("extraction failed for %s: %s", article.id, _DIED)
                    out.append(_failed(article, _DIED))
                    break
    return out


def _chunks(articles: Sequence[Article], workers: int) -> list[Sequence[Article]]:
    """``articles`` in consecutive chunks for ``workers`` processes: ``_CHUNK`` at a time while
    plenty are left, then smaller and smaller, so that the workers run out of work together
    instead of one parsing a last full chunk while the others wait."""
    out = []
    i = 0
    while i < len(articles):
        size = max(1, min(_CHUNK, (len(articles) - i) // (2 * workers)))
        out.append(articles[i : i + size])
        i += size
    return out


def _start_method() -> str:
    """ "fork" where it is safe, else "spawn". A forked worker starts from this process's imports
    (and its loaded pipeline, once it has parsed) instead of starting Python and importing
    quotedrift and spaCy anew: a quarter of a worker's start, all of it when spaCy is loaded.
    Safe means Linux (fork breaks macOS system libraries), no other thread (one holding a lock at
    the fork leaves the child waiting on it forever) and no torch (its thread pools do not
    survive a fork)."""
    safe = sys.platform.startswith("linux") and threading.active_count() == 1
    return "fork" if safe and "torch" not in sys.modules else "spawn"
