"""Signing up tells nobody whether an address has an account: the same answer, in about the
same time, for a new address and a known one; only the e-mail to the address says which."""

from __future__ import annotations

import statistics
import time

import pytest
from django.test import Client

from bob_emploi.web.accounts.models import User
from bob_emploi.web.throttling.models import Counter
from tests.web.conftest import PASSWORD, _Inbox, body_of
from tests.web.pages.helpers import text

pytestmark = pytest.mark.django_db


def _sign_up(email: str) -> tuple[float, int, str, str, set[str]]:
    """Time, status, redirect, the page it leads to (address blanked) and the cookies set."""
    client = Client()
    started = time.perf_counter()
    response = client.post("/compte/inscription", {"email": email, "password": PASSWORD})
    elapsed = time.perf_counter() - started
    page = text(client.get(response["Location"]).content.decode()).replace(email, "ADRESSE")
    return elapsed, response.status_code, response["Location"], page, set(response.cookies)


def test_a_known_address_gets_the_same_answer_as_a_new_one(smtp_inbox: _Inbox, alice: User) -> None:
    _, new_status, new_location, new_page, new_cookies = _sign_up("claire@example.org")
    _, known_status, known_location, known_page, known_cookies = _sign_up("alice@example.org")
    assert (known_status, known_location, known_cookies) == (new_status, new_location, new_cookies)
    assert known_page == new_page
    assert new_status == 302 and new_location == "/compte/inscription/envoye"
    assert "Consultez vos e-mails" in new_page
    # The e-mails tell: a link to confirm the new address, a reminder to the known one.
    verification, reminder = smtp_inbox.messages
    assert verification["To"] == "claire@example.org"
    assert verification["Subject"] == "Confirmez votre adresse e-mail pour Bob"
    assert "/compte/confirmer/" in body_of(verification)
    assert reminder["To"] == "alice@example.org"
    assert reminder["Subject"] == "Vous avez déjà un compte sur Bob"
    assert "/compte/confirmer/" not in body_of(reminder)
    assert "/compte/mot-de-passe-oublie" in body_of(reminder)
    assert User.objects.get(email="alice@example.org").check_password(PASSWORD), "alice's account is untouched"
    assert User.objects.count() == 2


def test_a_known_address_takes_as_long_as_a_new_one(smtp_inbox: _Inbox, alice: User) -> None:
    """It used to answer in 7 ms, against the time of a password hash for a new address."""
    new, known = [], []
    for index in range(6):  # interleaved, so that the machine's load weighs on both alike
        Counter.objects.all().delete()  # sign-ups are throttled per address and per IP: not the point here
        new.append(_sign_up(f"nouvelle{index}@example.org")[0])
        known.append(_sign_up("alice@example.org" if index % 2 else "ALICE@example.org ")[0])
    ratio = statistics.median(known) / statistics.median(new)
    assert 0.6 < ratio < 1.6, (new, known)
