"""JobSuggest for job titles and job groups, built from a loaded Referential."""

from __future__ import annotations

import math
import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from bob_emploi.data.referential import Gender, JobGroup, JobTitle, Referential
from bob_emploi.jobsuggest.engine import (
    MAX_QUERY_WORDS,
    Document,
    Hit,
    Plan,
    SearchEngine,
    frequency_score,
    no_gc,
)
from bob_emploi.jobsuggest.normalize import STOPWORDS, words
from bob_emploi.jobsuggest.synonyms import SynonymTable

MAX_QUERY_LENGTH = 200
GENDERS: tuple[str, ...] = ("masculine", "feminine")
# ROME 4.0 flags in the static rank: the fiche's main title first among equals, seldom used ones down.
MAIN_TITLE_BONUS = 0.01  # a tie-break: more would outrank a title the words fit better
RARELY_USED_PENALTY = 0.35
# Job-board noise ("Serveur H/F - CDI 35h"): gender marks, contracts, working hours. Dropped
# from a query of several words, never from a query that would be left empty.
NOISE_WORDS = frozenset(
    {"h", "f", "hf", "fh", "cdi", "cdd", "interim", "urgent", "temps", "plein", "partiel", "nuit", "jour"}
)
_HOURS = re.compile(r"^\d+(h\d*)?$")
# describe mode: the answer is `unsure` when the first job group holds less than this share of the
# query's (rarity-weighted) words, or leads the first group of another ROME v3 family by less than
# this margin. Calibrated on the visible evaluation set (best F1 of the flag as a predictor of a
# wrong first answer): `python -m benchmarks jobsuggest_describe` prints its precision and recall.
UNSURE_SHARE = 0.7
UNSURE_MARGIN = 0.1
# ... or when its words are too common to tell a job: the summed rarity (log inverse document
# frequency over the job groups) of the words typed is below this ("travail", "agent").
UNSURE_INFORMATION = 4.0
# A word found only in a group's job family (shared by many groups) counts this much of a title's.
FAMILY_WORD_FACTOR = 0.8
# In job-group mode, how much the share of the query's words a group holds adds to its score:
# enough to break the tie between the groups of one job family typed by its name.
FAMILY_TIE_BREAK = 0.2
# Words of a description that never tell the job ("je suis vendeuse", "je travaille comme").
DESCRIBE_FILLERS = frozenset(
    [
        "je",
        "j",
        "suis",
        "ai",
        "fais",
        "fait",
        "mon",
        "ma",
        "mes",
        "moi",
        "travaille",
        "travaillais",
        "comme",
        "qui",
        "que",
        "nous",
        "on",
        "il",
        "elle",
        "cherche",
        "veux",
        "voudrais",
        "aime",
        "metier",
        "emploi",
        "poste",
        "job",
        "boulot",
    ]
)


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
class JobSuggestion:
    """A job title to propose, with the character ranges of `title` that matched the query."""

    code_ogr: str
    code_rome: str
    title: str
    job_group: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code_ogr": self.code_ogr,
            "code_rome": self.code_rome,
            "title": self.title,
            "job_group": self.job_group,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
        }


@dataclass(slots=True)  # created per result: a frozen __init__ costs 3x
class JobGroupSuggestion:
    code_rome: str
    name: str
    score: float
    spans: tuple[tuple[int, int], ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {
            "code_rome": self.code_rome,
            "name": self.name,
            "score": round(self.score, 4),
            "spans": [list(span) for span in self.spans],
        }


@dataclass(frozen=True, slots=True)
class Description:
    """The `describe` answer: scored job groups, and whether Bob is unsure of them (then it says why)."""

    items: tuple[JobGroupSuggestion, ...]
    unsure: bool
    confidence: float
    message: str = ""

    def to_json(self) -> dict[str, Any]:
        return {
            "mode": "describe",
            "unsure": self.unsure,
            "confidence": round(self.confidence, 4),
            "message": self.message,
            "items": [item.to_json() for item in self.items],
        }


def query_tokens(query: str) -> list[str]:
    """The normalised words of a query; over-long input is cut rather than refused here."""
    return words(query[:MAX_QUERY_LENGTH])


def clean_tokens(tokens: Sequence[str], vocabulary: Mapping[str, object] | None = None) -> list[str]:
    """Query words without job-board noise, plurals read as singulars, stop words dropped when too many.

    `vocabulary` (word -> anything): a plural is read as its singular only when the plural is not a
    word of the index and the singular is ("serveurs" -> "serveur", "animaux" -> "animal").
    """
    kept = [t for t in tokens if t not in NOISE_WORDS and not _HOURS.match(t)]
    if kept and len(kept) < len(tokens):
        tokens = kept
    tokens = list(tokens)
    if vocabulary is not None:
        tokens = [_singular(token, vocabulary) for token in tokens]
    if len(tokens) > MAX_QUERY_WORDS:
        meaningful = [t for t in tokens if t not in STOPWORDS]
        tokens = meaningful or tokens
    return tokens


def _singular(token: str, vocabulary: Mapping[str, object]) -> str:
    if len(token) < 4 or token in vocabulary:
        return token
    if token.endswith("aux") and token[:-3] + "al" in vocabulary:
        return token[:-3] + "al"
    if token[-1] in "sx" and token[:-1] in vocabulary:
        return token[:-1]
    return token


def singular_map(vocabulary: Iterable[str]) -> dict[str, str]:
    """Plural words of the index mapped to their singular when both are indexed ("vendeurs" -> "vendeur")."""
    known = set(vocabulary)
    result: dict[str, str] = {}
    for token in known:
        if len(token) < 4:
            continue
        if token.endswith("aux") and token[:-3] + "al" in known:
            result[token] = token[:-3] + "al"
        elif token[-1] in "sx" and token[:-1] in known:
            result[token] = token[:-1]
    return result


def title_static_score(title: JobTitle) -> float:
    """How often people choose the title, raised for the fiche's main title, lowered when seldom used."""
    score = frequency_score(title.frequency)
    if title.main:
        score += MAIN_TITLE_BONUS
    if title.rarely_used:
        score -= RARELY_USED_PENALTY
    return score


def family_labels(referential: Referential) -> dict[str, list[str]]:
    """ROME v3 code -> the labels of its job families: FAP 2021 (BMO 2024+) and FAP 2009 (DARES, BMO 2023).

    The BMO files label their families with these very labels. A FAP 2021 family is kept for a code
    when it is reached from the most qualification levels (the family its statistics headline);
    its 228-level parent, the level BMO publishes, comes with it.
    """
    fap2021 = {row[0]: (row[2], row[3]) for row in referential.iter_rows("fap2021")}
    fap2009 = {row[0]: row[2] for row in referential.iter_rows("fap")}
    levels: dict[str, dict[str, int]] = {}
    for code_rome, _, code_fap in referential.iter_rows("rome_fap2021"):
        counts = levels.setdefault(code_rome, {})
        counts[code_fap] = counts.get(code_fap, 0) + 1
    result: dict[str, list[str]] = {}
    for code_rome, counts in levels.items():
        most = max(counts.values())
        for code_fap, count in sorted(counts.items()):
            if count < most or code_fap not in fap2021:
                continue
            label, parent = fap2021[code_fap]
            labels = result.setdefault(code_rome, [])
            labels.append(label)
            if parent in fap2021:
                labels.append(fap2021[parent][0])
    for code_rome, code_fap, _ in referential.iter_rows("rome_fap"):
        if code_fap in fap2009:
            result.setdefault(code_rome, []).append(fap2009[code_fap])
    return {code: list(dict.fromkeys(labels)) for code, labels in result.items()}


class JobIndex:
    """Typo-tolerant, gender-aware autocomplete over the ROME job titles."""

    def __init__(
        self,
        titles: list[JobTitle],
        job_groups: Mapping[str, JobGroup],
        synonyms: SynonymTable,
        families: Mapping[str, Sequence[str]] | None = None,
    ) -> None:
        """`families`: ROME v3 code -> job family labels (BMO, DARES), searched in job-group modes."""
        self._titles = titles
        self._group_names = {code: group.name for code, group in job_groups.items()}
        self._parents = {code: group.code_rome_parent or code for code, group in job_groups.items()}
        families = families or {}
        by_ogr = synonyms.aliases_by_target("ogr")
        by_rome = synonyms.aliases_by_target("rome")
        documents = [
            Document(
                # The neutral form only joins the other two ("Vendeur / Vendeuse"): no need to index it.
                forms=tuple(dict.fromkeys((title.masculine, title.feminine))),
                hidden_forms=(*by_ogr.get(title.code_ogr, ()), *by_rome.get(title.code_rome, ())),
                static_score=title_static_score(title),
            )
            for title in titles
        ]
        word_synonyms = synonyms.word_synonyms()
        # Plurals read as singulars on both sides ("serveurs" finds "Serveur"); computed over every
        # indexed word so that a plural only folds when its singular is a word too.
        title_words = {w for d in documents for form in (*d.forms, *d.hidden_forms) for w in words(form)}
        self._engine = SearchEngine(documents, word_synonyms=word_synonyms, token_map=singular_map(title_words))
        # Job-group mode: group names, their synonyms and job families in a small engine of their
        # own, merged with the groups of the best matching titles.
        self._groups = [job_groups[code] for code in sorted(job_groups)]
        group_documents = [
            Document(
                forms=tuple(dict.fromkeys(f for f in (group.masculine, group.feminine, group.name) if f)),
                hidden_forms=(
                    *by_rome.get(group.code_rome, ()),
                    *families.get(group.code_rome_parent or group.code_rome, ()),
                ),
            )
            for group in self._groups
        ]
        self._group_engine = SearchEngine(group_documents, word_synonyms=word_synonyms, fuzzy_prefix_max_length=0)
        # describe mode: each group as a bag of the words of its name and titles, and (hidden, worth
        # less: a family spans many groups) of its job families.
        group_words: dict[str, set[str]] = {}
        family_words: dict[str, set[str]] = {}
        for group in self._groups:
            bag = group_words.setdefault(group.code_rome, set())
            for form in (group.name, *by_rome.get(group.code_rome, ())):
                bag.update(words(form))
            family_bag = family_words.setdefault(group.code_rome, set())
            for label in families.get(group.code_rome_parent or group.code_rome, ()):
                family_bag.update(words(label))
        group_frequency: dict[str, int] = {}
        for title in titles:
            bag = group_words.setdefault(title.code_rome, set())
            for form in (title.masculine, title.feminine, *by_ogr.get(title.code_ogr, ())):
                bag.update(words(form))
            group_frequency[title.code_rome] = group_frequency.get(title.code_rome, 0) + title.frequency
        self._singulars = singular_map(w for bags in (group_words, family_words) for b in bags.values() for w in b)

        def bag_form(bag: Iterable[str]) -> tuple[str, ...]:
            return (" ".join(sorted({self._singulars.get(w, w) for w in bag})),)

        self._bag_engine = SearchEngine(
            [
                Document(
                    forms=bag_form(group_words.get(g.code_rome, ())),
                    hidden_forms=bag_form(family_words.get(g.code_rome, ())),
                    static_score=frequency_score(group_frequency.get(g.code_rome, 0), 0.01),
                )
                for g in self._groups
            ],
            word_synonyms=word_synonyms,
            fuzzy_prefix_max_length=0,
        )
        self._cached = lru_cache(maxsize=4096)(self._search)

    @classmethod
    def from_referential(cls, referential: Referential, synonyms: SynonymTable | None = None) -> JobIndex:
        titles = sorted(referential.job_titles.values(), key=lambda t: t.code_ogr)
        synonyms = synonyms or SynonymTable.load()
        with no_gc():
            return cls(titles, referential.job_groups, synonyms, family_labels(referential))

    def __len__(self) -> int:
        return len(self._titles)

    def v3_code(self, code_rome: str) -> str:
        """The ROME v3 code a job group derives from (itself on a ROME v3 bundle, or when unknown)."""
        return self._parents.get(code_rome, code_rome)

    def _search(self, tokens: tuple[str, ...], limit: int) -> tuple[Plan, tuple[Hit, ...]]:
        plan = self._engine.plan(clean_tokens(tokens, self._engine.postings))
        return plan, tuple(self._engine.search_plan(plan, limit + 5))

    def suggest(
        self, query: str, limit: int = 10, gender: Gender | None = None, *, cache: bool = True
    ) -> list[JobSuggestion]:
        """Job titles for what has been typed so far, most relevant then most chosen first."""
        if gender is not None and gender not in GENDERS:
            raise ValueError(f"unknown gender {gender!r}: use masculine or feminine")
        tokens = tuple(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        plan, hits = self._cached(tokens, limit) if cache else self._search(tokens, limit)
        results: list[JobSuggestion] = []
        seen: set[tuple[str, str]] = set()
        for hit in hits:
            title = self._titles[hit.doc]
            label = title.title(gender)
            key = (label.casefold(), title.code_rome)
            if key in seen:
                continue
            seen.add(key)
            spans = tuple(self._engine.spans(plan, label))
            results.append(
                JobSuggestion(
                    code_ogr=title.code_ogr,
                    code_rome=title.code_rome,
                    title=label,
                    job_group=self._group_names.get(title.code_rome, ""),
                    score=hit.score,
                    spans=spans,
                )
            )
            if len(results) == limit:
                break
        return results

    def suggest_job_groups(self, query: str, limit: int = 10) -> list[JobGroupSuggestion]:
        """Job groups (fiches ROME) for a query: by name, synonym or job family, or through their titles.

        Long queries (a family name copied from a statistics page, a job-board title) also count
        their words in any order (the `describe` scores), so that one unknown word does not sink them.
        """
        tokens = clean_tokens(query_tokens(query))
        if not tokens or limit <= 0:
            return []
        best: dict[str, float] = {}
        plan = self._group_engine.plan(clean_tokens(tokens, self._group_engine.postings))
        for hit in self._group_engine.search_plan(plan, limit):
            best[self._groups[hit.doc].code_rome] = hit.score + 0.5
        for hit in self._engine.search(clean_tokens(tokens, self._engine.postings), limit * 3):
            code = self._titles[hit.doc].code_rome
            if code in self._group_names and hit.score > best.get(code, 0.0):
                best[code] = hit.score
        meaningful = sum(t not in STOPWORDS for t in tokens)
        bag = dict(self._bag_scores(tokens, max(limit, 50))) if meaningful >= 2 else {}
        if meaningful >= 3:
            for code, share in list(bag.items())[:limit]:
                # Every word found somewhere in the group: as good as a title typed in full.
                best[code] = max(best.get(code, 0.0), 3.5 * share)
        # Groups of one job family tie on its name: those whose own titles say the words come first.
        ranked = sorted(
            best.items(), key=lambda item: (-(item[1] + FAMILY_TIE_BREAK * bag.get(item[0], 0.0)), item[0])
        )[:limit]
        return [self._group_suggestion(code, score, plan) for code, score in ranked]

    def _group_suggestion(self, code: str, score: float, plan: Plan) -> JobGroupSuggestion:
        name = self._group_names[code]
        return JobGroupSuggestion(code, name, score, tuple(self._group_engine.spans(plan, name)))

    def _bag_scores(self, tokens: Sequence[str], limit: int) -> list[tuple[str, float]]:
        """Job groups by the share of the query's words found in their names, titles and families.

        Each word weighs its rarity (inverse document frequency over the job groups) times how
        well it matched (exact, synonym, prefix, typo); word order does not matter.
        """
        meaningful = [t for t in clean_tokens(tokens, self._singulars) if t not in STOPWORDS]
        meaningful = [self._singulars.get(t, t) for t in meaningful][:MAX_QUERY_WORDS]
        if not meaningful:
            return []
        return self._bag_scores_with_information(meaningful, limit)[0]

    def _bag_scores_with_information(self, meaningful: list[str], limit: int) -> tuple[list[tuple[str, float]], float]:
        """`_bag_scores`, and the summed rarity of the query words (how much they tell)."""
        engine = self._bag_engine
        plan = engine.plan(meaningful)
        total = information = 0.0
        scores: dict[int, float] = {}
        count = len(engine)
        for word in plan.words:
            docs = engine.word_docs(word)
            weight = math.log(1 + count / (1 + len(docs)))
            total += weight
            if docs:
                information += weight
            for doc in docs:
                quality = engine.word_quality(word, doc, FAMILY_WORD_FACTOR)
                if quality:
                    scores[doc] = scores.get(doc, 0.0) + weight * quality
        if not scores or not total:
            return [], 0.0
        ranked = sorted(scores.items(), key=lambda item: (-item[1], -engine.static[item[0]], item[0]))
        return [
            (self._groups[engine.external[doc]].code_rome, value / total) for doc, value in ranked[:limit]
        ], information

    def describe(self, query: str, limit: int = 5) -> Description:
        """Job groups for a few words describing a job, in any order, with an explicit `unsure` flag.

        Groups are ranked by the share of the query's (rarity-weighted) words they hold, nudged up
        by their rank in `suggest_job_groups`. The confidence (0 to 1) is 1 when the first group
        holds enough of the words and clearly leads other families (`UNSURE_SHARE`,
        `UNSURE_MARGIN`); below, the answer is `unsure`. Never an empty answer without a message.
        """
        tokens = [t for t in clean_tokens(query_tokens(query)) if t not in DESCRIBE_FILLERS]
        if all(len(t) < 2 for t in tokens) or limit <= 0:  # letters alone describe nothing
            return Description((), True, 0.0, "Décrivez votre métier en quelques mots.")
        meaningful = [self._singulars.get(t, t) for t in clean_tokens(tokens, self._singulars) if t not in STOPWORDS]
        scores, information = self._bag_scores_with_information(meaningful[:MAX_QUERY_WORDS] or tokens, max(limit, 20))
        bag = dict(scores)
        ranked_groups = self.suggest_job_groups(" ".join(tokens), max(limit, 10))
        rank_bonus = {g.code_rome: 0.25 / (1 + index) for index, g in enumerate(ranked_groups)}
        combined = {code: bag.get(code, 0.0) + rank_bonus.get(code, 0.0) for code in {*bag, *rank_bonus}}
        ranked = sorted(combined.items(), key=lambda item: (-item[1], item[0]))
        if not ranked:
            return Description((), True, 0.0, "Aucun métier ne correspond à cette description : reformulez-la.")
        first, first_score = ranked[0]
        family = self.v3_code(first)
        runner_up = next((score for code, score in ranked[1:] if self.v3_code(code) != family), 0.0)
        confidence = min(
            1.0,
            bag.get(first, 0.0) / UNSURE_SHARE,
            (first_score - runner_up) / UNSURE_MARGIN,
            information / UNSURE_INFORMATION,
        )
        plan = self._group_engine.plan(tokens)
        items = tuple(self._group_suggestion(code, score, plan) for code, score in ranked[:limit])
        unsure = confidence < 1.0
        message = (
            "Ces métiers sont des pistes : précisez votre description pour de meilleurs résultats." if unsure else ""
        )
        return Description(items, unsure, confidence, message)
