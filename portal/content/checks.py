"""Check every Markdown file under ``docs/`` before anything is built.

Not a hook: ``page_schema.py`` (the build) and ``python -m scripts revisar`` (editors) both call
:func:`check_docs`, so the two always report the same problems with the same words.

Each problem is a :class:`content_schema.ContentError`: file, line, field, what is wrong and how
to fix it, in Spanish, for ministry staff.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from pydantic import ValidationError

from portal.content.html_policy import check_markdown, check_svg
from portal.content.markers import marker_problem
from portal.content.schema import ContentError, Event, PageMeta, explain, is_event_page

# libyaml's C loader when PyYAML has it (the wheels do): parsing every page is the slow part.
_BASE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class SAFE_LOADER(_BASE_LOADER):  # type: ignore[misc,valid-type]  # noqa: N801
    """The safe loader, but a date or time that does not exist (2026-02-30, 25:00) stays as
    the text written, so the schema reports it with its field and line instead of PyYAML
    raising a bare ValueError (a traceback)."""


def _timestamp_or_text(loader: yaml.SafeLoader, node: yaml.ScalarNode) -> object:
    try:
        return yaml.constructor.SafeConstructor.construct_yaml_timestamp(loader, node)
    except (ValueError, OverflowError):
        return loader.construct_scalar(node)


SAFE_LOADER.add_constructor("tag:yaml.org,2002:timestamp", _timestamp_or_text)
FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)?(?:---|\.\.\.)[ \t]*(?:\n|\Z)", re.DOTALL)
FENCE = re.compile(r"^\s*(```|~~~)")

IMAGE_WITHOUT_ALT = re.compile(r"!\[\s*\]\(")
# [text](target) and ![alt](target); targets without a scheme are checked against docs/.
LINK = re.compile(r"(!?)\[(?:[^\]]|\][^(])*\]\(\s*<?([^)\s>]+)>?(?:\s+\"[^\"]*\")?\s*\)")
HEADING = re.compile(r"^(#{1,6})\s+(.*?)\s*(?:\{[^}]*#([\w-]+)[^}]*\})?\s*#*\s*$")
EXPLICIT_ID = re.compile(r"\{[^}]*#([\w-]+)[^}]*\}")


@dataclass
class MarkdownFile:
    """A page under docs/<lang>/ split into its parts."""

    path: Path  # as shown to editors, relative to the repository
    lang: str
    slug: str  # path inside the language folder, e.g. "que-es-la-trata.md"
    text: str
    meta: dict[str, object] = field(default_factory=dict)
    meta_lines: list[str] = field(default_factory=list)
    body: str = ""
    body_first_line: int = 1


def prose_lines(text: str, first_line: int = 1) -> Iterable[tuple[int, str]]:
    """(line number, line) for each line outside fenced code blocks (code may show anything)."""
    in_fence = False
    for number, line in enumerate(text.splitlines(), start=first_line):
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if not in_fence:
            yield number, line


def markdown_files(docs_dir: Path) -> Iterable[Path]:
    return sorted(p for p in docs_dir.rglob("*.md") if p.is_file())


# PyYAML's usual complaints (its C reader, libyaml, words some differently), said so that an
# editor can act on them: (part of the message, what is wrong, how to fix it).
_INDENT = ("la sangría no es la misma en las líneas de un campo o de una lista",
           "Ponga el mismo número de espacios al inicio de cada elemento de la lista o campo.")
_YAML_PROBLEMS = (
    ("mapping values are not allowed", "hay dos puntos (:) donde no se esperaban",
     "Si un texto lleva dos puntos, póngalo entre comillas, por ejemplo: "
     "description: \"Trata: qué es y cómo pedir ayuda\". Revise también la línea anterior: "
     "cada campo empieza sin espacios y se escribe nombre: valor."),
    ("cannot start any token", "hay un carácter que no puede empezar un valor (una tabulación, @ o `)",
     "Use espacios en vez de la tecla Tab, y ponga entre comillas el texto que empieza con @ o `."),
    ("expected ':'", "falta ':' entre el nombre de un campo y su valor",
     "Escriba cada campo en su propia línea como nombre: valor."),
    ("unexpected end of stream", "unas comillas no se cierran",
     "Cierre las comillas al final del texto."),
    ("expected <block end>", *_INDENT),
    ("expected key", *_INDENT),
    ("expected '-' indicator", *_INDENT),
    ("expected ',' or ']'", "una lista entre corchetes [ ] no se cierra",
     "Cierre el corchete ] o escriba un elemento por línea, cada uno empezando por '- '."),
    ("unknown escape character", "hay una barra invertida (\\) dentro de comillas dobles",
     "Use comillas simples (') o quite la barra invertida."),
    ("alphabetic or numeric character", "un valor empieza con * o &",
     "Ponga ese texto entre comillas."),
    ("undefined alias", "un valor empieza con *",
     "Ponga ese texto entre comillas."),
)
_YAML_FIX = ("Revise la sangría, que cada campo tenga 'nombre: valor' y ponga entre comillas "
             "los textos que contienen dos puntos (:).")


def explain_yaml(problem: str) -> tuple[str, str]:
    """What is wrong and how to fix it, in Spanish, for one of PyYAML's error messages."""
    for part, what, fix in _YAML_PROBLEMS:
        if part in problem:
            return what, fix
    return f"formato no válido (el lector YAML dice: «{problem or 'sin detalle'}»)", _YAML_FIX


ENCODING_FIX = (
    "Guárdelo otra vez como UTF-8. En VS Code: haga clic en la codificación, abajo a la "
    "derecha (por ejemplo «Windows 1252»), elija «Guardar con codificación» y luego «UTF-8». "
    "En el Bloc de notas: Archivo → Guardar como → Codificación: UTF-8."
)


def decode_source(path_shown: str, raw: bytes) -> tuple[str, list[ContentError]]:
    """The text of a file written by an editor: UTF-8, with or without a BOM, with Windows
    (CRLF), old Mac (CR) or Unix line endings; any other encoding is a content error."""
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as bad:
        line = raw[: bad.start].count(b"\n") + 1
        return "", [ContentError(
            path_shown, line, None,
            "el archivo no está guardado como UTF-8 (tiene letras como á, ñ o ü escritas en "
            "otra codificación, por ejemplo Windows 1252 o Latin-1).", ENCODING_FIX,
        )]
    return normalise_newlines(text), []


def normalise_newlines(text: str) -> str:
    return text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")


def read_source(path: Path, path_shown: str) -> tuple[str, list[ContentError]]:
    return decode_source(path_shown, path.read_bytes())


def yaml_alias_problem(path_shown: str, raw: str, first_line: int) -> ContentError | None:
    """An anchor (&name) or alias (*name): YAML would repeat the value it names, and a few
    lines can expand to gigabytes ("billion laughs"). Editors never need them: refused before
    anything is built from the YAML. Scanning tokens is linear in the file's size."""
    if "&" not in raw and "*" not in raw:
        return None  # neither can start an anchor or an alias: skip the scan
    for token in yaml.scan(raw, Loader=_BASE_LOADER):
        if isinstance(token, (yaml.AliasToken, yaml.AnchorToken)):
            sign = "*" if isinstance(token, yaml.AliasToken) else "&"
            return ContentError(
                path_shown, first_line + token.start_mark.line, None,
                f"un valor empieza con {sign} (en YAML eso copia otro valor, y no se permite).",
                "Ponga ese texto entre comillas, por ejemplo: title: \"*Importante*\"",
            )
    return None


def load_yaml(path_shown: str, raw: str, first_line: int) -> tuple[object, list[ContentError]]:
    """YAML written by an editor (front matter or a data file), or the errors that explain
    why it cannot be read. ``first_line``: line of the file where ``raw`` starts."""
    try:
        alias = yaml_alias_problem(path_shown, raw, first_line)
        if alias:
            return None, [alias]
        return yaml.load(raw, Loader=SAFE_LOADER), []
    except yaml.YAMLError as bad:
        mark = getattr(bad, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        what, fix = explain_yaml(getattr(bad, "problem", None) or "")
        return None, [ContentError(path_shown, line, None, what, fix)]
    except RecursionError:
        return None, [ContentError(path_shown, first_line, None, "el YAML tiene demasiados "
                                   "niveles de sangría.", "Escriba los campos con menos niveles.")]


def split_front_matter(
    path_shown: str, text: str
) -> tuple[dict[str, object], list[str], str, int, list[ContentError]]:
    """Return (meta, front matter lines, body, first body line, errors)."""
    text = normalise_newlines(text)
    match = FRONT_MATTER.match(text)
    if not match:
        error = ContentError(
            path_shown, 1, None, "la página no tiene encabezado (front matter).",
            "Empiece el archivo con una línea '---', los campos title y description, y otra '---'.",
        )
        return {}, [], text, 1, [error]
    raw = match.group(1) or ""
    lines = raw.splitlines()
    body_first_line = text[: match.end()].count("\n") + 1
    loaded, errors = load_yaml(path_shown, raw, 2)
    if errors:
        error = errors[0]
        error = ContentError(path_shown, error.line, None,
                             f"el encabezado (front matter) está mal escrito: {error.problem.rstrip('.')}.",
                             error.fix)
        return {}, lines, text[match.end():], body_first_line, [error]
    meta = loaded or {}
    if not isinstance(meta, dict):
        error = ContentError(
            path_shown, 2, None, "el encabezado debe ser una lista de campos 'nombre: valor'.",
            "Escriba cada campo en su propia línea, por ejemplo: title: Mi página",
        )
        return {}, lines, text[match.end():], body_first_line, [error]
    return meta, lines, text[match.end():], body_first_line, []


def read_meta(path: Path) -> dict[str, object]:
    """A page's front matter, or {} when it has none or it is broken (check_docs reports that)."""
    text, errors = read_source(path, str(path))
    if errors:
        return {}
    meta, _, _, _, errors = split_front_matter(str(path), text)
    return {} if errors else meta


def check_body(page: MarkdownFile) -> list[ContentError]:
    problems: list[ContentError] = []
    if not page.body.strip():
        problems.append(ContentError(
            str(page.path), page.body_first_line, None, "la página está vacía.",
            "Escriba el contenido debajo del encabezado, o borre el archivo.",
        ))
        return problems
    offset = page.body_first_line - 1
    html_problems, comments = check_markdown(page.body)
    for found in html_problems:
        problems.append(ContentError(str(page.path), offset + found.line, None,
                                     found.problem + ".", found.fix))
    for comment in comments:
        wrong_marker = marker_problem(comment.text)
        if wrong_marker:
            problems.append(ContentError(str(page.path), offset + comment.line, None,
                                         wrong_marker[0] + ".", wrong_marker[1]))
    for number, line in prose_lines(page.body, page.body_first_line):
        if IMAGE_WITHOUT_ALT.search(line):
            problems.append(ContentError(
                str(page.path), number, None, "la imagen no tiene texto alternativo.",
                "Describa la imagen entre los corchetes: ![Descripción de la imagen](archivo.png)",
            ))
    return problems


def outside_links(folder: Path, repository: Path) -> list[Path]:
    """Symbolic links under folder whose target is outside the repository (or missing)."""
    import os

    root = repository.resolve()
    found: list[Path] = []
    if folder.is_symlink():
        return [folder] if not folder.resolve().is_relative_to(root) else []
    for current, dirs, files in os.walk(folder):
        for name in sorted(dirs + files):
            path = Path(current) / name
            if path.is_symlink() and not path.resolve().is_relative_to(root):
                found.append(path)
    return sorted(found)


def check_symlinks(folder: Path, repository: Path, shown_root: Path) -> list[ContentError]:
    """A link under docs/, data/ or overrides/ to a file outside the repository would publish
    that file (a key, another project's data) or break on the server: refused, by name."""
    problems = []
    for path in outside_links(folder, repository):
        problems.append(ContentError(
            path.relative_to(shown_root).as_posix(), None, None,
            "es un enlace simbólico a un archivo o carpeta fuera del repositorio "
            f"({path.readlink().as_posix()}): lo que enlaza se publicaría en el sitio.",
            "Bórrelo y copie en el repositorio el archivo que necesita, o corrija el enlace.",
        ))
    return problems


def check_svgs(folder: Path, shown_root: Path) -> list[ContentError]:
    """Every SVG under folder (docs/, overrides/assets/): html_policy.check_svg."""
    problems: list[ContentError] = []
    for path in sorted(folder.rglob("*.svg")):
        if path.is_symlink() or not path.is_file() or not path.resolve().is_relative_to(shown_root.resolve()):
            continue
        shown = path.relative_to(shown_root).as_posix()
        for found in check_svg(path.read_bytes()):
            problems.append(ContentError(shown, found.line, None, found.problem + ".", found.fix))
    return problems


def check_docs(docs_dir: Path, languages: list[str], shown_root: Path | None = None) -> list[ContentError]:
    """All content problems under docs_dir; ``languages[0]`` is the source language."""
    shown_root = shown_root or docs_dir.parent
    source = languages[0]
    problems: list[ContentError] = check_symlinks(docs_dir, shown_root, shown_root)
    refused = set(outside_links(docs_dir, shown_root))
    problems.extend(check_svgs(docs_dir, shown_root))
    pages: list[MarkdownFile] = []
    inside = shown_root.resolve()
    for path in markdown_files(docs_dir):
        # Also what lies under a refused link to a folder (rglob follows it): never read.
        if path in refused or not path.resolve().is_relative_to(inside):
            continue
        shown = path.relative_to(shown_root)
        relative = path.relative_to(docs_dir)
        lang = relative.parts[0] if len(relative.parts) > 1 else ""
        if lang not in languages:
            problems.append(ContentError(
                str(shown), None, None,
                f"la página está en una carpeta de idioma no configurada ('{lang or 'docs/'}').",
                f"Muévala a una de estas carpetas: {', '.join('docs/' + code for code in languages)}.",
            ))
            continue
        text, unreadable = read_source(path, str(shown))
        if unreadable:
            problems.extend(unreadable)
            continue
        meta, meta_lines, body, first, errors = split_front_matter(str(shown), text)
        problems.extend(errors)
        page = MarkdownFile(shown, lang, relative.relative_to(lang).as_posix(), text, meta,
                            meta_lines, body, first)
        pages.append(page)
        if not errors:
            # Event pages (docs/<lang>/eventos/<slug>.md) have their own schema.
            model = Event if is_event_page(page.slug) else PageMeta
            try:
                model.model_validate(meta)
            except ValidationError as invalid:
                problems.extend(explain(invalid, str(shown), meta_lines, 2, model))
        problems.extend(check_body(page))

    problems.extend(check_links(pages, docs_dir, source))
    sources = {p.slug for p in pages if p.lang == source}
    seen: dict[tuple[str, str], MarkdownFile] = {}
    for page in pages:
        if page.lang != source and page.slug not in sources:
            problems.append(ContentError(
                str(page.path), None, None,
                f"es una traducción sin página original en español (docs/{source}/{page.slug}).",
                "Cree primero la página en español con el mismo nombre de archivo, "
                "o corrija el nombre de este archivo.",
            ))
        key = (page.lang, _output_name(page.slug))
        if key in seen:
            problems.append(ContentError(
                str(page.path), None, None,
                f"produce la misma dirección web que {seen[key].path}.",
                "Cambie el nombre de uno de los dos archivos (use minúsculas y guiones).",
            ))
        else:
            seen[key] = page
    return problems


def _output_name(slug: str) -> str:
    """The URL a page gets, case-folded (servers on Windows or S3 differ on case)."""
    name = slug.removesuffix(".md")
    if name.endswith("/index") or name == "index":
        name = name.removesuffix("index").rstrip("/") + "/index"
    elif name.endswith("/README") or name == "README":
        name = name.removesuffix("README").rstrip("/") + "/index"
    return name.lower()


def heading_ids(markdown: str) -> set[str]:
    """Anchors a page offers: its headings' ids as the toc extension makes them, and {#ids}."""
    from markdown.extensions.toc import slugify

    ids: set[str] = set()
    for _, line in prose_lines(markdown):
        ids.update(EXPLICIT_ID.findall(line))
        heading = HEADING.match(line)
        if heading:
            text = re.sub(r"<[^>]+>|[*_`]|\[([^\]]*)\]\([^)]*\)", lambda m: m.group(1) or "", heading.group(2))
            base = heading.group(3) or slugify(text, "-")
            slug, n = base, 1
            while slug in ids:
                slug, n = f"{base}_{n}", n + 1
            ids.add(slug)
    return ids


def check_links(pages: list[MarkdownFile], docs_dir: Path, source: str) -> list[ContentError]:
    """Links to pages, anchors and images that do not exist, with the line where they are."""
    by_path = {(p.lang, p.slug): p for p in pages}
    anchors: dict[tuple[str, str], set[str]] = {}
    problems: list[ContentError] = []
    for page in pages:
        for number, line in prose_lines(page.body, page.body_first_line):
            for is_image, target in ((m.group(1), m.group(2)) for m in LINK.finditer(line)):
                if re.match(r"^[a-z][a-z0-9+.-]*:", target, re.I):
                    continue  # https:, tel:, mailto:, webcal:
                path_part, _, anchor = target.partition("#")
                folder = Path(page.slug).parent
                if not path_part:  # same page
                    target_page: MarkdownFile | None = page
                else:
                    slug = posixpath.normpath(posixpath.join(folder.as_posix(), path_part))
                    if slug.endswith(".md"):
                        # A missing translation falls back to the Spanish page.
                        target_page = by_path.get((page.lang, slug)) or by_path.get((source, slug))
                        if target_page is None:
                            problems.append(ContentError(
                                str(page.path), number, None,
                                f"el enlace '{target}' apunta a una página que no existe.",
                                "Revise el nombre del archivo (en la misma carpeta de idioma) o quite el enlace.",
                            ))
                            continue
                    else:
                        exists = (docs_dir / page.lang / slug).exists() or (docs_dir / source / slug).exists()
                        if not exists:
                            what = "la imagen" if is_image else "el archivo"
                            problems.append(ContentError(
                                str(page.path), number, None,
                                f"{what} '{target}' no existe.",
                                "Suba el archivo a la carpeta de la página o corrija su nombre.",
                            ))
                        continue
                if anchor and target_page is not None:
                    key = (target_page.lang, target_page.slug)
                    if key not in anchors:
                        anchors[key] = heading_ids(target_page.body)
                    if anchor not in anchors[key]:
                        problems.append(ContentError(
                            str(page.path), number, None,
                            f"el enlace '{target}' apunta a una sección que no existe ('#{anchor}').",
                            "Use el título de la sección en minúsculas, sin tildes y con guiones, "
                            "por ejemplo #como-pedir-ayuda, o enlace solo a la página.",
                        ))
    return problems
