"""Hostile input: nothing crashes, nothing is lost, no half-written output.

The hostile corpus is generated in tmp_path by ``hostile`` below (nothing big is committed). Each
bad file must cost exactly one ``warning: <file>: <problem>`` line on stderr and nothing else; each
good file must still reach stdout; exit code 2 only when nothing at all could be read.
"""

from __future__ import annotations

import csv
import io
import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotedrift.cli import app
from quotedrift.extraction.quotations import find_quotations
from quotedrift.read import ingest
from quotedrift.run import output

REPO = Path(__file__).resolve().parents[1]
STORY = REPO / "data" / "story"
needs_story = pytest.mark.skipif(not STORY.is_dir(), reason="data/story absent")

SAID = "We will inspect every vessel before it sails again"
GOOD_TXT = (
    "HARBOURTON, March 3 (NPA) - The port authority withdrew 12 ferries on Tuesday.\n\n"
    f'"{SAID}," Transport Minister Elena Varga said.\n'
)

# name -> words of a quotation extract must find in it (every good file holds one).
GOOD: dict[str, str] = {
    "good.txt": SAID,
    "utf16.txt": SAID,
    "cp1252.txt": "Nous irons au caf\u00e9 demain",
    "invalid_utf8.txt": SAID,
    "nested.txt": "She told me \u2018he said \u00abno\u00bb\u2019 and left",
    "rtl_zero_width.txt": "We will \u200binspect\u200c every\u200d vessel",
    "page.html": "Every vessel will be inspected before it carries passengers again",
    "feed.jsonl:1": "The first line is fine and we stand by it",
    "feed.jsonl:3": "The third line is fine as well",
}
# name -> a word the problem message must contain.
BAD: dict[str, str] = {
    "empty.txt": "empty",
    "whitespace.txt": "whitespace",
    "image.txt": "PNG",
    "nul.txt": "NUL",
    "list.json": "list",
    "null.json": "null",
    "string.json": "string",
    "feed.jsonl:2": "invalid JSON",
    "big.txt": "limit",
    "self_loop.txt": "loop",
}


def _write_hostile(folder: Path) -> None:
    """The hostile corpus: every good and bad file above, plus a folder symlink loop."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (folder / "utf16.txt").write_bytes(GOOD_TXT.encode("utf-16"))  # BOM included
    (folder / "cp1252.txt").write_bytes(
        "\u201cNous irons au caf\u00e9 demain,\u201d the minister said.\n".encode("cp1252")
    )
    (folder / "invalid_utf8.txt").write_bytes(GOOD_TXT.encode() + b"Tail \xff\xfe\xc3( end.\n")
    (folder / "nested.txt").write_text(
        'The minister spoke. "She told me \u2018he said \u00abno\u00bb\u2019 and left," '
        "Varga said. \u201e\u201aX\u2018\u201c and \u201c\u201cdouble\u201d\u201d, "
        "\u2039single\u203a \u00bbreversed\u00ab.\n",
        encoding="utf-8",
    )
    (folder / "rtl_zero_width.txt").write_text(
        "\u202eThe minister spoke.\u202c \u05d0\u05de\u05e8\n\n"
        '"We will \u200binspect\u200c every\u200d vessel," Elena Varga said.\ufeff '
        "\u0627\u0644\u0648\u0632\u064a\u0631\n",
        encoding="utf-8",
    )
    (folder / "page.html").write_text(
        "<html><head><title>Recall</title><script>var q = '\"We lied,\" she said';</script>"
        "<style>p { content: '\"style\"'; }</style></head><body><iframe src='x'>"
        '"Iframe words," said Nobody.</iframe><article><p>The port authority withdrew its '
        "ferries on Tuesday after cracks were found in their steering housings.</p>"
        '<p>"Every vessel will be inspected before it carries passengers again," spokesperson '
        "Tomas Lind said.<div><b>broken <i>tags</p></span></article></body",
        encoding="utf-8",
    )
    good_line = {"text": '"The first line is fine and we stand by it," Varga said.', "outlet": "A"}
    third = {"text": '"The third line is fine as well," Lind said.', "outlet": "B"}
    (folder / "feed.jsonl").write_text(
        json.dumps(good_line) + "\n{not json\n" + json.dumps(third) + "\n", encoding="utf-8"
    )
    # Only opening marks: read, scanned, parsed; nothing to assert but no warning and no crash.
    (folder / "opening.txt").write_text(
        "\u201cHe said it was fine \u00abthen \u201e" * 40 + "\n", encoding="utf-8"
    )
    (folder / "empty.txt").write_bytes(b"")
    (folder / "whitespace.txt").write_text(" \n\t\r\n   \n", encoding="utf-8")
    (folder / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    (folder / "nul.txt").write_bytes(b"Some text\x00\x00 with NUL bytes")
    (folder / "list.json").write_text("[1, 2, 3]", encoding="utf-8")
    (folder / "null.json").write_text("null", encoding="utf-8")
    (folder / "string.json").write_text('"just a string"', encoding="utf-8")
    # 50 MB: an article, then a sparse tail (cheap to make). Refused by its size (max_file_bytes,
    # 20 MB) before it is read; were it read, the NUL tail would be refused differently.
    with (folder / "big.txt").open("w", encoding="utf-8") as fh:
        fh.write(GOOD_TXT)
        fh.truncate(50_000_000)
    os.symlink("self_loop.txt", folder / "self_loop.txt")
    sub = folder / "sub"
    sub.mkdir()
    os.symlink("..", sub / "up")  # a folder loop: reported, not followed
    (folder / "notes.bin").write_bytes(b"\x00\x01")  # not an article suffix: silently skipped


@pytest.fixture
def hostile(tmp_path: Path) -> Path:
    folder = tmp_path / "hostile"
    _write_hostile(folder)
    return folder


runner = CliRunner()


@pytest.fixture(autouse=True)
def private_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Vector and extraction caches in tmp_path (subprocesses inherit the variable), so runs
    neither read nor fill the user's cache."""
    monkeypatch.setenv("QUOTEDRIFT_CACHE", str(tmp_path / "user-cache"))


def _jsonl(text: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in text.splitlines() if line.strip()]


def _warnings(stderr: str) -> list[str]:
    return [line for line in stderr.splitlines() if line.startswith("warning: ")]


def _check_extract_output(stdout: str, stderr: str) -> None:
    """Every good file on stdout with its quotation, one warning line per bad file."""
    assert "Traceback" not in stderr
    records = _jsonl(stdout)
    by_article: dict[str, list[str]] = {}
    for r in records:
        by_article.setdefault(str(r["article_id"]), []).append(str(r["text"]))
    for name, words in GOOD.items():
        assert name in by_article, f"{name}: no quotation on stdout"
        assert any(words in t for t in by_article[name]), (name, by_article[name])
    # Script, style and iframe content never reaches the text.
    page = by_article["page.html"]
    assert not any("We lied" in t or t == "style" or "Iframe" in t for t in page)
    warned = _warnings(stderr)
    for name, word in BAD.items():
        lines = [w for w in warned if f"{name}: " in w]
        assert len(lines) == 1, (name, warned)
        assert word.lower() in lines[0].lower(), lines[0]
    assert any("sub/up" in w and "loop" in w for w in warned)
    # Nothing else: one line per problem.
    assert len(warned) == len(BAD) + 1, warned
    assert not any("notes.bin" in w for w in warned)


def test_extract_hostile_corpus(hostile: Path) -> None:
    result = runner.invoke(app, ["extract", str(hostile), "--processes", "1", "--format", "jsonl"])
    assert result.exit_code == 0, result.stderr
    _check_extract_output(result.stdout, result.stderr)


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads files whatever their permissions")
def test_unreadable_file_is_one_warning(hostile: Path) -> None:
    locked = hostile / "locked.txt"
    locked.write_text(GOOD_TXT, encoding="utf-8")
    locked.chmod(0)
    result = runner.invoke(app, ["extract", str(hostile), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0
    lines = [w for w in _warnings(result.stderr) if "locked.txt" in w]
    assert len(lines) == 1 and "permission" in lines[0]


def test_file_vanishing_between_listing_and_reading(
    hostile: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The folder is listed, then good.txt is deleted just before it is read."""
    real_walk = ingest._walk

    def walk_then_delete(paths, problems):  # type: ignore[no-untyped-def]
        for path, article_id in real_walk(paths, problems):
            if path.name == "good.txt":
                path.unlink()
            yield path, article_id

    monkeypatch.setattr(ingest, "_walk", walk_then_delete)
    result = runner.invoke(app, ["extract", str(hostile), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = [w for w in _warnings(result.stderr) if "good.txt" in w]
    assert len(lines) == 1 and "vanished" in lines[0]
    ids = {r["article_id"] for r in _jsonl(result.stdout)}
    assert "good.txt" not in ids and "utf16.txt" in ids


@pytest.mark.xfail(
    reason="extraction_cache.article_key encodes the Article JSON as strict UTF-8: a file name "
    "that is not UTF-8 (surrogate-escaped by Python) raises UnicodeEncodeError out of the CLI",
    strict=False,
)
def test_file_name_that_is_not_utf8(tmp_path: Path) -> None:
    folder = tmp_path / "names"
    folder.mkdir()
    good = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name
    (folder / good).write_text(GOOD_TXT, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    result = runner.invoke(app, ["extract", str(folder), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.exception
    assert len(_warnings(result.stderr)) == 1
    assert [r["text"] for r in _jsonl(result.stdout)] == [SAID]


def test_file_name_with_newline_is_one_warning_line(tmp_path: Path) -> None:
    (tmp_path / "new\nline.txt").write_bytes(b"")
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and lines[0].startswith("warning: ") and "empty" in lines[0]


@pytest.mark.parametrize("command", ["extract", "compare"])
def test_nothing_readable_exits_2(tmp_path: Path, command: str) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00")
    result = runner.invoke(
        app, [command, str(tmp_path), str(tmp_path / "missing.txt"), "--processes", "1"]
    )
    assert result.exit_code == 2
    assert result.stdout == ""
    assert "Traceback" not in result.stderr
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error: ")]
    assert len(errors) == 1 and "no readable article" in errors[0]


def test_verbose_shows_traceback_only_when_asked(tmp_path: Path) -> None:
    (tmp_path / "empty.txt").write_bytes(b"")
    quiet = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1"])
    loud = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-v"])
    assert quiet.exit_code == loud.exit_code == 2
    assert "Traceback" not in quiet.stderr
    assert "Traceback" in loud.stderr


def test_compare_hostile_corpus(hostile: Path, tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "compare",
            str(hostile),
            "--processes",
            "1",
            "--format",
            "json",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)
    ids = {a["article"] for a in report["articles"]}
    assert set(GOOD) <= ids
    warned = _warnings(result.stderr)
    for name in BAD:
        assert len([w for w in warned if f"{name}: " in w]) == 1, (name, warned)


def test_end_to_end_subprocess_default_processes(hostile: Path) -> None:
    """A real process, worker pool at its default size: same stdout/stderr contract."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "quotedrift.cli", "extract", str(hostile), "--format", "jsonl"],
        capture_output=True,
        text=True,
        timeout=300,
        env=env,
        cwd=REPO,
    )
    assert done.returncode == 0, done.stderr
    _check_extract_output(done.stdout, done.stderr)


# ---------------------------------------------------------------------------------------------
# Size and time


def test_big_file_refused_without_reading(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(50_000_000)  # sparse: the size is all that matters
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    opened: list[Path] = []
    real_open = Path.open

    def spy(self: Path, *args, **kwargs):  # type: ignore[no-untyped-def]
        opened.append(self)
        return real_open(self, *args, **kwargs)

    monkeypatch.setattr(Path, "open", spy)
    articles, problems = ingest.read_articles([tmp_path])
    assert [a.id for a in articles] == ["good.txt"]
    assert [p.path for p in problems] == [str(big)]
    assert "50.0 MB is over the 20.0 MB limit" in problems[0].message
    assert big not in opened


def test_scanner_is_fast_on_ten_thousand_marks() -> None:
    import time

    for text in ('"' * 10_000, '"a" ' * 5_000, "\u201cHe said it was fine " * 5_000):
        start = time.perf_counter()
        candidates = find_quotations(text)
        assert time.perf_counter() - start < 2.0
        assert all(0 <= s < e <= len(text) for c in candidates for s, e in c.spans)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Regression (found by the formula-injection test): a straight mark glued to a word
        # inside a curly quotation closed the curly one and cut the quote at '"http://...'.
        (
            '\u201c=HYPERLINK("http://x.example/","Click") and more,\u201d Varga said.',
            ['=HYPERLINK("http://x.example/","Click") and more'],
        ),
        (
            '\u201cThe sign said "stop" and we left,\u201d Varga said.',
            ['The sign said "stop" and we left'],
        ),
        (
            '"She told me \u2018he said \u00abno\u00bb\u2019 and left," Varga said.',
            ["She told me \u2018he said \u00abno\u00bb\u2019 and left"],
        ),
        (
            "\u00abIl a dit \u201cnon\u201d hier\u00bb, a d\u00e9clar\u00e9 Varga.",
            ["Il a dit \u201cnon\u201d hier"],
        ),
        (
            "\u201eEr sagte \u201anein\u2018 gestern\u201c, sagte Varga.",
            ["Er sagte \u201anein\u2018 gestern"],
        ),
        ("\u201cWe said \u201cno\u201d twice,\u201d Varga said.", ["We said \u201cno\u201d twice"]),
        ("No quotation marks at all, she said.", []),
        ('"' * 6, []),
        ("\u201c" * 4, []),
    ],
)
def test_nested_quotes_stay_inside_the_outer_one(text: str, expected: list[str]) -> None:
    found = [" ".join(text[s:e] for s, e in c.spans) for c in find_quotations(text)]
    assert found == expected


_BOUNDED = textwrap.dedent(
    """
    import sys, time
    from quotedrift.extraction.article import extract_article
    from quotedrift.read.ingest import read_text
    from quotedrift.extraction.nlp import load_nlp
    nlp = load_nlp()
    texts = {texts}
    for name, expr in texts.items():
        article = read_text(eval(expr), article_id="x.txt", path="x.txt")
        start = time.process_time()
        extraction = extract_article(article, nlp)
        print(name, time.process_time() - start, len(extraction.quotes), flush=True)
    """
)
# The texts the bounded-time tests extract, one after another in one child process; CPU time
# is measured, so a busy machine does not fail them.
BOUNDED_TEXTS = {
    "5000-quoted-words": "'\"a\" ' * 5000",
    "10000-bare-marks": "'\"' * 10000",
    "2000-opening-marks": "'\u201cHe said it was fine ' * 2000",
    "2-MB-single-line": "(' '.join(open('data/story/npa_wire.txt').read().split()) + ' ') * 800",
}


@pytest.fixture(scope="module")
def bounded_results() -> dict[str, tuple[float, int]]:
    """name -> (CPU seconds to extract, quotations found)."""
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-c", _BOUNDED.format(texts=repr(BOUNDED_TEXTS))],
        capture_output=True, text=True, env=env, cwd=REPO, timeout=900,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr[-2000:]
    results = {}
    for line in done.stdout.splitlines():
        name, seconds, count = line.split()
        results[name] = (float(seconds), int(count))
    return results


@pytest.mark.parametrize("name", ["5000-quoted-words", "10000-bare-marks", "2000-opening-marks"])
def test_many_marks_extracted_in_bounded_time(
    name: str, bounded_results: dict[str, tuple[float, int]]
) -> None:
    seconds, _ = bounded_results[name]
    assert seconds < 10, f"{name}: {seconds:.1f} s of CPU"


def test_two_megabyte_single_line_extracted_in_bounded_time(
    bounded_results: dict[str, tuple[float, int]],
) -> None:
    # About 350,000 words of dense quotation, all parsed: linear cost, well under two minutes.
    seconds, found = bounded_results["2-MB-single-line"]
    assert found > 0
    assert seconds < 120, f"{seconds:.1f} s of CPU"


# ---------------------------------------------------------------------------------------------
# Outputs


def test_output_written_atomically_when_render_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import quotedrift.report.extraction as report

    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    target = tmp_path / "out" / "quotes.jsonl"
    target.parent.mkdir()
    target.write_text("precious\n", encoding="utf-8")

    def broken(extractions, fmt):  # type: ignore[no-untyped-def]
        raise OSError("disk full half-way through rendering")

    monkeypatch.setattr(report, "render_extraction", broken)
    result = runner.invoke(
        app, ["extract", str(tmp_path / "good.txt"), "--processes", "1", "-o", str(target)]
    )
    assert result.exit_code == 2
    assert "Error: disk full" in result.stderr
    assert target.read_text(encoding="utf-8") == "precious\n"
    assert sorted(p.name for p in target.parent.iterdir()) == ["quotes.jsonl"]


def test_write_atomic_failure_mid_write_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "report.md"
    target.write_text("old report\n", encoding="utf-8")

    def no_sync(fd: int) -> None:
        raise OSError("device went away")

    monkeypatch.setattr(output.os, "fsync", no_sync)
    with pytest.raises(OSError, match="device went away"):
        output.write_atomic(target, "new report that is half written\n" * 1000)
    assert target.read_text(encoding="utf-8") == "old report\n"
    assert [p.name for p in tmp_path.iterdir()] == ["report.md"]
    monkeypatch.undo()
    output.write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"


INJECTION = '=HYPERLINK("http://evil.example/","Click here") and we will inspect every vessel'


def test_compare_csv_neutralises_formulas(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    wire = (
        "HARBOURTON, March 3 (NPA) - The port authority withdrew its ferries on Tuesday.\n\n"
        f"\u201c{INJECTION},\u201d Transport Minister Elena Varga said.\n\n"
        "\u201c@everyone +1 -2 should stay calm,\u201d port spokesperson Tomas Lind said.\n"
    )
    rewrite = (
        "The Island Post - March 4\n\n"
        f"\u201c{INJECTION},\u201d Varga said on Tuesday.\n\n"
        "\u201c@everyone +1 -2 should stay calm,\u201d Lind said.\n"
    )
    (story / "wire.txt").write_text(wire, encoding="utf-8")
    (story / "post.txt").write_text(rewrite, encoding="utf-8")
    result = runner.invoke(
        app,
        [
            "compare",
            str(story),
            "--processes",
            "1",
            "--format",
            "csv",
            "--reference",
            "wire.txt",
            "--cache-dir",
            str(tmp_path / "cache"),
        ],
    )
    assert result.exit_code == 0, result.stderr
    rows = list(csv.reader(io.StringIO(result.stdout)))
    cells = [cell for row in rows[1:] for cell in row]
    assert rows[1:], "no drift rows"
    assert not [c for c in cells if c[:1] in ("=", "+", "-", "@")]
    assert f"'{INJECTION}" in cells
    assert any(c.startswith("'@everyone") for c in cells)


def _story_files() -> list[str]:
    return sorted(str(p.relative_to(REPO)) for p in STORY.iterdir() if p.is_file())


@needs_story
@pytest.mark.parametrize("fmt", ["json", "markdown"])
def test_compare_is_deterministic(
    fmt: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Byte-identical output: the folder twice, then its files named in reverse order (the
    second folder run reads the vector cache the first one wrote)."""
    monkeypatch.chdir(REPO)
    common = ["--processes", "1", "--format", fmt, "--cache-dir", str(tmp_path / "cache")]
    runs = [
        runner.invoke(app, ["compare", "data/story", *common]),
        runner.invoke(app, ["compare", "data/story", *common]),
        runner.invoke(app, ["compare", *reversed(_story_files()), *common]),
    ]
    for run in runs:
        assert run.exit_code == 0, run.stderr
    assert runs[0].stdout
    assert runs[0].stdout == runs[1].stdout
    assert runs[0].stdout == runs[2].stdout
