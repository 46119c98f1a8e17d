"""A cheap first test for the cruft pass's long alternations: the literals a match needs.

The cruft pass searches every block for dozens of wordings (wording.py); Python's regex
engine tries each alternative at every position, ~0.3 ms a block for the longest ones. Most
blocks (a feed summary, a body paragraph) hold none of the words any alternative needs, so
`Guarded` first looks for those words alone and runs the full pattern only when one is
there. The words of every pattern are looked for at once, in one scan of the block by an
Aho-Corasick automaton (_AllCues); each pattern then reads its own answer from the result.

The words are read from the pattern's own parse tree, never written by hand: every match of
the pattern contains one of them, so the answer is the same as the full pattern's
(tests/clean/test_prefilter.py checks it, block by block, on the page corpora). Case follows
the pattern: the words are looked for in folded text (fold()) when the pattern ignores
case, and a literal from a case-sensitive part is matched case-insensitively too (a
superset, still sound).
"""

from __future__ import annotations

import importlib
import re
from collections.abc import Iterator
from typing import Any

# The parser behind re.compile (3.11+: re._parser). Its output is a private but long-stable
# structure; anything not recognised below counts as "needs no literal", which is safe.
_parser: Any = importlib.import_module("re._parser")
_c: Any = importlib.import_module("re._constants")

_ZERO_WIDTH = {_c.AT}
_MAX_CLASS_CHARS = 4  # a character class of at most this many plain chars is a cue set
_MAX_RUN_STRINGS = 32  # strings a joined run may grow to (each is one substring test)
_MAX_LANGUAGE = 256  # strings of a pattern whose whole language is tested as plain strings


def cues(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """Strings of which every match of `pattern` contains at least one; None when the
    pattern can match without any literal (then there is nothing cheaper to test)."""
    return _sequence(_parsed(pattern, flags))


def _parsed(pattern: str, flags: int) -> Any:
    return _parser.parse(pattern, flags).data


def _sequence(items: Any) -> frozenset[str] | None:
    """A concatenation: every element must match, so any element's cue set is one for the
    whole. Adjacent plain characters, and small sets of plain strings (an alternation of
    words, a short character class), join into longer, more selective strings:
    "by (?:signing|subscribing)" needs "by signing" or "by subscribing"."""
    candidates: list[frozenset[str]] = []
    run: set[str] = {""}

    def close() -> None:
        nonlocal run
        if run != {""}:
            candidates.append(frozenset(run))
        run = {""}

    for op, av in items:
        if op in _ZERO_WIDTH:
            continue  # \b, ^, $: they match no character, the run goes on
        words = _plain_strings(op, av)
        if words is not None and len(run) * len(words) <= _MAX_RUN_STRINGS:
            run = {head + word for head in run for word in words}
            continue
        close()
        if words is not None:
            run = set(words)
            continue
        found = _element(op, av)
        if found is not None:
            candidates.append(found)
    close()
    return _best(candidates)


def exact_strings(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """All the strings `pattern` can match, when they are few and plain and case does not
    matter (no anchors, classes of words, or case-sensitive parts); else None. Then the
    pattern is found in a text exactly when one of them is."""
    return _exact_strings(_parsed(pattern, flags), flags)


def _exact_strings(items: Any, flags: int) -> frozenset[str] | None:
    if not flags & re.IGNORECASE:
        return None
    if any(op is _c.AT for op, _ in _walk(items)):
        return None
    if any(op is _c.SUBPATTERN and (av[1] or av[2]) for op, av in _walk(items)):
        return None  # a part with its own flags: (?-i:...)
    return _plain_sequence(items, _MAX_LANGUAGE)


def _walk(items: Any) -> Iterator[tuple[Any, Any]]:
    for op, av in items:
        yield op, av
        if op is _c.SUBPATTERN:
            yield from _walk(av[-1])
        elif op is _c.BRANCH:
            for branch in av[1]:
                yield from _walk(branch)
        elif op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
            yield from _walk(av[2])


def _plain_strings(op: Any, av: Any, limit: int = _MAX_RUN_STRINGS) -> frozenset[str] | None:
    """The strings an element matches when they are few and plain, else None."""
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT) and av[:2] == (0, 1):
        once = _plain_sequence(av[2], limit)  # "favou?r"
        return None if once is None else once | {""}
    if op is _c.LITERAL:
        return frozenset({chr(av)})
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= _MAX_CLASS_CHARS:
            return frozenset(chars)
        return None
    if op is _c.SUBPATTERN:
        return _plain_sequence(av[-1], limit)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            words = _plain_sequence(branch, limit)
            if words is None:
                return None
            union |= words
            if len(union) > limit:
                return None
        return frozenset(union)
    return None


def _plain_sequence(items: Any, limit: int = _MAX_RUN_STRINGS) -> frozenset[str] | None:
    run: set[str] = {""}
    for op, av in items:
        if op in _ZERO_WIDTH:
            continue
        words = _plain_strings(op, av, limit)
        if words is None or len(run) * len(words) > limit:
            return None
        run = {head + word for head in run for word in words}
    return frozenset(run)


def _element(op: Any, av: Any) -> frozenset[str] | None:
    if op is _c.SUBPATTERN:
        return _sequence(av[-1])
    if op is _c.ATOMIC_GROUP:
        return _sequence(av)
    if op is _c.BRANCH:
        union: set[str] = set()
        for branch in av[1]:
            found = _sequence(branch)
            if found is None or "" in found:
                return None  # one way through needs no literal
            union |= found
        return frozenset(union)
    if op in (_c.MAX_REPEAT, _c.MIN_REPEAT, _c.POSSESSIVE_REPEAT):
        low, _high, sub = av
        return _sequence(sub) if low >= 1 else None
    if op is _c.IN:
        chars = [chr(v) for o, v in av if o is _c.LITERAL]
        if len(chars) == len(av) and 0 < len(chars) <= _MAX_CLASS_CHARS:
            return frozenset(chars)
        return None
    return None  # ANY, categories, ranges, negations, lookarounds, group references


def _best(candidates: list[frozenset[str]]) -> frozenset[str] | None:
    """The most selective set: its shortest string longest, then the fewest strings. A set
    holding the empty string says nothing (that element may match nothing)."""
    candidates = [c for c in candidates if "" not in c]
    if not candidates:
        return None
    return max(candidates, key=lambda s: (min(map(len, s)), -len(s)))


def _case_tables() -> tuple[dict[int, str], dict[int, str]]:
    """How text is folded so that a plain substring test agrees with re.IGNORECASE.

    str.lower() agrees with the regex engine's own lowercasing for every character but
    U+0130 (it gives "i" plus a combining dot; the engine, "i"), so that one is mapped
    first. The engine also treats some distinct lowercase letters as one ("s" and the long
    s, sigma and final sigma, "k" and the Kelvin sign...): each such class is mapped to its
    smallest member, after lowercasing."""
    casefix: Any = importlib.import_module("re._casefix")
    parent: dict[int, int] = {}

    def root(c: int) -> int:
        while parent.get(c, c) != c:
            c = parent[c]
        return c

    for key, others in casefix._EXTRA_CASES.items():
        for other in others:
            a, b = root(key), root(other)
            if a != b:
                parent[max(a, b)] = min(a, b)
    classes = {c: chr(root(c)) for c in parent.keys() | set(parent.values()) if root(c) != c}
    return {0x130: "i"}, classes


_BEFORE_LOWER, _AFTER_LOWER = _case_tables()


def fold(text: str) -> str:
    """Text as the cue test sees it (see _case_tables)."""
    if text.isascii():
        return text.lower()
    return text.translate(_BEFORE_LOWER).lower().translate(_AFTER_LOWER)


class _AllCues:
    """Every cue set's strings in one Aho-Corasick automaton (pyahocorasick), each string
    carrying the bits of the sets that hold it: one scan of a block finds which sets have
    a string there. Each set was a regex alternation of its own, scanning the block again
    (14 scans of ~2.5 us were half the cruft pass on a feed summary; their compiling, a
    quarter of its import). Built on first use, again after a set is added."""

    def __init__(self) -> None:
        self.registered: list[tuple[int, frozenset[str]]] = []  # (bit, strings), in order
        self._bits: dict[str, int] = {}
        self._automaton: Any = None

    def add(self, strings: frozenset[str]) -> int:
        bit = 1 << len(self.registered)
        self.registered.append((bit, strings))
        for string in strings:
            self._bits[string] = self._bits.get(string, 0) | bit
        self._automaton = None
        return bit

    def found(self, low: str) -> int:
        """The bits of the sets with a string in `low`."""
        automaton = self._automaton
        if automaton is None:
            import ahocorasick

            automaton = ahocorasick.Automaton()
            for string, bits in self._bits.items():
                automaton.add_word(string, bits)
            automaton.make_automaton()
            self._automaton = automaton
        bits = 0
        for _end, string_bits in automaton.iter(low):
            bits |= string_bits
        return bits


_ALL_CUES = _AllCues()


class Folded:
    """One block's folded text, made once and shared by every guarded pattern."""

    __slots__ = ("_found", "_sets", "low", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        self.low = fold(text)
        self._sets = -1  # how many cue sets there were when _found was made

    def holds(self, bit: int) -> bool:
        """Whether the text holds a string of the cue set `bit`."""
        sets = len(_ALL_CUES.registered)
        if self._sets != sets:
            self._found, self._sets = _ALL_CUES.found(self.low), sets
        return bool(self._found & bit)


class Cues:
    """The cue test of a pattern (given as written, with its flags; it is parsed once here
    and never compiled): possible() is False only when the text lacks every literal a match
    of the pattern needs."""

    __slots__ = ("_bit", "_exact", "strings")

    def __init__(self, pattern: str, flags: int) -> None:
        items = _parsed(pattern, flags)
        language = _exact_strings(items, flags)
        found = _sequence(items) if language is None else language
        # An empty string in the language: the pattern matches anywhere.
        self._exact = language is not None and "" not in language
        if found is not None and "" in found:
            found = None
        # Folded, as the text is: None when the pattern needs no literal (always possible).
        self.strings = None if found is None else frozenset(fold(s) for s in found)
        self._bit = 0 if self.strings is None else _ALL_CUES.add(self.strings)

    @property
    def guarded(self) -> bool:
        return self.strings is not None

    def possible(self, text: str | Folded) -> bool:
        if self.strings is None:
            return True
        if isinstance(text, Folded):
            return text.holds(self._bit)
        return bool(_ALL_CUES.found(fold(text)) & self._bit)


class Guarded(Cues):
    """A compiled pattern behind its cue test: search(), match() and finditer() answer as
    the pattern does, without running it on text that lacks every literal it needs."""

    __slots__ = ("pattern",)

    def __init__(self, pattern: re.Pattern[str]) -> None:
        super().__init__(pattern.pattern, pattern.flags)
        self.pattern = pattern

    def contains(self, text: str | Folded) -> bool:
        """bool(search(text)), without the full pattern when its strings are all known."""
        if self._exact:
            return self.possible(text)
        return self.search(text) is not None

    def search(self, text: str | Folded) -> re.Match[str] | None:
        raw = text.text if isinstance(text, Folded) else text
        return self.pattern.search(raw) if self.possible(text) else None

    def match(self, text: str | Folded) -> re.Match[str] | None:
        raw = text.text if isinstance(text, Folded) else text
        return self.pattern.match(raw) if self.possible(text) else None

    def finditer(self, text: str | Folded) -> Iterator[re.Match[str]]:
        raw = text.text if isinstance(text, Folded) else text
        return self.pattern.finditer(raw) if self.possible(text) else iter(())
