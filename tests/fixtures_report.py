"""A hand-built ``Report`` (and the ``Extraction`` list behind it) for the renderer tests.

The story is invented (no seed or eval text may live in the repo). It exercises every part of a
report: a reference article and two rewrites, a verbatim excerpt, a changed number with a dropped
hedge, a merged quotation, a marked and a silent elision, an indirect paraphrase, an unsupported
quotation, a quote whose speaker was left unnamed, and an unreadable file.

``build_report(payload)`` appends ``payload`` to quote text, speaker names, outlet names, titles and
file names, so escaping tests can push hostile strings through every article-derived field. Spans
always point at the right characters of ``Article.text``, payload or not.
"""

from __future__ import annotations

from quotedrift.comparison.drift import measure
from quotedrift.records import (
    Article,
    Cue,
    Drift,
    Edit,
    Extraction,
    Metrics,
    Problem,
    Quote,
    Reference,
    Report,
    Speaker,
    SpeakerRef,
    Statement,
    Version,
)


def _find(text: str, needle: str, start: int = 0) -> tuple[int, int]:
    """The half-open span of ``needle`` in ``text`` (raises ValueError when it is missing)."""
    begin = text.index(needle, start)
    return (begin, begin + len(needle))


def _sub(text: str, context: str, word: str) -> tuple[int, int]:
    """The span of ``word`` inside the first occurrence of ``context`` in ``text``."""
    begin = text.index(context) + context.index(word)
    return (begin, begin + len(word))


def _insert(words: str) -> Edit:
    return Edit("insert", (), tuple(words.split()))


def _measured(originals: tuple[str, ...], version: Quote) -> tuple[Edit, ...]:
    """The word edits the drift stage makes, with the words as printed (tiers stay by hand)."""
    return measure(list(originals), version.text, kind=version.kind).edits


def _drift(
    tier: str,
    score: float,
    flags: tuple[str, ...],
    metrics: tuple[float, float, float, float],
    edits: tuple[Edit, ...],
    notes: tuple[str, ...] = (),
) -> Drift:
    # One phrase per edit, as the drift stage reports them.
    added = tuple(" ".join(e.version) for e in edits if e.op in ("insert", "replace"))
    dropped = tuple(" ".join(e.original) for e in edits if e.op in ("drop", "replace"))
    return Drift(
        tier=tier,  # type: ignore[arg-type]  # the fixture lists tiers by hand
        score=score,
        flags=flags,
        metrics=Metrics(*metrics),
        edits=edits,
        added=added,
        dropped=dropped,
        notes=notes,
    )


def build_report(payload: str = "") -> Report:
    """The fixture report; ``payload`` is appended to every article-derived name and quotation."""
    p = payload
    wire_path = f"story/wire{p}.txt"
    meridian_path = f"story/meridian{p}.html"
    ledger_path = f"story/ledger{p}.txt"

    # -- the reference article ---------------------------------------------------------------
    o1_text = (
        "We will not return until the safety rules are enforced, and we may extend the strike "
        f"to 12 other ports{p}"
    )
    o3_text = f"The government has offered a fair deal. Talks remain open{p}"
    wire_text = (
        f"Harbour strike halts shipping at Port Calder{p}\n\n"
        "PORT CALDER, March 3 (NPA) - Dockworkers walked off the job on Monday, halting shipping "
        "at the country's second-largest port.\n\n"
        f'"{o1_text}," union leader Ines Varga{p} said.\n\n'
        'Transport Minister Dana Whitfield said the stoppage was "unlawful and reckless". '
        f'"{o3_text}," Whitfield told reporters.\n\n'
        'A spokesperson for the port operator said the company "regrets the disruption".\n'
    )
    wire = Article(
        id=wire_path.removeprefix("story/"),
        path=wire_path,
        text=wire_text,
        outlet=f"Northline Press Agency{p}",
        outlet_source="metadata",
        title=f"Harbour strike halts shipping at Port Calder{p}",
        date="2026-03-03",
        wire="NPA",
        dateline="PORT CALDER",
        headlines=(_find(wire_text, "Harbour strike halts shipping at Port Calder"),),
    )

    varga_ref = SpeakerRef(
        mention=f"union leader Ines Varga{p}",
        span=_find(wire_text, f"union leader Ines Varga{p}"),
        name=f"Ines Varga{p}",
        title="union leader",
        kind="person",
        id="ines-varga",
    )
    whitfield_ref = SpeakerRef(
        mention="Whitfield",
        span=_sub(wire_text, "Whitfield told", "Whitfield"),
        name="Dana Whitfield",
        title="Transport Minister",
        kind="person",
        id="dana-whitfield",
    )
    operator_ref = SpeakerRef(
        mention="A spokesperson for the port operator",
        span=_find(wire_text, "A spokesperson for the port operator"),
        name="spokesperson for the port operator",
        title=None,
        kind="role",
        id="port-operator",
        organization="port operator",
    )
    o1 = Quote(
        id=f"{wire.id}#1",
        article=wire.id,
        kind="direct",
        text=o1_text,
        spans=(_find(wire_text, o1_text),),
        speaker=varga_ref,
        cue=Cue("said", _sub(wire_text, f"Varga{p} said.", "said")),
        confidence=0.97,
    )
    o2 = Quote(
        id=f"{wire.id}#2",
        article=wire.id,
        kind="partial",
        text="unlawful and reckless",
        spans=(_find(wire_text, "unlawful and reckless"),),
        speaker=SpeakerRef(
            mention="Transport Minister Dana Whitfield",
            span=_find(wire_text, "Transport Minister Dana Whitfield"),
            name="Dana Whitfield",
            title="Transport Minister",
            kind="person",
            id="dana-whitfield",
        ),
        cue=Cue("said", _sub(wire_text, "said the stoppage", "said")),
        confidence=0.9,
        content=_find(wire_text, 'the stoppage was "unlawful and reckless"'),
    )
    o3 = Quote(
        id=f"{wire.id}#3",
        article=wire.id,
        kind="direct",
        text=o3_text,
        spans=(_find(wire_text, o3_text),),
        speaker=whitfield_ref,
        cue=Cue("told", _find(wire_text, "told")),
        confidence=0.95,
    )
    o4 = Quote(
        id=f"{wire.id}#4",
        article=wire.id,
        kind="partial",
        text="regrets the disruption",
        spans=(_find(wire_text, "regrets the disruption"),),
        speaker=operator_ref,
        cue=Cue("said", _sub(wire_text, "operator said", "said")),
        confidence=0.8,
    )

    # -- rewrite 1: changes a number, drops a hedge, rewords, invents a quotation ---------------
    a1_text = (
        "We will not return until the safety rules are enforced, and we will extend the strike "
        f"to 20 other ports{p}"
    )
    a3_text = f"The government has offered a fair deal and talks remain open{p}"
    a4_text = f"We will win this fight{p}"
    meridian_text = (
        f"Strike cripples Port Calder{p}\n\n"
        f'Union leader Ines Varga{p} said: "{a1_text}."\n\n'
        'Whitfield called the stoppage "unlawful and reckless".\n\n'
        f'Minister Whitfield said: "{a3_text}."\n\n'
        f'"{a4_text}," Varga added.\n'
    )
    meridian = Article(
        id=meridian_path.removeprefix("story/"),
        path=meridian_path,
        text=meridian_text,
        outlet=f"Daily Meridian{p}",
        outlet_source="masthead",
        title=f"Strike cripples Port Calder{p}",
        date="2026-03-04",
        headlines=(_find(meridian_text, "Strike cripples Port Calder"),),
    )
    m_varga = SpeakerRef(
        mention=f"Union leader Ines Varga{p}",
        span=_find(meridian_text, f"Union leader Ines Varga{p}"),
        name=f"Ines Varga{p}",
        title="Union leader",
        kind="person",
        id="ines-varga",
    )
    m_whitfield = SpeakerRef(
        mention="Minister Whitfield",
        span=_find(meridian_text, "Minister Whitfield"),
        name="Dana Whitfield",
        title="Minister",
        kind="person",
        id="dana-whitfield",
    )
    a1 = Quote(
        f"{meridian.id}#1",
        meridian.id,
        "direct",
        a1_text,
        (_find(meridian_text, a1_text),),
        m_varga,
        Cue("said", _sub(meridian_text, "said:", "said")),
        0.96,
    )
    a2 = Quote(
        f"{meridian.id}#2",
        meridian.id,
        "partial",
        "unlawful and reckless",
        (_find(meridian_text, "unlawful and reckless"),),
        SpeakerRef(
            "Whitfield",
            _sub(meridian_text, "Whitfield called", "Whitfield"),
            "Dana Whitfield",
            None,
            "person",
            "dana-whitfield",
        ),
        Cue("called", _find(meridian_text, "called")),
        0.88,
    )
    a3 = Quote(
        f"{meridian.id}#3",
        meridian.id,
        "direct",
        a3_text,
        (_find(meridian_text, a3_text),),
        m_whitfield,
        Cue("said", _sub(meridian_text, "Minister Whitfield said", "said")),
        0.93,
    )
    a4 = Quote(
        f"{meridian.id}#4",
        meridian.id,
        "direct",
        a4_text,
        (_find(meridian_text, a4_text),),
        SpeakerRef(
            "Varga",
            _sub(meridian_text, "Varga added", "Varga"),
            f"Ines Varga{p}",
            None,
            "person",
            "ines-varga",
        ),
        Cue("added", _find(meridian_text, "added")),
        0.9,
    )

    # -- rewrite 2: a marked elision, a merged quotation, an indirect paraphrase ----------------
    b1_text = f"We will not return until the safety rules are enforced ... {p}"
    b2_text = f"The government has offered a fair deal. It is unlawful and reckless{p}"
    b3_text = "it regretted the disruption"
    ledger_text = (
        f"Dockworkers strike in Port Calder{p}\n\n"
        f'Union chief Ines Varga{p} vowed: "{b1_text}"\n\n'
        f'"{b2_text}," said Transport Minister Dana Whitfield.\n\n'
        f"The port operator said {b3_text}.\n"
    )
    ledger = Article(
        id=ledger_path.removeprefix("story/"),
        path=ledger_path,
        text=ledger_text,
        outlet=None,
        outlet_source=None,
        title=f"Dockworkers strike in Port Calder{p}",
        headlines=(_find(ledger_text, "Dockworkers strike in Port Calder"),),
    )
    b1 = Quote(
        f"{ledger.id}#1",
        ledger.id,
        "direct",
        b1_text,
        (_find(ledger_text, b1_text),),
        SpeakerRef(
            f"Union chief Ines Varga{p}",
            _find(ledger_text, f"Union chief Ines Varga{p}"),
            f"Ines Varga{p}",
            "Union chief",
            "person",
            "ines-varga",
        ),
        Cue("vowed", _find(ledger_text, "vowed")),
        0.94,
    )
    b2 = Quote(
        f"{ledger.id}#2",
        ledger.id,
        "direct",
        b2_text,
        (_find(ledger_text, b2_text),),
        SpeakerRef(
            "Transport Minister Dana Whitfield",
            _find(ledger_text, "Transport Minister Dana Whitfield"),
            "Dana Whitfield",
            "Transport Minister",
            "person",
            "dana-whitfield",
        ),
        Cue("said", _sub(ledger_text, "said Transport", "said")),
        0.95,
    )
    b3 = Quote(
        f"{ledger.id}#3",
        ledger.id,
        "indirect",
        b3_text,
        (_find(ledger_text, b3_text),),
        SpeakerRef(
            "The port operator",
            _find(ledger_text, "The port operator"),
            "port operator",
            None,
            "organization",
            "port-operator",
        ),
        Cue("said", _sub(ledger_text, "operator said", "said")),
        0.7,
        content=_find(ledger_text, b3_text),
    )

    # -- drift, by hand ------------------------------------------------------------------------
    v_a1 = Version(
        a1,
        meridian.outlet,
        m_varga.mention,
        (o1.id,),
        _drift(
            "meaning_changed",
            81.5,
            ("number_changed", "hedge_dropped", "words_never_said"),
            (0.93, 0.9, 0.9, 0.89),
            _measured((o1.text,), a1),
            notes=("number_changed: 12 -> 20", "hedge word replaced by a certainty"),
        ),
    )
    v_b1 = Version(
        b1,
        None,
        b1.speaker.mention if b1.speaker else None,
        (o1.id,),
        _drift(
            "excerpt",
            6.0,
            ("marked_elision",),
            (0.81, 1.0, 0.45, 0.45),
            _measured((o1.text,), b1),
        ),
    )
    v_a2 = Version(
        a2,
        meridian.outlet,
        "Whitfield",
        (o2.id,),
        _drift(
            "verbatim",
            0.0,
            (),
            (1.0, 1.0, 1.0, 1.0),
            _measured((o2.text,), a2),
        ),
    )
    v_a3 = Version(
        a3,
        meridian.outlet,
        m_whitfield.mention,
        (o3.id,),
        _drift(
            "reworded",
            18.25,
            ("words_never_said",),
            (0.97, 0.9, 1.0, 0.8),
            _measured((o3.text,), a3),
        ),
    )
    v_b2 = Version(
        b2,
        None,
        "Transport Minister Dana Whitfield",
        (o2.id, o3.id),
        _drift(
            "paraphrased",
            44.0,
            ("merged", "silent_elision", "words_never_said"),
            (0.78, 0.7, 0.6, 0.55),
            _measured((o3.text, o2.text), b2),
        ),
    )
    v_b3 = Version(
        b3,
        None,
        "The port operator",
        (o4.id,),
        _drift(
            "indirect",
            12.0,
            ("attribution_changed",),
            (0.88, 0.75, 0.66, 0.6),
            _measured((o4.text,), b3),
        ),
    )
    v_a4 = Version(
        a4,
        meridian.outlet,
        "Varga",
        (),
        _drift(
            "unsupported",
            100.0,
            ("unsupported",),
            (0.21, 0.2, 0.0, 0.0),
            (_insert(a4_text),),
        ),
    )

    varga = Speaker(
        "ines-varga",
        f"Ines Varga{p}",
        "person",
        ("union leader", "Union chief"),
        (f"Ines Varga{p}", f"union leader Ines Varga{p}", "Varga"),
    )
    whitfield = Speaker(
        "dana-whitfield",
        "Dana Whitfield",
        "person",
        ("Transport Minister", "Minister"),
        ("Dana Whitfield", "Minister Whitfield", "Whitfield"),
    )
    operator = Speaker(
        "port-operator",
        "spokesperson for the port operator",
        "role",
        (),
        ("A spokesperson for the port operator", "The port operator"),
        organization="port operator",
    )

    return Report(
        reference=Reference(
            wire.id, "the only article with a wire credit (NPA) and the earliest date", "wire"
        ),
        articles=(wire, meridian, ledger),
        speakers=(varga, whitfield, operator),
        statements=(
            Statement("s1", varga.id, (o1,), (v_a1, v_b1)),
            Statement("s2", whitfield.id, (o2,), (v_a2,)),
            Statement("s3", whitfield.id, (o3,), (v_a3, v_b2)),
            Statement("s4", operator.id, (o4,), (v_b3,)),
        ),
        unsupported=(v_a4,),
        problems=(Problem(f"story/broken{p}.pdf", "binary file: not a text article"),),
    )


def build_extractions(payload: str = "") -> list[Extraction]:
    """Per-article extraction results matching ``build_report(payload)``."""
    report = build_report(payload)
    by_article: dict[str, list[Quote]] = {a.id: [] for a in report.articles}
    for statement in report.statements:
        for quote in statement.original:
            by_article[quote.article].append(quote)
        for version in statement.versions:
            by_article[version.quote.article].append(version.quote)
    for version in report.unsupported:
        by_article[version.quote.article].append(version.quote)
    return [
        Extraction(
            article=article,
            quotes=tuple(sorted(set(by_article[article.id]), key=lambda q: q.spans[0])),
            speakers=report.speakers,
        )
        for article in report.articles
    ]
