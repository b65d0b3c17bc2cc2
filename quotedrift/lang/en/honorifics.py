"""Honorifics that come before a person's name and say nothing about who they are.

Written by hand.
"""

from __future__ import annotations

HONORIFICS = frozenset(("mr", "mrs", "ms", "miss", "dr", "sir", "dame", "prof", "professor"))
