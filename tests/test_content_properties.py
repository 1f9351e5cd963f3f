"""No input under docs/ or data/ ever produces a traceback (issue #13, item 6).

Hypothesis writes front matter, Markdown bodies and data files, and the checks must either
accept them or return content errors (file, line, fix), never raise. Deterministic
(derandomize: the same examples on every run and in CI, no example database) and fast
(about 200 examples per property).
"""

from __future__ import annotations

import tempfile
from pathlib import Path

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from portal.content.checks import check_docs
from portal.content.schema import Contacts, ContentError, InterfaceText
from portal.content.site_data import parse_data_file

pytestmark = pytest.mark.slow  # builds, servers or generated cases of its own: not in make test-rapido

LANGS = ["es", "qu", "en"]
SETTINGS = settings(max_examples=200, deadline=None, derandomize=True, database=None,
                    suppress_health_check=[HealthCheck.too_slow])

# Characters that mean something to YAML, Markdown or HTML, plus letters and a few accents.
SPECIAL = [*"<>&\"'`*_[](){}#!:-|~\\/=%@,.;\t\r\n ", "\ufeff", "---", "```", "<!--", "-->"]
text = st.lists(st.sampled_from([*SPECIAL, "a", "é", "ñ", "1", "Z"]), max_size=40).map("".join)
scalars = st.one_of(st.none(), st.booleans(), st.integers(-10**6, 10**6), st.floats(allow_nan=True),
                    text, st.dates().map(str), st.sampled_from(["2026-02-30", "2026-07-30 25:00:00-05:00",
                                                                "2026-13", "*a", "&a x", "https://e.org/\"><img>"]))
yaml_values = st.recursive(scalars, lambda inner: st.one_of(
    st.lists(inner, max_size=4), st.dictionaries(text, inner, max_size=4)), max_leaves=12)
keys = st.sampled_from(["title", "description", "last_verified", "sources", "pending_verification",
                        "native_review", "hide", "template", "search_exclude", "type", "start", "end",
                        "held", "place", "organiser", "audience", "registration", "recurrence", "x"])
front_matter = st.one_of(
    st.dictionaries(keys, yaml_values, max_size=8).map(lambda d: yaml.safe_dump(d, allow_unicode=True)),
    text,
)
html_bits = st.sampled_from([
    "<span lang='qu-EC'>x</span>", "<img src='https://e.org/a.png'>", "<div markdown>", "</div>",
    "<a href='javascript:x'>", "![a](b.png)", "![a](//e.org/a.png)", "[a](#b)", "[a](c.md)",
    "<!-- portal:pdf -->", "<!-- portal:pfd -->", "{: onclick='x' }", "<p style='x'>", "```", "`<b>`",
    "# Título", "<", "<!", "<![CDATA[", "<?x", "&#0;", "&#x110000;", "\ufeff", "\r\n",
])
markdown = st.lists(st.one_of(text, html_bits), max_size=20).map("".join)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "utf-16"])


def run_checks(files: dict[str, bytes]) -> list[ContentError]:
    with tempfile.TemporaryDirectory() as folder:
        root = Path(folder)
        for relative, data in files.items():
            path = root / "docs" / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)
        return check_docs(root / "docs", LANGS, shown_root=root)


def encode(page: str, encoding: str) -> bytes:
    return page.encode(encoding, errors="replace")


@SETTINGS
@given(front_matter, markdown, encodings, st.booleans())
def test_any_page_is_accepted_or_explained(meta: str, body: str, encoding: str, event: bool) -> None:
    page = f"---\n{meta}\n---\n\n{body}\n"
    where = "es/eventos/evento.md" if event else "es/pagina.md"
    problems = run_checks({where: encode(page, encoding)})
    assert all(isinstance(p, ContentError) and p.path and p.problem for p in problems)


@SETTINGS
@given(markdown, encodings)
def test_any_file_without_front_matter_is_explained(body: str, encoding: str) -> None:
    problems = run_checks({"es/pagina.md": encode(body, encoding), "assets/a.svg": encode(body, encoding)})
    assert all(isinstance(p, ContentError) for p in problems)


@SETTINGS
@given(st.one_of(yaml_values.map(lambda v: yaml.safe_dump({"lines": v}, allow_unicode=True)), text), encodings)
def test_any_data_file_is_accepted_or_explained(data: str, encoding: str) -> None:
    for schema, name in ((Contacts, "data/contactos.yml"), (InterfaceText, "data/interfaz.yml")):
        model, problems = parse_data_file(encode(data, encoding), schema, name)
        assert (model is None) == bool(problems)
        assert all(isinstance(p, ContentError) and p.path == name for p in problems)


@SETTINGS
@given(st.dictionaries(st.sampled_from(["id", "number", "short", "tel", "name", "when", "free",
                                        "last_verified", "sources", "in_help_bar"]),
                       yaml_values, max_size=10))
def test_any_help_line_is_accepted_or_explained(line: dict[str, object]) -> None:
    data = yaml.safe_dump({"lines": [line]}, allow_unicode=True).encode("utf-8")
    model, problems = parse_data_file(data, Contacts, "data/contactos.yml")
    assert (model is None) == bool(problems)


markup_pieces = st.sampled_from(["<", "<!", "<![", "<?", "</", ">", "--", "[", "]", "a", "=", "'", " "])


@SETTINGS
@given(st.lists(st.one_of(st.text(max_size=6), markup_pieces), max_size=40).map("".join))
def test_the_html_policy_reads_any_text(markdown: str) -> None:
    """Any Unicode, cut with pieces of markup, gives problems, never an exception."""
    from portal.content.html_policy import check_markdown, check_svg

    found, _ = check_markdown(markdown)
    assert all(p.line >= 1 and p.problem and p.fix for p in found)
    check_svg(markdown.encode("utf-8", errors="replace"))
