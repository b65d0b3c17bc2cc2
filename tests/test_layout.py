"""The house style's size rule holds for every module of the package: a module stays under 600
lines and a function under 80 (STYLE.md: split a module before it passes about 600 lines and a
function before about 80), so a newcomer meets files with one reason to change."""

from __future__ import annotations

import ast
from pathlib import Path

PACKAGE = Path(__file__).resolve().parents[1] / "quotedrift"
MAX_MODULE_LINES = 600
MAX_FUNCTION_LINES = 80


def oversized(source: str, name: str) -> list[str]:
    """What in ``source`` breaks the rule, one line each: the module's line count, and each
    function or method (nested ones too) by its ``def`` line to its last line, decorators left
    out."""
    found: list[str] = []
    lines = len(source.splitlines())
    if lines > MAX_MODULE_LINES:
        found.append(f"{name}: {lines} lines (module limit {MAX_MODULE_LINES})")
    for node in ast.walk(ast.parse(source, filename=name)):
        if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
            length = (node.end_lineno or node.lineno) - node.lineno + 1
            if length > MAX_FUNCTION_LINES:
                found.append(
                    f"{name}:{node.lineno} {node.name}: {length} lines "
                    f"(function limit {MAX_FUNCTION_LINES})"
                )
    return found


def test_no_module_or_function_over_the_limit() -> None:
    modules = sorted(PACKAGE.rglob("*.py"))
    assert len(modules) > 50  # the walk found the package, not an empty folder
    found = [
        problem
        for path in modules
        for problem in oversized(path.read_text(encoding="utf-8"), str(path.relative_to(PACKAGE)))
    ]
    assert found == []


def test_the_rule_catches_a_long_function_and_a_long_module() -> None:
    body = "\n".join(f"    x{i} = {i}" for i in range(MAX_FUNCTION_LINES))
    long_function = f"def f():\n{body}\n"
    assert oversized(long_function, "m.py") == ["m.py:1 f: 81 lines (function limit 80)"]
    method = "class C:\n    async def g(self):\n" + "\n".join(
        f"        y{i} = {i}" for i in range(MAX_FUNCTION_LINES - 1)
    )
    assert oversized(method, "m.py") == []  # exactly 80 lines is allowed
    long_module = "\n".join(f"z{i} = {i}" for i in range(MAX_MODULE_LINES + 1))
    assert oversized(long_module, "m.py") == ["m.py: 601 lines (module limit 600)"]
