"""A check-in saying "J'ai trouvé un emploi" ends the coaching e-mails, wherever it was answered (page or API)."""

from __future__ import annotations

from typing import Any

from django.db.models.signals import post_save
from django.dispatch import receiver

from bob_emploi.web.checkins.models import CheckIn


@receiver(post_save, sender=CheckIn, dispatch_uid="coaching_job_found")
def _on_checkin(sender: type[CheckIn], instance: CheckIn, created: bool, **kwargs: Any) -> None:
    if created and instance.status == CheckIn.Status.FOUND_JOB:
        from bob_emploi.web.coaching.services import job_found

        job_found(instance.user)
