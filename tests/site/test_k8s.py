"""The Kubernetes manifests (deploy/k8s/): the base and the production overlay render offline with kubectl's built-in
kustomize, every object validates against the Kubernetes JSON schema (kubernetes-validate, strict), and what the
deployment relies on holds: one beat, probes on URLs this project serves, requests and limits, the autoscaler and
the disruption budgets aimed at real pods, only settings the code reads, and no secret in the base."""

import ast
import re
import shutil
import subprocess
from pathlib import Path

import kubernetes_validate
import pytest
import yaml
from kubernetes_validate.utils import all_versions, major_minor

from django.conf import settings
from django.urls import resolve

from config import health
from tests.conftest import require_service

ROOT = Path(__file__).resolve().parents[2]
BASE = ROOT / "deploy" / "k8s" / "base"
PRODUCTION = ROOT / "deploy" / "k8s" / "overlays" / "production"
# A recent Kubernetes release among the schemas kubernetes-validate bundles (1.25 to 1.37 in 1.37.0), and within
# the version skew of the kubectl that renders the manifests (1.32: clusters 1.31 to 1.33).
KUBERNETES_VERSION = "1.33.0"
WORKLOADS = ("Deployment", "Job")
SECRET_KEYS = {
    "SECRET_KEY",
    "DATABASE_URL",
    "REDIS_URL",
    "CELERY_BROKER_URL",
    "PAGE_CACHE_URL",
    "EMAIL_HOST_USER",
    "EMAIL_HOST_PASSWORD",
    "AWS_ACCESS_KEY_ID",
    "AWS_SECRET_ACCESS_KEY",
}
# Read by others than config/settings: Django itself (manage.py, config/__init__.py) and boto3 (S3 uploads).
READ_OUTSIDE_SETTINGS = {"DJANGO_SETTINGS_MODULE", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY"}


def kustomize(path):
    kubectl = shutil.which("kubectl")
    require_service(kubectl, "kubectl is not installed: it renders the kustomizations (kubectl kustomize)")
    # Local files only: no remote bases, no cluster (an empty kubeconfig), so nothing goes over the network.
    result = subprocess.run(
        [kubectl, "kustomize", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": "/nonexistent", "KUBECONFIG": "/dev/null"},
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return [document for document in yaml.safe_load_all(result.stdout) if document]


@pytest.fixture(scope="module")
def base():
    return kustomize(BASE)


@pytest.fixture(scope="module")
def production():
    return kustomize(PRODUCTION)


@pytest.fixture(params=["base", "production"])
def rendered(request):
    return request.getfixturevalue(request.param)


def objects(manifests, kind):
    return [item for item in manifests if item["kind"] == kind]


def one(manifests, kind, name):
    found = [item for item in objects(manifests, kind) if item["metadata"]["name"] == name]
    assert len(found) == 1, (kind, name, [item["metadata"]["name"] for item in objects(manifests, kind)])
    return found[0]


def pod_templates(manifests):
    return [(item, item["spec"]["template"]) for item in manifests if item["kind"] in WORKLOADS]


def containers(manifests):
    for workload, template in pod_templates(manifests):
        for container in template["spec"].get("initContainers", []) + template["spec"]["containers"]:
            yield workload, template, container


def config_map(manifests, prefix):
    found = [item for item in objects(manifests, "ConfigMap") if item["metadata"]["name"].startswith(prefix)]
    assert len(found) == 1, prefix
    return found[0]


def app_config(manifests):
    return config_map(manifests, "techniekdocent-config")["data"]


def vcl(manifests):
    return config_map(manifests, "varnish-vcl")["data"]["default.vcl"]


def backends_vcl(manifests):
    """The backends default.vcl includes (Kubernetes' own: the web Service; compose has deploy/varnish/backends.vcl)."""
    return config_map(manifests, "varnish-vcl")["data"]["backends.vcl"]


def matches(selector, labels):
    return all(labels.get(key) == value for key, value in selector["matchLabels"].items())


def names_the_settings_read():
    """Every environment variable config/settings/{base,production}.py read: os.environ.get("X"), os.environ["X"],
    env_bool("X") and env_list("X")."""
    names = set()
    for module in ("base.py", "production.py"):
        tree = ast.parse((ROOT / "config" / "settings" / module).read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Call) and node.args and isinstance(node.args[0], ast.Constant):
                function = ast.unparse(node.func)
                if function in ("os.environ.get", "env_bool", "env_list"):
                    names.add(node.args[0].value)
            elif isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
                if isinstance(node.slice, ast.Constant):
                    names.add(node.slice.value)
    return names


def test_kubernetes_validate_has_the_schema_version_used():
    assert major_minor(KUBERNETES_VERSION) in {major_minor(version) for version in all_versions()}


def test_every_object_validates_against_the_kubernetes_schema(rendered):
    kinds = set()
    for item in rendered:
        validated = kubernetes_validate.validate(item, KUBERNETES_VERSION, strict=True)
        assert validated == "1.33", (item["kind"], item["metadata"]["name"], validated)
        kinds.add(item["kind"])
    assert {
        "Deployment",
        "Job",
        "Service",
        "Ingress",
        "HorizontalPodAutoscaler",
        "PodDisruptionBudget",
        "ConfigMap",
        "NetworkPolicy",
    } <= kinds


def test_validation_is_strict_and_catches_a_typo(production):
    """The schema check would notice a misspelt field (strict: no unknown properties), not only a missing one."""
    web = one(production, "Deployment", "web")
    broken = yaml.safe_load(yaml.safe_dump(web))
    broken["spec"]["template"]["spec"]["containers"][0]["readinessProbes"] = {}
    with pytest.raises(kubernetes_validate.ValidationError):
        kubernetes_validate.validate(broken, KUBERNETES_VERSION, strict=True)


def test_exactly_one_beat_with_replicas_1_and_recreate(rendered):
    beats = [
        (workload, container)
        for workload, _template, container in containers(rendered)
        if container.get("command", [])[:4] == ["celery", "-A", "config", "beat"]
    ]
    assert len(beats) == 1
    workload, container = beats[0]
    assert workload["kind"] == "Deployment"
    assert workload["spec"]["replicas"] == 1
    assert workload["spec"]["strategy"] == {"type": "Recreate"}
    # Not embedded in a worker either (celery worker -B).
    for _workload, _template, other in containers(rendered):
        command = other.get("command", [])
        if "worker" in command:
            assert "-B" not in command and "--beat" not in command


def test_probes_are_urls_the_django_urlconf_serves(rendered):
    web = one(rendered, "Deployment", "web")
    container = web["spec"]["template"]["spec"]["containers"][0]
    expected = {"startupProbe": health.live, "livenessProbe": health.live, "readinessProbe": health.ready}
    ports = {port["name"]: port["containerPort"] for port in container["ports"]}
    allowed_hosts = app_config(rendered)["ALLOWED_HOSTS"].split(",")
    assert "--bind=0.0.0.0:8000" in container["command"] and ports["http"] == 8000
    for probe_name, view in expected.items():
        probe = container[probe_name]["httpGet"]
        assert resolve(probe["path"]).func is view, probe_name
        assert probe["port"] == "http"
        headers = {header["name"]: header["value"] for header in probe["httpHeaders"]}
        assert headers["Host"] in allowed_hosts
        assert headers["X-Forwarded-Proto"] == "https"
        assert container[probe_name]["periodSeconds"] >= 5
    assert container["startupProbe"]["failureThreshold"] * container["startupProbe"]["periodSeconds"] >= 60
    # Varnish's backend probe asks the same readiness endpoint, with a Host the app accepts.
    request = re.search(r'"GET (\S+) HTTP/1.1"\s*"Host: (\S+)"', backends_vcl(rendered))
    assert resolve(request[1]).func is health.ready
    assert request[2] in allowed_hosts


def test_the_probe_as_configured_gets_200_under_the_production_security_settings(
    production, client, settings, postgres, redis_url
):
    """Not a 400 for the Host, not a 301 to https (which the kubelet would count as success)."""
    settings.ALLOWED_HOSTS = app_config(production)["ALLOWED_HOSTS"].split(",")
    settings.SECURE_SSL_REDIRECT = True
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    container = one(production, "Deployment", "web")["spec"]["template"]["spec"]["containers"][0]
    for probe_name in ("startupProbe", "livenessProbe", "readinessProbe"):
        probe = container[probe_name]["httpGet"]
        headers = {
            f"HTTP_{header['name'].upper().replace('-', '_')}": header["value"] for header in probe["httpHeaders"]
        }
        response = client.get(probe["path"], **headers)
        assert response.status_code == 200, (probe_name, response.status_code)
    # Without the headers the same request would not pass: the headers are needed.
    assert client.get(container["livenessProbe"]["httpGet"]["path"], HTTP_HOST="10.1.2.3").status_code == 400


def test_every_container_has_requests_and_a_memory_limit(rendered):
    seen = 0
    for workload, _template, container in containers(rendered):
        resources = container["resources"]
        assert {"cpu", "memory"} <= set(resources["requests"]), workload["metadata"]["name"]
        assert "memory" in resources["limits"], workload["metadata"]["name"]
        seen += 1
    assert seen == 5  # web, worker, beat, migrate, varnish


def test_every_pod_runs_as_non_root_without_capabilities(rendered):
    for workload, template, container in containers(rendered):
        name = workload["metadata"]["name"]
        assert template["spec"]["securityContext"]["runAsNonRoot"] is True, name
        assert template["spec"]["securityContext"]["runAsUser"] != 0, name
        context = container["securityContext"]
        assert context["capabilities"]["drop"] == ["ALL"], name
        assert "add" not in context["capabilities"], name
        assert context["allowPrivilegeEscalation"] is False, name
        assert context["readOnlyRootFilesystem"] is True, name


def test_the_autoscaler_targets_the_web_deployment(rendered):
    (autoscaler,) = objects(rendered, "HorizontalPodAutoscaler")
    assert autoscaler["apiVersion"] == "autoscaling/v2"
    target = autoscaler["spec"]["scaleTargetRef"]
    assert (target["apiVersion"], target["kind"]) == ("apps/v1", "Deployment")
    web = one(rendered, "Deployment", target["name"])
    assert "gunicorn" in web["spec"]["template"]["spec"]["containers"][0]["command"]
    assert "replicas" not in web["spec"]  # the autoscaler owns the count
    (metric,) = autoscaler["spec"]["metrics"]
    assert metric["resource"]["name"] == "cpu"
    assert 2 <= autoscaler["spec"]["minReplicas"] < autoscaler["spec"]["maxReplicas"]


def test_disruption_budgets_services_and_policies_select_existing_pods(rendered):
    templates = [(workload, template["metadata"]["labels"]) for workload, template in pod_templates(rendered)]

    def selected(selector):
        return {workload["metadata"]["name"] for workload, labels in templates if matches(selector, labels)}

    budgets = {
        pdb["metadata"]["name"]: selected(pdb["spec"]["selector"]) for pdb in objects(rendered, "PodDisruptionBudget")
    }
    assert budgets == {"web": {"web"}, "worker": {"worker"}, "varnish": {"varnish"}}
    for service in objects(rendered, "Service"):
        assert selected({"matchLabels": service["spec"]["selector"]}) == {service["metadata"]["name"]}
    for policy in objects(rendered, "NetworkPolicy"):
        assert selected(policy["spec"]["podSelector"]) == {policy["metadata"]["name"]}
    # Every workload's own selector matches its pods.
    for workload in objects(rendered, "Deployment"):
        assert matches(workload["spec"]["selector"], workload["spec"]["template"]["metadata"]["labels"])


def test_the_settings_read_every_variable_the_manifests_set(production):
    read = names_the_settings_read() | READ_OUTSIDE_SETTINGS
    assert {"SECRET_KEY", "DATABASE_URL", "REDIS_URL", "CELERY_BROKER_URL", "EMAIL_HOST_PASSWORD"} <= read
    config = app_config(production)
    (secret,) = objects(production, "Secret")
    assert set(config) <= read, set(config) - read
    assert set(secret["data"]) <= read, set(secret["data"]) - read
    assert set(secret["data"]) == SECRET_KEYS
    assert not SECRET_KEYS & set(config)
    assert config["DJANGO_SETTINGS_MODULE"] == "config.settings.production"
    for workload, _template, container in containers(production):
        for variable in container.get("env", []):
            assert variable["name"] in read, (workload["metadata"]["name"], variable["name"])
        if container["image"].startswith("registry.example.org/techniekdocent:"):
            sources = {source.get("configMapRef", source.get("secretRef"))["name"] for source in container["envFrom"]}
            assert sources == {config_map(production, "techniekdocent-config")["metadata"]["name"]} | {
                secret["metadata"]["name"]
            }


def test_the_base_holds_no_secret(base):
    assert not objects(base, "Secret")
    assert not SECRET_KEYS & set(app_config(base))
    for _workload, _template, container in containers(base):
        for variable in container.get("env", []):
            assert variable["name"] not in SECRET_KEYS
        refs = [source["secretRef"]["name"] for source in container.get("envFrom", []) if "secretRef" in source]
        assert refs in ([], ["techniekdocent-secrets"])  # a reference only; each overlay provides the Secret


def test_the_production_placeholder_secret_is_obviously_fake():
    text = (PRODUCTION / "secrets.env").read_text(encoding="utf-8")
    assert "PLACEHOLDER" in text and "injects the real ones" in text
    for line in text.splitlines():
        if line and not line.startswith("#"):
            name, value = line.split("=", 1)
            assert "fake" in value, name


def test_the_production_overlay(base, production):
    def replicas(manifests, name):
        return one(manifests, "Deployment", name)["spec"]["replicas"]

    for name in ("worker", "varnish"):
        assert replicas(production, name) > replicas(base, name)
    (base_hpa,) = objects(base, "HorizontalPodAutoscaler")
    (production_hpa,) = objects(production, "HorizontalPodAutoscaler")
    assert production_hpa["spec"]["maxReplicas"] > base_hpa["spec"]["maxReplicas"]
    assert production_hpa["spec"]["minReplicas"] >= base_hpa["spec"]["minReplicas"]

    (ingress,) = objects(production, "Ingress")
    host = ingress["spec"]["rules"][0]["host"]
    assert host.endswith(".example.org") and host != objects(base, "Ingress")[0]["spec"]["rules"][0]["host"]
    assert ingress["spec"]["tls"][0]["hosts"] == [host]
    config = app_config(production)
    assert host in config["ALLOWED_HOSTS"].split(",")
    assert f"https://{host}" in config["CSRF_TRUSTED_ORIGINS"].split(",")
    assert config["WAGTAILADMIN_BASE_URL"] == f"https://{host}"

    images = {container["image"] for _w, _t, container in containers(production) if container["name"] != "varnish"}
    assert len(images) == 1
    (image,) = images
    assert image.startswith("registry.example.org/techniekdocent:") and not image.endswith(":latest")
    assert {item["metadata"].get("namespace") for item in production} == {"techniekdocent"}


def test_the_migrate_job_migrates_and_the_image_collects_static_files(rendered):
    job = one(rendered, "Job", "migrate")
    (container,) = job["spec"]["template"]["spec"]["containers"]
    assert container["command"] == ["python", "manage.py", "migrate", "--noinput"]
    assert job["spec"]["template"]["spec"]["restartPolicy"] == "Never"
    # collectstatic runs when the image is built, so the Job need not (and the root filesystem is read-only).
    dockerfile = (ROOT / "Dockerfile").read_text(encoding="utf-8")
    assert "manage.py collectstatic --noinput" in dockerfile
    assert app_config(rendered)["STATIC_ROOT"] == "/app/staticfiles"


def test_the_ingress_goes_to_varnish_and_varnish_to_the_web_service(rendered):
    (ingress,) = objects(rendered, "Ingress")
    backend = ingress["spec"]["rules"][0]["http"]["paths"][0]["backend"]["service"]
    varnish_service = one(rendered, "Service", backend["name"])
    assert backend["port"]["name"] == "http"
    assert one(rendered, "Deployment", "varnish")["spec"]["template"]["spec"]["containers"][0]["ports"][0] == {
        "name": "http",
        "containerPort": 8080,
    }
    assert {port["name"] for port in varnish_service["spec"]["ports"]} == {"http", "purge"}
    # Two proxies in front of gunicorn: the ingress controller and Varnish.
    assert app_config(rendered)["TRUSTED_PROXIES"] == "2"

    text = vcl(rendered)
    assert text == (BASE / "default.vcl").read_text(encoding="utf-8")
    assert text.startswith("vcl 4.1;")
    assert 'include "backends.vcl";' in text
    web_service = one(rendered, "Service", "web")
    backend_host = re.search(r'backend web \{\s*\.host = "([^"]+)";\s*\.port = "(\d+)";', backends_vcl(rendered))
    assert backend_host[1] == web_service["metadata"]["name"]
    assert int(backend_host[2]) == web_service["spec"]["ports"][0]["port"]


def test_the_vcl_passes_what_belongs_to_one_visitor(base):
    text = (BASE / "default.vcl").read_text(encoding="utf-8")
    assert 'if (req.method != "GET" && req.method != "HEAD") {\n        return (pass);' in text
    assert "admin|gezond" in text
    # The cookies that make a visitor's answer their own are the ones Django sets.
    assert f"({settings.SESSION_COOKIE_NAME}|{settings.CSRF_COOKIE_NAME})=" in text
    assert "unset req.http.Cookie;" in text
    assert "set beresp.grace = 6h;" in text
    assert 'local.socket != "purge" || !(client.ip ~ purgers)' in text
    varnishd = one(base, "Deployment", "varnish")["spec"]["template"]["spec"]["containers"][0]["command"]
    assert "purge=:6091,HTTP" in varnishd and "http=:8080,HTTP" in varnishd
