"""Run Debian's nginx on 127.0.0.1 with the portal's shipped configuration."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from pathlib import Path

from tests.support.browser import apt_install
from tests.support.servers import wait_until_up

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


BROTLI_MODULE = Path("/usr/lib/nginx/modules/ngx_http_brotli_static_module.so")


def start_nginx(site_config: str, run_dir: Path, port: int, modules: bool = False) -> subprocess.Popen[bytes]:
    """Start nginx in the foreground; ``modules`` loads Debian's brotli_static module."""
    binary = ensure_nginx()
    run_dir.mkdir(parents=True, exist_ok=True)
    (run_dir / "portal.conf").write_text(site_config, encoding="utf-8")
    # As root, workers would drop to "nobody", who cannot read pytest's private temp folders.
    user = "user root;" if os.geteuid() == 0 else ""
    include = f"load_module {BROTLI_MODULE};" if modules else ""
    (run_dir / "nginx.conf").write_text(MAIN_CONFIG.format(run=run_dir, user=user, modules=include),
                                        encoding="utf-8")
    test = subprocess.run([binary, "-t", "-c", str(run_dir / "nginx.conf"), "-p", str(run_dir)],
                          capture_output=True, text=True, check=False, timeout=60)
    if test.returncode != 0:
        raise AssertionError(f"nginx rejected the shipped configuration:\n{test.stderr}")
    process = subprocess.Popen([binary, "-c", str(run_dir / "nginx.conf"), "-p", str(run_dir)])
    # Fails here, not later, if nginx did not start; the site's own prefix must answer 200.
    prefix = re.search(r"location \^~ (/\S*)", site_config)
    wait_until_up(f"http://127.0.0.1:{port}{prefix.group(1) if prefix else '/'}", process)
    return process
