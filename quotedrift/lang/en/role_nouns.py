"""Head nouns of unnamed speakers ("a spokesperson for the ministry", "officials").

Written by hand from English news usage.
"""

from __future__ import annotations

from quotedrift.lang.en.wordlist import words

# Head nouns of unnamed speakers ("a spokesperson for the ministry", "officials", "sources").
ROLE_NOUNS: frozenset[str] = words(
    """
    spokesperson spokesman spokeswoman spokespeople official officials source sources aide
    aides adviser advisers advisor advisors analyst analysts expert experts lawyer lawyers
    attorney attorneys prosecutor prosecutors investigator investigators critic critics
    supporter supporters witness witnesses resident residents person people man woman
    representative representatives member members leader leaders executive executives
    officer officers agent agents strategist strategists operative operatives staffer
    staffers insider insiders observer observers diplomat diplomats minister ministers
    economist economists researcher researchers scientist scientists doctor doctors voter
    voters activist activists organizer organizers authorities author authors candidate
    candidates nominee spokespersons employee employees worker workers director chief
    secretary judge president governor mayor senator senators lawmaker lawmakers
    congressman congresswoman democrats republicans conservatives liberals pollster
    pollsters reporter reporters journalist journalists editor editors columnist host
    anchor commentator commentators chairman chairwoman friend friends neighbor neighbors
    father mother son daughter wife husband family relatives victim victims student
    students teacher teachers police detective detectives sheriff coach player players fan
    fans manager managers owner owners partner partners ally allies
    """
)


# The roles below are named subsets of ROLE_NOUNS (tests/test_lang.py keeps them so).

# Roles that speak for an organisation: identities joins them to it.
SPOKESPERSON_NOUNS = words("spokeswoman spokesman spokesperson spokespeople representative")

# Roles that name no one in particular ("prosecutors", "authorities"). Extraction may call them
# organisations; identities treats them as roles, which alignment may name.
GENERIC_ROLE_NOUNS = words(
    """authorities officials official prosecutors investigators police sources source analysts
    experts critics observers diplomats lawmakers aides spokesperson spokesman spokeswoman
    spokespeople insiders people residents witnesses"""
)
