"""`bob ft …`: France Travail's partner APIs from the command line.

Credentials come from FT_CLIENT_ID / FT_CLIENT_SECRET; FT_API_URL and
FT_AUTH_URL point at another host (the "recette" sandbox, a fake server).
"""

from __future__ import annotations

import json
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from bob_emploi.francetravail._client import Client
from bob_emploi.francetravail._config import ClientConfig
from bob_emploi.francetravail._exceptions import ConfigurationError, FranceTravailError
from bob_emploi.francetravail.labonneboite import MAX_PAGE_SIZE, Company, CompanySearch
from bob_emploi.francetravail.offers import Offer, OfferFilters

app = typer.Typer(
    name="ft",
    help="Interroger les API partenaires de France Travail (francetravail.io).",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main() -> None:
    """Interroger les API partenaires de France Travail (identifiants : FT_CLIENT_ID, FT_CLIENT_SECRET)."""


def _config() -> ClientConfig:
    try:
        return ClientConfig.from_env()
    except ConfigurationError as error:
        typer.echo(f"bob ft : {error.message}", err=True)
        raise typer.Exit(2) from None


def _place(offer: Offer) -> str:
    return offer.lieuTravail.libelle or "" if offer.lieuTravail else ""


@app.command("offers")
def offers(
    rome: Annotated[str, typer.Option("--rome", help="Code ROME, e.g. M1805.")],
    departement: Annotated[str | None, typer.Option("--departement", help="Code département, e.g. 69.")] = None,
    commune: Annotated[str | None, typer.Option("--commune", help="Code INSEE de la commune.")] = None,
    max_results: Annotated[int, typer.Option("--max", min=1, max=3150, help="Nombre maximum d'offres.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Une offre JSON par ligne.")] = False,
) -> None:
    """Lister les offres d'emploi d'un métier (code ROME), dans un département ou une commune."""
    config = _config()
    filters = OfferFilters(code_rome=rome, departement=departement, commune=commune)
    console = Console()
    try:
        with Client(config) as client:
            results = client.offers.search(filters, max_results=max_results)
            if as_json:
                for offer in results:
                    typer.echo(json.dumps(offer.model_dump(mode="json", exclude_none=True), ensure_ascii=False))
                return
            table = Table(title=f"Offres {rome}", show_lines=False)
            for column in ("Id", "Intitulé", "ROME", "Lieu", "Contrat", "Entreprise"):
                table.add_column(column)
            for offer in results:
                company = offer.entreprise.nom if offer.entreprise and offer.entreprise.nom else ""
                table.add_row(
                    offer.id,
                    offer.intitule,
                    offer.romeCode or "",
                    _place(offer),
                    offer.typeContrat or "",
                    company,
                )
            console.print(table)
            if results.total is not None:
                shown = min(results.total, max_results)
                console.print(f"{shown} offre(s) affichée(s) sur {results.total}.")
    except FranceTravailError as error:
        typer.echo(f"bob ft : {error}", err=True)
        raise typer.Exit(1) from None


def _headcount(company: Company) -> str:
    if company.headcount_min is None or company.headcount_max is None:
        return ""
    return f"{company.headcount_min}–{company.headcount_max}"


@app.command("companies")
def companies(
    rome: Annotated[str, typer.Option("--rome", help="Code ROME, e.g. G1803.")],
    commune: Annotated[str, typer.Option("--commune", help="Code INSEE de la commune, e.g. 73065.")],
    distance: Annotated[int | None, typer.Option("--distance", min=1, max=100, help="Rayon en km.")] = None,
    max_results: Annotated[int, typer.Option("--max", min=1, max=1000, help="Nombre maximum d'entreprises.")] = 20,
    as_json: Annotated[bool, typer.Option("--json", help="Une entreprise JSON par ligne.")] = False,
) -> None:
    """Lister les entreprises susceptibles d'embaucher pour un métier autour d'une commune (La Bonne Boîte)."""
    config = _config()
    search = CompanySearch(rome=rome, citycode=commune, distance=distance)
    try:
        with Client(config) as client:
            page_size = min(MAX_PAGE_SIZE, max_results)
            found = list(client.labonneboite.companies(search, max_results=max_results, page_size=page_size))
    except FranceTravailError as error:
        typer.echo(f"bob ft : {error}", err=True)
        raise typer.Exit(1) from None
    if as_json:
        for company in found:
            typer.echo(json.dumps(company.model_dump(mode="json", exclude_none=True), ensure_ascii=False))
        return
    table = Table(title=f"Entreprises {rome} autour de {commune}")
    for column in ("SIRET", "Entreprise", "Commune", "Activité (NAF)", "Effectif", "Potentiel d'embauche"):
        table.add_column(column)
    for company in found:
        potential = "" if company.hiring_potential is None else f"{company.hiring_potential:.2f}"
        table.add_row(
            company.siret,
            company.company_name,
            company.city or company.citycode or "",
            company.naf_label or company.naf or "",
            _headcount(company),
            potential,
        )
    Console().print(table)
    Console().print(f"{len(found)} entreprise(s) affichée(s).")
