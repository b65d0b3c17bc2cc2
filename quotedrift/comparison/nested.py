"""Quotations inside quotations: one speaker quoting another's words.

'Needless to say, the war was not "a war of Obama's choosing,"' is the writer of the outer
quotation repeating someone else's phrase. An outlet printing that phrase alone under its own
speaker has not moved the outer speaker's words to someone else: the phrase was that speaker's to
begin with. So words shared only inside a nested quotation are no evidence of an attribution
change.
"""

from __future__ import annotations

import re

# Curly double or single marks, or straight double ones; a straight single mark only where it
# cannot be an apostrophe (no letter before the opening one or after the closing one).
_NESTED = re.compile(r"“[^”]*”|‘.*?’(?!\w)|\"[^\"]*\"|(?<!\w)'[^']+'(?!\w)")


def outside_nested(text: str) -> str:
    """``text`` with every quotation nested in it left out."""
    return _NESTED.sub(" ", text)


def has_nested(text: str) -> bool:
    """Whether ``text`` quotes someone inside it."""
    return _NESTED.search(text) is not None
