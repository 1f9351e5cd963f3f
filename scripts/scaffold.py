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


def new_page(
    docs: Path, languages: list[str], language: str, slug: str, title: str, description: str, with_sources: bool = False
) -> Path:
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


def new_event(docs: Path, source_language: str, slug: str, fields: dict[str, object]) -> Path:
    """Write docs/<es>/eventos/<slug>.md from flags after validating them with the Event
    schema, so an editor gets the schema's Spanish message instead of a broken page."""
    from pydantic import ValidationError

    from portal.content.schema import Event, explain

    slug = check_slug(slug)
    target = docs / source_language / "eventos" / f"{slug}.md"
    if target.exists():
        raise ScaffoldError(f"{target.relative_to(docs.parent)} ya existe: no se sobrescribe.")
    clean = {key: value for key, value in fields.items() if value not in (None, "", [])}
    for key in ("start", "end"):  # written as YAML dates, like the examples editors copy
        value = clean.get(key)
        if isinstance(value, str):
            try:
                clean[key] = dt.datetime.fromisoformat(value) if ":" in value else dt.date.fromisoformat(value)
            except ValueError:
                pass  # the schema explains what is wrong with it
    try:
        Event.model_validate(clean)
    except ValidationError as invalid:
        lines = yaml.safe_dump(clean, allow_unicode=True, sort_keys=False).splitlines()
        problems = explain(invalid, str(target.relative_to(docs.parent)), lines, 2, Event)
        raise ScaffoldError("\n".join(p.message() for p in problems)) from invalid
    target.parent.mkdir(parents=True, exist_ok=True)
    body = f"\n# {clean['title']}\n\n{clean['description']}\n"
    target.write_text(front_matter(clean) + body, encoding="utf-8")
    return target
