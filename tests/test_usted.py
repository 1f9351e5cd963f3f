"""Spanish pages address the reader as «usted», never «tú» (issue 14, item 5).

Two kinds of words are looked for in the Spanish prose (docs/es/**/*.md, and the Spanish
strings of data/interfaz.yml and data/contactos.yml):

- words that are «tú» wherever they appear: the pronouns (tú, te, ti, tu, tus, contigo),
  second-person verbs (tienes, puedes, estás…) and imperatives with a pronoun (cuídate,
  escríbenos…);
- imperatives that are also a third-person verb or a noun («Si alguien pide ayuda», «una
  denuncia», «la llama»): these count only where a command stands, as the first word of a link
  text, a list item, a heading or an exclamation ("[Pide ayuda](…)", "- Llama al 911").

Sources' titles in the front matter are other people's words and are not checked.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[1]
SPANISH_DIR = REPO / "docs" / "es"
SPANISH = sorted(SPANISH_DIR.rglob("*.md"))

# «tú» wherever it appears → the «usted» form to use instead.
ALWAYS = {
    "tú": "usted", "te": "le / se", "ti": "usted", "tu": "su", "tus": "sus", "contigo": "con usted",
    "tienes": "tiene", "puedes": "puede", "eres": "es", "estás": "está", "quieres": "quiere",
    "sabes": "sabe", "necesitas": "necesita", "debes": "debe", "vives": "vive", "conoces": "conoce",
    "haces": "hace", "vas": "va", "crees": "cree", "sientes": "siente", "puedas": "pueda",
    "tengas": "tenga", "quieras": "quiera", "estés": "esté", "seas": "sea", "haz": "haga",
    "cuídate": "cuídese", "protégete": "protéjase", "infórmate": "infórmese", "únete": "únase",
    "acércate": "acérquese", "comunícate": "comuníquese", "entérate": "entérese",
    "cuéntanos": "cuéntenos", "escríbenos": "escríbanos", "llámanos": "llámenos",
    "contáctanos": "contáctenos", "ayúdanos": "ayúdenos", "síguenos": "síganos",
    "visítanos": "visítenos", "denúncialo": "denúncielo", "llámalo": "llámelo",
}
# Imperatives that are also another word: only where a command stands.
AT_COMMAND = {
    "pide": "pida", "llama": "llame", "busca": "busque", "lee": "lea", "mira": "mire",
    "escribe": "escriba", "cuenta": "cuente", "revisa": "revise", "usa": "use", "guarda": "guarde",
    "borra": "borre", "abre": "abra", "toca": "toque", "pulsa": "pulse", "imprime": "imprima",
    "comparte": "comparta", "habla": "hable", "evita": "evite", "recuerda": "recuerde",
    "confía": "confíe", "acude": "acuda", "protege": "proteja", "cuida": "cuide", "sigue": "siga",
    "elige": "elija", "deja": "deje", "denuncia": "denuncie", "visita": "visite",
    "consulta": "consulte", "descarga": "descargue", "piensa": "piense", "aprende": "aprenda",
    "ten": "tenga", "pon": "ponga", "di": "diga", "sal": "salga", "ven": "venga", "ve": "vaya",
}

# Also nouns often found at the start of a list item or heading ("- Denuncia en línea"):
# these count only at the start of a link text or an exclamation.
NOUNS = {"denuncia", "cuenta", "consulta", "visita", "descarga", "guarda", "llama"}

WORD = re.compile(r"[^\W\d_]+")
# Where a command stands: start of a link text, a list item, a heading, an exclamation.
COMMAND = re.compile(r"(\[|^\s*(?:[-*+]|\d+\.)\s+|^#+\s+|¡)[*_«\"]*([^\W\d_]+)", re.MULTILINE)
NOT_PROSE = [
    re.compile(r"`[^`]*`"),  # code
    re.compile(r"<!--.*?-->"),  # markers such as <!-- portal:lineas-de-ayuda -->
    re.compile(r"\]\([^)]*\)"),  # link targets (the link text stays)
    re.compile(r"<[^>]+>"),  # HTML tags
    re.compile(r"https?://\S+|\S+@\S+"),
]


@dataclass(frozen=True)
class Tuteo:
    line: int
    word: str
    usted: str

    def message(self, where: str) -> str:
        return (f"{where}:{self.line} — «{self.word}» trata al lector de «tú».\n"
                f"    Cómo corregirlo: use «usted», por ejemplo «{self.usted}» en lugar de «{self.word}».")


def prose_line(line: str) -> str:
    for pattern in NOT_PROSE:
        line = pattern.sub(" ", line)
    return line


def tuteo(text: str, first_line: int = 1) -> list[Tuteo]:
    """Every «tú» form in a text, with its line number."""
    found = []
    for number, raw in enumerate(text.splitlines(), start=first_line):
        line = prose_line(raw)
        for word in WORD.findall(line):
            if word.lower() in ALWAYS:
                found.append(Tuteo(number, word, ALWAYS[word.lower()]))
        for match in COMMAND.finditer(line):
            opener, word = match.group(1), match.group(2)
            if word.lower() in NOUNS and opener not in {"[", "¡"}:
                continue
            if word.lower() in AT_COMMAND:
                found.append(Tuteo(number, word, AT_COMMAND[word.lower()].capitalize()))
    return found


def page_prose(text: str) -> list[tuple[int, str]]:
    """The lines of a page to check: the body, and in the front matter its title, description
    and pending items (not the sources, which quote other people's titles)."""
    lines = text.splitlines()
    if not lines or lines[0] != "---":
        return list(enumerate(lines, start=1))
    end = lines.index("---", 1)
    checked, key = [], ""
    for number, line in enumerate(lines[1:end], start=2):
        if line and not line[0].isspace():
            key = line.split(":", 1)[0]
        if key in {"title", "description", "pending_verification"}:
            checked.append((number, line.split(":", 1)[1] if line.startswith(key + ":") else line))
    return checked + list(enumerate(lines[end + 1:], start=end + 2))


def page_tuteo(path: Path) -> list[Tuteo]:
    return [t for number, line in page_prose(path.read_text(encoding="utf-8"))
            for t in tuteo(line, number)]


def spanish_strings(data: Any, path: str = "") -> list[tuple[str, str]]:
    """(key path, text) for every Spanish string of a data file (the "es" entries)."""
    if isinstance(data, dict):
        out = []
        for key, value in data.items():
            here = f"{path}.{key}" if path else str(key)
            if key == "es" and isinstance(value, str):
                out.append((here, value))
            else:
                out += spanish_strings(value, here)
        return out
    if isinstance(data, list):
        return [item for i, value in enumerate(data) for item in spanish_strings(value, f"{path}[{i}]")]
    return []


# --- The detector ------------------------------------------------------------------------------

@pytest.mark.parametrize("text", [
    "[Pide ayuda](pide-ayuda.md)",
    "- Pide ayuda al 911 si hay peligro.",
    "[Llama al 911](tel:911)",
    "1. **Busca** información de la empresa.",
    "## Pide ayuda",
    "¡Denuncia la trata!",
    "Si tú lo sabes, dilo.",
    "Puedes llamar gratis.",
    "Te ayudamos a encontrar un lugar seguro.",
    "Guarda tus documentos.",
    "Cuídate mucho.",
    "Escríbenos a este correo.",
])
def test_tuteo_is_found(text: str) -> None:
    assert tuteo(text), text


@pytest.mark.parametrize("text", [
    "[Pida ayuda](pide-ayuda.md)",
    "Si alguien pide ayuda durante la actividad, escúchelo.",
    "Busca prevenir la trata y proteger a las víctimas.",  # the Plan does: third person
    "Una denuncia es contarle a la autoridad que pasó un delito.",
    "- Denuncia en línea: desde 2020.",  # a noun at the start of an item
    "## Llama y Vive",  # a campaign's name in a heading
    "La persona que la llama no da su nombre.",
    "Tenga en cuenta que la cuenta de Google guarda el evento.",
    "Llame al [911](tel:911). `te` <!-- portal:tu -->",
    "Puede escribir a dapee@cancilleria.gob.ec.",
    "Su teléfono, su tienda, sus títulos: ninguno es tuteo.",
])
def test_usted_and_nouns_are_not_flagged(text: str) -> None:
    assert tuteo(text) == [], text


def test_the_message_names_the_line_and_the_fix() -> None:
    (found,) = tuteo("Hola.\n\n[Pide ayuda](pide-ayuda.md)")
    assert found.message("docs/es/x.md") == (
        "docs/es/x.md:3 — «Pide» trata al lector de «tú».\n"
        "    Cómo corregirlo: use «usted», por ejemplo «Pida» en lugar de «Pide».")


def test_sources_in_the_front_matter_are_not_checked() -> None:
    text = ("---\ntitle: Pida ayuda\ndescription: Puedes llamar.\nsources:\n"
            "  - title: \"Cuídate: guía de una ONG\"\n---\n\n# Pida ayuda\n")
    assert [(t.line, t.word) for number, line in page_prose(text) for t in tuteo(line, number)] == [(3, "Puedes")]


# --- The site ----------------------------------------------------------------------------------

@pytest.mark.parametrize("page", SPANISH, ids=lambda p: p.relative_to(SPANISH_DIR).as_posix())
def test_spanish_page_uses_usted(page: Path) -> None:
    where = page.relative_to(REPO).as_posix()
    problems = [t.message(where) for t in page_tuteo(page)]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("name", ["interfaz.yml", "contactos.yml"])
def test_spanish_interface_strings_use_usted(name: str) -> None:
    data = yaml.safe_load((REPO / "data" / name).read_text(encoding="utf-8"))
    problems = [t.message(f"data/{name} — {key}").replace(":1 —", " —")
                for key, text in spanish_strings(data) for t in tuteo(text)]
    assert not problems, "\n".join(problems)
