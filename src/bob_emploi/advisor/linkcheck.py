"""`bob content check-links`: every link the advice content holds opens the page it promises.

The pre-filled links (`advisor.prefilled`) are checked as built for a sample person.
Offline (in CI), each URL must be https, on a host of `content/links.toml` and well-formed.
Online (before a release, `--online`), each is fetched: HEAD, then GET when the server refuses
HEAD; redirects are followed, and a link whose final address differs from the written one is
reported as moved (the label may no longer match the page), one answering ≥ 400 as dead.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import httpx

from bob_emploi.advisor.content import CONTENT_DIR
from bob_emploi.advisor.prefilled import sample_links

LINKS_FILE = "links.toml"
TIMEOUT = httpx.Timeout(15.0, connect=10.0)
# Servers that refuse HEAD answer one of these; GET then tells.
HEAD_REFUSED = {403, 404, 405, 501}


@dataclass(frozen=True, slots=True)
class Link:
    file: str
    key: str  # where in the file: "jobboards.links[0].url"
    url: str


@dataclass(frozen=True, slots=True)
class Problem:
    link: Link
    kind: str  # not_https, host_not_allowed, malformed, dead, moved, unreachable
    message: str

    def __str__(self) -> str:
        return f"{self.link.file}: {self.link.key}: {self.link.url}: {self.message}"


def _walk(value: Any, key: str) -> Iterator[tuple[str, str]]:
    if isinstance(value, dict):
        for name, item in value.items():
            yield from _walk(item, f"{key}.{name}" if key else str(name))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _walk(item, f"{key}[{index}]")
    elif isinstance(value, str) and value.strip().lower().startswith(("http://", "https://", "www.")):
        yield key, value


def editorial_links(directory: Path = CONTENT_DIR) -> list[Link]:
    """Every URL written in the content files (but the allowed hosts' list itself)."""
    links: list[Link] = []
    for path in sorted(directory.glob("*.toml")):
        if path.name == LINKS_FILE:
            continue
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        links.extend(Link(path.name, key, url) for key, url in _walk(data, ""))
    return links


def prefilled_links() -> list[Link]:
    """The links `advisor.prefilled` builds, for a sample person: checked like the written ones."""
    return [Link("prefilled.py", key, url) for key, url in sample_links()]


def allowed_hosts(directory: Path = CONTENT_DIR) -> frozenset[str]:
    data = tomllib.loads((directory / LINKS_FILE).read_text(encoding="utf-8"))
    return frozenset(str(host).lower() for host in data.get("allowed_hosts", ()))


def check_offline(links: list[Link], hosts: frozenset[str]) -> list[Problem]:
    problems = []
    for link in links:
        url = link.url
        parts = urlsplit(url)
        if url != url.strip() or any(char in url for char in ' <>"{}|\\^`') or not parts.netloc:
            problems.append(Problem(link, "malformed", "not a well-formed address"))
        elif parts.scheme != "https":
            problems.append(Problem(link, "not_https", "not https"))
        elif (parts.hostname or "") not in hosts:
            problems.append(Problem(link, "host_not_allowed", f"host {parts.hostname} is not in {LINKS_FILE}"))
    return problems


def _fetch(client: httpx.Client, url: str) -> httpx.Response:
    response = client.head(url)
    if response.status_code in HEAD_REFUSED:
        response = client.get(url)
    return response


def _same_page(written: str, final: str) -> bool:
    a, b = urlsplit(written), urlsplit(final)
    return (a.hostname, a.path.rstrip("/") or "/") == (b.hostname, b.path.rstrip("/") or "/")


def check_online(links: list[Link], client: httpx.Client | None = None) -> list[Problem]:
    """Fetches each link once (the same URL written twice is fetched once)."""
    own = client is None
    client = client or httpx.Client(
        timeout=TIMEOUT, follow_redirects=True, headers={"User-Agent": "bob-emploi-linkcheck/1"}
    )
    answers: dict[str, httpx.Response | Exception] = {}
    problems = []
    try:
        for link in links:
            if link.url not in answers:
                try:
                    answers[link.url] = _fetch(client, link.url)
                except httpx.HTTPError as error:
                    answers[link.url] = error
            answer = answers[link.url]
            if isinstance(answer, Exception):
                problems.append(Problem(link, "unreachable", f"unreachable ({answer.__class__.__name__})"))
            elif answer.status_code >= 400:
                problems.append(Problem(link, "dead", f"answers {answer.status_code}"))
            elif not _same_page(link.url, str(answer.url)):
                problems.append(Problem(link, "moved", f"moved to {answer.url}"))
    finally:
        if own:
            client.close()
    return problems
