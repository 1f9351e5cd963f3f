"""Create new content files from flags, with valid front matter. Never overwrites a file."""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import yaml

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


class ScaffoldError(Exception):
    """A problem the editor must fix (message in Spanish)."""


def check_slug(slug: str) -> str:
    slug = slug.removesuffix(".md")
    if not SLUG.match(slug):
        raise ScaffoldError(
            f"el nombre '{slug}' no es válido. Use solo minúsculas sin tildes, números y guiones, "
            "por ejemplo: trata-laboral"
        )
    return slug


def front_matter(fields: dict[str, object]) -> str:
    body = yaml.safe_dump(fields, allow_unicode=True, sort_keys=False, default_flow_style=False)
    return f"---\n{body}---\n"


def new_page(docs: Path, languages: list[str], language: str, slug: str, title: str,
             description: str, with_sources: bool = False) -> Path:
    slug = check_slug(slug)
    if language not in languages:
        raise ScaffoldError(f"el idioma '{language}' no está configurado. Use uno de: {', '.join(languages)}.")
    source = docs / languages[0] / f"{slug}.md"
    if language != languages[0] and not source.exists():
        raise ScaffoldError(
            f"no existe la página original en español ({source.relative_to(docs.parent)}). "
            "Créela primero con --idioma es."
        )
    target = docs / language / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(docs.parent)} ya existe: no se sobrescribe.")
    fields: dict[str, object] = {"title": title, "description": description}
    if with_sources:
        fields["last_verified"] = dt.date.today()
        fields["sources"] = [{"title": "Título de la fuente", "publisher": "Institución"}]
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(front_matter(fields) + f"\n# {title}\n\nEscriba aquí el contenido.\n", encoding="utf-8")
    return target
