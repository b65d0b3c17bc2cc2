"""The verb-frame lexicon (``lang/en/learned_frames.py``) learned from PolNeAR train.

Run through ``python benchmarks/polnear_extract.py --split train --learn``, which prints it.
"""

from __future__ import annotations

from collections import Counter

from polnear_extract import Gold, _chars, lines_of

from quotedrift.records import Article


def learn_frames(articles: list[Article], golds: list[Gold]) -> str:
    """The ``cues.LEARNED_FRAMES_TEXT`` lexicon: for every (verb form, frame shape) that
    ``reported.frame`` reads outside quotation marks, how often its content matches a gold
    content (lenient, as scored); forms seen 3+ times with at least half matched."""
    import textwrap

    from quotedrift.extraction.nlp import load_nlp
    from quotedrift.extraction.parsed import ParsedParagraph
    from quotedrift.extraction.quotations import find_quotations
    from quotedrift.extraction.reported_speech import frame

    gold_chars: dict[str, list[set[int]]] = {}
    for g in golds:
        gold_chars.setdefault(g.article, []).append(_chars(g.frags))
    marks = {a.id: [m for c in find_quotations(a.text) for m in c.marks] for a in articles}
    texts, where = lines_of(articles)
    seen: Counter[tuple[str, str]] = Counter()
    hits: Counter[tuple[str, str]] = Counter()
    docs = load_nlp().pipe(texts, batch_size=64, disable=["ner", "attribute_ruler"])
    for (art, offset), doc in zip(where, docs, strict=True):
        para = ParsedParagraph(offset, doc, offset + len(doc.text))
        for tok in doc:
            found = frame(tok)
            if found is None or not tok.lower_.isalpha():
                continue
            s, e = para.extent(found[2])
            if any(s < me and ms < e for ms, me in marks[art]):
                continue  # inside or across a quotation: the quotation is the statement
            chars = set(range(s, e))
            key = (tok.lower_, found[0])
            seen[key] += 1
            hits[key] += any(len(chars & gc) * 2 >= len(gc) for gc in gold_chars.get(art, []))
    words = [
        f"{form}:{shape[0]}:{hits[(form, shape)]}/{n}"
        for (form, shape), n in sorted(seen.items())
        if n >= 3 and hits[(form, shape)] * 2 >= n
    ]
    return textwrap.fill(" ".join(words), 92, initial_indent="    ", subsequent_indent="    ")
