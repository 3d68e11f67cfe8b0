"""A small in-memory, typo-tolerant search engine for short labels (job titles, cities).

Each document has visible forms (e.g. masculine and feminine titles) and hidden
ones (synonyms, codes), each a list of normalised words. Every meaningful query
word must match a word of the document: exactly, as a prefix, through a synonym,
or within a bounded number of typos (SymSpell deletion neighbourhoods of the
vocabulary and of its prefixes, checked with an exact edit distance). Documents
are numbered by static rank (frequency, population), so "the best N candidates
by static rank" is "the N smallest ids".
"""

from __future__ import annotations

import gc
import heapq
import math
import time
from bisect import bisect_left
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Literal

from bob_emploi.jobsuggest.normalize import (
    STOPWORDS,
    deletes,
    deletes1,
    edit_distance,
    edits1,
    fold,
    max_typos,
    tokens_with_offsets,
    words,
)

# How typos are found: SymSpell index built up front, spellings tried at query time, or not at all.
TypoMode = Literal["indexed", "at_query", "none"]

MAX_QUERY_WORDS = 8
MAX_WORD_LENGTH = 40
# Prefixes matching more vocabulary words than this are checked per candidate instead of expanded.
WIDE_PREFIX = 60
# Candidates scored in full, taken by static rank when there are more (documents with a
# form starting with the query as typed are always scored too).
SCORE_CAP = 24
# Longest precomputed best-by-static-rank lists: enough for the largest limit the API allows.
TOP_LIST = 64
TYPED_IN_ORDER_CAP = 12
TYPED_IN_ORDER_SCAN = 300
# Longest prefix indexed for typo-tolerant prefix matching (longer words: whole-word typos).
FUZZY_PREFIX_MAX_LENGTH = 12
HIDDEN_POSITION = 50
HIDDEN_DISCOUNT = 0.4
WIDE_PREFIX_MAX_LENGTH = 8

Q_EXACT = 1.0
Q_SYNONYM = 0.95
Q_TYPO = (1.0, 0.7, 0.5)
Q_PREFIX_TYPO = 0.55
COMPLETE_WORD_PREFIX_PENALTY = 0.3
MISSING_WORD_PENALTY = 1.5


@dataclass(slots=True)  # not frozen: a frozen __init__ is 3x slower, for 35,000 communes
class Document:
    """What the engine indexes: visible forms (highlightable) and hidden ones (synonyms, codes)."""

    forms: tuple[str, ...]
    hidden_forms: tuple[str, ...] = ()
    static_score: float = 0.0


@dataclass(slots=True)
class QueryWord:
    text: str
    last: bool
    stop: bool
    matcher: dict[str, float] = field(default_factory=dict)
    wide: bool = False  # a prefix of too many words to expand: tokens are checked with startswith

    def quality(self, token: str) -> float:
        found = self.matcher.get(token, 0.0)
        if self.wide and not found and token.startswith(self.text):
            return prefix_quality(self.text, token, self.last)
        return found


def prefix_quality(prefix: str, token: str, last: bool) -> float:
    """A prefix being typed is nearly as good as the word; a completed word cut short is less so."""
    return (0.75 if last else 0.6) + 0.2 * len(prefix) / len(token)


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
class Hit:
    doc: int  # index in the documents given to the engine
    score: float


@dataclass(frozen=True, slots=True)
class Plan:
    words: tuple[QueryWord, ...]
    text: str


class SearchEngine:
    """Inverted index with prefix, synonym and typo lookups; see the module docstring."""

    def __init__(
        self,
        documents: Sequence[Document],
        *,
        word_synonyms: Mapping[str, Iterable[str]] | None = None,
        token_map: Mapping[str, str] | None = None,
        typos: TypoMode = "indexed",
        fuzzy_prefix_max_length: int = FUZZY_PREFIX_MAX_LENGTH,
    ) -> None:
        with no_gc():
            self._build(documents, word_synonyms, token_map, typos, fuzzy_prefix_max_length)

    def _build(
        self,
        documents: Sequence[Document],
        word_synonyms: Mapping[str, Iterable[str]] | None,
        token_map: Mapping[str, str] | None,
        typos: TypoMode,
        fuzzy_prefix_max_length: int,
    ) -> None:
        clock = time.perf_counter()
        self.build_seconds: dict[str, float] = {}
        self._token_map = dict(token_map or {})
        order = sorted(range(len(documents)), key=lambda i: -documents[i].static_score)
        self.external: list[int] = order  # internal id (static rank) -> index in `documents`
        self.static: list[float] = [documents[i].static_score for i in order]
        self.forms: list[tuple[str, ...]] = []
        self.visible_forms: list[int] = []  # how many of a document's forms are visible ones
        self.doc_tokens: list[dict[str, int]] = []
        self.doc_length: list[int] = []
        postings: dict[str, list[int]] = {}
        prefix_forms: list[tuple[str, int]] = []
        # The loop below runs once per document (35,000 communes): names are bound locally.
        map_tokens, stopwords = self._map_tokens, STOPWORDS
        add_form, add_tokens, add_visible, add_length = (
            self.forms.append,
            self.doc_tokens.append,
            self.visible_forms.append,
            self.doc_length.append,
        )
        for doc_id, index in enumerate(order):
            document = documents[index]
            positions: dict[str, int] = {}
            if len(document.forms) == 1 and not document.hidden_forms:
                # Fast path for one-form documents (every commune): the general loop below, unrolled.
                tokens = map_tokens(words(document.forms[0]))
                if tokens:
                    joined = " ".join(tokens)
                    prefix_forms.append((joined, doc_id))
                    for position, token in enumerate(tokens):
                        if token not in positions:
                            positions[token] = position
                            docs = postings.get(token)
                            if docs is None:
                                postings[token] = [doc_id]
                            else:
                                docs.append(doc_id)
                    add_form((joined,))
                    add_visible(1)
                    add_tokens(positions)
                    add_length(len(tokens) - sum(token in stopwords for token in tokens) or len(tokens))
                    continue
            forms: dict[str, None] = {}
            length = 0
            visible = 0
            for offset, group in ((0, document.forms), (HIDDEN_POSITION, document.hidden_forms)):
                for form in group:
                    tokens = map_tokens(words(form))
                    if not tokens:
                        continue
                    joined = " ".join(tokens)
                    if joined not in forms:
                        forms[joined] = None
                        prefix_forms.append((joined, doc_id))
                    if not offset:
                        visible = len(forms)
                        meaningful = len(tokens) - sum(token in stopwords for token in tokens) or len(tokens)
                        length = min(length, meaningful) if length else meaningful
                    for position, token in enumerate(tokens, offset):
                        if position < positions.get(token, 999):
                            positions[token] = position
            for token in positions:
                docs = postings.get(token)
                if docs is None:
                    postings[token] = [doc_id]
                else:
                    docs.append(doc_id)
            add_form(tuple(forms))
            add_visible(visible)
            add_tokens(positions)
            add_length(length or 1)
        self.postings: dict[str, frozenset[int]] = {w: frozenset(d) for w, d in postings.items()}
        self.vocab: list[str] = sorted(self.postings)
        prefix_forms.sort()
        self.prefix_forms = prefix_forms
        self.prefix_form_keys = [f for f, _ in prefix_forms]
        self.build_seconds["documents"] = time.perf_counter() - clock
        clock = time.perf_counter()
        self.synonyms: dict[str, tuple[str, ...]] = {
            key: tuple(w for w in values if w in self.postings) for key, values in (word_synonyms or {}).items()
        }
        # SymSpell: one-deletion neighbourhoods of every word and of every word prefix from 4
        # letters, so that typos are found both in whole words and in words being typed.
        self.fuzzy: dict[str, list[str]] = {}
        self.fuzzy_prefix_max_length = fuzzy_prefix_max_length
        self.typos = typos
        if typos == "indexed":
            fragments = {
                word[:n]
                for word in self.vocab
                if len(word) >= 4 and word.isalpha()  # normalised words: no digit means all letters
                for n in (*range(4, min(len(word), fuzzy_prefix_max_length) + 1), len(word))
            }
            fuzzy: dict[str, list[str]] = {}
            neighbours = fuzzy.setdefault
            for fragment in fragments:
                neighbours(fragment, []).append(fragment)
                for i in range(len(fragment)):
                    neighbours(fragment[:i] + fragment[i + 1 :], []).append(fragment)
            self.fuzzy = fuzzy
        self.build_seconds["typos"] = time.perf_counter() - clock
        clock = time.perf_counter()
        # Wide prefixes (too many words to expand at query time): the best documents by static
        # rank holding a word that starts so and, from 3 letters, all of them; the same for
        # very common words. Level by level: only a wide prefix can have wide extensions.
        self.wide_sets: dict[str, frozenset[int]] = {}
        self.top_lists: dict[str, tuple[int, ...]] = {
            word: tuple(heapq.nsmallest(TOP_LIST, docs)) for word, docs in self.postings.items() if len(docs) > TOP_LIST
        }
        ranges = [(0, len(self.vocab))]
        for n in range(1, WIDE_PREFIX_MAX_LENGTH + 1):
            next_ranges = []
            for lo, hi in ranges:
                index = lo
                while index < hi:
                    word = self.vocab[index]
                    if len(word) < n:
                        index += 1
                        continue
                    prefix = word[:n]
                    end = bisect_left(self.vocab, prefix + "{", index, hi)
                    if end - index > WIDE_PREFIX:
                        next_ranges.append((index, end))
                        members = self.vocab[index:end]
                        union = frozenset().union(*(self.postings[m] for m in members))
                        self.wide_sets[prefix] = union
                        self.top_lists[prefix] = tuple(heapq.nsmallest(TOP_LIST, union))
                    index = end
            ranges = next_ranges
        self.build_seconds["prefixes"] = time.perf_counter() - clock

    def _map_tokens(self, tokens: list[str]) -> list[str]:
        if not self._token_map:
            return tokens
        return [self._token_map.get(t, t) for t in tokens]

    def __len__(self) -> int:
        return len(self.external)

    # --- Query planning ---------------------------------------------------------

    def plan(self, tokens: Sequence[str]) -> Plan:
        """What each query word may match; computed once per query."""
        tokens = [t[:MAX_WORD_LENGTH] for t in tokens[:MAX_QUERY_WORDS]]
        all_stop = all(t in STOPWORDS for t in tokens)
        plan = []
        for index, token in enumerate(tokens):
            word = QueryWord(token, index == len(tokens) - 1, token in STOPWORDS and not all_stop)
            self._fill_matcher(word)
            plan.append(word)
        return Plan(tuple(plan), " ".join(self._map_tokens(tokens)))

    def _fill_matcher(self, word: QueryWord) -> None:
        text, matcher = word.text, word.matcher
        mapped = self._token_map.get(text)
        if mapped and mapped in self.postings:
            matcher[mapped] = Q_SYNONYM
        if word.stop:
            if text in self.postings:
                matcher[text] = Q_EXACT
            return
        exact = text in self.postings and len(text) >= 4
        if word.last or len(text) >= 3:
            lo = bisect_left(self.vocab, text)
            hi = bisect_left(self.vocab, text + "{", lo)
            if hi - lo > WIDE_PREFIX:
                word.wide = True
            else:
                # A whole word ("taxi") is more likely meant as itself than as a prefix ("taxidermiste").
                # prefix_quality() inlined: this runs for up to WIDE_PREFIX words per query word.
                base = (0.75 if word.last else 0.6) - (COMPLETE_WORD_PREFIX_PENALTY if exact else 0.0)
                typed = 0.2 * len(text)
                matcher.update({token: base + typed / len(token) for token in self.vocab[lo:hi]})
        if text in self.postings:
            matcher[text] = Q_EXACT
        for synonym in self.synonyms.get(text, ()):
            if matcher.get(synonym, 0) < Q_SYNONYM:
                matcher[synonym] = Q_SYNONYM
        if exact or word.wide or _has_digit(text) or self.typos == "none":
            return
        has_prefix = len(matcher) > (1 if mapped else 0)
        allowed = max_typos(len(text))
        if not allowed or (word.last and has_prefix):
            return
        if self.typos == "at_query":
            # One typo, found by trying every spelling one edit away: ~55 set lookups and
            # bisections per letter, instead of an index that takes long to build.
            for variant in edits1(text):
                if variant in self.postings and matcher.get(variant, 0) < Q_TYPO[1]:
                    matcher[variant] = Q_TYPO[1]
                if word.last and not has_prefix:
                    self._match_prefix(variant, matcher)
            return
        # Typos: whole words within `allowed` edits, and (last word) prefixes within one.
        seen: set[str] = set()
        variants = deletes(text, 2) if allowed == 2 else deletes1(text)
        for variant in variants:
            for fragment in self.fuzzy.get(variant, ()):
                if fragment in seen:
                    continue
                seen.add(fragment)
                is_word = fragment in self.postings
                if is_word:
                    limit = min(allowed, max_typos(len(fragment)))
                    distance = edit_distance(text, fragment, limit)
                    if distance <= limit and matcher.get(fragment, 0) < Q_TYPO[distance]:
                        matcher[fragment] = Q_TYPO[distance]
                if word.last and not has_prefix:
                    if abs(len(fragment) - len(text)) > 1 or edit_distance(text, fragment, 1) > 1:
                        continue
                    self._match_prefix(fragment, matcher)
        if word.last and not has_prefix and len(text) > self.fuzzy_prefix_max_length and len(matcher) <= bool(mapped):
            # Nothing matched, and prefixes this long are not in the typo index: as a last resort,
            # every spelling one edit away.
            for variant in edits1(text):
                self._match_prefix(variant, matcher)

    def _match_prefix(self, prefix: str, matcher: dict[str, float]) -> None:
        """Words starting with a prefix that is one typo away from what was typed."""
        lo = bisect_left(self.vocab, prefix)
        if lo == len(self.vocab) or not self.vocab[lo].startswith(prefix):
            return
        hi = min(bisect_left(self.vocab, prefix + "{", lo), lo + WIDE_PREFIX)
        for token in self.vocab[lo:hi]:
            if matcher.get(token, 0) < Q_PREFIX_TYPO:
                matcher[token] = Q_PREFIX_TYPO

    # --- Search -------------------------------------------------------------------

    def search(self, tokens: Sequence[str], limit: int) -> list[Hit]:
        """The best documents for the query words, best first, at most `limit`."""
        if not tokens or limit <= 0:
            return []
        plan = self.plan(tokens)
        return self.search_plan(plan, limit)

    def search_plan(self, plan: Plan, limit: int) -> list[Hit]:
        required = [w for w in plan.words if not w.stop]
        candidates, penalties = self._candidates(required, plan.text, limit)
        if not candidates:
            return []
        score = self._scorer(plan)
        scored = [(score(doc) - penalties.get(doc, 0.0), doc) for doc in candidates]
        best = heapq.nsmallest(limit, scored, key=lambda item: (-item[0], item[1]))
        return [Hit(self.external[doc], value) for value, doc in best]

    def word_docs(self, word: QueryWord) -> frozenset[int]:
        """Every document (internal id) a planned query word may match."""
        return self._word_docs(word)

    def word_quality(self, word: QueryWord, doc: int, hidden_factor: float = 1.0) -> float:
        """How well a planned query word matches its best word of a document (internal id); 0 if not.

        A word of a hidden form counts `hidden_factor` times its quality.
        """
        best = 0.0
        for token, position in self.doc_tokens[doc].items():
            quality = word.quality(token)
            if position >= HIDDEN_POSITION:
                quality *= hidden_factor
            if quality > best:
                best = quality
        return best

    def _word_docs(self, word: QueryWord) -> frozenset[int]:
        """Every document the word may match."""
        if word.wide:
            found = self.wide_sets.get(word.text)
            if found is None:  # a long prefix of many words: rare, computed on the fly
                lo = bisect_left(self.vocab, word.text)
                hi = bisect_left(self.vocab, word.text + "{", lo)
                found = frozenset().union(*(self.postings[t] for t in self.vocab[lo:hi]))
            return found
        if len(word.matcher) == 1:
            return self.postings[next(iter(word.matcher))]
        return frozenset().union(*(self.postings[t] for t in word.matcher))

    def _word_top(self, word: QueryWord, cap: int) -> list[int]:
        """The best documents by static rank among those the word may match."""
        keys = [word.text] if word.wide else list(word.matcher)
        lists = [self.top_lists.get(k) or self.postings.get(k) or self._word_docs(word) for k in keys]
        if len(lists) == 1:
            return list(lists[0][:cap]) if isinstance(lists[0], tuple) else heapq.nsmallest(cap, lists[0])
        return heapq.nsmallest(cap, set().union(*lists))

    def _candidates(
        self, required: list[QueryWord], query_string: str, limit: int
    ) -> tuple[Iterable[int], dict[int, float]]:
        penalties: dict[int, float] = {}
        cap = min(max(SCORE_CAP, limit + 10), TOP_LIST)
        if len(required) == 1:
            pool: set[int] | frozenset[int] = set(self._word_top(required[0], cap))
        else:
            sets = sorted((self._word_docs(word) for word in required), key=len)
            pool = sets[0].intersection(*sets[1:])
            if len(pool) < limit:
                # Tolerate one unmatched word (unknown, or too many typos), ranked below full matches.
                extra: set[int] = set()
                for skip in range(len(sets)):
                    others = sets[:skip] + sets[skip + 1 :]
                    extra |= others[0].intersection(*others[1:])
                extra.difference_update(pool)
                room = limit - len(pool) + 5  # only to fill the list up
                if len(extra) > room:
                    extra = set(heapq.nsmallest(room, extra))
                penalties = dict.fromkeys(extra, MISSING_WORD_PENALTY)
                pool = extra.union(pool)
            elif len(pool) > cap:
                pool = set(heapq.nsmallest(cap, pool))
            else:
                return pool, penalties
        if len(query_string) >= 4:
            pool |= self._typed_in_order(query_string)
        return pool, penalties

    def _typed_in_order(self, query_string: str) -> set[int]:
        """Documents with a form starting with the query as typed (the best-ranked ones)."""
        keys = self.prefix_form_keys
        lo = bisect_left(keys, query_string)
        hi = min(bisect_left(keys, query_string + "{", lo), lo + TYPED_IN_ORDER_SCAN)
        docs = {doc for _, doc in self.prefix_forms[lo:hi]}
        if len(docs) <= TYPED_IN_ORDER_CAP:
            return docs
        best = set(heapq.nsmallest(TYPED_IN_ORDER_CAP, docs))
        while lo < hi and keys[lo] == query_string:  # the very title typed, however rare
            best.add(self.prefix_forms[lo][1])
            lo += 1
        return best

    def _scorer(self, plan: Plan) -> Callable[[int], float]:
        """A function scoring one candidate: matched words, their quality and position, coverage."""
        doc_tokens, doc_length, forms, static = self.doc_tokens, self.doc_length, self.forms, self.static
        visible_forms = self.visible_forms
        query_string = plan.text
        # Typed in order: a form starting with the query; at a word boundary when the last word is
        # complete ("taxi" is not typed in order in "taxidermiste").
        last = plan.words[-1] if plan.words else None
        complete = last is not None and len(last.text) >= 4 and last.text in self.postings
        typed = query_string + " " if complete else query_string
        checks = [
            (
                word.matcher,
                next(iter(word.matcher.items())) if len(word.matcher) == 1 and not word.wide else None,
                word.text if word.wide else "",
                word.last,
                word.stop,
                index == 0,
            )
            for index, word in enumerate(plan.words)
        ]

        def score(doc: int) -> float:
            tokens = doc_tokens[doc]
            relevance = 0.0
            matched = 0.0
            for matcher, single, wide_prefix, last, stop, first in checks:
                best = 0.0
                best_position = 999
                if single is not None:
                    position = tokens.get(single[0])
                    if position is not None:
                        best, best_position = single[1], position
                        if position >= HIDDEN_POSITION:
                            best -= HIDDEN_DISCOUNT
                else:
                    # A document has a handful of words, a matcher up to WIDE_PREFIX: loop on the former.
                    for token, position in tokens.items():
                        quality = matcher.get(token, 0.0)
                        if quality and position >= HIDDEN_POSITION:
                            quality -= HIDDEN_DISCOUNT  # a synonym: below the titles that say it
                        if wide_prefix and token.startswith(wide_prefix):
                            quality = max(quality, prefix_quality(wide_prefix, token, last))
                        if quality and (quality > best or (quality == best and position < best_position)):
                            best, best_position = quality, position
                if not best:
                    continue
                if stop:
                    relevance += 0.05
                    continue
                relevance += best
                if best_position >= HIDDEN_POSITION:
                    continue
                matched += best
                if first and best_position == 0:
                    relevance += 0.3
            relevance += 0.8 * min(1.0, matched / doc_length[doc])
            for index, form in enumerate(forms[doc]):
                if form == query_string:
                    # the whole query is a synonym of this document: as good as its whole title
                    relevance += 1.0 if index < visible_forms[doc] else 1.0 + HIDDEN_DISCOUNT + 0.2
                    break
                if form.startswith(typed):
                    relevance += 0.4 if index < visible_forms[doc] else 0.4 - HIDDEN_DISCOUNT
                    break
            return relevance + static[doc]

        return score

    # --- Highlighting ---------------------------------------------------------------

    def spans(
        self, plan: Plan, text: str, tokens: Sequence[tuple[str, int, int]] | None = None
    ) -> list[tuple[int, int]]:
        """Character ranges of `text` that match query words, for <mark> highlighting.

        `tokens` are `tokens_with_offsets(text)`, when the caller has them at hand.
        """
        result: list[tuple[int, int]] = []
        token_map = self._token_map
        checks = [(w.matcher, w.text, w.wide, w.last) for w in plan.words]
        for token, start, end in tokens_with_offsets(text) if tokens is None else tokens:
            mapped = token_map.get(token, token) if token_map else token
            for matcher, word, wide, _ in checks:
                if mapped not in matcher and not (wide and mapped.startswith(word)):
                    continue
                stop = end
                if mapped != word and mapped.startswith(word):  # a prefix: highlight what was typed
                    same_length = len(token) == end - start
                    stop = start + len(word) if same_length else _prefix_end(text, start, end, len(word))
                result.append((start, stop))
                break
        return result


def _prefix_end(text: str, start: int, end: int, folded_length: int) -> int:
    consumed = 0
    for index in range(start, end):
        consumed += len(fold(text[index]).strip())
        if consumed >= folded_length:
            return index + 1
    return end


@contextmanager
def no_gc() -> Iterator[None]:
    """Building allocates millions of small objects that all live on: collecting meanwhile only costs time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _has_digit(word: str) -> bool:
    return any(c.isdigit() for c in word)


def frequency_score(count: int, weight: float = 0.08) -> float:
    """A static score that orders by frequency without outweighing relevance."""
    return weight * math.log1p(max(0, count))
