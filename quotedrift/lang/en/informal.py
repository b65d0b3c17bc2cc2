"""Spoken contractions that transcripts and outlets write either way ("gonna" / "going to").

Written by hand from the reduced forms listed in the Cambridge Grammar of English (Carter & McCarthy
2006, "Spoken language": gonna, wanna, gotta, hafta, kinda, sorta, lemme, gimme, outta) and the "'s"
after a pronoun, which stands for "is" (Oxford English Grammar, contracted forms): "it's" and "it
is" are one rendering, while "Korea's" stays a possessive.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

REDUCED_FORMS: dict[str, tuple[str, ...]] = {
    "gonna": ("going", "to"),
    "wanna": ("want", "to"),
    "gotta": ("got", "to"),
    "hafta": ("have", "to"),
    "kinda": ("kind", "of"),
    "sorta": ("sort", "of"),
    "lemme": ("let", "me"),
    "gimme": ("give", "me"),
    "outta": ("out", "of"),
    "let's": ("let", "us"),
}
"""Reduced spoken form -> the words it stands for."""

S_IS_AFTER: frozenset[str] = words(
    """it that there here he she what who where how when why everything nothing something
    someone everyone everybody nobody this"""
)
"""Words after which "'s" is "is" ("it's", "that's", "there's"), not a possessive."""
