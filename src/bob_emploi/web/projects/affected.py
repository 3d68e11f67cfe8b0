"""Saved projects that a new data bundle changes: what `bob data diff --projects` reports.

Only project ids and job titles leave this module: a release review needs to know how many
projects move and to which job group, never whose they are.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bob_emploi.web.projects.models import Project


def affected_projects(reasons: Mapping[str, str]) -> list[dict[str, Any]]:
    """Projects whose job title (`target_job`, a code_ogr) is among `reasons`' keys: [{id, job, reason}], by id."""
    if not reasons:
        return []
    rows = Project.objects.filter(data__target_job__in=list(reasons)).order_by("id").values_list("id", "data")
    return [{"id": key, "job": data["target_job"], "reason": reasons[data["target_job"]]} for key, data in rows]
