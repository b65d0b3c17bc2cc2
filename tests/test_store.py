"""The store: incremental runs, whole-article transactions (a run killed mid-way), renamed ids,
stale extractions, and a two-day compare that reports like one run over everything."""

from __future__ import annotations

import hashlib
import os
import shutil
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

import numpy as np
import pytest

from quotedrift.errors import CacheError
from quotedrift.records import Article, Cue, Extraction, Quote, Speaker, SpeakerRef
from quotedrift.run.store import Store, vector_key

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "data" / "story"


class FakeEmbedder:
    """Plumbing stand-in: a deterministic unit vector per text (meaning plays no part here)."""

    identity = "fake@1"

    def __init__(self) -> None:
        self.seen: list[str] = []

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        self.seen.extend(texts)
        rows = []
        for t in texts:
            seed = int.from_bytes(hashlib.sha256(t.encode()).digest()[:4], "little")
            v = np.random.default_rng(seed).standard_normal(8).astype(np.float32)
            rows.append(v / np.linalg.norm(v))
        return np.stack(rows) if rows else np.zeros((0, 8), np.float32)


def fake_extract(articles: Sequence[Article]) -> list[Extraction]:
    """One quotation per sentence in quotation marks: enough structure for storage tests."""
    out = []
    for a in articles:
        quotes = []
        for n, part in enumerate(a.text.split('"')[1::2], start=1):
            start = a.text.index(part)
            ref = SpeakerRef("she", None, "Jane Roe", None, "person", "jane-roe")
            quotes.append(
                Quote(
                    f"{a.id}#{n}",
                    a.id,
                    "direct",
                    part,
                    ((start, start + len(part)),),
                    ref,
                    Cue("said", None),
                    0.9,
                )
            )
        out.append(Extraction(a, tuple(quotes), (Speaker("jane-roe", "Jane Roe", "person"),)))
    return out


def _articles(n: int, folder: str = "/day1") -> list[Article]:
    return [
        Article(
            id=f"a{i}.txt",
            path=f"{folder}/a{i}.txt",
            text=f'Jane Roe spoke. "Quote {i} one." She added: "Quote {i} two."',
        )
        for i in range(n)
    ]


def _counts(path: Path) -> tuple[int, int, int]:
    with sqlite3.connect(path) as conn:
        return tuple(  # type: ignore[return-value]
            conn.execute(f"SELECT count(*) FROM {t}").fetchone()[0]
            for t in ("articles", "quotes", "speakers")
        )


def test_only_new_articles_are_processed(tmp_path: Path) -> None:
    calls: list[list[str]] = []

    def extract(articles: Sequence[Article]) -> list[Extraction]:
        calls.append([a.id for a in articles])
        return fake_extract(articles)

    embedder = FakeEmbedder()
    with Store(tmp_path / "a.db") as store:
        first = store.update(_articles(3), extract, embedder)
        assert first.added == ("a0.txt", "a1.txt", "a2.txt") and first.unchanged == ()
        second = store.update(_articles(5), extract, embedder)
        assert second.added == ("a3.txt", "a4.txt") and len(second.unchanged) == 3
        assert calls == [["a0.txt", "a1.txt", "a2.txt"], ["a3.txt", "a4.txt"]]
        stored = store.extractions()
    assert stored == fake_extract(_articles(5))
    assert _counts(tmp_path / "a.db") == (5, 10, 5)


def test_vectors_are_stored_and_served(tmp_path: Path) -> None:
    embedder = FakeEmbedder()
    with Store(tmp_path / "a.db") as store:
        store.update(_articles(2), fake_extract, embedder)
        texts = [q.text for e in store.extractions() for q in e.quotes]
        served = FakeEmbedder()
        vectors = store.embedder(served).encode(texts + ["never seen"])
        assert served.seen == ["never seen"]  # only the text the store lacked was computed
        np.testing.assert_allclose(vectors[:-1], embedder.encode(texts), atol=1e-7)
        assert len(store.vectors([vector_key("fake@1", "never seen")])) == 1


def test_changed_file_is_replaced_and_other_folder_kept_apart(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db") as store:
        store.update(_articles(2), fake_extract, FakeEmbedder())
        changed = replace(_articles(1)[0], text='"A new quote." she said.')
        other_day = _articles(1, folder="/day2")[0]
        update = store.update([changed, other_day], fake_extract, FakeEmbedder())
        assert update.replaced == ("a0.txt",)
        assert update.added == ("/day2/a0.txt",)
        stored = {e.article.id: e for e in store.extractions()}
    assert set(stored) == {"a0.txt", "a1.txt", "/day2/a0.txt"}
    assert [q.text for q in stored["a0.txt"].quotes] == ["A new quote."]
    assert [q.id for q in stored["/day2/a0.txt"].quotes] == ["/day2/a0.txt#1", "/day2/a0.txt#2"]


def test_stale_articles_are_re_extracted_from_stored_text(
    tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    with Store(tmp_path / "a.db") as store:
        store.update(_articles(2), fake_extract, FakeEmbedder())
        store.conn.execute("UPDATE articles SET version = 'old'")
        store.conn.commit()
        update = store.update([], fake_extract, FakeEmbedder())
        assert sorted(update.replaced) == ["a0.txt", "a1.txt"]
        assert "another version" in caplog.text
        assert store.update([], fake_extract, FakeEmbedder()).replaced == ()


def test_failure_between_articles_keeps_whole_articles(tmp_path: Path) -> None:
    class Boom(RuntimeError):
        pass

    done: list[str] = []

    def progress(message: str) -> None:
        done.append(message)
        if len(done) == 2:
            raise Boom("killed after two articles")

    with Store(tmp_path / "a.db") as store, pytest.raises(Boom):
        store.update(_articles(4), fake_extract, FakeEmbedder(), progress)
    assert _counts(tmp_path / "a.db") == (2, 4, 2)
    with Store(tmp_path / "a.db") as store:
        update = store.update(_articles(4), fake_extract, FakeEmbedder())
        assert update.added == ("a2.txt", "a3.txt")
        assert store.extractions() == fake_extract(_articles(4))


_KILLED_RUN = """
import os, signal, sys
sys.path.insert(0, sys.argv[2])
from test_store import FakeEmbedder, _articles, fake_extract
from quotedrift.run import store as store_module

real_rows = store_module.Store._vector_rows
calls = []

def dying_rows(self, *args):
    calls.append(1)
    if len(calls) == 3:  # inside the third article's transaction, after its article row
        os.kill(os.getpid(), signal.SIGKILL)
    return real_rows(self, *args)

store_module.Store._vector_rows = dying_rows
store_module.Store(sys.argv[1]).update(_articles(5), fake_extract, FakeEmbedder())
"""


def test_sigkill_mid_article_leaves_whole_articles(tmp_path: Path) -> None:
    db = tmp_path / "a.db"
    done = subprocess.run(
        [sys.executable, "-c", _KILLED_RUN, str(db), str(Path(__file__).parent)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert _counts(db) == (2, 4, 2)  # the third article's half-written rows were rolled back
    with Store(db) as store:
        update = store.update(_articles(5), fake_extract, FakeEmbedder())
        assert update.added == ("a2.txt", "a3.txt", "a4.txt")
        assert store.extractions() == fake_extract(_articles(5))


def test_not_a_store_raises_cache_error(tmp_path: Path) -> None:
    bad = tmp_path / "bad.db"
    bad.write_bytes(b"definitely not sqlite" * 50)
    with pytest.raises(CacheError, match="not a usable quotedrift store"):
        Store(bad)


def test_newer_schema_is_refused(tmp_path: Path) -> None:
    Store(tmp_path / "a.db").close()
    with sqlite3.connect(tmp_path / "a.db") as conn:
        conn.execute("UPDATE store_meta SET value = '99' WHERE name = 'schema'")
    with pytest.raises(CacheError, match="newer"):
        Store(tmp_path / "a.db")


@pytest.mark.model
def test_two_days_through_the_store_report_like_one_run(tmp_path: Path) -> None:
    from quotedrift.config import Settings
    from quotedrift.read.ingest import read_articles
    from quotedrift.report.text import render_report
    from quotedrift.run.pipeline import compare

    day1, day2 = tmp_path / "day1", tmp_path / "day2"
    day1.mkdir()
    day2.mkdir()
    names = sorted(p.name for p in STORY.iterdir())
    for i, name in enumerate(names):
        shutil.copy(STORY / name, (day1 if i % 2 == 0 else day2) / name)
    settings = Settings(cache_dir=tmp_path / "cache", processes=1)
    everything = render_report(compare([day1, day2], settings), "json")

    stored = replace(settings, store=tmp_path / "archive.db")
    compare([day1], stored)
    assert _counts(tmp_path / "archive.db")[0] == len(read_articles([day1])[0])
    daily = render_report(compare([day2], stored), "json")
    assert daily == everything
    assert _counts(tmp_path / "archive.db")[0] == len(read_articles([day1, day2])[0])
    # A third run with nothing new reports the same from the store alone.
    assert render_report(compare([day2], stored), "json") == everything
    os.remove(tmp_path / "archive.db")


def test_other_extraction_options_re_extract(tmp_path: Path) -> None:
    with Store(tmp_path / "a.db", {"indirect": True}) as store:
        store.update(_articles(2), fake_extract, FakeEmbedder())
    with Store(tmp_path / "a.db", {"indirect": False}) as store:
        assert sorted(store.update([], fake_extract, FakeEmbedder()).replaced) == [
            "a0.txt",
            "a1.txt",
        ]


def test_same_folder_relative_then_absolute_is_stored_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "day1").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "day1")
    spellings = ["day1", str(tmp_path / "day1"), "./link/../day1", "link"]
    with Store(tmp_path / "a.db") as store:
        first = store.update(_articles(2, folder=spellings[0]), fake_extract, FakeEmbedder())
        assert first.added == ("a0.txt", "a1.txt")
        for folder in spellings[1:]:
            again = store.update(_articles(2, folder=folder), fake_extract, FakeEmbedder())
            assert again.added == () and again.replaced == (), folder
            assert again.unchanged == ("a0.txt", "a1.txt")
        changed = replace(_articles(1, folder=spellings[1])[0], text='"Changed." she said.')
        assert store.update([changed], fake_extract, FakeEmbedder()).replaced == ("a0.txt",)
        assert store.article_ids() == ["a0.txt", "a1.txt"]


@pytest.mark.model
def test_compare_through_the_store_relative_then_absolute(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from typer.testing import CliRunner

    from quotedrift.cli import app

    shutil.copytree(STORY, tmp_path / "story")
    monkeypatch.chdir(tmp_path)
    common = ["--processes", "1", "-f", "json", "--store", "s.db", "--cache-dir", "cache"]
    runner = CliRunner()
    lone = runner.invoke(app, ["compare", "story", "--processes", "1", "-f", "json",
                               "--cache-dir", "cache"])  # fmt: skip
    relative = runner.invoke(app, ["compare", "story", *common])
    absolute = runner.invoke(app, ["compare", str(tmp_path / "story"), *common])
    for run in (lone, relative, absolute):
        assert run.exit_code == 0, run.stderr
    assert relative.stdout == absolute.stdout == lone.stdout
    assert _counts(tmp_path / "s.db")[0] == len(list(STORY.iterdir())) + 1  # radio.jsonl: 2
