"""A person's full name in a line written in capitals, shared by every backend.

Transcripts, programmes and court records name a speaker in full once, in a heading in
capitals ("ORAL ARGUMENT OF GEN. ELIZABETH B. PRELOGAR ON BEHALF OF THE PETITIONERS"), and
by surname in the text ("General Prelogar"). A surname the text reads as a person, written
in such a line after given names or initials, is that person's name in full: read as
"Elizabeth B. Prelogar", so the surname joins it, and the given names are no place of
their own ("ELIZABETH" is also a town).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from .merge import Mention
from .names import fold, given_names
from .wordnet import common_words

_CAPITAL_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*\.?")
_INITIAL = re.compile(r"[^\W\d_a-z]\.")


def _line(text: str, at: int) -> tuple[int, int]:
    start = text.rfind("\n", 0, at) + 1
    end = text.find("\n", at)
    return start, len(text) if end < 0 else end


def _in_capitals(line: str) -> bool:
    words = [w for w in _CAPITAL_WORD.findall(line) if len(w.rstrip(".")) > 1]
    return len(words) >= 2 and sum(w.isupper() for w in words) >= 0.8 * len(words)


def _given_names_before(text: str, start: int, end: int) -> int | None:
    """Where the given names and initials right before `end` begin, or None when there
    are none (at least one given name, or two initials: "J. K. ROWLING")."""
    words = list(_CAPITAL_WORD.finditer(text, start, end))
    first, given, initials, at = None, 0, 0, end
    for word in reversed(words):
        if text[word.end() : at].strip():
            break  # something else stands between
        written = word.group()
        if not written.isupper():
            break
        if _INITIAL.fullmatch(written):
            initials += 1
        elif fold(written) in given_names() and fold(written) not in common_words():
            given += 1  # not "HOW WILL OBAMA PLAY?": "will" is read as a word
        else:
            break
        first, at = word.start(), word.start()
    if first is None or (given == 0 and initials < 2):
        return None
    return first


def full_names_in_capitals(text: str, mentions: Sequence[Mention]) -> list[Mention]:
    """The mentions with each surname written in capitals after given names read as the
    full name (see the module)."""
    people = {m.name for m in mentions if m.type == "PERSON" and " " not in m.name}
    if not people:
        return list(mentions)
    found: list[tuple[int, int, Mention]] = []
    for m in mentions:
        if m.name not in people or m.surface:
            continue
        written = text[m.offset : m.offset + len(m.name)]
        if not written.isupper() or written.casefold() != m.name.casefold():
            continue
        line_start, line_end = _line(text, m.offset)
        if not _in_capitals(text[line_start:line_end]):
            continue
        start = _given_names_before(text, line_start, m.offset)
        if start is None:
            continue
        caps = text[start : m.offset + len(m.name)]  # "ELIZABETH B. PRELOGAR"
        shown = " ".join(w if _INITIAL.fullmatch(w) else w.title() for w in caps.split())
        found.append((start, m.offset, Mention(shown, "PERSON", start)))
    if not found:
        return list(mentions)
    out = [m for m in mentions if not any(a <= m.offset <= b for a, b, _ in found)]
    out.extend(full for _, _, full in found)
    out.sort(key=lambda m: m.offset)
    return out
