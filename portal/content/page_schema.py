"""Stop the build when any page breaks the content rules.

Events:
- ``on_pre_build`` (default priority), called by ``hooks/content.py`` in the outer (default
  language) build only: checks every Markdown
  file of every language with ``content_checks.check_docs`` before a single page is written,
  so a broken page in any language stops the build before ``site/`` changes. The nested
  per-language builds skip it: the content was already checked once.

All problems are reported together, each with file, line, field and the fix, in Spanish.
"""

from __future__ import annotations

import logging
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

from portal.content.checks import check_docs
from portal.i18n_state import languages

log = logging.getLogger("mkdocs.hooks.page_schema")


def on_pre_build(config: MkDocsConfig) -> None:
    problems = check_docs(Path(config.docs_dir), languages(config))
    if problems:
        for problem in problems:
            log.error(problem.message())
        raise Abort(
            f"Se encontraron {len(problems)} problema(s) en el contenido. "
            "Corríjalos y vuelva a construir el sitio."
        )
