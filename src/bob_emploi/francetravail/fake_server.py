"""A fake France Travail (token endpoint + partner APIs) for tests, benchmarks and demos.

It runs as a real HTTP server in its own process on loopback, so a client
under test goes through its whole stack (httpx, sockets, timeouts). It is
deliberately stdlib-only and can be run as a script:

    python src/bob_emploi/francetravail/fake_server.py --port 8765

What it imitates (formats as documented on francetravail.io, see
docs/francetravail.md): expiring client-credentials tokens with scope checks,
`/offresdemploi/v2/offres/search` paging by `range` with `Content-Range` and
206/200/204, offers by id, referentials, ROME 4.0, Marché du travail and La
Bonne Boîte. Misbehaviour is deterministic and driven per test through
`POST /_control` (JSON): `fail_next` (a queue of statuses, e.g. 500 or 429
with `retry_after`), `fail_after` (every API call past N answers 503),
`revoke_tokens`, `token_lifetime`, `offers_total`, `offers_by_rome`;
`GET /_stats` tells what the server saw.
"""

from __future__ import annotations

import argparse
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
import urllib.request
import zlib
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from types import TracebackType
from typing import Any

API_SCOPES: dict[str, tuple[str, ...]] = {
    "/partenaire/offresdemploi/v2/": ("api_offresdemploiv2", "o2dsoffre"),
    "/partenaire/rome-metiers/v1/": ("api_rome-metiersv1", "nomenclatureRome"),
    "/partenaire/rome-competences/v1/": ("api_rome-competencesv1", "nomenclatureRome"),
    "/partenaire/rome-contextes-travail/v1/": ("api_rome-contextes-travailv1", "nomenclatureRome"),
    "/partenaire/stats-offres-demandes-emploi/v1/": (
        "api_stats-offres-demandes-emploiv1",
        "offresetdemandesemploi",
    ),
    "/partenaire/labonneboite/v2/": ("api_labonneboitev2", "search", "office"),
}
KNOWN_SCOPES = {scope for scopes in API_SCOPES.values() for scope in scopes}
TOKEN_PATH = "/connexion/oauth2/access_token"
ROME_NAMES = {
    "M1805": "Études et développement informatique",
    "F1702": "Construction de routes et voies",
    "K2204": "Nettoyage de locaux",
}
DEPARTEMENT_NAMES = {"09": "ARIEGE", "10": "AUBE", "69": "RHONE", "75": "PARIS"}


def _number(*parts: str, modulo: int = 1000) -> int:
    return zlib.crc32("|".join(parts).encode()) % modulo


class _State:
    """Everything the server remembers; one lock guards it (handlers run in threads)."""

    def __init__(self, client_id: str, client_secret: str, token_lifetime: float) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.lock = threading.Lock()
        self.default_lifetime = token_lifetime
        self.reset()

    def reset(self) -> None:
        self.token_lifetime = self.default_lifetime
        self.tokens: dict[str, tuple[frozenset[str], float]] = {}
        self.token_requests = 0
        self.token_scopes: list[list[str]] = []
        self.api_calls = 0
        self.calls: list[dict[str, Any]] = []
        self.fail_next: list[dict[str, Any]] = []
        self.fail_after: int | None = None
        self.offers_total = 42
        self.offers_by_rome: dict[str, int] = {}
        self.counter = 0
        self.delay = 0.0  # seconds each API answer waits: a slow France Travail


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def setup(self) -> None:
        super().setup()
        # Headers and body leave in separate writes: without this, Nagle's algorithm and the
        # client's delayed ACK add ~40 ms to some answers.
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def log_message(self, format: str, *args: Any) -> None:
        """Silence the default stderr access log."""

    # --- plumbing ---------------------------------------------------------------------

    def _send(self, status: int, body: Any = None, headers: dict[str, str] | None = None) -> None:
        payload = b"" if body is None or status == 204 else json.dumps(body, ensure_ascii=False).encode()
        self.send_response(status)
        if payload:
            self.send_header("Content-Type", "application/json;charset=UTF-8")
        self.send_header("Content-Length", str(len(payload)))
        for key, value in (headers or {}).items():
            self.send_header(key, value)
        self.end_headers()
        if payload:
            self.wfile.write(payload)

    def _body(self) -> bytes:
        length = int(self.headers.get("Content-Length") or 0)
        return self.rfile.read(length) if length else b""

    def do_GET(self) -> None:
        self._dispatch("GET")

    def do_POST(self) -> None:
        self._dispatch("POST")

    def _dispatch(self, method: str) -> None:
        url = urllib.parse.urlsplit(self.path)
        query = urllib.parse.parse_qs(url.query)
        body = self._body()
        state = self.server.state
        if url.path == "/_control" and method == "POST":
            self._control(json.loads(body or b"{}"))
        elif url.path == "/_stats":
            with state.lock:
                self._send(
                    200,
                    {
                        "token_requests": state.token_requests,
                        "token_scopes": state.token_scopes,
                        "api_calls": state.api_calls,
                        "calls": state.calls,
                    },
                )
        elif url.path == TOKEN_PATH and method == "POST":
            self._token(query, urllib.parse.parse_qs(body.decode()))
        elif url.path.startswith("/partenaire/"):
            self._api(method, url.path, query, body)
        else:
            self._send(404, {"message": f"no resource {url.path}"})

    def _control(self, settings: dict[str, Any]) -> None:
        state = self.server.state
        with state.lock:
            if settings.pop("reset", False):
                state.reset()
            if settings.pop("revoke_tokens", False):
                state.tokens.clear()
            for key, value in settings.items():
                if not hasattr(state, key):
                    self._send(400, {"message": f"unknown setting {key}"})
                    return
                setattr(state, key, value)
        self._send(200, {"ok": True})

    # --- OAuth2 -----------------------------------------------------------------------

    def _token(self, query: dict[str, list[str]], form: dict[str, list[str]]) -> None:
        state = self.server.state
        with state.lock:
            state.token_requests += 1
            failure = self._next_failure("token")
        if failure:
            self._fail(failure)
            return
        if query.get("realm") != ["/partenaire"]:
            self._send(400, {"error": "invalid_request", "error_description": "Unknown realm"})
            return
        if form.get("grant_type") != ["client_credentials"]:
            self._send(400, {"error": "unsupported_grant_type", "error_description": "Grant type not supported"})
            return
        if form.get("client_id") != [state.client_id] or form.get("client_secret") != [state.client_secret]:
            self._send(400, {"error": "invalid_client", "error_description": "Client authentication failed"})
            return
        scopes = frozenset(" ".join(form.get("scope", [])).split())
        application = f"application_{state.client_id}"
        if application not in scopes or not scopes - {application} <= KNOWN_SCOPES:
            self._send(400, {"error": "invalid_scope", "error_description": "Unknown/invalid scope(s)"})
            return
        with state.lock:
            state.counter += 1
            access_token = f"fake-token-{state.counter}-{time.time_ns()}"
            lifetime = float(state.token_lifetime)
            state.tokens[access_token] = (scopes, time.monotonic() + lifetime)
            state.token_scopes.append(sorted(scopes))
        self._send(
            200,
            {
                "scope": " ".join(sorted(scopes)),
                "expires_in": int(lifetime) if lifetime >= 1 else lifetime,
                "token_type": "Bearer",
                "access_token": access_token,
            },
            {"Cache-Control": "no-store", "Pragma": "no-cache"},
        )

    # --- APIs ------------------------------------------------------------------------

    def _next_failure(self, target: str) -> dict[str, Any] | None:
        """Pop the first queued failure aimed at `target` (state lock held)."""
        state = self.server.state
        for index, failure in enumerate(state.fail_next):
            if failure.get("target", "api") == target:
                return state.fail_next.pop(index)
        return None

    def _fail(self, failure: dict[str, Any]) -> None:
        headers = {"Retry-After": str(failure["retry_after"])} if "retry_after" in failure else {}
        status = int(failure.get("status", 500))
        self._send(status, {"codeHttp": status, "message": failure.get("message", "Erreur simulée")}, headers)

    def _api(self, method: str, path: str, query: dict[str, list[str]], body: bytes) -> None:
        state = self.server.state
        prefix = next((prefix for prefix in API_SCOPES if path.startswith(prefix)), None)
        with state.lock:
            state.api_calls += 1
            state.calls.append({"path": path, "at": time.monotonic(), "query": self.path.partition("?")[2]})
            authorization = self.headers.get("Authorization", "")
            token = state.tokens.get(authorization.removeprefix("Bearer "))
            authorized = token is not None and token[1] > time.monotonic()
            # Queued failures hit authorized calls only, so a test knows which call gets them.
            failure = self._next_failure("api") if authorized else None
            hard_failing = state.fail_after is not None and state.api_calls > state.fail_after
            delay = state.delay
        if delay:
            time.sleep(delay)
        if prefix is None:
            self._send(404, {"message": f"no API at {path}"})
            return
        if token is None or not authorized:
            self._send(401, {"codeHttp": 401, "message": "Token invalide ou expiré"}, {"WWW-Authenticate": "Bearer"})
            return
        if not set(API_SCOPES[prefix]) <= token[0]:
            self._send(403, {"codeHttp": 403, "message": "Scope insuffisant"})
            return
        if hard_failing:
            self._send(503, {"codeHttp": 503, "message": "Service indisponible"})
            return
        if failure:
            self._fail(failure)
            return
        route = path.removeprefix(prefix)
        if prefix.startswith("/partenaire/offresdemploi"):
            self._offres(route, query)
        elif prefix.startswith("/partenaire/rome-"):
            self._rome(route)
        elif prefix.startswith("/partenaire/stats-"):
            self._market(route, json.loads(body or b"{}"), method)
        else:
            self._lbb(route, query)

    # Offres d'emploi v2 ---------------------------------------------------------------

    @staticmethod
    def _offer(index: int, rome: str, departement: str, commune: str) -> dict[str, Any]:
        return {
            "id": f"{_number(rome, departement, commune, str(index), modulo=999):03d}{index:04d}X",
            "intitule": f"Offre {index + 1} — {ROME_NAMES.get(rome, 'Métier ' + rome)}",
            "description": "Offre générée par le faux serveur.",
            "dateCreation": "2025-01-15T10:00:00.000Z",
            "lieuTravail": {"libelle": f"{departement} - VILLE", "commune": commune or f"{departement}001"},
            "romeCode": rome,
            "romeLibelle": ROME_NAMES.get(rome, rome),
            "entreprise": {"nom": f"Entreprise {index % 17}"},
            "typeContrat": ("CDI", "CDD", "MIS")[index % 3],
            "experienceExige": "D",
            "salaire": {"libelle": "Mensuel de 2000 Euros"},
            "nombrePostes": 1,
            "champFutur": {"ajoutéPlusTard": True},  # a field the client's models do not know
        }

    def _offres(self, route: str, query: dict[str, list[str]]) -> None:
        state = self.server.state
        rome = query.get("codeROME", ["M1805"])[0].split(",")[0]
        departement = query.get("departement", ["75"])[0]
        commune = query.get("commune", [""])[0]
        if route == "offres/search":
            total = state.offers_by_rome.get(rome, state.offers_total)
            first, last = 0, 149
            if "range" in query:
                try:
                    first, last = (int(part) for part in query["range"][0].split("-"))
                except ValueError:
                    self._send(400, {"codeHttp": 400, "message": "Le paramètre range est mal formé"})
                    return
            if first > 3000 or last > 3149 or last < first or last - first + 1 > 150:
                self._send(
                    400,
                    {
                        "codeHttp": 400,
                        "message": "La position de début doit être inférieure ou égale à 3000 et la position "
                        "de fin inférieure ou égale à 3149 (150 résultats au plus).",
                    },
                )
                return
            if total == 0 or first >= total:
                self._send(204)
                return
            last = min(last, total - 1)
            offers = [self._offer(index, rome, departement, commune) for index in range(first, last + 1)]
            facets = [
                {
                    "filtre": "typeContrat",
                    "agregation": [{"valeurPossible": "CDI", "nbResultats": (total + 2) // 3}],
                }
            ]
            status = 200 if last >= total - 1 else 206
            self._send(
                status,
                {"resultats": offers, "filtresPossibles": facets},
                {"Content-Range": f"offres {first}-{last}/{total}", "Accept-Range": "offres 150"},
            )
        elif route.startswith("offres/"):
            offer_id = route.removeprefix("offres/")
            if offer_id.startswith("UNKNOWN"):
                self._send(404, {"codeHttp": 404, "message": f"Aucune offre ne correspond à {offer_id}"})
            else:
                self._send(200, self._offer(0, rome, departement, commune) | {"id": offer_id})
        elif route == "referentiel/typesContrats":
            self._send(
                200,
                [
                    {"code": "CDI", "libelle": "Contrat à durée indéterminée"},
                    {"code": "CDD", "libelle": "CDD"},
                ],
            )
        elif route == "referentiel/communes":
            self._send(200, [{"code": "75056", "libelle": "PARIS", "codePostal": "75001", "codeDepartement": "75"}])
        elif route.startswith("referentiel/"):
            self._send(200, [{"code": "01", "libelle": route.removeprefix("referentiel/")}])
        else:
            self._send(404, {"codeHttp": 404, "message": "Ressource inconnue"})

    # ROME 4.0 -----------------------------------------------------------------------

    def _rome(self, route: str) -> None:
        metiers = [{"code": code, "libelle": name} for code, name in ROME_NAMES.items()]
        if route == "metiers/metier":
            self._send(200, metiers)
        elif route.startswith("metiers/metier/"):
            code = route.rsplit("/", 1)[1]
            if code not in ROME_NAMES:
                self._send(404, {"message": f"Métier {code} inconnu"})
                return
            self._send(
                200,
                {
                    "code": code,
                    "libelle": ROME_NAMES[code],
                    "definition": "Définition.",
                    "riasecMajeur": "R",
                    "appellations": [{"code": "10000", "libelle": "Appellation", "libelleCourt": "App"}],
                    "contextesTravail": [{"code": "100", "libelle": "En bureau", "categorie": "LIEUX"}],
                    "themes": [{"code": "1", "libelle": "Thème"}],
                },
            )
        elif route == "metiers/appellation":
            self._send(200, [{"code": "10000", "libelle": "Développeur / Développeuse", "libelleCourt": "Dév"}])
        elif route.startswith("metiers/appellation/"):
            self._send(200, {"code": route.rsplit("/", 1)[1], "libelle": "Développeur", "metier": {"code": "M1805"}})
        elif route == "competences/competence":
            self._send(200, [{"code": "100001", "libelle": "Programmer", "type": "SAVOIR_FAIRE"}])
        elif route.startswith("competences/competence/"):
            self._send(200, {"code": route.rsplit("/", 1)[1], "libelle": "Programmer", "type": "SAVOIR_FAIRE"})
        elif route == "contextes-travail/contexte-travail":
            self._send(200, [{"code": "100", "libelle": "En bureau", "categorie": "LIEUX"}])
        else:
            self._send(404, {"message": "Ressource inconnue"})

    # Marché du travail --------------------------------------------------------------

    def _market(self, route: str, body: dict[str, Any], method: str) -> None:
        if method != "POST" or not route.startswith("indicateur/"):
            self._send(404, {"message": "Ressource inconnue"})
            return
        missing = [
            key
            for key in ("codeTypeTerritoire", "codeTerritoire", "codeTypeActivite", "codeActivite")
            if not body.get(key)
        ]
        if missing:
            self._send(400, {"codeHttp": 400, "message": f"Champs obligatoires manquants : {', '.join(missing)}"})
            return
        indicator = route.removeprefix("indicateur/")
        territory, activity = str(body["codeTerritoire"]), str(body["codeActivite"])
        if _number(territory, activity, modulo=10) == 0:
            self._send(204)  # no data for this pair, as the real API answers for rare jobs
            return
        value = {
            "stat-offres": _number(indicator, territory, activity, modulo=300),
            "stat-demandeurs": _number(indicator, territory, activity, modulo=2000),
            "stat-perspective-employeur": 1 + _number(indicator, territory, activity, modulo=10),
        }.get(indicator)
        if value is None:
            self._send(404, {"message": f"Indicateur {indicator} inconnu"})
            return
        periods = [("2024T4", "4e trimestre 2024", value // 2), ("2025T1", "1er trimestre 2025", value)]
        self._send(
            200,
            {
                "listeValeursParPeriode": [
                    {
                        "codeTypeTerritoire": body["codeTypeTerritoire"],
                        "codeTerritoire": territory,
                        "libTerritoire": DEPARTEMENT_NAMES.get(territory, f"Département {territory}"),
                        "codeTypeActivite": body["codeTypeActivite"],
                        "codeActivite": activity,
                        "libActivite": ROME_NAMES.get(activity, f"Métier {activity}"),
                        "codeNomenclature": body.get("codeTypeNomenclature"),
                        "codePeriode": code,
                        "libPeriode": label,
                        "valeurPrincipaleNombre": number,
                        "listeValeurParCaract": [
                            {
                                "codeTypeCaract": "CUMUL",
                                "codeCaract": "TOTAL",
                                "libCaract": "Total",
                                "nombre": number,
                            }
                        ],
                        "datMaj": "2025-04-30",
                    }
                    for code, label, number in periods
                ]
            },
        )

    # La Bonne Boîte v2 --------------------------------------------------------------

    def _lbb(self, route: str, query: dict[str, list[str]]) -> None:
        if route != "recherche":
            self._send(404, {"message": "Ressource inconnue"})
            return
        if "rome" not in query or ("citycode" not in query and "latitude" not in query):
            self._send(400, {"message": "rome et citycode (ou latitude/longitude) sont obligatoires"})
            return
        rome = query["rome"][0]
        page, size = int(query.get("page", ["1"])[0]), int(query.get("page_size", ["100"])[0])
        hits = 5 + _number(rome, modulo=20)
        items = [
            {
                "siret": f"{index:014d}",
                "company_name": f"Boîte {index}",
                "rome": rome,
                "naf": "6201Z",
                "citycode": query.get("citycode", ["69123"])[0],
                "location": {"lat": 45.76, "lon": 4.83},
                "hiring_potential": round(1 / (index + 1), 3),
                "headcount_min": 10,
                "headcount_max": 19,
            }
            for index in range((page - 1) * size, min(page * size, hits))
        ]
        self._send(200, {"hits": hits, "items": items})


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    state: _State


def serve(port: int, client_id: str, client_secret: str, token_lifetime: float) -> None:
    server = _Server(("127.0.0.1", port), _Handler)
    server.state = _State(client_id, client_secret, token_lifetime)
    print(f"PORT {server.server_address[1]}", flush=True)
    try:
        server.serve_forever(poll_interval=0.1)
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


class FakeServer:
    """Start the fake server in a child process; use as a context manager.

    >>> with FakeServer() as server:                                         # doctest: +SKIP
    ...     config = ClientConfig(server.client_id, server.client_secret,
    ...                           api_url=server.api_url, auth_url=server.auth_url)
    """

    def __init__(
        self,
        client_id: str = "client-test",
        client_secret: str = "s3cr3t-value",
        token_lifetime: float = 1500,
    ) -> None:
        self.client_id = client_id
        self.client_secret = client_secret
        self.token_lifetime = token_lifetime
        self.port = 0
        self._process: subprocess.Popen[str] | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_url(self) -> str:
        return f"{self.base_url}/partenaire"

    @property
    def auth_url(self) -> str:
        return f"{self.base_url}{TOKEN_PATH}?realm=/partenaire"

    def start(self) -> FakeServer:
        command = [
            sys.executable,
            str(Path(__file__).resolve()),
            "--port",
            "0",
            "--client-id",
            self.client_id,
            "--client-secret",
            self.client_secret,
            "--token-lifetime",
            str(self.token_lifetime),
        ]
        self._process = subprocess.Popen(command, stdout=subprocess.PIPE, text=True)
        assert self._process.stdout is not None
        line = self._process.stdout.readline()
        if not line.startswith("PORT "):
            self.stop()
            raise RuntimeError(f"fake France Travail server did not start: {line!r}")
        self.port = int(line.split()[1])
        return self

    def stop(self) -> None:
        if self._process is not None:
            self._process.terminate()
            try:
                self._process.wait(timeout=5)
            except subprocess.TimeoutExpired:
                self._process.kill()
                self._process.wait()
            if self._process.stdout:
                self._process.stdout.close()
            self._process = None

    def _request(self, path: str, payload: dict[str, Any] | None = None) -> Any:
        data = None if payload is None else json.dumps(payload).encode()
        request = urllib.request.Request(self.base_url + path, data=data, headers={"Content-Type": "application/json"})
        with urllib.request.urlopen(request, timeout=5) as response:
            return json.loads(response.read() or b"null")

    def control(self, **settings: Any) -> None:
        """Change behaviour, e.g. `control(fail_next=[{"status": 429, "retry_after": 1}])`."""
        self._request("/_control", settings)

    def reset(self, **settings: Any) -> None:
        self._request("/_control", {"reset": True, **settings})

    def stats(self) -> dict[str, Any]:
        return dict(self._request("/_stats"))

    def __enter__(self) -> FakeServer:
        return self.start()

    def __exit__(
        self, kind: type[BaseException] | None, error: BaseException | None, trace: TracebackType | None
    ) -> None:
        self.stop()


def main() -> None:
    parser = argparse.ArgumentParser(description="Fake France Travail partner APIs on 127.0.0.1.")
    parser.add_argument("--port", type=int, default=0)
    parser.add_argument("--client-id", default="client-test")
    parser.add_argument("--client-secret", default="s3cr3t-value")
    parser.add_argument("--token-lifetime", type=float, default=1500)
    arguments = parser.parse_args()
    serve(arguments.port, arguments.client_id, arguments.client_secret, arguments.token_lifetime)


if __name__ == "__main__":
    main()
