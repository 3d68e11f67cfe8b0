"""The module reference of docs/advisor.md, generated from the modules' docstrings.

`python -m bob_emploi.advisor.reference docs/advisor.md` rewrites the part between the
markers; a test fails when the document and the docstrings disagree.
"""

from __future__ import annotations

import inspect
import sys
from pathlib import Path

from bob_emploi.advisor.content import CONTENT
from bob_emploi.advisor.modules import MODULES

START, END = "<!-- modules:start -->", "<!-- modules:end -->"
_PARTS = ("When:", "Score:", "Data:")


def module_reference() -> str:
    """Markdown: one section per module, in ranking tie-break order, with its When / Score / Data."""
    sections = []
    for advice_id in CONTENT.advice:
        function = MODULES[advice_id].score
        lines = [
            f"### `{advice_id}` — {CONTENT.advice[advice_id].title.neutral}",
            f"*Code: `advisor/modules/{function.__module__.rsplit('.', 1)[-1]}.py`.*",
            "",
        ]
        for line in (inspect.getdoc(function) or "").splitlines():
            line = line.strip()
            part = next((part for part in _PARTS if line.startswith(part)), None)
            lines.append(f"- **{part[:-1]}**:{line[len(part) :]}" if part else f"  {line}")
        sections.append("\n".join(lines))
    return "\n\n".join(sections)


def rewrite(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    before, rest = text.split(START, 1)
    _, after = rest.split(END, 1)
    path.write_text(f"{before}{START}\n{module_reference()}\n{END}{after}", encoding="utf-8")


if __name__ == "__main__":
    rewrite(Path(sys.argv[1]))
