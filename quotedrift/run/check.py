"""Pre-publication check: one draft against its sources (wire copy, transcripts, statements).

Only the draft's words inside quotation marks are judged: a quotation fails when it reaches the
``fail_on`` tier, carries a meaning-change flag, has words inside its quotation marks that the
speaker never said, or credits the speaker's words to someone else, whatever ``fail_on`` says
(those are the misquotes a correction is printed for). Reported speech is left to ``compare``:
paraphrase is allowed outside quotation marks, and its word alignment is too loose to stop a desk
on.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from quotedrift.comparison.embedding import Embedder
from quotedrift.config import Settings
from quotedrift.errors import ConfigError, NoArticlesError
from quotedrift.read import ingest
from quotedrift.records import (
    MEANING_FLAGS,
    TIER_ORDER,
    Article,
    Extraction,
    Quote,
    Report,
    Span,
    Speaker,
    SpeakerRef,
    Statement,
    Version,
)
from quotedrift.run.pipeline import (
    PathLike,
    Progress,
    _noop,
    compare_extractions,
    extract_read,
    nothing_read,
)

DRAFT_PREFIX = "draft:"
_SPEAKER_LINE = re.compile(r"\A\s*speaker:[ \t]*(?P<name>[^\n]+?)[ \t]*(?:\n|\Z)", re.IGNORECASE)
# Sentence ends inside a transcript: the speaker's own words, split so that a draft's excerpt can
# be matched to the sentence(s) it comes from.
_SENTENCE = re.compile(r"[^.!?\n]+(?:[.!?]+[\"'”’)]*|$)")


@dataclass(frozen=True)
class CheckResult:
    """report: the draft's quotations against the sources (problems only); failures: versions
    that reach ``fail_on``, change meaning, add words never said or move the words to another
    speaker; fail_on: the tier used; checked: how many of the draft's quotations were judged
    (reported speech is not); sources: how many source documents were read."""

    report: Report
    failures: tuple[Version, ...]
    fail_on: str
    checked: int = 0
    sources: int = 0

    @property
    def summary(self) -> str:
        """What was checked and what came of it, in one line: "3 quotations checked against 1
        source: none fails" (or "2 fail (--fail-on paraphrased)")."""
        quotations = f"{self.checked} quotation{'s' if self.checked != 1 else ''}"
        sources = f"{self.sources} source{'s' if self.sources != 1 else ''}"
        failed = len(self.failures)
        verdict = "none fails" if not failed else f"{failed} fail{'s' if failed == 1 else ''}"
        if failed:
            verdict += (
                f" (--fail-on {self.fail_on}, or a changed meaning, speaker or words never said)"
            )
        return f"{quotations} checked against {sources}: {verdict}"


def check(
    draft: PathLike,
    sources: Sequence[PathLike],
    settings: Settings | None = None,
    *,
    speaker: str | None = None,
    embedder: Embedder | None = None,
    progress: Progress = _noop,
) -> CheckResult:
    """Judge the quotations of ``draft`` against ``sources``.

    speaker: for sources that are one person's own words (a transcript or statement), that
        person's name; a source file may also name its speaker on a first line ``speaker: NAME``.
        Every sentence of such a source is an original quotation of that speaker.
    Returns a CheckResult whose report lists only the draft's problems. Raises NoArticlesError
    when the draft or every source is unreadable, ConfigError for an unknown ``fail_on`` tier.
    """
    settings = settings or Settings()
    if settings.fail_on not in TIER_ORDER:
        raise ConfigError(
            f"unknown tier {settings.fail_on!r} for fail-on: use one of {', '.join(TIER_ORDER)}"
        )
    source_articles, problems = ingest.read_articles(list(sources), settings)
    if not source_articles:
        raise NoArticlesError(
            "no readable source: " + nothing_read(sources, problems), tuple(problems)
        )
    drafts, draft_problems = ingest.read_articles([draft], settings)
    problems += draft_problems
    if not drafts:
        raise NoArticlesError(
            "the draft cannot be read: " + nothing_read([draft], draft_problems),
            tuple(draft_problems),
        )
    # The draft may be one of the sources' files; its own id keeps the two apart.
    drafts = [replace(a, id=DRAFT_PREFIX + a.id) for a in drafts]

    progress("extracting quotations")
    transcripts: list[Extraction] = []
    news: list[Article] = []
    for article in source_articles:
        name, body = _transcript_speaker(article, speaker)
        if name:
            transcripts.append(_transcript(article, name, body))
        else:
            news.append(article)
    extractions = transcripts + extract_read([*news, *drafts], settings, problems)
    report = compare_extractions(
        extractions,
        settings,
        embedder=embedder,
        problems=problems,
        progress=progress,
        sources=[a.id for a in source_articles],
    )
    return replace(_problems_only(report, settings.fail_on), sources=len(source_articles))


def _transcript_speaker(article: Article, speaker: str | None) -> tuple[str | None, Span]:
    match = _SPEAKER_LINE.match(article.text)
    if match:
        return match.group("name"), (match.end(), len(article.text))
    return speaker, (0, len(article.text))


def _slug(name: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "speaker"


def _transcript(article: Article, name: str, body: Span) -> Extraction:
    """Every sentence of a one-speaker source is that speaker's original words."""
    ref = SpeakerRef(mention=name, span=None, name=name, title=None, kind="person", id=_slug(name))
    quotes: list[Quote] = []
    for m in _SENTENCE.finditer(article.text, body[0], body[1]):
        text = m.group().strip()
        if len(text.split()) < 2:
            continue
        start = m.start() + (len(m.group()) - len(m.group().lstrip()))
        quotes.append(
            Quote(
                id=f"{article.id}#{len(quotes) + 1}",
                article=article.id,
                kind="direct",
                text=text,
                spans=((start, start + len(text)),),
                speaker=ref,
                cue=None,
                confidence=1.0,
            )
        )
    speakers = (Speaker(id=ref.id, name=name, kind="person", aliases=(name,)),)
    return Extraction(article=article, quotes=tuple(quotes), speakers=speakers)


_ALWAYS_FAIL = MEANING_FLAGS | {"words_never_said", "attribution_changed"}


def _fails(version: Version, fail_on: str) -> bool:
    drift = version.drift
    if version.quote.kind == "indirect":
        return False
    if _ALWAYS_FAIL & set(drift.flags) or drift.tier == "attribution_changed":
        return True
    return TIER_ORDER.index(drift.tier) >= TIER_ORDER.index(fail_on)


def _problems_only(report: Report, fail_on: str) -> CheckResult:
    statements: list[Statement] = []
    failures: list[Version] = []
    for s in report.statements:
        bad = tuple(v for v in s.versions if _fails(v, fail_on))
        if bad:
            statements.append(replace(s, versions=bad))
            failures.extend(bad)
    unsupported = tuple(v for v in report.unsupported if v.quote.kind != "indirect")
    failures.extend(unsupported)
    filtered = replace(report, statements=tuple(statements), unsupported=unsupported)
    judged = [v for s in report.statements for v in s.versions] + list(unsupported)
    # A quotation of several sentences is a version of each statement it renders: it is judged,
    # and fails, once.
    checked = len({v.quote.id for v in judged if v.quote.kind != "indirect"})
    first = tuple({v.quote.id: v for v in reversed(failures)}.values())[::-1]
    return CheckResult(filtered, first, fail_on, checked=checked)


def draft_path(article_id: str) -> str:
    """The draft's article id without the prefix that keeps it apart from the sources."""
    return article_id.removeprefix(DRAFT_PREFIX)


__all__ = ["CheckResult", "check", "draft_path"]
