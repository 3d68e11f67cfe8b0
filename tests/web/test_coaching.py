"""Follow-up e-mails, in the pages and the services: the consent unticked at sign-up, the account page's
section and its errors, the unsubscribe page (never on GET), the e-mail's French, a job found, the
check-in banner, the export and the deletion. The worker and the SMTP server: test_coaching_worker.py."""

from __future__ import annotations

import datetime
import html
import re
import socket
import threading
from typing import Any

import pytest
from django.core import mail
from django.test import Client
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.checkins import services as checkins
from bob_emploi.web.coaching import content, services
from bob_emploi.web.coaching.models import EmailLog, Subscription
from bob_emploi.web.coaching.schedule import schedule
from bob_emploi.web.coaching.tasks import send
from bob_emploi.web.projects import services as projects
from tests.advisor.texts import check_french
from tests.web.conftest import PASSWORD, Api, advisor_input

pytestmark = pytest.mark.django_db


def _diagnosed(user: User, gender: str = "feminine", **project: object) -> projects.Project:
    request = schema.AdvisorInput.model_validate(advisor_input(**project))
    projects.save_profile(user, request.profile.model_copy(update={"gender": gender}))
    saved = projects.create_project(user, request.project)
    projects.diagnose(saved)
    return saved


def _prose(text: str) -> list[str]:
    """The sentences of an e-mail, without the lines that are only a link."""
    return [line for line in text.splitlines() if line.strip() and "http" not in line and line != "--"]


def test_the_consent_is_unticked_at_sign_up_and_stored_when_ticked() -> None:
    client = Client()
    page = client.get("/compte/inscription").content.decode()
    box = re.search(r'<input type="checkbox"[^>]*name="coaching"[^>]*>', page)
    assert box is not None and "checked" not in box.group(0)
    assert "Je souhaite recevoir les e-mails de suivi de Bob" in page
    client.post("/compte/inscription", {"email": "sans@example.org", "password": PASSWORD})
    assert not Subscription.objects.filter(user__email="sans@example.org").exists()
    client = Client()
    client.post("/compte/inscription", {"email": "avec@example.org", "password": PASSWORD, "coaching": "on"})
    sub = Subscription.objects.get(user__email="avec@example.org")
    assert sub.consent and sub.consent_at is not None
    assert sub.next_send_at is not None and sub.next_send_at > timezone.now() + datetime.timedelta(days=2)


def test_signing_up_again_changes_nothing_of_an_existing_account(alice: User) -> None:
    Client().post("/compte/inscription", {"email": alice.email, "password": PASSWORD, "coaching": "on"})
    assert not Subscription.objects.filter(user=alice).exists()


def test_the_account_page_shows_the_schedule_and_keeps_what_was_typed(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    page = html.unescape(client.get("/compte/").content.decode())
    assert "E-mails de suivi" in page and "Vous ne recevez pas d'e-mails de suivi." in page
    refused = client.post("/compte/emails-de-suivi", {"consent": "on", "frequency": "9"})
    assert refused.status_code == 400
    body = refused.content.decode()
    assert "Choisissez une fréquence parmi celles proposées." in body
    assert re.search(r'name="consent"[^>]*checked', body)  # the box stays ticked
    assert not Subscription.objects.filter(user=alice).exists()
    saved = client.post("/compte/emails-de-suivi", {"consent": "on", "frequency": "4"}, follow=True)
    text = saved.content.decode()
    sub = Subscription.objects.get(user=alice)
    assert sub.consent and sub.frequency_weeks == 4
    day = timezone.localtime(sub.next_send_at).day  # type: ignore[arg-type]
    assert re.search(rf"Prochain e-mail le {day} \w+ \d{{4}}, puis toutes les 4 semaines\.", text)
    # Withdrawn from the same form: nothing planned, and the date of the choice kept.
    client.post("/compte/emails-de-suivi", {"frequency": "4"})
    sub.refresh_from_db()
    assert not sub.consent and sub.next_send_at is None and sub.consent_at is not None


def test_the_settings_page_needs_a_login() -> None:
    answer = Client().get("/compte/emails-de-suivi")
    assert answer.status_code == 302 and "/compte/connexion" in answer["Location"]


def test_unsubscribing_needs_a_post_and_a_genuine_token(alice: User) -> None:
    services.set_consent(alice, True)
    token = services.unsubscribe_token(alice)
    client = Client(enforce_csrf_checks=True)
    page = client.get(f"/coaching/desabonnement/{token}")
    assert page.status_code == 200 and "Me désabonner" in page.content.decode()
    assert Subscription.objects.get(user=alice).consent
    for bad in (token[:-2] + "xx", "1", "x" * 300, token.replace(str(alice.pk), str(alice.pk + 1), 1)):
        assert client.post(f"/coaching/desabonnement/{bad}").status_code == 404
    assert Subscription.objects.get(user=alice).consent
    done = client.post(f"/coaching/desabonnement/{token}", {"List-Unsubscribe": "One-Click"})
    assert done.status_code == 200 and "Vous ne recevrez plus" in done.content.decode()
    sub = Subscription.objects.get(user=alice)
    assert (sub.consent, sub.stopped, sub.next_send_at) == (False, "unsubscribed", None)
    assert client.post(f"/coaching/desabonnement/{token}").status_code == 200  # twice: still fine


def test_the_e_mail_is_french_gendered_and_about_the_priority(alice: User, bob: User) -> None:
    project = _diagnosed(alice, "feminine")
    _diagnosed(bob, "masculine", target_job="10688")  # Agent / Agente d'entretien de locaux
    services.set_consent(alice, True)
    first = content.coaching_email(alice, 1)
    top = content._top_advice(project)
    assert top is not None
    assert top["title"] in first.text and first.subject == f"Votre priorité du moment\u00a0: {top['title']}"
    assert "Vous n'êtes pas seule" in first.text and "projet de vendeuse en bijouterie" in first.text
    assert "Où en êtes-vous" not in first.text
    check_french(_prose(first.text))
    assert "·" not in first.text and "(e)" not in first.text
    his = content.coaching_email(bob, 3)
    assert "Vous n'êtes pas seul " in his.text and "projet d'agent d'entretien" in his.text
    assert "Où en êtes-vous\u00a0?" in his.subject and "/compte/ou-en-etes-vous" in his.text  # the 3rd e-mail asks
    check_french(_prose(his.text))
    checkins.record(bob, "searching")
    assert "Où en êtes-vous" not in content.coaching_email(bob, 4).text  # answered lately: not asked again
    for other in (content.survey_email(alice), content.inactivity_email(alice, datetime.date(2027, 1, 4))):
        check_french(_prose(other.text))
    assert "le 4 janvier 2027" in content.inactivity_email(alice, datetime.date(2027, 1, 4)).text


def test_a_job_found_ends_the_coaching_and_plans_one_survey(alice: User) -> None:
    services.set_consent(alice, True)
    checkins.record(alice, "found_job", contract="cdi")
    sub = Subscription.objects.get(user=alice)
    assert sub.stopped == "found_job" and sub.next_kind == "survey"
    assert sub.next_send_at is not None and sub.next_send_at > timezone.now() + datetime.timedelta(days=80)
    alice.email_verified = True
    alice.save()
    Subscription.objects.filter(user=alice).update(next_send_at=timezone.now())
    assert schedule().queued == 1
    log = EmailLog.objects.get(user=alice)
    assert (log.kind, log.step) == ("survey", 1)
    assert send(log.pk) == "sent"  # Django's test outbox
    assert mail.outbox[-1].subject == "Une dernière question de Bob"
    sub.refresh_from_db()
    assert sub.next_send_at is None  # nothing after the survey


def test_a_coaching_e_mail_queued_before_a_job_found_is_dropped(alice: User) -> None:
    alice.email_verified = True
    alice.save()
    services.set_consent(alice, True)
    Subscription.objects.filter(user=alice).update(next_send_at=timezone.now())
    schedule()
    checkins.record(alice, "found_job")
    log = EmailLog.objects.get(user=alice)
    assert send(log.pk) == "skipped" and not mail.outbox
    assert send(log.pk) == "skipped"  # a second run of the same task does nothing


def test_the_banner_invites_a_check_in_after_six_weeks(alice: User) -> None:
    client = Client()
    client.force_login(alice)
    assert "Dites-nous en une minute" not in client.get("/projets/").content.decode()
    User.objects.filter(pk=alice.pk).update(date_joined=timezone.now() - datetime.timedelta(weeks=7))
    assert "Dites-nous en une minute" in client.get("/projets/").content.decode()
    assert "Dites-nous en une minute" in client.get("/compte/").content.decode()
    checkins.record(alice, "searching")
    assert "Dites-nous en une minute" not in client.get("/projets/").content.decode()


def test_the_consent_and_the_e_mails_are_exported_and_deleted(alice: User) -> None:
    alice.email_verified = True
    alice.save()
    services.set_consent(alice, True, 2)
    Subscription.objects.filter(user=alice).update(next_send_at=timezone.now())
    schedule()
    send(EmailLog.objects.get(user=alice).pk)
    exported = projects.export_user_data(alice)["coaching_emails"]
    assert exported["settings"]["consent"] is True and exported["settings"]["frequency_weeks"] == 2
    assert [(e["kind"], e["step"], e["state"]) for e in exported["emails"]] == [("coaching", 1, "sent")]
    projects.delete_account(alice)
    assert not Subscription.objects.exists() and not EmailLog.objects.exists()


def test_the_scheduler_command_checks_its_options(alice: User) -> None:
    from django.core.management import CommandError, call_command

    with pytest.raises(CommandError, match="ISO 8601"):
        call_command("coaching_schedule", now="demain")
    with pytest.raises(CommandError, match="offset"):
        call_command("coaching_schedule", now="2026-12-05T09:00:00")
    with pytest.raises(CommandError, match="positive"):
        call_command("coaching_schedule", limit=0)
    alice.email_verified = True
    alice.save()
    services.set_consent(alice, True)
    call_command("coaching_schedule", now=(timezone.now() + datetime.timedelta(days=4)).isoformat())
    assert EmailLog.objects.filter(user=alice).count() == 1


def test_a_row_whose_task_was_lost_is_queued_again_and_sent_once(alice: User) -> None:
    from django_tasks_db.models import DBTaskResult

    alice.email_verified = True
    alice.save()
    services.set_consent(alice, True)
    Subscription.objects.filter(user=alice).update(next_send_at=timezone.now())
    schedule()
    DBTaskResult.objects.all().delete()  # as if a worker died after taking the task, before claiming the row
    log = EmailLog.objects.get(user=alice)
    assert schedule().requeued == 0  # not yet: its task may only be late
    EmailLog.objects.filter(pk=log.pk).update(queued_at=timezone.now() - datetime.timedelta(hours=2))
    assert schedule().requeued == 1
    assert schedule().requeued == 0  # once an hour at most
    task = DBTaskResult.objects.get()
    assert task.args_kwargs["args"] == [[log.pk]]
    assert send(log.pk) == "sent" and send(log.pk) == "sent"  # the late original task too: nothing more
    assert len(mail.outbox) == 1


def test_the_settings_in_the_api(alice: User, alice_api: Api, anonymous_api: Api) -> None:
    assert anonymous_api.get("/me/coaching").status_code == 401
    start = alice_api.get("/me/coaching").json()
    assert (start["consent"], start["next_send_at"], start["frequency_weeks"]) == (False, None, 3)
    for bad in ({"consent": True, "frequency_weeks": 5}, {"consent": "peut-être"}, {"consent": True, "x": 1}, {}):
        refused = alice_api.call("PUT", "/me/coaching", bad)
        assert refused.status_code == 422, refused.content
        assert "error" in refused.json()
    assert not Subscription.objects.filter(user=alice).exists()
    saved = alice_api.call("PUT", "/me/coaching", {"consent": True, "frequency_weeks": 2})
    assert saved.status_code == 200
    assert saved.json()["consent"] is True and saved.json()["next_send_at"] is not None
    assert Subscription.objects.get(user=alice).frequency_weeks == 2
    stopped = alice_api.call("PUT", "/me/coaching", {"consent": False}).json()
    assert stopped["consent"] is False and stopped["next_send_at"] is None


class _Vanishing:
    """An SMTP server on loopback that takes a whole message, then closes the connection without an answer
    (a crash or a network cut at the worst moment): the message may or may not have been delivered."""

    def __init__(self) -> None:
        self.server = socket.create_server(("127.0.0.1", 0))
        self.port = self.server.getsockname()[1]
        self.messages = 0
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self) -> None:
        while True:
            try:
                conn, _ = self.server.accept()
            except OSError:
                return
            with conn, conn.makefile("rb") as lines:
                conn.sendall(b"220 vanishing\r\n")
                for line in lines:
                    command = line.strip().upper()
                    if command == b"DATA":
                        conn.sendall(b"354 go on\r\n")
                        for body in lines:
                            if body == b".\r\n":
                                break
                        self.messages += 1
                        break  # closed with no answer
                    if command.startswith((b"EHLO", b"HELO", b"MAIL", b"RCPT")):
                        conn.sendall(b"250 ok\r\n")


def test_a_message_perhaps_delivered_is_never_sent_again(alice: User, settings: Any) -> None:
    server = _Vanishing()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", server.port, False
    alice.email_verified = True
    alice.save()
    services.set_consent(alice, True)
    Subscription.objects.filter(user=alice).update(next_send_at=timezone.now())
    schedule()
    log = EmailLog.objects.get(user=alice)
    try:
        assert send(log.pk) == "sending"
        assert send(log.pk) == "sending"  # a second run of the task does not try again
    finally:
        server.server.close()
    log.refresh_from_db()
    assert server.messages == 1 and log.attempts == 1 and "pendant l'envoi" in log.error


def test_a_kept_connection_the_server_closed_is_opened_again(settings: Any) -> None:
    from aiosmtpd.controller import Controller

    from bob_emploi.web.coaching import delivery
    from bob_emploi.web.coaching.delivery import Outcome, deliver
    from tests.web.live import free_port

    class Inbox:
        count = 0

        async def handle_DATA(self, server: object, session: object, envelope: object) -> str:
            Inbox.count += 1
            return "250 OK"

    port = free_port()
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT, settings.EMAIL_USE_TLS = "127.0.0.1", port, False
    for _ in range(2):  # the server restarts between the two e-mails: the kept connection is dead
        controller = Controller(Inbox(), hostname="127.0.0.1", port=port)
        controller.start()
        try:
            assert deliver(mail.EmailMessage("Objet", "Texte", None, ["a@example.org"])).outcome is Outcome.SENT
        finally:
            controller.stop()
    delivery._connection.drop()  # the worker's process keeps it; a test closes it
    assert Inbox.count == 2
