"""Referential data: France's open job and territory data, imported into one read-only bundle.

Public surface: `build_bundle` (raw files -> bundle), `Referential` (bundle -> memory).
"""

from bob_emploi.data.build import BuildResult, build_bundle
from bob_emploi.data.errors import BundleError, DataError, FetchError, RawDataError
from bob_emploi.data.referential import (
    CentreOfInterest,
    Commune,
    Departement,
    Domain,
    FormerCommune,
    Gender,
    JobGroup,
    JobTitle,
    MarketStats,
    MobilityLink,
    NafDivision,
    Referential,
    Region,
    Sector,
    Skill,
    Theme,
)

__all__ = [
    "BuildResult",
    "BundleError",
    "CentreOfInterest",
    "Commune",
    "DataError",
    "Departement",
    "Domain",
    "FetchError",
    "FormerCommune",
    "Gender",
    "JobGroup",
    "JobTitle",
    "MarketStats",
    "MobilityLink",
    "NafDivision",
    "RawDataError",
    "Referential",
    "Region",
    "Sector",
    "Skill",
    "Theme",
    "build_bundle",
]
