"""Function words: comparing words sets them aside.

Written by hand (closed English word classes).
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

FUNCTION_WORDS: frozenset[str] = words(
    """a an the and or but nor so yet if then than that this these those there here of in on at
    to for from by with without into onto upon over under about above below after before between
    through during against among across around behind beyond near off out up down as is are was
    were be been being am 's have has had having do does did doing will would shall should can
    could may might must i me my mine we us our ours you your yours he him his she her hers it its
    they them their theirs who whom whose which what when where why how all any both each every
    few more most other some such no not only own same too very just also again further once
    one ones s t now even still ever"""
)
