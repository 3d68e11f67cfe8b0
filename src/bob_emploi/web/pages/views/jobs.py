"""The job page: what a job group is, and its local market in pictures where data exists."""

from __future__ import annotations

from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import render
from django.urls import reverse

from bob_emploi.web import bundle
from bob_emploi.web.pages import charts, diagnosis, labels, market
from bob_emploi.web.pages.layout import Crumb, page

SKILL_KINDS = {"savoir-faire": "Savoir-faire", "savoir-etre": "Savoir-être professionnels", "savoir": "Savoirs"}
ENVIRONMENT_SECTIONS = {"structures": "Structures", "secteurs": "Secteurs", "conditions": "Conditions de travail"}


def _departement_code(request: HttpRequest) -> str:
    """The département asked for, else the visitor's own, else none."""
    referential = bundle.referential()
    asked = request.GET.get("departement", "").strip().upper()
    if asked in referential.departements:
        return asked
    guest = diagnosis.guest(request.session)
    if guest is not None:
        commune = referential.current_commune(guest.input.project.city)
        if commune is not None:
            return commune.departement
    return ""


def job_page(request: HttpRequest, code_rome: str) -> HttpResponse:
    referential = bundle.referential()
    group = referential.job_groups.get(code_rome.upper())
    if group is None:
        raise Http404("Ce métier n'existe pas dans le répertoire des métiers (ROME).")
    code_rome = group.code_rome
    texts = referential.texts(code_rome)
    skills: dict[str, list[str]] = {}
    for skill in referential.skills(code_rome):
        skills.setdefault(SKILL_KINDS.get(skill.kind, "Compétences"), []).append(skill.label)
    environments = {
        ENVIRONMENT_SECTIONS.get(section, section.capitalize()): items
        for section, items in referential.work_environments(code_rome).items()
    }
    close_jobs: dict[str, list[tuple[str, str]]] = {"close": [], "evolution": []}
    seen: set[tuple[str, str]] = set()
    for link in referential.mobility(code_rome):
        target = referential.job_groups.get(link.target_rome)
        kind = "close" if link.is_close else link.kind  # ROME 4.0's untyped links are close jobs
        if target is None or (kind, target.code_rome) in seen:
            continue
        seen.add((kind, target.code_rome))
        close_jobs.setdefault(kind, []).append((target.code_rome, target.name))
    departement_code = _departement_code(request)
    picture = market.picture(referential, code_rome, departement_code) if departement_code else None
    departement = referential.departements.get(departement_code)
    context = page(
        group.name,
        [Crumb("Votre diagnostic", reverse("pages:guest_diagnostic"))] if diagnosis.guest(request.session) else [],
        group=group,
        titles=[title.neutral for title in referential.titles_of(code_rome)[:12]],
        definition=texts.get("definition", []),
        access=texts.get("acces_metier", []),
        conditions=texts.get("condition_exercice", []),
        skills=skills,
        environments=environments,
        close_jobs=close_jobs["close"][:12],
        evolution_jobs=close_jobs["evolution"][:12],
        market_available=referential.market_available,
        departement=departement,
        departements=sorted(
            (d for d in referential.departements.values() if d.zone in ("metro", "drom")), key=lambda d: d.code
        ),
        picture=picture,
        charts=_charts(picture, group.name) if picture else {},
        months=labels.MONTHS,
        tension_legend=[(label, colour) for label, _, _, colour in charts.TENSION_CLASSES],
        no_data_colour=charts.NO_DATA_COLOUR,
    )
    return render(request, "pages/job.html", context)


def _charts(picture: market.MarketPicture, job_name: str) -> dict[str, object]:
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
                charts.Bar(f"{area.label} : offres", area.offers, area is picture.areas[0]),
                charts.Bar(f"{area.label} : candidats", area.applicants, area is picture.areas[0]),
            )
        ],
    )
    tension = charts.tension_map(
        "carte",
        f"Offres pour 10 candidats par département, {job_name}",
        "Carte schématique de la France : un carré par département, coloré selon le nombre d'offres pour "
        f"10 candidats ; le département choisi est entouré.{sample}",
        picture.by_departement,
        picture.departement.code,
    )
    season = charts.month_chart(
        "saisons",
        f"Mois de pic d'embauche {where}",
        (
            "Mois de pic d'embauche : "
            + (", ".join(labels.MONTHS[m - 1] for m in picture.peak_months) or "aucun")
            + "."
            + sample
        ),
        set(picture.peak_months),
    )
    result: dict[str, object] = {"offers": offers, "map": tension, "season": season}
    if picture.contracts:
        result["contracts"] = charts.bar_chart(
            "contrats",
            f"Types de contrat des offres {where}",
            f"Part des offres d'emploi par type de contrat.{sample}",
            [charts.Bar(share.label, share.percent) for share in picture.contracts],
            unit=" %",
        )
    return result
