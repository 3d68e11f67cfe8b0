"""An account's writes and its deletion, ordered by a lock on the user's row so that deletion wins cleanly.

Every write for a person (profile, projects, diagnostics, feedback) runs in `writing_for(user)`:
one transaction that first locks the user's row, and raises `AccountGone` when the row is no
longer there. `deleting(user)` takes the same row for the deletion. So a deletion either waits for
a write to commit, then deletes what it wrote, or goes first, and the write then finds no account
and is refused (401 in the API, a page saying so) instead of failing on a foreign key (500).

On PostgreSQL the lock is `SELECT … FOR UPDATE`. SQLite ignores it, but there every transaction
takes the database's write lock when it begins (settings: `transaction_mode` IMMEDIATE), which
orders writes and deletions just as well.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from django.db import transaction

from bob_emploi.web.accounts.models import User


class AccountGone(Exception):
    """The account was deleted while a request that writes for it was being served."""

    def __init__(self, user_id: object) -> None:
        super().__init__(f"account {user_id} no longer exists")


def _lock(user: User, *, no_key: bool) -> bool:
    """Locks the user's row until the transaction ends; False when there is no row any more."""
    rows = User.objects.select_for_update(no_key=no_key).filter(pk=user.pk).values_list("pk", flat=True)
    return bool(list(rows))


@contextmanager
def writing_for(user: User) -> Iterator[None]:
    """A transaction for writing the user's data; raises `AccountGone` if the account was deleted.

    The lock (FOR NO KEY UPDATE) waits for a deletion in progress; two writes of the same person
    wait for each other too, which costs nothing at one person's pace.
    """
    with transaction.atomic():
        if not _lock(user, no_key=True):
            raise AccountGone(user.pk)
        yield


@contextmanager
def deleting(user: User) -> Iterator[bool]:
    """The transaction of the account's deletion, once no write of it is in progress.

    Yields False when the account is already gone (deleted by another request): nothing to do.
    """
    with transaction.atomic():
        yield _lock(user, no_key=False)
