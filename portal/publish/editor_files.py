"""Write the browser editor (Sveltia CMS) into ``site/admin/``.

Events:
- pipeline step (``portal.publish.pipeline``, slot B: after the stylesheets have their
  fingerprinted names, before precompress), online only: the offline copy has no editor. Only
  when ``extra.editor.enabled`` (``PORTAL_EDITOR=1``, set by ``make build``).

What it writes:
- ``config.yml``: generated from the content schema (``portal/editor/cms_config.py``);
- ``index.html`` (``templates/admin.html.j2``): ``noindex``, its own Content-Security-Policy
  (``server_config.ADMIN_CONTENT_SECURITY_POLICY``);
- ``sveltia-cms.js``: Sveltia's bundle, copied from ``tools/cms/node_modules`` (pinned in
  ``tools/cms/package-lock.json``, installed by ``make cms``). The bundle fetches its fonts from
  cdn.jsdelivr.net and its interface strings and version check from unpkg.com; the copy points
  those addresses at files served from ``admin/`` (``REWRITES``), so the editor makes no request
  to another site. A new Sveltia version that changes them stops the build here (PublishError)
  instead of silently loading them from a CDN;
- ``fonts/``, ``chunks/``, ``cms@<version>/locales/<locale>.json``, ``cms/package.json``: those
  files; ``cms/estado.json``: an empty answer for the forges' status checks (``STATUS_CHECKS``);
- ``preferencias.js`` (interface in Spanish), ``vista-previa.js`` (the preview pane uses the
  site's stylesheets: their fingerprinted names are found here, after ``fingerprint``).
"""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import yaml

from portal.editor.cms_config import GENERATED, EditorTarget, site_config
from portal.publish import PublishError
from portal.publish.server_config import ADMIN_META_CONTENT_SECURITY_POLICY
from portal.publish.templating import render
from portal.settings import Settings

ADMIN = "admin"
PACKAGE = Path("tools/cms/node_modules/@sveltia/cms")
STATIC = Path(__file__).resolve().parents[1] / "editor" / "static"
# Sveltia ships Spanish as es-CO (the only Spanish it has).
LOCALE = "es-CO"
# (address in the bundle, file in its npm package, where admin/ serves it)
FONTS = (
    (
        "https://cdn.jsdelivr.net/fontsource/fonts/source-sans-3:vf@5.3.0/latin-wght-normal.woff2",
        "npm/assets/source-sans-3-latin-wght-normal-BqRLTx4X.woff2",
        "fonts/source-sans-3.woff2",
    ),
    (
        "https://cdn.jsdelivr.net/fontsource/fonts/noto-mono@5.3.0/latin-400-normal.woff2",
        "npm/assets/noto-mono-latin-400-normal-DiC8lJru.woff2",
        "fonts/noto-mono.woff2",
    ),
    (
        "https://cdn.jsdelivr.net/fontsource/fonts/material-symbols-outlined:vf@5.3.7/latin-wght-normal.woff2",
        "npm/assets/material-symbols-outlined-latin-wght-normal-_Z1IJPLg.woff2",
        "fonts/material-symbols-outlined.woff2",
    ),
)
# Sveltia's own files on unpkg (interface strings, version check): served from admin/cms...
UNPKG_SELF = "`https://unpkg.com/@sveltia/cms`"
UNPKG_LOCAL = "`cms`"
# The forges' status pages, asked on every load to show an incident banner: pointed at an
# empty local file (status "unknown": no banner), so the editor asks no third party. Staff
# can still open githubstatus.com / status.gitlab.com themselves.
STATUS_CHECKS = (
    "`https://www.githubstatus.com/api/v2/status.json`",
    "`https://status-api.hostedstatus.com/1.0/status/5b36dc6502d06804c08349f7`",
)
STATUS_LOCAL = "`cms/estado.json`"
# Fixes of Sveltia 0.221.1 bugs, each the same change as upstream's source (sveltia/sveltia-cms,
# src/lib/components/contents/details/locale-switcher.svelte: ``validities[locale] ?? {}``).
# An entry missing in one language (events have no Kichwa pages yet) threw "Cannot convert
# undefined or null to object" when saved. A version without the bug no longer has this text
# and stops the build: then delete the fix.
#
# Not a bug upstream, a choice for this site (same guard: the build stops if the text changes):
# saving one language of a page rewrote the files of every language (Sveltia writes every
# locale of an entry on each save, re-serialised: quotes changed, `search_exclude: false`
# added). A Spanish correction then touched the Kichwa draft under native review and the
# English translation. The save now skips a language whose values the editor did not change
# (`HA` is the bundle's deep-equal, `v.draft` the draft); new entries and newly added languages are
# still written. tests/test_editor.py checks that only the edited files change.
ONLY_CHANGED_LOCALES = (
    "await Promise.all(s.map(async e=>{let t=await CDe({...v,locale:e});t&&f.push(t)}))",
    "await Promise.all(s.map(async e=>{let d=v.draft;if(!d.isNew&&d.originalLocales?.[e]&&"
    "d.currentLocales?.[e]&&(0,HA.default)(d.originalValues?.[e],d.currentValues?.[e]))return;"
    "let t=await CDe({...v,locale:e});t&&f.push(t)}))",
)
BUGFIXES = (
    ("Object.values(R(l)[t]).some(({valid:e})=>!e)", "Object.values(R(l)[t]??{}).some(({valid:e})=>!e)"),
    ONLY_CHANGED_LOCALES,
)


def vendor_folder(settings: Settings) -> Path:
    return settings.root / PACKAGE


def write_editor(site: Path, settings: Settings) -> None:
    if not settings.extra.editor.enabled:
        return
    vendor = vendor_folder(settings)
    bundle = vendor / "dist" / "sveltia-cms.js"
    if not bundle.is_file():
        raise PublishError(
            f"no encuentro el editor (Sveltia CMS) en {PACKAGE}/dist/sveltia-cms.js. "
            "Instálelo con: make cms (npm ci --prefix tools/cms), o construya con make build."
        )
    version = str(json.loads((vendor / "package.json").read_text(encoding="utf-8"))["version"])
    admin = site / ADMIN
    admin.mkdir(exist_ok=True)
    (admin / "sveltia-cms.js").write_text(local_bundle(bundle.read_text(encoding="utf-8")), encoding="utf-8")
    for _, source, target in FONTS:
        _copy(vendor / source, admin / target)
    for chunk in (vendor / "dist" / "chunks").glob("*.js"):
        (admin / "chunks").mkdir(exist_ok=True)
        (admin / "chunks" / chunk.name).write_text(
            _without_source_map(chunk.read_text(encoding="utf-8")), encoding="utf-8"
        )
    _copy(vendor / "locales" / f"{LOCALE}.json", admin / f"cms@{version}" / "locales" / f"{LOCALE}.json")
    (admin / "cms").mkdir(exist_ok=True)
    # The version check finds this version: no "new version available" banner, no request.
    (admin / "cms" / "package.json").write_text(json.dumps({"version": version}), encoding="utf-8")
    (admin / "cms" / "estado.json").write_text("{}", encoding="utf-8")
    for script in STATIC.glob("*.js"):
        _copy(script, admin / script.name)
    (admin / "config.yml").write_text(config_yaml(settings), encoding="utf-8")
    (admin / "index.html").write_text(
        render(
            "admin.html.j2",
            csp=ADMIN_META_CONTENT_SECURITY_POLICY,
            generated=GENERATED,
            locale=LOCALE,
            preview_styles=preview_styles(site),
        ),
        encoding="utf-8",
    )


def local_bundle(text: str) -> str:
    """The bundle with its CDN addresses pointed at files admin/ serves."""
    replacements = [(address, f"./{target}") for address, _, target in FONTS]
    replacements.append((UNPKG_SELF, UNPKG_LOCAL))
    replacements += [(address, STATUS_LOCAL) for address in STATUS_CHECKS]
    replacements += list(BUGFIXES)
    for old, new in replacements:
        if old not in text:
            raise PublishError(
                f"el editor (Sveltia CMS) ya no contiene '{old}': la versión instalada cambió la "
                "forma de cargar sus archivos. Revise FONTS/UNPKG_SELF en "
                "portal/publish/editor_files.py antes de publicar (sin esto cargaría archivos de un CDN)."
            )
        text = text.replace(old, new)
    return _without_source_map(text)


def _without_source_map(text: str) -> str:
    """The .map files are not copied: no pointer to them (browsers' developer tools ask)."""
    return re.sub(r"\n//# sourceMappingURL=\S+\s*$", "\n", text)


def preview_styles(site: Path) -> list[str]:
    """The site's screen stylesheets (Material's, then the portal's), relative to admin/."""
    folder = site / "assets" / "stylesheets"
    material = sorted(p for p in folder.glob("main.*.min.css"))
    palette = sorted(p for p in folder.glob("palette.*.min.css"))
    portal = sorted(p for p in folder.glob("portal.*.css"))
    return [f"../{p.relative_to(site).as_posix()}" for p in (*material, *palette, *portal)]


def config_yaml(settings: Settings) -> str:
    editor = settings.extra.editor
    ui_file = settings.root / settings.extra.data_files.get("ui", "data/interfaz.yml")
    keys = list((yaml.safe_load(ui_file.read_text(encoding="utf-8")) or {}).keys())
    type_labels = {
        key.removeprefix("events_type_"): str(texts.get(settings.languages.default.code, ""))
        for key, texts in (yaml.safe_load(ui_file.read_text(encoding="utf-8")) or {}).items()
        if key.startswith("events_type_") and isinstance(texts, dict)
    }
    config = site_config(
        settings.languages.codes,
        EditorTarget(editor.backend, editor.repo, editor.branch, editor.base_url, editor.app_id),
        settings.site_url,
        keys,
        docs_folder=settings.docs.relative_to(settings.root).as_posix(),
        data_files=settings.extra.data_files,
        type_labels=type_labels,
    )
    return f"# {GENERATED}\n" + yaml.safe_dump(config, allow_unicode=True, sort_keys=False, width=100)


def _copy(source: Path, target: Path) -> None:
    target.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(source, target)
