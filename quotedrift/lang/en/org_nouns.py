"""Head nouns of organisations and bodies that speak ("the Justice Department").

Written by hand from English news usage.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Head nouns of organizations and bodies that speak ("the Justice Department", "the campaign").
ORG_NOUNS: frozenset[str] = words(
    """
    department ministry government agency office campaign committee company commission
    board court council administration party group organization organisation association
    union bureau service newspaper network magazine paper website outlet station channel
    institute foundation center centre university college school hospital police military
    army navy pentagon embassy parliament congress senate house assembly cabinet
    secretariat regime firm corporation bank fund team club league federation coalition
    alliance movement caucus panel authority authorities prosecutors prosecution
    ministries industry poll survey study report statement white kremlin politifact times
    post journal press wire
    inc inc. corp corp. llc ltd ltd. co. plc holdings industries motors airlines airways
    marine shipping systems technologies energy partners capital labs pharmaceuticals
    """
)
