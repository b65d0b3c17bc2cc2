"""Words that name a position rather than a person; kept apart from the name as its title.

Written by hand from English news usage.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Words that name a position rather than a person; kept apart from the name as its title.
TITLE_WORDS: frozenset[str] = words(
    """
    president vice mr. mrs. ms. miss dr. sen. senator rep. representative gov. governor
    lt. mayor secretary minister prime attorney general assistant deputy u.s. us chief
    judge justice spokesman spokeswoman spokesperson chairman chairwoman chair director
    commissioner sheriff officer ambassador gen. col. capt. sgt. adm. maj. lt. speaker
    leader candidate nominee former acting state foreign ministry department white house
    press republican democratic democrat gop presidential vice-presidential rev. pope king
    queen prince princess sir lady lord professor prof. coach agent detective inspector
    trooper councilman councilwoman congressman congresswoman executive ceo founder
    chancellor premier superintendent treasurer auditor comptroller solicitor prosecutor
    district federal national deputy rep sen gov dr mr mrs ms
    commander lieutenant captain colonel sergeant admiral
    """
)
