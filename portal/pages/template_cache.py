"""Compile each Jinja template once, not once per language.

Events:
- ``on_env`` (default priority, every language build): mkdocs-static-i18n runs a full build
  per language and each creates a new Jinja environment, so every template was compiled three
  times (the largest single cost in the build profile, make bench). Jinja's own
  ``FileSystemBytecodeCache`` keeps the compiled code in the project's ``.cache/portal/jinja``
  (``build_cache.py``: never the shared /tmp); entries are keyed by each template's source
  checksum, so an edited template is always recompiled.
"""

from __future__ import annotations

from jinja2 import Environment, FileSystemBytecodeCache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files

from portal.build_cache import cache_folder, project_folder


def on_env(env: Environment, config: MkDocsConfig, files: Files) -> Environment:
    folder = cache_folder(project_folder(config.config_file_path), "jinja")
    env.bytecode_cache = FileSystemBytecodeCache(str(folder))
    return env
