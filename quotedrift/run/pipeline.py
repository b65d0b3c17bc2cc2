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
from quotedrift.comparison import drift as drift_stage
from quotedrift.comparison import identities as identity_stage
from quotedrift.comparison.embedding import Embedder
from quotedrift.comparison.normalise import vocabulary
from quotedrift.comparison.original import choose_reference
from quotedrift.config import Settings
from quotedrift.errors import NoArticlesError
from quotedrift.read import folders, ingest
from quotedrift.records import (
    Alignment,
    Article,
    Drift,
    Edit,
    Extraction,
    Metrics,
    Problem,
    Quote,
    Reference,
    Report,
    Statement,
    Version,
)
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

    progress("aligning statements")
    alignments = _align_to_sources([by_id[i] for i in source_ids], quotes, identities, vectors)
    identities = identity_stage.link_roles(identities, alignments, quotes)
    quotes = _with_identities(quotes, identities)

    progress("measuring drift")
    statements, unsupported = _build_statements(
        set(source_ids), quotes, alignments, identities, vectors, embedder, by_id
    )
    return Report(
        reference=reference,
        articles=tuple(articles),
        speakers=tuple(sorted(identities.speakers, key=lambda s: s.id)),
        statements=tuple(statements),
        unsupported=tuple(unsupported),
        problems=tuple(problems),
    )


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


def _build_statements(
    source_ids: set[str],
    quotes: Sequence[Quote],
    alignments: Sequence[Alignment],
    identities: identity_stage.Identities,
    vectors: Mapping[str, np.ndarray],
    embedder: Embedder,
    by_id: Mapping[str, Article],
) -> tuple[list[Statement], list[Version]]:
    quote_by_id = {q.id: q for q in quotes}
    originals = [q for q in quotes if q.article in source_ids]
    speaker_of = identities.of_quote

    # What each speaker said in the original: the vocabulary 'words never said' is checked against.
    texts_of: dict[str, list[str]] = defaultdict(list)
    for q in originals:
        texts_of[speaker_of.get(q.id, "")].append(q.text)
    said = {speaker: vocabulary(texts) for speaker, texts in texts_of.items()}
    root_of = _merged_roots(originals, alignments)

    # Joined originals of merged versions need their own vector for the cosine metric.
    joined: dict[tuple[str, ...], str] = {}
    for a in alignments:
        if len(a.originals) > 1:
            joined[a.originals] = " ".join(quote_by_id[i].text for i in a.originals)
    joined_vectors = _encode(embedder, {"\x1f".join(k): v for k, v in joined.items()})

    versions_of: dict[str, list[Version]] = defaultdict(list)
    unsupported: list[Version] = []
    for a in sorted(alignments, key=lambda a: a.version):
        q = quote_by_id[a.version]
        article = by_id[q.article]
        if not a.originals:
            unsupported.append(_version(q, article, a, _unsupported(q)))
            continue
        if len(a.originals) > 1:
            ref_vec = joined_vectors["\x1f".join(a.originals)]
        else:
            ref_vec = vectors[a.originals[0]]
        original_speaker = speaker_of.get(a.originals[0], "")
        d = drift_stage.measure(
            [quote_by_id[i].text for i in a.originals],
            q.text,
            kind=q.kind,
            cosine=float(np.dot(vectors[q.id], ref_vec)),
            speaker_words=said.get(original_speaker) or said.get(speaker_of.get(q.id, "")),
            relation=a.relation,
            breaks=drift_stage.fragment_breaks(q.text, q.spans),
        )
        versions_of[root_of[a.originals[0]]].append(_version(q, article, a, d))
    return _statements(originals, root_of, versions_of, speaker_of), unsupported


def _merged_roots(originals: Sequence[Quote], alignments: Sequence[Alignment]) -> dict[str, str]:
    """Original quote id -> the id standing for its statement: originals rendered together
    (merged) by any version form one statement (union-find over them)."""
    parent = {q.id: q.id for q in originals}

    def find(x: str) -> str:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a in alignments:
        ids = [i for i in a.originals if i in parent]
        for other in ids[1:]:
            parent[find(other)] = find(ids[0])
    return {qid: find(qid) for qid in parent}


def _statements(
    originals: Sequence[Quote],
    root_of: Mapping[str, str],
    versions_of: Mapping[str, list[Version]],
    speaker_of: Mapping[str, str],
) -> list[Statement]:
    """One Statement per group of originals with its versions, in text order, numbered s1, s2,
    ... by speaker, article and position."""
    groups: dict[str, list[Quote]] = defaultdict(list)
    for q in originals:
        groups[root_of[q.id]].append(q)
    statements = []
    for root, members in groups.items():
        members.sort(key=lambda q: (q.article, q.spans[0][0]))
        versions = sorted(
            versions_of.get(root, []), key=lambda v: (v.quote.article, v.quote.spans[0][0])
        )
        statements.append(
            Statement(
                id="",
                speaker=speaker_of.get(members[0].id, ""),
                original=tuple(members),
                versions=tuple(versions),
            )
        )
    statements.sort(key=lambda s: (s.speaker, s.original[0].article, s.original[0].spans[0][0]))
    return [
        Statement(id=f"s{i}", speaker=s.speaker, original=s.original, versions=s.versions)
        for i, s in enumerate(statements, 1)
    ]


def _unsupported(q: Quote) -> Drift:
    # No original to align against: every word is new, and the score tops the scale.
    words = tuple(q.text.split())
    return Drift(
        tier="unsupported",
        score=drift_stage.BANDS["unsupported"][1],
        flags=("unsupported",),
        metrics=Metrics(cosine=0.0, containment=0.0, reverse_containment=0.0, word_similarity=0.0),
        edits=(Edit(op="insert", original=(), version=words),),
        added=(q.text,),
        dropped=(),
    )


def _version(q: Quote, article: Article, a: Alignment, d: Drift) -> Version:
    return Version(
        quote=q,
        outlet=article.outlet,
        speaker_as_written=q.speaker.mention if q.speaker else None,
        original_quote_ids=a.originals,
        drift=d,
    )
