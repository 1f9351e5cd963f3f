"""What editors may write as raw HTML, Markdown images and SVG: an allowlist, read with a parser.

Not a hook: ``content_checks`` (every page, every build and ``revisar``) and ``content_schema``
(data-file texts that end up in a page's Markdown) call it, so all input obeys one policy.

Why our own walker over the standard library's ``html.parser`` rather than nh3: nh3 cleans
HTML (it returns a safe copy) but does not say *where* and *what* it removed, and an editor
needs the file, the line and what to write instead. ``html.parser`` reports every tag,
attribute (already un-escaped: ``jav&#97;script:`` arrives as ``javascript:``) and comment with
its line. The rules are an allowlist: a tag, attribute or URL scheme that is not listed here is
refused, whatever it is.

The rendered page must never make the reader's browser contact another site (for a person at
risk that request is the leak): every address the browser *loads* by itself (``src``,
``srcset``, ``poster``, ``data``, styles) must be relative. Links (``href``) may point at other
sites: the reader decides to follow them.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from html.parser import HTMLParser

# --- The allowlist ------------------------------------------------------------------------

# Tags an editor may write in a page. Everything for text structure; images only from the site.
ALLOWED_TAGS = frozenset({
    "a", "abbr", "b", "blockquote", "br", "caption", "cite", "code", "col", "colgroup", "dd",
    "del", "details", "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "h1", "h2", "h3",
    "h4", "h5", "h6", "hr", "i", "img", "ins", "kbd", "li", "mark", "ol", "p", "picture", "pre",
    "q", "s", "samp", "small", "source", "span", "strong", "sub", "summary", "sup", "table",
    "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul", "var", "wbr",
})
# Attributes allowed on every allowed tag. ``markdown`` is md_in_html's switch.
GLOBAL_ATTRIBUTES = frozenset({"class", "id", "lang", "title", "dir", "markdown",
                               "aria-label", "aria-hidden", "aria-describedby"})
TAG_ATTRIBUTES: dict[str, frozenset[str]] = {
    "a": frozenset({"href", "hreflang", "rel", "type"}),
    "img": frozenset({"src", "alt", "width", "height", "srcset", "sizes", "loading", "decoding"}),
    "source": frozenset({"srcset", "type", "media", "sizes"}),
    "td": frozenset({"colspan", "rowspan", "headers"}),
    "th": frozenset({"colspan", "rowspan", "headers", "scope", "abbr"}),
    "col": frozenset({"span"}),
    "colgroup": frozenset({"span"}),
    "ol": frozenset({"start", "reversed", "type"}),
    "li": frozenset({"value"}),
    "time": frozenset({"datetime"}),
    "details": frozenset({"open"}),
    "blockquote": frozenset({"cite"}),
    "q": frozenset({"cite"}),
    "del": frozenset({"cite", "datetime"}),
    "ins": frozenset({"cite", "datetime"}),
}
# Addresses the browser follows only when the reader clicks: these schemes, or relative.
LINK_ATTRIBUTES = frozenset({"href", "cite"})
LINK_SCHEMES = frozenset({"http", "https", "mailto", "tel", "webcal"})
# Addresses the browser loads by itself: relative only (same site).
REQUEST_ATTRIBUTES = frozenset({"src", "srcset", "poster", "data"})
# Class names: the portal's own (portal-…), Material's admonition types and buttons. Other
# theme layout classes (md-…) could hide or cover the help bar and the quick exit.
ALLOWED_CLASS = re.compile(
    r"^(?:portal-[a-z0-9-]+|admonition|note|abstract|info|tip|success|question|warning|"
    r"failure|danger|bug|example|quote|md-button|md-button--primary)$"
)

# --- What to write instead, for the usual mistakes ------------------------------------------

_USE_MARKDOWN = "Bórrelo y escriba el texto con Markdown (por ejemplo **negrita**, listas con '- ')."
_LINK_IT = ("Bórrelo y ponga un enlace en su lugar, por ejemplo: "
            "[Ver el vídeo](https://www.youtube.com/…). El lector decide si lo abre.")
TAG_ADVICE: dict[str, tuple[str, str]] = {
    "script": ("los scripts no están permitidos en el contenido", "Bórrelo."),
    "noscript": ("los scripts no están permitidos en el contenido", "Bórrelo."),
    "style": ("los estilos no están permitidos en el contenido: el portal da el aspecto "
              "de todas las páginas", _USE_MARKDOWN),
    "link": ("<link> carga archivos de otro sitio o cambia el aspecto de la página",
             "Bórrelo. Para enlazar otra página use [texto](dirección)."),
    "meta": ("<meta> cambia cómo se comporta la página (puede redirigir al lector a otro sitio)",
             "Bórrelo: el título y la descripción van en el encabezado (title, description)."),
    "base": ("<base> cambia a dónde llevan todos los enlaces de la página", "Bórrelo."),
    "iframe": ("un <iframe> carga otra página dentro de esta (y la avisa de cada lector)", _LINK_IT),
    "frame": ("un <frame> carga otra página dentro de esta", _LINK_IT),
    "object": ("un objeto incrustado (<object>) carga contenido de otro sitio", _LINK_IT),
    "embed": ("un objeto incrustado (<embed>) carga contenido de otro sitio", _LINK_IT),
    "video": ("los vídeos incrustados no están permitidos (pesan mucho en redes lentas)", _LINK_IT),
    "audio": ("el audio incrustado no está permitido", _LINK_IT),
    "form": ("los formularios envían datos a otro sitio",
             "Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…)."),
    "input": ("los campos de formulario no están permitidos",
              "Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…)."),
    "button": ("los botones no están permitidos en el contenido",
               "Use un enlace: [texto](dirección)."),
    "textarea": ("los campos de formulario no están permitidos",
                 "Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…)."),
    "select": ("los campos de formulario no están permitidos",
               "Bórrelo y enlace al formulario oficial: [Formulario de denuncia](https://…)."),
    "svg": ("el SVG escrito dentro de la página no está permitido",
            "Guarde el dibujo como archivo .svg en la carpeta de la página y enlácelo así: "
            "![Descripción](dibujo.svg)"),
    "math": ("las fórmulas MathML no están permitidas", _USE_MARKDOWN),
    "font": ("<font> cambia el aspecto de la página", _USE_MARKDOWN),
    "center": ("<center> cambia el aspecto de la página", _USE_MARKDOWN),
    "marquee": ("<marquee> cambia el aspecto de la página", _USE_MARKDOWN),
}
IMAGE_FIX = ("Las imágenes deben estar en el sitio: descárguela, guárdela en docs/assets/images/ "
             "(o en la carpeta de la página) y enlácela así: ![Descripción](../assets/images/archivo.png)")


@dataclass(frozen=True)
class HtmlProblem:
    """One thing outside the allowlist: where (line and column inside the text), what, fix."""

    line: int  # 1-based, inside the text that was checked
    problem: str
    fix: str


@dataclass(frozen=True)
class Comment:
    line: int
    text: str  # without <!-- and -->


# --- URLs --------------------------------------------------------------------------------

_IGNORED_IN_URL = re.compile(r"[\x00-\x20\x7f]+")  # browsers drop these before the scheme
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")


def url_scheme(url: str) -> str | None:
    """The scheme as a browser reads it ("JaVa\\tScript:" is "javascript"), or None."""
    match = _SCHEME.match(_IGNORED_IN_URL.sub("", url).lower())
    return match.group(1) if match else None


def is_same_site(url: str) -> bool:
    """True for a relative address: no scheme and not "//host" (nor "/\\host", which browsers
    read as "//host")."""
    cleaned = _IGNORED_IN_URL.sub("", url).replace("\\", "/")
    return url_scheme(cleaned) is None and not cleaned.startswith("//")


def srcset_urls(value: str) -> list[str]:
    """The addresses in a srcset ("a.png 1x, b.png 2x")."""
    return [candidate.split()[0] for candidate in value.split(",") if candidate.split()]


def link_problem(url: str) -> tuple[str, str] | None:
    """What is wrong with an address the reader may follow (href), or None."""
    scheme = url_scheme(url)
    if scheme is None or scheme in LINK_SCHEMES:
        return None
    return (f"el enlace usa '{scheme}:', que no está permitido (puede ejecutar código o "
            "esconder contenido)",
            "Use una dirección que empiece por https://, o un enlace a una página del portal, "
            "por ejemplo [Pida ayuda](pide-ayuda.md).")


def request_problem(attribute: str, url: str, tag: str) -> tuple[str, str] | None:
    """What is wrong with an address the browser loads by itself, or None."""
    urls = srcset_urls(url) if attribute == "srcset" else [url]
    for one in urls:
        if not is_same_site(one):
            what = "la imagen" if tag in {"img", "source", "picture"} else "el archivo"
            return (f"{what} se carga desde otro sitio ('{one}'): al abrir la página, el "
                    "navegador del lector avisaría a ese sitio", IMAGE_FIX)
    return None


def attribute_problem(tag: str, name: str, value: str | None) -> tuple[str, str] | None:
    """What is wrong with one attribute of an allowed tag, or None."""
    if name.startswith("on"):
        return (f"el atributo {name}= ejecuta código en el navegador del lector",
                f"Borre {name}=\"…\"; el resto de la etiqueta puede quedarse.")
    if name == "style":
        return ("el atributo style= cambia el aspecto de la página (puede esconder la ayuda)",
                "Bórrelo: el portal da el aspecto. Para resaltar un texto use **negrita**.")
    if name not in GLOBAL_ATTRIBUTES and name not in TAG_ATTRIBUTES.get(tag, frozenset()):
        allowed = sorted(GLOBAL_ATTRIBUTES | TAG_ATTRIBUTES.get(tag, frozenset()))
        return (f"el atributo {name}= no está permitido en <{tag}>",
                f"Bórrelo. En <{tag}> se permiten: {', '.join(allowed)}.")
    value = value or ""
    if name in LINK_ATTRIBUTES:
        return link_problem(value)
    if name in REQUEST_ATTRIBUTES:
        return request_problem(name, value, tag)
    if name == "class":
        refused = [c for c in value.split() if not ALLOWED_CLASS.match(c)]
        if refused:
            return (f"la clase '{refused[0]}' no es del contenido del portal (cambia el aspecto "
                    "de la página)",
                    "Bórrela. Se permiten las clases que empiezan por portal-, los tipos de "
                    "aviso (note, info, warning, tip, danger) y md-button.")
    return None


def tag_problem(tag: str) -> tuple[str, str] | None:
    if tag in ALLOWED_TAGS:
        return None
    if tag in TAG_ADVICE:
        what, fix = TAG_ADVICE[tag]
        return f"HTML no permitido (<{tag}>): {what}", fix
    return (f"HTML no permitido (<{tag}>)",
            f"{_USE_MARKDOWN} Etiquetas HTML permitidas: {', '.join(sorted(ALLOWED_TAGS))}.")


# --- The walker ---------------------------------------------------------------------------


class _Walker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[HtmlProblem] = []
        self.comments: list[Comment] = []

    def _add(self, found: tuple[str, str] | None) -> None:
        if found:
            self.problems.append(HtmlProblem(self.getpos()[0], *found))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        refused = tag_problem(tag)
        if refused:
            self._add(refused)
            return
        for name, value in attrs:
            self._add(attribute_problem(tag, name, value))

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)

    def handle_comment(self, data: str) -> None:
        self.comments.append(Comment(self.getpos()[0], data))

    def handle_decl(self, decl: str) -> None:
        self._add(("HTML no permitido (<!...>)", "Bórrelo."))

    def handle_pi(self, data: str) -> None:
        self._add(("HTML no permitido (<?...>)", "Bórrelo."))

    def unknown_decl(self, data: str) -> None:
        self._add(("HTML no permitido (<![...]>)", "Bórrelo."))


def check_html(text: str) -> tuple[list[HtmlProblem], list[Comment]]:
    """Every tag, attribute and comment of an HTML text against the allowlist."""
    walker = _Walker()
    try:
        walker.feed(text)
        walker.close()
    except (AssertionError, ValueError):
        # html.parser gives up on some broken markup ("<![a"): say where, never a traceback.
        walker.problems.append(HtmlProblem(
            walker.getpos()[0], "hay HTML mal escrito ('<!' o '<![' sin cerrar)",
            "Bórrelo. Si quería mostrar el símbolo <, escríbalo entre comillas invertidas: `<`"))
    return walker.problems, walker.comments


# --- Markdown source ----------------------------------------------------------------------

_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?:.+?)\1")
# <https://…>, <mailto:…> and <name@example.org> are Markdown autolinks, not HTML.
_AUTOLINK = re.compile(r"<(?:[A-Za-z][A-Za-z0-9+.-]{1,31}:[^\s<>]*|[^\s<>@]+@[^\s<>]+)>")
# ![alt](target "title") and ![alt][ref] / [ref]: target
_IMAGE = re.compile(r"!\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\s*\)")
_IMAGE_REF = re.compile(r"!\[((?:[^\]\\]|\\.)*)\]\[([^\]]*)\]")
_REFERENCE = re.compile(r"^ {0,3}\[([^\]]+)\]:\s*<?(\S+?)>?(?:\s.*)?$")
_MD_LINK = re.compile(r"(?<!!)\[(?:[^\]\\]|\\.)*\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'(][^)]*)?\s*\)")
# attr_list: {: #id .class key="value" } after a heading, paragraph, link or image.
_ATTR_LIST = re.compile(r"\{:?[ ]*([^}\n ][^}\n]*)[ ]*\}")


def _blank(text: str) -> str:
    """Same length and line breaks, nothing to parse: keeps line numbers of what follows."""
    return re.sub(r"[^\n]", " ", text)


def markdown_without_code(markdown: str) -> str:
    """The Markdown source with fenced code, code spans and autolinks blanked out (code may
    show any HTML as text), same lines."""
    out: list[str] = []
    fence: str | None = None
    for line in markdown.split("\n"):
        match = _FENCE.match(line)
        if fence is None and match:
            fence = match.group(1)[0]
            out.append("")
            continue
        if fence is not None:
            if match and match.group(1)[0] == fence:
                fence = None
            out.append("")
            continue
        line = _CODE_SPAN.sub(lambda m: _blank(m.group(0)), line)
        out.append(_AUTOLINK.sub(lambda m: _blank(m.group(0)), line))
    return "\n".join(out)


def _attr_list_problems(prose: str) -> Iterator[HtmlProblem]:
    from markdown.extensions.attr_list import get_attrs_and_remainder

    for number, line in enumerate(prose.split("\n"), start=1):
        for match in _ATTR_LIST.finditer(line):
            attrs, _ = get_attrs_and_remainder(match.group(1))
            for name, value in attrs:
                if name == ".":
                    name = "class"
                if name.startswith("on") or name in {"style", "class"} | REQUEST_ATTRIBUTES | LINK_ATTRIBUTES:
                    found = attribute_problem("span", name, value)
                    if found:
                        yield HtmlProblem(number, found[0], found[1])


def check_markdown(markdown: str) -> tuple[list[HtmlProblem], list[Comment]]:
    """Raw HTML, images, link schemes and attribute lists of a Markdown text; lines from 1."""
    prose = markdown_without_code(markdown)
    problems, comments = check_html(prose) if "<" in prose else ([], [])
    references: dict[str, tuple[int, str]] = {}
    lines = prose.split("\n")
    for number, line in enumerate(lines, start=1):
        reference = _REFERENCE.match(line)
        if reference:
            references[reference.group(1).strip().lower()] = (number, reference.group(2))
    for number, line in enumerate(lines, start=1):
        for target in _IMAGE.findall(line):
            found = request_problem("src", target, "img")
            if found:
                problems.append(HtmlProblem(number, *found))
        for alt, ref in _IMAGE_REF.findall(line):
            definition = references.get((ref or alt).strip().lower())
            if definition:
                found = request_problem("src", definition[1], "img")
                if found:
                    problems.append(HtmlProblem(number, *found))
        for target in _MD_LINK.findall(line):
            found = link_problem(target)
            if found:
                problems.append(HtmlProblem(number, *found))
    for number, target in references.values():
        found = link_problem(target)
        if found:
            problems.append(HtmlProblem(number, *found))
    problems.extend(_attr_list_problems(prose))
    return sorted(problems, key=lambda p: p.line), comments


def check_text_field(text: str) -> HtmlProblem | None:
    """The first problem in a data-file text that is written into a page's Markdown."""
    problems, _ = check_markdown(text)
    return problems[0] if problems else None


# --- SVG files ----------------------------------------------------------------------------

_CSS_URL = re.compile(r"url\(\s*['\"]?\s*([^'\")\s]*)", re.IGNORECASE)
SVG_FIX = ("Ábralo en Inkscape y guárdelo como «SVG optimizado» o «SVG simple», o pida a "
           "quien lo hizo una versión sin scripts ni enlaces a otros sitios.")


class _SvgWalker(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.problems: list[HtmlProblem] = []
        self._in_style = False

    def _add(self, problem: str) -> None:
        self.problems.append(HtmlProblem(self.getpos()[0], problem, SVG_FIX))

    def _external(self, text: str) -> Iterator[str]:
        for target in _CSS_URL.findall(text):
            if target and not target.startswith("#") and not is_same_site(target):
                yield target

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self._in_style = tag == "style"
        if tag in {"script", "foreignobject", "iframe", "embed", "object"}:
            self._add(f"el SVG contiene <{tag}>, que puede ejecutar código o cargar otra página")
        for name, value in attrs:
            value = value or ""
            local = name.rsplit(":", 1)[-1]
            if local.startswith("on"):
                self._add(f"el SVG tiene el atributo {name}= en <{tag}>, que ejecuta código")
            elif local == "href" and not (value.strip().startswith("#") or is_same_site(value)):
                self._add(f"el SVG enlaza o carga '{value}' desde <{tag}>: solo se permiten "
                          "referencias dentro del mismo dibujo (#…) o archivos del sitio")
            for target in self._external(value):
                self._add(f"el SVG carga '{target}' desde otro sitio (url(...) en <{tag}>)")

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_style = False

    def handle_endtag(self, tag: str) -> None:
        self._in_style = False

    def handle_data(self, data: str) -> None:
        if not self._in_style:
            return
        if "@import" in data.lower():
            self._add("el SVG usa @import en <style>, que carga archivos de otros sitios")
        for target in self._external(data):
            self._add(f"el SVG carga '{target}' desde otro sitio (url(...) en <style>)")


def check_svg(data: bytes) -> list[HtmlProblem]:
    """An SVG file: no scripts, event handlers, foreignObject or references outside the site.

    defusedxml first: the file must be well-formed XML without a DTD (entity definitions could
    expand to anything, or to gigabytes); then html.parser walks it with line numbers."""
    from xml.etree.ElementTree import ParseError

    import defusedxml.ElementTree as SafeET
    from defusedxml import DefusedXmlException

    try:
        SafeET.fromstring(data, forbid_dtd=True)
    except (ParseError, DefusedXmlException, ValueError) as bad:
        position = getattr(bad, "position", None)
        return [HtmlProblem(position[0] if position else 1,
                            "el archivo no es un SVG válido, o define entidades o un DOCTYPE "
                            "(no se permiten)", SVG_FIX)]
    walker = _SvgWalker()
    try:
        walker.feed(data.decode("utf-8", errors="replace"))
        walker.close()
    except (AssertionError, ValueError):
        walker.problems.append(HtmlProblem(walker.getpos()[0], "el SVG tiene marcas mal escritas", SVG_FIX))
    return walker.problems
