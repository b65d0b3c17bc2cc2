"""Reading articles: formats, encodings, bad input, metadata, boilerplate, the seeds, data/."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quotedrift.config import Settings
from quotedrift.errors import InputError
from quotedrift.read.boilerplate import analyse_layout, furniture_kind, split_lines
from quotedrift.read.ingest import read_articles, read_file, read_text
from quotedrift.read.metadata import find_credit, find_dateline, parse_date, read_text_metadata
from quotedrift.records import Article

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SEED_GOLD = SHARED / "gold" / "seeds.json"
DATA = REPO / "data"
needs_shared = pytest.mark.skipif(not SEED_GOLD.is_file(), reason="../shared (seeds) absent")

BODY = (
    "Harbourton, March 3 (NPA) -\n"
    'The minister spoke on Tuesday. "We will inspect every vessel," Elena Varga said.\n'
)


def _inside(span: tuple[int, int], ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(start <= span[0] and span[1] <= end for start, end in ranges)


def _overlaps(span: tuple[int, int], ranges: tuple[tuple[int, int], ...]) -> bool:
    return any(span[0] < end and start < span[1] for start, end in ranges)


def _span_of(article: Article, text: str) -> tuple[int, int]:
    start = article.text.index(text)
    return start, start + len(text)


# ---------------------------------------------------------------------------------------------
# Formats


HTML = """<!DOCTYPE html><html><head><title>Ferry recall | The Coastal Times</title>
<meta property="og:site_name" content="The Coastal Times">
<meta property="og:title" content="Ferry recall announced">
<meta property="article:published_time" content="2026-03-03T10:00:00Z">
<script>var x = "We have found cracks";</script></head><body>
<nav><ul><li><a href="/">Home</a></li><li><a href="/local">Local</a></li></ul></nav>
<div class="ad">ADVERTISEMENT</div>
<article><h1>Ferry recall announced</h1>
<p>The port authority withdrew 12 ferries from service on Tuesday after inspectors found cracks in
their steering housings, leaving island commuters without their usual morning crossing.</p>
<p>"Every vessel will be inspected before it carries passengers again," spokesperson Tomas Lind
said at a briefing in the terminal building.</p>
<p>Replacement boats are due to arrive from the southern fleet later in the week, officials said,
and a reduced timetable will be published on Wednesday evening.</p></article>
<aside><h2>More stories</h2><ul><li><a href="/a">Council approves new fish market</a></li>
<li><a href="/b">Storm warning lifted for the outer islands</a></li></ul></aside>
<footer>© 2026 The Coastal Times. All rights reserved.</footer></body></html>"""


@pytest.mark.parametrize(
    ("name", "content", "expect_in_text", "expect"),
    [
        ("a.txt", BODY, "We will inspect every vessel", {"wire": "NPA", "dateline": "Harbourton"}),
        ("a.md", "# Ferry recall\n\n" + BODY, "# Ferry recall", {"title": "Ferry recall"}),
        (
            "a.json",
            json.dumps(
                {
                    "body": BODY,
                    "source": "Island Post",
                    "headline": "Recall",
                    "published": "2026-03-04T07:30:00Z",
                    "url": "https://x.example/a",
                }
            ),
            "We will inspect every vessel",
            {
                "outlet": "Island Post",
                "outlet_source": "metadata",
                "title": "Recall",
                "date": "2026-03-04",
                "url": "https://x.example/a",
            },
        ),
        (
            "a.json",
            json.dumps({"content": BODY, "source": {"id": None, "name": "Wire Daily"}}),
            "We will inspect every vessel",
            {"outlet": "Wire Daily"},
        ),
        (
            "a.html",
            HTML,
            "Every vessel will be inspected",
            {
                "outlet": "The Coastal Times",
                "title": "Ferry recall announced",
                "date": "2026-03-03",
            },
        ),
        ("a.log", BODY, "We will inspect every vessel", {"outlet": "a"}),  # explicit: read as text
    ],
)
def test_formats(
    tmp_path: Path, name: str, content: str, expect_in_text: str, expect: dict[str, str]
) -> None:
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    [article] = read_file(path, article_id=name)
    assert article.id == name and article.path == str(path)
    assert expect_in_text in article.text
    for key, value in expect.items():
        assert getattr(article, key) == value, key


def test_html_body_only(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HTML, encoding="utf-8")
    [article] = read_file(path, article_id="page.html")
    for furniture in ("ADVERTISEMENT", "var x", "Home", "fish market", "All rights reserved"):
        assert furniture not in article.text, furniture


def test_html_falls_back_to_lxml_when_trafilatura_finds_nothing(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    monkeypatch.setattr(trafilatura, "bare_extraction", lambda *a, **k: None)
    html = (
        "<html><body><nav>Home</nav><script>x()</script><p>Short <b>bold</b> note.</p>"
        "<div>Second line here.</div>tail</body></html>"
    )
    article = read_text(html, article_id="x.html", path="x.html", fmt="html")
    assert article.text == "Short bold note.\nSecond line here.\ntail"


def test_jsonl_good_and_bad_lines(tmp_path: Path) -> None:
    good = json.dumps({"text": BODY, "outlet": "Harbour FM"})
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{good}\n[1, 2]\n\n{{not json\n{good}\n", encoding="utf-8")
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["feed.jsonl:1", "feed.jsonl:5"]
    assert [a.path for a in articles] == [f"{path}:1", f"{path}:5"]
    assert [p.path for p in problems] == [f"{path}:2", f"{path}:4"]
    assert "not an article object" in problems[0].message
    assert "invalid JSON" in problems[1].message
    with pytest.raises(InputError, match=r"feed\.jsonl:2"):
        read_file(path, article_id="feed.jsonl")


def test_folder_walk_ids_order_and_skips(tmp_path: Path) -> None:
    (tmp_path / "b").mkdir()
    (tmp_path / "b" / "z.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "a.md").write_text(BODY, encoding="utf-8")
    (tmp_path / "notes.csv").write_text("x,y\n", encoding="utf-8")  # skipped silently
    (tmp_path / "image.png").write_bytes(b"\x89PNG\r\n\x1a\n")  # skipped silently (extension)
    (tmp_path / ".hidden").mkdir()
    (tmp_path / ".hidden" / "c.txt").write_text(BODY, encoding="utf-8")
    articles, problems = read_articles([tmp_path, tmp_path / "a.md"])
    assert [a.id for a in articles] == ["a.md", "b/z.txt"]  # a.md named twice, read once
    assert problems == []
    assert articles[1].path == str(tmp_path / "b" / "z.txt")


def test_same_relative_name_in_two_folders_keeps_both(tmp_path: Path) -> None:
    for folder in ("one", "two"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "x.txt").write_text(BODY + folder, encoding="utf-8")
    articles, _ = read_articles([tmp_path / "one", tmp_path / "two"])
    assert len(articles) == 2 and len({a.id for a in articles}) == 2


# ---------------------------------------------------------------------------------------------
# Encodings


@pytest.mark.parametrize(
    ("data", "encoding", "warned"),
    [
        (BODY.encode("utf-8"), "utf-8", False),
        (b"\xef\xbb\xbf" + BODY.encode("utf-8"), "utf-8-sig", False),
        (BODY.encode("utf-16"), "utf-16", False),  # with its BOM, native order
        (b"\xfe\xff" + BODY.encode("utf-16-be"), "utf-16", False),
        (b"\xff\xfe" + BODY.encode("utf-16-le"), "utf-16", False),
        (BODY.replace("minister", "ministère").encode("cp1252"), "cp1252", True),
    ],
)
def test_encodings(tmp_path: Path, data: bytes, encoding: str, warned: bool) -> None:
    path = tmp_path / "a.txt"
    path.write_bytes(data)
    [article] = read_file(path, article_id="a.txt")
    assert article.encoding == encoding
    assert article.text.startswith("Harbourton")  # no BOM left in the text
    assert ("not UTF-8; decoded as cp1252" in article.warnings) is warned
    if warned:
        assert "ministère" in article.text


def test_crlf_kept_and_offsets_index_the_text_as_read(tmp_path: Path) -> None:
    text = "Coastal News from HarbourDaily.com\r\nADVERTISEMENT\r\n\r\n" + BODY.replace(
        "\n", "\r\n"
    )
    path = tmp_path / "a.txt"
    path.write_bytes(text.encode("utf-8"))
    [article] = read_file(path, article_id="a.txt")
    assert article.text == text
    [(start, end)] = article.boilerplate
    assert article.text[start:end] == "Coastal News from HarbourDaily.com\r\nADVERTISEMENT"


# ---------------------------------------------------------------------------------------------
# Bad input


@pytest.mark.parametrize(
    ("name", "data", "problem"),
    [
        ("empty.txt", b"", "empty file"),
        ("blank.txt", b"  \n\t\r\n  ", "only whitespace"),
        ("blank16.txt", "   \n".encode("utf-16"), "only whitespace"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("doc.txt", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF document"),
        ("arch.txt", b"PK\x03\x04\x14\x00\x00\x00", "ZIP archive"),
        ("nul.txt", b"some text\x00\x00more text", "NUL bytes"),
        ("list.json", b'[{"text": "a"}]', "JSON is a list, not an article object"),
        ("num.json", b"42", "JSON is a number"),
        ("null.json", b"null", "JSON is null"),
        ("notext.json", b'{"title": "Recall", "text": "   "}', "no text field"),
        ("broken.json", b'{"text": "a"', "invalid JSON"),
        ("emptyfield.html", b"<html><body><script>x()</script></body></html>", "no text"),
    ],
)
def test_bad_input(tmp_path: Path, name: str, data: bytes, problem: str) -> None:
    path = tmp_path / name
    path.write_bytes(data)
    with pytest.raises(InputError, match=problem) as caught:
        read_file(path, article_id=name)
    assert caught.value.path == str(path)
    articles, problems = read_articles([path])
    assert articles == [] and len(problems) == 1
    assert problems[0].path == str(path) and problem in problems[0].message


def test_oversize_message(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    with path.open("wb") as handle:
        handle.truncate(50_000_000)  # sparse: costs no disk; refused before reading
    with pytest.raises(InputError) as caught:
        read_file(path, article_id="big.txt")
    assert caught.value.problem == (
        "50.0 MB is over the 20.0 MB limit; raise max_file_bytes to read it"
    )


def test_small_max_file_bytes(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(BODY, encoding="utf-8")
    small = Settings(max_file_bytes=50)
    articles, problems = read_articles([path], small)
    assert articles == [] and "over the 50 bytes limit" in problems[0].message
    assert read_articles([path], Settings(max_file_bytes=len(BODY)))[0]  # exactly at the limit


def test_missing_and_vanished(tmp_path: Path) -> None:
    articles, problems = read_articles([tmp_path / "nope"])
    assert articles == [] and problems[0].message == "no such file or folder"
    with pytest.raises(InputError, match="vanished"):
        read_file(tmp_path / "gone.txt", article_id="gone.txt")


def test_vanished_between_listing_and_reading(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from quotedrift.read import folders

    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    (tmp_path / "b.txt").write_text(BODY, encoding="utf-8")
    real_walk = folders.walk

    def walk_then_delete(paths, problems):  # type: ignore[no-untyped-def]
        listed = list(real_walk(paths, problems))
        (tmp_path / "b.txt").unlink()
        yield from listed

    monkeypatch.setattr(folders, "walk", walk_then_delete)
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    assert len(problems) == 1 and "vanished" in problems[0].message


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks on this platform")
def test_symlink_loops(tmp_path: Path) -> None:
    root = tmp_path / "root"
    (root / "sub").mkdir(parents=True)
    (root / "sub" / "a.txt").write_text(BODY, encoding="utf-8")
    (root / "sub" / "up").symlink_to(root, target_is_directory=True)  # back to an ancestor
    (root / "self.txt").symlink_to(root / "self.txt")  # a link to itself
    articles, problems = read_articles([root])
    assert [a.id for a in articles] == ["sub/a.txt"]
    by_path = {p.path: p for p in problems}
    assert by_path[str(root / "sub" / "up")].fatal is False
    assert "symlink loop" in by_path[str(root / "self.txt")].message
    with pytest.raises(InputError, match="symlink loop"):
        read_file(root / "self.txt", article_id="self.txt")


@pytest.mark.skipif(
    not hasattr(os, "geteuid") or os.geteuid() == 0,
    reason="root reads files whatever their permissions",
)
def test_unreadable_file(tmp_path: Path) -> None:
    path = tmp_path / "secret.txt"
    path.write_text(BODY, encoding="utf-8")
    path.chmod(0)
    try:
        articles, problems = read_articles([tmp_path])
        assert articles == [] and "permission denied" in problems[0].message
    finally:
        path.chmod(0o644)


# ---------------------------------------------------------------------------------------------
# Metadata


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Washington, July 1 (AFP) Jul 01, 2025", "2025-07-01"),
        ("Published July 1, 2025 at noon", "2025-07-01"),
        ("1 March 2026", "2026-03-01"),
        ("Sept. 9, 2024", "2024-09-09"),
        ("2026-03-04T07:30:00Z", "2026-03-04"),
        ("Updated: 2026-02-30", None),  # no such day
        ("Crossings resume in May.", None),
        ("12 vessels, 9,000 passengers", None),
    ],
)
def test_parse_date(text: str, expected: str | None) -> None:
    assert parse_date(text) == expected


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Washington, July 1 (AFP) Jul 01, 2025", ("Washington", "AFP", "2025-07-01")),
        ("WASHINGTON (Reuters) - The Federal Reserve held rates.", ("WASHINGTON", "Reuters", None)),
        ("Harbourton, March 3 (NPA) -", ("Harbourton", "NPA", None)),
        ("LONDON, March 3 (AP) — Officials said", ("LONDON", "AP", None)),
        ("The port (which is old) was closed.", None),
        ("Officials in Harbourton (NPA members) met.", None),
        ('"We will inspect every vessel (all of them)," she said.', None),
    ],
)
def test_find_dateline(line: str, expected: tuple[str, str, str | None] | None) -> None:
    assert find_dateline(line) == expected


@pytest.mark.parametrize(
    ("lines", "expected"),
    [
        (["All rights reserved. Copyright Agence France-Presse. Sections..."], "AFP"),
        (["The story.", "— The Associated Press"], "AP"),
        (["LONDON (Reuters) - Prices rose."], "Reuters"),
        (["Copyright 2026 Reuters."], "Reuters"),
        (["Copyright Northern Press Agency (NPA)."], "NPA"),
        (["The minister said she had read an AP report."], None),
        (["Copyright law is changing, the minister said."], None),
        (["Nothing credited here."], None),
    ],
)
def test_find_credit(lines: list[str], expected: str | None) -> None:
    assert find_credit(lines) == expected


@pytest.mark.parametrize(
    ("lines", "outlet"),
    [
        (["Ferry News from HarbourDaily.com", "Ferries pulled", "ADVERTISEMENT"], "HarbourDaily"),
        (["The Harbourton Herald", "Ferries pulled from service"], "The Harbourton Herald"),
        (["Ferries pulled from service after cracks found", "The port said..."], None),
        (["The port authority withdrew 12 ferries on Tuesday.", "Coastal News"], None),
        (["", "", "HarbourDaily.com", "Headline"], "HarbourDaily"),
    ],
)
def test_masthead(lines: list[str], outlet: str | None) -> None:
    assert read_text_metadata(lines).outlet == outlet


@pytest.mark.parametrize(
    ("first", "second", "outlet"),
    [
        # A short form over its spelled-out name (initials, or a word in capitals that stands
        # for them): the same name twice, kept as a reader would cite it.
        ("K- Post", "Kelp Coast Post", "K- Post (Kelp Coast Post)"),
        ("KC Post", "Kelp Coast Post", "KC Post (Kelp Coast Post)"),
        ("Kelp Coast Post", "KC Post", "Kelp Coast Post (KC Post)"),
        ("ISLAND NEWS", "Island News Network", "ISLAND NEWS (Island News Network)"),
        # A second name line that is not the same name is a section or a tagline.
        ("The Harbourton Herald", "Local News", "The Harbourton Herald"),
        ("Coast Weekly", "Your Island Times", "Coast Weekly"),
        ("Bay Daily Star", "Bay Daily Star", "Bay Daily Star"),
    ],
)
def test_masthead_of_two_name_lines(first: str, second: str, outlet: str) -> None:
    """Regression: a masthead written as a short brand over its full name once made every pair
    of name lines "first (second)", so a section line under a paper's name became part of it."""
    lines = [first, second, "Ferries were pulled from service after cracks were found."]
    found = read_text_metadata(lines)
    assert (found.outlet, found.masthead_lines) == (outlet, (0, 1))


@pytest.mark.parametrize(
    ("text", "meta", "expected"),
    [
        (
            "Ferry News from HarbourDaily.com\nHeadline here now\n\nBody text.",
            {"outlet": "X"},
            ("HarbourDaily", "masthead"),
        ),
        (
            "The port withdrew 12 ferries on Tuesday.",
            {"publisher": "Island Post"},
            ("Island Post", "metadata"),
        ),
        ("The port withdrew 12 ferries on Tuesday.", None, ("harbour_fm", "filename")),
    ],
)
def test_outlet_precedence(
    text: str, meta: dict[str, str] | None, expected: tuple[str, str]
) -> None:
    article = read_text(text, article_id="x", path="feeds/harbour_fm.txt", meta=meta)
    assert (article.outlet, article.outlet_source) == expected


def test_dateline_date_beats_metadata_and_metadata_beats_body() -> None:
    dated = "Harbourton, March 3 (NPA) Mar 03, 2026\nThe port withdrew 12 ferries."
    assert read_text(dated, article_id="x", path="x.txt", meta={"date": "2026-03-09"}).date == (
        "2026-03-03"
    )
    body = "The port withdrew 12 ferries.\nThey entered service on 1 May 2019."
    assert read_text(body, article_id="x", path="x.txt", meta={"date": "2026-03-09"}).date == (
        "2026-03-09"
    )
    assert read_text(body, article_id="x", path="x.txt").date == "2019-05-01"


# ---------------------------------------------------------------------------------------------
# Boilerplate


@pytest.mark.parametrize(
    "line",
    [
        "USD USD 1.00 EUR EUR 0.85",
        "USD USD 1.00 NGN NGN 1,530.38",
        "FTSE 100 7,512.3 +0.4%",
        "ADVERTISEMENT",
        "Advertisement",
        "ESSENTIAL NEWS",
        "LATEST EDITION",
        "TECHNOLOGY",
        "Breaking News • Analysis • Opinion",
        "Home | World | Business | Sport",
        "Photo: Staff Photographer",
        "Image by Jane Doe/NPA",
        "2 readers",
        "shares",
        "reactions",
        "1.2k views",
        "SHARE THIS STORY",
        # Section labels in capitals, whatever their words.
        "MORE FROM THE HARBOUR DESK",
        "WEEKEND PICKS",
        "TIDE TABLES",
        "Additional articles loading...",
        "All rights reserved. Copyright Agence France-Presse. Sections of the information "
        "displayed on this page (dispatches, photographs, logos) are protected by law.",
        "© 2026 The Coastal Times. All rights reserved.",
        "Copyright 2026 Reuters.",
        "— The Associated Press",
        "Space News from SpaceDaily.com",
        "T",
    ],
)
def test_furniture_lines(line: str) -> None:
    assert furniture_kind(line) is not None


@pytest.mark.parametrize(
    "line",
    [
        "The port authority withdrew 12 ferries on Tuesday after cracks were found.",
        '"This represents a significant development in our ongoing coverage of current events."',
        "— Editorial Board",
        "— Commander Ruth Okafor, coast guard",
        "He declined to comment.",
        'Lind called it "a flaw"',
        "Copyright law is changing fast, and the minister said publishers would be consulted.",
        "What islanders need to know",
        "- 12 vessels withdrawn",
        "Photo: Firefighters battle the blaze on the east quay as crowds watch from the harbour "
        "wall while the ferry waits offshore.",
        "",
    ],
)
def test_story_lines_alone_are_not_furniture(line: str) -> None:
    assert furniture_kind(line) is None


@pytest.mark.xfail(
    reason="a short line in capitals reads as a section label, even in a story "
    "(a one-word shouted paragraph); no seed has one",
    strict=True,
)
def test_capitalised_story_line_is_not_furniture() -> None:
    assert furniture_kind("STOP") is None


def test_link_list_runs_and_section_headers() -> None:
    text = (
        "Ferry recall announced today\n\n"
        "The port authority withdrew 12 ferries on Tuesday after cracks were found.\n\n"
        "24/7 Maritime News Coverage\n"
        "Shipyard strike enters its second week\n"
        "Record herring catch lifts northern ports\n"
        "What does the new quay really mean?\n"
    )
    layout = analyse_layout(text)
    lines = [text[s:e] for s, e in split_lines(text)]
    marked = [
        ln
        for ln, (s, e) in zip(lines, split_lines(text), strict=True)
        if ln and _inside((s, e), layout.boilerplate)
    ]
    assert marked == lines[4:8]
    assert [text[s:e] for s, e in layout.headlines] == ["Ferry recall announced today"]


@pytest.mark.parametrize(
    "text",
    [
        # Subheadings between paragraphs are not a link list.
        "## What was found\n\nCracks were found in 12 vessels on Tuesday morning.\n\n"
        "## Is it safe?\n\nThe coast guard says the remaining ferries are safe to use.\n",
        # A bulleted list inside the story.
        "The authority listed its steps.\n- Withdraw 12 vessels\n- Inspect every hull\n"
        "- Publish a new timetable\n",
        # Two short lines only.
        "Ferry recall announced\nStorm warning lifted\n\nThe port said so on Tuesday morning.\n",
        # Quotation lines and a dash attribution.
        '"Safety comes first."\n— Ferry Operators Association\n"We agree"\n',
    ],
)
def test_texts_without_boilerplate(text: str) -> None:
    assert analyse_layout(text).boilerplate == ()


@pytest.mark.parametrize(
    ("text", "headline"),
    [
        # A headline that quotes someone is still the headline, whatever mark it ends with.
        ("Lee Calls Ferry Plan 'Reckless'\n\nThe council met on Tuesday.\n", True),
        ("Ann Lee says she 'went too far' on the ferries\n\nThe council met.\n", True),
        ('Ferry plan "a disgrace," mayor says\n\nThe council met on Tuesday.\n', True),
        ("Ferries 'Safe,' Minister Tells U.S.\n\nThe council met on Tuesday.\n", True),
        # A story paragraph opening the text is not one, marks or not.
        ('"We will not sail until the housings are fixed," Ann Lee said.\n\nMore.\n', False),
        ("Ann Lee said the plan was 'reckless' and would cost the town dearly.\n\nMore.\n", False),
    ],
)
def test_headline_holding_a_quotation(text: str, headline: bool) -> None:
    first = text.index("\n")
    assert analyse_layout(text).headlines == (((0, first),) if headline else ())


def test_repeated_headline_and_metadata_title() -> None:
    text = "Ferry Recall Announced Today\nPhoto: Staff\n\nFERRY RECALL ANNOUNCED TODAY\n\nBody.\n"
    layout = analyse_layout(text)
    assert [text[s:e] for s, e in layout.headlines] == [
        "Ferry Recall Announced Today",
        "FERRY RECALL ANNOUNCED TODAY",
    ]
    assert _inside((text.index("FERRY"), text.index("FERRY") + 28), layout.boilerplate)
    assert not _overlaps((0, 28), layout.boilerplate)
    titled = analyse_layout("Intro line.\nThe Real Title\nBody.", title="the real  title")
    assert titled.headlines == ((12, 26),)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "",
                "ADVERTISEMENT",
                "USD USD 1.00 EUR EUR 0.85",
                "Short title line here",
                "Another title line here",
                "The port withdrew 12 ferries on Tuesday morning.",
                '"We will inspect every vessel," she said.',
                "— Editorial Board",
                "2 readers",
                "T",
                "Space News from SpaceDaily.com",
                "  ",
                "Ferry recall: what we know",
            ]
        ),
        max_size=25,
    ),
    st.sampled_from(["\n", "\r\n"]),
)
def test_layout_invariants(lines: list[str], newline: str) -> None:
    text = newline.join(lines) + "x."  # never blank
    article = read_text(text, article_id="x", path="x.txt")
    starts = {s for s, _ in split_lines(text)}
    previous_end = -1
    for start, end in article.boilerplate:
        assert previous_end < start < end <= len(text)
        assert start in starts and not text[start:end].endswith(("\n", "\r"))
        previous_end = end
        for piece in text[start:end].splitlines():
            assert '"' not in piece  # a quotation is never boilerplate
    for span in article.headlines:
        assert span[0] in starts


# ---------------------------------------------------------------------------------------------
# The seeds (real articles) against their gold


@pytest.fixture(scope="module")
def seeds() -> tuple[dict[str, Article], dict]:  # type: ignore[type-arg]
    articles, problems = read_articles([SEEDS])
    assert problems == []
    return {a.id: a for a in articles}, json.loads(SEED_GOLD.read_text(encoding="utf-8"))


@needs_shared
def test_seed_metadata(seeds: tuple[dict[str, Article], dict]) -> None:  # type: ignore[type-arg]
    articles, gold = seeds
    assert sorted(articles) == sorted(gold["articles"])
    for article_id, expected in gold["articles"].items():
        article = articles[article_id]
        assert article.wire == expected["wire"], article_id
        assert article.date == expected["date"], article_id
        if expected.get("dateline"):
            assert article.dateline == expected["dateline"]
        if expected["outlet"] is None:
            assert article.outlet_source == "filename", article_id
        else:
            assert (article.outlet, article.outlet_source) == (expected["outlet"], "masthead")


@needs_shared
def test_seed_boilerplate(seeds: tuple[dict[str, Article], dict]) -> None:  # type: ignore[type-arg]
    articles, gold = seeds
    for article_id, expected in gold["articles"].items():
        article = articles[article_id]
        for example in expected["boilerplate_examples"]:
            assert _inside(_span_of(article, example), article.boilerplate), example
    for quote in gold["quotes"]:
        article = articles[quote["article"]]
        span = _span_of(article, quote["text"])
        assert not _overlaps(span, article.boilerplate), quote["id"]
        assert not _overlaps(span, article.headlines), quote["id"]


@needs_shared
def test_seed_headlines(seeds: tuple[dict[str, Article], dict]) -> None:  # type: ignore[type-arg]
    articles, _ = seeds
    heads = {aid: [a.text[s:e] for s, e in a.headlines] for aid, a in articles.items()}
    assert heads["000_22da808e21f495c3.txt"] == [
        "US busts network that helped North Koreans obtain remote IT work"
    ]
    assert [h.casefold() for h in heads["001_2884afdc66616656.txt"]] == [
        "us cracks down on network that helped north koreans land remote it jobs, "
        "fund weapons program"
    ] * 2
    assert heads["003_8538ff372b17d9b2.txt"] == []


@needs_shared
def test_seed_body_is_clean(seeds: tuple[dict[str, Article], dict]) -> None:  # type: ignore[type-arg]
    """Every line left outside boilerplate and headlines is story text, the dateline or the
    outlet's own dash-attributed comment: checked line by line against what an editor sees."""
    articles, _ = seeds
    for article in articles.values():
        for start, end in split_lines(article.text):
            line = article.text[start:end].strip()
            if not line or _overlaps((start, end), article.boilerplate + article.headlines):
                continue
            long_sentence = len(line.split()) >= 10 and line.endswith((".", '"', "”"))
            assert long_sentence or line in {
                "Washington, July 1 (AFP) Jul 01, 2025",
                "— Editorial Board",
            }, line


# ---------------------------------------------------------------------------------------------
# The bundled sample corpus data/ (fictional; always present)


@pytest.fixture(scope="module")
def sample() -> tuple[dict[str, Article], dict]:  # type: ignore[type-arg]
    articles, problems = read_articles([DATA / "story"])
    assert problems == []
    return {a.id: a for a in articles}, json.loads((DATA / "gold.json").read_text("utf-8"))


def test_sample_metadata(sample: tuple[dict[str, Article], dict]) -> None:  # type: ignore[type-arg]
    articles, gold = sample
    assert sorted(articles) == sorted(gold["articles"])
    for article_id, expected in gold["articles"].items():
        article = articles[article_id]
        for key in ("outlet", "outlet_source", "wire", "date", "title"):
            assert getattr(article, key) == expected[key], (article_id, key)
        if "dateline" in expected:
            assert article.dateline == expected["dateline"]
        for example in expected["boilerplate_examples"]:
            assert _inside(_span_of(article, example), article.boilerplate), example
        for absent in expected.get("not_in_text", []):
            assert absent not in article.text, (article_id, absent)
        assert 150 <= len(article.text.split()) <= 650, article_id


def test_sample_quotes_are_in_clean_text(
    sample: tuple[dict[str, Article], dict],  # type: ignore[type-arg]
) -> None:
    articles, gold = sample
    for quote in gold["quotes"]:
        article = articles[quote["article"]]
        for fragment in quote.get("fragments", [quote["text"]]):
            assert article.text.count(fragment) == 1, (quote["id"], fragment)
            span = _span_of(article, fragment)
            assert not _overlaps(span, article.boilerplate + article.headlines), quote["id"]


def test_sample_gold_is_consistent(
    sample: tuple[dict[str, Article], dict],  # type: ignore[type-arg]
) -> None:
    from quotedrift.records import FLAGS, TIER_ORDER

    _, gold = sample
    ids = {q["id"] for q in gold["quotes"]}
    assert len(ids) == len(gold["quotes"])
    flags_used: set[str] = set()
    for statement in gold["alignments"]:
        assert set(statement["original"]) <= ids
        for version_id, verdict in statement["versions"].items():
            assert version_id in ids
            assert verdict["tier"] in TIER_ORDER
            assert set(verdict["flags"]) <= set(FLAGS)
            flags_used |= set(verdict["flags"])
    # The corpus is meant to show every drift the tool names (name_changed aside: a changed
    # speaker is attribution_changed; unsupported is listed under "unmatched").
    assert set(FLAGS) - flags_used == {"name_changed", "unsupported"}


# ---------------------------------------------------------------------------------------------
# Smaller cases added after the first version


def test_html_declared_charset(tmp_path: Path) -> None:
    page = (
        '<html><head><meta charset="iso-8859-7"><title>T</title></head><body>'
        "<p>Ο υπουργός είπε ότι όλα τα πλοία θα ελεγχθούν πριν ταξιδέψουν ξανά με επιβάτες.</p>"
        "<p>Η ανακοίνωση έγινε την Τρίτη στο λιμάνι, μπροστά σε δημοσιογράφους και επιβάτες.</p>"
        "</body></html>"
    )
    path = tmp_path / "greek.html"
    path.write_bytes(page.encode("iso-8859-7"))
    [article] = read_file(path, article_id="greek.html")
    assert article.encoding == "iso8859-7"
    assert "υπουργός" in article.text
    assert "the charset the page declares" in article.warnings[0]


def test_markdown_front_matter(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Ferry recall explained\noutlet: Northline\ndate: 2026-03-04\n---\n\n"
        "# Ferry recall explained\n\n" + BODY
    )
    path = tmp_path / "post.md"
    path.write_text(text, encoding="utf-8")
    [article] = read_file(path, article_id="post.md")
    assert (article.outlet, article.outlet_source) == ("Northline", "metadata")
    assert article.title == "Ferry recall explained" and article.date == "2026-03-04"
    assert article.boilerplate[0] == (0, text.index("\n---") + 4)
    assert [text[s:e] for s, e in article.headlines] == ["# Ferry recall explained"]


def test_broken_symlink_in_folder(tmp_path: Path) -> None:
    (tmp_path / "dangling.txt").symlink_to(tmp_path / "missing.txt")
    (tmp_path / "a.txt").write_text(BODY, encoding="utf-8")
    articles, problems = read_articles([tmp_path])
    assert [a.id for a in articles] == ["a.txt"]
    assert [p.message for p in problems] == ["broken symlink: its target does not exist"]


def test_jsonl_line_numbers_survive_unicode_line_separators(tmp_path: Path) -> None:
    good = json.dumps({"text": BODY + "\u2028Second paragraph."}, ensure_ascii=False)
    path = tmp_path / "feed.jsonl"
    path.write_text(f"{good}\r\n{good}\r\n", encoding="utf-8")
    articles, problems = read_articles([path])
    assert problems == [] and [a.id for a in articles] == ["feed.jsonl:1", "feed.jsonl:2"]
