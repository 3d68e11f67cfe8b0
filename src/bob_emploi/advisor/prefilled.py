"""Links to public job services, pre-filled with the person's job and place where the service allows.

Every link is built here, from a job (ROME code and title) and a place (commune, département, the
area the person accepts), never from anything else: no name, e-mail, age or gender ever reaches a
URL (a title's masculine form stands for the job whatever the person's gender). An advice names a
builder in `content/advice.toml` (`prefill = "…"` on a link); its `url` there is the page used when
the builder has nothing to add (no job chosen). `bob content check-links` checks every builder's
output for a sample person, as it checks the written links.

Where each format comes from, and how sure it is (see also docs/advisor.md, "Pre-filled links"):

- France Travail's offer search, `candidat.francetravail.fr/offres/recherche` — **sure**: `motsCles`
  (keywords; a ROME code is accepted, as France Travail's own Anotea builds
  `motsCles=<codes ROME>&lieux=<INSEE>&rayon=<km>`), `lieux` (a commune's INSEE code, or a
  département as `73D`), `rayon` (km around the commune), `offresPartenaires=true`, `tri=0`; the
  same parameters in many public projects and in the site's own links (`lieux=59D&natureOffre=E2,FS`
  for alternance). `typeContrat=MIS` (intérim) uses the API's contract codes: **likely**, not confirmed.
- La bonne alternance, `labonnealternance.apprentissage.beta.gouv.fr/recherche` — **sure**: `romes`
  (comma-separated codes), `radius`, `lat`/`lon` and `job_name`, read in `buildRecherchePageParams`
  of its repository (mission-apprentissage/labonnealternance). The bundle has no coordinates, so the
  link carries the job only and the person types the place there.
- 1jeune1solution's offers, `www.1jeune1solution.gouv.fr/emplois` — **likely**: `motCle`,
  `typeLocalisation` (COMMUNE, DEPARTEMENT), `codeLocalisation`, `libelleLocalisation`, read in the
  tests of its front end (DNUM-SocialGouv/1j1s-front); the names have changed before.
- La Bonne Boîte — **not confirmed**: the old site's `/entreprises/commune/<INSEE>/rome/<ROME>` (read in
  the original Bob and in Anotea) belongs to labonneboite.pole-emploi.fr; the site was rewritten on
  labonneboite.francetravail.fr and public projects disagree on its parameters (`rome`/`citycode` or
  `metier`/`lieu`). The link opens its home page, where the person searches.
- Mon Compte Formation — **not confirmed**: its search lives in a JavaScript route of the private
  space; the link opens the home page.
- Mission locale, Cap emploi, France Travail agencies — **no locator with a documented postcode
  parameter found**: 1jeune1solution's "accompagnement" page (it finds the Mission locale from the
  place the person types), monparcourshandicap.gouv.fr for Cap emploi, unparametrised.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING, Literal
from urllib.parse import quote_plus

from bob_emploi.advisor.schema import Area, Link

if TYPE_CHECKING:
    from bob_emploi.advisor.situation import Situation

# Kilometres around the commune when the person accepts to work in or near their city (or did not say).
NEAR_KM = 10

FRANCE_TRAVAIL_OFFERS = "https://candidat.francetravail.fr/offres/recherche"
LA_BONNE_BOITE = "https://labonneboite.francetravail.fr"
LA_BONNE_ALTERNANCE = "https://labonnealternance.apprentissage.beta.gouv.fr/recherche"
UN_JEUNE_UNE_SOLUTION_OFFERS = "https://www.1jeune1solution.gouv.fr/emplois"
MON_COMPTE_FORMATION = "https://www.moncompteformation.gouv.fr"


@dataclass(frozen=True, slots=True)
class Job:
    """What a link may say of the job: its ROME code and a search keyword (a title's masculine form, the
    same whatever the person's gender)."""

    code_rome: str
    keyword: str


@dataclass(frozen=True, slots=True)
class Place:
    """What a link may say of the place: the commune and département, and how far the person goes."""

    commune: str  # INSEE code
    commune_name: str
    postcode: str | None
    departement: str
    area: Area | None  # None: not answered (read as "near the city")

    @property
    def scope(self) -> Literal["commune", "departement", "country"]:
        """Where a search looks: around the commune, in the département, or in all of France.

        A région is searched by département: no service here documents a région code in its links.
        """
        if self.area in (None, "city"):
            return "commune"
        if self.area == "country":
            return "country"
        return "departement"


def job_of(s: Situation) -> Job | None:
    """The target job as links may say it (None when the person has not chosen one)."""
    if s.title is None or s.job is None:
        return None
    return Job(code_rome=s.job.code_rome, keyword=s.title.masculine)


def place_of(s: Situation) -> Place:
    """The person's commune (the arrondissement chosen in Paris, Lyon or Marseille), département and area."""
    commune = s.referential.communes.get(s.project.city) or s.commune
    return Place(
        commune=commune.code,
        commune_name=commune.name,
        postcode=commune.postcodes[0] if commune.postcodes else None,
        departement=s.departement.code,
        area=s.project.area,
    )


# The same job titles, codes and communes come back person after person: each is encoded once.
_encoded = lru_cache(maxsize=16_384)(quote_plus)


def _url(base: str, parameters: dict[str, str]) -> str:
    """`base?key=value&…`, encoded as `urlencode` does (`quote_plus`)."""
    if not parameters:
        return base
    return base + "?" + "&".join(f"{_encoded(key)}={_encoded(value)}" for key, value in parameters.items())


def francetravail_offers(job: Job | None, place: Place | None, contract: str | None = None) -> str:
    """France Travail's offers for the job group, around the commune, in the département or in France."""
    parameters: dict[str, str] = {}
    if job is not None:
        parameters["motsCles"] = job.code_rome
    if place is not None and place.scope == "commune":
        parameters |= {"lieux": place.commune, "rayon": str(NEAR_KM)}
    elif place is not None and place.scope == "departement":
        parameters["lieux"] = f"{place.departement}D"
    if contract is not None:
        parameters["typeContrat"] = contract
    if parameters:
        parameters |= {"offresPartenaires": "true", "tri": "0"}
    return _url(FRANCE_TRAVAIL_OFFERS, parameters)


def francetravail_interim(job: Job | None, place: Place | None) -> str:
    """The same search, temporary work only (contract code MIS)."""
    return francetravail_offers(job, place, contract="MIS")


def la_bonne_alternance(job: Job | None, place: Place | None) -> str:
    """Alternance offers, trainings and employers for the job group (the place is typed there: see above)."""
    if job is None:
        return LA_BONNE_ALTERNANCE
    return _url(LA_BONNE_ALTERNANCE, {"romes": job.code_rome, "job_name": job.keyword})


def un_jeune_une_solution_offers(job: Job | None, place: Place | None) -> str:
    """1jeune1solution's offers for the job, in the commune or the département."""
    parameters: dict[str, str] = {}
    if job is not None:
        parameters["motCle"] = job.keyword
    if place is not None and place.scope == "commune":
        label = f"{place.commune_name} ({place.postcode})" if place.postcode else place.commune_name
        parameters |= {"libelleLocalisation": label, "typeLocalisation": "COMMUNE", "codeLocalisation": place.commune}
    elif place is not None and place.scope == "departement":
        parameters |= {"typeLocalisation": "DEPARTEMENT", "codeLocalisation": place.departement}
    if parameters:
        parameters["page"] = "1"
    return _url(UN_JEUNE_UNE_SOLUTION_OFFERS, parameters)


def la_bonne_boite(job: Job | None, place: Place | None) -> str:
    """La Bonne Boîte's home page: its search URL on the new site is not confirmed (see above)."""
    return LA_BONNE_BOITE


def mon_compte_formation(job: Job | None, place: Place | None) -> str:
    """Mon Compte Formation's home page: its search is not addressable by a documented URL (see above)."""
    return MON_COMPTE_FORMATION


Builder = Callable[[Job | None, Place | None], str]

# The names `content/advice.toml` may give in `prefill = "…"`.
BUILDERS: dict[str, Builder] = {
    "francetravail_offers": francetravail_offers,
    "francetravail_interim": francetravail_interim,
    "la_bonne_alternance": la_bonne_alternance,
    "un_jeune_une_solution_offers": un_jeune_une_solution_offers,
    "la_bonne_boite": la_bonne_boite,
    "mon_compte_formation": mon_compte_formation,
}


@lru_cache(maxsize=4096)  # a batch asks for the same job and commune again and again
def link(builder: str, label: str, job: Job | None, place: Place | None) -> Link:
    """A link to the service, pre-filled by the named builder (KeyError for an unknown name)."""
    return Link(label=label, url=BUILDERS[builder](job, place))


# A sample person for `bob content check-links`: an accented commune with a postcode, a job with an
# apostrophe and accents, so that every builder's encoding is checked with the links it makes.
SAMPLE_JOB = Job(code_rome="G1803", keyword="Employé de café, bar-brasserie")
SAMPLE_PLACES = (
    Place("42218", "Saint-Étienne", "42000", "42", "city"),
    Place("42218", "Saint-Étienne", "42000", "42", "departement"),
    Place("42218", "Saint-Étienne", "42000", "42", "country"),
)


def sample_links() -> list[tuple[str, str]]:
    """(key, url) for each builder and sample place, and without job or place."""
    built = []
    for name, builder in BUILDERS.items():
        for place in SAMPLE_PLACES:
            built.append((f"{name}[{place.area}]", builder(SAMPLE_JOB, place)))
        built.append((f"{name}[no job, no place]", builder(None, None)))
    return built
