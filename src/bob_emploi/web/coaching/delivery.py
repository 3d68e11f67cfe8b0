"""Handing one message to the SMTP server, telling apart "not accepted" (safe to try again) from
"perhaps accepted" (never tried again: at most once), and a per-process rate limit.

Django's SMTP backend raises the same exceptions whether the connection failed before the message
was sent or after its last line; here the conversation is split in two phases. Until the server
answered DATA with 354, nothing was delivered: a refused connection or a 4xx is `Retry`, a 5xx is
`Rejected`. After the message is sent, only a 250 is `Sent`; a lost connection or a timeout is
`Unknown`. Other backends (the console in development, locmem) are used as they are.
"""

from __future__ import annotations

import re
import smtplib
import threading
import time
from dataclasses import dataclass
from enum import Enum

from django.conf import settings
from django.core.mail import EmailMessage

TIMEOUT = 30  # seconds for each SMTP exchange
_SMTP_BACKEND = "django.core.mail.backends.smtp.EmailBackend"


class Outcome(Enum):
    SENT = "sent"
    RETRY = "retry"  # not accepted, for now
    REJECTED = "rejected"  # not accepted, for good
    UNKNOWN = "unknown"  # perhaps accepted: never sent again


@dataclass(frozen=True, slots=True)
class Result:
    outcome: Outcome
    detail: str = ""


def _refused(code: int, reply: bytes | str, what: str) -> Result:
    text = reply.decode("utf-8", "replace") if isinstance(reply, bytes) else reply
    outcome = Outcome.RETRY if 400 <= code < 500 else Outcome.REJECTED
    return Result(outcome, f"{what}: {code} {text}"[:500])


def deliver(message: EmailMessage) -> Result:
    if settings.EMAIL_BACKEND != _SMTP_BACKEND:
        try:
            message.send()
        except Exception as error:  # whatever the backend did, it may have delivered
            return Result(Outcome.UNKNOWN, repr(error)[:500])
        return Result(Outcome.SENT)
    return _deliver_smtp(message)


class _Connection:
    """This process's SMTP connection, kept between e-mails (a worker sends one after another) and
    opened again when the server closed it; dropped after anything but a delivered message."""

    def __init__(self) -> None:
        self.smtp: smtplib.SMTP | None = None

    def open(self) -> smtplib.SMTP:
        if self.smtp is None:
            smtp = smtplib.SMTP(settings.EMAIL_HOST, settings.EMAIL_PORT, timeout=TIMEOUT)
            try:
                if settings.EMAIL_USE_TLS:
                    smtp.starttls()
                if settings.EMAIL_HOST_USER:
                    smtp.login(settings.EMAIL_HOST_USER, settings.EMAIL_HOST_PASSWORD)
                smtp.ehlo_or_helo_if_needed()
            except BaseException:
                smtp.close()
                raise
            self.smtp = smtp
        return self.smtp

    def drop(self) -> None:
        if self.smtp is not None:
            try:
                self.smtp.quit()
            except (OSError, smtplib.SMTPException):
                self.smtp.close()
            self.smtp = None


_connection = _Connection()


def _deliver_smtp(message: EmailMessage) -> Result:
    sender = _address(message.from_email or settings.DEFAULT_FROM_EMAIL)
    recipients = [_address(recipient) for recipient in message.recipients()]
    payload = message.message().as_bytes(linesep="\r\n")  # type: ignore[call-arg]  # Django's SafeMIME takes it
    result = Result(Outcome.RETRY, "pas de connexion")
    for fresh in (_connection.smtp is None, True):  # a kept connection the server closed: once more, anew
        try:
            smtp = _connection.open()
        except smtplib.SMTPResponseException as error:
            return _refused(error.smtp_code, error.smtp_error, "connexion")
        except (OSError, smtplib.SMTPException) as error:
            return Result(Outcome.RETRY, f"connexion: {error!r}"[:500])
        result = _send(smtp, sender, recipients, payload)
        if result.outcome is Outcome.SENT:
            return result
        _connection.drop()
        if fresh or result.detail != _STALE:
            return result
    return result


_STALE = "connexion fermée par le serveur avant l'envoi"


def _send(smtp: smtplib.SMTP, sender: str, recipients: list[str], payload: bytes) -> Result:
    try:  # phase 1: nothing is delivered before the server says 354
        code, reply = smtp.mail(sender)
        if code == 421:  # the server is closing this (kept) connection
            return Result(Outcome.RETRY, _STALE)
        if code != 250:
            return _refused(code, reply, "MAIL FROM")
        for recipient in recipients:
            code, reply = smtp.rcpt(recipient)
            if code not in (250, 251):
                return _refused(code, reply, "RCPT TO")
        smtp.putcmd("data")
        code, reply = smtp.getreply()
        if code != 354:
            return _refused(code, reply, "DATA")
    except smtplib.SMTPServerDisconnected:
        return Result(Outcome.RETRY, _STALE)
    except smtplib.SMTPResponseException as error:
        return _refused(error.smtp_code, error.smtp_error, "SMTP")
    except (OSError, smtplib.SMTPException) as error:
        return Result(Outcome.RETRY, f"avant l'envoi: {error!r}"[:500])
    try:  # phase 2: the message is on its way; only a 250 says it was taken
        smtp.send(_dot_stuffed(payload))
        code, reply = smtp.getreply()
    except (OSError, smtplib.SMTPException) as error:
        return Result(Outcome.UNKNOWN, f"pendant l'envoi: {error!r}"[:500])
    if code != 250:
        return _refused(code, reply, "fin du message")
    return Result(Outcome.SENT)


def _address(value: str) -> str:
    """The bare address of "Name <address>"."""
    found = re.search(r"<([^>]*)>\s*$", value)
    return found.group(1) if found else value.strip()


def _dot_stuffed(payload: bytes) -> bytes:
    """The message as DATA carries it (RFC 5321 §4.5.2): lines starting with a dot get another, then CRLF.CRLF."""
    body = re.sub(rb"(?m)^\.", b"..", payload)
    if not body.endswith(b"\r\n"):
        body += b"\r\n"
    return body + b".\r\n"


class RateLimit:
    """At most `per_second` calls of `wait()` a second in this process (each worker has its own)."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._next = 0.0

    def wait(self) -> None:
        rate = float(settings.BOB_COACHING_RATE)
        if rate <= 0:
            return
        with self._lock:
            now = time.monotonic()
            start = max(now, self._next)
            self._next = start + 1.0 / rate
        if start > now:
            time.sleep(start - now)


rate_limit = RateLimit()
