"""The account page's "E-mails de suivi" section and the banner inviting a check-in, as template tags,
so the account views need not know about the coaching app."""

from __future__ import annotations

import datetime
from typing import Any

from django import template
from django.template.defaultfilters import date as date_filter
from django.utils import timezone

from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.coaching import services
from bob_emploi.web.coaching.forms import CoachingForm
from bob_emploi.web.coaching.models import Subscription

register = template.Library()

CHECKIN_AFTER = datetime.timedelta(weeks=6)  # the banner shows when the last check-in (or the sign-up) is older


def schedule_sentence(sub: Subscription) -> str:
    """What the person will receive and when, in one French sentence."""
    if not sub.consent:
        if sub.stopped == Subscription.Stop.UNSUBSCRIBED:
            return "Vous ne recevez plus d'e-mails de suivi (désabonnement enregistré)."
        return "Vous ne recevez pas d'e-mails de suivi."
    if sub.next_send_at is None:
        return "Aucun e-mail de suivi n'est prévu."
    day = date_filter(timezone.localtime(sub.next_send_at), "j F Y")
    if sub.next_kind == Subscription.Next.SURVEY:
        return f"Vous avez trouvé un emploi\u00a0: une dernière question vous sera envoyée le {day}."
    frequency = sub.get_frequency_weeks_display().lower()
    return f"Prochain e-mail le {day}, puis {frequency}."


@register.inclusion_tag("coaching/account_section.html")
def coaching_section(user: User) -> dict[str, Any]:
    sub = services.subscription_of(user)
    form = CoachingForm(initial={"consent": sub.consent, "frequency": sub.frequency_weeks})
    return {"coaching_form": form, "schedule": schedule_sentence(sub), "verified": user.email_verified}


@register.inclusion_tag("coaching/checkin_banner.html")
def checkin_banner(user: User) -> dict[str, Any]:
    """Shown when the person never said where they stand for CHECKIN_AFTER, and has not found a job."""
    latest = CheckIn.objects.filter(user=user).first()
    since = latest.created_at if latest else user.date_joined
    found = latest is not None and latest.status == CheckIn.Status.FOUND_JOB
    return {"show": not found and timezone.now() - since >= CHECKIN_AFTER}
