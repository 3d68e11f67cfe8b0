"""A user is an e-mail address and a password hash: nothing else is needed to sign in."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from django.contrib.auth.models import AbstractBaseUser, BaseUserManager, PermissionsMixin
from django.contrib.sessions.base_session import AbstractBaseSession
from django.db import models

if TYPE_CHECKING:
    from bob_emploi.web.accounts.sessions import SessionStore


class UserManager(BaseUserManager["User"]):
    def create_user(self, email: str, password: str | None = None, **fields: Any) -> User:
        user = self.model(email=self.normalize_email(email).lower(), **fields)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, email: str, password: str | None = None, **fields: Any) -> User:
        return self.create_user(email, password, is_staff=True, is_superuser=True, **fields)


class User(AbstractBaseUser, PermissionsMixin):
    email = models.EmailField("adresse e-mail", unique=True, max_length=254)
    email_verified = models.BooleanField("adresse e-mail vérifiée", default=False)
    is_active = models.BooleanField(default=True)
    is_staff = models.BooleanField(default=False)
    date_joined = models.DateTimeField(auto_now_add=True)

    objects = UserManager()

    USERNAME_FIELD = "email"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS: ClassVar[list[str]] = []

    class Meta:
        verbose_name = "utilisateur"

    def __str__(self) -> str:
        return self.email


class ApiToken(models.Model):
    """A bearer token for API clients (`Authorization: Bearer bob_…`).

    Only the SHA-256 of the token is stored: a leaked database gives no usable token.
    Deleting the row revokes the token; deleting the user deletes their tokens.
    """

    user = models.ForeignKey(User, on_delete=models.CASCADE, related_name="api_tokens")
    key_hash = models.CharField(max_length=64, unique=True)
    created_at = models.DateTimeField(auto_now_add=True)
    last_used_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "jeton d'API"


class Session(AbstractBaseSession):
    """A server-side session (SESSION_ENGINE is `bob_emploi.web.accounts.sessions`).

    `user_id` copies the signed-in user out of the encoded data so that deleting or exporting
    an account finds its sessions by index instead of decoding every row. Not a foreign key:
    a session may outlive its user for a moment, and must never block deleting them.
    """

    user_id = models.BigIntegerField(null=True, db_index=True)

    @classmethod
    def get_session_store_class(cls) -> type[SessionStore]:
        from bob_emploi.web.accounts.sessions import SessionStore

        return SessionStore
