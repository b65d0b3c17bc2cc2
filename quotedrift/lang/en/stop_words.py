"""Words that carry no claim of their own when matching statements (speech verbs included: a
version saying "said" proves nothing).

Written by hand; alignment adds ``function_words.FUNCTION_WORDS``.
"""

from __future__ import annotations

# Words beyond function_words.py's that carry no claim of their own (speech verbs included: a
# version saying "said" proves nothing).
STOP_WORDS_TEXT = """
    a about above after again against all also am an and any are as at be because been before
    being below between both but by can could did do does doing down during each either else
    ever every few for from further had has have having he her here hers herself him himself his
    how i if in into is it its itself just let me more most much my myself neither nor of off on
    once only or other ought our ours ourselves out over own per same shall she should so some
    such than that the their theirs them themselves then there these they this those through
    thus to too under until up upon very was we were what when where whether which while who
    whom whose why will with within without would yet you your yours yourself yourselves said
    says say told tell
"""
