"""Write quotedrift/lang/en/verb_forms.py: every form of the cue verbs, as lemminflect gives them.

Usage: python scripts/verb_forms.py [--check]

The table is generated rather than computed at import: lemminflect imports spaCy (and through it
torch) as it loads, which extraction workers must not pay. ``--check`` exits 1 when the file is
out of date (tests/test_lang.py runs the same comparison).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from quotedrift.lang.en.belief_verbs import BELIEF_VERBS  # noqa: E402
from quotedrift.lang.en.characterisation_verbs import CHARACTERISATION_VERBS  # noqa: E402
from quotedrift.lang.en.object_cue_verbs import OBJECT_CUES  # noqa: E402
from quotedrift.lang.en.speech_verbs import SPEECH_VERBS  # noqa: E402

TARGET = ROOT / "quotedrift" / "lang" / "en" / "verb_forms.py"

HEADER = '''\
"""Every form of the cue verbs (speech, belief, object-cue, characterisation), the base form
first.

Generated from lemminflect by ``python scripts/verb_forms.py``; do not edit by hand.
"""

from __future__ import annotations

VERB_FORMS: dict[str, tuple[str, ...]] = {
'''


def forms(verb: str) -> tuple[str, ...]:
    """The base form, then lemminflect's other forms sorted."""
    from lemminflect import getAllInflections

    found = {form for group in getAllInflections(verb, upos="VERB").values() for form in group}
    found.discard(verb)
    return (verb, *sorted(found))


def render() -> str:
    verbs = sorted({*SPEECH_VERBS, *BELIEF_VERBS, *OBJECT_CUES, *CHARACTERISATION_VERBS})
    rows = "".join(f"    {verb!r}: {forms(verb)!r},\n" for verb in verbs)
    return (HEADER + rows + "}\n").replace("'", '"')


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="exit 1 if the file is out of date")
    args = parser.parse_args()
    text = render()
    if args.check:
        return 0 if TARGET.read_text(encoding="utf-8") == text else 1
    TARGET.write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
