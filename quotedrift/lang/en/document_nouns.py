"""Documents that stand for their author ("according to a statement from the ministry").

Written by hand.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Documents that stand for their author: "according to a statement from the Justice Department".
DOCUMENT_NOUNS: frozenset[str] = words(
    """
    statement report release filing letter memo interview post tweet email e-mail
    comment comments remark remarks
    complaint indictment affidavit document documents records data poll survey study
    analysis website blog
    """
)
