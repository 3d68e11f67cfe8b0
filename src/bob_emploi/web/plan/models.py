"""One row per step a person put in their plan."""

from __future__ import annotations

from django.db import models

from bob_emploi.web.projects.models import Project


class PlanStep(models.Model):
    """A step of an advice, as the advice worded it when the person added it (the advice may change later)."""

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="plan_steps")
    advice_id = models.CharField(max_length=64)
    advice_title = models.CharField(max_length=300)
    position = models.PositiveSmallIntegerField()  # the step's rank in the advice
    text = models.CharField(max_length=1000)
    due = models.DateField(null=True, blank=True)  # None: no date, "plus tard"
    done_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["due", "advice_id", "position"]
        constraints = [
            models.UniqueConstraint(fields=["project", "advice_id", "position"], name="plan_step_once_per_project"),
        ]
        verbose_name = "étape du plan"
