"""Worker processes: how they start, and that they change nothing in the results."""

from __future__ import annotations

import multiprocessing
import os
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from quotedrift.extraction import article as extraction
from quotedrift.extraction.article import extract_articles
from quotedrift.read.ingest import read_articles
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


def _failing_on(monkeypatch: pytest.MonkeyPatch, article_id: str) -> None:
    """Extraction raises for the article ``article_id`` (in workers too, when forked)."""
    finish = extraction.build_extraction

    def finish_or_fail(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.id == article_id:
            raise IndexError("a bug met by this article")
        return finish(article, *args, **kwargs)

    monkeypatch.setattr(extraction, "build_extraction", finish_or_fail)


@pytest.mark.model
def test_an_article_that_raises_fails_alone(
    in_process: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    articles = [ex.article for ex in in_process]
    bad = articles[1].id
    _failing_on(monkeypatch, bad)
    out = extract_articles(articles, processes=1)
    assert [ex.error for ex in out] == [
        "IndexError: a bug met by this article" if a.id == bad else None for a in articles
    ]
    assert out[1].quotes == () and out[1].speakers == ()
    # The articles parsed in the same batch as the failing one are extracted as ever.
    assert [ex.quotes for ex in out if ex.error is None] == [
        ex.quotes for ex in in_process if ex.article.id != bad
    ]


@pytest.mark.model
@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs forked workers")
def test_a_worker_that_dies_fails_its_article_alone(
    in_process: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    # A worker process stopped from outside (out of memory, a crash in native code) used to
    # leave the pool waiting forever; now the article it was on is reported, the rest done.
    monkeypatch.setattr(extraction, "_start_method", lambda: "fork")
    articles = [ex.article for ex in in_process]
    bad = articles[2].id
    monkeypatch.setattr(sys.modules[__name__], "_DIE_ON", bad)  # forked workers inherit it
    monkeypatch.setattr(extraction, "_worker_extract", _die_on)
    out = extract_articles(articles, processes=2)
    assert [ex.article.id for ex in out] == [a.id for a in articles]
    assert [ex.error is not None for ex in out] == [a.id == bad for a in articles]
    assert "process extracting it stopped" in (out[2].error or "")
    assert [ex.quotes for ex in out if ex.error is None] == [
        ex.quotes for ex in in_process if ex.article.id != bad
    ]


_DIE_ON = ""
_WORK = extraction._worker_extract


def _die_on(chunk, options):  # type: ignore[no-untyped-def]
    """A worker's task (pickled by name) whose process stops on the article ``_DIE_ON``."""
    if any(a.id == _DIE_ON for a in chunk):
        os._exit(9)
    return _WORK(chunk, options)


@pytest.mark.model
def test_failed_article_is_a_problem_and_not_cached(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    from quotedrift.config import Settings
    from quotedrift.run.pipeline import extract

    settings = Settings(cache_dir=tmp_path, processes=1)
    _failing_on(monkeypatch, "northline.md")
    result = extract([DATA / "story"], settings)
    assert "northline.md" not in {ex.article.id for ex in result.extractions}
    assert len(result.extractions) >= 5
    (problem,) = [p for p in result.problems if "extraction failed" in p.message]
    assert problem.path.endswith("northline.md")
    assert problem.message == (
        "extraction failed for northline.md: IndexError: a bug met by this article"
    )
    # Not cached as an empty extraction: the next run extracts it.
    monkeypatch.undo()
    again = extract([DATA / "story"], settings)
    assert not [p for p in again.problems if "extraction failed" in p.message]
    northline = [ex for ex in again.extractions if ex.article.id == "northline.md"]
    assert northline and northline[0].quotes


def _stall(chunk, options):  # type: ignore[no-untyped-def]
    """A worker's task (pickled by name) that takes far longer than any test waits."""
    time.sleep(120)
    return _WORK(chunk, options)


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(signum)


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs forked workers")
def test_interrupt_stops_the_workers_at_once(
    in_process: list[Extraction], monkeypatch: pytest.MonkeyPatch
) -> None:
    # Ctrl-C in the middle of a run ends it: the workers are stopped, not left to work through
    # the chunks still queued (each of which would take two minutes here).
    # The parent's SIGTERM handler raises SystemExit, as Ray's driver leaves it even after
    # ray.shutdown(): forked workers inherit it, and must still end when the pool ends them.
    monkeypatch.setattr(extraction, "_start_method", lambda: "fork")
    monkeypatch.setattr(extraction, "_worker_extract", _stall)
    articles = [ex.article for ex in in_process] * 4
    previous = signal.signal(signal.SIGTERM, _exit_on_sigterm)
    t0 = time.monotonic()
    try:
        with pytest.raises(KeyboardInterrupt):
            extract_articles(
                articles,
                processes=2,
                started=lambda: threading.Timer(1.0, os.kill, (os.getpid(), signal.SIGINT)).start(),
            )
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert time.monotonic() - t0 < 60
    # Asked of the system: the pool's thread reaps its workers too, and while it does,
    # multiprocessing may still count a dead worker alive.
    deadline = time.monotonic() + 10
    while any(_running_pid(c.pid) for c in multiprocessing.active_children()):
        assert time.monotonic() < deadline, "a worker outlived the interrupted run"
        time.sleep(0.1)


def _running_pid(pid: int | None) -> bool:
    """Whether process ``pid`` exists and is not a zombie (Linux)."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status


# A parent that starts two forked workers on a task that never ends, and says when both have it.
_PARENT = """
import os, sys, time
from quotedrift.extraction import article as extraction
from quotedrift.read.ingest import read_articles

def stall(chunk, options):
    print("worker", os.getpid(), flush=True)
    time.sleep(300)

extraction._worker_extract = stall  # forked workers find it in this __main__
extraction._start_method = lambda: "fork"
articles, _ = read_articles([sys.argv[1]])
extraction.extract_articles(articles * 4, processes=2)
"""


def _worker_pids(parent: subprocess.Popen[str], count: int, timeout: float) -> list[int]:
    import selectors

    pids: list[int] = []
    deadline = time.monotonic() + timeout
    with selectors.DefaultSelector() as selector:
        assert parent.stdout is not None
        selector.register(parent.stdout, selectors.EVENT_READ)
        while len(pids) < count:
            left = deadline - time.monotonic()
            assert left > 0, "the workers never started their tasks"
            if selector.select(left):
                line = parent.stdout.readline()
                assert line, "the parent ended early"
                pids.append(int(line.split()[1]))
    return pids


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="needs forked workers")
@pytest.mark.parametrize("signum", [signal.SIGKILL, signal.SIGTERM])
def test_workers_end_when_their_parent_is_killed(signum: int) -> None:
    """A run killed from outside (``timeout``, systemd, the OOM killer) cannot stop its
    workers itself; they must not outlive it."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    parent = subprocess.Popen(
        [sys.executable, "-c", _PARENT, str(DATA / "story")],
        stdout=subprocess.PIPE, text=True, env=env, cwd=DATA.parent,
    )  # fmt: skip
    try:
        workers = _worker_pids(parent, 2, timeout=120)
        os.kill(parent.pid, signum)
        parent.wait(30)
        deadline = time.monotonic() + 10
        while any(_running_pid(pid) for pid in workers):
            assert time.monotonic() < deadline, "a worker outlived its killed parent"
            time.sleep(0.1)
    finally:
        if parent.poll() is None:
            parent.kill()
            parent.wait()
        for pid in workers if "workers" in locals() else []:
            if _running_pid(pid):
                os.kill(pid, signal.SIGKILL)


_IMPORTS = """
import sys
from quotedrift.cli import app
try:
    app(sys.argv[1:], standalone_mode=False)
finally:
    print("torch imported:", "torch" in sys.modules and sys.modules["torch"] is not None,
          file=sys.stderr)
"""


@pytest.mark.model
@pytest.mark.parametrize("how", [["--processes", "1"], ["--no-cache"], []])
def test_extract_on_one_file_does_not_import_torch(how: list[str], tmp_path: Path) -> None:
    # thinc imports torch, when installed, to offer it as a backend: seconds of a small run.
    env = {**os.environ, "HF_HUB_OFFLINE": "1", "QUOTEDRIFT_CACHE": str(tmp_path)}
    done = subprocess.run(
        [sys.executable, "-c", _IMPORTS, "extract", str(DATA / "story" / "npa_wire.txt"),
         "-f", "jsonl", *how],
        capture_output=True, text=True, env=env, timeout=300,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert "torch imported: False" in done.stderr
    assert len([line for line in done.stdout.splitlines() if line.strip()]) > 3


@pytest.mark.model
def test_compare_in_process_still_imports_torch_after_extraction(tmp_path: Path) -> None:
    # Hiding torch from thinc must not hide it from the encoder in the same process.
    from quotedrift.config import Settings
    from quotedrift.run.pipeline import compare

    report = compare([DATA / "story"], Settings(processes=1, cache=False))
    assert report.statements and "torch" in sys.modules and sys.modules["torch"] is not None
