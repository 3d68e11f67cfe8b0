"""A person's consent to the follow-up e-mails with its schedule, and the log of every e-mail sent to them.

The log row is the idempotency key: one row per (person, kind, step), unique in the database, so a
step can never be sent twice whatever the scheduler and the workers do (see `sending` for the states).
"""

from __future__ import annotations

from django.conf import settings
from django.db import models


class Subscription(models.Model):
    """The follow-up e-mails of one person: whether they asked for them, how often, and when the next one goes."""

    class Frequency(models.IntegerChoices):
        TWO_WEEKS = 2, "Toutes les 2 semaines"
        THREE_WEEKS = 3, "Toutes les 3 semaines"
        FOUR_WEEKS = 4, "Toutes les 4 semaines"

    class Next(models.TextChoices):
        COACHING = "coaching", "E-mail de suivi"
        SURVEY = "survey", "Dernière question, quelques mois après un emploi trouvé"

    class Stop(models.TextChoices):
        UNSUBSCRIBED = "unsubscribed", "Désabonnement"
        FOUND_JOB = "found_job", "Emploi trouvé"

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching")
    consent = models.BooleanField("accepte les e-mails de suivi", default=False)
    consent_at = models.DateTimeField(null=True, blank=True)  # when the consent was last given or withdrawn
    frequency_weeks = models.PositiveSmallIntegerField(choices=Frequency.choices, default=Frequency.THREE_WEEKS)
    # When the next e-mail is due; None: nothing to send (no consent, unsubscribed, or done).
    # The scheduler's only filter, indexed where it is set.
    next_send_at = models.DateTimeField(null=True, blank=True)
    next_kind = models.CharField(max_length=16, choices=Next.choices, default=Next.COACHING)
    next_step = models.PositiveIntegerField(default=1)  # the coaching e-mail number the next one will be
    stopped = models.CharField(max_length=16, choices=Stop.choices, blank=True)
    stopped_at = models.DateTimeField(null=True, blank=True)
    updated_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = "abonnement aux e-mails de suivi"
        indexes = [
            models.Index(
                fields=["next_send_at"], name="coaching_due_idx", condition=models.Q(next_send_at__isnull=False)
            ),
        ]


class EmailLog(models.Model):
    """One e-mail to one person, from its scheduling on.

    States: queued (a task will send it) → sending (a worker claimed it and is talking to the SMTP
    server) → sent; or retry (the server refused it for now; a task is queued for later), failed
    (refused for good, or too many tries), skipped (the person withdrew, or their account went, before
    it left). A row left in "sending" means a worker died mid-send: it is never sent again, because
    the server may have accepted it (at most once).
    """

    class Kind(models.TextChoices):
        COACHING = "coaching", "Suivi"
        SURVEY = "survey", "Dernière question"
        INACTIVITY = "inactivity", "Avertissement avant suppression d'un compte inactif"

    class State(models.TextChoices):
        QUEUED = "queued", "En attente"
        SENDING = "sending", "En cours d'envoi"
        SENT = "sent", "Envoyé"
        RETRY = "retry", "Nouvel essai prévu"
        FAILED = "failed", "Échec"
        SKIPPED = "skipped", "Annulé"

    user = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="coaching_emails")
    kind = models.CharField(max_length=16, choices=Kind.choices)
    step = models.PositiveBigIntegerField()  # the coaching e-mail's number; for a warning, the inactivity's day
    state = models.CharField(max_length=16, choices=State.choices, default=State.QUEUED)
    attempts = models.PositiveSmallIntegerField(default=0)
    created_at = models.DateTimeField(auto_now_add=True)
    queued_at = models.DateTimeField(auto_now_add=True)  # when its task was last queued (see schedule.STALE_AFTER)
    claimed_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)  # sent, failed or skipped
    error = models.CharField(max_length=500, blank=True)
    subject = models.CharField(max_length=200, blank=True)

    class Meta:
        verbose_name = "e-mail de suivi"
        ordering = ["created_at", "id"]
        constraints = [
            models.UniqueConstraint(fields=["user", "kind", "step"], name="coaching_email_once"),
        ]
        indexes = [
            models.Index(fields=["queued_at"], name="coaching_queued_idx", condition=models.Q(state="queued")),
        ]
