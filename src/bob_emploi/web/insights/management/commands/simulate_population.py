"""`python -m django simulate_population --people 5000 [--seed 16]`: fills the database named by
$DATABASE_URL with a simulated population (see `bob_emploi.web.insights.simulate`), to look at the
staff page without anyone's data. Refuses a database that holds real accounts."""

from __future__ import annotations

from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from bob_emploi.web.insights.simulate import RealAccountsPresent, simulate


class Command(BaseCommand):
    help = "Writes a simulated population (labelled as such) for the team's figures."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--people", type=int, default=5000, help="how many accounts (default 5000)")
        parser.add_argument("--seed", type=int, default=16, help="the same seed gives the same people")

    def handle(self, *args: Any, **options: Any) -> None:
        if options["people"] < 0:
            raise CommandError("--people must be 0 or more")
        try:
            made = simulate(options["people"], seed=options["seed"])
        except RealAccountsPresent as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            f"{made.people} simulated people, {made.diagnosed} diagnosed, "
            f"{made.feedback} feedback answers, {made.checkins} check-ins"
        )
