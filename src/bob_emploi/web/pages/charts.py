"""Server-rendered SVG charts: no script, no inline style (the CSP forbids both), readable
without colours (every figure is written on the chart and given again in a data table).

Each function returns a complete <svg> element as safe HTML, with role="img", a <title> and a
<desc> that say what the chart shows; the page puts the data table right after it.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from bob_emploi.data.figures import french_number

# Colours of the DSFR palette, with a contrast of at least 3:1 against white for marks.
BLUE = "#000091"
GREY = "#666666"
LIGHT = "#e5e5e5"
TEXT = "#161616"
SHORT_MONTHS = ("jan", "fév", "mar", "avr", "mai", "jun", "jul", "aoû", "sep", "oct", "nov", "déc")


def _number(value: float) -> str:
    """Written as every figure is (`bob_emploi.data.figures.french_number`): "2 795", "12,5"."""
    return french_number(value, 0 if float(value).is_integer() else 1)


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
    text: str = ""  # the figure as written elsewhere on the page (`french_value`), instead of the number


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
        figure = bar.text or f"{_number(bar.value)}{unit}"
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
