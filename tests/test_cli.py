"""The command line over the bundled sample story: exit codes, stdout contracts, stderr messages."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotedrift.cli import app

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "data" / "story"
WIRE = STORY / "npa_wire.txt"

runner = CliRunner()


def run(*args: str) -> tuple[int, str, str]:
    result = runner.invoke(app, [*args])
    return result.exit_code, result.stdout, result.stderr


@pytest.mark.parametrize("command", ["extract", "compare", "check"])
def test_every_command_has_help_with_examples(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert "Examples" in out
    assert "quotedrift " + command in out


def test_no_arguments_prints_usage() -> None:
    code, out, err = run()
    assert code in (0, 2)
    assert "extract" in out + err and "compare" in out + err


def test_missing_path_is_a_usage_error_naming_it(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere"
    code, out, err = run("extract", str(missing), "--format", "jsonl", "--processes", "1")
    assert code == 2
    assert out == ""
    assert "Error:" in err and "nowhere" in err
    assert "Traceback" not in err


@pytest.mark.model
def test_extract_jsonl_contract_on_the_sample() -> None:
    code, out, err = run("extract", str(WIRE), "--format", "jsonl", "--processes", "1")
    assert code == 0, err
    records = [json.loads(line) for line in out.splitlines()]
    assert records, "the wire story has quotations"
    text = WIRE.read_text(encoding="utf-8")
    for r in records:
        assert {
            "article",
            "outlet",
            "quote_id",
            "kind",
            "text",
            "spans",
            "speaker",
            "cue",
            "confidence",
        } <= set(r)
        assert r["kind"] in ("direct", "partial", "indirect")
        assert 0.0 <= r["confidence"] <= 1.0
        for start, end in r["spans"]:
            assert 0 <= start < end <= len(text)
            assert text[start:end] in r["text"]
        if r["speaker"] is not None:
            assert {"mention", "span", "name", "title", "kind", "id"} <= set(r["speaker"])
    # The nickname in quotation marks is not speech.
    assert not any(r["text"] == "Green Boats" for r in records)
    speakers = {r["speaker"]["name"] for r in records if r["speaker"]}
    assert "Elena Varga" in speakers


@pytest.mark.model
def test_compare_json_contract_and_reference_on_the_sample(tmp_path: Path) -> None:
    out_file = tmp_path / "drift.json"
    code, out, err = run(
        "compare",
        str(STORY),
        "--format",
        "json",
        "--output",
        str(out_file),
        "--cache-dir",
        str(tmp_path / "cache"),
        "--processes",
        "1",
    )
    assert code == 0, err
    data = json.loads(out_file.read_text(encoding="utf-8"))
    assert {"reference", "articles", "speakers", "statements", "unsupported"} <= set(data)
    assert data["reference"]["article"] == "npa_wire.txt"
    assert "wire" in data["reference"]["reason"]
    assert len(data["articles"]) == 6
    tiers = {v["tier"] for s in data["statements"] for v in s["versions"]}
    assert "verbatim" in tiers and "meaning_changed" in tiers
    for s in data["statements"]:
        for v in s["versions"]:
            assert 0 <= v["drift"] <= 100
            assert {"cosine", "containment", "reverse_containment", "word_similarity"} <= set(
                v["metrics"]
            )
    unsupported = [u["text"] for u in data["unsupported"]]
    assert any("never set foot" in t for t in unsupported)


@pytest.mark.model
def test_check_fails_a_tabloid_draft_and_passes_the_wire_itself(tmp_path: Path) -> None:
    cache = str(tmp_path / "cache")
    code, out, err = run(
        "check",
        str(STORY / "island_post.json"),
        "--against",
        str(WIRE),
        "--format",
        "json",
        "--cache-dir",
        cache,
        "--processes",
        "1",
    )
    assert code == 1, err
    data = json.loads(out)
    flags = {f for s in data["statements"] for v in s["versions"] for f in v["flags"]}
    assert {"number_changed", "negation_changed"} <= flags
    assert "fail the check" in err

    code, out, err = run(
        "check",
        str(WIRE),
        "--against",
        str(WIRE),
        "--cache-dir",
        cache,
        "--processes",
        "1",
        "--format",
        "json",
    )
    assert code == 0, err
    assert json.loads(out)["statements"] == []


@pytest.mark.model
def test_check_accepts_a_transcript_source(tmp_path: Path) -> None:
    transcript = tmp_path / "briefing.txt"
    transcript.write_text(
        "speaker: Elena Varga\n"
        "We found cracks in the steering housings of 12 vessels. Passenger safety comes first. "
        "The repairs may take up to three weeks.\n",
        encoding="utf-8",
    )
    faithful = tmp_path / "draft_ok.txt"
    faithful.write_text(
        'Transport Minister Elena Varga said: "Passenger safety comes first."\n', encoding="utf-8"
    )
    altered = tmp_path / "draft_bad.txt"
    altered.write_text(
        'Transport Minister Elena Varga said: "The repairs will take three weeks."\n',
        encoding="utf-8",
    )
    cache = str(tmp_path / "cache")
    ok = run(
        "check",
        str(faithful),
        "--against",
        str(transcript),
        "--cache-dir",
        cache,
        "--processes",
        "1",
    )
    assert ok[0] == 0, ok[2]
    bad = run(
        "check",
        str(altered),
        "--against",
        str(transcript),
        "--cache-dir",
        cache,
        "--processes",
        "1",
        "--format",
        "json",
    )
    assert bad[0] == 1, bad[2]
    flags = {f for s in json.loads(bad[1])["statements"] for v in s["versions"] for f in v["flags"]}
    assert "hedge_dropped" in flags


def test_unknown_fail_on_tier_is_a_usage_error(tmp_path: Path) -> None:
    code, _, err = run(
        "check", str(WIRE), "--against", str(WIRE), "--fail-on", "awful", "--processes", "1"
    )
    assert code == 2
    assert "awful" in err


def test_progress_is_quiet_off_a_terminal_and_a_bar_on_one(monkeypatch: pytest.MonkeyPatch) -> None:
    import io

    from quotedrift.run import progress as progress_module
    from quotedrift.run.progress import StageProgress

    quiet = StageProgress(3, interactive=False)
    for stage in ("a", "b", "c"):
        quiet(stage)
    assert quiet._bar is None

    monkeypatch.setattr(progress_module, "_SHOW_AFTER", 0.0)
    buffer = io.StringIO()
    monkeypatch.setattr(sys, "stderr", buffer)
    with StageProgress(3, interactive=True) as shown:
        shown("reading articles")
        shown("embedding")
        assert shown._bar is not None
        assert shown._bar.tasks[0].description == "embedding"
        assert shown._bar.tasks[0].completed == 1


SEEDS = ROOT.parent / "shared" / "seeds"


@pytest.mark.model
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_check_names_the_three_altered_seed_quotations(tmp_path: Path) -> None:
    draft = SEEDS / "003_8538ff372b17d9b2.txt"
    wire = SEEDS / "000_22da808e21f495c3.txt"
    cache = str(tmp_path / "cache")
    code, out, err = run(
        "check", str(draft), "--against", str(wire), "--format", "json", "--cache-dir", cache
    )
    assert code == 1, err
    versions = [v for s in json.loads(out)["statements"] for v in s["versions"]]
    texts = sorted(v["text"][:20] for v in versions)
    assert texts == ["China opposes any un", "The danger posed by ", "These efforts are de"]
    assert "3 quotation(s)" in err

    code, _, err = run("check", str(wire), "--against", str(wire), "--cache-dir", cache)
    assert code == 0, err
