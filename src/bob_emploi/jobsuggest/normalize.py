"""Text normalisation shared by the index and the queries, so both sides agree.

Lowercase, accents stripped (ÿ, œ, æ and ß included), anything that is not a
letter or a digit becomes a word break. A translation table keeps the hot path
in C; `tokens_with_offsets` maps words back to the original text for highlighting.
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache

# Common words that carry no meaning on their own: optional in a query unless
# the query has nothing else.
STOPWORDS = frozenset(
    [
        "a",
        "au",
        "aux",
        "avec",
        "d",
        "de",
        "des",
        "du",
        "en",
        "et",
        "l",
        "la",
        "le",
        "les",
        "ou",
        "par",
        "pour",
        "sur",
        "un",
        "une",
        "dans",
        "chez",
    ]
)

_SPECIAL = {"œ": "oe", "æ": "ae", "ß": "ss", "ø": "o", "đ": "d", "ł": "l", "ı": "i", "ð": "d", "þ": "th"}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    """One lowercased character folded to plain ASCII letters/digits, or a space."""
    if char in _SPECIAL:
        return _SPECIAL[char]
    decomposed = unicodedata.normalize("NFKD", char)
    folded = "".join(c for c in decomposed if not unicodedata.combining(c))
    out = "".join(c if c.isascii() and c.isalnum() else " " for c in folded.lower())
    return out or " "


def _build_table() -> dict[int, str]:
    table: dict[int, str] = {}
    for code in range(0x250):
        char = chr(code)
        folded = _fold_char(char.lower())
        if folded != char:
            table[code] = folded
    table[ord("œ")] = "oe"
    table[ord("Œ")] = "oe"
    return table


_TABLE = _build_table()


def fold(text: str) -> str:
    """Lowercase ASCII letters, digits and spaces, one character or more per input character."""
    folded = text.lower().translate(_TABLE)
    if folded.isascii():
        return folded
    return "".join(_fold_char(c) if not c.isascii() else c for c in folded)


def normalize(text: str) -> str:
    """The canonical form: folded words separated by single spaces."""
    return " ".join(fold(text).split())


def words(text: str) -> list[str]:
    return fold(text).split()


_WORD = re.compile(r"[a-z0-9]+")


# Memoised: highlighting asks again and again for the same few tens of thousands of labels.
@lru_cache(maxsize=131072)
def tokens_with_offsets(text: str) -> tuple[tuple[str, int, int], ...]:
    """Folded words with their start/end offsets in the original text, for highlighting."""
    folded = fold(text)
    if len(folded) == len(text):  # one character for one: offsets carry over
        return tuple((m.group(), m.start(), m.end()) for m in _WORD.finditer(folded))
    result: list[tuple[str, int, int]] = []
    current: list[str] = []
    start = 0
    for index, char in enumerate(text):
        folded = fold(char)
        if folded.strip() and folded.isalnum():
            if not current:
                start = index
            current.append(folded)
        elif current:
            result.append(("".join(current), start, index))
            current = []
    if current:
        result.append(("".join(current), start, len(text)))
    return tuple(result)


def max_typos(length: int) -> int:
    """How many typos a word of this length tolerates: 0 below 4 letters, 1 below 8, else 2."""
    if length < 4:
        return 0
    if length < 8:
        return 1
    return 2


def deletes(word: str, distance: int) -> set[str]:
    """Every string reachable from `word` by removing up to `distance` characters (SymSpell)."""
    result = {word}
    frontier = {word}
    for _ in range(distance):
        next_frontier: set[str] = set()
        for item in frontier:
            for index in range(len(item)):
                next_frontier.add(item[:index] + item[index + 1 :])
        result |= next_frontier
        frontier = next_frontier
    return result


def deletes1(word: str) -> list[str]:
    """The strings one deletion away from `word`, and `word` itself."""
    return [word, *(word[:i] + word[i + 1 :] for i in range(len(word)))]


_LETTERS = "abcdefghijklmnopqrstuvwxyz"


def edits1(word: str) -> set[str]:
    """Every string one deletion, swap of neighbours, substitution or insertion of a letter away."""
    splits = [(word[:i], word[i:]) for i in range(len(word) + 1)]
    return {
        *(left + right[1:] for left, right in splits if right),
        *(left + right[1] + right[0] + right[2:] for left, right in splits if len(right) > 1),
        *(left + letter + right[1:] for left, right in splits if right for letter in _LETTERS),
        *(left + letter + right for left, right in splits for letter in _LETTERS),
    } - {word}


def _within_one(a: str, b: str) -> bool:
    """Whether a and b differ by at most one edit (substitution, insertion, deletion, adjacent swap)."""
    la, lb = len(a), len(b)
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True
        swapped = i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i]
        return swapped and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Optimal-string-alignment distance (adjacent swaps count once), or limit + 1 when above it."""
    if a == b:
        return 0
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    if _within_one(a, b):
        return 1
    if limit == 1:
        return 2
    previous2: list[int] = []
    previous = list(range(lb + 1))
    for i in range(1, la + 1):
        current = [i] + [0] * lb
        row_min = i
        ca = a[i - 1]
        for j in range(1, lb + 1):
            cost = 0 if ca == b[j - 1] else 1
            value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == b[j - 1]:
                value = min(value, previous2[j - 2] + 1)
            current[j] = value
            row_min = min(row_min, value)
        if row_min > limit:
            return limit + 1
        previous2, previous = previous, current
    return previous[lb] if previous[lb] <= limit else limit + 1
