"""Render a ``Report`` as one self-contained HTML page.

Articles are untrusted input, so the page is built from structured view records and rendered by
jinja2 with autoescape forced on (the template's ``.html.j2`` name would defeat jinja2's
extension-based ``select_autoescape``). No article-derived text is ever marked safe: the word diff
and the quotation-in-context are lists of pieces the template wraps in tags and escapes itself.
As a second line of defence the page carries a Content-Security-Policy that forbids every network
fetch and allows only its own inline script, by hash, so an injected handler could not run either.
"""

from __future__ import annotations

import base64
import functools
import hashlib
import importlib.metadata
import re
from dataclasses import replace

import jinja2

from quotedrift.errors import ConfigError
from quotedrift.records import TIER_ORDER, Report
from quotedrift.report.html_builder import ViewBuilder
from quotedrift.report.html_views import (
    HeadlineView,
    Option,
    SpeakerView,
    StatementView,
    VersionView,
)
from quotedrift.report.plain_words import TIER_LABELS, outlet_of
from quotedrift.report.worst import ORDERS, headlines

_TIER_SHORT = {
    "verbatim": "Verbatim",
    "typographic": "Typo\u00adgraphic",
    "excerpt": "Excerpt",
    "indirect": "Indirect",
    "reworded": "Reworded",
    "paraphrased": "Para\u00adphrased",
    "meaning_changed": "Meaning changed",
    "attribution_changed": "Speaker changed",
    "unsupported": "Unsup\u00adported",
}
_CSP_PLACEHOLDER = "__QUOTEDRIFT_SCRIPT_HASH__"
_SCRIPT_RE = re.compile(r"<script>(.*?)</script>", re.DOTALL)


@functools.cache
def _environment() -> jinja2.Environment:
    # Built once per process: compiling the template is most of the cost of a render.
    return jinja2.Environment(
        loader=jinja2.PackageLoader("quotedrift.report", "templates"),
        autoescape=True,  # always: select_autoescape would miss the .j2 suffix
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


def _add_script_hash(page: str) -> str:
    """Put the sha256 of the page's own inline script into its Content-Security-Policy."""
    match = _SCRIPT_RE.search(page)
    digest = hashlib.sha256(match.group(1).encode("utf-8")).digest() if match else b""
    source = f"'sha256-{base64.b64encode(digest).decode('ascii')}'" if match else "'none'"
    return page.replace(_CSP_PLACEHOLDER, source, 1)


def _version() -> str:
    # From the installed metadata, not quotedrift.__version__: an editable install can expose the
    # package as a namespace package without its __init__ attributes.
    try:
        return importlib.metadata.version("quotedrift")
    except importlib.metadata.PackageNotFoundError:
        return "unknown version"


def _worst_first(speakers: list[SpeakerView]) -> list[SpeakerView]:
    """Speakers, statements and versions most severe first (stable: ties keep their order)."""

    def severity(view: SpeakerView | StatementView | VersionView) -> int:
        return -view.severity

    out = []
    for sp in speakers:
        statements = [
            replace(st, versions=tuple(sorted(st.versions, key=severity))) for st in sp.statements
        ]
        out.append(replace(sp, statements=tuple(sorted(statements, key=severity))))
    return sorted(out, key=severity)


def _headline_views(report: Report) -> list[HeadlineView]:
    """The most severe changes, each linked to its version (anchors as ``ViewBuilder`` makes
    them)."""
    anchors: dict[str, str] = {}
    for n, statement in enumerate(report.statements, start=1):
        for i, version in enumerate(statement.versions, start=1):
            anchors[version.quote.id] = f"s{n}-v{i}"
    for i, version in enumerate(report.unsupported, start=1):
        anchors[version.quote.id] = f"u{i}"
    return [HeadlineView(h.line, anchors.get(h.quote_id, ""), h.tier) for h in headlines(report)]


def render_html(report: Report, order: str = "severity") -> str:
    """The report as one self-contained HTML page (inline CSS and JS, no network fetches),
    opening with the most severe changes; ``order`` ``severity`` (default) shows speakers,
    statements and versions most severe first, ``original`` in the report's order (the page's
    own selector switches between the two).

    Takes a Report; returns the page text, identical for identical reports. Raises ConfigError
    for an unknown order, jinja2.TemplateError only if the packaged template is broken.
    """
    if order not in ORDERS:
        raise ConfigError(f"unknown order {order!r}: use one of {', '.join(ORDERS)}")
    builder = ViewBuilder(report)
    speakers = builder.speakers_view()
    unsupported = builder.unsupported_view()
    leading = _headline_views(report)
    if order == "severity":
        speakers = _worst_first(speakers)
        unsupported = sorted(unsupported, key=lambda v: -v.severity)
    heat_statements, heat_rows = builder.heatmap(speakers)
    reference = builder.articles.get(report.reference.article)
    title = (
        reference.title
        if reference and reference.title
        else next((a.title for a in report.articles if a.title), None)
    ) or "Quotation drift"
    all_versions = builder.all_versions(speakers, unsupported)
    tiers_present = [t for t in TIER_ORDER if any(v.tier == t for v in all_versions)]
    page = (
        _environment()
        .get_template("report.html.j2")
        .render(
            title=title,
            version=_version(),
            csp_script=_CSP_PLACEHOLDER,
            reference_outlet=outlet_of(reference),
            reference_path=reference.path if reference else report.reference.article,
            reference_reason=report.reference.reason,
            articles=builder.article_rows(),
            speakers=speakers,
            unsupported=unsupported,
            problems=report.problems,
            outlet_rows=builder.outlet_rows(speakers, unsupported),
            tier_order=TIER_ORDER,
            tier_labels=TIER_LABELS,
            tier_short=_TIER_SHORT,
            heat_statements=heat_statements,
            heat_rows=heat_rows,
            speaker_options=[Option(s.key, s.label) for s in speakers],
            outlet_options=[Option(k, name) for name, k in builder.outlet_keys.items()],
            tier_options=[Option(t, TIER_LABELS.get(t, t)) for t in tiers_present],
            total_versions=len(all_versions),
            headlines=leading,
            severity_first=order == "severity",
        )
    )
    return _add_script_hash(page)
