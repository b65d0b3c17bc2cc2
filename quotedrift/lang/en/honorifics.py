"""Honorifics that come before a person's name and say nothing about who they are.

Written by hand.
"""

from __future__ import annotations

# Forms of address any adult may be given: no role, so they never tell two people apart.
FORMS_OF_ADDRESS = frozenset(("mr", "mrs", "ms", "miss", "mx"))

HONORIFICS = FORMS_OF_ADDRESS | frozenset(("dr", "sir", "dame", "prof", "professor"))
