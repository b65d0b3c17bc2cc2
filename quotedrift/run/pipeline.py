"""The one place that wires the stages: read -> extract -> identities -> embed -> reference ->
align -> drift -> Report."""

from __future__ import annotations

import logging
from collections import defaultdict
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, replace
from pathlib import Path

import numpy as np

from quotedrift.comparison import align as align_stage
from quotedrift.comparison import identities as identity_stage
from quotedrift.comparison.embedding import Embedder
from quotedrift.comparison.grouping import Group, Unit, group_units, make_units
from quotedrift.comparison.original import choose_reference
from quotedrift.config import Settings
from quotedrift.errors import NoArticlesError
from quotedrift.read import ingest
from quotedrift.records import (
    Alignment,
    Article,
    Extraction,
    Problem,
    Quote,
    Reference,
    Report,
)
from quotedrift.run import statements as statement_stage
from quotedrift.run.batches import extraction_options
from quotedrift.run.engine import Engine, load_engine
from quotedrift.run.statements import unsupported_drift

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
    if fatal and all(p.message == ingest.MISSING for p in fatal):
        return f"{ingest.MISSING}: {', '.join(p.path for p in fatal)}"
    if len(fatal) == 1:
        return f"{fatal[0].path}: {fatal[0].message}"
    if fatal:
        return f"no readable article in {where} ({len(fatal)} file(s) failed)"
    return f"no article files ({ingest.READ_TYPES}) found in {where}"


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
    # Stances ('plans to run') are attributions in the writer's words: nothing to drift.
    extractions = sorted(
        (replace(e, quotes=tuple(q for q in e.quotes if not q.stance)) for e in extractions),
        key=lambda e: e.article.id,
    )
    articles = [e.article for e in extractions]
    by_id: dict[str, Article] = {a.id: a for a in articles}
    quotes = [q for e in extractions for q in e.quotes]
    quotes_by_article: dict[str, list[Quote]] = defaultdict(list)
    for q in quotes:
        quotes_by_article[q.article].append(q)

    progress("resolving speakers across articles")
    identities = identity_stage.resolve_identities(extractions)

    progress(f"embedding {len(quotes)} quotations")
    if embedder is None:
        from quotedrift.comparison.embedding import load_embedder

        embedder = load_embedder(settings)
    vectors = _encode(embedder, {q.id: q.text for q in quotes})

    if sources is None:
        reference = choose_reference(articles, quotes_by_article, settings.reference, vectors)
        source_ids: tuple[str, ...] = (reference.article,)
    else:
        source_ids = tuple(sorted(sources))
        reference = Reference(
            article=", ".join(source_ids), reason="the source documents given to check"
        )

    if not reference.is_original:
        reference = replace(
            reference,
            reason="no article is the original (no wire credit or earliest date): each statement "
            f"shows its own; the middle of the coverage is {reference.article}, {reference.reason}",
        )
    progress("aligning statements")
    if reference.is_original:
        sources_ = [by_id[i] for i in source_ids]
        alignments = _align_to_sources(sources_, quotes, identities, vectors)
    else:
        alignments = []
    # What the original article does not carry (everything, when there is none) is grouped across
    # the other articles; ``check`` compares with its sources only.
    aligned = {a.version for a in alignments if a.originals}
    if sources is not None:
        pool: list[Quote] = []
    elif reference.is_original:
        pool = [q for q in quotes if q.article not in source_ids and q.id not in aligned]
    else:
        pool = list(quotes)
    units, groups = _group(pool, identities, vectors, embedder, by_id, reference)
    grouped = statement_stage.group_alignments(units, groups)
    identities = identity_stage.link_roles(identities, [*alignments, *grouped], quotes)
    quotes = _with_identities(quotes, identities)
    fresh = {q.id: q for q in quotes}
    units = [replace(u, quote=fresh[u.quote.id]) for u in units]

    progress("measuring drift")
    statements, unsupported = (
        statement_stage.statements_from_alignments(
            set(source_ids),
            quotes,
            alignments,
            identities,
            vectors,
            lambda texts: _encode(embedder, texts),
            by_id,
        )
        if alignments
        else ([], [])
    )
    statements += statement_stage.statements_from_groups(
        units, groups, identities.of_quote, by_id, original_article=reference.is_original
    )
    # Quotations no group holds stay unsupported; of one partly held, the sentences left over.
    in_groups = {units[i].quote.id for g in groups for i in g.members}
    partial = {k: q for k, q in statement_stage.ungrouped(units, groups).items() if k in in_groups}
    if reference.is_original:
        unsupported = [v for v in unsupported if v.quote.id not in in_groups]
        alone = list(partial.values())
    else:
        alone = [q for q in quotes if q.id not in in_groups] + list(partial.values())
        unsupported = []
    unsupported += [
        statement_stage.make_version(
            q, by_id[q.article], Alignment(q.id, (), "unsupported", 0.0), unsupported_drift(q)
        )
        for q in sorted(alone, key=lambda q: q.id)
    ]
    return Report(
        reference=reference,
        articles=tuple(articles),
        speakers=tuple(sorted(identities.speakers, key=lambda s: s.id)),
        statements=tuple(statement_stage.number(statements)),
        unsupported=tuple(unsupported),
        problems=tuple(problems),
    )


def _group(
    pool: Sequence[Quote],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    embedder: Embedder,
    by_id: Mapping[str, Article],
    reference: Reference,
) -> tuple[list[Unit], list[Group]]:
    """Sentence units of ``pool`` and their groups across articles (see comparison/grouping)."""
    if not pool:
        return [], []
    kinds = {s.id: s.kind for s in identities.speakers}

    def voice(q: Quote) -> str:
        sid = identities.of_quote.get(q.id)
        return f"?{q.id}" if sid is None else identities.voice(sid)

    def named(u: Unit) -> bool:
        sid = identities.of_quote.get(u.quote.id)
        return sid is not None and kinds.get(sid) not in ("role", "unknown")

    units = make_units(pool, voice, vectors, lambda texts: embedder.encode(texts))
    if reference.is_original:
        outlet = by_id[reference.article].outlet or reference.article
        absent = f"the original article ({outlet}) does not carry it"
    else:
        absent = "no article is the original"
    return units, group_units(units, range(len(units)), absent=absent, cross_voice=named)


def _align_to_sources(
    sources: Sequence[Article],
    quotes: Sequence[Quote],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
) -> list[Alignment]:
    """Align every quotation outside the sources; with several sources, each version keeps its
    best match (a found counterpart beats none, then the higher score, then the first source)."""
    source_ids = {a.id for a in sources}
    best: dict[str, Alignment] = {}
    for source in sources:
        pool = [q for q in quotes if q.article == source.id or q.article not in source_ids]
        for a in align_stage.align(
            source, pool, identities.of_quote, vectors, identities=identities
        ):
            kept = best.get(a.version)
            if kept is None or (bool(a.originals), a.score) > (bool(kept.originals), kept.score):
                best[a.version] = a
    return [best[k] for k in sorted(best)]


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
