"""British spellings and their American forms, and words the spelling rules must not touch.

Written by hand; ``comparison/normalise.py`` applies the -our/-ise/-yse/-tre/-ogue rules.
"""

from __future__ import annotations

SPELLING = {
    "defence": "defense",
    "offence": "offense",
    "licence": "license",
    "pretence": "pretense",
    "programme": "program",
    "programmes": "programs",
    "practise": "practice",
    "practised": "practiced",
    "grey": "gray",
    "tyre": "tire",
    "tyres": "tires",
    "cheque": "check",
    "aluminium": "aluminum",
    "sceptical": "skeptical",
    "sceptic": "skeptic",
    "whilst": "while",
    "amongst": "among",
    "towards": "toward",
    "learnt": "learned",
    "spelt": "spelled",
    "enrol": "enroll",
    "fulfil": "fulfill",
    "judgement": "judgment",
    "ageing": "aging",
    "plough": "plow",
    "manoeuvre": "maneuver",
    "manoeuvres": "maneuvers",
    "paediatric": "pediatric",
    "anaemia": "anemia",
    "oestrogen": "estrogen",
    "encyclopaedia": "encyclopedia",
    "jewellery": "jewelry",
    "mum": "mom",
    "kerb": "curb",
    "storey": "story",
    "draught": "draft",
    "gaol": "jail",
    "ok": "okay",
}


# British doubled l before a suffix; a table, since a rule would merge "filled" and "filed".
for _stem in (
    "travel",
    "cancel",
    "label",
    "model",
    "fuel",
    "signal",
    "level",
    "channel",
    "counsel",
    "total",
    "equal",
    "dial",
    "marvel",
    "quarrel",
    "tunnel",
    "shovel",
    "rival",
    "jewel",
    "duel",
    "funnel",
):
    for _suffix in ("ed", "ing", "er", "ers"):
        SPELLING[f"{_stem}l{_suffix}"] = f"{_stem}{_suffix}"


SPELLING["counsellor"] = "counselor"


SPELLING["marvellous"] = "marvelous"


OUR_KEEP = frozenset({"devour", "devours", "devoured", "devouring", "contour", "contours"})


ISE_KEEP = frozenset(
    {
        "wise", "rise", "rises", "arise", "arises", "raise", "raises", "raised", "praise",
        "praised", "poise", "noise", "noises", "cruise", "bruise", "bruised", "otherwise",
        "likewise", "clockwise", "premise", "promise", "promised", "promises", "precise",
        "concise", "expertise", "franchise", "merchandise", "paradise", "exercise", "exercised",
        "exercises", "advertise", "advertised", "advertising", "advertiser", "advertisers",
        "compromise", "compromised", "surprise", "surprised", "surprises", "surprising",
        "supervise", "supervised", "supervising", "televise", "televised", "revise", "revised",
        "devise", "devised", "disguise", "disguised", "despise", "enterprise", "enterprises",
        "treatise", "demise", "chastise", "comprise", "comprised", "comprises", "excise",
        "incise", "improvise", "improvised", "arising", "rising", "raising", "praising",
        "cruising", "promising", "surmise", "reprise", "turquoise", "tortoise", "porpoise",
        "mise", "anise", "valise", "guise", "elise", "denise", "louise", "reise",
    }
)  # fmt: skip
