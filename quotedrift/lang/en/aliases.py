"""Short forms and phrases normalised to one form ("US", "United States" -> usa).

Written by hand.
"""

from __future__ import annotations

ALIASES = {
    "us": "usa",
    "usa": "usa",
    "un": "un",
    "uk": "uk",
    "eu": "eu",
}


PHRASES = {
    ("united", "states"): "usa",
    ("united", "nations"): "un",
    ("united", "kingdom"): "uk",
    ("european", "union"): "eu",
    ("per", "cent"): "percent",
    ("cannot",): "can not",
}
