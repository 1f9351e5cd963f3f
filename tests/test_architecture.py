"""The build's shape (issue 15): few thin entry points, no module loaded twice, typed
settings, and one publishing pipeline that runs in order without MkDocs."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from portal.publish import pipeline
from portal.settings import SettingsError, read_extra
from scripts.project import Project
from tests.support.site import COMMAND_TIMEOUT, REPO


def test_at_most_five_thin_entry_points() -> None:
    hooks = Project.load().config["hooks"]
    assert len(hooks) <= 5
    for hook in hooks:
        assert hook.startswith("hooks/"), hook
        code = [line for line in (REPO / hook).read_text(encoding="utf-8").splitlines()
                if line.strip() and not line.lstrip().startswith(("#", "from ", "import "))]
        assert len(code) < 60, f"{hook} is not thin"


def test_no_module_is_loaded_twice() -> None:
    """MkDocs loads each entry point by path; the portal package must then be imported once,
    under one name, by the hooks, the scripts and the pipeline alike."""
    probe = """
import json, sys
from mkdocs.config import load_config
load_config("mkdocs.yml")
import scripts.project, scripts.review, portal.publish.pipeline  # what tools import
by_file = {}
for name, module in list(sys.modules.items()):
    path = getattr(module, "__file__", None)
    if path and "/portal/" in path or path and "/hooks/" in path and "site-packages" not in path:
        by_file.setdefault(path, []).append(name)
print(json.dumps(by_file))
"""
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True,
                            check=True, env={"NO_MKDOCS_2_WARNING": "1", "PATH": "/usr/bin:/bin"},
                            timeout=COMMAND_TIMEOUT)
    by_file: dict[str, list[str]] = json.loads(result.stdout.strip().splitlines()[-1])
    assert any(path.endswith("portal/pages/ui_context.py") for path in by_file)
    twice = {path: names for path, names in by_file.items() if len(names) > 1}
    assert not twice, f"loaded under two names: {twice}"


def test_pipeline_does_not_import_mkdocs() -> None:
    probe = "import sys, portal.publish.pipeline; print(sorted(m for m in sys.modules if m.startswith('mkdocs')))"
    result = subprocess.run([sys.executable, "-c", probe], cwd=REPO, capture_output=True, text=True, check=True,
                            timeout=COMMAND_TIMEOUT)
    assert result.stdout.strip() == "[]"


def test_pipeline_order() -> None:
    names = [step.name for step in pipeline.STEPS]
    # fingerprint matches href="..." before minify may unquote it; PDFs print final pages;
    # precompress copies the final bytes of every file, so it is last.
    assert names.index("fingerprint") < names.index("minify") < names.index("pdfs")
    assert names.index("social images") < names.index("precompress")
    # Images are brought under the budget after the social images are drawn, before the PDFs embed them.
    assert names.index("social images") < names.index("image budget") < names.index("pdfs")
    assert names[-1] == "precompress"
    # The editor names the fingerprinted stylesheets for its preview pane; its files are
    # precompressed like the rest; the offline copy has no editor.
    assert names.index("fingerprint") < names.index("editor") < names.index("precompress")
    assert next(step for step in pipeline.STEPS if step.name == "editor").online_only
    # The theme CSS trimmer changes a stylesheet and gives it its own hashed name: before
    # fingerprint (slot A), and before minify (it rewrites the quoted href="..." of the pages).
    assert names.index("trim theme css") < names.index("fingerprint")
    # Our scripts/stylesheets are minified, then bundled (the bundle joins the minified
    # files and the trimmed theme CSS, and is named by its hash): after the trimmer, which
    # reads the separate files, and before fingerprint (slot A) and minify (quoted href).
    assert names.index("trim theme css") < names.index("minify assets") < names.index("bundle assets")
    assert names.index("bundle assets") < names.index("fingerprint")


def test_pipeline_skips_server_steps_offline(tmp_path: Path) -> None:
    calls: list[str] = []

    class _Offline:
        offline = True

    steps = (pipeline.Step("a", lambda s, c: calls.append("a")),
             pipeline.Step("b", lambda s, c: calls.append("b"), online_only=True),
             pipeline.Step("c", lambda s, c: calls.append("c"), online_only=True,
                           offline_run=lambda s, c: calls.append("c-offline")))
    pipeline.run(tmp_path, _Offline(), steps)  # type: ignore[arg-type]
    assert calls == ["a", "c-offline"]


def _extra() -> dict[str, object]:
    class _Loader(yaml.SafeLoader):
        pass

    _Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    return dict(config["extra"])


def test_settings_read_the_real_mkdocs_yml() -> None:
    extra = read_extra(_extra())
    assert extra.search.stemmers and extra.quick_exit_url.startswith("https://")


def test_misspelt_setting_is_an_error_naming_the_key() -> None:
    extra = _extra()
    search = dict(extra["search"])  # type: ignore[call-overload]
    search["stemers"] = search.pop("stemmers")
    with pytest.raises(SettingsError) as error:
        read_extra({**extra, "search": search})
    assert str(error.value) == "mkdocs.yml, extra.search.stemers: clave desconocida. ¿Quiso decir 'stemmers'?"


def test_unknown_top_level_setting_is_an_error() -> None:
    with pytest.raises(SettingsError, match=r"extra\.ofline: clave desconocida\. ¿Quiso decir 'offline'\?"):
        read_extra({**_extra(), "ofline": True})


def test_every_command_a_test_runs_has_a_time_limit() -> None:
    """A hung command fails its test instead of holding the run until CI's limit: every
    subprocess.run / check_output / check_call in tests/ passes ``timeout=``. (Servers started
    with Popen are stopped by their fixtures.)"""
    import ast

    missing = []
    for path in sorted((REPO / "tests").rglob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if (isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
                    and isinstance(node.func.value, ast.Name) and node.func.value.id == "subprocess"
                    and node.func.attr in {"run", "check_output", "check_call", "call"}
                    and not any(keyword.arg == "timeout" for keyword in node.keywords)):
                missing.append(f"{path.relative_to(REPO)}:{node.lineno}")
    assert not missing, f"subprocess calls without timeout= (use tests.support.site.COMMAND_TIMEOUT): {missing}"
