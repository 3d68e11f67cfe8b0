"""What a follow-up e-mail says: the person's current priority, their plan, one next step, links back.

French, "vous", in the person's gender when their profile gives it (neutral sentences otherwise).
Plain text and HTML from the same context; the unsubscribe headers of RFC 2369 and RFC 8058.
"""

from __future__ import annotations

import datetime
import functools
from dataclasses import dataclass
from typing import Any

from django.conf import settings
from django.core.exceptions import ObjectDoesNotExist
from django.core.mail import EmailMultiAlternatives
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web import bundle
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins.models import CheckIn
from bob_emploi.web.coaching import services
from bob_emploi.web.coaching.models import EmailLog, Subscription
from bob_emploi.web.plan import services as plan
from bob_emploi.web.projects import services as projects

CHECKIN_FROM_STEP = 3  # from the 3rd e-mail (5 weeks or more after the consent), ask "Où en êtes-vous ?"
CHECKIN_EVERY = datetime.timedelta(weeks=6)  # unless the person answered more recently


def absolute(path: str) -> str:
    return f"{settings.BOB_SITE_URL}{path}"


@functools.cache
def _fixed(name: str) -> str:
    """A page without arguments, reversed once per process (a worker writes many e-mails)."""
    return reverse(name)


def _gender(user: User) -> str:
    """The profile's gender, from the row the worker read with the account when it did."""
    try:
        data = user.profile.data  # the reverse one-to-one of projects.Profile
    except ObjectDoesNotExist:
        return "unknown"
    return str(schema.Profile.model_validate(data).gender)


def _job(project: projects.Project, gender: str) -> str:
    code = (project.data or {}).get("target_job")
    try:
        title = bundle.referential().job_titles.get(code or "")
    except Exception:  # no bundle in this process: the e-mail says "votre projet"
        return ""
    if title is None:
        return ""
    return title.title(gender if gender in ("masculine", "feminine") else None).lower()  # type: ignore[arg-type]


def of(noun: str) -> str:
    """ "de vendeuse", "d'agente": the elided preposition before a job's name ("" for no name)."""
    if not noun:
        return ""
    return f"d'{noun}" if noun[0].lower() in "aeiouyhéèêàâîôû" else f"de {noun}"


def _top_advice(project: projects.Project) -> dict[str, Any] | None:
    advice = [dict(item) for item in (project.diagnostic or {}).get("advice", [])]
    done = set(projects.feedback_of(project).items())
    open_advice = [
        item for item in advice if (item.get("id"), "done") not in done and (item.get("id"), "not_for_me") not in done
    ]
    ranked = sorted(open_advice, key=lambda item: (not item.get("priority"), -int(item.get("score", 1))))
    return ranked[0] if ranked else None


@dataclass(frozen=True, slots=True)
class Email:
    subject: str
    text: str
    html: str
    headers: dict[str, str]


def _links(user: User) -> dict[str, str]:
    token = services.unsubscribe_token(user)
    return {
        "unsubscribe_url": absolute(reverse("coaching:unsubscribe", kwargs={"token": token})),
        "settings_url": absolute(_fixed("coaching:settings")),
        "checkin_url": absolute(_fixed("pages:checkin")),
        "projects_url": absolute(_fixed("pages:projects")),
        "site_url": settings.BOB_SITE_URL,
    }


def _unsubscribe_headers(links: dict[str, str]) -> dict[str, str]:
    return {
        "List-Unsubscribe": f"<{links['unsubscribe_url']}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
    }


def coaching_email(user: User, step: int, today: datetime.date | None = None, sub: Subscription | None = None) -> Email:
    today = today or timezone.localdate()
    sub = sub or services.subscription_of(user)
    gender = _gender(user)
    links = _links(user)
    project = next(iter(projects.list_projects(user)), None)
    context: dict[str, Any] = {
        **links,
        "step": step,
        "gender": gender,
        "frequency_label": sub.get_frequency_weeks_display().lower(),
    }
    if project is not None:
        top = _top_advice(project)
        steps = plan.plan_of(user, project.pk, today)
        next_step = steps.due[0].text if steps.due else ((top or {}).get("steps") or [None])[0]
        context |= {
            "job_de": of(_job(project, gender)),
            "top": top,
            "due": steps.due[:5],
            "due_count": len(steps.due),
            "late": [s for s in steps.due if s.due and s.due < today],
            "next_step": next_step,
            "plan_url": absolute(reverse("pages:plan", kwargs={"project_id": project.pk})),
            "diagnostic_url": absolute(reverse("pages:project_diagnostic", kwargs={"project_id": project.pk})),
        }
    last_checkin = CheckIn.objects.filter(user=user).values_list("created_at", flat=True).first()
    context["ask_checkin"] = step >= CHECKIN_FROM_STEP and (
        last_checkin is None or timezone.now() - last_checkin >= CHECKIN_EVERY
    )
    top_title = (context.get("top") or {}).get("title")
    subject = f"Votre priorité du moment\u00a0: {top_title}" if top_title else "Où en est votre recherche\u00a0?"
    if context["ask_checkin"]:
        subject = "Où en êtes-vous\u00a0? Votre point avec Bob"
    return _render("coaching", subject[:200], context, _unsubscribe_headers(links))


def survey_email(user: User) -> Email:
    links = _links(user)
    context = {**links, "gender": _gender(user)}
    return _render("survey", "Une dernière question de Bob", context, _unsubscribe_headers(links))


def inactivity_email(user: User, deletion_on: datetime.date) -> Email:
    """Not a follow-up e-mail: a notice every account gets before its deletion, consent or not."""
    context = {
        "site_url": settings.BOB_SITE_URL,
        "login_url": absolute(_fixed("pages:login")),
        "export_url": absolute(_fixed("pages:export")),
        "deletion_on": deletion_on,
        "inactive_months": round(settings.BOB_INACTIVE_DAYS / 30.44),
    }
    return _render("inactivity", "Votre compte Bob va être supprimé", context, {})


def _render(name: str, subject: str, context: dict[str, Any], headers: dict[str, str]) -> Email:
    context = {**context, "subject": subject}
    text = render_to_string(f"coaching/emails/{name}.txt", context)
    html = render_to_string(f"coaching/emails/{name}.html", context)
    return Email(subject, text, html, headers)


def message_for(log: EmailLog, sub: Subscription | None = None) -> EmailMultiAlternatives:
    """The e-mail of this log row, ready to hand to the SMTP server."""
    user = log.user
    if log.kind == EmailLog.Kind.COACHING:
        email = coaching_email(user, int(log.step), sub=sub)
    elif log.kind == EmailLog.Kind.SURVEY:
        email = survey_email(user)
    else:
        from bob_emploi.web.coaching.inactive import deletion_date

        email = inactivity_email(user, deletion_date(log))
    message = EmailMultiAlternatives(email.subject, email.text, None, [user.email], headers=email.headers)
    message.attach_alternative(email.html, "text/html")
    return message
