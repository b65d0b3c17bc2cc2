"""The HTML report in a real browser: hostile article text stays text, and the page renders.

Uses headless Chromium when it is installed (``apt-get install chromium``), else skips. Each test
starts one browser process with a throwaway profile and no network services.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from html.parser import HTMLParser
from pathlib import Path

import pytest
from fixtures_report import build_report

from quotedrift.report.html import render_html

CHROMIUM = next(
    (p for p in (shutil.which(n) for n in ("chromium", "chromium-browser", "google-chrome")) if p),
    None,
)
pytestmark = pytest.mark.skipif(CHROMIUM is None, reason="chromium is not installed")

# The onerror handler would retitle the page if the payload ever became a real element.
PAYLOAD = "<img src=x onerror=\"document.title='pwned'\"><script>document.title='pwned2'</script>"


def _chromium(tmp_path: Path, page: Path, *mode: str) -> subprocess.CompletedProcess[str]:
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
            "--window-size=1280,2000",
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
  document.title = "RESULT " + JSON.stringify(out);
});
</script>"""


def test_filters_and_sorting_work_in_the_browser(tmp_path: Path) -> None:
    page = render_html(build_report())
    page = re.sub(r'<meta http-equiv="Content-Security-Policy"[^>]*>', "", page)
    page = page.replace("</body>", _DRIVER + "</body>")
    path = tmp_path / "driven.html"
    path.write_text(page, encoding="utf-8")
    result = _chromium(tmp_path, path, "--dump-dom")
    assert result.returncode == 0, result.stderr[-2000:]
    dom = _Dom()
    dom.feed(result.stdout)
    assert dom.title.startswith("RESULT "), dom.title
    seen = json.loads(dom.title.removeprefix("RESULT "))
    assert seen["tier"] == "s1-v1"  # the one meaning change
    # o2 is the second outlet met (ledger.txt): its three compared versions; its row in
    # "unsupported" has none.
    assert seen["outlet"] == "s1-v2,s3-v2,s4-v1"
    # p2 is Dana Whitfield: her statements only, and none of Varga's unsupported quotation.
    assert seen["speaker"] == "s2-v1,s3-v1,s3-v2"
    # Most severe first: within each speaker, statements by their worst version; speakers by
    # their worst statement (Varga's meaning change leads).
    assert seen["sorted"] == "s1,s3,s2,s4"
