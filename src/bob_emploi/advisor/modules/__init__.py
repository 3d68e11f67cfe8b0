"""The advice modules, registered at import; their ranking tie-break is the order of content/advice.toml."""

from __future__ import annotations

from bob_emploi.advisor.modules import market, methods, qualification, support
from bob_emploi.advisor.modules.registry import MODULES, Module, Scored

__all__ = ["MODULES", "Module", "Scored", "market", "methods", "qualification", "support"]
