"""Stop the build when any page breaks the content rules.

Events:
- ``on_pre_build`` (default priority), called by ``hooks/content.py`` in the outer (default
  language) build only: checks every Markdown
  file of every language with ``content_checks.check_docs`` before a single page is written,
  so a broken page in any language stops the build before ``site/`` changes. It also refuses
  symbolic links out of the repository under data/ and overrides/, and checks the theme's SVGs. The nested
  per-language builds skip it: the content was already checked once.

All problems are reported together, each with file, line, field and the fix, in Spanish.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from portal.build_cache import project_folder
from portal.content.checks import check_docs, check_svgs, check_symlinks
from portal.i18n_state import languages

log = logging.getLogger("mkdocs.hooks.page_schema")


def on_pre_build(config: MkDocsConfig) -> None:
    docs = Path(config.docs_dir)
    root = project_folder(config.config_file_path)
    problems = check_docs(docs, languages(config), shown_root=root)
    # The theme and the data files are published or read too (issue #13).
    for folder in (root / "data", root / "overrides"):
        if folder.exists():
            problems.extend(check_symlinks(folder, root, root))
    if (root / "overrides" / "assets").exists():
        problems.extend(check_svgs(root / "overrides" / "assets", root))
    if problems:
        for problem in problems:
            log.error(problem.message())
        raise Abort(
            f"Se encontraron {len(problems)} problema(s) en el contenido. "
            "Corríjalos y vuelva a construir el sitio."
        )
