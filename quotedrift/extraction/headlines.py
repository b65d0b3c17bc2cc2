"""Quotations in an article's headline, read apart from the body and attributed after it.

Outlets put the most-shared words of a statement in the headline ("Lee Calls Plan 'Reckless'"),
so a headline quotation is worth reading, but a headline is no sentence to parse (title case
misleads the tagger, and the verb is often left out). Its quotations are attributed by what the
rest of the article says instead:

1. the speaker of a body quotation holding the same words (the tightest such quotation: the one
   the headline's words fill most);
2. else the headline's subject: a name opening it before a colon or a speech or characterisation
   verb ("Lee: ...", "Lee Says ...", "Lee Slams ..."), or ending it after a comma (", Lee Says"),
   when the body names that person or body too (title case capitalises every word);
3. else nobody: a quotation of its own ('Storm Hits Town: "We Will Rebuild"') is reported
   without a speaker, a fragment ("Town Braces For 'Storm Of The Century'") is not, as in the
   body: a fragment nobody is said to have said is a term or a scare quote.

Each is a ``Quote`` with ``headline`` set, so the reports can show it as a headline quotation.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import replace

from quotedrift.extraction.cues import characterisation_base, speech_base
from quotedrift.extraction.mentions import Mentions
from quotedrift.extraction.quotations import find_quotations
from quotedrift.lang.en.function_words import FUNCTION_WORDS
from quotedrift.lang.en.titles import TITLE_WORDS
from quotedrift.records import Article, Cue, Quote, QuoteCandidate, Span, SpeakerRef

__all__ = ["headline_quotes"]

_WORD_RE = re.compile(r"\w+(?:['\u2019]\w+)*")
_TOKEN_RE = re.compile(r"\S+")
_MAX_NAME = 4  # words in a headline's subject ("Sen. Ann Marie Lee")
_MAX_TAIL = 3  # words after a closing attribution's verb (", Lee Tells Reporters")
_EDGE = ".,;:!?\"'\u201c\u201d\u2018\u2019()"


def headline_quotes(
    article: Article, body: Sequence[Quote], mentions: Mentions
) -> list[tuple[int, Quote]]:
    """The quotations of ``article``'s headline as (start, quote without its final id).

    body: the article's quotations found outside the headline, with their speakers;
    mentions: the article's speaker identities (a headline name resolves to the body's person).
    Only the headline's first printing is read: a repeat of it is boilerplate.
    """
    found: list[tuple[int, Quote]] = []
    text = article.text
    for span in _headline_spans(article):
        for cand in find_quotations(text, ((0, span[0]), (span[1], len(text)))):
            speaker, cue = _attribute(text, span, cand, body, mentions)
            if speaker is None and cand.kind == "partial":
                continue
            found.append(
                (
                    cand.spans[0][0],
                    Quote(
                        id="",
                        article=article.id,
                        kind=cand.kind,
                        text=" ".join(text[s:e] for s, e in cand.spans),
                        spans=cand.spans,
                        speaker=speaker,
                        cue=cue,
                        confidence=0.0,  # set from the finished quotation (build_extraction)
                        headline=True,
                    ),
                )
            )
    return found


def _headline_spans(article: Article) -> Iterator[Span]:
    for start, end in article.headlines:
        if not any(s <= start and end <= e for s, e in article.boilerplate):
            yield start, end


def _attribute(
    text: str, headline: Span, cand: QuoteCandidate, body: Sequence[Quote], mentions: Mentions
) -> tuple[SpeakerRef | None, Cue | None]:
    said = _body_quotation(_words(" ".join(text[s:e] for s, e in cand.spans)), body)
    if said is not None and said.speaker is not None:
        ref = said.speaker
        why = f'headline: the body quotes the same words from {ref.name} ("{ref.mention}")'
        # The headline names nobody: the speaker is the body's, without a mention of its own.
        return replace(ref, mention=ref.name, span=None, resolved_from=why), None
    subject = _subject(text, headline, cand.marks)
    # Title case capitalises every word ("Storm Hits Town: ..."): a subject is a name only when
    # the body names that person or body too.
    if subject is None or not mentions.names_known(subject[0]):
        return None, None
    name, name_span, cue = subject
    return mentions.resolve_text(name, name_span), cue


def _words(text: str) -> tuple[str, ...]:
    return tuple(w.casefold().replace("\u2019", "'") for w in _WORD_RE.findall(text))


def _body_quotation(words: tuple[str, ...], body: Sequence[Quote]) -> Quote | None:
    """The attributed body quotation holding ``words`` in a row that they fill most (the
    earliest of equals)."""
    if not words:
        return None
    best: tuple[float, Quote] | None = None
    for quote in body:
        if quote.kind == "indirect" or quote.speaker is None or quote.headline:
            continue
        held = _words(quote.text)
        if not _holds(held, words):
            continue
        share = len(words) / len(held)
        if best is None or share > best[0]:
            best = (share, quote)
    return best[1] if best is not None else None


def _holds(big: tuple[str, ...], small: tuple[str, ...]) -> bool:
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


_Subject = tuple[str, Span, Cue]


def _subject(text: str, headline: Span, marks: Sequence[Span]) -> _Subject | None:
    """The name a headline opens with before a colon or a cue verb, ahead of the quotation; else
    the name of a closing attribution after the last comma, behind it."""
    tokens = [(m.start(), m.end()) for m in _TOKEN_RE.finditer(text, headline[0], headline[1])]
    lead = [t for t in tokens if t[1] <= marks[0][0]]
    found = _leading_subject(text, lead)
    if found is not None:
        return found
    # The comma may stand inside the closing mark ("'Back By Spring,' Lee Says").
    comma = text.rfind(",", marks[-1][1] - 2, headline[1])
    if comma < 0:
        return None
    tail = [t for t in tokens if t[0] > comma]
    return _closing_subject(text, tail)


def _leading_subject(text: str, tokens: Sequence[Span]) -> _Subject | None:
    """'Lee: ...', 'Sen. Ann Lee Says ...', 'Lee Slams ...'."""
    for j, (s, e) in enumerate(tokens[:_MAX_NAME]):
        word = text[s:e]
        if word.endswith(":"):
            name = tokens[: j + 1]
            if not _is_name(text, name, colon=True):
                return None
            return _named(text, name, Cue(":", (e - 1, e)))
        if not _is_name(text, tokens[: j + 1]):
            return None
        if j + 1 < len(tokens) and _cue_verb(text, tokens[j + 1]):
            cs, ce = tokens[j + 1]
            return _named(text, tokens[: j + 1], Cue(text[cs:ce], (cs, ce)))
    return None


def _closing_subject(text: str, tokens: Sequence[Span]) -> _Subject | None:
    """', Lee Says', ', Ann Lee Tells Reporters'."""
    for j in range(min(_MAX_NAME, len(tokens) - 1)):
        if not _is_name(text, tokens[: j + 1]):
            return None
        verb = tokens[j + 1]
        if _cue_verb(text, verb) and len(tokens) - j - 2 <= _MAX_TAIL:
            return _named(text, tokens[: j + 1], Cue(text[verb[0] : verb[1]].strip(_EDGE), verb))
    return None


def _cue_verb(text: str, token: Span) -> bool:
    word = text[token[0] : token[1]].strip(_EDGE)
    return speech_base(word) is not None or characterisation_base(word) is not None


def _is_name(text: str, tokens: Sequence[Span], colon: bool = False) -> bool:
    """Capitalised words, none a function word, a cue verb or a possessive ("Trump's")."""
    for k, (s, e) in enumerate(tokens):
        word = text[s:e]
        if colon and k == len(tokens) - 1:
            word = word[:-1]
        if not word[:1].isupper() or word.lower() in FUNCTION_WORDS:
            return False
        if word.endswith(("'s", "\u2019s", "'", "\u2019", ",")) or _cue_verb(text, (s, e)):
            return False
    return True


def _named(text: str, tokens: Sequence[Span], cue: Cue) -> _Subject:
    """The name without its leading titles ("Sen. Ann Lee" -> "Ann Lee") and where it is."""
    keep = list(tokens)
    while len(keep) > 1 and text[keep[0][0] : keep[0][1]].lower() in TITLE_WORDS:
        keep = keep[1:]
    start, end = keep[0][0], keep[-1][1]
    while end > start and text[end - 1] in _EDGE:
        end -= 1
    return text[start:end], (start, end), cue
