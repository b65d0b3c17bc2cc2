"""Words in an organisation's name that do not change which body it is, and short forms.

Written by hand.
"""

from __future__ import annotations

# Words that qualify an organisation's name without changing which body it is.
# "the U.S. government" is "the United States": the government of a country speaks as the country.
ORG_FILLER = frozenset(("the", "of", "for", "and", "'s", "government"))


ORG_SYNONYMS = {"dept": "department", "ministries": "ministry", "departments": "department"}
