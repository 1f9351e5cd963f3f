"""Run Debian's Apache and Caddy on 127.0.0.1 with the portal's generated configurations."""

from __future__ import annotations

import shutil
import subprocess
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tests.support.browser import apt_install

APACHE_MODULES = Path("/usr/lib/apache2/modules")
APACHE_CONFIG = """\
ServerName 127.0.0.1
Listen 127.0.0.1:{port}
PidFile {run}/httpd.pid
ErrorLog {run}/error.log
LoadModule mpm_event_module {modules}/mod_mpm_event.so
LoadModule authz_core_module {modules}/mod_authz_core.so
LoadModule dir_module {modules}/mod_dir.so
LoadModule mime_module {modules}/mod_mime.so
LoadModule headers_module {modules}/mod_headers.so
LoadModule rewrite_module {modules}/mod_rewrite.so
LoadModule alias_module {modules}/mod_alias.so
TypesConfig /etc/mime.types
User www-data
Group www-data
Alias {alias} {site}
<Directory {site}>
  AllowOverride All
  Require all granted
</Directory>
"""


def wait_until_up(url: str, process: subprocess.Popen[bytes] | None = None, seconds: float = 15) -> None:
    """Wait until url answers with a success (2xx; redirects are followed). An HTTP error
    (404, 502...) is not "up": the server may be starting, or be someone else's on that port.
    If ``process`` (the server) exits meanwhile, fail at once: it could not bind the port
    (:class:`~tests.support.site.PortInUse`) or its configuration was refused."""
    from tests.support.site import PortInUse

    deadline = time.monotonic() + seconds
    last = "no answer"
    while time.monotonic() < deadline:
        if process is not None and process.poll() is not None:
            raise PortInUse(f"the server exited with code {process.returncode} before answering at {url}")
        try:
            with urllib.request.urlopen(url, timeout=1) as response:
                if 200 <= response.status < 300:
                    if process is not None and process.poll() is not None:
                        continue  # what answered was not our server
                    return
                last = f"HTTP {response.status}"
        except urllib.error.HTTPError as error:
            last = f"HTTP {error.code}"
        except OSError as error:
            last = str(error)
        time.sleep(0.1)
    raise AssertionError(f"the server did not answer at {url} within {seconds} s ({last})")


def run_tmp_public() -> Path:
    from tests.support.site import run_tmp

    folder = run_tmp()
    folder.chmod(0o755)  # www-data walks through it to the copy
    return folder


def start_apache(site: Path, run: Path, prefix: str, port: int) -> subprocess.Popen[bytes]:
    if shutil.which("apache2") is None and not Path("/usr/sbin/apache2").exists():
        apt_install("apache2")
    # Apache's workers run as www-data, who cannot enter pytest's private temp folders:
    # serve a world-readable copy (with the site's own .htaccess) from this run's temporary
    # folder (not pytest's private one; removed with the run's folder, not left in /tmp).
    public = Path(tempfile.mkdtemp(prefix="apache-", dir=run_tmp_public()))
    shutil.copytree(site, public / "site")
    for path in [public, *public.rglob("*")]:
        path.chmod(0o755 if path.is_dir() else 0o644)
    config = run / "httpd.conf"
    config.write_text(APACHE_CONFIG.format(port=port, run=run, modules=APACHE_MODULES,
                                           alias=prefix.rstrip("/"), site=public / "site"), encoding="utf-8")
    process = subprocess.Popen(["/usr/sbin/apache2", "-f", str(config), "-DFOREGROUND"])
    wait_until_up(f"http://127.0.0.1:{port}{prefix}", process)
    return process


def start_caddy(caddyfile: str, run: Path, prefix: str, port: int) -> subprocess.Popen[bytes]:
    if shutil.which("caddy") is None:
        apt_install("caddy")
    path = run / "Caddyfile"
    path.write_text(caddyfile, encoding="utf-8")
    env = {"HOME": str(run), "XDG_DATA_HOME": str(run), "XDG_CONFIG_HOME": str(run), "PATH": "/usr/bin:/bin"}
    subprocess.run(["caddy", "validate", "--adapter", "caddyfile", "--config", str(path)],
                   check=True, capture_output=True, env=env, timeout=60)
    process = subprocess.Popen(["caddy", "run", "--adapter", "caddyfile", "--config", str(path)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env)
    wait_until_up(f"http://127.0.0.1:{port}{prefix}", process)
    return process
