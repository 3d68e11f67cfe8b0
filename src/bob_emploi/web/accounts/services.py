"""Signing up, e-mail verification, password reset e-mails and API tokens, as plain functions.

Contract with the HTML pages (`bob_emploi.web.pages`), which own the views and their URLs:

- The verification e-mail links to the URL named ``pages:verify_email`` with the kwargs
  ``uidb64`` and ``token``; that view calls `verify_email(uidb64, token)`.
- The password reset e-mail links to ``pages:password_reset_confirm`` with ``uidb64`` and
  ``token``: wire Django's own `PasswordResetConfirmView` there. Ask for the e-mail with
  Django's `PasswordResetView` (or `PasswordResetForm.save`) given the templates below
  (`PASSWORD_RESET_TEMPLATES`), or simply call `send_password_reset(email, request)`.
- The e-mails are French plain text under ``accounts/templates/accounts/emails/``.
- A login form must call ``authenticate(request, username=email, password=...)`` (Django's
  `AuthenticationForm` does) so that django-axes counts failures and locks out.
- Logging in, signing up and asking for e-mails are throttled per client IP and per account
  (`bob_emploi.web.throttling`): these functions raise `Throttled`, which the views answer with 429.
- Signing up with an address that already has an account answers exactly as for a new one:
  the e-mail sent to the address tells its owner (no page, no timing says it).
"""

from __future__ import annotations

import hashlib
import secrets
from typing import Any

from django.conf import settings
from django.contrib.auth import authenticate, password_validation
from django.contrib.auth.forms import PasswordResetForm
from django.contrib.auth.hashers import make_password
from django.contrib.auth.tokens import PasswordResetTokenGenerator
from django.core.exceptions import ValidationError
from django.core.mail import send_mail
from django.core.validators import validate_email
from django.db import IntegrityError, transaction
from django.http import HttpRequest
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.encoding import force_bytes, force_str
from django.utils.http import urlsafe_base64_decode, urlsafe_base64_encode

from bob_emploi.web.accounts.locks import writing_for
from bob_emploi.web.accounts.models import ApiToken, User
from bob_emploi.web.throttling import services as throttling
from bob_emploi.web.throttling.clientip import client_ip

EMAIL_TEMPLATES = "accounts/emails"
PASSWORD_RESET_TEMPLATES = {
    "subject_template_name": f"{EMAIL_TEMPLATES}/password_reset_subject.txt",
    "email_template_name": f"{EMAIL_TEMPLATES}/password_reset.txt",
}
TOKEN_PREFIX = "bob_"
MAX_EMAIL_LENGTH = 254
MAX_PASSWORD_LENGTH = 1024  # argon2 hashes anything, but nobody needs more and it bounds the work
# After settings.AXES_FAILURE_LIMIT failures, for settings.AXES_COOLOFF_TIME (half an hour).
LOCKED_OUT_MESSAGE = "Trop de tentatives de connexion échouées : réessayez dans 30 minutes."
LOCKOUT_SECONDS = round(settings.AXES_COOLOFF_TIME * 3600)


class EmailVerificationTokenGenerator(PasswordResetTokenGenerator):
    """Like a password reset token, but spent once the address is verified (and not by a login)."""

    key_salt = "bob_emploi.web.accounts.EmailVerificationTokenGenerator"

    def _make_hash_value(self, user: Any, timestamp: int) -> str:
        return f"{user.pk}{user.email}{user.email_verified}{timestamp}"


email_verification_token = EmailVerificationTokenGenerator()


def normalize_email(email: str) -> str:
    return email.strip().lower()


def axes_username(request: HttpRequest, credentials: dict[str, Any] | None) -> str | None:
    """The name django-axes counts failures under: the e-mail, whatever its case or spaces.

    Axes calls this with the credentials given to `authenticate` (key "username") when a login
    fails, and with its own (key settings.AXES_USERNAME_FORM_FIELD) when it checks for a lockout.
    """
    source: Any = credentials if credentials else getattr(request, "POST", {})
    raw = source.get("username") or source.get("email")
    return normalize_email(raw) if isinstance(raw, str) else None


def sign_up(email: str, password: str, request: HttpRequest) -> User | None:
    """Creates an account and sends the verification e-mail; returns the new user.

    When the address already has an account, nothing is created: its owner gets an e-mail
    saying so, and this returns None after the same work (a password hash, an e-mail), so
    that the caller answers the same way in about the same time.
    Raises `ValidationError` with a dict of French messages keyed by "email" and "password",
    and `Throttled` after too many sign-ups from one IP address or for one address.
    """
    email = normalize_email(email)
    errors: dict[str, list[str]] = {}
    try:
        if len(email) > MAX_EMAIL_LENGTH:
            raise ValidationError("L'adresse e-mail est trop longue.")
        validate_email(email)
    except ValidationError:
        errors["email"] = ["Saisissez une adresse e-mail valide, par exemple prenom.nom@exemple.fr."]
    if len(password) > MAX_PASSWORD_LENGTH:
        errors["password"] = [f"Le mot de passe est trop long ({MAX_PASSWORD_LENGTH} caractères au plus)."]
    else:
        try:
            password_validation.validate_password(password, User(email=email))
        except ValidationError as error:
            errors["password"] = list(error.messages)
    if errors:
        raise ValidationError(errors)
    throttling.hit((throttling.SIGNUPS_PER_IP, client_ip(request)), (throttling.SIGNUPS_PER_ADDRESS, email))
    existing = User.objects.filter(email__iexact=email).first()
    if existing is None:
        try:
            with transaction.atomic():
                user = User.objects.create_user(email, password)
        except IntegrityError:  # the same address signed up at the same instant
            existing = User.objects.filter(email__iexact=email).first()
        else:
            send_verification_email(user, request)
            return user
    make_password(password)  # the hash a new account costs, so that the answer takes as long
    if existing is not None:
        send_account_exists_email(existing, request)
    return None


def _link_context(user: User, request: HttpRequest, token: str) -> dict[str, Any]:
    return {
        "email": user.email,
        "user": user,
        "uid": urlsafe_base64_encode(force_bytes(user.pk)),
        "token": token,
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
        "valid_days": max(1, settings.PASSWORD_RESET_TIMEOUT // 86400),
    }


def send_verification_email(user: User, request: HttpRequest) -> None:
    context = _link_context(user, request, email_verification_token.make_token(user))
    subject = " ".join(render_to_string(f"{EMAIL_TEMPLATES}/verify_email_subject.txt", context).split())
    body = render_to_string(f"{EMAIL_TEMPLATES}/verify_email.txt", context)
    send_mail(subject, body, None, [user.email])


def send_account_exists_email(user: User, request: HttpRequest) -> None:
    """Tells the owner of an address that someone tried to open a second account with it."""
    context = {
        "email": user.email,
        "protocol": "https" if request.is_secure() else "http",
        "domain": request.get_host(),
    }
    subject = " ".join(render_to_string(f"{EMAIL_TEMPLATES}/account_exists_subject.txt", context).split())
    body = render_to_string(f"{EMAIL_TEMPLATES}/account_exists.txt", context)
    send_mail(subject, body, None, [user.email])


def resend_verification_email(user: User, request: HttpRequest) -> None:
    """Sends the verification e-mail again; raises `Throttled` when asked too often."""
    throttling.hit((throttling.RESENDS_PER_IP, client_ip(request)), (throttling.RESENDS_PER_ACCOUNT, str(user.pk)))
    send_verification_email(user, request)


def _user_from_uid(uidb64: str) -> User | None:
    try:
        return User.objects.get(pk=int(force_str(urlsafe_base64_decode(uidb64))))
    except (ValueError, TypeError, OverflowError, User.DoesNotExist):
        return None


def verify_email(uidb64: str, token: str) -> User | None:
    """Marks the address as verified when the link is genuine and fresh; None otherwise."""
    user = _user_from_uid(uidb64)
    if user is None or not email_verification_token.check_token(user, token):
        return None
    user.email_verified = True
    user.save(update_fields=["email_verified"])
    return user


def send_password_reset(email: str, request: HttpRequest) -> None:
    """Sends the reset link if an active account has this address; says nothing either way.

    Raises `Throttled` after too many requests for one address or from one IP address
    (counted whether the account exists or not, so the refusal says nothing either).
    """
    email = normalize_email(email)[:MAX_EMAIL_LENGTH]
    throttling.hit((throttling.RESETS_PER_IP, client_ip(request)), (throttling.RESETS_PER_ADDRESS, email))
    form = PasswordResetForm({"email": email})
    if form.is_valid():
        form.save(
            request=request,
            use_https=request.is_secure(),
            subject_template_name=PASSWORD_RESET_TEMPLATES["subject_template_name"],
            email_template_name=PASSWORD_RESET_TEMPLATES["email_template_name"],
        )


def log_in(request: HttpRequest, email: str, password: str) -> User | None:
    """Checks the credentials through django-axes, which counts failures and locks out.

    After too many failures for this address from this IP `request.axes_locked_out` is True
    and this returns None. Too many failures from this IP (password spraying) or for this
    account (from any number of addresses) raise `Throttled`, before the password is checked.
    """
    if len(password) > MAX_PASSWORD_LENGTH or len(email) > MAX_EMAIL_LENGTH or "\x00" in email:
        return None  # PostgreSQL cannot even look a NUL character up
    email = normalize_email(email)
    # Counted as a failure until it succeeds: concurrent guesses cannot slip under the limit.
    checks = ((throttling.LOGIN_FAILURES_PER_IP, client_ip(request)), (throttling.LOGIN_FAILURES_PER_ACCOUNT, email))
    throttling.hit(*checks)
    user = authenticate(request, username=email, password=password)
    if isinstance(user, User):
        throttling.undo(*checks)
        return user
    return None


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def create_api_token(user: User) -> str:
    """A new bearer token for the user; shown once, only its hash is kept. Raises `AccountGone`
    when the account is deleted meanwhile."""
    token = TOKEN_PREFIX + secrets.token_urlsafe(32)
    with writing_for(user):
        ApiToken.objects.create(user=user, key_hash=_hash(token))
    return token


def user_for_token(token: str) -> User | None:
    if not token.startswith(TOKEN_PREFIX) or len(token) > 100:
        return None
    found = ApiToken.objects.select_related("user").filter(key_hash=_hash(token)).first()
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or (now - found.last_used_at).total_seconds() > 3600:
        ApiToken.objects.filter(pk=found.pk).update(last_used_at=now)  # hourly, to keep reads cheap
    return found.user


def revoke_all_api_tokens(user: User) -> int:
    """Revokes every token of the user: after a password reset, whoever held one holds nothing."""
    deleted, _ = ApiToken.objects.filter(user=user).delete()
    return deleted


def revoke_api_token(token: str) -> bool:
    deleted, _ = ApiToken.objects.filter(key_hash=_hash(token)).delete()
    return deleted > 0
