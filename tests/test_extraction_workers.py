"""Worker processes: how they start, and that they change nothing in the results."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

import pytest

from quotedrift import extraction
from quotedrift.extraction import extract_articles
from quotedrift.ingest import read_articles
from quotedrift.records import Extraction

DATA = Path(__file__).resolve().parents[1] / "data"


@pytest.fixture(scope="module")
def in_process() -> list[Extraction]:
    articles, _ = read_articles([DATA / "story"])
    return extract_articles(articles, processes=1)


@pytest.mark.model
@pytest.mark.parametrize("method", ["fork", "spawn"])
def test_workers_give_the_in_process_results(
    method: str, in_process: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    if method == "fork" and not sys.platform.startswith("linux"):
        pytest.skip("fork is only used on Linux")
    monkeypatch.setattr(extraction, "_start_method", lambda: method)
    articles = [ex.article for ex in in_process]
    calls: list[int] = []
    parallel = extract_articles(articles, processes=2, started=lambda: calls.append(1))
    assert calls == [1]
    assert len(in_process) >= 5 and sum(len(ex.quotes) for ex in in_process) > 20
    assert [p.article.id for p in parallel] == [a.id for a in articles]
    assert [p.quotes for p in parallel] == [ex.quotes for ex in in_process]
    assert [p.speakers for p in parallel] == [ex.speakers for ex in in_process]


def test_started_runs_without_workers_too(in_process: list[Extraction]) -> None:
    calls: list[int] = []
    out = extract_articles([in_process[0].article], processes=2, started=lambda: calls.append(1))
    assert calls == [1] and out[0].quotes == in_process[0].quotes


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="fork is only used on Linux")
def test_fork_only_when_safe(monkeypatch: pytest.MonkeyPatch) -> None:
    # Other tests may leave threads behind in this process: the count is set here.
    monkeypatch.delitem(sys.modules, "torch", raising=False)
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    assert extraction._start_method() == "fork"
    # Another thread might hold a lock at the fork and never release it in the child.
    monkeypatch.setattr(threading, "active_count", lambda: 2)
    assert extraction._start_method() == "spawn"
    # torch's thread pools do not survive a fork.
    monkeypatch.setattr(threading, "active_count", lambda: 1)
    monkeypatch.setitem(sys.modules, "torch", object())
    assert extraction._start_method() == "spawn"


def test_a_live_thread_rules_out_fork() -> None:
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert extraction._start_method() == "spawn"
    finally:
        stop.set()
        other.join()


def test_other_platforms_spawn(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(sys, "platform", "darwin")
    assert extraction._start_method() == "spawn"
