"""Turn whatever a user typed into a safe FTS5 query.

FTS5 has its own syntax (AND/OR/NOT/NEAR, `col:`, `^`, `*`, parentheses, quotes) and rejects
much of what people type. Here every word becomes a quoted string, in which FTS5 treats
everything as plain text, so no input can raise a syntax error. What survives of the syntax
people expect: "exact phrases", -excluded words, and the last word matching as a prefix
(so results appear while typing).
"""

from __future__ import annotations

import re

MAX_INPUT_CHARS = 1000  # a search box, not a document: longer input is cut here
MAX_TERMS = 16
MAX_TOKEN_CHARS = 100
MIN_PREFIX_CHARS = 3  # shorter prefixes expand to too many terms to be useful or fast

# A user phrase in double quotes (closing quote optional), or a run of non-space characters.
_PIECE = re.compile(r'(-?)"([^"]*)"?|(\S+)')
# Letters and digits in any script: what FTS5's unicode61 tokenizer keeps as tokens.
_TOKEN = re.compile(r"[^\W_]+")


def _quoted(tokens: list[str]) -> str:
    # Tokens hold no quote characters (they are letters and digits only); the quotes make
    # FTS5 read keywords such as NEAR or AND as words.
    return '"' + " ".join(token[:MAX_TOKEN_CHARS] for token in tokens) + '"'


def fts_query(text: str, *, prefix_last: bool = True) -> str | None:
    """The FTS5 MATCH expression for `text`, or None when it holds nothing searchable.

    Words are ANDed; `-word` and `-"a phrase"` exclude; `"a phrase"` matches in order;
    `word*` is a prefix search.
    """
    text = text[:MAX_INPUT_CHARS]
    include: list[str] = []
    exclude: list[str] = []
    # The last token typed, when it ended a bare included word: the one to prefix-match.
    prefix_token = ""
    for match in _PIECE.finditer(text):
        negated_phrase, phrase, word = match.group(1), match.group(2), match.group(3)
        if word is not None:
            negated = word.startswith("-") and len(word) > 1
            tokens = _TOKEN.findall(word)
        else:
            negated = bool(negated_phrase)
            tokens = _TOKEN.findall(phrase)
        if not tokens:
            continue
        term = _quoted(tokens)
        if word is not None and word.endswith("*") and len(tokens[-1]) >= MIN_PREFIX_CHARS:
            term += "*"  # an explicit prefix search
        prefix_token = ""
        if negated:
            if len(exclude) < MAX_TERMS:
                exclude.append(term)
        elif len(include) < MAX_TERMS:
            include.append(term)
            if word is not None and word[-1].isalnum():
                prefix_token = tokens[-1]
    if not include:
        # FTS5's NOT needs something on its left; a query of exclusions alone finds nothing.
        return None
    if prefix_last and len(prefix_token) >= MIN_PREFIX_CHARS and not text[-1:].isspace():
        include[-1] += "*"
    query = " AND ".join(include)
    for term in exclude:
        query += f" NOT {term}"
    return query
