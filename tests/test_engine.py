"""Engines: the local engine and Ray give identical reports; unknown engines are refused."""

from __future__ import annotations

import importlib.util
from dataclasses import replace
from pathlib import Path

import pytest

from quotedrift.config import Settings
from quotedrift.errors import ConfigError
from quotedrift.run.batches import extract_batch
from quotedrift.run.engine import LocalEngine, load_engine

ROOT = Path(__file__).resolve().parent.parent
STORY = ROOT / "data" / "story"
SEEDS = ROOT.parent / "shared" / "seeds"

HAS_RAY = importlib.util.find_spec("ray") is not None


def test_unknown_engine_is_refused() -> None:
    with pytest.raises(ConfigError, match="unknown engine 'spark'"):
        load_engine(Settings(engine="spark"))


def test_local_is_the_default() -> None:
    assert isinstance(load_engine(Settings()), LocalEngine)


def test_empty_batches_do_no_work() -> None:
    assert extract_batch([]) == []
    assert LocalEngine(Settings()).extract([]) == []


@pytest.mark.skipif(HAS_RAY, reason="checks the message shown when Ray is absent")
def test_ray_missing_says_how_to_install() -> None:
    with pytest.raises(ConfigError, match=r"quotedrift\[ray\]"):
        load_engine(Settings(engine="ray"))


@pytest.fixture(scope="module")
def ray_engine():  # type: ignore[no-untyped-def]
    if not HAS_RAY:
        pytest.skip("Ray is not installed: pip install 'quotedrift[ray]'")
    engine = load_engine(Settings(engine="ray", cache=False, processes=1))
    yield engine
    engine.close()


_INPUTS = [
    pytest.param([STORY], id="data-story"),
    pytest.param(
        [SEEDS],
        id="seeds",
        marks=pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds is absent"),
    ),
]


@pytest.mark.model
@pytest.mark.parametrize("paths", _INPUTS)
def test_local_and_ray_give_identical_json(paths: list[Path], ray_engine, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from quotedrift.report.text import render_report
    from quotedrift.run.pipeline import compare_extractions, extract

    # No caches: both engines must do all the work themselves.
    settings = Settings(cache=False, processes=1)
    local = LocalEngine(settings)
    local_result = extract(paths, settings, engine=local)
    local_json = render_report(
        compare_extractions(local_result.extractions, settings, embedder=local.embedder()), "json"
    )
    ray_result = extract(paths, replace(settings, engine="ray"), engine=ray_engine)
    assert ray_result.extractions == local_result.extractions
    ray_json = render_report(
        compare_extractions(ray_result.extractions, settings, embedder=ray_engine.embedder()),
        "json",
    )
    assert '"statements"' in local_json
    assert ray_json == local_json
