"""`revisar`: check all content and data files without building the site (fast)."""

from __future__ import annotations

from pathlib import Path

from mkdocs.exceptions import PluginError
from pydantic import BaseModel

from portal.content.checks import check_docs
from portal.content.schema import Contacts, InterfaceText
from portal.content.site_data import load_data_file

DATA_SCHEMAS: dict[str, type[BaseModel]] = {"contacts": Contacts, "ui": InterfaceText}


def review(repo: Path, docs: Path, languages: list[str], data_files: dict[str, str]) -> list[str]:
    problems = [problem.message() for problem in check_docs(docs, languages, shown_root=repo)]
    for name, relative in data_files.items():
        try:
            load_data_file(repo / relative, DATA_SCHEMAS[name], relative, languages)
        except PluginError as error:
            problems.append(str(error))
    return problems
