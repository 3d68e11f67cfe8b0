"""Production settings, security headers and migrations, checked the way they are deployed."""

from __future__ import annotations

import os
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import Client

from bob_emploi.web.security import policy_header

PRODUCTION_ENV = {
    "BOB_ENV": "production",
    "SECRET_KEY": "a-production-secret-key-for-the-test-" + "x" * 40,
    "ALLOWED_HOSTS": "bob.example.org",
    "DATABASE_URL": "sqlite:///:memory:",
    "DJANGO_SETTINGS_MODULE": "bob_emploi.web.settings",
}


def _production(code: str, small_bundle: Path, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **PRODUCTION_ENV, "BOB_BUNDLE": str(small_bundle), "BOB_VAR_DIR": str(tmp_path)}
    return subprocess.run(
        [sys.executable, "-c", code], env=env, capture_output=True, text=True, timeout=120, check=False
    )


def test_production_passes_check_deploy(small_bundle: Path, tmp_path: Path) -> None:
    code = "import django; django.setup(); from django.core.management import call_command; " + (
        "call_command('check', deploy=True, fail_level='WARNING')"
    )
    result = _production(code, small_bundle, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


def test_production_sends_hsts_and_secure_cookies(small_bundle: Path, tmp_path: Path) -> None:
    code = """
import django
django.setup()
from django.conf import settings
from django.test import Client
from django.test.utils import setup_test_environment
setup_test_environment()
settings.ALLOWED_HOSTS = ["bob.example.org"]
insecure = Client().get("/api/v1/jobs/suggest?q=vente", HTTP_HOST="bob.example.org")
print("redirect", insecure.status_code, insecure.get("Location"))
secure = Client().get("/api/v1/jobs/suggest?q=vente", HTTP_HOST="bob.example.org", secure=True)
print("status", secure.status_code)
print("hsts", secure["Strict-Transport-Security"])
print("cookies", settings.SESSION_COOKIE_SECURE, settings.CSRF_COOKIE_SECURE, settings.SESSION_COOKIE_HTTPONLY)
print("debug", settings.DEBUG)
"""
    result = _production(code, small_bundle, tmp_path)
    assert result.returncode == 0, result.stderr
    lines = dict(line.split(" ", 1) for line in result.stdout.splitlines())
    assert lines["redirect"] == "301 https://bob.example.org/api/v1/jobs/suggest?q=vente"
    assert lines["status"] == "200"
    assert lines["hsts"] == "max-age=31536000; includeSubDomains"
    assert lines["cookies"] == "True True True"
    assert lines["debug"] == "False"


def test_production_refuses_to_start_without_its_secrets(small_bundle: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in {**os.environ, **PRODUCTION_ENV}.items() if k != "SECRET_KEY"}
    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"], env=env, capture_output=True, text=True, timeout=120
    )
    assert result.returncode != 0
    assert "SECRET_KEY" in result.stderr


@pytest.mark.django_db
@pytest.mark.parametrize("path", ["/api/v1/jobs/suggest?q=a", "/api/v1/nowhere", "/"])
def test_every_answer_has_the_csp(path: str) -> None:
    response = Client().get(path)
    policy = response["Content-Security-Policy"]
    assert "script-src 'self'" in policy
    assert "'unsafe-inline'" not in policy
    assert "default-src 'self'" in policy
    assert "frame-ancestors 'none'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["X-Frame-Options"] == "DENY"


def test_policy_header() -> None:
    assert policy_header({"default-src": ["'self'"], "img-src": ["'self'", "data:"]}) == (
        "default-src 'self'; img-src 'self' data:"
    )


@pytest.mark.django_db
def test_migrations_are_up_to_date() -> None:
    out = StringIO()
    call_command("makemigrations", "--check", "--dry-run", stdout=out)
    assert "No changes detected" in out.getvalue()
