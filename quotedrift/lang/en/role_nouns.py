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


# Roles that speak for an organisation (identities joins them to it).
SPOKESPERSON_NOUNS = frozenset(
    ("spokeswoman", "spokesman", "spokesperson", "spokespeople", "representative")
)
