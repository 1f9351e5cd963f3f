"""Build caches live in the project's git-ignored .cache/portal/, never in the shared /tmp
(issue 13 item 8): another user of a build host could plant compiled templates or compressed
files there, and they would be published."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path
from types import SimpleNamespace

import pytest
from jinja2 import DictLoader, Environment

from tests.conftest import REPO
from tests.support.site import COMMAND_TIMEOUT


@pytest.fixture
def shared_tmp(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A stand-in for /tmp: the temp folder every user of the machine shares."""
    folder = tmp_path / "shared-tmp"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


def _config(project: Path, site: Path | None = None) -> SimpleNamespace:
    (project / "mkdocs.yml").write_text("site_name: x\n", encoding="utf-8")
    return SimpleNamespace(config_file_path=str(project / "mkdocs.yml"), site_dir=str(site), plugins={}, extra={})


def test_compiled_templates_are_cached_in_the_project(tmp_path: Path, shared_tmp: Path) -> None:
    from portal.pages import template_cache

    project = tmp_path / "project"
    project.mkdir()
    env = template_cache.on_env(Environment(loader=DictLoader({"a.html": "{{ 1 + 1 }}"})), _config(project), None)
    assert env.get_template("a.html").render() == "2"
    assert list((project / ".cache" / "portal" / "jinja").iterdir()), "no compiled template cached"
    assert not list(shared_tmp.iterdir())


def test_compressed_copies_are_cached_in_the_project(tmp_path: Path, shared_tmp: Path) -> None:
    from portal.publish.pipeline import STEPS

    project, site = tmp_path / "project", tmp_path / "project" / "site"
    site.mkdir(parents=True)
    (site / "index.html").write_text("<p>hola</p>" * 200, encoding="utf-8")
    step = next(step for step in STEPS if step.name == "precompress")
    step.run(site, SimpleNamespace(root=project))  # as the pipeline runs it, with the build's settings
    assert (site / "index.html.br").exists() and (site / "index.html.gz").exists()
    entries = sorted(p.name for p in (project / ".cache" / "portal" / "precompress").iterdir())
    assert len(entries) == 3 and entries[-1] == "digests.json", entries  # .br, .gz and their digests
    assert not list(shared_tmp.iterdir())


def _precompress_twice(tmp_path: Path) -> tuple[Path, Path, bytes]:
    from portal.publish.precompress import precompress

    cache, site = tmp_path / "cache", tmp_path / "site"
    site.mkdir()
    page = "<p>hola, ¿en qué le ayudamos?</p>" * 100
    (site / "index.html").write_text(page, encoding="utf-8")
    precompress(site, cache)
    (site / "index.html.br").unlink()
    precompress(site, cache)
    return cache, site, page.encode("utf-8")


def test_cached_copies_are_published_as_read_only_links(tmp_path: Path) -> None:
    """A hard link is a tenth of the cost of a new file; read-only, so that writing into the
    site's copy in place cannot change the cache entry later builds publish."""
    import brotli

    cache, site, page = _precompress_twice(tmp_path)
    published = site / "index.html.br"
    assert brotli.decompress(published.read_bytes()) == page
    entry = next(cache.glob("*.br"))
    assert published.samefile(entry), "the cached copy was not linked"
    assert published.stat().st_mode & 0o777 == 0o444


def test_a_changed_cache_entry_is_never_published(tmp_path: Path) -> None:
    """An entry whose bytes changed since it was made (root ignores 0444, or a disk error) is
    compressed again from the page."""
    import brotli

    cache, site, page = _precompress_twice(tmp_path)
    entry = next(cache.glob("*.br"))
    entry.chmod(0o644)
    entry.write_bytes(brotli.compress(b"<p>otra cosa</p>"))  # in place: the site's link too
    from portal.publish.precompress import precompress

    precompress(site, cache)
    assert brotli.decompress((site / "index.html.br").read_bytes()) == page
    assert brotli.decompress(next(cache.glob("*.br")).read_bytes()) == page


def test_copies_are_made_where_links_cannot_be(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The site on another file system than the project (a memory disk, a mounted volume)."""
    import errno
    import gzip
    import os

    def across_devices(source: object, target: object) -> None:
        raise OSError(errno.EXDEV, "Invalid cross-device link")

    monkeypatch.setattr(os, "link", across_devices)
    cache, site, page = _precompress_twice(tmp_path)
    published = site / "index.html.gz"
    assert gzip.decompress(published.read_bytes()) == page
    assert not published.samefile(next(cache.glob("*.gz")))
    assert published.stat().st_mode & 0o777 == 0o644


def test_minified_scripts_are_cached_in_the_project_by_content(
    tmp_path: Path, shared_tmp: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The second build of the same scripts reads them from the cache (without even importing
    the parser); a changed script is minified again."""
    import sys

    from portal.publish.pipeline import STEPS

    project, site = tmp_path / "project", tmp_path / "project" / "site"
    scripts = site / "assets" / "javascripts"
    scripts.mkdir(parents=True)
    source = "(function () { var longLocalName = 1; window.portalX = longLocalName; })();\n"
    step = next(step for step in STEPS if step.name == "minify assets")
    settings = SimpleNamespace(root=project, extra=SimpleNamespace(bundle_assets=True))

    (scripts / "a.js").write_text(source, encoding="utf-8")
    step.run(site, settings)
    first = (scripts / "a.js").read_text(encoding="utf-8")
    assert "longLocalName" not in first and "window.portalX" in first
    entries = list((project / ".cache" / "portal" / "minify-assets").iterdir())
    assert len(entries) == 1 and not list(shared_tmp.iterdir())

    for name in [name for name in sys.modules if name.startswith("calmjs")]:
        monkeypatch.delitem(sys.modules, name)
    monkeypatch.setitem(sys.modules, "calmjs.parse", None)  # importing it now fails
    (scripts / "a.js").write_text(source, encoding="utf-8")
    step.run(site, settings)
    assert (scripts / "a.js").read_text(encoding="utf-8") == first

    monkeypatch.delitem(sys.modules, "calmjs.parse")
    (scripts / "a.js").write_text(source.replace("portalX", "portalY"), encoding="utf-8")
    step.run(site, settings)
    assert "window.portalY" in (scripts / "a.js").read_text(encoding="utf-8")
    assert len(list((project / ".cache" / "portal" / "minify-assets").iterdir())) == 2


def test_the_cache_folder_is_ignored_by_git() -> None:
    ignored = subprocess.run(
        ["git", "check-ignore", "-q", ".cache/portal/jinja/x.cache"], cwd=REPO, check=False, timeout=COMMAND_TIMEOUT
    )
    assert ignored.returncode == 0, ".cache/ must be in .gitignore"


def test_a_cache_entry_is_whole_or_absent(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A build stopped while writing an entry (or two builds at once) leaves no cut-off entry
    that a later build would publish."""
    import os

    from portal.build_cache import write_atomic

    entry = tmp_path / "entry.br"
    write_atomic(entry, b"whole")
    assert entry.read_bytes() == b"whole"

    def stopped(*args: object) -> None:
        raise KeyboardInterrupt

    monkeypatch.setattr(os, "replace", stopped)
    with pytest.raises(KeyboardInterrupt):
        write_atomic(tmp_path / "other.br", b"never seen")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["entry.br"]


def test_social_images_are_drawn_once_for_what_they_show(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The same site name, label and numbers again: the cached image, not drawn again; a
    changed number draws a new one."""
    import dataclasses

    from mkdocs.config import load_config

    from portal.publish import social_image

    monkeypatch.chdir(REPO)
    config = load_config(str(REPO / "mkdocs.yml"))
    settings = config.plugins.on_config(config).extra["settings"]  # as the build reads them
    settings = dataclasses.replace(settings, root=tmp_path / "project")
    site = tmp_path / "site"
    social_image.write_images(site, settings)
    first = {p.name: p.read_bytes() for p in (site / "assets" / "images").iterdir()}
    assert sorted(first) == sorted(f"social-{lang.code}.png" for lang in settings.languages)

    def not_again(*args: object) -> None:
        raise AssertionError("drawn again")

    monkeypatch.setattr(social_image, "draw", not_again)
    social_image.write_images(site, settings)
    assert {p.name: p.read_bytes() for p in (site / "assets" / "images").iterdir()} == first

    contacts = settings.data["contacts"]
    lines = [line.model_copy(update={"short": line.short + "9"}) for line in contacts.lines]
    changed = {**settings.data, "contacts": contacts.model_copy(update={"lines": lines})}
    settings = dataclasses.replace(settings, data=changed)
    with pytest.raises(AssertionError, match="drawn again"):
        social_image.write_images(site, settings)
