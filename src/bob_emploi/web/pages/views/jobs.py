"""The job page, for a person: what the job is, how to get in, and what the market says here.

Titled in the person's own job title and gender when they come from their diagnostic (their
guest session, or `?appellation=CODE_OGR&genre=feminine|masculine` in the URL), with the ROME
job group as a subtitle. The first screen says what the job is, whether a qualification is
required by law, and the published market figures of the département (BMO 2025, DARES…, each
with its source and year, or a sentence saying why there is none); the rest is folded in
<details> that open without JavaScript. Any département by URL: `/metiers/G1803?departement=73`.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bob_emploi.advisor import closejobs
from bob_emploi.advisor.jobdata import referential_data
from bob_emploi.data.figures import french_number
from bob_emploi.data.referential import Departement, JobGroup, Referential
from bob_emploi.web import bundle
from bob_emploi.web.pages import charts, diagnosis, jobmarket, labels, maps, market
from bob_emploi.web.pages.layout import Crumb, page

SKILL_KINDS = {"savoir-faire": "Savoir-faire", "savoir-etre": "Savoir-être professionnels", "savoir": "Savoirs"}
GENDERS = ("feminine", "masculine")


def job_url(code_rome: str, *, title_code: str = "", gender: str = "", departement: str = "") -> str:
    """The job page's URL for a person: their job title and gender (so the page is titled as they
    wrote it), their département. For the diagnostic of a saved project, where no session says them."""
    query = urlencode(
        [
            (key, value)
            for key, value in (("departement", departement), ("appellation", title_code), ("genre", gender))
            if value and (key != "genre" or value in GENDERS)
        ]
    )
    url = reverse("pages:job", kwargs={"code_rome": code_rome})
    return f"{url}?{query}" if query else url


def _plain(name: str) -> str:
    """ "Isère", "isere", "ISÈRE " → "isere"; "Côte-d'Or", "cote d or" → "cote d or"."""
    letters = unicodedata.normalize("NFKD", name.casefold()).encode("ascii", "ignore").decode()
    return " ".join(re.sub(r"[^a-z0-9]+", " ", letters).split())


def _departement(request: HttpRequest, referential: Referential) -> tuple[Departement | None, str]:
    """The département asked for (code or name), else the visitor's own; and what was typed when unknown."""
    asked = request.GET.get("departement", "").strip()
    if asked:
        code = asked.upper().zfill(2) if asked.isdigit() and len(asked) < 2 else asked.upper()
        found = referential.departements.get(code)
        if found is None:
            wanted = _plain(asked)
            found = next((d for d in referential.departements.values() if _plain(d.name) == wanted), None)
        return (found, "") if found is not None else (None, asked)
    guest = diagnosis.guest(request.session)
    if guest is not None:
        commune = referential.current_commune(guest.input.project.city)
        if commune is not None:
            return referential.departements.get(commune.departement), ""
    return None, ""


def _person_title(request: HttpRequest, referential: Referential, group: JobGroup) -> str:
    """The person's job title in their gender when it belongs to this job group; else the group's gendered name."""
    gender = request.GET.get("genre", "")
    code_ogr = request.GET.get("appellation", "")
    guest = diagnosis.guest(request.session)
    if guest is not None:
        gender = gender or guest.input.profile.gender
        code_ogr = code_ogr or (guest.input.project.target_job or "")
    title = referential.job_titles.get(code_ogr)
    chosen = gender if gender in GENDERS else None
    if title is not None and title.code_rome == group.code_rome:
        return title.title(chosen)  # type: ignore[arg-type]
    return group.title(chosen)  # type: ignore[arg-type]


def _access_sentence(text: str) -> str:
    """ROME's "Cet emploi est accessible avec…" written for a person: "Accessible avec…"."""
    cleaned = re.sub(r"^(Cet emploi|Ce métier|Cette profession) (est|sont) ", "", text.strip())
    return cleaned[:1].upper() + cleaned[1:]


def job_page(request: HttpRequest, code_rome: str) -> HttpResponse:
    referential = bundle.referential()
    group = referential.job_groups.get(code_rome.upper())
    if group is None:
        raise Http404("Ce métier n'existe pas dans le répertoire des métiers (ROME).")
    code_rome = group.code_rome
    texts = referential.texts(code_rome)
    definition = texts.get("definition", [])
    departement, unknown_departement = _departement(request, referential)
    close_groups: list[JobGroup] = []
    for link in referential.mobility(code_rome):
        target = referential.job_groups.get(link.target_rome)
        if link.is_close and target is not None and target not in close_groups:
            close_groups.append(target)
    local = jobmarket.local_market(referential, code_rome, departement) if departement else None
    has_statistics = jobmarket.has_bmo(referential) or referential.market_available
    picture = market.picture(referential, code_rome, departement.code) if departement else None
    map_figure = request.GET.get("carte", "habitants")
    if map_figure not in jobmarket.MAP_FIGURES:
        map_figure = "habitants"
    person_title = _person_title(request, referential, group)
    # What the URL said about the person, kept by the département form and the map's links.
    kept = [(key, request.GET.get(key, "")) for key in ("appellation", "genre")]
    kept = [(key, value) for key, value in kept if value and (key != "genre" or value in GENDERS)]
    context = page(
        person_title,
        [Crumb("Votre diagnostic", reverse("pages:guest_diagnostic"))] if diagnosis.guest(request.session) else [],
        group=group,
        person_title=person_title,
        kept=kept,
        kept_query="".join(f"&{urlencode([item])}" for item in kept),
        gender_query=next((f"&genre={value}" for key, value in kept if key == "genre"), ""),
        titles=[title.neutral for title in referential.titles_of(code_rome) if title.neutral != person_title][:20],
        intro=definition[:1],
        activities=definition[1:],
        access=[_access_sentence(text) for text in texts.get("acces_metier", [])],
        conditions=texts.get("condition_exercice", []),
        skills={
            SKILL_KINDS.get(kind, kind): items for kind, items in referential.skills_by_category(code_rome).items()
        },
        environments=referential.work_environments(code_rome),
        sectors=referential.sectors(code_rome),
        close_jobs=_close_jobs(referential, code_rome, close_groups[:12], departement),
        departement=departement,
        unknown_departement=unknown_departement,
        has_statistics=has_statistics,
        local=local,
        map_figure=map_figure,
        map_figures=jobmarket.MAP_FIGURES,
        map_name=jobmarket.MAP_FIGURES[map_figure],
        bmo_year=jobmarket.BMO_YEAR,
        bmo_source=jobmarket.BMO_SOURCE,
        population_source=jobmarket.POPULATION_SOURCE,
        pictures=_pictures(local, map_figure) if local else {},
        market_available=referential.market_available,
        picture=picture,
        charts=_charts(picture, group.name) if picture else {},
        months=labels.MONTHS,
    )
    return render(request, "pages/job.html", context)


@dataclass(frozen=True, slots=True)
class CloseJobView:
    """A close job on the job page: its skills shared with this job and to acquire, its local hiring."""

    group: JobGroup
    shared: list[str]  # a few skill labels, quoted as the ROME writes them, most telling first
    shared_count: int
    total: int
    missing: list[str]  # the most important ones to acquire (advisor.closejobs)
    hiring: str  # the BMO 2025 projects in the département, with source and year; "" without a département


def _close_jobs(
    referential: Referential, code_rome: str, groups: list[JobGroup], departement: Departement | None
) -> list[CloseJobView]:
    """The close jobs with the skills compared as the advice compares them (`advisor.closejobs`), and the
    same local hiring figures as the diagnostic (`advisor.marketfacts`): a figure shown twice is computed once."""
    data = referential_data(referential)
    views = []
    for group in groups:
        match = closejobs.compare(referential, code_rome, group.code_rome)
        hiring = ""
        if departement is not None:
            facts = data.facts(group.code_rome, departement.code)
            if facts.projects is not None and facts.projects.value is not None:
                hiring = closejobs.hiring_text(facts, departement.in_phrase)
        views.append(
            CloseJobView(
                group=group,
                shared=[closejobs.skill_label(skill) for skill in match.shared[: closejobs.SHOWN_SKILLS]],
                shared_count=match.shared_count,
                total=match.total,
                missing=[closejobs.skill_label(skill) for skill in match.missing[: closejobs.SHOWN_SKILLS]],
                hiring=hiring,
            )
        )
    return views


def _pictures(local: jobmarket.LocalMarket, map_figure: str) -> dict[str, object]:
    """The BMO pictures: the map of départements, the 2023-2025 trend, the seasonal shares."""
    result: dict[str, object] = {}
    family = local.family.subject if local.family else ""
    if local.map_rows:
        if map_figure == "difficiles":
            values = {row.departement.code: row.difficult for row in local.map_rows}
            texts = {row.departement.code: row.difficult_text for row in local.map_rows}
            unit = "\u00a0%"
        else:
            values = {row.departement.code: row.per_inhabitants for row in local.map_rows}
            texts = {row.departement.code: row.per_inhabitants_text for row in local.map_rows}
            unit = ""
        labels_by_code = {
            code: f"{row.departement.name}\u00a0: {texts[code]}"
            for row in local.map_rows
            for code in (row.departement.code,)
        }
        name = jobmarket.MAP_FIGURES[map_figure]
        svg, breaks = maps.departement_map(
            "carte",
            f"{name} par département en {jobmarket.BMO_YEAR}, {family}",
            f"Carte des départements colorée selon\u00a0: {name.lower()} ({jobmarket.BMO_SOURCE}). "
            f"{local.departement.name} est entouré en rouge. Les départements d'outre-mer sont des cases "
            "sous la carte. Les mêmes chiffres sont dans le tableau après la carte.",
            values,
            labels_by_code,
            local.departement.code,
        )
        result["map"] = svg
        result["legend"] = maps.legend(breaks, lambda value: f"{french_number(value, 1)}{unit}")
    if local.trend:
        result["trend"] = charts.bar_chart(
            "tendance",
            f"Projets de recrutement de 2023 à 2025 {local.departement.in_phrase}",
            "Projets de recrutement de la famille de métiers, par année d'enquête BMO ; "
            "les chiffres sont dans le tableau qui suit.",
            [charts.Bar(str(item.year), item.value, item.year == jobmarket.BMO_YEAR) for item in local.trend],
        )
    if local.seasonal:
        result["seasonal"] = charts.bar_chart(
            "saisons",
            f"Part des projets saisonniers en {jobmarket.BMO_YEAR}",
            "Part des projets de recrutement saisonniers, dans le département et sa région ; "
            "les chiffres sont dans le tableau qui suit.",
            [
                charts.Bar(where, figure.value, index == 0, text)
                for index, (where, figure, text) in enumerate(local.seasonal)
            ],
            unit="\u00a0%",
        )
    return result


def _charts(picture: market.MarketPicture, job_name: str) -> dict[str, object]:
    """The IMT pictures (format samples unless the deployment says its IMT figures are real)."""
    where = picture.departement.in_phrase
    sample = " Échantillon de format, pas des statistiques réelles." if picture.is_sample else ""
    offers = charts.bar_chart(
        "offres",
        f"Offres d'emploi et candidats, {job_name}",
        f"Nombre d'offres puis de candidats {where}, dans sa région et en France.{sample}",
        [
            bar
            for area in picture.areas
            for bar in (
                charts.Bar(f"{area.label}\u00a0: offres", area.offers, area is picture.areas[0]),
                charts.Bar(f"{area.label}\u00a0: candidats", area.applicants, area is picture.areas[0]),
            )
        ],
    )
    season = charts.month_chart(
        "mois",
        f"Mois de pic d'embauche {where}",
        (
            "Mois de pic d'embauche\u00a0: "
            + (", ".join(labels.MONTHS[m - 1] for m in picture.peak_months) or "aucun")
            + "."
            + sample
        ),
        set(picture.peak_months),
    )
    result: dict[str, object] = {"offers": offers, "season": season}
    if picture.contracts:
        result["contracts"] = charts.bar_chart(
            "contrats",
            f"Types de contrat des offres {where}",
            f"Part des offres d'emploi par type de contrat.{sample}",
            [charts.Bar(share.label, share.percent) for share in picture.contracts],
            unit="\u00a0%",
        )
    return result
