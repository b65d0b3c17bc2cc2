"""The HTML report in a real browser: hostile article text stays text, and the page renders.

Uses headless Chromium when it is installed (``apt-get install chromium``), else skips. Each test
starts one browser process with a throwaway profile and no network services.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_report import build_report

from quotedrift.records import Report
from quotedrift.report.html import render_html

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

# The onerror handler would retitle the page if the payload ever became a real element.
PAYLOAD = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned2'</script>"


def _chromium(
    tmp_path: Path, page: Path, *mode: str, width: int = 1280
) -> subprocess.CompletedProcess[str]:
    assert CHROMIUM is not None
    return subprocess.run(
        [
            CHROMIUM,
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
            "--no-first-run",
            f"--user-data-dir={tmp_path / 'profile'}",
            f"--window-size={width},2000",
            "--virtual-time-budget=2000",
            *mode,
            page.as_uri(),
        ],
        capture_output=True,
        text=True,
        timeout=90,
        check=False,
    )


class _Dom(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.text: list[str] = []
        self._in_title = False
        self.title = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, dict(attrs)))
        self._in_title = tag == "title"

    def handle_endtag(self, tag: str) -> None:
        self._in_title = False

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._in_title:
            self.title += data


@pytest.fixture(scope="module")
def hostile_page(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("html") / "report.html"
    path.write_text(render_html(build_report(PAYLOAD)), encoding="utf-8")
    return path


def test_payload_stays_text_in_the_live_dom(tmp_path: Path, hostile_page: Path) -> None:
    result = _chromium(tmp_path, hostile_page, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    # Had a handler run, the title would be just 'pwned'; instead it holds the payload as text.
    assert dom.title == f"Quotation drift: Harbour strike halts shipping at Port Calder{PAYLOAD}"
    assert not [t for t, _ in dom.tags if t == "img"], "an injected <img> became an element"
    assert [t for t, _ in dom.tags].count("script") == 1
    assert PAYLOAD in "".join(dom.text), "the payload is shown to the reader as text"
    # Our script ran (the filter bar is only shown by JS), so the CSP hash matched it.
    controls = next(attrs for tag, attrs in dom.tags if attrs.get("id") == "controls")
    assert "hidden" not in controls
    assert re.search(r"\d+ quotations? shown", result.stdout)


def test_screenshot_renders(tmp_path: Path, hostile_page: Path) -> None:
    shot = tmp_path / "report.png"
    result = _chromium(tmp_path, hostile_page, f"--screenshot={shot}")
    assert result.returncode == 0, result.stderr[-2000:]
    data = shot.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    width = int.from_bytes(data[16:20], "big")
    assert width == 1280


# Drives the page's own filter and sort controls, then reports what a reader would see in the
# title. The page's CSP only admits its own script (by hash), so this copy drops the CSP meta.
_DRIVER = """<script>
window.addEventListener("load", function () {
  function pick(id, value) {
    var el = document.getElementById(id); el.value = value;
    el.dispatchEvent(new Event("change"));
  }
  function visible() {
    return Array.prototype.filter.call(document.querySelectorAll("li.version[id]"), function (li) {
      return li.offsetParent !== null; }).map(function (li) { return li.id; }).join(",");
  }
  var out = {};
  pick("f-tier", "meaning_changed"); out.tier = visible(); pick("f-tier", "");
  pick("f-outlet", "o2"); out.outlet = visible(); pick("f-outlet", "");
  pick("f-speaker", "p2"); out.speaker = visible(); pick("f-speaker", "");
  pick("f-sort", "severity");
  out.sorted = Array.prototype.map.call(document.querySelectorAll("article.statement"),
    function (a) { return a.id; }).join(",");
  window.top.document.title = "RESULT " + JSON.stringify(out);
});
</script>"""


def _driven(tmp_path: Path, driver: str, width: int, report: Report | None = None) -> dict:
    """Run ``driver`` (a script that puts "RESULT {json}" in the top page's title) in the report
    page shown ``width`` pixels wide; return the JSON.

    The page is shown in an iframe of that width: headless Chromium will not make its window
    narrower than 500 pixels, and the page's media queries follow the frame's width.
    """
    page = render_html(report or build_report())
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    page = page.replace("</body>", driver + "</body>")
    frame = (
        '<!DOCTYPE html><html><head><title>waiting</title></head><body style="margin:0">'
        f'<iframe style="border:0" width="{width}" height="2000" '
        f'srcdoc="{html.escape(page, quote=True)}"></iframe></body></html>'
    )
    path = tmp_path / "driven.html"
    path.write_text(frame, encoding="utf-8")
    result = _chromium(tmp_path, path, "--dump-dom", width=max(width, 1280))
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    assert dom.title.startswith("RESULT "), dom.title
    return json.loads(dom.title.removeprefix("RESULT "))


@pytest.mark.parametrize("width", [400, 1280])
def test_filters_and_sorting_work_in_the_browser(tmp_path: Path, width: int) -> None:
    seen = _driven(tmp_path, _DRIVER, width)
    assert seen["tier"] == "s1-v1"  # the one meaning change
    # o2 is the second outlet met (ledger.txt): its three compared versions; its row in
    # "unsupported" has none.
    assert seen["outlet"] == "s1-v2,s3-v2,s4-v1"
    # p2 is Dana Whitfield: her statements only, and none of Varga's unsupported quotation.
    assert seen["speaker"] == "s2-v1,s3-v1,s3-v2"
    # Most severe first: within each speaker, statements by their worst version; speakers by
    # their worst statement (Varga's meaning change leads).
    assert seen["sorted"] == "s1,s3,s2,s4"


# Measures what a reader would have to scroll: the page's width against the window's, and where
# the articles and outlets tables and their last columns end.
_LAYOUT = """<script>
window.addEventListener("load", function () {
  function box(sel) { return document.querySelector(sel).getBoundingClientRect(); }
  function right(sel) { return Math.ceil(box(sel).right); }
  function panel(sel) { return Math.ceil(document.querySelector(sel).closest(".panel")
    .getBoundingClientRect().right); }
  window.top.document.title = "RESULT " + JSON.stringify({
    inner: window.innerWidth, scroll: document.documentElement.scrollWidth,
    articles: right("table.articles"), articles_panel: panel("table.articles"),
    outlets: right("table.outlets"), outlets_panel: panel("table.outlets"),
    fidelity: right("table.outlets tbody tr td:last-child"),
    path: Math.round(box("table.articles td.path").width),
    version: right("li.version[id] .diff")
  });
});
</script>"""


def _long_paths(report: Report) -> Report:
    """The fixture's articles under a deep folder, as a newsroom's files are."""
    deep = "/srv/newsroom/incoming/2026-03-04/agency-feeds/"
    return replace(report, articles=tuple(replace(a, path=deep + a.path) for a in report.articles))


@pytest.mark.parametrize("width", [400, 1280])
def test_no_sideways_scrolling_at_phone_and_desktop_width(tmp_path: Path, width: int) -> None:
    seen = _driven(tmp_path, _LAYOUT, width, _long_paths(build_report()))
    assert seen["inner"] == width
    assert seen["scroll"] <= width, seen  # the page itself never scrolls sideways
    assert seen["articles"] <= seen["articles_panel"], seen
    assert seen["outlets"] <= seen["outlets_panel"], seen
    assert seen["fidelity"] <= width, seen  # the fidelity column is on screen
    assert seen["version"] <= width, seen
    # A file path keeps whole lines of text instead of a column a few characters wide.
    assert seen["path"] >= (200 if width == 400 else 250), seen
