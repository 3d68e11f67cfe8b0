"""Server-rendered SVG charts: no script, no inline style (the CSP forbids both), readable
without colours (every figure is written on the chart and given again in a data table).

Each function returns a complete <svg> element as safe HTML, with role="img", a <title> and a
<desc> that say what the chart shows; the page puts the data table right after it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

# Colours of the DSFR palette, with a contrast of at least 3:1 against white for marks.
BLUE = "#000091"
GREY = "#666666"
LIGHT = "#e5e5e5"
TEXT = "#161616"
# Tension classes: offers per 10 applicants, from few offers (hard) to many (easy).
TENSION_CLASSES: tuple[tuple[str, int, int, str], ...] = (
    ("Moins de 2 offres pour 10 candidats", 0, 2, "#fcc0b0"),
    ("De 2 à 4 offres pour 10 candidats", 2, 5, "#fbe769"),
    ("De 5 à 9 offres pour 10 candidats", 5, 10, "#a9fb68"),
    ("10 offres ou plus pour 10 candidats", 10, 10_000, "#34cb6a"),
)
NO_DATA_COLOUR = "#f6f6f6"
SHORT_MONTHS = ("jan", "fév", "mar", "avr", "mai", "jun", "jul", "aoû", "sep", "oct", "nov", "déc")

# A schematic map: each metropolitan département is a square at (column, row), roughly where it lies.
TILE_GRID: dict[str, tuple[int, int]] = {
    "62": (6, 0), "59": (7, 0),
    "76": (5, 1), "80": (6, 1), "02": (7, 1), "08": (8, 1),
    "50": (3, 2), "14": (4, 2), "27": (5, 2), "60": (6, 2), "95": (7, 2), "51": (8, 2), "55": (9, 2),
    "57": (10, 2), "67": (11, 2),
    "29": (0, 3), "22": (1, 3), "35": (2, 3), "61": (3, 3), "28": (4, 3), "78": (5, 3), "92": (6, 3),
    "93": (7, 3), "77": (8, 3), "54": (9, 3), "88": (10, 3), "68": (11, 3),
    "56": (1, 4), "53": (2, 4), "72": (3, 4), "45": (4, 4), "91": (5, 4), "75": (6, 4), "94": (7, 4),
    "10": (8, 4), "52": (9, 4), "70": (10, 4), "90": (11, 4),
    "44": (1, 5), "49": (2, 5), "37": (3, 5), "41": (4, 5), "18": (5, 5), "89": (6, 5), "58": (7, 5),
    "21": (8, 5), "39": (9, 5), "25": (10, 5),
    "85": (1, 6), "79": (2, 6), "86": (3, 6), "36": (4, 6), "03": (5, 6), "71": (6, 6), "01": (7, 6),
    "74": (8, 6),
    "17": (1, 7), "16": (2, 7), "87": (3, 7), "23": (4, 7), "63": (5, 7), "42": (6, 7), "69": (7, 7),
    "73": (8, 7),
    "33": (1, 8), "24": (2, 8), "19": (3, 8), "15": (4, 8), "43": (5, 8), "07": (6, 8), "38": (7, 8),
    "05": (8, 8),
    "40": (1, 9), "47": (2, 9), "46": (3, 9), "12": (4, 9), "48": (5, 9), "30": (6, 9), "26": (7, 9),
    "04": (8, 9), "06": (9, 9),
    "64": (1, 10), "32": (2, 10), "82": (3, 10), "81": (4, 10), "34": (5, 10), "84": (6, 10), "13": (7, 10),
    "83": (8, 10), "2B": (10, 10),
    "65": (1, 11), "31": (2, 11), "09": (3, 11), "11": (4, 11), "2A": (10, 11),
    "66": (4, 12),
    # Overseas départements, in a row below.
    "971": (0, 13), "972": (1, 13), "973": (2, 13), "974": (3, 13), "976": (4, 13),
}  # fmt: skip


def _number(value: float) -> str:
    if float(value).is_integer():
        return f"{int(value):,}".replace(",", "\u202f")
    return f"{value:,.1f}".replace(",", "\u202f").replace(".", ",")


def _svg(width: int, height: int, chart_id: str, title: str, description: str, body: list[str]) -> SafeString:
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bob-chart" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts))  # every text above went through escape()


@dataclass(frozen=True, slots=True)
class Bar:
    label: str
    value: float | None  # None: no figure (shown as such, never as zero)
    highlight: bool = False


def bar_chart(chart_id: str, title: str, description: str, bars: Sequence[Bar], unit: str = "") -> SafeString:
    """Horizontal bars, one per line, with the label above the bar and the figure after it."""
    width, line = 420, 52  # narrow: the text stays legible once scaled to a 360-px phone
    height = max(line * len(bars) + 8, 60)
    top = max((bar.value for bar in bars if bar.value is not None), default=0) or 1
    body: list[str] = []
    for index, bar in enumerate(bars):
        y = index * line + 4
        body.append(f'<text x="0" y="{y + 14}" fill="{TEXT}" font-size="14">{escape(bar.label)}</text>')
        if bar.value is None:
            body.append(f'<text x="0" y="{y + 38}" fill="{GREY}" font-size="14">pas de donnée</text>')
            continue
        length = max(2.0, 300 * bar.value / top)
        colour = BLUE if bar.highlight else GREY
        body.append(f'<rect x="0" y="{y + 22}" width="{length:.1f}" height="20" fill="{colour}"/>')
        figure = f"{_number(bar.value)}{unit}"
        body.append(f'<text x="{length + 8:.1f}" y="{y + 37}" fill="{TEXT}" font-size="14">{escape(figure)}</text>')
    return _svg(width, height, chart_id, title, description, body)


def month_chart(chart_id: str, title: str, description: str, peak_months: set[int]) -> SafeString:
    """Twelve months in a row; the months with a hiring peak are tall, filled and marked."""
    width, height, step = 420, 110, 420 / 12
    body: list[str] = []
    for month in range(1, 13):
        x = (month - 1) * step + 4
        peak = month in peak_months
        bar_height = 60 if peak else 16
        body.append(
            f'<rect x="{x:.1f}" y="{72 - bar_height}" width="{step - 8:.1f}" height="{bar_height}" '
            f'fill="{BLUE if peak else LIGHT}" stroke="{GREY}" stroke-width="1"/>'
        )
        label = SHORT_MONTHS[month - 1]
        body.append(
            f'<text x="{x + (step - 8) / 2:.1f}" y="92" fill="{TEXT}" font-size="14" '
            f'text-anchor="middle">{escape(label)}</text>'
        )
        if peak:
            body.append(
                f'<text x="{x + (step - 8) / 2:.1f}" y="8" fill="{TEXT}" font-size="12" '
                f'text-anchor="middle" dominant-baseline="hanging">pic</text>'
            )
    return _svg(width, height, chart_id, title, description, body)


def tension_class(ratio: float | None) -> int | None:
    if ratio is None:
        return None
    return next(index for index, (_, low, high, _) in enumerate(TENSION_CLASSES) if low <= ratio < high or index == 3)


def tension_map(
    chart_id: str, title: str, description: str, ratios: Mapping[str, float | None], highlight: str = ""
) -> SafeString:
    """France as a grid of squares, one per département, coloured by class of tension."""
    size, gap = 40, 4
    columns = 1 + max(column for column, _ in TILE_GRID.values())
    rows = 1 + max(row for _, row in TILE_GRID.values())
    width, height = columns * (size + gap), rows * (size + gap) + 10
    body: list[str] = []
    for code, (column, row) in TILE_GRID.items():
        x, y = column * (size + gap), row * (size + gap) + (10 if row == 13 else 0)
        ratio = ratios.get(code)
        index = tension_class(ratio)
        colour = NO_DATA_COLOUR if index is None else TENSION_CLASSES[index][3]
        stroke, stroke_width = (BLUE, 3) if code == highlight else (GREY, 1)
        body.append(
            f'<rect x="{x}" y="{y}" width="{size}" height="{size}" fill="{colour}" '
            f'stroke="{stroke}" stroke-width="{stroke_width}"/>'
        )
        body.append(
            f'<text x="{x + size / 2}" y="{y + size / 2 + 5}" fill="{TEXT}" font-size="13" '
            f'text-anchor="middle">{escape(code)}</text>'
        )
    return _svg(width, height, chart_id, title, description, body)
