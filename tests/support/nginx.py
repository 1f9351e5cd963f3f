"""Run Debian's nginx on 127.0.0.1 with the portal's shipped configuration."""

from __future__ import annotations

import os
import shutil
import ssl
import subprocess
from collections.abc import Callable
from pathlib import Path

from tests.support.debian import BROTLI_MODULE, apt_install
from tests.support.servers import Certificate, Ports, start_on_free_ports, wait_until_up

MAIN_CONFIG = """\
{user}
{modules}
worker_processes 1;
daemon off;
pid {run}/nginx.pid;
error_log {run}/error.log;
events {{}}
http {{
  include /etc/nginx/mime.types;
  default_type application/octet-stream;
  access_log off;
  client_body_temp_path {run}/body;
  proxy_temp_path {run}/proxy;
  fastcgi_temp_path {run}/fastcgi;
  uwsgi_temp_path {run}/uwsgi;
  scgi_temp_path {run}/scgi;
  include {run}/portal.conf;
}}
"""


def ensure_nginx() -> str:
    binary = shutil.which("nginx") or "/usr/sbin/nginx"
    if not Path(binary).exists():
        apt_install("nginx-light")
    return binary


def ensure_brotli() -> bool:
    """Debian's brotli_static module for nginx (libnginx-mod-http-brotli-static), installed
    with apt-get when missing; False if Debian does not have it."""
    if not BROTLI_MODULE.exists():
        ensure_nginx()
        try:
            apt_install("libnginx-mod-http-brotli-static")
        except Exception:  # noqa: BLE001 - said by the caller (served with gzip only)
            return False
    return BROTLI_MODULE.exists()


def start_nginx(
    site_config: str,
    run_dir: Path,
    port: int,
    modules: bool = False,
    path: str = "/",
    scheme: str = "http",
    context: ssl.SSLContext | None = None,
) -> subprocess.Popen[bytes]:
    """Start nginx in the foreground and wait until ``scheme://127.0.0.1:port path`` answers
    200; ``modules`` loads Debian's brotli_static module."""
    binary = ensure_nginx()
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "portal.conf").write_text(site_config, encoding="utf-8")
    # As root, workers would drop to "nobody", who cannot read pytest's private temp folders.
    user = "user root;" if os.geteuid() == 0 else ""
    include = f"load_module {BROTLI_MODULE};" if modules else ""
    (run_dir / "nginx.conf").write_text(MAIN_CONFIG.format(run=run_dir, user=user, modules=include), encoding="utf-8")
    test = subprocess.run(
        [binary, "-t", "-c", str(run_dir / "nginx.conf"), "-p", str(run_dir)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    if test.returncode != 0:
        raise AssertionError(f"nginx rejected the shipped configuration:\n{test.stderr}")
    process = subprocess.Popen([binary, "-c", str(run_dir / "nginx.conf"), "-p", str(run_dir)])
    # Fails here, not later, if nginx did not start (ServerDidNotStart if it exited: port taken).
    wait_until_up(f"{scheme}://127.0.0.1:{port}{path}", process, context)
    return process


def start_nginx_on_free_ports(
    make_config: Callable[[Ports], str], run_dir: Path, prefix: str, certificate: Certificate, modules: bool = False
) -> tuple[subprocess.Popen[bytes], Ports]:
    """nginx over HTTPS (and HTTP, redirecting) on ports picked just before it binds them."""

    def start(ports: Ports) -> subprocess.Popen[bytes]:
        return start_nginx(make_config(ports), run_dir, ports.https, modules, prefix, "https", certificate.context())

    return start_on_free_ports(start)
