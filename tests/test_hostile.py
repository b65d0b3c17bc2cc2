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
from quotedrift.read import folders, ingest
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
    real_walk = folders.walk

    def walk_then_delete(paths, problems):  # type: ignore[no-untyped-def]
        for path, article_id in real_walk(paths, problems):
            if path.name == "good.txt":
                path.unlink()
            yield path, article_id

    monkeypatch.setattr(folders, "walk", walk_then_delete)
    result = runner.invoke(app, ["extract", str(hostile), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.stderr
    lines = [w for w in _warnings(result.stderr) if "good.txt" in w]
    assert len(lines) == 1 and "vanished" in lines[0]
    ids = {r["article_id"] for r in _jsonl(result.stdout)}
    assert "good.txt" not in ids and "utf16.txt" in ids


@pytest.mark.parametrize(
    ("command", "cache"),
    [("extract", []), ("extract", ["--no-cache"]), ("compare", []), ("compare", ["--no-cache"])],
)
def test_file_name_that_is_not_utf8(tmp_path: Path, command: str, cache: list[str]) -> None:
    """Python keeps such a name's bytes as lone surrogates, which no UTF-8 output (a cache key,
    stdout, the HTML report) can encode; the name is shown with the bytes escaped instead."""
    folder = tmp_path / "names"
    folder.mkdir()
    good = os.fsdecode(b"caf\xe9.txt")  # a Latin-1 file name
    (folder / good).write_text(GOOD_TXT, encoding="utf-8")
    (folder / os.fsdecode(b"bad\xff.txt")).write_bytes(b"")
    html = ["-f", "html", "-o", str(tmp_path / "r.html")]
    fmt = ["-f", "jsonl"] if command == "extract" else html
    inputs = [str(folder)]
    if command == "compare":  # a second article, so that there is something to compare
        (tmp_path / "post.txt").write_text(f'"{SAID}," Varga said.\n', encoding="utf-8")
        inputs.append(str(tmp_path / "post.txt"))
    result = runner.invoke(app, [command, *inputs, "--processes", "1", *fmt, *cache])
    assert result.exit_code == 0, result.exception
    warned = _warnings(result.stderr)
    assert len(warned) == 1 and "bad\\xff.txt" in warned[0] and "empty" in warned[0]
    if command == "extract":
        records = _jsonl(result.stdout)
        assert [r["text"] for r in records] == [SAID]
        assert records[0]["article_id"] == "caf\\xe9.txt"
    else:
        assert "caf\\xe9.txt" in (tmp_path / "r.html").read_text(encoding="utf-8")


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


def test_scanner_is_linear_on_ten_thousand_marks() -> None:
    import time

    # CPU time, not wall time: a busy machine must not fail this. The worst of these takes about
    # 0.3 CPU s; a scanner that compared mark pairs would take minutes, so 5 s is a wide margin.
    for text in ('"' * 10_000, '"a" ' * 5_000, "\u201cHe said it was fine " * 5_000):
        start = time.process_time()
        candidates = find_quotations(text)
        assert time.process_time() - start < 5.0
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


# ---------------------------------------------------------------------------------------------
# Files that are not articles, and parse failures


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_named_like_an_article_is_one_warning_not_a_hang(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    os.mkfifo(tmp_path / "x.txt")  # no writer: opening it for reading would wait forever
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}
    done = subprocess.run(
        [sys.executable, "-m", "quotedrift.cli", "extract", str(tmp_path), "--processes", "1",
         "-f", "jsonl"],
        capture_output=True, text=True, timeout=120, env=env, cwd=REPO,
    )  # fmt: skip
    assert done.returncode == 0, done.stderr
    assert [r["text"] for r in _jsonl(done.stdout)] == [SAID]
    (line,) = _warnings(done.stderr)
    assert "x.txt: " in line and "FIFO" in line and "only regular files" in line


@pytest.mark.parametrize(
    ("name", "content", "word"),
    [
        ("deep.json", '{"text": ' + "[" * 5000 + "]" * 5000 + "}", "nested too deeply"),
        ("deep_objects.json", '{"a": ' * 3000 + "1" + "}" * 3000, "nested too deeply"),
        ("number.json", '{"text": 42, "outlet": "A"}', "'text' is a number"),
        ("object.json", '{"body": {"p": "words"}}', "'body' is an object"),
        ("no_text.json", '{"outlet": "A"}', "no text field"),
        ("huge_int.json", '{"text": "x", "n": ' + "9" * 5000 + "}", "invalid JSON"),
    ],
)
def test_json_that_is_no_article_is_one_warning(
    tmp_path: Path, name: str, content: str, word: str
) -> None:
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / name).write_text(content, encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.exception
    (line,) = _warnings(result.stderr)
    assert f"{name}: " in line and word in line, line
    assert [r["text"] for r in _jsonl(result.stdout)] == [SAID]


def test_jsonl_line_nested_too_deeply_costs_that_line_only(tmp_path: Path) -> None:
    good = json.dumps({"text": f'"{SAID}," Elena Varga said.'})
    (tmp_path / "feed.jsonl").write_text(
        good + "\n" + "[" * 5000 + "]" * 5000 + "\n" + good + "\n", encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.exception
    (line,) = _warnings(result.stderr)
    assert "feed.jsonl:2: " in line and "nested too deeply" in line
    assert sorted({r["article_id"] for r in _jsonl(result.stdout)}) == [
        "feed.jsonl:1",
        "feed.jsonl:3",
    ]


def test_html_nested_past_the_parser_limit_is_not_called_empty(tmp_path: Path) -> None:
    page = "<html><body>" + "<div>" * 200_000 + f'"{SAID}," Varga said.' + "</div>" * 200_000
    (tmp_path / "divs.html").write_text(page + "</body></html>", encoding="utf-8")
    articles, problems = ingest.read_articles([tmp_path])
    assert articles == []
    (problem,) = problems
    assert "deeper than" in problem.message and "empty" not in problem.message


def test_only_failing_file_has_its_reason_printed(tmp_path: Path) -> None:
    (tmp_path / "number.json").write_text('{"text": 7}', encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path / "number.json"), "--processes", "1"])
    assert result.exit_code == 2
    (line,) = result.stderr.splitlines()
    assert line.startswith("Error: ") and "number.json: JSON field 'text' is a number" in line


# ---------------------------------------------------------------------------------------------
# What reaches a terminal


def test_escape_sequences_never_reach_the_terminal_raw(tmp_path: Path) -> None:
    """An escape sequence in a file name (stderr) or in an article's words (the table) is shown
    as its escape, not obeyed by the terminal."""
    (tmp_path / "evil\x1b]0;owned\x07.txt").write_bytes(b"")
    (tmp_path / "story.txt").write_text(
        '"We will \x1b[2Jinspect every \x9bvessel\u202e today," Elena Varga said.\n',
        encoding="utf-8",
    )
    result = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "table"])
    assert result.exit_code == 0, result.exception
    for stream in (result.stdout, result.stderr):
        assert not [c for c in stream if ord(c) < 32 and c not in "\n\t"]
        assert "\x9b" not in stream and "\u202e" not in stream
    (line,) = _warnings(result.stderr)
    assert "evil\\x1b]0;owned\\x07.txt" in line
    assert "\\x1b[2Jinspect" in result.stdout
    # Data formats keep the words as they are (JSON escapes them its own way).
    data = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "jsonl"])
    assert any("\x1b[2Jinspect" in r["text"] for r in _jsonl(data.stdout))


# ---------------------------------------------------------------------------------------------
# Where outputs go


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_output_onto_a_fifo_is_written_in_place(tmp_path: Path) -> None:
    import threading

    fifo = tmp_path / "out.fifo"
    os.mkfifo(fifo)
    received: list[str] = []
    reader = threading.Thread(target=lambda: received.append(fifo.read_text(encoding="utf-8")))
    reader.start()
    output.write_atomic(fifo, "the report\n")
    reader.join(10)
    assert received == ["the report\n"]
    assert fifo.is_fifo()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.fifo"]


def test_output_onto_a_device_is_written_in_place(tmp_path: Path) -> None:
    import stat

    null = tmp_path / "null"
    try:  # a second /dev/null, made here so that a regression cannot replace the real one
        os.mknod(null, stat.S_IFCHR | 0o666, os.makedev(1, 3))
    except (PermissionError, AttributeError, OSError):
        pytest.skip("cannot make a device node here")
    output.write_atomic(null, "discarded\n")
    assert stat.S_ISCHR(null.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["null"]


def test_output_onto_a_symlink_writes_its_target(tmp_path: Path) -> None:
    target = tmp_path / "real" / "report.md"
    target.parent.mkdir()
    target.write_text("old\n", encoding="utf-8")
    link = tmp_path / "report.md"
    link.symlink_to(target)
    output.write_atomic(link, "new\n")
    assert link.is_symlink() and target.read_text(encoding="utf-8") == "new\n"
    dangling = tmp_path / "later.md"
    dangling.symlink_to(tmp_path / "real" / "later.md")
    output.write_atomic(dangling, "made\n")
    assert dangling.is_symlink() and (tmp_path / "real" / "later.md").read_text() == "made\n"


@pytest.mark.parametrize(("umask", "mode"), [(0o022, 0o644), (0o077, 0o600), (0o002, 0o664)])
def test_new_output_gets_the_umask_mode(tmp_path: Path, umask: int, mode: int) -> None:
    old = os.umask(umask)
    try:
        output.write_atomic(tmp_path / "report.html", "<p>x</p>\n")
    finally:
        os.umask(old)
    assert (tmp_path / "report.html").stat().st_mode & 0o777 == mode


def test_replaced_output_keeps_its_mode(tmp_path: Path) -> None:
    target = tmp_path / "report.csv"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    output.write_atomic(target, "new\n")
    assert target.stat().st_mode & 0o777 == 0o640


@pytest.mark.parametrize("spelling", ["same", "symlink", "inside-folder"])
def test_output_onto_an_input_is_refused(tmp_path: Path, spelling: str) -> None:
    story = tmp_path / "story"
    story.mkdir()
    wire = story / "wire.txt"
    wire.write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "link.txt").symlink_to(wire)
    given = {"same": [str(wire)], "symlink": [str(wire)], "inside-folder": [str(story)]}[spelling]
    target = {"same": wire, "symlink": tmp_path / "link.txt", "inside-folder": wire}[spelling]
    for command in ("extract", "compare"):
        result = runner.invoke(app, [command, *given, "--processes", "1", "-o", str(target)])
        assert result.exit_code == 2, (command, result.stderr)
        assert "one of the inputs" in result.stderr
        assert wire.read_text(encoding="utf-8") == GOOD_TXT


def test_outputs_in_an_input_folder_are_not_read_back(tmp_path: Path) -> None:
    story = tmp_path / "story"
    story.mkdir()
    (story / "wire.txt").write_text(GOOD_TXT, encoding="utf-8")
    (story / "post.txt").write_text(
        f'The Island Post\n\n"{SAID}," Varga said on Tuesday.\n', encoding="utf-8"
    )
    common = ["--processes", "1", "--cache-dir", str(tmp_path / "cache")]
    written = {
        "report.json": ["compare", "-f", "json"],
        "report.html": ["compare", "-f", "html"],
        "report.md": ["compare", "-f", "markdown"],
        "quotes.jsonl": ["extract", "-f", "jsonl"],
        "quotes.json": ["extract", "-f", "json"],
    }
    for name, (command, *fmt) in written.items():
        result = runner.invoke(app, [command, str(story), *fmt, *common, "-o", str(story / name)])
        assert result.exit_code == 0, (name, result.stderr)
    again = runner.invoke(app, ["extract", str(story), *common, "-f", "jsonl"])
    assert again.exit_code == 0
    assert {r["article_id"] for r in _jsonl(again.stdout)} == {"wire.txt", "post.txt"}
    skipped = _warnings(again.stderr)
    assert len(skipped) == len(written) and all("not an article; skipped" in w for w in skipped)
    # Overwriting an earlier report inside the folder is allowed.
    rerun = runner.invoke(app, ["compare", str(story), *common, "-o", str(story / "report.md")])
    assert rerun.exit_code == 0, rerun.stderr


# ---------------------------------------------------------------------------------------------
# Per-article budgets: one huge page cannot hold up a folder


def test_million_short_lines_are_cut_and_the_folder_goes_on(tmp_path: Path) -> None:
    with (tmp_path / "million.txt").open("w", encoding="utf-8") as fh:
        fh.write(GOOD_TXT)
        fh.writelines(f"short line {i}\n" for i in range(1_000_000))
        fh.write('"Words past the cut are never read," Varga said.\n')
    (tmp_path / "zz_after.txt").write_text(
        '"The next file is read as ever," Tomas Lind said.\n', encoding="utf-8"
    )
    result = runner.invoke(app, ["extract", str(tmp_path), "--processes", "1", "-f", "jsonl"])
    assert result.exit_code == 0, result.exception
    texts = {r["article_id"]: r["text"] for r in _jsonl(result.stdout)}
    assert texts == {"million.txt": SAID, "zz_after.txt": "The next file is read as ever"}
    (line,) = _warnings(result.stderr)
    assert "million.txt: cut to its first" in line and "max_article_chars 1,000,000" in line


def test_article_cut_at_a_line_break_before_the_budget(tmp_path: Path) -> None:
    from quotedrift.config import Settings

    lines = [f'"Line {i} is a quotation of its own," Varga said.\n' for i in range(400)]
    (tmp_path / "long.txt").write_text("".join(lines), encoding="utf-8")
    articles, problems = ingest.read_articles([tmp_path], Settings(max_article_chars=5_000))
    (article,) = articles
    assert len(article.text) <= 5_000 and article.text.endswith("said.\n")
    assert "".join(lines).startswith(article.text)
    (problem,) = problems
    assert not problem.fatal and "cut to its first" in problem.message
    assert article.warnings == (problem.message,)
    whole, none = ingest.read_articles([tmp_path], Settings(max_article_chars=100_000))
    assert whole[0].text == "".join(lines) and none == []


def test_html_over_the_extractor_budget_is_read_as_plain_text(tmp_path: Path) -> None:
    from quotedrift.config import Settings

    filler = "".join(f"<p>Paragraph {i} of a very long page.</p>\n" for i in range(3_000))
    page = f'<html><body><article><p>"{SAID}," Varga said.</p>{filler}</article></body></html>'
    (tmp_path / "page.html").write_text(page, encoding="utf-8")
    budget = Settings(max_html_extract_bytes=50_000)
    (article,), (problem,) = ingest.read_articles([tmp_path], budget)
    assert SAID in article.text and "Paragraph 2999" in article.text
    assert not problem.fatal and "over max_html_extract_bytes" in problem.message
    # Under the budget the page goes through the article extractor, with nothing to report.
    _, none = ingest.read_articles([tmp_path], Settings(max_html_extract_bytes=len(page) + 1))
    assert none == []


def test_quotations_past_the_budget_are_dropped_and_reported(tmp_path: Path) -> None:
    from quotedrift.config import Settings
    from quotedrift.run import pipeline

    text = "".join(f'"Quotation number {i} is here," Elena Varga said.\n\n' for i in range(6))
    (tmp_path / "many.txt").write_text(text, encoding="utf-8")
    settings = Settings(processes=1, cache=False, max_quotes=3, include_indirect=False)
    result = pipeline.extract([tmp_path], settings)
    (extraction,) = result.extractions
    assert [q.text for q in extraction.quotes] == [
        f"Quotation number {i} is here" for i in range(3)
    ]
    (problem,) = result.problems
    assert not problem.fatal and "6 quotations found; only the first 3" in problem.message
    whole = pipeline.extract([tmp_path], Settings(processes=1, cache=False, include_indirect=False))
    assert len(whole.extractions[0].quotes) == 6 and whole.problems == ()


@pytest.mark.parametrize("processes", [1, 2])
def test_article_over_its_time_budget_fails_alone(
    processes: int, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import time

    from quotedrift.config import Settings
    from quotedrift.extraction import article as extraction
    from quotedrift.run import pipeline

    if processes > 1:  # forked workers inherit the slow stand-in below
        if not sys.platform.startswith("linux"):
            pytest.skip("forked workers only on Linux")
        monkeypatch.setattr(extraction, "_start_method", lambda: "fork")
    finish = extraction.build_extraction

    def slow_on_one(article, *args, **kwargs):  # type: ignore[no-untyped-def]
        if article.id == "slow.txt":
            time.sleep(300)  # text that is slow in a way its size does not show
        return finish(article, *args, **kwargs)

    monkeypatch.setattr(extraction, "build_extraction", slow_on_one)
    for name in ("fast.txt", "slow.txt", "zz_fast.txt"):
        (tmp_path / name).write_text(GOOD_TXT, encoding="utf-8")
    settings = Settings(processes=processes, cache=False, max_article_seconds=5.0)
    result = pipeline.extract([tmp_path], settings)
    assert [e.article.id for e in result.extractions] == ["fast.txt", "zz_fast.txt"]
    assert all(SAID in [q.text for q in e.quotes] for e in result.extractions)
    (problem,) = result.problems
    assert problem.path.endswith("slow.txt")
    assert "took longer than 5 s (max_article_seconds)" in problem.message


# ---------------------------------------------------------------------------------------------
# Runs at once


@needs_story
def test_two_compare_runs_at_once_match_a_lone_run(tmp_path: Path) -> None:
    """Two processes sharing one cache folder and one --store, started together, each print
    the JSON a lone run over a cache and store of its own prints."""
    import shutil

    story = tmp_path / "story"
    shutil.copytree(STORY, story)
    env = {**os.environ, "HF_HUB_OFFLINE": "1"}

    def compare(cache: Path, store: Path) -> subprocess.Popen[str]:
        return subprocess.Popen(
            [sys.executable, "-m", "quotedrift.cli", "compare", str(story), "-f", "json",
             "--processes", "1", "--cache-dir", str(cache), "--store", str(store)],
            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env, cwd=REPO,
        )  # fmt: skip

    lone_out, lone_err = compare(tmp_path / "lone-cache", tmp_path / "lone.db").communicate(600)
    assert lone_out, lone_err
    runs = [compare(tmp_path / "cache", tmp_path / "shared.db") for _ in range(2)]
    outputs = [run.communicate(timeout=600) for run in runs]
    for run, (out, err) in zip(runs, outputs, strict=True):
        assert run.returncode == 0, err
        assert "Traceback" not in err and "corrupt" not in err
        assert out == lone_out
