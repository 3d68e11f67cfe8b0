"""The local labour market of one job group, as the job page shows it: the person's
département next to its région and France, every département for the map, the months
of hiring peaks and the contract types.

The bundle may have no market figures at all (the development bundle has none): then
`picture` returns None and the page says so. Figures that come from the publishers' format
samples are flagged (`is_sample`) so the page never shows them as real statistics.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from django.conf import settings

from bob_emploi.data.referential import Departement, Referential


@dataclass(frozen=True, slots=True)
class AreaFigures:
    label: str
    offers: int | None
    applicants: int | None

    @property
    def per_ten(self) -> float | None:
        """Offers per 10 applicants, computed from the two figures shown next to it."""
        if self.offers is None or not self.applicants:
            return None
        return round(10 * self.offers / self.applicants, 1)


@dataclass(frozen=True, slots=True)
class ContractShare:
    label: str
    offers: int | None
    percent: float | None


@dataclass(frozen=True, slots=True)
class MarketPicture:
    departement: Departement
    areas: list[AreaFigures]  # département, région, France
    by_departement: dict[str, float | None]  # code → offers per 10 applicants
    departement_rows: list[tuple[Departement, AreaFigures]]
    peak_months: tuple[int, ...]
    seasonal: bool | None
    contracts: list[ContractShare] = field(default_factory=list)
    period: str = ""
    is_sample: bool = True


def market_is_real() -> bool:
    """Only a deployment that loaded real IMT figures sets BOB_MARKET_DATA_IS_REAL: by default
    every market figure is labelled as a format sample."""
    return bool(settings.BOB_MARKET_DATA_IS_REAL)


def _sum(values: list[int | None]) -> int | None:
    known = [value for value in values if value is not None]
    return sum(known) if known else None


def picture(referential: Referential, code_rome: str, departement_code: str) -> MarketPicture | None:
    """The market of a job group around a département; None when the bundle has no figure for it."""
    if not referential.market_available:
        return None
    departement = referential.departements.get(departement_code)
    if departement is None:
        return None
    by_code = referential.market_by_departement(code_rome)  # every département at once: the map needs them all
    local = by_code.get(departement_code)
    if local is None:
        return None
    region = referential.regions.get(departement.region)
    known = {code: stats for code, stats in by_code.items() if code in referential.departements}
    in_region = [stats for code, stats in known.items() if referential.departements[code].region == departement.region]
    everywhere = list(by_code.values())
    areas = [
        AreaFigures(departement.name, local.offers_last_week, local.applicants_last_week),
        AreaFigures(
            region.name if region else "Région",
            _sum([stats.offers_last_week for stats in in_region]),
            _sum([stats.applicants_last_week for stats in in_region]),
        ),
        AreaFigures(
            "France entière",
            _sum([stats.offers_last_week for stats in everywhere]),
            _sum([stats.applicants_last_week for stats in everywhere]),
        ),
    ]
    departement_rows = sorted(
        (
            (
                referential.departements[code],
                AreaFigures(referential.departements[code].name, stats.offers_last_week, stats.applicants_last_week),
            )
            for code, stats in known.items()
        ),
        key=lambda item: item[0].code,
    )
    contracts = [
        ContractShare(label, offers, percent)
        for label, offers, percent in referential._query(
            "SELECT label, offers, percent FROM contract_shares WHERE code_rome = ? AND departement = ? "
            "ORDER BY contract",
            (code_rome, departement_code),
        )
    ]
    return MarketPicture(
        departement=departement,
        areas=areas,
        by_departement={dep.code: figures.per_ten for dep, figures in departement_rows},
        departement_rows=departement_rows,
        peak_months=local.seasonal_months,
        seasonal=local.seasonal,
        contracts=contracts,
        period=local.period,
        is_sample=not market_is_real(),
    )
