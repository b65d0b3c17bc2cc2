"""Speech verbs that attribute only with a particular complement.

Written by hand; a subset of ``speech_verbs.SPEECH_VERBS``.
"""

from __future__ import annotations

# Verbs that attribute only with a particular complement: "call" attributes in "called it a
# disaster" / "called for", but not in "called the police"; "point" needs "out"/"to"; "show",
# "find", "learn", "rule", "read" mostly describe things that are not speech. These are only
# accepted as cues when a quotation or a clausal complement hangs on them.
WEAK_SPEECH: frozenset[str] = frozenset(
    {
        "call",
        "ask",
        "point",
        "post",
        "show",
        "find",
        "learn",
        "rule",
        "read",
        "sing",
        "chant",
        "begin",
        "continue",
        "describe",
        "charge",
        "accuse",
        "question",
        "demand",
        "propose",
        "signal",
        "laugh",
        "sigh",
        "snap",
        "cry",
        "advise",
        "threaten",
        "agree",
        "hint",
        "imply",
        "mention",
        "observe",
        "counter",
        "repeat",
        "relay",
        "convey",
        "inform",
        "notify",
        "respond",
        "characterize",
        "characterise",
        "label",
        "brand",
        "term",
    }
)
