"""Signing up, e-mail verification and password reset, with e-mails sent to a real SMTP server."""

from __future__ import annotations

import re

import pytest
from django.contrib.auth.tokens import default_token_generator
from django.core.exceptions import ValidationError
from django.test import RequestFactory
from django.urls import reverse

from bob_emploi.web.accounts import services
from bob_emploi.web.accounts.models import User
from tests.web.conftest import PASSWORD, _Inbox, body_of

pytestmark = pytest.mark.django_db


def _request() -> object:
    return RequestFactory().get("/", secure=True)


def _link(body: str, url_name: str) -> tuple[str, str]:
    """The (uidb64, token) of the link to `url_name` found in an e-mail body."""
    prefix = reverse(url_name, kwargs={"uidb64": "UID", "token": "TOKEN"}).split("UID")[0]
    match = re.search(re.escape("https://testserver" + prefix) + r"(\S+)", body)
    assert match, body
    path = "https://testserver" + prefix + match.group(1)
    pattern = reverse(url_name, kwargs={"uidb64": "UID", "token": "TOKEN"})
    regex = (
        re.escape("https://testserver" + pattern).replace("UID", "(?P<uid>[^/]+)").replace("TOKEN", "(?P<token>[^/]+)")
    )
    found = re.fullmatch(regex, path)
    assert found, (path, regex)
    return found.group("uid"), found.group("token")


def test_sign_up_sends_a_verification_email_that_verifies(smtp_inbox: _Inbox) -> None:
    user = services.sign_up(" Claire.Martin@Example.ORG ", PASSWORD, _request())  # type: ignore[arg-type]
    assert user.email == "claire.martin@example.org"
    assert user.check_password(PASSWORD)
    assert user.password.startswith("argon2")
    assert not user.email_verified

    [message] = smtp_inbox.messages
    assert message["To"] == "claire.martin@example.org"
    assert message["Subject"] == "Confirmez votre adresse e-mail pour Bob"
    body = body_of(message)
    assert "Vous venez de créer un compte sur Bob" in body
    uid, token = _link(body, "pages:verify_email")

    assert services.verify_email(uid, token + "x") is None
    assert services.verify_email("bm90LWEtdXNlcg", token) is None
    verified = services.verify_email(uid, token)
    assert verified is not None and verified.pk == user.pk
    assert User.objects.get(pk=user.pk).email_verified
    assert services.verify_email(uid, token) is None, "a verification link works once"


@pytest.mark.parametrize(
    ("email", "password", "field", "message"),
    [
        ("pas-une-adresse", PASSWORD, "email", "Saisissez une adresse e-mail valide"),
        ("a@example.org", "court", "password", "trop court"),
        ("a@example.org", "1234567890123", "password", "entièrement numérique"),
        ("a@example.org", "motdepasse", "password", "trop courant"),
        ("a@example.org", "x" * 2000, "password", "trop long"),
        ("x" * 300 + "@example.org", PASSWORD, "email", "Saisissez une adresse e-mail valide"),
        ("nul\x00@example.org", PASSWORD, "email", "Saisissez une adresse e-mail valide"),
    ],
)
def test_sign_up_refuses_with_french_messages(
    smtp_inbox: _Inbox, email: str, password: str, field: str, message: str
) -> None:
    with pytest.raises(ValidationError) as raised:
        services.sign_up(email, password, _request())  # type: ignore[arg-type]
    assert any(message in text for text in raised.value.message_dict[field]), raised.value.message_dict
    assert not User.objects.exists()
    assert not smtp_inbox.messages


def test_sign_up_twice_with_one_address_tells_only_the_owner(smtp_inbox: _Inbox) -> None:
    """The second sign-up creates nothing and raises nothing: the e-mail to the address says why."""
    first = services.sign_up("a@example.org", PASSWORD, _request())  # type: ignore[arg-type]
    assert first is not None
    again = services.sign_up("A@EXAMPLE.org", "un autre mot de passe", _request())  # type: ignore[arg-type]
    assert again is None
    assert User.objects.count() == 1
    assert User.objects.get().check_password(PASSWORD), "the account is untouched"
    verification, exists = smtp_inbox.messages
    assert verification["Subject"] == "Confirmez votre adresse e-mail pour Bob"
    assert exists["To"] == "a@example.org"
    assert exists["Subject"] == "Vous avez déjà un compte sur Bob"
    body = " ".join(body_of(exists).split())
    assert "Vous avez déjà un compte avec cette adresse : aucun nouveau compte n'a été créé." in body
    assert "https://testserver/compte/connexion" in body
    assert "https://testserver/compte/mot-de-passe-oublie" in body


def test_password_reset_email_carries_a_valid_link(smtp_inbox: _Inbox) -> None:
    user = User.objects.create_user("reset@example.org", PASSWORD)
    services.send_password_reset("Reset@Example.org", _request())  # type: ignore[arg-type]
    services.send_password_reset("personne@example.org", _request())  # type: ignore[arg-type]
    [message] = smtp_inbox.messages
    assert message["Subject"] == "Réinitialisation de votre mot de passe Bob"
    assert message["To"] == "reset@example.org"
    uid, token = _link(body_of(message), "pages:password_reset_confirm")
    assert services._user_from_uid(uid) == user
    assert default_token_generator.check_token(user, token)


def test_api_tokens_are_stored_hashed_and_revocable() -> None:
    user = User.objects.create_user("token@example.org", PASSWORD)
    token = services.create_api_token(user)
    assert token.startswith("bob_")
    assert token not in str(list(user.api_tokens.values()))
    assert services.user_for_token(token) == user
    assert services.user_for_token(token + "x") is None
    assert services.user_for_token("\x00") is None
    assert services.revoke_api_token(token)
    assert services.user_for_token(token) is None
