"""``benchmarks/scale.py --engine ray``: the same corpora on a multi-node Ray cluster started on
this machine (ray.cluster_utils.Cluster: a head node without CPUs, beside the driver, and
``--ray-workers`` worker nodes of ``--ray-cpus`` CPUs each, every node its own raylet, object
store and worker processes).

For each N: wall and CPU seconds per stage of ``quotedrift.compare`` with ``--engine ray`` (from
its progress messages; CPU is the driver's own), the share of the driver's own stages (identities,
align, drift, report) in the total, and peak resident memory per node (the node's Ray processes
and every worker process under its raylet, sampled twice a second; the driver separately).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import threading
from collections.abc import Iterator
from typing import Any

from quotedrift.config import Settings

_DRIVER_STAGES = ("identities", "align", "drift", "report")
_OBJECT_STORE = 500 * 1024 * 1024  # per node; Ray's default (30% of RAM) per node overcommits


@contextlib.contextmanager
def cluster(workers: int, cpus: float) -> Iterator[Any]:
    """A running cluster with the driver connected; shut down on exit."""
    import ray
    from ray.cluster_utils import Cluster

    nodes = Cluster(
        initialize_head=True, head_node_args={"num_cpus": 0, "object_store_memory": _OBJECT_STORE}
    )
    try:
        for _ in range(workers):
            nodes.add_node(num_cpus=cpus, object_store_memory=_OBJECT_STORE)
        nodes.wait_for_nodes(timeout=300)
        ray.init(address=nodes.address, include_dashboard=False, log_to_driver=False)
        yield nodes
    finally:
        if ray.is_initialized():
            ray.shutdown()
        nodes.shutdown()


class NodeMemory:
    """Peak summed RSS (MB) of each node's processes and their descendants, sampled on a thread."""

    def __init__(self, nodes: Any, every: float = 0.5) -> None:
        self.nodes = [nodes.head_node, *nodes.worker_nodes]
        self.every = every
        self.peak: dict[str, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def __enter__(self) -> NodeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join(timeout=10)

    def _run(self) -> None:
        while not self._stop.wait(self.every):
            for i, node in enumerate(self.nodes):
                name = "head" if i == 0 else f"worker{i}"
                self.peak[name] = max(self.peak.get(name, 0.0), _node_rss_mb(node))


def _node_rss_mb(node: Any) -> float:
    import psutil

    pids = {p.process.pid for infos in node.all_processes.values() for p in infos if p.process}
    total = 0
    seen: set[int] = set()
    for pid in pids:
        try:
            root = psutil.Process(pid)
            for proc in [root, *root.children(recursive=True)]:
                if proc.pid not in seen:
                    seen.add(proc.pid)
                    total += proc.memory_info().rss
        except psutil.Error:
            continue  # a process that ended between the listing and the reading
    return total / 2**20


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--engine", choices=("local", "ray"), default="local", help="ray: on a local cluster"
    )
    parser.add_argument("--ray-workers", type=int, default=2, help="worker nodes (--engine ray)")
    parser.add_argument("--ray-cpus", type=float, default=1, help="CPUs per worker node")


def run_on_cluster(args: argparse.Namespace) -> int:
    """The ``--engine ray`` figures for each of ``args.sizes`` (see module docstring)."""
    import scale

    print(
        f"cluster: head (0 CPU) + {args.ray_workers} worker nodes x {args.ray_cpus:g} CPU; "
        f"cpus={os.cpu_count()} load={os.getloadavg()[0]:.1f}"
    )
    with cluster(args.ray_workers, args.ray_cpus) as nodes:
        for n in args.sizes:
            folder = scale.corpus_dir(n, args.eval)
            # No caches: the cluster does all the extraction and embedding.
            settings = Settings(cache=False, engine="ray", ray_address=nodes.address)
            with NodeMemory(nodes) as memory:
                result = scale.run_once(folder, settings)
            _print_result(n, result, memory.peak)
    return 0


def _print_result(n: int, result: dict[str, Any], peak: dict[str, float]) -> None:
    total = float(result["total"])
    quotes = result["quotes"]
    print(f"\nN={n} (ray): {result['articles']} articles, {len(quotes)} quotations")
    driver = 0.0
    for stage, seconds, cpu, rss in result["stages"]:
        print(
            f"  {stage:<11}{seconds:8.2f} s wall {cpu:7.2f} s driver CPU  driver RSS {rss:6.0f} MB"
        )
        if stage in _DRIVER_STAGES:
            driver += seconds
    print(
        f"  total {total:.1f} s; driver's own stages {driver:.1f} s = {driver / total:.0%}; "
        f"load {os.getloadavg()[0]:.1f}"
    )
    print("  peak RSS per node: " + ", ".join(f"{k} {v:.0f} MB" for k, v in sorted(peak.items())))
