"""Determiners, including possessive ones.

Written by hand (closed English word class).
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

DETERMINERS = words("a an the this that these those his her its their our my your")
