"""Swear words that newspapers print censored ("f**king", "f---ing", "s***").

Written by hand: a subset of the English list of Shutterstock's "List of Dirty, Naughty, Obscene,
and Otherwise Bad Words" (github.com/LDNOOBW, CC-BY 4.0): the words news style guides (AP, Reuters)
tell writers to star or dash out in quotations, with their common inflections. Words with an
everyday sense ("hell", "ass" as the animal, "cock") are left out, since normalising them would
merge real words.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

PROFANITIES: frozenset[str] = words(
    """fuck fucks fucked fucking fucker fuckers fuckin motherfucker motherfuckers motherfucking
    shit shits shitty shitting bullshit horseshit asshole assholes arsehole arseholes
    bitch bitches bitching bastard bastards damn damned goddamn goddamned dammit crap crappy
    piss pissed pissing dick dicks dickhead cunt cunts twat wanker wankers bollocks"""
)
