"""Renderers: golden files, contracts, escaping, formula neutralisation, determinism.

Golden files live in tests/golden/; regenerate them after a deliberate change with
``QUOTEDRIFT_REGEN=1 python -m pytest tests/test_report.py`` and review the diff.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json
import os
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_report import build_extractions, build_report

from quotedrift.errors import ConfigError
from quotedrift.records import TIER_ORDER, Drift, Edit, Report, Version
from quotedrift.report.extraction import extraction_records, render_extraction
from quotedrift.report.formats import csv_safe
from quotedrift.report.html import render_html
from quotedrift.report.html_builder import outlet_summary
from quotedrift.report.html_pieces import context_pieces, diff_pieces
from quotedrift.report.plain_words import describe_flag, free_notes, join_words, speaker_shown
from quotedrift.report.text import md_diff, md_escape, render_report, report_to_dict
from quotedrift.report.worst import headlines, order_report

GOLDEN = Path(__file__).parent / "golden"
REGEN = os.environ.get("QUOTEDRIFT_REGEN") == "1"
PAYLOADS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "<img src=x onerror=\"document.title='pwned'\">",
)


def _golden(name: str, text: str) -> None:
    path = GOLDEN / name
    if REGEN:
        GOLDEN.mkdir(exist_ok=True)
        path.write_text(text, encoding="utf-8", newline="")
    assert path.exists(), f"missing golden file {path}: run with QUOTEDRIFT_REGEN=1"
    assert text == path.read_text(encoding="utf-8"), f"{name} differs from its golden file"


# ---------------------------------------------------------------------------------------------
# golden files and determinism


@pytest.mark.parametrize(
    ("fmt", "name"),
    [
        ("markdown", "report.md"),
        ("csv", "report.csv"),
        ("json", "report.json"),
        ("table", "report.txt"),
        ("html", "report.html"),
    ],
)
def test_report_matches_golden(fmt: str, name: str) -> None:
    _golden(name, render_report(build_report(), fmt))  # type: ignore[arg-type]


@pytest.mark.parametrize(("fmt", "name"), [("jsonl", "extract.jsonl"), ("csv", "extract.csv")])
def test_extraction_matches_golden(fmt: str, name: str) -> None:
    _golden(name, render_extraction(build_extractions(), fmt))  # type: ignore[arg-type]


@pytest.mark.parametrize("fmt", ["table", "markdown", "csv", "json", "html"])
def test_report_is_deterministic(fmt: str) -> None:
    # Two independently built reports, so nothing can lean on object identity or caching.
    first = render_report(build_report(PAYLOADS[0]), fmt)  # type: ignore[arg-type]
    second = render_report(build_report(PAYLOADS[0]), fmt)  # type: ignore[arg-type]
    assert first == second
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", first), "no timestamps in output"


@pytest.mark.parametrize("fmt", ["table", "jsonl", "json", "csv"])
def test_extraction_is_deterministic(fmt: str) -> None:
    first = render_extraction(build_extractions(), fmt)  # type: ignore[arg-type]
    assert first == render_extraction(build_extractions(), fmt)  # type: ignore[arg-type]


def test_unknown_format_raises_config_error() -> None:
    with pytest.raises(ConfigError, match="unknown output format 'yaml'"):
        render_report(build_report(), "yaml")  # type: ignore[arg-type]
    with pytest.raises(ConfigError, match="unknown output format 'html'"):
        render_extraction(build_extractions(), "html")  # type: ignore[arg-type]


# ---------------------------------------------------------------------------------------------
# contracts


def test_extraction_jsonl_contract() -> None:
    extractions = build_extractions()
    texts = {e.article.path: e.article.text for e in extractions}
    lines = render_extraction(extractions, "jsonl").splitlines()
    assert len(lines) == sum(len(e.quotes) == 0 or len(e.quotes) for e in extractions) == 11
    kinds = set()
    for line in lines:
        record = json.loads(line)
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
        } <= record.keys()
        assert record["article"] in texts
        assert record["outlet"] is None or isinstance(record["outlet"], str)
        assert record["kind"] in ("direct", "partial", "indirect")
        kinds.add(record["kind"])
        assert isinstance(record["confidence"], float) and 0.0 <= record["confidence"] <= 1.0
        # Every span points at the words it claims, in the article it names.
        for start, end in record["spans"]:
            assert isinstance(start, int) and isinstance(end, int)
            assert texts[record["article"]][start:end] in record["text"]
        speaker = record["speaker"]
        assert speaker is not None
        assert {"mention", "span", "name", "title", "kind", "id"} <= speaker.keys()
        assert texts[record["article"]][slice(*speaker["span"])] == speaker["mention"]
        cue = record["cue"]
        assert cue is not None and texts[record["article"]][slice(*cue["span"])] == cue["text"]
    assert kinds == {"direct", "partial", "indirect"}
    # The ledger article has no outlet: null, not a guessed name.
    assert any(json.loads(line)["outlet"] is None for line in lines)


def test_extraction_of_nothing_is_empty_not_an_error() -> None:
    assert render_extraction([], "jsonl") == ""
    assert json.loads(render_extraction([], "json")) == []
    assert render_extraction([], "csv").count("\n") == 1  # header only
    assert "No quotations found" in render_extraction([], "table")
    assert extraction_records([]) == []


def test_compare_json_contract() -> None:
    data = json.loads(render_report(build_report(), "json"))
    assert data == report_to_dict(order_report(build_report()))
    assert json.loads(render_report(build_report(), "json", "original")) == report_to_dict(
        build_report()
    )
    # The most severe change leads, one line each.
    assert [w["line"] for w in data["worst"]][:2] == [
        "Daily Meridian: \u201cWe will win this fight\u201d has no source in the original "
        "(Ines Varga)",
        "Daily Meridian: 12 -> 20 other ports (Ines Varga)",
    ]
    assert data["reference"] == {
        "article": "wire.txt",
        "reason": build_report().reference.reason,
        "rule": "wire",
    }
    assert {"article", "outlet", "date", "wire"} <= data["articles"][0].keys()
    assert {"id", "name", "titles", "kind", "aliases"} <= data["speakers"][0].keys()
    version_keys = {
        "quote_id",
        "article",
        "outlet",
        "kind",
        "text",
        "speaker_as_written",
        "original_quote_ids",
        "tier",
        "drift",
        "flags",
        "metrics",
        "added",
        "dropped",
        "rendered_spans",
        "rendered_text",
    }
    seen_tiers = set()
    for statement in data["statements"]:
        assert {"quote_ids", "article", "text", "reason"} <= statement["original"].keys()
        assert isinstance(statement["not_in_original"], bool)
        assert statement["speaker"] in {s["id"] for s in data["speakers"]}
        for version in statement["versions"]:
            assert version_keys <= version.keys()
            assert 0 <= version["drift"] <= 100
            assert version["tier"] in TIER_ORDER
            seen_tiers.add(version["tier"])
            assert set(version["metrics"]) == {
                "cosine",
                "containment",
                "reverse_containment",
                "word_similarity",
            }
            for value in version["metrics"].values():
                assert value == round(value, 3)
    assert {"meaning_changed", "excerpt", "verbatim", "indirect"} <= seen_tiers
    assert data["unsupported"][0]["text"] == "We will win this fight"
    assert {"quote_id", "article", "speaker", "text"} <= data["unsupported"][0].keys()
    assert data["problems"] == [
        {"path": "story/broken.pdf", "message": "binary file: not a text article", "fatal": True}
    ]


def test_compare_json_traces_every_quotation_to_its_words_and_speaker() -> None:
    # An outside scorer matches each quotation in the JSON to the words it came from and to who
    # said it: every original, version and unsupported record carries spans into its article and
    # the resolved speaker's id.
    report = build_report()
    data = json.loads(render_report(report, "json"))
    texts = {a.id: a.text for a in report.articles}
    quotes = {q.id: q for s in report.statements for q in s.original}
    quotes |= {v.quote.id: v.quote for s in report.statements for v in s.versions}
    quotes |= {v.quote.id: v.quote for v in report.unsupported}
    speaker_ids = {s["id"] for s in data["speakers"]}
    records = [q for s in data["statements"] for q in s["original"]["quotes"]]
    assert [r["quote_id"] for r in records] == [
        i for s in data["statements"] for i in s["original"]["quote_ids"]
    ]
    records += [v for s in data["statements"] for v in s["versions"]] + data["unsupported"]
    assert len(records) == len(quotes)
    for record in records:
        quote = quotes[record["quote_id"]]
        pieces = [texts[record["article"]][start:end] for start, end in record["spans"]]
        assert " ".join(pieces) == quote.text
        assert quote.speaker is not None
        assert record["speaker"] == quote.speaker.id
        assert record["speaker"] in speaker_ids
    for statement in data["statements"]:
        for original in statement["original"]["quotes"]:
            assert original["speaker"] in (statement["speaker"], None)


def test_json_rounds_floats_to_three_places() -> None:
    report = build_report()
    statement = report.statements[0]
    version = statement.versions[0]
    noisy = dataclasses.replace(
        version,
        drift=dataclasses.replace(
            version.drift,
            score=81.123456789,
            metrics=dataclasses.replace(version.drift.metrics, cosine=0.1 + 0.2),
        ),
    )
    report = dataclasses.replace(
        report,
        statements=(dataclasses.replace(statement, versions=(noisy,)),) + report.statements[1:],
    )
    text = render_report(report, "json")
    assert '"drift": 81.123' in text and '"cosine": 0.3,' in text
    assert "0.30000000000000004" not in text


# ---------------------------------------------------------------------------------------------
# plain words


@pytest.mark.parametrize(
    ("statement", "version", "flag", "expected"),
    [
        (0, 0, "number_changed", "number changed: 12 -> 20"),
        (0, 0, "hedge_dropped", "hedge dropped: may"),
        (0, 0, "words_never_said", "words the speaker never said: will, 20"),
        (2, 1, "merged", "merged two quotations"),
        (2, 1, "silent_elision", "words cut without an ellipsis: Talks remain"),
        (3, 0, "attribution_changed", "speaker changed: attributed to The port operator"),
        (1, 0, "some_new_flag", "some new flag"),
    ],
)
def test_flags_in_plain_words(statement: int, version: int, flag: str, expected: str) -> None:
    v = build_report().statements[statement].versions[version]
    assert describe_flag(flag, v) == expected


def _version_with(
    flags: tuple[str, ...], notes: tuple[str, ...], edits: tuple[Edit, ...]
) -> Version:
    base = build_report().statements[0].versions[0]
    drift = Drift(
        tier="reworded",
        score=30.0,
        flags=flags,
        metrics=base.drift.metrics,
        edits=edits,
        added=tuple(" ".join(e.version) for e in edits if e.version and e.op != "keep"),
        dropped=tuple(" ".join(e.original) for e in edits if e.original and e.op != "keep"),
        notes=notes,
    )
    return dataclasses.replace(base, drift=drift)


@pytest.mark.parametrize(
    ("flag", "notes", "edits", "expected"),
    [
        # The drift stage's "<flag>: <detail>" note wins over anything read off the edits.
        ("number_changed", ("number_changed: six",), (), "number changed: six"),
        (
            "number_changed",
            (),
            (Edit("replace", ("been", "arrested", "and", "six"), ("the", "group")),),
            "number changed: six -> (none)",
        ),
        ("number_changed", ("words_never_said: 12",), (), "number changed"),
        ("negation_changed", (), (Edit("drop", ("did", "not"), ()),), "negation changed: not"),
        ("hedge_dropped", (), (Edit("drop", ("may", "well"), ()),), "hedge dropped: may"),
        ("hedge_dropped", (), (Edit("drop", ("today",), ()),), "hedge dropped"),
        (
            "name_changed",
            (),
            (Edit("replace", ("Foley",), ("Fowley",)),),
            "name changed: Foley -> Fowley",
        ),
        ("split", (), (), "one of several pieces of a split quotation"),
    ],
)
def test_flag_details_from_notes_and_edits(
    flag: str, notes: tuple[str, ...], edits: tuple[Edit, ...], expected: str
) -> None:
    version = _version_with((flag,), notes, edits)
    assert describe_flag(flag, version) == expected


def test_free_notes_leave_out_flag_details() -> None:
    notes = ("number_changed: 12 -> 20", "silent_elision: kept because flag absent", "plain note")
    version = _version_with(("number_changed",), notes, ())
    assert free_notes(version.drift) == ["silent_elision: kept because flag absent", "plain note"]


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (("fair", "deal", ".", "Talks"), "fair deal. Talks"),
        (("enforced", ",", "and"), "enforced, and"),
        (("\u201c", "We", "won", "\u201d"), "\u201cWe won\u201d"),
        ((), ""),
    ],
)
def test_join_words(words: tuple[str, ...], expected: str) -> None:
    assert join_words(words) == expected


# ---------------------------------------------------------------------------------------------
# Markdown


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("plain words", "plain words"),
        ("a|b", "a\\|b"),
        ("*bold* _it_", "\\*bold\\* \\_it\\_"),
        ("`code`", "\\`code\\`"),
        ("<script>alert(1)</script>", "\\<script>alert(1)\\</script>"),
        ("[link](http://x)", "\\[link\\](http://x)"),
        ("two\nlines", "two lines"),
        ("~~struck~~", "\\~\\~struck\\~\\~"),
    ],
)
def test_md_escape(text: str, expected: str) -> None:
    assert md_escape(text) == expected


def test_md_diff_marks_dropped_and_added_words() -> None:
    edits = (
        Edit("keep", ("we",), ("we",)),
        Edit("replace", ("may",), ("will",)),
        Edit("drop", ("a|b",), ()),
        Edit("insert", (), ("*c*",)),
    )
    assert md_diff(edits) == "we ~~may~~ **will** ~~a\\|b~~ **\\*c\\***"


def _unescaped_pipes(line: str) -> int:
    return len(re.findall(r"(?<!\\)\|", line))


def test_markdown_escapes_payloads_and_keeps_tables_intact() -> None:
    text = render_report(build_report("|<b>*x*_y_`z`"), "markdown")
    assert re.search(r"(?<!\\)<", text) is None, "every < is escaped"
    assert "\\<b>" in text
    table_lines = [line for line in text.splitlines() if line.startswith("| ")]
    assert table_lines
    for line in table_lines:
        # Each table keeps its column count: no payload pipe splits a cell.
        assert _unescaped_pipes(line) in (4 + 1, 5 + 1, 3 + 1), line
    assert "\\*x\\*\\_y\\_\\`z\\`" in text


def test_markdown_renders_as_intended_with_payloads() -> None:
    # A CommonMark + GFM-tables/strikethrough renderer with raw HTML *allowed*, as in many chat
    # and ticket tools: escaping must be what keeps payloads from becoming tags.
    markdown_it = pytest.importorskip("markdown_it")
    renderer = markdown_it.MarkdownIt("commonmark", {"html": True}).enable(
        ["table", "strikethrough"]
    )
    for payload in PAYLOADS + ("|*x*_y_`z`~~w~~",):
        text = render_report(build_report(payload), "markdown")
        html = renderer.render(text)
        assert "<script" not in html and "<img" not in html, payload
        # Every diff marker became a strike or strong element: none is left as literal ~~/**.
        cells = re.findall(r"<td>(.*?)</td>", html)
        assert cells
        # (the payload's own "~~w~~" is text, and a diff may show it apart from its "|*x*")
        assert not [c for c in cells if "~~" in c.replace("~~w~~", "")]
        assert html.count("<s>") == text.count("~~") // 2
        # Escaped text is shown literally, never as code or emphasis.
        assert "<code>" not in html
        # Rows keep their column count, so no payload pipe split a cell.
        for row in re.findall(r"<tr>(.*?)</tr>", html, re.DOTALL):
            assert row.count("<td") in (0, 3, 4, 5), row


# ---------------------------------------------------------------------------------------------
# CSV


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("+1+2", "'+1+2"),
        ("-2+3", "'-2+3"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("\rcmd", "'\rcmd"),
        ("plain", "plain"),
        ("a=b", "a=b"),
        ("", ""),
        (3, 3),
    ],
)
def test_csv_safe(value: object, expected: object) -> None:
    assert csv_safe(value) == expected


def _with_hostile_cells(report: Report) -> Report:
    statement = report.statements[0]
    version = statement.versions[0]
    hostile_quote = dataclasses.replace(version.quote, text="=cmd|' /C calc'!A0")
    hostile = dataclasses.replace(
        version, quote=hostile_quote, outlet="+Evil Daily", speaker_as_written="@Varga"
    )
    return dataclasses.replace(
        report,
        statements=(dataclasses.replace(statement, versions=(hostile,) + statement.versions[1:]),)
        + report.statements[1:],
    )


def test_csv_neutralises_formula_injection() -> None:
    text = render_report(_with_hostile_cells(build_report()), "csv")
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][:3] == ["statement", "speaker", "speaker_id"]
    assert len(rows) == 1 + 6 + 1  # header, six versions, one unsupported
    for row in rows[1:]:
        for cell in row:
            assert not cell.startswith(("=", "+", "-", "@", "\t", "\r")), cell
    assert "'=cmd|' /C calc'!A0" in rows[1]
    assert "'+Evil Daily" in rows[1] and "'@Varga" in rows[1]


def test_extraction_csv_neutralises_formula_injection() -> None:
    extraction = build_extractions()[0]
    quote = dataclasses.replace(extraction.quotes[0], text="=1+1")
    text = render_extraction([dataclasses.replace(extraction, quotes=(quote,))], "csv")
    assert list(csv.reader(io.StringIO(text)))[1][-1] == "'=1+1"


# ---------------------------------------------------------------------------------------------
# HTML


class _Tags(HTMLParser):
    """Collects every tag and attribute of a page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []
        self.text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))

    def handle_data(self, data: str) -> None:
        self.text.append(data)


def _parse(page: str) -> _Tags:
    parser = _Tags()
    parser.feed(page)
    return parser


@pytest.mark.parametrize("payload", PAYLOADS)
def test_html_escapes_article_text_everywhere(payload: str) -> None:
    page = render_html(build_report(payload))
    assert payload not in page
    parsed = _parse(page)
    tags = [t for t, _ in parsed.tags]
    assert tags.count("script") == 1  # ours, nothing injected
    assert "img" not in tags
    for _tag, attrs in parsed.tags:
        for name, _value in attrs:
            assert not name.startswith("on"), f"event handler attribute {name}"
    text = "".join(parsed.text)
    # The payload is shown as text: in quotes, speaker names, outlet names and file names.
    assert text.count(payload) >= 10
    assert f"story/ledger{payload}.txt" in text
    assert f"Daily Meridian{payload}" in text
    assert f"Ines Varga{payload}" in text


def test_html_is_self_contained() -> None:
    page = render_html(build_report())
    parsed = _parse(page)
    for tag, attrs in parsed.tags:
        assert tag not in ("link", "iframe", "object", "embed", "img"), tag
        for name, value in attrs:
            assert name != "src", f"<{tag} src=...> would fetch"
            if name == "href":
                assert value is not None and value.startswith("#"), value
    assert "http://" not in page and "https://" not in page and "//cdn" not in page


def test_html_csp_allows_only_its_own_script() -> None:
    import base64
    import hashlib

    page = render_html(build_report())
    script = re.search(r"<script>(.*?)</script>", page, re.DOTALL)
    assert script is not None
    digest = base64.b64encode(hashlib.sha256(script.group(1).encode()).digest()).decode()
    assert f"script-src 'sha256-{digest}'" in page
    assert "default-src 'none'" in page


def test_html_contents() -> None:
    report = build_report()
    page = render_html(report)
    text = " ".join("".join(_parse(page).text).split())
    for expected in (
        "Harbour strike halts shipping at Port Calder",  # the story
        ": the only article with a wire credit (NPA)",  # why this one is the original
        "number changed: 12 -> 20",
        "merged two quotations",
        "words the speaker never said: will, 20",
        "attributed to Ines Varga",  # the name resolved, not only the words as written
        "attributed to Dana Whitfield (written as \u201cMinister Whitfield\u201d)",
        "Files that could not be read",
        "binary file: not a text article",
        "We will win this fight",
    ):
        assert expected in text, expected
    # Heatmap columns are labelled with each statement's first words; the page's text holds no
    # quotation ids (article#n) or statement ids (s1).
    assert "We will not return\u2026" in text and "The government has offered\u2026" in text
    assert not re.search(r"\w#\d|\bs\d\b", text), re.findall(r"\S*\w#\d\S*|\bs\d\b", text)
    # Diff markup: dropped, inserted and replaced words, and the outlet's elision mark.
    assert '<span class="old" title="replaced">Talks remain</span>' in page
    assert '<span class="new" title="replacement">It is</span>' in page
    assert '<ins title="never said">and</ins>' in page
    assert '<span class="old" title="replaced">12</span>' in page
    assert '<span class="elision" title="elision marked by the outlet">...</span>' in page
    # The quotation in context, highlighted, works without JS (<details>).
    assert "<mark>We will win this fight</mark>" in page
    # Tier badges and the heatmap.
    assert 'class="badge tier-meaning_changed"' in page
    assert page.count('<td class="cell"') == 6
    # Filters are hidden until JS shows them, so the page reads well with JS off.
    assert '<div class="controls" id="controls" hidden>' in page


def test_outlet_summary_counts_and_fidelity() -> None:
    rows = {row.outlet: row for row in outlet_summary(build_report())}
    assert set(rows) == {"Daily Meridian", "ledger.txt"}
    meridian = dict(zip(TIER_ORDER, rows["Daily Meridian"].counts, strict=True))
    assert rows["Daily Meridian"].total == 4
    assert meridian["verbatim"] == 1 and meridian["unsupported"] == 1
    assert rows["Daily Meridian"].fidelity == "25%"
    assert rows["ledger.txt"].total == 3 and rows["ledger.txt"].fidelity == "67%"


def test_empty_report_renders_in_every_format() -> None:
    empty = dataclasses.replace(build_report(), statements=(), unsupported=(), problems=())
    assert "No statements found." in render_report(empty, "table")
    assert json.loads(render_report(empty, "json"))["statements"] == []
    assert render_report(empty, "csv").count("\n") == 1
    assert "No statements were found" in render_report(empty, "html")
    assert "##" not in render_report(empty, "markdown")


def test_diff_pieces_kinds() -> None:
    pieces = diff_pieces(
        (
            Edit("keep", ("We", "won"), ("We", "won")),
            Edit("insert", (), ("...",)),
            Edit("drop", ("today",), ()),
            Edit("replace", ("12",), ("20",)),
            Edit("keep", (".",), (".",)),
        )
    )
    assert [(p.text, p.kind, p.space) for p in pieces] == [
        ("We won", "keep", False),
        ("...", "elision", True),
        ("today", "drop", True),
        ("12", "old", True),
        ("20", "new", True),
        (".", "keep", False),
    ]


def test_context_pieces_highlight_the_quote_in_its_sentence() -> None:
    report = build_report()
    article = report.articles[0]
    quote = report.statements[1].original[0]  # "unlawful and reckless", inside a sentence
    pieces = context_pieces(article, quote.spans)
    assert [p.kind for p in pieces] == ["text", "quote", "text"]
    assert pieces[0].text == 'Transport Minister Dana Whitfield said the stoppage was "'
    assert pieces[1].text == "unlawful and reckless"
    assert pieces[2].text == '".'


@pytest.mark.parametrize("spans", [((-1, 4),), ((10, 10_000),), ((9, 3),), ()])
def test_context_pieces_tolerate_bad_spans(spans: tuple[tuple[int, int], ...]) -> None:
    assert context_pieces(build_report().articles[0], spans) == ()


def pasted_back(cell: str) -> str:
    """A Markdown diff cell as a reader pasting it would keep it: cut words out, marks off."""
    text = re.sub(r"~~(?:[^~\\]|\\.)*~~ ?", "", cell)
    text = text.replace("**", "")
    return re.sub(r"\\(.)", r"\1", text).strip()


def markdown_versions(markdown: str) -> list[str]:
    """The version cells of every statement table."""
    cells = []
    for line in markdown.splitlines():
        parts = re.split(r"(?<!\\)\|", line)
        if len(parts) == 7 and parts[2].strip() not in ("Tier", "---"):
            cells.append(parts[5].strip())
    return cells


def test_a_markdown_version_pasted_back_is_in_the_article() -> None:
    report = build_report()
    texts = {a.id: a.text for a in report.articles}
    # a table cell holds no edge spaces
    versions = {v.quote.text.strip(): v for s in report.statements for v in s.versions}
    cells = markdown_versions(render_report(report, "markdown"))
    assert len(cells) == len(versions) == 6
    assert any("~~" in c for c in cells) and any("**" in c for c in cells)
    for cell in cells:
        pasted = pasted_back(cell)
        assert pasted in versions, cell
        assert pasted in texts[versions[pasted].quote.article], cell


def test_every_format_opens_with_the_worst_change() -> None:
    report = build_report()
    worst = headlines(report)
    assert worst[0].tier == "unsupported" and worst[1].tier == "meaning_changed"
    first = worst[0].line
    table = render_report(report, "table")
    assert table.index("Most severe changes") < table.index("==") and first in table
    markdown = render_report(report, "markdown")
    assert markdown.index("## Most severe changes") < markdown.index("| Article |")
    assert md_escape(first) in markdown
    assert json.loads(render_report(report, "json"))["worst"][0]["line"] == first
    rows = list(csv.DictReader(io.StringIO(render_report(report, "csv"))))
    assert rows[0]["tier"] == "meaning_changed" and rows[0]["change"] == worst[1].line
    page = render_html(report)
    assert page.index("Most severe changes") < page.index("Outlets at a glance")


def test_severity_order_and_original_order() -> None:
    report = build_report()
    ordered = order_report(report)
    # s1 (a changed number) leads, s2 (verbatim only) comes last; versions worst first.
    assert [s.id for s in ordered.statements] == ["s1", "s3", "s4", "s2"]
    assert [v.drift.tier for v in ordered.statements[0].versions] == ["meaning_changed", "excerpt"]
    assert order_report(report, "original") is report
    markdown = render_report(report, "markdown", "original")
    assert markdown.index("### s1") < markdown.index("### s2") < markdown.index("### s3")
    with pytest.raises(ConfigError):
        render_report(report, "markdown", "random")
    # The page sorts itself by severity on load; "as in the original" keeps each item's rank.
    page = render_html(report)
    assert '<option value="severity" selected>' in page
    assert '<option value="severity">' in render_html(report, "original")


@pytest.mark.parametrize(
    ("name", "mention", "shown"),
    [
        # a pronoun or role is never all an editor reads
        ("Tom Fox", "he", "Tom Fox (as written: he)"),
        ("Anna Price", "the governor", "Anna Price (as written: the governor)"),
        # a mention that holds the name is shown as written
        ("Leah Foley", "US Attorney Leah Foley", "US Attorney Leah Foley"),
        ("port operator", "The port operator", "The port operator"),
        ("Ines Varga", None, "Ines Varga"),
    ],
)
def test_speaker_shown_with_the_mention_beside_the_name(name, mention, shown) -> None:
    assert speaker_shown(name, mention) == shown


# ---------------------------------------------------------------------------------------------
# the terminal table at the terminal's width; statements no other outlet carried


@pytest.mark.parametrize("width", [60, 80, 100, 120, 158])
def test_table_fits_the_width_it_is_given(width: int) -> None:
    text = render_report(build_report(), "table", width=width)
    assert max(len(line) for line in text.splitlines()) <= width
    for must in ("Daily Meridian", "meaning_changed", "drift", "number changed"):
        assert must in text, must
    if width < 100:  # a version's flags are whole lines of their own, not cut up in a cell
        assert "number changed: 12 -> 20; hedge dropped: may" in " ".join(text.split())
    # Below 100 columns there is no grid at all: one block of lines per version.
    assert ("\u2502" in text) == (width >= 100)
    assert ("added/dropped" in text) is False  # only the full table has that column


def test_table_without_a_width_is_the_full_golden_layout() -> None:
    full = render_report(build_report(), "table")
    assert full == render_report(build_report(), "table", width=159)
    assert "added/dropped" in full and max(len(line) for line in full.splitlines()) > 150


def _with_a_statement_nobody_carried(report: Report) -> Report:
    lonely = dataclasses.replace(report.statements[1], id="s5", versions=())
    return dataclasses.replace(report, statements=(*report.statements, lonely))


def test_statements_nobody_carried_are_listed_once_without_empty_tables() -> None:
    report = _with_a_statement_nobody_carried(build_report())
    markdown = render_report(report, "markdown")
    lines = markdown.splitlines()
    assert lines.count("## Not carried by any other outlet") == 1
    assert "- s5, Dana Whitfield (Transport Minister): unlawful and reckless" in lines
    assert "### s5: unlawful and reckless" not in lines
    # Every table header row is followed by its rule and at least one row.
    for i, line in enumerate(lines):
        if line.startswith("| ---"):
            assert lines[i + 1].startswith("| "), lines[i - 1]
    for width in (None, 120, 80):
        table = render_report(report, "table", width=width)
        assert table.count("== Not carried by any other outlet ==") == 1
        assert "[s5] Dana Whitfield (Transport Minister): unlawful and reckless" in table
        assert "[s5]\n" not in table


def test_check_fails_on_words_never_said_and_moved_words_whatever_the_tier() -> None:
    from quotedrift.run.check import _problems_only

    report = build_report()
    # The fixture's ledger version of s4 is reported speech: check leaves it to compare.
    moved = dataclasses.replace(
        report.statements[1].versions[0],
        drift=dataclasses.replace(
            report.statements[1].versions[0].drift,
            tier="attribution_changed",
            flags=("attribution_changed",),
        ),
    )
    statements = (
        report.statements[0],
        dataclasses.replace(report.statements[1], versions=(moved,)),
        *report.statements[2:],
    )
    report = dataclasses.replace(report, statements=statements)
    result = _problems_only(report, "unsupported")
    failed = {v.quote.id: v.drift.tier for v in result.failures}
    assert failed == {
        "meridian.html#1": "meaning_changed",  # a changed number
        "meridian.html#2": "attribution_changed",  # verbatim words, another speaker
        "meridian.html#3": "reworded",  # "and": a word never said
        "ledger.txt#2": "paraphrased",  # "It is": words never said
        "meridian.html#4": "unsupported",
    }


@pytest.mark.parametrize(
    ("version", "kinds"),
    [
        # the outlet's own "...": the words it stands for are a marked cut, the mark an elision
        ("The plan is, ... a disaster for us.", ["text", "cut", "text", "elision", "text", "text"]),
        # the same words cut silently
        ("The plan is a disaster for us.", ["text", "drop", "text", "text"]),
    ],
)
def test_html_tells_a_marked_cut_from_a_silent_one(version: str, kinds: list[str]) -> None:
    from quotedrift.comparison.drift import measure

    pieces = diff_pieces(measure(["The plan is, frankly, a disaster for us."], version).edits)
    assert [p.kind for p in pieces if p.text.strip()] == kinds
    assert [p.text for p in pieces if p.kind in ("cut", "drop")] == ["frankly"]
    # Without the cut words the pieces are the outlet's text, punctuation and all (the space
    # that sets the cut words apart aside).
    shown = " ".join("".join(p.text for p in pieces if p.kind not in ("cut", "drop")).split())
    assert re.sub(r" ([,;:!?]|\.(?!\.))", r"\1", shown) == version
