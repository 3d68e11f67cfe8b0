"""Reading the pages as a person would: the message next to a field, the value it keeps."""

from __future__ import annotations

import html
import re

from django.core import mail
from django.http import HttpResponse
from django.test import Client

from tests.web.conftest import PASSWORD

VOUS = {"gender": "feminine", "year_of_birth": "1990", "highest_degree": "bac", "has_driving_license": "on"}
PROJET = {
    "kind": "new_job",
    "job": "Vendeuse en bijouterie",
    "city": "Lyon",
    "area": "departement",
    "seniority": "junior",
    "passion": "passionate",
    "training": "enough_diplomas",
}
RECHERCHE = {
    "search_started": "01/2026",
    "weekly_applications": "3-5",
    "interviews": "1",
    "network": "medium",
    "employment_types": ["cdi", "cdd"],
    "frustrations": ["no_answers"],
}


def field_messages(page: str, field_id: str) -> str:
    """The text of the messages shown under a field (its error, if any)."""
    match = re.search(
        rf'<div class="fr-messages-group" id="{re.escape(field_id)}-messages"[^>]*>(.*?)</div>', page, re.S
    )
    assert match, f"no messages group for {field_id}"
    return html.unescape(re.sub(r"<[^>]+>", " ", match[1])).strip()


def input_value(page: str, field_id: str) -> str:
    match = re.search(rf'<input[^>]*id="{re.escape(field_id)}"[^>]*>', page)
    assert match, f"no input {field_id}"
    value = re.search(r'value="([^"]*)"', match[0])
    return html.unescape(value[1]) if value else ""


def text(page: str) -> str:
    """The visible text of a page, spaces collapsed."""
    body = re.sub(r"<(script|style)[^>]*>.*?</\1>", " ", page, flags=re.S)
    return " ".join(html.unescape(re.sub(r"<[^>]+>", " ", body)).split())


def complete_onboarding(client: Client) -> str:
    """Answers the three steps as a visitor; returns the diagnostic page's URL."""
    assert client.post("/diagnostic/etape/vous", VOUS).status_code == 302
    assert client.post("/diagnostic/etape/projet", PROJET).status_code == 302
    response = client.post("/diagnostic/etape/recherche", RECHERCHE)
    assert response.status_code == 302, text(response.content.decode())[:2000]
    return str(response["Location"])


def sign_up(client: Client, email: str, password: str = PASSWORD) -> HttpResponse:
    """Signs up as a person does: the form, then the link of the e-mail, in the same browser.

    Returns the answer to the link (a redirect into the opened account)."""
    response = client.post("/compte/inscription", {"email": email, "password": password})
    assert response.status_code == 302 and response["Location"] == "/compte/inscription/envoye", response
    link = re.search(r"http://testserver(/compte/confirmer/\S+)", mail.outbox[-1].body)
    assert link and mail.outbox[-1].to == [email.strip().lower()], mail.outbox[-1].body
    answer: HttpResponse = client.get(link[1])
    return answer
