"""Project-level guarantees: checks, migrations, production settings, the compose file."""

import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def run_python(code, env_overrides, unset=()):
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True,
                          timeout=120)


IMPORT_PRODUCTION = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.production'; django.setup()"
)


PRODUCTION_ENV = {"SECRET_KEY": "x" * 60, "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/techniekdocent",
                  "REDIS_URL": "redis://127.0.0.1:6379/0"}


@pytest.mark.parametrize(("missing", "message"), [("SECRET_KEY", "SECRET_KEY must be set"),
                                                   ("DATABASE_URL", "DATABASE_URL must be set"),
                                                   ("REDIS_URL", "CELERY_BROKER_URL or REDIS_URL must be set")])
def test_production_refuses_to_start_without_its_secrets(missing, message):
    env = {name: value for name, value in PRODUCTION_ENV.items() if name != missing}
    result = run_python(IMPORT_PRODUCTION, env, unset=("SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL"))
    assert result.returncode != 0
    assert message in result.stderr


def test_production_starts_with_its_secrets():
    result = run_python(
        IMPORT_PRODUCTION + "; from django.conf import settings; print(settings.DEBUG, settings.LANGUAGE_CODE,"
        " settings.TIME_ZONE, settings.STORAGES['default']['BACKEND'])",
        PRODUCTION_ENV,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "nl", "Europe/Amsterdam", "django.core.files.storage.FileSystemStorage"]


def test_uploads_go_to_s3_compatible_storage_when_configured():
    env = {**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}
    result = run_python(IMPORT_PRODUCTION + "; from django.conf import settings; "
                        "print(settings.STORAGES['default']['BACKEND'])", env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "storages.backends.s3.S3Storage"


def test_manage_check_and_migrations_are_clean():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    check = subprocess.run([sys.executable, "manage.py", "check"], cwd=ROOT, env={**os.environ, **env},
                           capture_output=True, text=True, timeout=120)
    assert check.returncode == 0, check.stdout + check.stderr
    migrations = subprocess.run([sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"], cwd=ROOT,
                                env={**os.environ, **env}, capture_output=True, text=True, timeout=120)
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr


def test_compose_file_is_valid_and_points_at_real_things():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "web", "worker", "beat", "mail"} <= set(services)
    assert (ROOT / "Dockerfile").is_file()
    env_example = (ROOT / ".env.example").read_text()
    for name, service in services.items():
        assert "image" in service or "build" in service, name
        for dependency in service.get("depends_on", {}):
            assert dependency in services, f"{name} depends on unknown {dependency}"
        command = service.get("command")
        if not command or service.get("image", "").split(":")[0] not in ("techniekdocent", ""):
            continue
        words = command if isinstance(command, list) else command.split()
        if words[0] == "gunicorn":
            module, _, attribute = words[1].partition(":")
            path = ROOT / (module.replace(".", "/") + ".py")
            assert path.is_file(), path
            assert re.search(rf"^{attribute} = ", path.read_text(), re.M), f"{attribute} in {path}"
        elif words[0] == "celery":
            app = words[words.index("-A") + 1]
            assert (ROOT / app / "celery.py").is_file()
        elif words[:2] == ["python", "manage.py"]:
            assert (ROOT / "manage.py").is_file()
        else:
            pytest.fail(f"{name}: unknown command {words}")
        for variable in service.get("environment", {}):
            assert re.search(rf"^#? ?{variable}=", env_example, re.M), f"{variable} missing from .env.example"
    beat = services["beat"]
    assert "deploy" not in beat or beat["deploy"].get("replicas", 1) == 1, "exactly one beat"


def test_every_environment_variable_is_documented():
    """Every variable the settings read is listed in .env.example and in the README."""
    names = set()
    for path in (ROOT / "config" / "settings").glob("*.py"):
        source = path.read_text()
        names |= set(re.findall(r"os\.environ(?:\.get)?\(\s*\"([A-Z_]+)\"", source))
        names |= set(re.findall(r"os\.environ\[\"([A-Z_]+)\"\]", source))
        names |= set(re.findall(r"env_(?:bool|list|int)\(\s*\"([A-Z_]+)\"", source))
    names -= {"DJANGO_SETTINGS_MODULE", "REQUIRE_SERVICES", "TEST_REDIS_DB", "VAR_DIR"}
    assert names, "the settings read the environment"
    env_example = (ROOT / ".env.example").read_text()
    readme = (ROOT / "README.md").read_text()
    for name in sorted(names):
        assert re.search(rf"^#? ?{name}=", env_example, re.M), f"{name} missing from .env.example"
        assert f"`{name}`" in readme, f"{name} missing from README"
