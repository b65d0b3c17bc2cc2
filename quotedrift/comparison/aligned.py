"""A version aligned word by word with its original text(s): the tokens of both sides, the
alignment steps, and the views of it that drift's metrics, flags and edits are computed from."""

from __future__ import annotations

import dataclasses
from collections.abc import Collection, Sequence
from dataclasses import dataclass

from quotedrift.comparison.normalise import Token, tokenize, uncensor
from quotedrift.comparison.word_align import Step, align


@dataclass(frozen=True)
class Aligned:
    """An alignment with the facts the metrics and flags are computed from."""

    original: list[Token]
    segments: list[int]
    version: list[Token]
    steps: list[Step]
    texts: Sequence[str]  # the original texts; token offsets point into texts[segment]
    version_text: str = ""  # the version's text; version token offsets point into it

    def region(self) -> list[int]:
        """Original indices inside the aligned excerpt (not trimmed)."""
        return [s.original for s in self.steps if s.original is not None and s.op != "trim"]

    def stretch(self) -> list[Token]:
        """The version's words from its first to its last word aligned with an original word
        (kept or replaced): words it adds before or after all of the original's are outside
        the stretch it renders, and state no other value of it."""
        aligned = [
            s.version for s in self.steps if s.op in ("keep", "replace") and s.version is not None
        ]
        if not aligned:
            return list(self.version)
        return self.version[min(aligned) : max(aligned) + 1]

    def kept_original(self) -> set[int]:
        return {s.original for s in self.steps if s.op == "keep" and s.original is not None}

    def kept_version(self) -> set[int]:
        return {s.version for s in self.steps if s.op == "keep" and s.version is not None}

    def blocks(self) -> list[tuple[str, list[int], list[int]]]:
        """Steps (trims left out) grouped into runs: (op, original indices, version indices);
        consecutive drops, inserts and replacements form one ``replace`` block when both sides
        have words."""
        out: list[tuple[str, list[int], list[int]]] = []
        for step in self.steps:
            if step.op == "trim":
                continue
            o = [step.original] if step.original is not None else []
            v = [step.version] if step.version is not None else []
            if out and step.op != "keep" and out[-1][0] != "keep":
                op, oo, vv = out[-1]
                oo, vv = oo + o, vv + v
                op = "replace" if oo and vv else op
                out[-1] = (op, oo, vv)
            elif out and step.op == "keep" and out[-1][0] == "keep":
                out[-1][1].extend(o)
                out[-1][2].extend(v)
            else:
                out.append((step.op, o, v))
        return out


def align_texts(original: Sequence[str], version: str, breaks: Collection[int]) -> Aligned:
    """Tokenise the original segments and the version (censored words read as the word they
    hide, fragment starts marked at ``breaks``), and align them word by word."""
    otoks: list[Token] = []
    segments: list[int] = []
    for number, text in enumerate(original):
        toks = tokenize(text)
        otoks.extend(toks)
        segments.extend([number] * len(toks))
    vtoks = mark_fragments(uncensor(tokenize(version), otoks), breaks)
    otoks = uncensor(otoks, vtoks)
    return Aligned(otoks, segments, vtoks, align(otoks, segments, vtoks), original, version)


def mark_fragments(tokens: list[Token], breaks: Collection[int]) -> list[Token]:
    """``tokens`` with ``fragment_start`` set on the first word at or after each break."""
    if not breaks:
        return tokens
    out = list(tokens)
    for offset in sorted(set(breaks)):
        at = next((i for i, t in enumerate(out) if t.start >= offset), None)
        if at is not None and at > 0:
            out[at] = dataclasses.replace(out[at], fragment_start=True)
    return out
