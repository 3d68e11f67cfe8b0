"""Follow-up e-mails sent by the real worker (`bob coaching worker`, django-tasks-db's db_worker, in its
own process) to a real SMTP server on loopback (aiosmtpd): the schedule, at most once even when the
worker is killed mid-send, retries with backoff, the rate limit, one-click unsubscribe, the frequency
change, nothing for a deleted account, the inactive accounts' warning and deletion.

The worker reads the test database: on PostgreSQL the one pytest-django made; on SQLite (in memory
for the other tests) a file migrated once per session and copied for each test.
"""

from __future__ import annotations

import asyncio
import datetime
import os
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from email import message_from_bytes
from email.message import EmailMessage
from email.policy import default
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from django.conf import settings
from django.core.management import call_command
from django.db import connection
from django.test import Client
from django.utils import timezone

from bob_emploi.advisor import schema
from bob_emploi.web.accounts.models import User
from bob_emploi.web.coaching import services
from bob_emploi.web.coaching.inactive import clean_up
from bob_emploi.web.coaching.models import EmailLog, Subscription
from bob_emploi.web.coaching.schedule import schedule
from bob_emploi.web.projects import services as projects
from tests.web.conftest import advisor_input
from tests.web.live import free_port

BOB = Path(sys.executable).parent / "bob"
SITE = "https://bob.example.fr"


class Smtp:
    """A real SMTP server on a loopback port that can refuse (451) or hold a message before answering."""

    def __init__(self) -> None:
        self.messages: list[EmailMessage] = []
        self.data_commands = 0  # messages whose text reached the server (accepted or not)
        self.refuse = 0  # answer 451 to this many messages first
        self.hold = False  # keep the next message unanswered until `release` is set
        self.arrived = threading.Event()
        self.release = threading.Event()
        self.port = free_port()
        self.controller = Controller(self, hostname="127.0.0.1", port=self.port)

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.data_commands += 1
        if self.refuse > 0:
            self.refuse -= 1
            return "451 4.3.0 Try again later"
        if self.hold:
            self.hold = False
            self.arrived.set()
            while not self.release.is_set():
                await asyncio.sleep(0.02)
        self.messages.append(message_from_bytes(envelope.content, _class=EmailMessage, policy=default))
        return "250 Message accepted for delivery"


@pytest.fixture
def smtp() -> Iterator[Smtp]:
    server = Smtp()
    server.controller.start()
    try:
        yield server
    finally:
        server.release.set()
        server.controller.stop()


@pytest.fixture(scope="session")
def _sqlite_template(tmp_path_factory: pytest.TempPathFactory, django_db_blocker: Any) -> Path | None:
    """A migrated SQLite file (made once), for the worker processes to share with the test."""
    if settings.DATABASES["default"]["ENGINE"] != "django.db.backends.sqlite3":
        return None
    path = tmp_path_factory.mktemp("coaching-db") / "template.sqlite3"
    with django_db_blocker.unblock(), _connection_to(path):
        call_command("migrate", verbosity=0)
    return path


class _Swapped:
    """The default connection pointed at another SQLite file, the in-memory test database kept aside."""

    def __init__(self, path: Path) -> None:
        self.path = path

    def __enter__(self) -> None:
        self.kept = connection.connection
        self.name = connection.settings_dict["NAME"]
        connection.connection = None
        connection.settings_dict["NAME"] = str(self.path)

    def __exit__(self, *exc: object) -> None:
        connection.close()
        connection.settings_dict["NAME"] = self.name
        connection.connection = self.kept


def _connection_to(path: Path) -> _Swapped:
    return _Swapped(path)


@pytest.fixture
def shared_db(transactional_db: None, _sqlite_template: Path | None, tmp_path: Path) -> Iterator[str]:
    """The DATABASE_URL of the database this test writes to, as another process reaches it."""
    if _sqlite_template is None:
        params = connection.settings_dict
        yield f"postgres://{params['USER']}@{params['HOST']}:{params['PORT']}/{params['NAME']}"
        return
    path = tmp_path / "shared.sqlite3"
    shutil.copy(_sqlite_template, path)
    with _connection_to(path):
        yield f"sqlite:///{path}"


def _env(database_url: str, smtp: Smtp, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in {"BOB_ENV", "DATABASE_URL"}}
    return (
        env
        | {
            "DJANGO_SETTINGS_MODULE": "bob_emploi.web.settings",
            "DATABASE_URL": database_url,
            "EMAIL_BACKEND": "django.core.mail.backends.smtp.EmailBackend",
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(smtp.port),
            "BOB_BUNDLE": str(settings.BOB_BUNDLE),
            "BOB_SITE_URL": SITE,
            "BOB_COACHING_BACKOFF": "0.3",
            "LOG_LEVEL": "WARNING",
        }
        | extra
    )


def _worker(env: dict[str, str], *args: str, log: Path) -> subprocess.Popen[bytes]:
    with log.open("ab") as out:
        return subprocess.Popen(
            [str(BOB), "coaching", "worker", "--interval", "0.05", *args],
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )


def _run_batch(env: dict[str, str], log: Path) -> None:
    """A worker that sends what is queued and ready, then exits."""
    process = _worker(env, "--batch", log=log)
    assert process.wait(timeout=120) == 0, log.read_text()[-3000:]


def _until(check: Callable[[], bool], seconds: float = 60) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if check():
            return
        time.sleep(0.05)
    raise AssertionError("condition not met in time")


def _stop(process: subprocess.Popen[bytes]) -> None:
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _person(email: str, *, verified: bool = True, consent: bool = True, gender: str = "feminine") -> User:
    user = User.objects.create_user(email, None)
    user.email_verified = verified
    user.save(update_fields=["email_verified"])
    request = schema.AdvisorInput.model_validate(advisor_input())
    projects.save_profile(user, request.profile.model_copy(update={"gender": gender}))
    projects.diagnose(projects.create_project(user, request.project))
    if consent:
        services.set_consent(user, True)
    return user


def _due_now(*users: User) -> None:
    Subscription.objects.filter(user__in=users).update(next_send_at=timezone.now() - datetime.timedelta(minutes=1))


def _logs(user: User) -> list[tuple[str, int, str]]:
    return list(EmailLog.objects.filter(user=user).order_by("id").values_list("kind", "step", "state"))


def test_the_schedule_sends_each_step_once_to_whom_asked(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    unverified = _person("unverified@example.org", verified=False)
    no_consent = _person("noconsent@example.org", consent=False)
    later = _person("later@example.org")
    sub = Subscription.objects.get(user=later)
    assert sub.next_send_at is not None
    first_delay = sub.next_send_at - sub.consent_at  # type: ignore[operator]
    assert first_delay == datetime.timedelta(days=3)  # "a few days after sign-up"
    _due_now(alice, unverified)
    first = schedule()
    assert (first.queued, first.parked) == (1, 1)  # the unverified address: looked at again tomorrow
    assert Subscription.objects.get(user=unverified).next_send_at > timezone.now()  # type: ignore[operator]
    assert schedule().queued == 0  # run twice: nothing more
    env = _env(shared_db, smtp)
    _run_batch(env, tmp_path / "worker.log")
    assert [m["To"] for m in smtp.messages] == ["alice@example.org"]
    assert _logs(alice) == [("coaching", 1, "sent")]
    assert _logs(unverified) == _logs(no_consent) == _logs(later) == []
    message = smtp.messages[0]
    unsubscribe = f"{SITE}/coaching/desabonnement/{services.unsubscribe_token(alice)}"
    assert message["List-Unsubscribe"].strip() == f"<{unsubscribe}>"  # folded when long: that is allowed
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    html = message.get_body(preferencelist=("html",)).get_content()  # type: ignore[union-attr]
    assert "Vous n'êtes pas seule" in text and "projet de vendeuse en bijouterie" in text
    assert f"{SITE}/projets/" in text and "/plan" in text and f"{SITE}/compte/emails-de-suivi" in text
    assert unsubscribe in html and "Changer la fréquence" in html
    # The next one: one period (3 weeks by default) later, step 2.
    sub = Subscription.objects.get(user=alice)
    assert sub.next_step == 2
    assert sub.next_send_at is not None
    assert sub.next_send_at - timezone.now() > datetime.timedelta(days=20)
    # Run again when due: the second step, not the first again.
    _due_now(alice)
    assert schedule().queued == 1
    _run_batch(env, tmp_path / "worker.log")
    assert _logs(alice) == [("coaching", 1, "sent"), ("coaching", 2, "sent")]
    assert len(smtp.messages) == 2


def test_a_worker_killed_mid_send_never_sends_it_again(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    assert schedule().queued == 1
    env = _env(shared_db, smtp)
    smtp.hold = True  # the server has the whole message and has not answered yet
    worker = _worker(env, log=tmp_path / "worker.log")
    try:
        assert smtp.arrived.wait(60), (tmp_path / "worker.log").read_text()[-3000:]
        os.killpg(worker.pid, signal.SIGKILL)
        worker.wait(timeout=30)
    finally:
        _stop(worker)
    smtp.release.set()
    assert _logs(alice) == [("coaching", 1, "sending")]
    # A new worker, and the scheduler again: the step is neither resent nor queued again.
    assert schedule().queued == 0
    _run_batch(env, tmp_path / "worker.log")
    assert smtp.data_commands == 1
    assert _logs(alice) == [("coaching", 1, "sending")]
    status = subprocess.run(
        [str(BOB), "coaching", "status"], env=env, capture_output=True, text=True, timeout=120, check=True
    )
    assert "sending since" in status.stdout and "coaching 1" in status.stdout
    # The person's next e-mail still goes, as planned.
    _due_now(alice)
    assert schedule().queued == 1
    _run_batch(env, tmp_path / "worker.log")
    assert _logs(alice) == [("coaching", 1, "sending"), ("coaching", 2, "sent")]


def test_refusals_are_retried_with_backoff_then_sent(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    schedule()
    smtp.refuse = 2
    worker = _worker(_env(shared_db, smtp), log=tmp_path / "worker.log")
    started = time.monotonic()
    try:
        _until(lambda: bool(smtp.messages))
    finally:
        _stop(worker)
    assert time.monotonic() - started >= 0.3 + 0.6  # waited the backoff: 0.3 s, then 0.6 s
    assert smtp.data_commands == 3 and len(smtp.messages) == 1
    log = EmailLog.objects.get(user=alice)
    assert (log.state, log.attempts) == ("sent", 3)


def test_an_smtp_server_down_is_waited_for(shared_db: str, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    schedule()
    server = Smtp()  # not started yet: the connection is refused
    worker = _worker(_env(shared_db, server, BOB_COACHING_RETRIES="10"), log=tmp_path / "worker.log")
    try:
        _until(lambda: EmailLog.objects.get(user=alice).state == "retry")
        server.controller.start()
        _until(lambda: bool(server.messages))
    finally:
        _stop(worker)
        server.controller.stop()
    log = EmailLog.objects.get(user=alice)
    assert log.state == "sent" and log.attempts >= 2


def test_too_many_refusals_give_up(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    schedule()
    smtp.refuse = 10
    worker = _worker(_env(shared_db, smtp, BOB_COACHING_RETRIES="2"), log=tmp_path / "worker.log")
    try:
        _until(lambda: EmailLog.objects.get(user=alice).state == "failed")
    finally:
        _stop(worker)
    assert smtp.data_commands == 2 and not smtp.messages


def test_the_rate_limit_spaces_the_e_mails(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    people = [_person(f"p{n}@example.org", gender="unknown") for n in range(6)]
    _due_now(*people)
    assert schedule().queued == 6
    started = time.monotonic()
    _run_batch(_env(shared_db, smtp, BOB_COACHING_RATE="5"), tmp_path / "worker.log")
    assert len(smtp.messages) == 6
    assert time.monotonic() - started >= 5 / 5  # 6 e-mails at 5 a second: 1 s at least
    text = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "Bob reste à vos côtés" in text  # no gender given: a neutral sentence


def test_one_click_unsubscribe_stops_everything(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    schedule()  # queued before the unsubscribe: must not leave after it
    url = f"/coaching/desabonnement/{services.unsubscribe_token(alice)}"
    client = Client(enforce_csrf_checks=True)
    assert client.get(url).status_code == 200  # a link checker opening it changes nothing
    assert Subscription.objects.get(user=alice).consent
    answer = client.post(url, "List-Unsubscribe=One-Click", content_type="application/x-www-form-urlencoded")
    assert answer.status_code == 200
    _run_batch(_env(shared_db, smtp), tmp_path / "worker.log")
    assert not smtp.messages
    assert _logs(alice) == [("coaching", 1, "skipped")]
    assert Subscription.objects.get(user=alice).next_send_at is None  # nothing is planned any more
    assert schedule().queued == 0


def test_nothing_is_sent_to_a_deleted_account(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    bob = _person("bob@example.org")
    _due_now(alice, bob)
    assert schedule().queued == 2
    projects.delete_account(alice)
    _run_batch(_env(shared_db, smtp), tmp_path / "worker.log")
    assert [m["To"] for m in smtp.messages] == ["bob@example.org"]
    assert not EmailLog.objects.filter(user_id=alice.pk).exists()


def test_a_new_frequency_moves_the_next_e_mail(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    alice = _person("alice@example.org")
    _due_now(alice)
    schedule()
    _run_batch(_env(shared_db, smtp), tmp_path / "worker.log")
    sent_at = EmailLog.objects.get(user=alice).finished_at
    assert sent_at is not None
    client = Client()
    client.force_login(alice)
    answer = client.post("/compte/emails-de-suivi", {"consent": "on", "frequency": "2"})
    assert answer.status_code == 302
    sub = Subscription.objects.get(user=alice)
    assert sub.frequency_weeks == 2
    assert abs(sub.next_send_at - (sent_at + datetime.timedelta(weeks=2))) < datetime.timedelta(seconds=1)  # type: ignore[operator]
    page = client.get("/compte/").content.decode()
    assert "puis toutes les 2 semaines" in page


def test_inactive_accounts_are_warned_then_deleted(shared_db: str, smtp: Smtp, tmp_path: Path) -> None:
    old = _person("old@example.org", consent=False)
    back = _person("back@example.org", consent=False)
    recent = _person("recent@example.org", consent=False)
    long_ago = timezone.now() - datetime.timedelta(days=settings.BOB_INACTIVE_DAYS + 1)
    User.objects.filter(pk__in=[old.pk, back.pk]).update(date_joined=long_ago, last_login=long_ago)
    assert clean_up().warned == 2
    assert clean_up().warned == 0  # warned once
    _run_batch(_env(shared_db, smtp), tmp_path / "worker.log")
    assert sorted(m["To"] for m in smtp.messages) == ["back@example.org", "old@example.org"]
    warning = smtp.messages[0].get_body(preferencelist=("plain",)).get_content()  # type: ignore[union-attr]
    assert "sera supprimé" in warning and "depuis plus de 24\u00a0mois" in warning
    User.objects.filter(pk=back.pk).update(last_login=timezone.now())  # came back
    # Not before the grace period …
    assert clean_up().deleted == 0
    # … then the one who did not come back is deleted, with everything.
    later = timezone.now() + datetime.timedelta(days=settings.BOB_INACTIVE_GRACE_DAYS, minutes=1)
    assert clean_up(later).deleted == 1
    assert not User.objects.filter(pk=old.pk).exists()
    assert User.objects.filter(pk__in=[back.pk, recent.pk]).count() == 2
