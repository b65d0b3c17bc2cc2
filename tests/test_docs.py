"""The README stays true: its example commands run, and its output example is current."""

from __future__ import annotations

import re
import shlex
from pathlib import Path

import pytest
from typer.testing import CliRunner

from quotedrift.cli import app

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")
runner = CliRunner()


def _blocks(lang: str) -> list[str]:
    return re.findall(rf"```{lang}\n(.*?)```", README, flags=re.DOTALL)


def _sample_commands() -> list[list[str]]:
    """The README's `quotedrift ...` example lines that use only the bundled sample."""
    out = []
    for block in _blocks("bash"):
        for line in block.splitlines():
            line = line.split("#")[0].strip()
            if line.startswith("quotedrift ") and "data/story" in line and "draft" not in line:
                out.append(shlex.split(line)[1:])
    return out


def test_readme_has_sample_commands() -> None:
    assert len(_sample_commands()) >= 4


def test_readme_shows_reference_by_wire_credit_and_output_by_extension() -> None:
    commands = [" ".join(a) for a in _sample_commands()]
    assert any("--reference NPA" in c for c in commands)  # the sample's wire credit
    assert any("-o drift.html" in c and "--format" not in c for c in commands)


# What a file written by extension starts with, so an example's -o is checked for its format.
_STARTS = {
    ".html": "<!DOCTYPE html>",
    ".md": "# Quotation drift",
    ".json": "{",
    ".csv": "statement,",
}


@pytest.mark.model
@pytest.mark.parametrize("args", _sample_commands(), ids=lambda a: " ".join(a)[:60])
def test_readme_example_runs(
    args: list[str], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("QUOTEDRIFT_CACHE", str(tmp_path / "cache"))
    outputs = [i + 1 for i, a in enumerate(args) if a in ("-o", "--output")]
    for i in outputs:  # written into the test's folder, not the checkout
        args[i] = str(tmp_path / args[i])
    result = runner.invoke(app, [*args, "--processes", "1"])
    # check exits 1 when the draft misquotes, as the README's island_post example does.
    expected = 1 if args[0] == "check" else 0
    assert result.exit_code == expected, result.stderr
    for i in outputs:
        written = Path(args[i])
        assert written.read_text(encoding="utf-8").startswith(_STARTS[written.suffix])


@pytest.mark.model
def test_readme_python_example_runs(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("QUOTEDRIFT_CACHE", str(tmp_path / "cache"))
    [example] = [b for b in _blocks("python") if "import quotedrift" in b]
    namespace: dict[str, object] = {}
    exec(compile(example, "README.md", "exec"), namespace)  # noqa: S102 - the README's own code
    checked = namespace["checked"]
    assert checked.summary.startswith("5 quotations checked against 1 source: 5 fail")  # type: ignore[attr-defined]


@pytest.mark.model
def test_readme_output_example_is_current(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    monkeypatch.setenv("QUOTEDRIFT_CACHE", str(tmp_path / "cache"))
    result = runner.invoke(
        app, ["compare", "data/story", "--format", "markdown", "--processes", "1"]
    )
    assert result.exit_code == 0, result.stderr
    example = _blocks("markdown")[0]
    for line in example.strip().splitlines():
        assert line in result.stdout.splitlines(), line


def test_every_command_in_usage_exists() -> None:
    for name in ("extract", "compare", "check"):
        assert runner.invoke(app, [name, "--help"]).exit_code == 0


def _how_it_works() -> tuple[set[str], set[str]]:
    """Paths the README's "How it works" section names in backticks: (in its table rows, in the
    whole section)."""
    start = README.index("## How it works")
    section = README[start : README.index("\n## ", start + 1)]
    rows = "\n".join(line for line in section.splitlines() if line.startswith("|"))

    def named(text: str) -> set[str]:
        return set(re.findall(r"`([\w/]+(?:\.py|/))`", text))

    return named(rows), named(section)


def test_how_it_works_names_every_module() -> None:
    """A newcomer finds each module in the table by its path, and no path there is stale."""
    package = ROOT / "quotedrift"
    in_rows, in_section = _how_it_works()
    folders = {n for n in in_rows if n.endswith("/")}
    modules = {
        p.relative_to(package).as_posix() for p in package.rglob("*.py") if p.name != "__init__.py"
    }
    covered = {m for m in modules if any(m.startswith(f) for f in folders)}
    unnamed = sorted(modules - covered - in_section)
    assert unnamed == []
    places = (package, ROOT, package / "lang" / "en")
    stale = [n for n in sorted(in_rows) if not any((place / n).exists() for place in places)]
    assert stale == []
