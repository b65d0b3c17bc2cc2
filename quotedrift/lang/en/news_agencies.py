"""News agencies by every name a credit line uses; the value is the short name reports show.

Written by hand.
"""

from __future__ import annotations

# Agencies by every name a credit line uses; the value is the short name reports show.
AGENCIES: dict[str, str] = {
    "agence france-presse": "AFP",
    "agence france presse": "AFP",
    "afp": "AFP",
    "reuters": "Reuters",
    "thomson reuters": "Reuters",
    "associated press": "AP",
    "the associated press": "AP",
    "ap": "AP",
    "deutsche presse-agentur": "dpa",
    "dpa": "dpa",
    "agenzia nazionale stampa associata": "ANSA",
    "ansa": "ANSA",
    "kyodo": "Kyodo",
    "kyodo news": "Kyodo",
    "xinhua": "Xinhua",
    "united press international": "UPI",
    "upi": "UPI",
    "press association": "PA",
    "pa media": "PA",
    "bloomberg": "Bloomberg",
    "efe": "EFE",
    "yonhap": "Yonhap",
    "anadolu agency": "Anadolu",
    "tass": "TASS",
}
