"""``--engine ray`` on a real multi-node Ray cluster on this machine: a head node without CPUs (so
no work runs beside the driver) and two worker nodes, each its own raylet, object store and worker
processes (ray.cluster_utils.Cluster). CI runs it (it installs ``.[test,ray]``).

- the same JSON as the local engine, from articles whose files were deleted after reading: the
  workers get the articles as data and never open the driver's paths;
- an engine that connected to the cluster itself disconnects on close, and the cluster stays up;
- a worker node killed while its extraction actor is working: the job completes with the same JSON
  (Ray Data restarts the actor on the surviving node and retries its batches);
- every worker node killed: a ClusterError naming the stall, not a hang, and nothing the job
  started left behind (no thread of it, no live actor), so the test process outlives the
  cluster's shutdown.

Every wait is bounded: the cluster's start, each job (``ray_stall_timeout``, and a join timeout on
the thread that runs it), the polls for actors.
"""

from __future__ import annotations

import shutil
import threading
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

import pytest

from quotedrift.config import Settings
from quotedrift.errors import ClusterError
from quotedrift.read import ingest
from quotedrift.records import Article
from quotedrift.run.engine import LocalEngine

ray = pytest.importorskip("ray", reason="Ray is not installed: pip install 'quotedrift[ray]'")

pytestmark = [pytest.mark.model, pytest.mark.cluster]

STORY = Path(__file__).resolve().parent.parent / "data" / "story"
_START_TIMEOUT = 180.0  # seconds for the three nodes to register (a loaded 2-core machine)
_JOB_TIMEOUT = 600.0  # seconds for a whole compare on the cluster before the test gives up
_STALL = 300.0  # the engine's own bound on a job that stops making progress
_OBJECT_STORE = 100 * 1024 * 1024  # per node: a handful of articles needs little
# Ray Data's cluster-metrics poller: one per process, started by its first execution, meant to
# live until the process exits (it only reads Prometheus, never Ray).
_PROCESS_WIDE_THREADS = frozenset({"data-usage-metrics-poller"})


@dataclass
class Nodes:
    address: str
    cluster: Any
    workers: list[Any]


@pytest.fixture(scope="module")
def nodes() -> Iterator[Nodes]:
    from ray.cluster_utils import Cluster

    cluster = Cluster(
        initialize_head=True,
        head_node_args={"num_cpus": 0, "object_store_memory": _OBJECT_STORE},
    )
    try:
        workers = [
            cluster.add_node(num_cpus=1, object_store_memory=_OBJECT_STORE) for _ in range(2)
        ]
        cluster.wait_for_nodes(timeout=_START_TIMEOUT)
        # The test process is the driver, connected before the engine so that the tests can watch
        # nodes and actors; the engine joins this connection.
        ray.init(address=cluster.address, include_dashboard=False, log_to_driver=False)
        yield Nodes(cluster.address, cluster, workers)
    finally:
        if ray.is_initialized():
            ray.shutdown()
        cluster.shutdown()


def _read_then_delete(tmp_path: Path, copies: int) -> list[Article]:
    """The story's articles, ``copies`` times under different folders, read by the driver; then
    the files are deleted, so any worker that opened a path instead of using the data would fail."""
    folders = []
    for n in range(copies):
        folder = tmp_path / "driver-only" / f"copy{n}"
        shutil.copytree(STORY, folder)
        folders.append(folder)
    articles, problems = ingest.read_articles(folders, Settings(cache=False))
    assert not problems
    shutil.rmtree(tmp_path / "driver-only")
    assert not any(Path(a.path).exists() for a in articles)
    return articles


def _compare_json(articles: list[Article], settings: Settings, engine: Any) -> str:
    from quotedrift.report.text import render_report
    from quotedrift.run.pipeline import compare_extractions

    extractions = engine.extract(articles)
    report = compare_extractions(extractions, settings, embedder=engine.embedder())
    return render_report(report, "json")


def _local_json(articles: list[Article]) -> str:
    settings = Settings(cache=False, processes=1)
    return _compare_json(articles, settings, LocalEngine(settings))


def _ray_settings(nodes: Nodes, **overrides: Any) -> Settings:
    return replace(
        Settings(cache=False, processes=1, engine="ray", ray_address=nodes.address), **overrides
    )


def _in_thread(job: Callable[[], str]) -> tuple[threading.Thread, dict[str, Any]]:
    """Run ``job`` on a daemon thread; its result or exception lands in the returned dict."""
    out: dict[str, Any] = {}

    def run() -> None:
        try:
            out["json"] = job()
        except BaseException as exc:
            out["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, out


def _live_map_actors(timeout: float) -> list[str]:
    """Ray Data map actors not yet dead after ``timeout`` seconds (their states)."""
    from ray._private import state

    deadline = time.monotonic() + timeout
    while True:
        live = [
            actor["State"]
            for actor in state.actors().values()
            if "MapWorker" in actor["ActorClassName"] and actor["State"] != "DEAD"
        ]
        if not live or time.monotonic() > deadline:
            return live
        time.sleep(0.5)


def _alive_workers(nodes: Nodes) -> list[Any]:
    alive = {n["NodeID"] for n in ray.nodes() if n["Alive"]}
    return [w for w in nodes.workers if w.node_id in alive]


def _node_with_working_actor(nodes: Nodes, thread: threading.Thread, timeout: float) -> Any:
    """The first worker node on which one of Ray Data's map actors is alive (has loaded its
    model and takes batches), while the job is still running."""
    from ray._private import state

    candidates = {w.node_id: w for w in _alive_workers(nodes)}
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and thread.is_alive():
        for actor in state.actors(actor_state_name="ALIVE").values():
            node = candidates.get(actor["Address"]["NodeID"])
            if node is not None and "MapWorker" in actor["ActorClassName"]:
                return node
        time.sleep(0.05)
    raise AssertionError("no map actor came alive on a worker node while the job ran")


def test_cluster_gives_local_json_from_articles_as_data(nodes: Nodes, tmp_path: Path) -> None:
    from quotedrift.run.ray_engine import RayEngine

    articles = _read_then_delete(tmp_path, copies=1)
    local = _local_json(articles)
    engine = RayEngine(_ray_settings(nodes, ray_stall_timeout=_STALL))
    try:
        assert len(_alive_workers(nodes)) == 2
        assert sum(1 for n in ray.nodes() if n["Alive"]) == 3
        clustered = _compare_json(articles, engine.settings, engine)
    finally:
        engine.close()
    assert '"statements"' in local
    assert clustered == local


def test_engine_that_joined_the_cluster_itself_leaves_it_on_close(
    nodes: Nodes, tmp_path: Path
) -> None:
    from quotedrift.run.ray_engine import RayEngine

    articles = _read_then_delete(tmp_path, copies=1)[:1]
    ray.shutdown()  # the test's own connection: this engine has to make one
    try:
        engine = RayEngine(_ray_settings(nodes, ray_stall_timeout=_STALL))
        try:
            extractions = engine.extract(articles)
            assert ray.is_initialized()
        finally:
            engine.close()
        assert not ray.is_initialized()
    finally:
        if not ray.is_initialized():
            ray.init(address=nodes.address, include_dashboard=False, log_to_driver=False)
    assert extractions[0].quotes
    assert len(_alive_workers(nodes)) == 2  # leaving the cluster did not stop it


def test_worker_node_killed_mid_job_still_gives_local_json(nodes: Nodes, tmp_path: Path) -> None:
    from quotedrift.run.ray_engine import RayEngine

    if len(_alive_workers(nodes)) < 2:
        pytest.skip("needs both worker nodes alive")  # only after an earlier test killed one
    # Three copies: enough batches that both worker nodes get some (8 articles a batch).
    articles = _read_then_delete(tmp_path, copies=3)
    local = _local_json(articles)
    engine = RayEngine(_ray_settings(nodes, ray_stall_timeout=_STALL))
    try:
        thread, out = _in_thread(lambda: _compare_json(articles, engine.settings, engine))
        victim = _node_with_working_actor(nodes, thread, timeout=_JOB_TIMEOUT)
        nodes.cluster.remove_node(victim, allow_graceful=False)
        assert thread.is_alive(), "the job ended before the node was killed"
        thread.join(timeout=_JOB_TIMEOUT)
        assert not thread.is_alive(), f"the job did not finish within {_JOB_TIMEOUT:.0f} s"
    finally:
        engine.close()
    assert len(_alive_workers(nodes)) == 1
    if "error" in out:
        raise out["error"]
    assert out["json"] == local


def test_every_worker_node_killed_fails_with_a_clear_message(nodes: Nodes, tmp_path: Path) -> None:
    from quotedrift.run.ray_engine import RayEngine

    articles = _read_then_delete(tmp_path, copies=3)
    stall = 30.0  # nothing can progress without CPUs: the wait is what is under test
    engine = RayEngine(_ray_settings(nodes, ray_stall_timeout=stall))
    threads_before = set(threading.enumerate())
    try:
        thread, out = _in_thread(lambda: _compare_json(articles, engine.settings, engine))
        _node_with_working_actor(nodes, thread, timeout=_JOB_TIMEOUT)
        for worker in _alive_workers(nodes):
            nodes.cluster.remove_node(worker, allow_graceful=False)
        thread.join(timeout=stall + 120)
        assert not thread.is_alive(), "the job hung after every worker node died"
    finally:
        engine.close()
    error = out.get("error")
    assert isinstance(error, ClusterError), out
    assert "no progress" in str(error) or "failed" in str(error)
    assert "1 node(s) alive with 0 CPU" in str(error)
    # Nothing the stalled job started is left: a thread still calling into Ray would connect
    # again after the driver's ray.shutdown and take the process down with the cluster.
    left = [t.name for t in set(threading.enumerate()) - threads_before if t.is_alive()]
    assert [n for n in left if n not in _PROCESS_WIDE_THREADS] == []
    assert _live_map_actors(timeout=60.0) == []
