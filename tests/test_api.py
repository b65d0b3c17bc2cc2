"""The Python API: what ``import quotedrift`` offers, under the names the JSON report uses."""

from __future__ import annotations

import inspect
import tomllib
from pathlib import Path

import pytest
from fixtures_report import build_report

import quotedrift
from quotedrift.comparison.original import choose_reference
from quotedrift.records import Article
from quotedrift.report.text import report_to_dict

ROOT = Path(__file__).resolve().parents[1]


def test_version_is_the_packages() -> None:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    assert quotedrift.__version__ == project["version"]


def test_dir_lists_the_public_api_and_every_name_resolves() -> None:
    listed = dir(quotedrift)
    for name in quotedrift.__all__:
        assert name in listed, name
        assert getattr(quotedrift, name) is not None, name
    for name in ("compare", "extract", "check", "render_report", "CheckResult", "__version__"):
        assert name in quotedrift.__all__, name


def test_check_is_part_of_the_api() -> None:
    from quotedrift.run.check import CheckResult, check

    assert quotedrift.check is check and quotedrift.CheckResult is CheckResult
    params = list(inspect.signature(quotedrift.check).parameters)
    assert params[:3] == ["draft", "sources", "settings"]


def test_versions_carry_the_json_names() -> None:
    report = build_report()
    data = report_to_dict(report)
    records = [v for s in report.statements for v in s.versions]
    as_json = [v for s in data["statements"] for v in s["versions"]]
    assert len(records) == len(as_json) > 3
    for version, row in zip(records, as_json, strict=True):
        assert version.tier == row["tier"]
        assert list(version.flags) == row["flags"]
        assert round(version.score, 3) == row["drift"]
        assert version.quote_id == row["quote_id"] and version.article == row["article"]
        assert version.kind == row["kind"] and version.text == row["text"]
        assert version.headline is row["headline"] is False
        assert [list(s) for s in version.spans] == row["spans"]
        assert version.speaker == row["speaker"]


def _art(aid: str, date: str | None, wire: str | None) -> Article:
    return Article(id=aid, path=aid, text="", date=date, wire=wire)


@pytest.mark.parametrize(
    ("wanted", "expected", "reason"),
    [
        ("AFP", "afp_late.txt", "chosen with --reference 'AFP'"),
        ("afp", "afp_late.txt", "chosen with --reference 'afp'"),
        ("Reuters", "reuters_1.txt", "which 2 articles match; among them"),
    ],
)
def test_reference_by_wire_credit(wanted: str, expected: str, reason: str) -> None:
    articles = [
        _art("afp_late.txt", "2026-03-05", "AFP"),
        _art("reuters_1.txt", "2026-03-03", "Reuters"),
        _art("reuters_2.txt", "2026-03-04", "Reuters"),
        _art("blog.txt", "2026-03-01", None),
    ]
    chosen = choose_reference(articles, {}, wanted)
    assert chosen.article == expected
    assert reason in chosen.reason
