"""The staff page's figures as one CSV file, for a spreadsheet.

Written for French Excel, which most of the team uses: UTF-8 **with** a byte-order mark (without it,
Excel reads the accents as Windows-1252), `;` between fields and a decimal comma (Excel's French
locale splits on `;` and reads "23,4" as a number; LibreOffice and pandas read it too, with
`sep=";", decimal=","`). One line per figure ("long" format, ready for a pivot table):

    tableau;groupe;libelle;indicateur;valeur
    conseils;network_application;Faites jouer votre réseau;personnes_montre;1234
    conseils;network_application;Faites jouer votre réseau;part_utile_pct;23,4

`valeur` is a count of people, a percentage with one decimal, "masqué" where the page says "masqué"
(a group under 10 people, see `disclosure`), or empty where there is nothing to compute yet (no
diagnostic old enough). The first lines (`tableau` = `meta`) say when the figures were computed and,
when the database holds simulated accounts, how many ("Données simulées"). Shares come with their
95 % confidence interval (`_ic95_bas_pct`, `_ic95_haut_pct`).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator

from django.utils import timezone

from bob_emploi.web.insights.figures import ChallengeRow, CohortRow, Figures
from bob_emploi.web.insights.rates import Share

HEADER = ("tableau", "groupe", "libelle", "indicateur", "valeur")
BOM = "\ufeff"
HIDDEN = "masqué"

Line = tuple[str, str, str, str, str]


def _count(value: int | None) -> str:
    return HIDDEN if value is None else str(value)


def _pct(value: float) -> str:
    return f"{100 * value:.1f}".replace(".", ",")


def _share(prefix: str, share: Share) -> Iterator[tuple[str, str]]:
    bounds = share.interval
    rate = share.rate
    if share.hidden:
        values = (HIDDEN, HIDDEN, HIDDEN)
    elif rate is None or bounds is None:
        values = ("", "", "")
    else:
        values = (_pct(rate), _pct(bounds[0]), _pct(bounds[1]))
    for suffix, value in zip(("pct", "ic95_bas_pct", "ic95_haut_pct"), values, strict=True):
        yield f"{prefix}_{suffix}", value


def lines(figures: Figures) -> Iterator[Line]:
    """Every figure of the page, one per line (without the header), after when and from what."""
    yield (
        "meta",
        "",
        "Calculé le",
        "calcule_le",
        timezone.localtime(figures.computed_at).isoformat(timespec="seconds"),
    )
    if figures.simulated_accounts:
        yield ("meta", "", "Données simulées", "comptes_simules", str(figures.simulated_accounts))
    for advice in figures.advice:
        key = ("conseils", advice.advice_id, advice.title)
        yield (*key, "personnes_montre", _count(advice.shown))
        for name, value in (
            ("top3", advice.top3),
            ("utile", advice.useful),
            ("fait", advice.done),
            ("pas_pour_moi", advice.not_for_me),
        ):
            yield (*key, f"personnes_{name}", _count(value))
            for indicator, text in _share(f"part_{name}", advice.share(value)):
                yield (*key, indicator, text)
        yield (*key, "personnes_avis", _count(advice.answered))
        for indicator, text in _share("part_pas_pour_moi_parmi_avis", advice.rejection):
            yield (*key, indicator, text)
    for challenge in (*figures.challenges, figures.challenges_total):
        yield from _challenge(challenge)
    for cohort in (*figures.cohorts, figures.cohorts_total):
        yield from _cohort(cohort)


def _challenge(row: ChallengeRow) -> Iterator[Line]:
    key = ("defis", row.challenge_id or "ensemble", row.title)
    yield (*key, "personnes", _count(row.people))
    for window in row.windows:
        yield (*key, f"personnes_diagnostic_{window.months}_mois", _count(window.eligible))
        yield (*key, f"personnes_emploi_{window.months}_mois", _count(window.found))
        for indicator, text in _share(f"part_emploi_{window.months}_mois", window.share):
            yield (*key, indicator, text)


def _cohort(row: CohortRow) -> Iterator[Line]:
    key = ("cohortes", row.iso_week or "ensemble", row.label)
    for name, value in (
        ("personnes_inscrites", row.people),
        ("personnes_diagnostic", row.diagnosed),
        ("personnes_point_etape", row.checked_in),
        ("personnes_emploi", row.found_job),
    ):
        yield (*key, name, _count(value))


def to_csv(figures: Figures) -> str:
    buffer = io.StringIO()
    buffer.write(BOM)
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow(HEADER)
    writer.writerows(lines(figures))
    return buffer.getvalue()
