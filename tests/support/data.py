"""The site's data files, read the way a test should: plain YAML, no hooks involved."""

from __future__ import annotations

import yaml

from tests.support.site import REPO, mkdocs_config


def data_file(name: str) -> dict:
    path = REPO / mkdocs_config()["extra"]["data_files"][name]
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def contacts() -> dict:
    return data_file("contacts")
