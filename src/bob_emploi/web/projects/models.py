"""A job seeker's answers and what Bob told them.

The profile and each project are stored as the advisor's own input JSON (validated by
`bob_emploi.advisor.schema` before saving), so the database keeps exactly what the advisor
needs and follows its schema without a migration per question.
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Profile(models.Model):
    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="profile")
    data = models.JSONField("profil", default=dict)  # advisor.schema.Profile
    updated_at = models.DateTimeField(auto_now=True)


class Project(models.Model):
    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="projects")
    data = models.JSONField("projet", default=dict)  # advisor.schema.Project
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    # The latest advisor output for this project (advisor.schema.AdvisorOutput), and when.
    diagnostic = models.JSONField("diagnostic", null=True, blank=True)
    diagnosed_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]


class AdviceFeedback(models.Model):
    class Value(models.TextChoices):
        USEFUL = "useful", "Utile"
        DONE = "done", "Fait"
        NOT_FOR_ME = "not_for_me", "Pas pour moi"

    project = models.ForeignKey(Project, on_delete=models.CASCADE, related_name="feedback")
    advice_id = models.CharField(max_length=64)
    value = models.CharField(max_length=16, choices=Value.choices)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["project", "advice_id"], name="one_feedback_per_advice")]
