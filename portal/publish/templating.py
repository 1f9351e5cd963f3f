"""The Jinja environment for the files the pipeline renders (sitemap, robots.txt, server
configurations): templates in ``portal/publish/templates/``, not Python strings."""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import jinja2

TEMPLATES = Path(__file__).parent / "templates"


@cache
def environment() -> jinja2.Environment:
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES),
        # XML and HTML are escaped; server configurations are not markup (their values are ours).
        autoescape=jinja2.select_autoescape(enabled_extensions=("xml.j2", "html.j2"), default=False),
        keep_trailing_newline=True,
        undefined=jinja2.StrictUndefined,
    )


def render(name: str, **context: Any) -> str:
    return environment().get_template(name).render(**context)
