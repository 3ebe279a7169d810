"""Hardening: deploy checks, security headers, the Content-Security-Policy and admin brute-force limiting."""

import os
import secrets
import subprocess
import sys
from pathlib import Path

import pytest

from django.contrib.auth import get_user_model

ROOT = Path(__file__).resolve().parents[2]


def test_production_settings_pass_the_deploy_check():
    # DJANGO_ALLOW_ASYNC_UNSAFE (set for the browser tests) would itself be reported by the deploy check.
    env = {
        **{key: value for key, value in os.environ.items() if key != "DJANGO_ALLOW_ASYNC_UNSAFE"},
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/postgres",
        "ALLOWED_HOSTS": "techniekdocent.example.org",
        "REDIS_URL": "redis://127.0.0.1:6379/0",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


@pytest.mark.django_db
def test_public_pages_get_a_strict_content_security_policy(home_page, client):
    response = client.get(home_page.url)
    policy = response["Content-Security-Policy"]
    directives = dict(part.strip().split(" ", 1) for part in policy.split(";"))
    assert directives["default-src"] == "'self'"
    assert directives["script-src"] == "'self'"
    assert directives["style-src"] == "'self'"
    assert directives["frame-ancestors"] == "'none'"
    assert "unsafe-inline" not in policy
    assert "unsafe-eval" not in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] in ("same-origin", "strict-origin-when-cross-origin")


@pytest.mark.django_db
def test_the_admin_gets_a_workable_policy(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "script-src 'self' 'unsafe-inline'" in policy
    assert "frame-ancestors 'self'" in policy


@pytest.mark.django_db
def test_admin_login_is_locked_after_repeated_failures(client, settings):
    settings.AXES_ENABLED = True
    user = get_user_model().objects.create_superuser("beheer", "beheer@example.org", "juist-wachtwoord-123")
    for _ in range(settings.AXES_FAILURE_LIMIT - 1):
        response = client.post("/admin/login/", {"username": user.username, "password": "fout"})
        assert response.status_code == 200
        assert not response.wsgi_request.user.is_authenticated
    last_try = client.post("/admin/login/", {"username": user.username, "password": "fout"})
    assert last_try.status_code == 429
    locked = client.post("/admin/login/", {"username": user.username, "password": "juist-wachtwoord-123"})
    assert locked.status_code == 429
    assert "Te veel pogingen" in locked.content.decode()
    assert "_auth_user_id" not in client.session
