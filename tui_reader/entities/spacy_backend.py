"""Optional spaCy backend (`pip install tui-reader[nlp]` plus an English pipeline).

spaCy finds the spans; the names are tidied the way the built-in extractor tidies them (no
leading "the", no title, no possessive, gazetteer names for places) and merged by the same
code. NORP and the other labels are left out so both backends answer the same question.
"""

from __future__ import annotations

from functools import cache
from typing import Any

from ..errors import BackendUnavailableError
from ..models import EntityType
from . import lexicon as lx
from .gazetteer import gazetteer
from .merge import Mention

# English pipelines tried in this order; the first one installed is used.
MODELS = ("en_core_web_sm", "en_core_web_md", "en_core_web_lg", "en_core_web_trf")
_LABELS: dict[str, EntityType] = {
    "PERSON": "PERSON",
    "ORG": "ORG",
    "GPE": "PLACE",
    "LOC": "PLACE",
    "FAC": "PLACE",
}
_POSSESSIVE = ("'s", "’s", "'", "’")


def _import_spacy() -> Any:
    try:
        import spacy
    except ImportError as exc:
        raise BackendUnavailableError(
            "the spaCy entities backend needs spaCy: pip install 'tui-reader[nlp]'"
        ) from exc
    return spacy


@cache
def load_model() -> Any:
    """The first installed English pipeline, loaded once with only what NER needs."""
    spacy = _import_spacy()
    for name in MODELS:
        if spacy.util.is_package(name):
            return spacy.load(name, exclude=["lemmatizer", "textcat"])
    raise BackendUnavailableError(
        "the spaCy entities backend needs an English model: python -m spacy download "
        'en_core_web_sm (or set [entities] backend = "builtin")'
    )


def spacy_version() -> str:
    nlp = load_model()
    meta = nlp.meta
    return f"spacy-{meta.get('lang', 'xx')}_{meta.get('name', '?')}-{meta.get('version', '?')}"


def tidy(name: str, type_: EntityType) -> tuple[str, str]:
    """(name, canonical) after dropping "the", titles and a possessive."""
    words = name.split()
    while words and words[0].lower() in ("the", "a", "an"):
        words = words[1:]
    if type_ == "PERSON":
        while len(words) > 1 and words[0].lower().rstrip(".") in lx.TITLES:
            words = words[1:]
    if words:
        last = words[-1]
        for suffix in _POSSESSIVE:
            if last.endswith(suffix) and len(last) > len(suffix) + 1:
                words[-1] = last[: -len(suffix)]
                break
    cleaned = " ".join(words)
    canonical = gazetteer().places.get(cleaned, cleaned) if type_ == "PLACE" else cleaned
    return cleaned, canonical


def spacy_mentions(text: str, nlp: Any = None) -> list[Mention]:
    """Mentions from a spaCy pipeline (the installed English model unless one is given)."""
    pipeline = nlp if nlp is not None else load_model()
    doc = pipeline(text)
    gaz = gazetteer()
    out: list[Mention] = []
    for ent in doc.ents:
        type_ = _LABELS.get(ent.label_)
        if type_ is None:
            continue
        cleaned, canonical = tidy(ent.text, type_)
        if not cleaned or cleaned.lower() in lx.STOPWORDS:
            continue
        offset = ent.start_char + ent.text.find(cleaned.split()[0])
        region = type_ == "PLACE" and (canonical in gaz.regions or cleaned in gaz.regions)
        surface = cleaned if canonical != cleaned else ""
        out.append(Mention(canonical, type_, offset, False, surface, region))
    return out
