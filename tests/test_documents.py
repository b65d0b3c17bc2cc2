"""Word and PDF articles: made-up drafts and press releases that the tests write themselves."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from documents import write_docx, write_pdf
from typer.testing import CliRunner

from quotedrift.cli import app
from quotedrift.errors import InputError
from quotedrift.read.ingest import read_articles, read_file

runner = CliRunner()

RELEASE = [
    "Lakemoor Water Board",
    "Lakemoor, May 12 (PRW) The Lakemoor Water Board on Monday closed two reservoirs for "
    "testing after traces of algae were found.",
    '"We will reopen both reservoirs once every sample is clean," board chair Tomas Reyes said.',
    "The reservoirs supply about 40,000 homes in the valley.",
]
# The same release as a PDF lays it out: paragraphs wrapped over lines of about 70 characters,
# one word split by a hyphen at a line end.
PDF_LINES = [
    "Lakemoor Water Board",
    "",
    "Lakemoor, May 12 (PRW) The Lakemoor Water Board on Monday closed two",
    "reservoirs for testing after traces of algae were found.",
    "",
    '"We will reopen both reservoirs once every sample is clean," board chair',
    "Tomas Reyes said. The reservoirs supply about 40,000 homes in the val-",
    "ley and the nearby farms, which draw their water from the same pipes.",
    "Tests continue.",
]


# ---------------------------------------------------------------------------------------------
# Reading


def test_docx_paragraphs_title_and_tables(tmp_path: Path) -> None:
    path = write_docx(
        tmp_path / "release.docx",
        RELEASE,
        title="Reservoirs closed for testing",
        table=[["Reservoir", "Status"], ["North", "closed"]],
    )
    [article] = read_file(path, article_id="release.docx")
    assert article.text.split("\n\n")[:4] == RELEASE
    assert article.text.endswith("Reservoir | Status\n\nNorth | closed")
    assert article.title == "Reservoirs closed for testing"
    assert article.encoding == "docx"


def test_pdf_lines_become_paragraphs(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "release.pdf", [PDF_LINES], title="Reservoirs closed")
    [article] = read_file(path, article_id="release.pdf")
    paragraphs = article.text.split("\n\n")
    assert paragraphs[0] == "Lakemoor Water Board"
    assert paragraphs[1].endswith(
        "closed two reservoirs for testing after traces of algae were found."
    )
    # The quotation is one line of text again, and the hyphenated word is whole.
    assert (
        '"We will reopen both reservoirs once every sample is clean," board chair Tomas'
        in (paragraphs[2])
    )
    assert "in the valley and the nearby farms" in paragraphs[2]
    assert paragraphs[2].endswith("from the same pipes. Tests continue.")
    assert len(paragraphs) == 3
    assert article.title == "Reservoirs closed"
    assert article.encoding == "pdf"


def test_pdf_pages_are_read_in_order(tmp_path: Path) -> None:
    path = write_pdf(tmp_path / "two.pdf", [["First page text."], ["Second page text."]])
    [article] = read_file(path, article_id="two.pdf")
    assert article.text == "First page text.\n\nSecond page text."


def test_a_pdf_saved_as_txt_is_read_as_pdf(tmp_path: Path) -> None:
    path = tmp_path / "release.txt"
    path.write_bytes(write_pdf(tmp_path / "x.pdf", [PDF_LINES]).read_bytes())
    [article] = read_file(path, article_id="release.txt")
    assert article.encoding == "pdf" and "Tomas Reyes said" in article.text


@pytest.mark.parametrize(
    ("name", "make", "message"),
    [
        ("scan.pdf", lambda p: write_pdf(p, [[]]), "PDF has no text layer (a scanned page?)"),
        ("broken.pdf", lambda p: p.write_bytes(b"%PDF-1.4\nnot really"), "not a readable PDF"),
        ("empty.docx", lambda p: write_docx(p, []), "Word document holds no text"),
        ("broken.docx", lambda p: p.write_bytes(b"PK\x03\x04junk"), "not a readable Word"),
        (
            "old.doc",
            lambda p: p.write_bytes(b"\xd0\xcf\x11\xe0" + b"\x00" * 64),
            "save it as .docx",
        ),
        ("sheet.xlsx", lambda p: p.write_bytes(b"PK\x03\x04" + b"\x00" * 64), "other than Word"),
    ],
)
def test_unreadable_documents_say_why(tmp_path: Path, name: str, make, message: str) -> None:
    path = tmp_path / name
    make(path)
    with pytest.raises(InputError) as caught:
        read_file(path, article_id=name)
    assert caught.value.path == str(path)
    assert message in caught.value.problem


def test_binary_files_name_the_types_that_are_read(tmp_path: Path) -> None:
    (tmp_path / "photo.jpg").write_bytes(b"\xff\xd8\xff\xe0" + b"\x00" * 32)
    _, problems = read_articles([tmp_path / "photo.jpg"])
    [problem] = problems
    assert "a JPEG image" in problem.message
    assert ".txt, .md, .html, .htm, .json, .jsonl, .docx and .pdf" in problem.message


def test_folders_yield_docx_and_pdf_with_the_rest(tmp_path: Path) -> None:
    write_docx(tmp_path / "a.docx", RELEASE)
    write_pdf(tmp_path / "b.pdf", [PDF_LINES])
    (tmp_path / "c.txt").write_text("\n\n".join(RELEASE), encoding="utf-8")
    (tmp_path / "d.xlsx").write_bytes(b"PK\x03\x04")  # not an article type: skipped silently
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a.docx", "b.pdf", "c.txt"]
    assert problems == []


# ---------------------------------------------------------------------------------------------
# The commands


@pytest.mark.model
def test_extract_reads_quotations_and_speakers_from_docx_and_pdf(tmp_path: Path) -> None:
    write_docx(tmp_path / "draft.docx", RELEASE)
    write_pdf(tmp_path / "release.pdf", [PDF_LINES])
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "--processes", "1"])
    assert result.exit_code == 0, result.stderr
    assert result.stderr == ""
    records = [json.loads(line) for line in result.stdout.splitlines()]
    quoted = {
        (r["article_id"], r["text"], r["speaker"]["name"] if r["speaker"] else None)
        for r in records
        if r["kind"] == "direct"
    }
    text = "We will reopen both reservoirs once every sample is clean"
    assert ("draft.docx", text, "Tomas Reyes") in quoted
    assert ("release.pdf", text, "Tomas Reyes") in quoted


@pytest.mark.model
def test_check_a_word_draft_against_a_pdf_release(tmp_path: Path) -> None:
    release = write_pdf(tmp_path / "release.pdf", [PDF_LINES])
    altered = [p.replace("once every sample", "when most samples") for p in RELEASE]
    cache = str(tmp_path / "cache")
    bad = runner.invoke(
        app,
        ["check", str(write_docx(tmp_path / "draft.docx", altered)), "--against", str(release)]
        + ["-f", "json", "--processes", "1", "--cache-dir", cache],
    )
    assert bad.exit_code == 1, bad.stderr
    versions = [v for s in json.loads(bad.stdout)["statements"] for v in s["versions"]]
    assert [v["text"][:30] for v in versions] == ["We will reopen both reservoirs"]
    assert "1 fails" in bad.stderr

    good = runner.invoke(
        app,
        ["check", str(write_docx(tmp_path / "ok.docx", RELEASE)), "--against", str(release)]
        + ["--processes", "1", "--cache-dir", cache],
    )
    assert good.exit_code == 0, good.stderr
    assert good.stdout.endswith("checked against 1 source: none fails\n")


def test_a_scanned_pdf_among_good_files_is_one_warning(tmp_path: Path) -> None:
    write_pdf(tmp_path / "scan.pdf", [[]])
    (tmp_path / "note.txt").write_text("Nothing quoted here.", encoding="utf-8")
    result = runner.invoke(app, ["extract", str(tmp_path), "-f", "jsonl", "--processes", "1"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"warning: {tmp_path / 'scan.pdf'}: PDF has no text layer (a scanned page?): quotedrift "
        "reads only the text of a PDF; run it through OCR (e.g. ocrmypdf) first"
    ]
    assert result.stdout == ""


@pytest.mark.model
def test_compare_a_pdf_release_with_its_word_rewrite(tmp_path: Path) -> None:
    write_pdf(tmp_path / "release.pdf", [PDF_LINES])
    rewrite = [
        p.replace("once every sample is clean", "when the samples are clean") for p in RELEASE
    ]
    write_docx(tmp_path / "rewrite.docx", rewrite)
    result = runner.invoke(
        app,
        ["compare", str(tmp_path), "--reference", "release.pdf", "-f", "json"]
        + ["--processes", "1", "--cache-dir", str(tmp_path / "cache")],
    )
    assert result.exit_code == 0, result.stderr
    data = json.loads(result.stdout)
    assert [a["article"] for a in data["articles"]] == ["release.pdf", "rewrite.docx"]
    [statement] = [s for s in data["statements"] if s["speaker_name"] == "Tomas Reyes"]
    [version] = statement["versions"]
    assert version["article"] == "rewrite.docx"
    assert version["tier"] in ("reworded", "paraphrased")
    assert version["added"] and version["dropped"]  # the words changed inside the marks
