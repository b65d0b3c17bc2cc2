"""Scoring for the BASIL benchmark, exactly as ../shared/eval/basil/README.md "Scoring" defines it.

Gold comes from the label files (offsets, no text); predictions from the ``compare`` JSON contract
(what an outside scorer sees), turned into the records below by ``predictions_from_json``.

- A prediction stands for every gold quotation in the same file that it covers by at least half
  (its spans together cover >= 50% of the gold span). Predictions marked as stances earn nothing.
- quote recall: gold quotations that some prediction stands for.
- speaker: on the best-covering prediction (most characters of the gold span; ties to the
  earlier prediction), right when the resolved name holds the gold speaker's last word as a word
  (accents and case folded, a generational suffix set aside: "William W. Taylor III" is right as
  "Taylor"); for an organisation also when one name is a word prefix of the other (the label
  format gives no speaker kind: a list of the gold speakers that are organisations says which,
  and without one the predicted identity's kind decides);
  for a role-only gold speaker (written in lower case: "a senior official") when the mention or
  the resolved name holds the role's head noun.
- pairs: two gold quotations of different outlets are predicted "same statement" when predictions
  standing for them share a statement; precision, recall and F1 against the gold pairs
  (``pairs`` plus ``disjoint_pairs``, which are exactly the labels' cross-outlet statement
  co-members).
- verdicts: a version whose (version, one of its originals) stands for a labelled pair is scored:
  its tier agrees when it is in ``TIER_AGREES[relation]``. The guide names identical, excerpt,
  reworded and meaning_changed; ``typographic`` (a relation the labels use and the guide does not
  map) is taken like ``identical``. A false alarm: tier ``meaning_changed`` or the flag
  ``attribution_changed`` where the gold pair keeps the meaning (any relation but
  meaning_changed) and the speaker (both gold quotations have one speaker).
"""

from __future__ import annotations

import functools
import itertools
import re
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

Span = tuple[int, int]

TIER_AGREES: dict[str, frozenset[str]] = {
    "identical": frozenset({"verbatim", "typographic"}),
    "typographic": frozenset({"verbatim", "typographic"}),
    "excerpt": frozenset({"excerpt"}),
    "reworded": frozenset({"reworded", "paraphrased"}),
    "meaning_changed": frozenset({"meaning_changed"}),
}
# Generational suffixes are not a surname: "William W. Taylor III" is right as "Taylor".
_SUFFIXES = frozenset({"jr", "sr", "ii", "iii", "iv", "v"})
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*")


# ---------------------------------------------------------------------------------------------
# records


@dataclass(frozen=True)
class GoldQuote:
    """One labelled quotation: where it is (file relative to the triplets folder), who said it."""

    id: str
    file: str
    start: int
    end: int
    kind: str
    speaker: str
    headline: bool = False

    @property
    def outlet(self) -> str:
        return self.id.split("/")[1]


@dataclass(frozen=True)
class GoldPair:
    """A cross-outlet pair of one statement; relation None for a disjoint pair."""

    a: str
    b: str
    relation: str | None


@dataclass(frozen=True)
class Gold:
    """One label file's triplet."""

    triplet: str
    quotes: tuple[GoldQuote, ...]
    pairs: tuple[GoldPair, ...]


@dataclass(frozen=True)
class Prediction:
    """One quotation of the compare JSON.

    file: the gold-style file name it came from; statement: the statement it is a member of
    (original or version), None for an unsupported one; speaker_name / speaker_kind: the resolved
    identity; mention: the speaker as written.
    """

    id: str
    file: str
    spans: tuple[Span, ...]
    statement: str | None
    speaker_name: str | None = None
    speaker_kind: str | None = None
    mention: str | None = None
    stance: bool = False


@dataclass(frozen=True)
class PredictedVersion:
    """A version of the compare JSON with the originals it was aligned to."""

    quote_id: str
    original_ids: tuple[str, ...]
    tier: str
    flags: tuple[str, ...] = ()


# ---------------------------------------------------------------------------------------------
# loading


def load_gold(data: Mapping[str, Any]) -> Gold:
    """A Gold from one label file's JSON (the guide's format)."""
    (triplet,) = data["triplets"]
    quotes = tuple(
        GoldQuote(
            id=q["id"],
            file=q["file"],
            start=q["start"],
            end=q["end"],
            kind=q["kind"],
            speaker=q["speaker"],
            headline=bool(q.get("headline", False)),
        )
        for q in data["quotes"]
    )
    pairs = tuple(GoldPair(p["a"], p["b"], p["relation"]) for p in data["pairs"])
    pairs += tuple(GoldPair(p["a"], p["b"], None) for p in data["disjoint_pairs"])
    return Gold(triplet=triplet, quotes=quotes, pairs=pairs)


def predictions_from_json(
    report: Mapping[str, Any], file_of: Callable[[str], str]
) -> tuple[list[Prediction], list[PredictedVersion]]:
    """Predictions and versions from a compare JSON report.

    file_of maps an article's ``path`` to the gold-style file name (``<triplet>/<source>.txt``).
    """
    files = {a["article"]: file_of(a["path"]) for a in report["articles"]}
    speakers = {s["id"]: s for s in report["speakers"]}

    def prediction(record: Mapping[str, Any], statement: str | None) -> Prediction:
        speaker = speakers.get(record.get("speaker") or "")
        return Prediction(
            id=record["quote_id"],
            file=files[record["article"]],
            spans=tuple((s, e) for s, e in record["spans"]),
            statement=statement,
            speaker_name=speaker["name"] if speaker else None,
            speaker_kind=speaker["kind"] if speaker else None,
            mention=record.get("speaker_as_written"),
            stance=bool(record.get("stance", False)),
        )

    predictions: list[Prediction] = []
    versions: list[PredictedVersion] = []
    for statement in report["statements"]:
        for record in statement["original"]["quotes"]:
            predictions.append(prediction(record, statement["id"]))
        for record in statement["versions"]:
            predictions.append(prediction(record, statement["id"]))
            versions.append(
                PredictedVersion(
                    quote_id=record["quote_id"],
                    original_ids=tuple(record["original_quote_ids"]),
                    tier=record["tier"],
                    flags=tuple(record["flags"]),
                )
            )
    predictions.extend(prediction(record, None) for record in report["unsupported"])
    return predictions, versions


# ---------------------------------------------------------------------------------------------
# coverage and speakers


def covered(spans: Iterable[Span], start: int, end: int) -> int:
    """Characters of [start, end) that the spans cover (spans of one quotation do not overlap)."""
    return sum(max(0, min(e, end) - max(s, start)) for s, e in spans)


def stands_for(prediction: Prediction, gold: GoldQuote) -> bool:
    """Whether the prediction stands for the gold quotation: same file, at least half of it, and
    not a stance."""
    if prediction.stance or prediction.file != gold.file or gold.end <= gold.start:
        return False
    return 2 * covered(prediction.spans, gold.start, gold.end) >= gold.end - gold.start


def best_cover(gold: GoldQuote, predictions: Sequence[Prediction]) -> Prediction | None:
    """The prediction standing for ``gold`` that covers most of it (the first one on a tie)."""
    best: Prediction | None = None
    best_chars = -1
    for p in predictions:
        if stands_for(p, gold):
            chars = covered(p.spans, gold.start, gold.end)
            if chars > best_chars:
                best, best_chars = p, chars
    return best


def fold(text: str) -> str:
    """Lower case without accents: 'Raúl Labrador' -> 'raul labrador'."""
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def words(text: str) -> list[str]:
    """The folded words of a name ("Terry O’Neill" -> terry, o'neill)."""
    return _WORD.findall(fold(text).replace("’", "'"))


def last_word(name: str) -> str | None:
    """The last word of a canonical name, a generational suffix set aside."""
    found = [w for w in words(name) if w not in _SUFFIXES] or words(name)
    return found[-1] if found else None


def is_role(speaker: str) -> bool:
    """A role-only gold speaker: the guide writes unnamed speakers as a lower-case description."""
    return speaker[:1].islower()


def _prefix(a: list[str], b: list[str]) -> bool:
    shorter, longer = (a, b) if len(a) <= len(b) else (b, a)
    return bool(shorter) and longer[: len(shorter)] == shorter


def speaker_right(
    gold_speaker: str,
    prediction: Prediction,
    head_noun: Callable[[str], str],
    organisations: frozenset[str] | None = None,
) -> bool:
    """Whether the prediction's speaker is the gold one (the module docstring gives the rules).

    head_noun: the head noun of a role description ("a senior State Department official" ->
    "official"), used only for role-only gold speakers. organisations: the gold speakers that are
    organisations (None: those whose predicted identity is of kind organization).
    """
    name = words(prediction.speaker_name or "")
    if is_role(gold_speaker):
        head = fold(head_noun(gold_speaker))
        return head in name or head in words(prediction.mention or "")
    last = last_word(gold_speaker)
    if last is not None and last in name:
        return True
    if organisations is None:
        organisation = prediction.speaker_kind == "organization"
    else:
        organisation = gold_speaker in organisations
    return organisation and _prefix(words(gold_speaker), name)


# ---------------------------------------------------------------------------------------------
# one triplet


@dataclass(frozen=True)
class WrongSpeaker:
    gold: str
    gold_speaker: str
    prediction: str
    predicted: str | None


@dataclass(frozen=True)
class Verdict:
    version: str
    gold_a: str
    gold_b: str
    relation: str
    tier: str
    agrees: bool
    false_alarm: str | None  # "meaning_changed" | "attribution_changed" | None


@dataclass(frozen=True)
class TripletScore:
    """Everything scored on one triplet; ids only, no text."""

    triplet: str
    gold_quotes: int
    missed: tuple[str, ...]
    speakers_scored: int
    wrong_speakers: tuple[WrongSpeaker, ...]
    true_pairs: tuple[tuple[str, str], ...]
    false_pairs: tuple[tuple[str, str], ...]
    missed_pairs: tuple[tuple[str, str], ...]
    verdicts: tuple[Verdict, ...]
    seconds: float = 0.0
    cpu_seconds: float = 0.0
    labelled_pairs: int = 0
    missed_pair_causes: tuple[str, ...] = ()
    false_pair_causes: tuple[str, ...] = ()

    @property
    def covered(self) -> int:
        return self.gold_quotes - len(self.missed)

    @property
    def false_alarms(self) -> tuple[Verdict, ...]:
        return tuple(v for v in self.verdicts if v.false_alarm)


def _pair_key(a: str, b: str) -> tuple[str, str]:
    return (a, b) if a <= b else (b, a)


def score_triplet(
    gold: Gold,
    predictions: Sequence[Prediction],
    versions: Sequence[PredictedVersion],
    head_noun: Callable[[str], str],
    organisations: frozenset[str] | None = None,
) -> TripletScore:
    """Score one triplet's predictions against its gold (see the module docstring and
    ``speaker_right`` for head_noun and organisations)."""
    standing: dict[str, list[Prediction]] = {
        g.id: [p for p in predictions if stands_for(p, g)] for g in gold.quotes
    }
    missed = tuple(g.id for g in gold.quotes if not standing[g.id])
    wrong: list[WrongSpeaker] = []
    scored = 0
    for g in gold.quotes:
        best = best_cover(g, predictions)
        if best is None:
            continue
        scored += 1
        if not speaker_right(g.speaker, best, head_noun, organisations):
            wrong.append(WrongSpeaker(g.id, g.speaker, best.id, best.speaker_name))

    statements_of = {
        gid: {p.statement for p in ps if p.statement is not None} for gid, ps in standing.items()
    }
    gold_pairs = {_pair_key(p.a, p.b) for p in gold.pairs}
    predicted = {
        _pair_key(a.id, b.id)
        for a, b in itertools.combinations(gold.quotes, 2)
        if a.outlet != b.outlet and statements_of[a.id] & statements_of[b.id]
    }
    verdicts = _verdicts(gold, standing, versions)
    missed_pairs = tuple(sorted(gold_pairs - predicted))
    false_pairs = tuple(sorted(predicted - gold_pairs))
    return TripletScore(
        triplet=gold.triplet,
        gold_quotes=len(gold.quotes),
        missed=missed,
        speakers_scored=scored,
        wrong_speakers=tuple(wrong),
        true_pairs=tuple(sorted(predicted & gold_pairs)),
        false_pairs=false_pairs,
        missed_pairs=missed_pairs,
        verdicts=verdicts,
        labelled_pairs=sum(1 for p in gold.pairs if p.relation is not None),
        missed_pair_causes=tuple(_missed_cause(a, b, standing) for a, b in missed_pairs),
        false_pair_causes=tuple(_false_cause(a, b, standing, gold) for a, b in false_pairs),
    )


def _missed_cause(a: str, b: str, standing: Mapping[str, Sequence[Prediction]]) -> str:
    """Why a gold pair was not predicted: a quotation not found, one in no statement
    (unsupported), or the two in different statements."""
    if not standing[a] or not standing[b]:
        return "a quotation not found"
    if all(p.statement is None for p in standing[a]) or all(
        p.statement is None for p in standing[b]
    ):
        return "a quotation unsupported"
    return "in different statements"


def _false_cause(a: str, b: str, standing: Mapping[str, Sequence[Prediction]], gold: Gold) -> str:
    """Why a pair was predicted that the gold does not hold: a prediction standing for several
    gold quotations of its file (a whole interrupted or multi-sentence quotation), or two
    statements aligned that the gold keeps apart."""
    for gid in (a, b):
        for p in standing[gid]:
            if sum(stands_for(p, g) for g in gold.quotes) > 1:
                return "a prediction spans several gold quotations"
    return "different gold statements aligned"


def _verdicts(
    gold: Gold, standing: Mapping[str, Sequence[Prediction]], versions: Sequence[PredictedVersion]
) -> tuple[Verdict, ...]:
    """One verdict per version whose (version, original) stands for a labelled pair; where several
    labelled pairs fit, the first in label order."""
    stands: dict[str, set[str]] = {}
    for gid, ps in standing.items():
        for p in ps:
            stands.setdefault(p.id, set()).add(gid)
    speaker = {g.id: g.speaker for g in gold.quotes}
    labelled = [p for p in gold.pairs if p.relation is not None]
    out = []
    for v in versions:
        mine = stands.get(v.quote_id, set())
        theirs = set().union(*(stands.get(o, set()) for o in v.original_ids))
        pair = next(
            (
                p
                for p in labelled
                if (p.a in mine and p.b in theirs) or (p.b in mine and p.a in theirs)
            ),
            None,
        )
        if pair is None or pair.relation is None:
            continue
        alarm = None
        if pair.relation != "meaning_changed" and speaker[pair.a] == speaker[pair.b]:
            if v.tier == "meaning_changed":
                alarm = "meaning_changed"
            elif "attribution_changed" in v.flags:
                alarm = "attribution_changed"
        out.append(
            Verdict(
                version=v.quote_id,
                gold_a=pair.a,
                gold_b=pair.b,
                relation=pair.relation,
                tier=v.tier,
                agrees=v.tier in TIER_AGREES.get(pair.relation, frozenset()),
                false_alarm=alarm,
            )
        )
    return tuple(out)


# ---------------------------------------------------------------------------------------------
# overall figures


def _ratio(num: int, den: int) -> float | None:
    return num / den if den else None


@dataclass(frozen=True)
class Figures:
    """The overall line: micro-averaged over triplets (None where nothing was there to score)."""

    triplets: int
    gold_quotes: int
    quote_recall: float | None
    speaker_right: float | None
    pair_precision: float | None
    pair_recall: float | None
    pair_f1: float | None
    tier_agreement: float | None
    verdicts: int
    false_alarms: int
    seconds_per_triplet: float | None
    cpu_seconds_per_triplet: float | None
    counts: dict[str, int] = field(default_factory=dict)


def figures(scores: Sequence[TripletScore]) -> Figures:
    """Micro-averaged figures over the triplets' scores."""
    gold_quotes = sum(s.gold_quotes for s in scores)
    covered_n = sum(s.covered for s in scores)
    scored = sum(s.speakers_scored for s in scores)
    right = scored - sum(len(s.wrong_speakers) for s in scores)
    tp = sum(len(s.true_pairs) for s in scores)
    fp = sum(len(s.false_pairs) for s in scores)
    fn = sum(len(s.missed_pairs) for s in scores)
    precision, recall = _ratio(tp, tp + fp), _ratio(tp, tp + fn)
    f1 = (
        2 * precision * recall / (precision + recall)
        if precision is not None and recall is not None and precision + recall
        else (0.0 if precision is not None and recall is not None else None)
    )
    verdicts = [v for s in scores for v in s.verdicts]
    return Figures(
        triplets=len(scores),
        gold_quotes=gold_quotes,
        quote_recall=_ratio(covered_n, gold_quotes),
        speaker_right=_ratio(right, scored),
        pair_precision=precision,
        pair_recall=recall,
        pair_f1=f1,
        tier_agreement=_ratio(sum(v.agrees for v in verdicts), len(verdicts)),
        verdicts=len(verdicts),
        false_alarms=sum(1 for v in verdicts if v.false_alarm),
        seconds_per_triplet=(sum(s.seconds for s in scores) / len(scores)) if scores else None,
        cpu_seconds_per_triplet=(
            (sum(s.cpu_seconds for s in scores) / len(scores)) if scores else None
        ),
        counts={
            "covered": covered_n,
            "speakers_scored": scored,
            "speakers_right": right,
            "true_pairs": tp,
            "false_pairs": fp,
            "missed_pairs": fn,
            "tiers_agreeing": sum(v.agrees for v in verdicts),
            "labelled_pairs": sum(s.labelled_pairs for s in scores),
        },
    )


def tier_confusion(scores: Sequence[TripletScore]) -> Counter[tuple[str, str]]:
    """(gold relation, predicted tier) counts over every scored verdict."""
    return Counter((v.relation, v.tier) for s in scores for v in s.verdicts)


def gold_file(path: str, triplets: Path) -> str:
    """The gold-style file name of an article path under the triplets folder."""
    return Path(path).resolve().relative_to(triplets.resolve()).as_posix()


@functools.cache
def head_noun(role: str) -> str:
    """The head noun of a role description by its spaCy parse: the root of the phrase ("an
    official briefed on the matter" -> "official"; "a press release from X's office" ->
    "release"). Raises quotedrift.ModelError when the spaCy model is missing."""
    from quotedrift.extraction.nlp import load_nlp

    doc = load_nlp()(role)
    roots = [t for t in doc if t.head.i == t.i]
    return roots[0].text if roots else role.split()[-1]
