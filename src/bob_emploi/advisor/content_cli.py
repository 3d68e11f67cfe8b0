"""`bob content …`: checks of the editable advice content (links today)."""

from __future__ import annotations

import json
from typing import Annotated

import typer

from bob_emploi.advisor.linkcheck import allowed_hosts, check_offline, check_online, editorial_links, prefilled_links

app = typer.Typer(help="Check the advice content (texts and links in advisor/content/).", no_args_is_help=True)


@app.callback()
def main() -> None:
    """Check the advice content (texts and links in advisor/content/)."""


@app.command("check-links")
def check_links(
    online: Annotated[
        bool, typer.Option("--online", help="Also fetch each link (HEAD, then GET): dead or moved pages.")
    ] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print the problems as JSON.")] = False,
) -> None:
    """Every advice link, written or pre-filled: https, on an allowed host (content/links.toml), well-formed;
    with --online, alive."""
    links = editorial_links() + prefilled_links()
    problems = check_offline(links, allowed_hosts())
    if online:
        problems += check_online([link for link in links if all(p.link != link for p in problems)])
    if as_json:
        print(
            json.dumps(
                [
                    {"file": p.link.file, "key": p.link.key, "url": p.link.url, "kind": p.kind, "message": p.message}
                    for p in problems
                ],
                ensure_ascii=False,
                indent=2,
            )
        )
    else:
        for problem in problems:
            typer.echo(str(problem), err=True)
        checked = "checked online" if online else "checked offline (add --online to fetch them)"
        typer.echo(f"{len(links)} links {checked}: {len(problems)} problem{'s' if len(problems) != 1 else ''}.")
    if problems:
        raise typer.Exit(1)
