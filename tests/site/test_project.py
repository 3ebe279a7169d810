"""Project-level guarantees: checks, migrations, production settings, the compose file."""

import os
import re
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

ROOT = Path(__file__).resolve().parents[2]


def run_python(code, env_overrides, unset=()):
    env = {key: value for key, value in os.environ.items() if key not in unset}
    env.update(env_overrides)
    return subprocess.run([sys.executable, "-c", code], cwd=ROOT, env=env, capture_output=True, text=True, timeout=120)


IMPORT_PRODUCTION = (
    "import django, os; os.environ['DJANGO_SETTINGS_MODULE'] = 'config.settings.production'; django.setup()"
)


PRODUCTION_ENV = {
    "SECRET_KEY": "x" * 60,
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/techniekdocent",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
}


@pytest.mark.parametrize(
    ("missing", "message"),
    [
        ("SECRET_KEY", "SECRET_KEY must be set"),
        ("DATABASE_URL", "DATABASE_URL must be set"),
        ("REDIS_URL", "CELERY_BROKER_URL or REDIS_URL must be set"),
    ],
)
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


# What gunicorn (`config.wsgi:application`) and a Celery worker or beat (`-A config`) import before any setting is read.
ENTRY_POINTS = {
    "gunicorn": "import config.wsgi",
    "celery": "from config.celery import app; app.conf.broker_url",
}
REPORT_SETTINGS = "; from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)"


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_servers_started_without_a_settings_module_refuse_to_start_without_secrets(entry_point):
    """Not the debug settings with their public secret key: production, which wants its secrets."""
    result = run_python(
        ENTRY_POINTS[entry_point] + REPORT_SETTINGS,
        {},
        unset=("DJANGO_SETTINGS_MODULE", "SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "DEBUG"),
    )
    assert result.returncode != 0, result.stdout
    assert "ImproperlyConfigured: SECRET_KEY must be set" in result.stderr


@pytest.mark.parametrize("entry_point", ENTRY_POINTS)
def test_servers_started_without_a_settings_module_run_production(entry_point):
    result = run_python(
        ENTRY_POINTS[entry_point] + REPORT_SETTINGS,
        {**PRODUCTION_ENV, "DEBUG": "true"},
        unset=("DJANGO_SETTINGS_MODULE",),
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["config.settings.production", "False"]


def test_only_manage_py_defaults_to_the_development_settings():
    """`make run` names config.settings.dev for honcho; pytest names config.settings.test (pyproject.toml)."""
    result = subprocess.run(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            "from django.conf import settings; print(settings.SETTINGS_MODULE, settings.DEBUG)",
        ],
        cwd=ROOT,
        env={k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split()[-2:] == ["config.settings.dev", "True"]
    assert "DJANGO_SETTINGS_MODULE=config.settings.dev" in (ROOT / "Makefile").read_text()


def test_uploads_go_to_s3_compatible_storage_when_configured():
    env = {**PRODUCTION_ENV, "AWS_STORAGE_BUCKET_NAME": "media", "AWS_S3_ENDPOINT_URL": "http://127.0.0.1:9000"}
    result = run_python(
        IMPORT_PRODUCTION + "; from django.conf import settings; print(settings.STORAGES['default']['BACKEND'])", env
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "storages.backends.s3.S3Storage"


def test_manage_check_and_migrations_are_clean():
    env = {"DJANGO_SETTINGS_MODULE": "config.settings.test"}
    check = subprocess.run(
        [sys.executable, "manage.py", "check"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    migrations = subprocess.run(
        [sys.executable, "manage.py", "makemigrations", "--check", "--dry-run"],
        cwd=ROOT,
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert migrations.returncode == 0, migrations.stdout + migrations.stderr


def test_compose_file_is_valid_and_points_at_real_things():
    compose = yaml.safe_load((ROOT / "docker-compose.yml").read_text())
    services = compose["services"]
    assert {"db", "redis", "pagecache", "web", "worker", "beat"} <= set(services)
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


def test_the_image_build_can_collect_the_static_files(tmp_path):
    """The Dockerfile's collectstatic step, with the environment it sets, gets past the production settings."""
    dockerfile = (ROOT / "Dockerfile").read_text().replace("\\\n", " ")
    settings_module = re.search(r"DJANGO_SETTINGS_MODULE=(\S+)", dockerfile).group(1)
    step = re.search(r"^RUN (.*?)python manage.py collectstatic", dockerfile, re.M).group(1)
    env = {
        **dict(re.findall(r"([A-Z_]+)=(\S+)", step)),
        "DJANGO_SETTINGS_MODULE": settings_module,
        "STATIC_ROOT": str(tmp_path),
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "collectstatic", "--noinput", "--dry-run"],
        cwd=ROOT,
        env={
            **{
                key: value
                for key, value in os.environ.items()
                if key not in ("REDIS_URL", "CELERY_BROKER_URL", "SECRET_KEY", "DATABASE_URL")
            },
            **env,
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr


def compose_file(name="docker-compose.yml"):
    return yaml.safe_load((ROOT / name).read_text())


def env_example():
    return dict(re.findall(r"^([A-Z_]+)=(.*)$", (ROOT / ".env.example").read_text(), re.M))


def app_environment(compose):
    return compose["services"]["web"]["environment"]


def test_the_production_stack_sends_mail_through_the_relay_in_env_only():
    """No mail catcher (its web UI has no login) and no forced EMAIL_HOST: mail goes where .env says."""
    services = compose_file()["services"]
    assert "mail" not in services
    for name, service in services.items():
        assert "mailpit" not in service.get("image", ""), name
        assert not [variable for variable in service.get("environment", {}) if variable.startswith("EMAIL_")], name
    assert env_example()["EMAIL_HOST"] not in ("mail", "localhost", "127.0.0.1")
    assert not (ROOT / "docker-compose.override.yml").exists(), "compose loads that file by itself, also on servers"


def test_the_mail_catcher_is_in_the_development_file_only():
    production = compose_file()["services"]
    development = compose_file("docker-compose.dev.yml")["services"]
    assert "mailpit" in development["mail"]["image"]
    assert all(port.startswith("127.0.0.1:") for port in development["mail"]["ports"]), "its UI has no login"
    for name in ("web", "web2", "worker"):
        assert development[name]["environment"]["EMAIL_HOST"] == "mail", name
    assert set(development) - {"mail"} <= set(production), "the development file only adds to the production one"


def test_trusted_proxies_match_the_stack_as_shipped():
    """Only Varnish is published; gunicorn is reached through it alone, so the app trusts exactly one proxy (Varnish
    appends the visitor's address to X-Forwarded-For). Without a proxy in front (.env.example) it trusts none."""
    services = compose_file()["services"]
    for name in ("web", "web2"):
        assert "ports" not in services[name], f"{name} would be reachable around Varnish"
    assert any(str(port).endswith(":8080") for port in services["varnish"]["ports"])
    assert app_environment(compose_file())["TRUSTED_PROXIES"] == "1"
    assert env_example()["TRUSTED_PROXIES"] == "0"


def test_varnish_sits_in_front_of_two_web_services_two_workers_and_one_beat():
    compose = compose_file()
    services = compose["services"]

    def replicas(name):
        return services[name].get("deploy", {}).get("replicas", 1)

    web = [name for name, service in services.items() if (service.get("command") or [""])[0] == "gunicorn"]
    assert sum(replicas(name) for name in web) == 2
    workers = [name for name, service in services.items() if "worker" in (service.get("command") or [])]
    assert sum(replicas(name) for name in workers) == 2
    beats = [name for name, service in services.items() if "beat" in (service.get("command") or [])]
    assert sum(replicas(name) for name in beats) == 1
    varnish = services["varnish"]
    assert varnish["image"].startswith("varnish:")
    assert set(web) <= set(varnish["depends_on"])
    # The one VCL (shared with Kubernetes) and this stack's backends, both on varnishd's vcl_path (/etc/varnish).
    mounts = {volume.split(":")[1]: ROOT / volume.split(":")[0] for volume in varnish["volumes"]}
    assert mounts["/etc/varnish/default.vcl"] == ROOT / "deploy/k8s/base/default.vcl"
    assert "/etc/varnish/default.vcl" in varnish["command"]
    backends = mounts["/etc/varnish/backends.vcl"].read_text()
    for name in web:
        assert re.search(rf'backend {name} \{{\s*\.host = "{name}";\s*\.port = "8000";', backends), name
        assert f"app.add_backend({name});" in backends
    # The app purges through Varnish's purge listener, which is not published.
    purge = urlsplit(app_environment(compose)["VARNISH_PURGE_URL"])
    assert purge.hostname == "varnish"
    assert f"purge=:{purge.port},HTTP" in varnish["command"]
    assert not any(str(port).endswith(f":{purge.port}") for port in varnish["ports"])
    for name in web:
        assert services[name]["environment"]["VARNISH_PURGE_URL"] == app_environment(compose)["VARNISH_PURGE_URL"]


def redis_service(compose, url):
    """The compose service a redis:// URL points at, and its redis-server options."""
    service = compose["services"][urlsplit(url).hostname]
    words = service["command"]
    assert words[0] == "redis-server"
    options = {word[2:]: words[index + 1] for index, word in enumerate(words) if word.startswith("--")}
    return service, options


def test_the_page_cache_has_a_bounded_redis_and_the_broker_one_never_evicts():
    compose = compose_file()
    environment = app_environment(compose)
    page_cache, page_cache_options = redis_service(compose, environment["PAGE_CACHE_URL"])
    broker, broker_options = redis_service(compose, environment["CELERY_BROKER_URL"])
    rate_limits, _ = redis_service(compose, environment["REDIS_URL"])
    assert page_cache is not broker
    assert rate_limits is broker
    assert re.fullmatch(r"[1-9][0-9]*[kmg]b", page_cache_options["maxmemory"]), page_cache_options
    assert page_cache_options["maxmemory-policy"] in ("allkeys-lru", "allkeys-lfu")
    assert broker_options["maxmemory-policy"] == "noeviction", "queued tasks must never be evicted"
    for name in ("REDIS_URL", "CELERY_BROKER_URL", "PAGE_CACHE_URL"):
        assert env_example()[name] == environment[name], f"{name} in .env.example differs from docker-compose.yml"


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
