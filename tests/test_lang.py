"""The word lists in quotedrift/lang/en/: generated tables are current, lists keep their shape."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import quotedrift.lang.en as lang_en

ROOT = Path(__file__).resolve().parents[1]


def test_verb_forms_table_is_what_lemminflect_gives() -> None:
    pytest.importorskip("lemminflect")
    # A subprocess: lemminflect registers spaCy token extensions as it loads.
    done = subprocess.run(
        [sys.executable, str(ROOT / "scripts" / "verb_forms.py"), "--check"], timeout=300
    )
    assert done.returncode == 0, "run python scripts/verb_forms.py"


@pytest.mark.parametrize(
    "name", [m.name for m in pkgutil.iter_modules(lang_en.__path__) if m.name != "wordlist"]
)
def test_every_list_says_where_it_comes_from(name: str) -> None:
    doc = importlib.import_module(f"quotedrift.lang.en.{name}").__doc__ or ""
    assert any(w in doc for w in ("Written by hand", "Generated", "Learned")), name


def test_role_subsets_are_role_nouns() -> None:
    from quotedrift.lang.en.role_nouns import GENERIC_ROLE_NOUNS, ROLE_NOUNS, SPOKESPERSON_NOUNS

    assert SPOKESPERSON_NOUNS <= ROLE_NOUNS
    assert GENERIC_ROLE_NOUNS <= ROLE_NOUNS
