"""The extraction cache: hits, misses, stale and corrupt entries, and a cached run that never
imports spaCy or torch."""

from __future__ import annotations

import logging
import os
import shutil
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import pytest

from quotedrift.config import Settings
from quotedrift.records import Article, Cue, Extraction, Quote, Speaker, SpeakerRef
from quotedrift.run import extraction_cache
from quotedrift.run.extraction_cache import ExtractionCache, article_key, extraction_version

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "data" / "story"


def _article(i: int, text: str = "") -> Article:
    return Article(id=f"a{i}.txt", path=f"/x/a{i}.txt", text=text or f'"Hello {i}," she said.')


class CountingExtractor:
    """Plumbing stand-in for spaCy extraction: one quote per article, and a record of calls."""

    def __init__(self) -> None:
        self.calls: list[list[str]] = []

    def __call__(self, articles: Sequence[Article]) -> list[Extraction]:
        self.calls.append([a.id for a in articles])
        out = []
        for a in articles:
            ref = SpeakerRef("she", (12, 15), "Jane Roe", None, "person", "jane-roe")
            quote = Quote(
                id=f"{a.id}#1",
                article=a.id,
                kind="direct",
                text=a.text[1:8],
                spans=((1, 8),),
                speaker=ref,
                cue=Cue("said", (16, 20)),
                confidence=0.9,
            )
            out.append(Extraction(a, (quote,), (Speaker("jane-roe", "Jane Roe", "person"),)))
        return out


def test_hits_misses_and_order(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    fake = CountingExtractor()
    articles = [_article(i) for i in range(3)]
    first = cache.extract(articles, fake)
    assert (cache.stats.hits, cache.stats.misses) == (0, 3)
    again = cache.extract(list(reversed(articles)), fake)
    assert (cache.stats.hits, cache.stats.misses) == (3, 0)
    assert again == list(reversed(first))  # records survive the JSON round trip unchanged
    assert fake.calls == [["a0.txt", "a1.txt", "a2.txt"]]


@pytest.mark.parametrize(
    "change",
    [
        {"text": '"Hello there," he said.'},
        {"path": "/elsewhere/a0.txt"},
        {"id": "b0.txt"},
        {"outlet": "AFP"},
        {"boilerplate": ((0, 3),)},
    ],
)
def test_anything_in_the_article_changes_the_key(tmp_path: Path, change: dict) -> None:
    cache = ExtractionCache(tmp_path)
    fake = CountingExtractor()
    cache.extract([_article(0)], fake)
    changed = replace(_article(0), **change)
    assert article_key(changed) != article_key(_article(0))
    cache.extract([changed], fake)
    assert cache.stats.misses == 1 and len(fake.calls) == 2


def test_empty_input_never_calls_the_extractor(tmp_path: Path) -> None:
    fake = CountingExtractor()
    assert ExtractionCache(tmp_path).extract([], fake) == []
    assert fake.calls == []


def test_corrupt_entry_is_rebuilt_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    cache = ExtractionCache(tmp_path)
    fake = CountingExtractor()
    good = cache.extract([_article(0), _article(1)], fake)
    with sqlite3.connect(cache.path) as conn:
        conn.execute("UPDATE extractions SET data = '{\"article\": 3' WHERE article = 'a0.txt'")
        conn.execute(
            "UPDATE extractions SET data = (SELECT data FROM extractions WHERE article = 'a1.txt')"
            " WHERE article = 'a0.txt' AND 0"
        )
    cache.close()
    with caplog.at_level(logging.WARNING, logger="quotedrift"):
        again = ExtractionCache(tmp_path).extract([_article(0), _article(1)], fake)
    assert again == good
    assert fake.calls[-1] == ["a0.txt"]
    assert "corrupt" in caplog.text


def test_entry_of_another_article_is_refused(tmp_path: Path) -> None:
    cache = ExtractionCache(tmp_path)
    fake = CountingExtractor()
    cache.extract([_article(0), _article(1)], fake)
    with sqlite3.connect(cache.path) as conn:  # a0's row now holds a1's extraction
        (data,) = conn.execute("SELECT data FROM extractions WHERE article = 'a1.txt'").fetchone()
        conn.execute("UPDATE extractions SET data = ? WHERE article = 'a0.txt'", (data,))
    cache.close()
    again = ExtractionCache(tmp_path)
    result = again.extract([_article(0)], fake)
    assert result[0].article == _article(0) and again.stats.corrupt == 1


def test_file_that_is_not_a_database_is_replaced(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    (tmp_path / ExtractionCache.FILENAME).write_bytes(b"not a database at all" * 100)
    fake = CountingExtractor()
    with caplog.at_level(logging.WARNING, logger="quotedrift"):
        result = ExtractionCache(tmp_path).extract([_article(0)], fake)
    assert len(result) == 1 and "corrupt" in caplog.text
    assert ExtractionCache(tmp_path).extract([_article(0)], fake) == result
    assert len(fake.calls) == 1


def test_stale_version_is_rebuilt_with_a_warning(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    fake = CountingExtractor()
    ExtractionCache(tmp_path).extract([_article(0)], fake)
    newer = ExtractionCache(tmp_path)
    newer.version = "another-version"
    with caplog.at_level(logging.WARNING, logger="quotedrift"):
        newer.extract([_article(0)], fake)
    assert newer.stats.stale == 1 and len(fake.calls) == 2
    assert "another extraction version" in caplog.text
    newer.extract([_article(0)], fake)  # the rebuilt entry replaced the stale one
    assert newer.stats.hits == 1


def test_version_follows_the_constant_and_the_sources(monkeypatch: pytest.MonkeyPatch) -> None:
    base = extraction_version()
    sources = extraction_cache._module_sources(
        Path(extraction_cache.__file__).parent.parent, ("extraction.article",)
    )
    # Every module extraction reads through is hashed, and nothing of the later stages.
    assert {"extraction.article", "extraction.quotations", "extraction.speakers", "records"} <= set(
        sources
    )
    assert not {"comparison.align", "comparison.drift", "report.text", "run.pipeline"} & set(
        sources
    )
    bumped = extraction_cache.EXTRACTION_VERSION + 1
    monkeypatch.setattr(extraction_cache, "EXTRACTION_VERSION", bumped)
    extraction_version.cache_clear()
    try:
        assert extraction_version() != base
    finally:
        monkeypatch.undo()
        extraction_version.cache_clear()
    assert extraction_version() == base


def test_unwritable_cache_folder_raises_cache_error(tmp_path: Path) -> None:
    from quotedrift.errors import CacheError

    blocker = tmp_path / "file"
    blocker.write_text("x")
    with pytest.raises(CacheError):
        ExtractionCache(blocker / "sub").extract([_article(0)], CountingExtractor())


# ------------------------------------------------------------------------------------------------
# With the real spaCy model and encoder.

_CHECK_IMPORTS = """
import sys
from quotedrift.cli import main
out = sys.argv[1] + "/../out.json"
sys.argv = ["quotedrift", "compare", sys.argv[1], "-f", "json", "-o", out]
try:
    main()
except SystemExit as exc:
    assert not exc.code, exc.code
heavy = sorted(m for m in ("spacy", "torch", "sentence_transformers", "thinc", "trafilatura")
               if m in sys.modules)
print(",".join(heavy))
"""


@pytest.mark.model
def test_cached_run_matches_and_imports_neither_spacy_nor_torch(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    for name in ("npa_wire.txt", "northline.md", "island_post.json", "radio.jsonl"):
        shutil.copy(STORY / name, story / name)
    env = {**os.environ, "QUOTEDRIFT_CACHE": str(tmp_path / "cache"), "HF_HUB_OFFLINE": "1"}

    def run() -> tuple[str, str]:
        done = subprocess.run(
            [sys.executable, "-c", _CHECK_IMPORTS, str(story)],
            env=env,
            capture_output=True,
            text=True,
            timeout=600,
            check=True,
        )
        return done.stdout.strip(), (tmp_path / "out.json").read_text(encoding="utf-8")

    heavy_first, first = run()
    assert "torch" in heavy_first  # the first run encoded (spaCy may run in worker processes)
    heavy_again, again = run()
    assert heavy_again == ""
    assert again == first


@pytest.mark.model
def test_cached_extractions_equal_fresh_ones(tmp_path: Path) -> None:
    from quotedrift.run.pipeline import extract

    settings = Settings(cache_dir=tmp_path, processes=1)
    fresh = extract([STORY], replace(settings, cache=False)).extractions
    first = extract([STORY], settings).extractions
    cached = extract([STORY], settings).extractions
    assert sum(len(e.quotes) for e in fresh) > 0
    assert fresh == first == cached


def test_extraction_options_are_part_of_the_key(tmp_path: Path) -> None:
    fake = CountingExtractor()
    ExtractionCache(tmp_path, {"indirect": True}).extract([_article(0)], fake)
    without = ExtractionCache(tmp_path, {"indirect": False})
    without.extract([_article(0)], fake)
    assert without.stats.misses == 1 and without.stats.stale == 0
    ExtractionCache(tmp_path, {"indirect": True}).extract([_article(0)], fake)
    assert len(fake.calls) == 2  # both variants stay cached side by side


class _UnitEmbedder:
    """Plumbing stand-in for the encoder: a unit vector per text, and a count of texts encoded."""

    identity = "unit-test"

    def __init__(self) -> None:
        self.encoded = 0

    def encode(self, texts: Sequence[str]) -> object:
        import numpy as np

        self.encoded += len(texts)
        out = np.zeros((len(texts), 4), np.float32)
        for i, text in enumerate(texts):
            out[i, len(text) % 4] = 1.0
        return out


@pytest.mark.parametrize("which", ["extraction", "vector"])
@pytest.mark.parametrize("when", ["opened", "read", "written"])
def test_locked_cache_is_skipped_never_deleted(
    which: str, when: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:  # fmt: skip
    """Another process holding the cache past the wait is not corruption: this run goes on
    without the cache and the other process's file stays as it is."""
    from quotedrift.comparison.embedding import CachedEmbedder
    from quotedrift.run import sqlite_cache

    monkeypatch.setattr(sqlite_cache, "LOCK_WAIT_SECONDS", 0.2)
    articles = [_article(i) for i in range(3)]
    texts = ["one", "three", "eleven"]
    if which == "extraction":
        cache: object = ExtractionCache(tmp_path)
        cache.extract(articles[:1], CountingExtractor())  # type: ignore[attr-defined]
        path = tmp_path / ExtractionCache.FILENAME
    else:
        cache = CachedEmbedder(_UnitEmbedder(), tmp_path)
        cache.encode(texts[:1])  # type: ignore[attr-defined]
        path = tmp_path / CachedEmbedder.FILENAME
    if when == "opened":
        cache.close()  # type: ignore[attr-defined]
    holder = sqlite3.connect(path, isolation_level=None)
    # IMMEDIATE lets others read, EXCLUSIVE lets nobody in: writes, or everything, wait.
    holder.execute("BEGIN IMMEDIATE" if when == "written" else "BEGIN EXCLUSIVE")
    before = path.read_bytes()
    try:
        with caplog.at_level(logging.WARNING, logger="quotedrift"):
            if which == "extraction":
                fake = CountingExtractor()
                out = cache.extract(articles, fake)  # type: ignore[attr-defined]
                assert [e.article.id for e in out] == [a.id for a in articles]
                assert fake.calls == ([["a1.txt", "a2.txt"]] if when == "written" else
                                      [["a0.txt", "a1.txt", "a2.txt"]])  # fmt: skip
            else:
                vectors = cache.encode(texts)  # type: ignore[attr-defined]
                assert vectors.shape == (3, 4)
                assert [int(v.argmax()) for v in vectors] == [len(t) % 4 for t in texts]
    finally:
        holder.execute("ROLLBACK")
    assert "locked by another process" in caplog.text
    assert "corrupt" not in caplog.text
    assert path.exists() and path.read_bytes() == before
    holder.close()
