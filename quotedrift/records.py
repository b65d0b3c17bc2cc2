"""Typed records shared by every stage.

Every record is a frozen dataclass. Offsets are character offsets into ``Article.text``, the decoded
text of the file as it was read (for HTML and JSON, the extracted article body), so any figure in a
report can be traced back to the words it came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal

Span = tuple[int, int]
"""Half-open character range ``[start, end)`` into ``Article.text``."""

QuoteKind = Literal["direct", "partial", "indirect"]
SpeakerKind = Literal["person", "organization", "role", "unknown"]
Tier = Literal[
    "verbatim",
    "typographic",
    "excerpt",
    "reworded",
    "paraphrased",
    "meaning_changed",
    "attribution_changed",
    "unsupported",
    "indirect",
]
TIER_ORDER: tuple[str, ...] = (
    "verbatim",
    "typographic",
    "excerpt",
    "indirect",
    "reworded",
    "paraphrased",
    "meaning_changed",
    "attribution_changed",
    "unsupported",
)
"""Tiers from least to most severe. ``indirect`` sits below ``reworded`` because paraphrase is
allowed outside quotation marks; ``attribution_changed`` (the original speaker's words credited to
another person) sits above ``meaning_changed``: whatever the words, the reader is told the wrong
person said them."""

FLAGS: tuple[str, ...] = (
    "silent_elision",
    "marked_elision",
    "words_never_said",
    "number_changed",
    "name_changed",
    "negation_changed",
    "hedge_dropped",
    "merged",
    "split",
    "attribution_changed",
    "unsupported",
)
MEANING_FLAGS: frozenset[str] = frozenset(
    {"number_changed", "name_changed", "negation_changed", "hedge_dropped"}
)


# ---------------------------------------------------------------------------------------------
# Stage 1: articles


@dataclass(frozen=True)
class Article:
    """One news article as read from disk.

    id: stable identifier, the path relative to the folder it was found in (``feed.jsonl:3`` for
        the third line of a JSONL file).
    path: the path as found on the command line or while walking a folder.
    text: the decoded text; every span in every record points into it.
    outlet / title / date / wire / dateline / url: metadata where the file or text gives it
        (date as ISO ``YYYY-MM-DD``; wire as the agency's short name, e.g. ``AFP``).
    outlet_source: where the outlet came from: ``metadata``, ``masthead``, ``filename`` or None.
    boilerplate: ranges of scraped furniture (tickers, ads, navigation, link lists, copyright
        lines, repeated headlines) that no stage may report a quotation from.
    headlines: ranges holding the headline: its quotations are read apart from the body
        (``Quote.headline``), its reported speech is not.
    encoding: how the bytes were decoded (``utf-8``, ``utf-8-sig``, ``utf-16``, ``cp1252``...).
    warnings: non-fatal problems met while reading (e.g. a cp1252 fallback).
    """

    id: str
    path: str
    text: str
    outlet: str | None = None
    outlet_source: str | None = None
    title: str | None = None
    date: str | None = None
    wire: str | None = None
    dateline: str | None = None
    url: str | None = None
    boilerplate: tuple[Span, ...] = ()
    headlines: tuple[Span, ...] = ()
    encoding: str = "utf-8"
    warnings: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# Stage 2: quotations and their speakers


@dataclass(frozen=True)
class QuoteCandidate:
    """A stretch of text inside quotation marks, before attribution.

    spans: the quoted words of each fragment, without the outer quotation marks; more than one
        when the quotation is interrupted by its attribution ('"A," he said. "B"') or runs over
        several paragraphs.
    marks: the full extent of each fragment including its quotation marks.
    kind: ``direct`` (the quotation is a sentence or more of its own) or ``partial`` (quoted words
        inside a sentence of the writer's).
    sentence: the extent of the sentence(s) carrying the quotation, used to look for cues.
    speechlike: False for scare quotes, titles and nicknames ('known as "Shorty"').
    """

    spans: tuple[Span, ...]
    marks: tuple[Span, ...]
    kind: QuoteKind
    sentence: Span
    speechlike: bool = True


@dataclass(frozen=True)
class Cue:
    """The words that introduce speech: ``said``, ``according to``, ``describing ... as``, ``—``."""

    text: str
    span: Span | None


@dataclass(frozen=True)
class SpeakerRef:
    """Who said a quotation, as written and as resolved.

    mention: the words nearest the quotation that name the speaker ("She", "Foley",
        "A spokesperson for the foreign ministry").
    span: where that mention is, or None when the speaker was carried over without a mention.
    name: what the mention resolves to within the article ("Leah Foley"); for an unnamed role, the
        role itself ("spokesperson for the foreign ministry").
    title: title or role kept apart from the name ("US Attorney"), or None.
    kind: person, organization, role (unnamed) or unknown.
    id: stable speaker identity, shared across articles once resolved.
    organization: the body the speaker speaks for, where the text says ("foreign ministry").
    resolved_from: why ``name`` is what the mention stands for, when the mention does not say it
        itself ("he": 'pronoun: the person speaking before ("Tom Fox said")'; "the statement":
        'document: issued by Acme Corp. ("Acme Corp. released a statement")'); None when the
        mention names the speaker or stays unresolved.
    """

    mention: str
    span: Span | None
    name: str
    title: str | None
    kind: SpeakerKind
    id: str
    organization: str | None = None
    resolved_from: str | None = None


@dataclass(frozen=True)
class Quote:
    """One quotation or reported statement found in an article.

    id: stable identifier, ``<article id>#<n>`` numbered in text order.
    article: the ``Article.id`` it came from.
    kind: direct, partial or indirect (reported speech).
    text: the words, without outer quotation marks (fragments joined by a space).
    spans: offsets of each fragment into the article text.
    speaker / cue: attribution, None where none was found.
    confidence: 0-1, how often a quotation found the same way (kind, route to the speaker,
        speaker kind) had both its words and its speaker right on PolNeAR train
        (``extraction/confidence.py``).
    content: for partial and indirect quotes, the extent of the whole reported clause.
    stance: an indirect attribution of a stance, intention or act rather than of speech ('plans
        to run', 'criticized the ruling', 'believes that'): attribution corpora count these, but
        their wording is the writer's, so compare leaves them out.
    headline: the quotation is in the article's headline ("Lee Calls Plan 'Reckless'"). A
        headline is not parsed: its speaker is the one the body quotes with the same words
        (``speaker.span`` None, ``speaker.resolved_from`` says so), else the name the headline
        opens with before a colon or a speech verb ("Lee: ...", "Lee Says ..."), else None
        (``extraction/headlines.py``).
    joint: the others credited with the same words in one coordinated subject ('Ruiz and Vale
        called it "a disaster"': speaker Ruiz, joint Vale); compare counts the quotation as each
        one's statement.
    """

    id: str
    article: str
    kind: QuoteKind
    text: str
    spans: tuple[Span, ...]
    speaker: SpeakerRef | None
    cue: Cue | None
    confidence: float
    content: Span | None = None
    stance: bool = False
    headline: bool = False
    joint: tuple[SpeakerRef, ...] = ()


@dataclass(frozen=True)
class Speaker:
    """A speaker identity, resolved within an article or across a collection.

    aliases: every way the articles wrote this speaker ("Foley", "US Attorney Leah Foley", "She").
    links: explanations for identities merged on evidence other than the name (a role-only
        speaker whose statements align with a named speaker's elsewhere).
    """

    id: str
    name: str
    kind: SpeakerKind
    titles: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    organization: str | None = None
    links: tuple[str, ...] = ()


@dataclass(frozen=True)
class Extraction:
    """The result of stages 1-3 for one article.

    error: why extraction failed for this article (no quotes or speakers then), e.g. the
        worker process extracting it died; None when it succeeded. Failed extractions are never
        cached or stored, and the pipeline reports them as problems.
    """

    article: Article
    quotes: tuple[Quote, ...]
    speakers: tuple[Speaker, ...]
    error: str | None = None


@dataclass(frozen=True)
class Problem:
    """A file that could not be read, or a non-fatal problem with one. Never raised; reported."""

    path: str
    message: str
    fatal: bool = True


def fragments_words(quote: Quote, spans: tuple[Span, ...]) -> str:
    """The words of ``quote`` at ``spans`` (each inside one of its fragments; its text holds
    the fragments joined by one space), joined by one space. The whole text when ``spans`` are
    its own or its text is not such a join."""
    if not spans or tuple(spans) == quote.spans:
        return quote.text
    lengths = [end - start for start, end in quote.spans]
    if sum(lengths) + len(lengths) - 1 != len(quote.text):
        return quote.text
    starts, at = [], 0
    for n in lengths:
        starts.append(at)
        at += n + 1
    pieces = []
    for start, end in spans:
        inside = next((i for i, (s, e) in enumerate(quote.spans) if s <= start and end <= e), None)
        if inside is None:
            return quote.text
        offset = starts[inside] + start - quote.spans[inside][0]
        pieces.append(quote.text[offset : offset + end - start])
    return " ".join(pieces)


# ---------------------------------------------------------------------------------------------
# Stages 5-6: alignment and drift


@dataclass(frozen=True)
class Alignment:
    """Which original quotations one version corresponds to.

    version: the quote id of the version.
    originals: quote ids in the reference article, in text order (two or more: merged).
    relation: ``same`` | ``merged`` | ``split`` (one of several versions of one original in the
        same article) | ``attribution_changed`` | ``unsupported``.
    score: the matching score that decided it (0-1).
    """

    version: str
    originals: tuple[str, ...]
    relation: str
    score: float


@dataclass(frozen=True)
class Metrics:
    """cosine: embedding similarity; containment: share of the version's words found in the
    original; reverse_containment: share of the original's words kept in the version;
    word_similarity: 1 - normalised word edit distance after alignment."""

    cosine: float
    containment: float
    reverse_containment: float
    word_similarity: float


@dataclass(frozen=True)
class Edit:
    """One word-level edit operation: ``keep``, ``drop``, ``insert`` or ``replace``.

    original / version: the words of each side, as tokens (punctuation left out), for comparing.
    printed: the version's words of this edit as the outlet printed them, punctuation between
        them included ("passengers' lives,"); empty when the version has no words here.
    printed_after: what the version prints after them up to its next word (", ", "... ", a
        closing bracket), so that concatenating ``printed + printed_after`` over the edits gives
        the version's text back.
    printed_original: the original's words of this edit as printed in the original.
    elided: the words the original has here were cut where the version prints an ellipsis or
        ends one quoted fragment and opens another (a cut the outlet shows), not silently.
    """

    op: Literal["keep", "drop", "insert", "replace"]
    original: tuple[str, ...]
    version: tuple[str, ...]
    printed: str = ""
    printed_after: str = ""
    printed_original: str = ""
    elided: bool = False


@dataclass(frozen=True)
class Drift:
    """How one version differs from its original."""

    tier: Tier
    score: float
    flags: tuple[str, ...]
    metrics: Metrics
    edits: tuple[Edit, ...]
    added: tuple[str, ...]
    dropped: tuple[str, ...]
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Version:
    """One outlet's rendering of a statement.

    quote: the whole quotation as extracted; rendered_spans: where its words that render this
    statement are (empty: all of it): its fragments in the statement, less sentences at their
    ends that render another statement or none. A quotation of several sentences may render several
    statements, and is then a version in each; its drift is measured on the fragments that
    render the statement, against the original's fragments that these render.

    The names of the JSON report's version fields are reachable here too: ``tier``, ``flags``,
    ``quote_id``, ``article``, ``kind``, ``headline``, ``text``, ``spans`` and ``speaker`` (the
    speaker's id)
    directly; the JSON's number ``drift`` is ``score`` (``drift`` itself is the whole Drift
    record: score, edits, metrics).
    """

    quote: Quote
    outlet: str | None
    speaker_as_written: str | None
    original_quote_ids: tuple[str, ...]
    drift: Drift
    rendered_spans: tuple[Span, ...] = ()

    @property
    def rendered(self) -> tuple[Span, ...]:
        """Where the quotation's words that render this statement are: all of ``quote.spans``
        unless it renders other statements too ('"A," she said. "B."' renders A in one
        statement and B in another), or carries sentences no other article does."""
        return self.rendered_spans or self.quote.spans

    @property
    def rendered_text(self) -> str:
        """The words of the fragments that render this statement (``quote.text`` when all do)."""
        return fragments_words(self.quote, self.rendered)

    @property
    def tier(self) -> Tier:
        """The drift tier (``version.drift.tier``)."""
        return self.drift.tier

    @property
    def flags(self) -> tuple[str, ...]:
        """The drift flags (``version.drift.flags``)."""
        return self.drift.flags

    @property
    def score(self) -> float:
        """The drift score 0-100, the JSON's ``drift`` (``version.drift.score``)."""
        return self.drift.score

    @property
    def quote_id(self) -> str:
        return self.quote.id

    @property
    def article(self) -> str:
        return self.quote.article

    @property
    def kind(self) -> QuoteKind:
        return self.quote.kind

    @property
    def headline(self) -> bool:
        """The quotation is in its article's headline (``quote.headline``)."""
        return self.quote.headline

    @property
    def text(self) -> str:
        return self.quote.text

    @property
    def spans(self) -> tuple[Span, ...]:
        return self.quote.spans

    @property
    def speaker(self) -> str | None:
        """The id of the speaker identity the quotation was resolved to."""
        return self.quote.speaker.id if self.quote.speaker else None


@dataclass(frozen=True)
class Statement:
    """One thing a speaker said (a sentence of theirs, or sentences every outlet quotes
    together), with its original and every version found elsewhere.

    original: the quotation(s) taken as the original: the original article's where the folder
    has one (a wire copy, the earliest date, ``--reference``) and it carries the statement;
    otherwise the fullest version, the one the others are excerpts of.
    original_spans: for each original quotation, its fragments that render this statement
        (empty: all of them).
    original_reason: why this original, in words ("the fullest of 3 versions; the wire copy
        does not carry it").
    not_in_original: the reference article does not carry this statement; two or more other
        articles do (not ``unsupported``: that is for what no other article carries).
    """

    id: str
    speaker: str
    original: tuple[Quote, ...]
    versions: tuple[Version, ...]
    original_spans: tuple[tuple[Span, ...], ...] = ()
    original_reason: str = ""
    not_in_original: bool = False

    def original_rendered(self, n: int) -> tuple[Span, ...]:
        """The spans of original quotation ``n`` that render this statement."""
        spans = self.original_spans[n] if n < len(self.original_spans) else ()
        return spans or self.original[n].spans

    def original_texts(self) -> tuple[str, ...]:
        """The words of each original quotation's fragments that render this statement."""
        return tuple(
            fragments_words(q, self.original_rendered(n)) for n, q in enumerate(self.original)
        )


@dataclass(frozen=True)
class Reference:
    """Which article was taken as the original, and why.

    rule: which rule chose it: ``reference`` (the user's choice), ``wire`` (a wire credit),
    ``date`` (the earliest date), ``agreement`` (the version the others agree with most: no
    article is known to be the original) or ``sources`` (check's source documents).
    """

    article: str
    reason: str
    rule: str = "agreement"

    @property
    def is_original(self) -> bool:
        """Whether the article is known to be the original (every rule but ``agreement``)."""
        return self.rule != "agreement"


@dataclass(frozen=True)
class Report:
    """Everything ``compare`` found; every output format renders this and nothing else."""

    reference: Reference
    articles: tuple[Article, ...]
    speakers: tuple[Speaker, ...]
    statements: tuple[Statement, ...]
    unsupported: tuple[Version, ...]
    problems: tuple[Problem, ...] = field(default=())
