"""Irregular and doubled-consonant forms of the speech and belief verbs.

Written by hand (standard English inflection); every other verb is inflected by rule.
"""

from __future__ import annotations

# Irregular and doubled-consonant forms; everything else is inflected by rule.
IRREGULAR_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("says", "said", "saying"),
    "tell": ("tells", "told", "telling"),
    "write": ("writes", "wrote", "written", "writing"),
    "read": ("reads", "read", "reading"),
    "think": ("thinks", "thought", "thinking"),
    "know": ("knows", "knew", "known", "knowing"),
    "feel": ("feels", "felt", "feeling"),
    "see": ("sees", "saw", "seen", "seeing"),
    "find": ("finds", "found", "finding"),
    "show": ("shows", "showed", "shown", "showing"),
    "understand": ("understands", "understood", "understanding"),
    "begin": ("begins", "began", "begun", "beginning"),
    "sing": ("sings", "sang", "sung", "singing"),
    "swear": ("swears", "swore", "sworn", "swearing"),
    "learn": ("learns", "learned", "learnt", "learning"),
    "forecast": ("forecasts", "forecast", "forecasted", "forecasting"),
    "cry": ("cries", "cried", "crying"),
    "reply": ("replies", "replied", "replying"),
    "deny": ("denies", "denied", "denying"),
    "testify": ("testifies", "testified", "testifying"),
    "certify": ("certifies", "certified", "certifying"),
    "clarify": ("clarifies", "clarified", "clarifying"),
    "specify": ("specifies", "specified", "specifying"),
    "notify": ("notifies", "notified", "notifying"),
    "worry": ("worries", "worried", "worrying"),
    "snap": ("snaps", "snapped", "snapping"),
    "plan": ("plans", "planned", "planning"),
    "admit": ("admits", "admitted", "admitting"),
    "concur": ("concurs", "concurred", "concurring"),
    "quip": ("quips", "quipped", "quipping"),
    "plead": ("pleads", "pleaded", "pled", "pleading"),
    "beg": ("begs", "begged", "begging"),
    "brag": ("brags", "bragged", "bragging"),
    "echo": ("echoes", "echoed", "echoing"),
    "figure": ("figures", "figured", "figuring"),
    "label": ("labels", "labeled", "labelled", "labeling", "labelling"),
}
