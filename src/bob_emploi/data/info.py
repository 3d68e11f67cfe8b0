"""`bob data info`: what a bundle holds, for people and for scripts."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from bob_emploi.data.bundle import open_bundle


def bundle_info(path: Path) -> dict[str, Any]:
    connection = open_bundle(path)
    try:
        meta = dict(connection.execute("SELECT key, value FROM meta").fetchall())
        sources = [
            dict(zip(("file", "publisher", "licence", "version", "url", "sha256", "rows"), row, strict=True))
            for row in connection.execute("SELECT * FROM sources ORDER BY file")
        ]
        report = [
            {"step": step, "subject": subject, "message": message}
            for step, subject, message in connection.execute("SELECT * FROM build_report ORDER BY step, subject")
        ]
    finally:
        connection.close()
    return {
        "path": str(path),
        "schema_version": int(meta["schema_version"]),
        "checksum": meta["checksum"],
        "built_at": meta.get("built_at"),
        "bob_version": meta.get("bob_version"),
        "market_available": meta.get("market_available") == "1",
        "rome_version": meta.get("rome_version", "347"),
        **json.loads(meta.get("counts", "{}")),
        # Per statistics dataset: job group × département pairs with a figure, withheld… (see coverage.py).
        "coverage": json.loads(meta.get("coverage", "{}")),
        "size_bytes": path.stat().st_size,
        "sources": sources,
        "build_report": report,
    }
