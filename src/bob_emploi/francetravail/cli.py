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
