"""What spaCy's entity recogniser says a name is: a person, a body, a group, a place or a thing.

Speaker resolution uses the entity type to keep pronouns off places and organisations ('"I respect
the farmers of Maine," he said': Maine is a place, so "he" is not Maine) and to tell a person's
name from a body's without word lists. Where the recogniser did not run, or gave a name no type,
``entity_class`` returns None and callers fall back on tags and word lists.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

EntityClass = Literal["person", "organization", "group", "place", "thing"]

# spaCy's English labels (OntoNotes 5), grouped by what they can be as a speaker.
_CLASSES: dict[str, EntityClass] = {
    "PERSON": "person",
    "ORG": "organization",
    "NORP": "group",  # nationalities, religious and political groups: "Democrats" speak as many
    "GPE": "place",  # countries speak as bodies ("China said"); never as "he" or "she"
    "LOC": "place",
    "FAC": "place",
    "DATE": "thing",
    "TIME": "thing",
    "MONEY": "thing",
    "PERCENT": "thing",
    "QUANTITY": "thing",
    "ORDINAL": "thing",
    "CARDINAL": "thing",
    "EVENT": "thing",
    "LAW": "thing",
    "LANGUAGE": "thing",
    "WORK_OF_ART": "thing",
    "PRODUCT": "thing",
}


def entity_class(tok: Token) -> EntityClass | None:
    """The class of the entity ``tok`` is part of, or None when it is in none (or the
    recogniser did not run)."""
    label = tok.ent_type_
    return _CLASSES.get(label) if label else None


def run_class(toks: list[Token]) -> EntityClass | None:
    """The class of a name written as several tokens ("Gov. Anna Price"): that of its last
    typed token, since titles before a name are often left out of the entity."""
    for tok in reversed(toks):
        found = entity_class(tok)
        if found is not None:
            return found
    return None


def has_entities(doc: Doc) -> bool:
    """True when the recogniser ran on ``doc``."""
    return bool(doc.has_annotation("ENT_IOB"))
