"""Run Debian's nginx, Apache and Caddy on 127.0.0.1 with the portal's generated
configurations, over HTTPS with a self-signed certificate made for the test run.

Ports: each server is started on ports picked just before it binds them; if it cannot bind
them (another program took them meanwhile), it is started again on new ports
(``start_on_free_ports``). A server is "up" when it answers 200 at the site's address, not
when it answers anything (``wait_until_up``).
"""

from __future__ import annotations

import shutil
import socket
import ssl
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from portal.publish import server_config
from tests.support.debian import apt_install

APACHE_MODULES = Path("/usr/lib/apache2/modules")
APACHE_CONFIG = """\
ServerName 127.0.0.1
Listen 127.0.0.1:{http_port}
Listen 127.0.0.1:{https_port}
PidFile {run}/httpd.pid
ErrorLog {run}/error.log
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule dir_module {modules}/mod_dir.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule headers_module {modules}/mod_headers.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule alias_module {modules}/mod_alias.so
LoadModule socache_shmcb_module {modules}/mod_socache_shmcb.so
LoadModule ssl_module {modules}/mod_ssl.so
SSLSessionCache shmcb:{run}/ssl_scache(512000)
TypesConfig /etc/mime.types
User www-data
Group www-data
Include {run}/portal-site.conf
"""
TIMEOUT = 15  # seconds for a server to answer after it starts


class ServerDidNotStart(AssertionError):
    """The server exited before answering (typically: its port was taken)."""


@dataclass(frozen=True)
class Ports:
    http: int
    https: int


@dataclass(frozen=True)
class Certificate:
    """A self-signed certificate for 127.0.0.1 (made with openssl in a temporary folder)."""

    certificate: Path
    key: Path

    def context(self) -> ssl.SSLContext:
        """A client context that trusts only this certificate (hostname checked)."""
        return ssl.create_default_context(cafile=str(self.certificate))

    def https(self, ports: Ports, hsts: bool = True) -> server_config.Https:
        return server_config.Https(
            "127.0.0.1",
            str(self.certificate),
            str(self.key),
            http_port=ports.http,
            https_port=ports.https,
            address="127.0.0.1",
            hsts=hsts,
        )


def make_certificate(folder: Path) -> Certificate:
    folder.mkdir(parents=True, exist_ok=True)
    certificate, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        [
            "openssl",
            "req",
            "-x509",
            "-newkey",
            "rsa:2048",
            "-nodes",
            "-days",
            "2",
            "-subj",
            "/CN=127.0.0.1",
            "-addext",
            "subjectAltName=IP:127.0.0.1",
            "-keyout",
            str(key),
            "-out",
            str(certificate),
        ],
        check=True,
        capture_output=True,
        timeout=60,
    )
    for path in (folder, certificate, key):  # Apache's and Caddy's readers need to enter
        path.chmod(0o755 if path.is_dir() else 0o644)
    return Certificate(certificate, key)


def _run_tmp_public() -> Path:
    """This run's own temporary folder (removed with the run), readable by Apache's www-data."""
    from tests.support.site import run_tmp

    folder = run_tmp()
    folder.chmod(0o755)
    return folder


def _unused_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def start_on_free_ports(
    start: Callable[[Ports], subprocess.Popen[bytes]], attempts: int = 5
) -> tuple[subprocess.Popen[bytes], Ports]:
    """Pick two unused ports right before ``start`` binds them; on ``ServerDidNotStart``
    (the ports were taken in between), try again with new ones."""
    failures: list[str] = []
    for _ in range(attempts):
        ports = Ports(_unused_port(), _unused_port())
        if ports.http == ports.https:
            continue
        try:
            return start(ports), ports
        except ServerDidNotStart as error:
            failures.append(str(error))
    raise AssertionError("the server did not start on any port:\n" + "\n".join(failures))


def wait_until_up(
    url: str,
    process: subprocess.Popen[bytes] | None = None,
    context: ssl.SSLContext | None = None,
    timeout: float = TIMEOUT,
) -> None:
    """Wait until ``url`` answers 200. An HTTP error is not "up" (a misconfigured server, or
    another program on the port): it keeps waiting and reports the last answer."""
    deadline = time.monotonic() + timeout
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise ServerDidNotStart(f"the server exited with code {process.returncode} before answering {url}")
        try:
            with urllib.request.urlopen(url, timeout=2, context=context) as response:
                if response.status == 200:
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except OSError as error:
            last = str(error)
        time.sleep(0.1)
    if process is not None:
        process.terminate()
        process.wait(timeout=10)
    raise AssertionError(f"the server did not answer 200 at {url} within {timeout} s (last: {last})")


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def public_copy(site: Path) -> Path:
    """Apache's workers run as www-data, who cannot enter pytest's private temp folders:
    a world-readable copy (with the site's own .htaccess) in a folder in /tmp."""
    public = Path(tempfile.mkdtemp(prefix="portal-apache-", dir=_run_tmp_public()))
    shutil.copytree(site, public / "site")
    for path in [public, *public.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    return public / "site"


def start_apache(
    public: Path, run: Path, prefix: str, certificate: Certificate
) -> tuple[subprocess.Popen[bytes], Ports]:
    """Apache with the generated virtual hosts (``server_config.apache_site``) and the
    site's own .htaccess, on HTTPS and HTTP (redirecting). ``public``: a copy of the site
    that www-data can read (``public_copy``)."""
    if shutil.which("apache2") is None and not Path("/usr/sbin/apache2").exists():
        apt_install("apache2")

    def start(ports: Ports) -> subprocess.Popen[bytes]:
        (run / "portal-site.conf").write_text(
            server_config.apache_site(prefix, str(public), certificate.https(ports)), encoding="utf-8"
        )
        config = run / "httpd.conf"
        config.write_text(
            APACHE_CONFIG.format(http_port=ports.http, https_port=ports.https, run=run, modules=APACHE_MODULES),
            encoding="utf-8",
        )
        process = subprocess.Popen(["/usr/sbin/apache2", "-f", str(config), "-DFOREGROUND"])
        wait_until_up(f"https://127.0.0.1:{ports.https}{prefix}", process, certificate.context())
        return process

    return start_on_free_ports(start)


def start_caddy(
    make_caddyfile: Callable[[Ports], str], run: Path, prefix: str, certificate: Certificate
) -> tuple[subprocess.Popen[bytes], Ports]:
    if shutil.which("caddy") is None:
        apt_install("caddy")
    path = run / "Caddyfile"
    env = {"HOME": str(run), "XDG_DATA_HOME": str(run), "XDG_CONFIG_HOME": str(run), "PATH": "/usr/bin:/bin"}

    def start(ports: Ports) -> subprocess.Popen[bytes]:
        # No admin endpoint: it would listen on the fixed port 2019 (one Caddy per machine).
        caddyfile = make_caddyfile(ports).replace("\n{\n", "\n{\n\tadmin off\n", 1)
        assert "admin off" in caddyfile, "the Caddyfile has no global options block"
        path.write_text(caddyfile, encoding="utf-8")
        subprocess.run(
            ["caddy", "validate", "--adapter", "caddyfile", "--config", str(path)],
            check=True,
            capture_output=True,
            env=env,
            timeout=60,
        )
        process = subprocess.Popen(
            ["caddy", "run", "--adapter", "caddyfile", "--config", str(path)],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            env=env,
        )
        wait_until_up(f"https://127.0.0.1:{ports.https}{prefix}", process, certificate.context())
        return process

    return start_on_free_ports(start)
