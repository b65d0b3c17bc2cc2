"""Pronouns that can stand for a speaker, with their gender or kind.

Written by hand (closed English word class).
"""

from __future__ import annotations

PRONOUNS: dict[str, str] = {
    "he": "m",
    "him": "m",
    "she": "f",
    "her": "f",
    "they": "n",
    "them": "n",
    "it": "o",
    "we": "n",
    "i": "1",  # the writer or the quoted speaker, never an earlier third party
    "who": "r",
    "which": "r",
    "that": "r",
}
