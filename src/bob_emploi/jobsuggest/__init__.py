"""JobSuggest: self-hosted, typo-tolerant, gender-aware autocomplete for French job titles and cities.

Public surface: `JobIndex` (titles, job groups, `describe`), `CityIndex` (communes), their
result dataclasses, and the WSGI app in `bob_emploi.jobsuggest.wsgi`.
"""

from bob_emploi.jobsuggest.cities import CityIndex, CitySuggestion
from bob_emploi.jobsuggest.index import Description, JobGroupSuggestion, JobIndex, JobSuggestion
from bob_emploi.jobsuggest.synonyms import SynonymTable

__all__ = [
    "CityIndex",
    "CitySuggestion",
    "Description",
    "JobGroupSuggestion",
    "JobIndex",
    "JobSuggestion",
    "SynonymTable",
]
