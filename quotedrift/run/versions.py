"""Version records: a quotation as one outlet printed it, with its drift."""

from __future__ import annotations

from quotedrift.comparison import drift as drift_stage
from quotedrift.records import Article, Drift, Edit, Metrics, Quote, Span, Version


def unsupported_drift(text: str) -> Drift:
    """The drift of words with no original to align against: every word is new, and the score
    tops the scale."""
    words_ = tuple(text.split())
    return Drift(
        tier="unsupported",
        score=drift_stage.BANDS["unsupported"][1],
        flags=("unsupported",),
        metrics=Metrics(cosine=0.0, containment=0.0, reverse_containment=0.0, word_similarity=0.0),
        edits=(Edit(op="insert", original=(), version=words_),),
        added=(text,),
        dropped=(),
    )


def version_record(
    q: Quote, article: Article, originals: tuple[str, ...], d: Drift, spans: tuple[Span, ...]
) -> Version:
    """The Version of ``q`` in ``article``: aligned to ``originals``, rendering ``spans``."""
    return Version(
        quote=q,
        outlet=article.outlet,
        speaker_as_written=q.speaker.mention if q.speaker else None,
        original_quote_ids=originals,
        drift=d,
        rendered_spans=spans,
    )
