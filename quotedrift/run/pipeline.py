"""The one place that wires the stages: read -> extract -> identities -> embed -> reference ->
align -> drift -> Report."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from quotedrift.comparison import identities as identity_stage
from quotedrift.comparison import joint
from quotedrift.comparison.embedding import Embedder
from quotedrift.comparison.original import choose_reference
from quotedrift.comparison.sentences import Unit, units_of
from quotedrift.config import Settings
from quotedrift.errors import NoArticlesError
from quotedrift.read import folders, ingest
from quotedrift.records import (
    Alignment,
    Article,
    Extraction,
    Problem,
    Quote,
    Reference,
    Report,
)
from quotedrift.run import rounds
from quotedrift.run import statements as statement_stage
from quotedrift.run.batches import extraction_options
from quotedrift.run.engine import Engine, load_engine

log = logging.getLogger("quotedrift")

Progress = Callable[[str], None]
PathLike = str | Path


@dataclass(frozen=True)
class ExtractResult:
    """What ``extract`` found: one Extraction per readable article, one Problem per bad file."""

    extractions: tuple[Extraction, ...]
    problems: tuple[Problem, ...]


def _noop(_: str) -> None:
    pass


def extract(
    paths: Sequence[PathLike],
    settings: Settings | None = None,
    progress: Progress = _noop,
    *,
    engine: Engine | None = None,
) -> ExtractResult:
    """Stages 1-3 over files and folders.

    Returns every readable article's quotations with speakers resolved within the article, and a
    Problem for each file that could not be read. Raises NoArticlesError when nothing was readable.
    engine: where extraction runs (default: the one ``settings.engine`` names, closed after).
    """
    settings = settings or Settings()
    progress("reading articles")
    articles, problems = ingest.read_articles(list(paths), settings)
    if not articles:
        raise NoArticlesError(nothing_read(paths, problems), tuple(problems))
    progress(f"extracting quotations from {len(articles)} articles")
    own = engine is None
    engine = engine or load_engine(settings)
    try:
        extractions = _extract_routed(articles, settings, engine, problems)
    finally:
        if own:
            engine.close()
    return ExtractResult(tuple(extractions), tuple(problems))


# --- extraction routing: cache -> engine, and the store (engine.py, extraction_cache.py, store.py)


def extract_read(
    articles: Sequence[Article], settings: Settings, problems: list[Problem]
) -> list[Extraction]:
    """Extractions of articles already read, in the order given: from the extraction cache, the
    misses made by the engine ``settings.engine`` names. An article whose extraction failed is
    left out, with a Problem appended to ``problems``."""
    engine = load_engine(settings)
    try:
        return _extract_routed(articles, settings, engine, problems)
    finally:
        engine.close()


def _extract_routed(
    articles: Sequence[Article], settings: Settings, engine: Engine, problems: list[Problem]
) -> list[Extraction]:
    """Extractions of ``articles``: from the extraction cache unless ``settings.cache`` is False,
    the misses made by ``engine``; failed ones left out and appended to ``problems``."""
    if not settings.cache:
        made = engine.extract(articles)
    else:
        from quotedrift.run.extraction_cache import ExtractionCache

        cache = ExtractionCache(settings.resolved_cache_dir(), extraction_options(settings))
        try:
            made = cache.extract(articles, engine.extract)
        finally:
            cache.close()
    problems.extend(
        Problem(e.article.path, f"extraction failed for {e.article.id}: {e.error}")
        for e in made
        if e.error
    )
    return [_within_budget(e, settings, problems) for e in made if e.error is None]


def _within_budget(e: Extraction, settings: Settings, problems: list[Problem]) -> Extraction:
    """``e`` with at most ``settings.max_quotes`` quotations (the first, in text order): past
    that, alignment and drift over one article would hold up the whole run. A cut is reported
    in ``problems`` (not fatal)."""
    if len(e.quotes) <= settings.max_quotes:
        return e
    problems.append(
        Problem(
            e.article.path,
            f"{len(e.quotes):,} quotations found; only the first {settings.max_quotes:,} "
            "(max_quotes) are kept",
            fatal=False,
        )
    )
    return replace(e, quotes=e.quotes[: settings.max_quotes])


def _compare_with_store(
    store_path: Path,
    paths: Sequence[PathLike],
    settings: Settings,
    embedder: Embedder | None,
    progress: Progress,
) -> Report:
    """``compare`` with ``settings.store``: add the new articles to the store, then compare every
    stored article. Raises NoArticlesError when nothing is readable and the store is empty."""
    from quotedrift.run.store import Store

    progress("reading articles")
    articles, problems = ingest.read_articles(list(paths), settings)
    engine = load_engine(settings)
    try:
        with Store(store_path, extraction_options(settings)) as store:
            if not articles and not store.article_ids():
                raise NoArticlesError(nothing_read(paths, problems), tuple(problems))
            inner = embedder or engine.embedder()
            update = store.update(
                articles,
                lambda batch: _extract_routed(batch, settings, engine, problems),
                inner,
                progress,
            )
            progress(
                f"store {store_path}: {len(update.added)} added, {len(update.replaced)} "
                f"replaced, {len(update.unchanged)} unchanged"
            )
            return compare_extractions(
                store.extractions(),
                settings,
                embedder=store.embedder(inner),
                problems=problems,
                progress=progress,
            )
    finally:
        engine.close()


# --- end of extraction routing


def nothing_read(paths: Sequence[PathLike], problems: Sequence[Problem]) -> str:
    """Why nothing could be read from ``paths``, for a NoArticlesError: the missing paths by name
    ("no such file or folder: PATH"), the one problem when there is one, else a count."""
    where = ", ".join(str(p) for p in paths) or "(no paths)"
    fatal = [p for p in problems if p.fatal]
    if fatal and all(p.message == folders.MISSING for p in fatal):
        return f"{folders.MISSING}: {', '.join(p.path for p in fatal)}"
    if len(fatal) == 1:
        return f"{fatal[0].path}: {fatal[0].message}"
    if fatal:
        return f"no readable article in {where} ({len(fatal)} file(s) failed)"
    return f"no article files ({folders.READ_TYPES}) found in {where}"


def compare(
    paths: Sequence[PathLike],
    settings: Settings | None = None,
    *,
    embedder: Embedder | None = None,
    progress: Progress = _noop,
) -> Report:
    """The main job: every statement of every speaker across the articles, aligned to its original
    and scored for drift.

    Raises NoArticlesError when nothing was readable, ConfigError for a ``reference`` that matches
    no article, ModelError when the encoder cannot be loaded.
    """
    settings = settings or Settings()
    if settings.store is not None:
        return _compare_with_store(Path(settings.store), paths, settings, embedder, progress)
    engine = load_engine(settings)
    try:
        # Asked for before extraction: the engine loads its model while workers extract.
        run_embedder = embedder or engine.embedder()
        result = extract(paths, settings, progress, engine=engine)
        return compare_extractions(
            result.extractions,
            settings,
            embedder=run_embedder,
            problems=result.problems,
            progress=progress,
        )
    finally:
        engine.close()


def compare_extractions(
    extractions: Sequence[Extraction],
    settings: Settings,
    *,
    embedder: Embedder | None = None,
    problems: Sequence[Problem] = (),
    progress: Progress = _noop,
    sources: Sequence[str] | None = None,
) -> Report:
    """Stages 3-6 over extractions already made (see ``compare``).

    sources: article ids whose quotations are the originals (``check`` passes its source
    documents); by default one reference article is chosen by ``choose_reference``.
    """
    extractions = _comparable(extractions)
    articles = [e.article for e in extractions]
    by_id: dict[str, Article] = {a.id: a for a in articles}
    quotes = [q for e in extractions for q in e.quotes]
    quotes_by_article = {e.article.id: list(e.quotes) for e in extractions}

    progress("resolving speakers across articles")
    identities = identity_stage.resolve_identities(extractions)
    units = {q.id: units_of(q) for q in quotes}

    progress(f"embedding {len(quotes)} quotations")
    if embedder is None:
        from quotedrift.comparison.embedding import load_embedder

        embedder = load_embedder(settings)
    vectors = _encode(embedder, {u.id: u.quote.text for q in quotes for u in units[q.id]})
    vectors.update(_joined_vectors(units, vectors))

    if sources is None:
        reference = choose_reference(articles, quotes_by_article, settings.reference, vectors)
        source_ids: tuple[str, ...] = (reference.article,)
    else:
        source_ids = tuple(sorted(sources))
        reason = "the source documents given to check"
        reference = Reference(article=", ".join(source_ids), reason=reason, rule="sources")

    progress("aligning statements")
    alignments = _align(
        units,
        source_ids,
        identities,
        vectors,
        leftovers=sources is None,
        independent=not reference.is_original,
    )
    identities = identity_stage.link_roles(identities, _by_record(alignments, units), quotes)
    quotes = _with_identities(quotes, identities)

    progress("measuring drift")
    statements, unsupported = statement_stage.build(
        statement_stage.Inputs(
            records=quotes,
            units=units,
            alignments=alignments,
            reference=reference,
            sources=frozenset(source_ids),
            speaker_of=identities.of_quote,
            vectors=vectors,
            encode=lambda texts: _encode(embedder, texts),
            by_id=by_id,
        )
    )
    return Report(
        reference=reference,
        articles=tuple(articles),
        speakers=tuple(sorted(identities.speakers, key=lambda s: s.id)),
        statements=tuple(statements),
        unsupported=tuple(joint.pruned(unsupported, statements)),
        problems=tuple(problems),
    )


def _comparable(extractions: Sequence[Extraction]) -> list[Extraction]:
    """The extractions by article id, as compare reads them: without stances ('plans to run',
    an attribution in the writer's words: nothing to drift), and with one record per speaker of
    words credited to several at once (``joint``)."""
    return sorted(
        (
            joint.credited(replace(e, quotes=tuple(q for q in e.quotes if not q.stance)))
            for e in extractions
        ),
        key=lambda e: e.article.id,
    )


def _align(
    units: Mapping[str, tuple[Unit, ...]],
    source_ids: Sequence[str],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    *,
    leftovers: bool,
    independent: bool,
) -> dict[str, Alignment]:
    """Unit id -> alignment, for every sentence unit outside the sources: against the sources,
    then (``leftovers``) what they do not carry among the other articles (``run/rounds.py``).
    independent: no article is known to be the original (a loose match to the reference may
    give way to a far closer one elsewhere: ``rounds.released``)."""
    every = [u for us in units.values() for u in us]
    speaker_of = dict(identities.of_quote)
    speaker_of.update(
        (u.id, identities.of_quote[u.parent.id]) for u in every if u.parent.id in speaker_of
    )
    parent = {u.id: u.parent.id for u in every}
    alignments = joint.unshared(
        rounds.align_to_sources(
            source_ids, units, speaker_of, identities, vectors, independent=independent
        ),
        parent,
        speaker_of,
    )
    if leftovers:
        left = [u.quote for u in every if u.id in alignments and not alignments[u.id].originals]
        loose = rounds.released(
            alignments, left, units, speaker_of, identities, vectors, independent=independent
        )
        if loose:
            for v in loose:
                alignments[v] = Alignment(v, (), "unsupported", alignments[v].score)
            left = [u.quote for u in every if u.id in alignments and not alignments[u.id].originals]
        alignments.update(
            rounds.align_leftovers(
                left, units, speaker_of, identities, vectors, independent=independent
            )
        )
        originals = {o for a in alignments.values() for o in a.originals}
        alone = [q for q in left if not alignments[q.id].originals and q.id not in originals]
        alignments.update(
            rounds.join_through_members(
                alignments,
                alone,
                units,
                speaker_of,
                identities,
                vectors,
                independent=independent,
            )
        )
    return joint.unshared(alignments, parent, speaker_of)


def _joined_vectors(
    units: Mapping[str, tuple[Unit, ...]], vectors: Mapping[str, np.ndarray]
) -> dict[str, np.ndarray]:
    """The vector of each quotation of several sentences: the normalised mean of its sentences'
    (as align approximates a run of quotations; within 0.06 of encoding the joined text on the
    seeds), so no quotation's words are encoded twice."""
    out = {}
    for rid, parts in units.items():
        if len(parts) > 1:
            mean = np.sum([np.asarray(vectors[u.id], dtype=np.float32) for u in parts], axis=0)
            norm = float(np.linalg.norm(mean))
            out[rid] = mean / norm if norm > 0 else mean
    return out


def _by_record(
    alignments: Mapping[str, Alignment], units: Mapping[str, tuple[Unit, ...]]
) -> list[Alignment]:
    """Unit alignments read per quotation (the evidence ``link_roles`` weighs): the quotations
    its units align to, in order, and the strongest relation."""
    parent = {u.id: u.parent.id for us in units.values() for u in us}
    originals: dict[str, list[str]] = defaultdict(list)
    relation: dict[str, str] = {}
    score: dict[str, float] = defaultdict(float)
    for a in alignments.values():
        if not a.originals:
            continue
        record = parent[a.version]
        for o in a.originals:
            if parent[o] not in originals[record]:
                originals[record].append(parent[o])
        if relation.get(record) != "attribution_changed":
            relation[record] = a.relation
        score[record] = max(score[record], a.score)
    return [Alignment(r, tuple(originals[r]), relation[r], score[r]) for r in sorted(originals)]


def _with_identities(quotes: Sequence[Quote], identities: identity_stage.Identities) -> list[Quote]:
    """The quotations with each SpeakerRef's id set to the identity resolved across articles
    (extraction leaves the id of its own article), so a report says who every version's speaker
    is, not only its statement's."""
    out = []
    for q in quotes:
        sid = identities.of_quote.get(q.id)
        if q.speaker is not None and sid is not None and sid != q.speaker.id:
            q = replace(q, speaker=replace(q.speaker, id=sid))
        out.append(q)
    return out


def _encode(embedder: Embedder, texts: Mapping[str, str]) -> dict[str, np.ndarray]:
    keys = sorted(texts)
    if not keys:
        return {}
    # Rewrites repeat quotations verbatim (at 500 articles 2,628 distinct texts in 6,125): each
    # is encoded once, also without the vector cache (which does the same by itself). One
    # encode call for everything: the model sorts by length inside the call.
    distinct = list(dict.fromkeys(texts[k] for k in keys))
    matrix = embedder.encode(distinct)
    row = {text: i for i, text in enumerate(distinct)}
    return {k: matrix[row[texts[k]]] for k in keys}
