"""Referential data: France's open job and territory data, imported into one read-only bundle.

Public surface: `build_bundle` (raw files -> bundle), `Referential` (bundle -> memory).
"""

from bob_emploi.data.build import BuildResult, build_bundle
from bob_emploi.data.errors import BundleError, DataError, FetchError, RawDataError
from bob_emploi.data.referential import (
    Commune,
    Departement,
    FormerCommune,
    Gender,
    JobGroup,
    JobTitle,
    MarketStats,
    MobilityLink,
    Referential,
    Region,
    Skill,
)

__all__ = [
    "BuildResult",
    "BundleError",
    "Commune",
    "DataError",
    "Departement",
    "FetchError",
    "FormerCommune",
    "Gender",
    "JobGroup",
    "JobTitle",
    "MarketStats",
    "MobilityLink",
    "RawDataError",
    "Referential",
    "Region",
    "Skill",
    "build_bundle",
]
