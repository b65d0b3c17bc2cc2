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
    assert "checked against 1 source:" in err and "fail" in err

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
    # A quotation of two sentences is a version of both statements it renders: named once here.
    texts = sorted({v["quote_id"]: v["text"][:20] for v in versions}.values())
    assert texts == ["China opposes any un", "The danger posed by ", "These efforts are de"]
    assert "checked against 1 source: 3 fail (" in err

    code, _, err = run("check", str(wire), "--against", str(wire), "--cache-dir", cache)
    assert code == 0, err


# ---------------------------------------------------------------------------------------------
# A newsroom's daily use: what a desk types, and what it should get back.


@pytest.fixture(scope="module")
def cache(tmp_path_factory: pytest.TempPathFactory) -> str:
    """One cache for the sample-story runs below: the first extracts and encodes, the rest read."""
    return str(tmp_path_factory.mktemp("cache"))


def test_version() -> None:
    import quotedrift

    code, out, err = run("--version")
    assert (code, out, err) == (0, f"quotedrift {quotedrift.__version__}\n", "")


@pytest.mark.parametrize(
    ("command", "usage"),
    [
        ("extract", "extract [OPTIONS] PATH..."),
        ("compare", "compare [OPTIONS] PATH..."),
        ("check", "check [OPTIONS] DRAFT [SOURCE]..."),
    ],
)
def test_help_reads_without_typer_artefacts(command: str, usage: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0
    assert usage in out.splitlines()[0]
    for artefact in ("{", "<list[", "<str>", "<path>", "<int>", "<bool>"):
        assert artefact not in out, artefact


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_a_lone_missing_path_is_named(tmp_path: Path, command: str) -> None:
    missing = tmp_path / "nowhere.txt"
    code, out, err = run(command, str(missing), "--processes", "1")
    assert (code, out) == (2, "")
    assert err.splitlines() == [f"Error: no such file or folder: {missing}"]


def test_check_names_a_missing_draft_or_source(tmp_path: Path) -> None:
    missing = tmp_path / "nowhere.txt"
    code, _, err = run("check", str(missing), "--against", str(WIRE), "--processes", "1")
    assert code == 2
    assert err.splitlines() == [
        f"Error: the draft cannot be read: no such file or folder: {missing}"
    ]
    code, _, err = run("check", str(WIRE), "--against", str(missing), "--processes", "1")
    assert code == 2
    assert err.splitlines() == [f"Error: no readable source: no such file or folder: {missing}"]


def test_check_without_sources_is_a_usage_error() -> None:
    code, out, err = run("check", str(WIRE))
    assert (code, out) == (2, "")
    assert "--against SOURCE" in err


@pytest.mark.model
def test_a_missing_path_among_good_ones_is_one_warning(tmp_path: Path) -> None:
    missing = tmp_path / "gone"
    code, out, err = run("extract", str(WIRE), str(missing), "-f", "jsonl", "--processes", "1")
    assert code == 0
    assert err.splitlines() == [f"warning: no such file or folder: {missing}"]
    assert out.count("\n") >= 5  # the wire story's quotations


def test_an_unsupported_file_names_the_types_read(tmp_path: Path) -> None:
    image = tmp_path / "photo.png"
    image.write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(32))
    code, out, err = run("extract", str(image), "--processes", "1")
    assert (code, out) == (2, "")
    [line] = err.splitlines()
    assert line.startswith(f"Error: {image}: binary file (a PNG image), not an article")
    assert line.endswith(
        "quotedrift reads .txt, .md, .html, .htm, .json, .jsonl, .docx and .pdf files"
    )


@pytest.mark.model
def test_one_article_has_nothing_to_compare_it_with(cache: str) -> None:
    code, out, err = run("compare", str(WIRE), "--cache-dir", cache, "--processes", "1")
    assert (code, out) == (0, "")
    assert err.splitlines() == [f"only one article ({WIRE}): nothing to compare it with"]


@pytest.mark.model
def test_reference_by_the_wire_credit_the_report_shows(cache: str) -> None:
    # The sample's wire copy credits NPA; the report's articles table shows that credit.
    code, out, err = run(
        "compare", str(STORY), "--reference", "NPA", "-f", "json", "--cache-dir", cache
    )
    assert code == 0, err
    data = json.loads(out)
    assert [a["wire"] for a in data["articles"] if a["article"] == "npa_wire.txt"] == ["NPA"]
    assert data["reference"] == {
        "article": "npa_wire.txt",
        "reason": "chosen with --reference 'NPA'",
        "rule": "reference",
    }


@pytest.mark.model
@pytest.mark.shared
@pytest.mark.skipif(not SEEDS.is_dir(), reason="../shared/seeds absent")
def test_reference_afp_on_the_seeds(tmp_path: Path) -> None:
    code, out, err = run(
        "compare", str(SEEDS), "--reference", "AFP", "-f", "json", "--cache-dir", str(tmp_path)
    )
    assert code == 0, err
    assert json.loads(out)["reference"]["article"] == "000_22da808e21f495c3.txt"


@pytest.mark.model
@pytest.mark.parametrize(
    ("name", "starts"),
    [
        ("drift.html", "<!DOCTYPE html>"),
        ("drift.md", "# Quotation drift"),
        ("drift.csv", "statement,speaker,speaker_id,outlet"),
        ("drift.json", "{"),
        ("drift.txt", "Original: npa_wire.txt"),
    ],
)
def test_output_extension_picks_the_format(
    tmp_path: Path, cache: str, name: str, starts: str
) -> None:
    target = tmp_path / name
    code, out, err = run("compare", str(STORY), "-o", str(target), "--cache-dir", cache)
    assert (code, out) == (0, "")
    assert err.splitlines() == [f"wrote {target}"]
    assert target.read_text(encoding="utf-8").startswith(starts)


@pytest.mark.model
def test_extract_output_extension_picks_the_format(tmp_path: Path, cache: str) -> None:
    target = tmp_path / "quotes.csv"
    code, _, err = run("extract", str(WIRE), "-o", str(target), "--cache-dir", cache)
    assert code == 0, err
    assert target.read_text(encoding="utf-8").startswith("article,outlet,quote_id,kind")


def test_an_extension_the_command_cannot_write_is_refused(tmp_path: Path) -> None:
    code, out, err = run("compare", str(STORY), "-o", str(tmp_path / "drift.jsonl"))
    assert (code, out) == (2, "")
    assert "a .jsonl file asks for jsonl, which this command does not write" in err


@pytest.mark.parametrize("command", ["extract", "compare", "check"])
def test_an_output_folder_that_does_not_exist_is_named(tmp_path: Path, command: str) -> None:
    target = tmp_path / "no" / "such" / "report.html"
    args = [str(WIRE), "--against", str(WIRE)] if command == "check" else [str(STORY)]
    code, out, err = run(command, *args, "-o", str(target))
    assert (code, out) == (2, "")
    assert f"cannot write {target}: the folder {target.parent} does not exist" in err
    assert ".tmp" not in err and not target.parent.exists()


@pytest.mark.model
@pytest.mark.parametrize("columns", [80, 120, None])
def test_the_table_follows_the_terminal_width(cache: str, columns: int | None) -> None:
    env = {"COLUMNS": str(columns)} if columns else {}
    result = runner.invoke(app, ["compare", str(STORY), "--cache-dir", cache], env=env)
    assert result.exit_code == 0, result.stderr
    widest = max(len(line) for line in result.stdout.splitlines())
    if columns is None:  # off a terminal, as into a file: the full table, not squeezed
        assert widest > 120
    else:
        assert widest <= columns
    assert "meaning_changed" in result.stdout and "Island Post" in result.stdout


@pytest.mark.model
def test_check_a_clean_draft_says_what_it_checked(cache: str) -> None:
    code, out, err = run("check", str(WIRE), "--against", str(WIRE), "--cache-dir", cache)
    assert code == 0, err
    # Every quotation of the wire's own (reported speech is not judged) is checked.
    _, quotes, _ = run("extract", str(WIRE), "-f", "jsonl", "--cache-dir", cache)
    records = [json.loads(line) for line in quotes.splitlines()]
    judged = sum(1 for r in records if r["kind"] != "indirect")
    assert judged > 3
    assert out == f"{WIRE}: {judged} quotations checked against 1 source: none fails\n"
    assert err == ""


@pytest.mark.model
def test_check_against_several_sources(tmp_path: Path, cache: str) -> None:
    transcript = tmp_path / "briefing.txt"
    transcript.write_text(
        "speaker: Elena Varga\nThe repairs may take up to three weeks.\n", encoding="utf-8"
    )
    draft = tmp_path / "draft.txt"
    draft.write_text(
        'The Harbourton Port Authority ordered 12 ferries off the water. "We are not prepared '
        "to take any risk with passengers' lives,\" Transport Minister Elena Varga said.\n\n"
        'Varga added: "The repairs will take three weeks."\n',
        encoding="utf-8",
    )
    args = ["-f", "json", "--cache-dir", cache, "--processes", "1"]
    one_option = run("check", str(draft), "--against", str(WIRE), str(transcript), *args)
    repeated = run("check", str(draft), "--against", str(WIRE), "--against", str(transcript), *args)
    assert one_option[0] == repeated[0] == 1, one_option[2]
    assert one_option[1] == repeated[1]
    assert one_option[2].splitlines() == [
        f"{draft}: 2 quotations checked against 2 sources: 1 fails "
        "(--fail-on paraphrased, or a changed meaning, speaker or words never said)"
    ]
    data = json.loads(one_option[1])
    assert data["reference"]["article"] == "briefing.txt, npa_wire.txt"
    [version] = [v for s in data["statements"] for v in s["versions"]]
    assert "hedge_dropped" in version["flags"]
    assert data["unsupported"] == []
