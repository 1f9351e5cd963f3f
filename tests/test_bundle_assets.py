"""Bundling and minifying the site's assets (portal/publish/bundle_assets.py, minify_assets.py):
unit tests on a small folder, and build tests on the session-built site."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from portal.publish import PublishError
from portal.publish.bundle_assets import bundle_assets, join_js, runs
from portal.publish.minify_assets import minify_assets
from tests.support.site import COMMAND_TIMEOUT

PAGE = """<html><head>
<link rel="stylesheet" href="{p}assets/stylesheets/main.0123456789.min.css">
<link rel="stylesheet" href="{p}assets/stylesheets/palette.0123456789.min.css">
<link rel="stylesheet" href="{p}assets/stylesheets/portal.css">
<link rel="stylesheet" href="{p}assets/stylesheets/print.css">
</head><body>
<script src="{p}assets/javascripts/quick-exit.js"></script>
<script src="{p}assets/javascripts/controls.js"></script>
{listen}<script src="{p}assets/javascripts/search-page.js"></script>
</body></html>
"""


def _site(tmp_path: Path) -> Path:
    css = tmp_path / "assets" / "stylesheets"
    js = tmp_path / "assets" / "javascripts"
    css.mkdir(parents=True)
    js.mkdir(parents=True)
    (css / "main.0123456789.min.css").write_text('@charset "UTF-8";.a{color:red}', encoding="utf-8")
    (css / "palette.0123456789.min.css").write_text('@charset "UTF-8";.b{color:blue}', encoding="utf-8")
    (css / "portal.css").write_text("/* note */\n.c {\n  color: green;\n}\n", encoding="utf-8")
    (css / "print.css").write_text("@media print { .d { display: none; } }\n", encoding="utf-8")
    for name in ("quick-exit", "controls", "listen", "search-page"):
        (js / f"{name}.js").write_text(
            f"/* {name} */\n(function () {{\n  window.{name.replace('-', '_')} = 1;\n}})();\n", encoding="utf-8"
        )
    (tmp_path / "index.html").write_text(
        PAGE.format(p="", listen='<script src="assets/javascripts/listen.js"></script>\n'), encoding="utf-8"
    )
    (tmp_path / "en").mkdir()
    (tmp_path / "en" / "buscar.html").write_text(PAGE.format(p="../", listen=""), encoding="utf-8")
    return tmp_path


def _refs(page: Path) -> list[str]:
    soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
    return [tag.get("href") or tag.get("src") for tag in soup.select("link[rel=stylesheet], script[src]")]


def test_pages_name_one_stylesheet_and_one_common_script(tmp_path: Path) -> None:
    site = _site(tmp_path)
    minify_assets(site)
    bundles = bundle_assets(site)
    home, search = _refs(site / "index.html"), _refs(site / "en" / "buscar.html")
    css, js_all, page_js = home
    assert re.fullmatch(r"assets/stylesheets/site\.[0-9a-f]{10}\.css", css)
    assert re.fullmatch(r"assets/javascripts/site\.[0-9a-f]{10}\.js", js_all)
    assert page_js == "assets/javascripts/search-page.js"  # page-specific: left alone
    # Same stylesheet bundle from another folder (relative prefix kept); no listen: another script bundle.
    assert search[0] == "../" + css and search[1] != "../" + js_all and search[2] == "../" + page_js
    assert len(bundles) == 3
    text = (site / css).read_text(encoding="utf-8")
    # Page order kept; @charset only first; our CSS minified (comments gone).
    assert text.index(".a{") < text.index(".b{") < text.index(".c{") < text.index("@media print")
    assert text.count("@charset") == 1 and text.startswith("@charset") and "note" not in text
    # The separate files stay for the editor's preview and maintainers.
    assert (site / "assets" / "stylesheets" / "portal.css").exists()


def test_quick_exit_comes_first_and_a_failing_part_does_not_stop_the_next(tmp_path: Path) -> None:
    site = _site(tmp_path)
    bundle_assets(site)
    script = site / _refs(site / "index.html")[1]
    text = script.read_text(encoding="utf-8")
    assert text.index("quick_exit") < text.index("controls") < text.index("listen")
    node = subprocess.run(["node", "--version"], capture_output=True, check=False, timeout=COMMAND_TIMEOUT)
    if node.returncode != 0:
        pytest.skip("node not installed")
    broken = join_js(["window.a = 1;", "throw new Error('boom');", "window.c = 3;"])
    program = (
        "var window = globalThis, seen = []; process.on('uncaughtException', function (e) { seen.push(e.message); });"
        f"{broken}; setTimeout(function () {{ console.log(window.a, window.c, seen.join()); }}, 20);"
    )
    done = subprocess.run(["node", "-e", program], capture_output=True, text=True, check=False,
                          timeout=COMMAND_TIMEOUT)
    # The third part ran after the second failed, and the error was still reported.
    assert done.stdout.strip() == "1 3 boom", done


def test_the_search_pages_two_scripts_become_one_bundle_of_their_own(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "assets" / "javascripts" / "search-engine.js").write_text("window.engine = 1;\n", encoding="utf-8")
    search_page = site / "buscar.html"
    search_page.write_text(
        PAGE.format(p="", listen='<script src="assets/javascripts/listen.js"></script>\n').replace(
            '<script src="assets/javascripts/search-page.js">',
            '<script src="assets/javascripts/search-engine.js"></script>\n<script src="assets/javascripts/search-page.js">',
        ),
        encoding="utf-8",
    )
    bundle_assets(site)
    _css, common, search = _refs(search_page)
    assert common == _refs(site / "index.html")[1]  # the common bundle is the one every page caches
    assert re.fullmatch(r"assets/javascripts/search\.[0-9a-f]{10}\.js", search)
    text = (site / search).read_text(encoding="utf-8")
    assert text.index("window.engine") < text.index("search_page") and "quick_exit" not in text


def test_runs_need_adjacent_tags_with_the_same_prefix() -> None:
    html = (
        '<script src="assets/javascripts/quick-exit.js"></script><p>x</p>'
        '<script src="assets/javascripts/controls.js"></script>'
        '<script src="../assets/javascripts/listen.js"></script>'
    )
    assert runs(html, "js") == []


def test_a_missing_part_stops_the_build_in_spanish(tmp_path: Path) -> None:
    site = _site(tmp_path)
    (site / "assets" / "javascripts" / "controls.js").unlink()
    with pytest.raises(PublishError, match=r"\.html: la página enlaza assets/javascripts/controls\.js, que no existe"):
        bundle_assets(site)


def test_minify_keeps_hashed_theme_files_and_shrinks_ours(tmp_path: Path) -> None:
    site = _site(tmp_path)
    theme = (site / "assets/stylesheets/main.0123456789.min.css").read_text(encoding="utf-8")
    sizes = minify_assets(site)
    assert "assets/stylesheets/main.0123456789.min.css" not in sizes
    assert (site / "assets/stylesheets/main.0123456789.min.css").read_text(encoding="utf-8") == theme
    assert all(after < before for before, after in sizes.values()), sizes
    assert "/*" not in (site / "assets/javascripts/controls.js").read_text(encoding="utf-8")


# --- the built site ------------------------------------------------------------------------


def test_built_pages_load_one_stylesheet_and_one_common_script(site: Path) -> None:
    """The same two files on every kind of page (search and 404 included): cached once."""
    shared: set[str] = set()
    for path in ("index.html", "que-es-la-trata.html", "en/eventos/index.html", "qu/buscar.html", "404.html"):
        soup = BeautifulSoup((site / path).read_text(encoding="utf-8"), "html.parser")
        sheets = [tag["href"] for tag in soup.select("link[rel=stylesheet]")]
        scripts = [tag["src"] for tag in soup.select("script[src]")]
        assert len(sheets) == 1 and "/site." in "/" + sheets[0], (path, sheets)
        assert "/site." in "/" + scripts[0], (path, scripts)
        assert not any(re.search(r"(quick-exit|controls|listen)\.", s) for s in scripts), (path, scripts)
        shared |= {sheets[0].rsplit("/", 1)[-1], scripts[0].rsplit("/", 1)[-1]}
    assert len(shared) == 2, shared


def test_built_scripts_are_minified(site: Path) -> None:
    for script in (site / "assets" / "javascripts").glob("*.js"):
        text = script.read_text(encoding="utf-8")
        assert "/*" not in text and "\n  " not in text, script.name


def test_scripts_lose_their_local_names_but_keep_globals_and_properties() -> None:
    from portal.publish.minify_assets import minify_js

    small = minify_js("(function () { var engineState = 1; window.PortalThing = { create: function (options) {"
                      " return options.keys + engineState; } }; })();")
    assert "engineState" not in small and "options" not in small  # local names shortened
    assert "window.PortalThing" in small and "create:" in small and ".keys" in small
    # A script the ES5 parser cannot read keeps its names: whitespace and comments only.
    assert minify_js("const add = (first) => first + 1; // note\n") == "const add=(first)=>first+1;\n"


def test_every_script_of_ours_is_es5_so_none_falls_back() -> None:
    from calmjs.parse import es5  # type: ignore[import-untyped]

    from tests.support.site import REPO

    scripts = sorted((REPO / "overrides" / "assets" / "javascripts").glob("*.js"))
    assert scripts
    for script in scripts:
        es5(script.read_text(encoding="utf-8"))  # raises ECMASyntaxError, naming the line
