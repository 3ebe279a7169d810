"""A real varnishd with the site's VCL (deploy/k8s/base/default.vcl) in front of local backends, for the tests and
`make bench`. Only the backends differ from production: a backends.vcl written next to the working directory, on
varnishd's vcl_path, in place of the platform's (deploy/varnish/backends.vcl, deploy/k8s/base/backends.vcl)."""

import http.client
import re
import shutil
import subprocess
from pathlib import Path

from tests.helpers import free_port, port_open, wait_until

ROOT = Path(__file__).resolve().parents[1]
VCL = ROOT / "deploy" / "k8s" / "base" / "default.vcl"
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
VARNISHADM = shutil.which("varnishadm") or "/usr/bin/varnishadm"
BACKEND_HEALTHY = re.compile(r"^\S+\.app\d+\s+\S+\s+\S+\s+healthy\b", re.IGNORECASE)
VARNISHTEST = shutil.which("varnishtest") or "/usr/bin/varnishtest"


def available():
    return Path(VARNISHD).exists()


def backends_vcl(backends, probe_interval):
    """Round robin over backends [(host, port)], each probed on the app's readiness endpoint (as in production)."""
    lines = [
        "vcl 4.1;",
        "import directors;",
        "probe ready {",
        '    .request = "GET /gezond/klaar/ HTTP/1.1" "Host: localhost" "X-Forwarded-Proto: https"'
        ' "User-Agent: varnish-probe" "Connection: close";',
        "    .expected_response = 200;",
        f"    .interval = {probe_interval};",
        "    .timeout = 5s;",
        "    .window = 3;",
        "    .threshold = 2;",
        "    .initial = 2;",
        "}",
    ]
    for number, (host, port) in enumerate(backends):
        lines += [
            f"backend app{number} {{",
            f'    .host = "{host}";',
            f'    .port = "{port}";',
            "    .first_byte_timeout = 60s;",
            "    .probe = ready;",
            "}",
        ]
    lines += ["sub vcl_init {", "    new app = directors.round_robin();"]
    lines += [f"    app.add_backend(app{number});" for number in range(len(backends))]
    lines += ["}", "sub vcl_recv {", "    set req.backend_hint = app.backend();", "}"]
    return "\n".join(lines) + "\n"


class Varnish:
    """varnishd -F on free ports: ``port`` the public listener, ``purge_port`` the purge listener."""

    def __init__(self, backends, workdir, probe_interval="1s", storage="malloc,64M"):
        workdir = Path(workdir)
        workdir.mkdir(parents=True, exist_ok=True)
        (workdir / "backends.vcl").write_text(backends_vcl(backends, probe_interval))
        self.port = free_port()
        self.purge_port = free_port()
        self.purge_url = f"http://127.0.0.1:{self.purge_port}"
        self.base = f"http://127.0.0.1:{self.port}"
        self.name = workdir / "n"
        self.log = open(workdir / "varnishd.log", "wb")  # noqa: SIM115 (closed in stop)
        self.process = subprocess.Popen(
            [
                VARNISHD,
                "-F",
                # No privilege separation: the VCL compiler then reads the test's private directory (as root it would
                # otherwise switch to the varnish user, who may not).
                "-j",
                "none",
                "-n",
                str(workdir / "n"),
                "-a",
                f"http=127.0.0.1:{self.port},HTTP",
                "-a",
                f"purge=127.0.0.1:{self.purge_port},HTTP",
                "-f",
                str(VCL),
                "-p",
                f"vcl_path={workdir}",
                "-p",
                "ban_lurker_sleep=0.01",
                "-s",
                storage,
            ],
            stdout=self.log,
            stderr=subprocess.STDOUT,
        )
        try:
            wait_until(lambda: port_open(self.port) or self.process.poll() is not None, 30, "varnishd to listen")
            if self.process.poll() is not None:
                raise RuntimeError((workdir / "varnishd.log").read_text())
        except Exception:
            self.stop()
            raise

    def request(self, path, method="GET", headers=None, body=None, port=None):
        return request(port or self.port, path, method, headers, body)

    def healthy_backends(self):
        """How many backends Varnish's probes find healthy now (varnishadm backend.list)."""
        listing = subprocess.run(
            [VARNISHADM, "-n", str(self.name), "backend.list"], capture_output=True, text=True, timeout=20
        )
        # One line per backend (boot.app0, boot.app1, ...) and one for the round-robin director (boot.app).
        return sum(bool(BACKEND_HEALTHY.match(line)) for line in listing.stdout.splitlines())

    def purge(self, path, headers=None):
        return self.request(path, "PURGE", headers, port=self.purge_port).status

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        self.log.close()


class Response:
    def __init__(self, response, text):
        self.status = response.status
        self.headers = {name.lower(): value for name, value in response.getheaders()}
        self.cookies = {}
        for name, value in response.getheaders():
            if name.lower() == "set-cookie":
                cookie_name, _, rest = value.partition("=")
                self.cookies[cookie_name] = rest.split(";")[0]
        self.text = text


def request(port, path, method="GET", headers=None, body=None):
    """One request to 127.0.0.1:port on a fresh connection (Host: localhost unless given)."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request(method, path, body=body, headers={"Host": "localhost", **(headers or {})})
        response = connection.getresponse()
        return Response(response, response.read().decode("utf-8", "replace"))
    finally:
        connection.close()


def cached_object(headers):
    """X-Varnish on a hit is "this request's id, the stored object's id": the id a page was stored under."""
    ids = headers["x-varnish"].split()
    return ids[1] if len(ids) == 2 else None
