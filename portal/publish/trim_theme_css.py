"""Trim Material's stylesheets to the rules the built pages can use.

Events:
- pipeline step ``trim theme css`` (slot A, before fingerprint), once every language is
  written: parses ``assets/stylesheets/main.*.min.css`` and ``palette.*.min.css`` with
  tinycss2 and keeps

  * every rule with a selector that matches an element of some built page (soupsieve, on the
    pages parsed by BeautifulSoup), once the parts that depend on the reader's actions are
    removed: ``:hover``, ``:focus``, ``:checked``, ``:target``..., pseudo-elements
    (``::before``...), and any ``:not()``/``:is()``... that contains one (removing a condition
    only keeps more);
  * every rule that names a class, attribute or element the portal's scripts add
    (``css_safelist.yml``, kept in step with the scripts by ``tests/test_theme_css.py``);
  * every rule soupsieve cannot read (kept: when in doubt, keep);
  * ``@media``/``@supports`` blocks with what they keep inside (print rules included), and
    the other at-rules as they are (``@page``, ``@charset``...);
  * ``@keyframes`` named by a kept ``animation``, ``@font-face`` whose family a kept rule
    uses, and custom properties (``--md-...``) that something kept, the portal's own
    stylesheets or a ``style=""`` attribute reads with ``var()``.

  Material's hashed file name then names the original, so the trimmed file gets a name with
  its own hash (``main.<hash>.min.css``) and every page is rewritten to it: servers cache
  these files for a year (``immutable``).

  Material's dark scheme (``[data-md-color-scheme=slate]``) is only set by Material's
  JavaScript, which the portal does not load: those rules match no page and go. The portal's
  dark colours are in portal.css (``prefers-color-scheme``), which is not trimmed.

  ``extra.trim_theme_css: false`` (``PORTAL_TRIM_CSS=0``) leaves the files as they are (the
  screenshot test builds both ways and compares).

Written with tinycss2 and soupsieve (not regular expressions): selectors and blocks nest.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import json
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING

import tinycss2
import yaml
from tinycss2 import ast

from portal.build_cache import cache_folder, cached_bytes, content_key
from portal.settings import Settings

if TYPE_CHECKING:  # imported where pages are parsed: a build whose result is cached never does
    import soupsieve  # (50 ms of the build's start with bs4)
    from bs4 import BeautifulSoup, Tag

THEME_CSS = ("assets/stylesheets/main.*.min.css", "assets/stylesheets/palette.*.min.css")
SAFELIST = Path(__file__).with_name("css_safelist.yml")
# Pseudo-classes whose truth changes while the page is open (reader's actions, scripts).
STATE = frozenset(
    {
        "hover",
        "focus",
        "focus-visible",
        "focus-within",
        "active",
        "visited",
        "target",
        "target-within",
        "checked",
        "indeterminate",
        "placeholder-shown",
        "valid",
        "invalid",
        "user-valid",
        "user-invalid",
        "autofill",
        "default",
        "fullscreen",
        "modal",
        "open",
        "popover-open",
        "playing",
        "paused",
        "in-range",
        "out-of-range",
        "required",
        "optional",
        "read-only",
        "read-write",
        "enabled",
        "disabled",
        "blank",
        "empty",
        "host",
        # Pseudo-elements in the old one-colon syntax (:before), which Material uses.
        "before",
        "after",
        "first-line",
        "first-letter",
        "marker",
        "selection",
        "placeholder",
    }
)
MATERIAL_NAME = re.compile(r"^(?P<stem>.+)\.[0-9a-f]{8}\.min\.css$")  # a file name, not CSS


@dataclass(frozen=True)
class Safelist:
    classes: frozenset[str]
    attributes: frozenset[str]
    generated: tuple[tuple[str, str], ...]  # (CSS selector of a parent, HTML a script adds into it)


def load_safelist(path: Path = SAFELIST) -> Safelist:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    return Safelist(
        frozenset(data.get("classes") or ()),
        frozenset(data.get("attributes") or ()),
        tuple((item["into"], item["html"]) for item in data.get("generated") or ()),
    )


# Attributes whose values are free text, left out of a page's skeleton. A selector that tests
# one of their values ([href^="http"]) keeps its rule (see _tests_free_text).
FREE_TEXT = frozenset({"href", "src", "srcset", "title", "alt", "content", "aria-label", "datetime", "value"})


# The skeleton is read with regular expressions over the whole page (C speed) rather than
# html.parser, which cost ~3 ms a page, 1,000 pages × 3 (issue 19): it is only a key, and
# what this reads differently from a parser (a tag-like text in a comment or a script) only
# makes two keys differ, so at worst a page is parsed that could have been skipped.
_VALUE = r"""(?:"[^"]*"|'[^']*'|[^\s"'=<>`]+)"""
# FREE_TEXT values first: they are the ones that may hold ">" (title="a > b").
_FREE_TEXT_VALUE = re.compile(r"(\s(?:" + "|".join(sorted(FREE_TEXT)) + r"))\s*=\s*" + _VALUE, re.IGNORECASE)
_ID_VALUE = re.compile(r"(\sid)\s*=\s*(" + _VALUE + ")", re.IGNORECASE)
_TEXT = re.compile(r">[^<]+<")


def skeleton(html: str, named_ids: frozenset[str] | None = None) -> str:
    """A page's elements, in order, with their attributes; no text, and no values of the
    FREE_TEXT attributes. Two pages with the same skeleton match the same selectors (except
    selectors on those values, whose rules are kept). With ``named_ids`` (:func:`named_ids`
    of the stylesheets), only those ids keep their value; any other (a heading's, different
    on every page) counts only as present, since no selector can tell those apart: a
    thousand pages whose headings differ then share a few skeletons (issue 19: every page was
    parsed, most of the build)."""
    text = _FREE_TEXT_VALUE.sub(r"\1", html)
    if named_ids is not None:
        text = _ID_VALUE.sub(lambda m: m[0] if m[2].strip("\"'") in named_ids else m[1], text)
    return hashlib.sha256(_TEXT.sub("><", text).encode("utf-8")).hexdigest()


def named_ids(stylesheets: Iterable[str]) -> frozenset[str]:
    """Every id a selector of these stylesheets names with ``#``, in any nesting
    (``@media``, ``:not()``...). An id tested by an attribute selector (``[id^=fnref]``) keeps
    its rule instead (:func:`_tests_free_text`)."""
    found: set[str] = set()

    def tokens(nodes: Iterable[ast.Node]) -> None:
        for node in nodes:
            if isinstance(node, ast.HashToken) and node.is_identifier:
                found.add(node.value)
            elif isinstance(node, ast.FunctionBlock):
                tokens(node.arguments)
            elif isinstance(node, ast.SquareBracketsBlock | ast.ParenthesesBlock):
                tokens(node.content)

    for css in stylesheets:
        for rule in _walk(tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)):
            if isinstance(rule, ast.QualifiedRule):
                tokens(rule.prelude)
    return frozenset(found)


def _tests_free_text(tokens: Iterable[ast.Node]) -> bool:
    """Whether a selector tests the value of a FREE_TEXT attribute ([href^="#"]), or of
    ``id``, whose values the skeleton may leave out."""
    for token in tokens:
        if isinstance(token, ast.SquareBracketsBlock):
            parts = [t for t in token.content if not isinstance(t, ast.WhitespaceToken)]
            if len(parts) > 1 and isinstance(parts[0], ast.IdentToken) and parts[0].lower_value in FREE_TEXT | {"id"}:
                return True
        elif isinstance(token, ast.FunctionBlock) and _tests_free_text(token.arguments):
            return True
    return False


def _index(doc: BeautifulSoup) -> dict[str, list[Tag]]:
    """Every element of a page under each of its names: "t:a" (tag), "c:x" (class), "i:y"
    (id), "a:z" (attribute), "v:z=value" (attribute value, lower case)."""
    found: dict[str, list[Tag]] = {}
    for tag in doc.find_all(True):
        names = ["t:" + tag.name]
        for name, value in tag.attrs.items():
            names.append("a:" + name)
            if name == "class":
                names.extend("c:" + c for c in value)
            elif name == "id":
                names.append("i:" + str(value))
            else:
                names.append(f"v:{name}={value}".lower())
        for name in names:
            found.setdefault(name, []).append(tag)
    return found


@dataclass
class Pages:
    """The built pages, parsed once, and what soupsieve needs to test a selector on them."""

    documents: list[BeautifulSoup]
    indexes: list[dict[str, list[Tag]]] = field(default_factory=list)
    everything: frozenset[str] = frozenset()
    matched: dict[str, bool] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.indexes = [_index(doc) for doc in self.documents]
        self.everything = frozenset().union(*(index.keys() for index in self.indexes))

    @classmethod
    def read(cls, site: Path, safelist: Safelist | None = None, ids: frozenset[str] | None = None) -> Pages:
        """Parse the pages; pages with the same skeleton (:func:`skeleton`, with the ids the
        stylesheets name) are parsed once, so a site of a thousand pages from a few templates
        costs a few parses."""
        return cls.parse(one_per_skeleton(site, ids).values(), safelist)

    @classmethod
    def parse(cls, pages: Iterable[str], safelist: Safelist | None = None) -> Pages:
        from bs4 import BeautifulSoup

        documents = [BeautifulSoup(text, "html.parser") for text in pages]
        for doc in documents:
            for into, html in safelist.generated if safelist else ():
                for parent in doc.select(into):
                    parent.append(BeautifulSoup(html, "html.parser"))
        return cls(documents)

    def any_match(self, selector: str) -> bool:
        if selector not in self.matched:
            self.matched[selector] = self._match(selector)
        return self.matched[selector]

    def _match(self, selector: str) -> bool:
        compiled = _compile(selector)
        if compiled is None:
            return True
        needed = _required(selector)
        if not needed <= self.everything:
            return False
        key = _subject_name(selector)
        for doc, index in zip(self.documents, self.indexes, strict=True):
            if not all(name in index for name in needed):
                continue
            # Only the elements that carry the name the selector's last compound requires.
            if key is None:
                if compiled.select_one(doc) is not None:
                    return True
            elif any(compiled.match(tag) for tag in index.get(key, ())):
                return True
        return False

    def inline_styles(self) -> Iterator[str]:
        for doc in self.documents:
            for tag in doc.find_all(style=True):
                if isinstance(tag, Tag):
                    yield str(tag["style"])


def _subject_name(selector: str) -> str | None:
    """A name ("c:x", "i:y" or "t:a") the element a selector selects must carry: from its
    last compound, outside functions; None if there is none (``*``, ``[x]``...)."""
    tokens = tinycss2.parse_component_value_list(selector)
    start = 0
    for i, token in enumerate(tokens):
        if isinstance(token, ast.WhitespaceToken) or (
            isinstance(token, ast.LiteralToken) and token.value in {">", "+", "~"}
        ):
            start = i + 1
    compound = tokens[start:]
    tag = None
    for i, token in enumerate(compound):
        previous = compound[i - 1] if i else None
        if isinstance(token, ast.IdentToken) and isinstance(previous, ast.LiteralToken) and previous.value == ".":
            return f"c:{token.value}"
        if isinstance(token, ast.HashToken) and token.is_identifier:
            return f"i:{token.value}"
        if isinstance(token, ast.IdentToken) and previous is None:
            tag = "t:" + token.lower_value
    return tag


def _required(selector: str) -> frozenset[str]:
    """Names an element must carry for ``selector`` to match it or its ancestors: the tags,
    classes, ids and attribute names outside any function (``:not(.x)`` requires nothing)."""
    tokens = tinycss2.parse_component_value_list(selector)
    needed: set[str] = set()
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else None
        if isinstance(token, ast.IdentToken):
            if isinstance(previous, ast.LiteralToken) and previous.value == ".":
                needed.add("c:" + token.value)
            elif not isinstance(previous, ast.LiteralToken | ast.IdentToken) or previous.value in {">", "+", "~", "*"}:
                if not (isinstance(previous, ast.LiteralToken) and previous.value == ":"):
                    needed.add("t:" + token.lower_value)
        elif isinstance(token, ast.HashToken) and token.is_identifier:
            needed.add("i:" + token.value)
        elif isinstance(token, ast.SquareBracketsBlock):
            parts = [t for t in token.content if not isinstance(t, ast.WhitespaceToken)]
            if parts and isinstance(parts[0], ast.IdentToken):
                name = parts[0].lower_value
                needed.add("a:" + name)
                # [name=value] (no flag): the page must have that exact value (compared in
                # lower case, as soupsieve does for HTML attributes such as type).
                exact = (
                    len(parts) == 3
                    and isinstance(parts[1], ast.LiteralToken)
                    and parts[1].value == "="
                    and isinstance(parts[2], ast.IdentToken | ast.StringToken)
                )
                if exact and name not in {"class", "id"}:
                    needed.add(f"v:{name}={parts[2].value}".lower())
    return frozenset(needed)


@cache
def _compile(selector: str) -> soupsieve.SoupSieve | None:
    """The selector for soupsieve; None if it cannot read it (the rule is then kept)."""
    import soupsieve

    try:
        return soupsieve.compile(selector)
    except Exception:  # noqa: BLE001 - soupsieve raises several types; any means "keep"
        return None


def _is_colon(token: ast.Node | None) -> bool:
    return isinstance(token, ast.LiteralToken) and token.value == ":"


def _has_state(tokens: Iterable[ast.Node]) -> bool:
    tokens = list(tokens)
    for i, token in enumerate(tokens):
        if _is_colon(token):
            following = tokens[i + 1] if i + 1 < len(tokens) else None
            if _is_colon(following):
                return True  # a pseudo-element inside a function
            if isinstance(following, ast.IdentToken) and _dynamic(following.lower_value):
                return True
        if isinstance(token, ast.FunctionBlock) and _has_state(token.arguments):
            return True
    return False


def _dynamic(name: str) -> bool:
    return name in STATE or name.startswith("-")


def static_selector(tokens: list[ast.Node]) -> str:
    """One selector (tinycss2 tokens) without what depends on the moment: pseudo-elements,
    state pseudo-classes, and functional pseudo-classes that contain either."""
    kept: list[str] = []
    i = 0
    while i < len(tokens):
        token = tokens[i]
        following = tokens[i + 1] if i + 1 < len(tokens) else None
        drop = 0
        if _is_colon(token) and _is_colon(following):  # ::before, ::-webkit-..., ::part(x)
            drop = 3
        elif _is_colon(token) and isinstance(following, ast.IdentToken) and _dynamic(following.lower_value):
            drop = 2
        elif (
            _is_colon(token)
            and isinstance(following, ast.FunctionBlock)
            and (_has_state(following.arguments) or following.lower_name.startswith("-"))
        ):
            drop = 2
        if not drop:
            kept.append(tinycss2.serialize([token]))
            i += 1
            continue
        i += drop
        # What is left of the compound: nothing before (start, space, combinator) and nothing
        # after ("a > :hover", ":focus") means "any element".
        before_empty = not kept or kept[-1].isspace() or kept[-1] in {">", "+", "~"}
        rest = tokens[i] if i < len(tokens) else None
        after_empty = (
            rest is None
            or isinstance(rest, ast.WhitespaceToken)
            or (isinstance(rest, ast.LiteralToken) and rest.value in {">", "+", "~"})
        )
        if before_empty and after_empty:
            kept.append("*")
    return "".join(kept).strip()


def _split_selectors(prelude: list[ast.Node]) -> list[list[ast.Node]]:
    selectors: list[list[ast.Node]] = [[]]
    for token in prelude:
        if isinstance(token, ast.LiteralToken) and token.value == ",":
            selectors.append([])
        else:
            selectors[-1].append(token)
    return [_strip(s) for s in selectors if _strip(s)]


def _strip(tokens: list[ast.Node]) -> list[ast.Node]:
    start, end = 0, len(tokens)
    while start < end and isinstance(tokens[start], ast.WhitespaceToken):
        start += 1
    while end > start and isinstance(tokens[end - 1], ast.WhitespaceToken):
        end -= 1
    return tokens[start:end]


def _names(tokens: Iterable[ast.Node]) -> Iterator[tuple[str, str]]:
    """("class", name), ("attribute", name) and ("element", name) named anywhere in a selector."""
    tokens = list(tokens)
    for i, token in enumerate(tokens):
        previous = tokens[i - 1] if i else None
        if isinstance(token, ast.IdentToken):
            if isinstance(previous, ast.LiteralToken) and previous.value == ".":
                yield "class", token.value
            elif not (isinstance(previous, ast.LiteralToken) and previous.value in {":", "#"}):
                yield "element", token.lower_value
        elif isinstance(token, ast.SquareBracketsBlock):
            idents = [t for t in token.content if isinstance(t, ast.IdentToken)]
            if idents:
                yield "attribute", idents[0].lower_value
        elif isinstance(token, ast.FunctionBlock):
            yield from _names(token.arguments)


def _safelisted(tokens: list[ast.Node], safelist: Safelist) -> bool:
    for kind, name in _names(tokens):
        if kind == "class" and name in safelist.classes or kind == "attribute" and name in safelist.attributes:
            return True
    return False


def _rule_used(rule: ast.QualifiedRule, pages: Pages, safelist: Safelist) -> bool:
    for selector in _split_selectors(rule.prelude):
        if _safelisted(selector, safelist) or _tests_free_text(selector) or pages.any_match(static_selector(selector)):
            return True
    return False


def _trim_rules(rules: list[ast.Node], pages: Pages, safelist: Safelist) -> list[ast.Node]:
    """Keep used qualified rules; recurse into @media and @supports; keep other at-rules
    (@keyframes and @font-face are decided later, once the kept rules are known)."""
    kept: list[ast.Node] = []
    for rule in rules:
        if isinstance(rule, ast.QualifiedRule):
            if _rule_used(rule, pages, safelist):
                kept.append(rule)
        elif (
            isinstance(rule, ast.AtRule) and rule.lower_at_keyword in {"media", "supports"} and rule.content is not None
        ):
            inner = _trim_rules(
                tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True), pages, safelist
            )
            if inner:
                rule.content = _tokens(inner)
                kept.append(rule)
        elif isinstance(rule, ast.AtRule | ast.QualifiedRule):
            kept.append(rule)
    return kept


def _tokens(rules: list[ast.Node]) -> list[ast.Node]:
    """Rules as the component values of a block (what tinycss2 keeps in ``content``)."""
    tokens: list[ast.Node] = tinycss2.parse_component_value_list(_serialize(rules))
    return tokens


def _walk(rules: Iterable[ast.Node]) -> Iterator[ast.Node]:
    """Qualified rules and at-rules, nested ones included."""
    for rule in rules:
        yield rule
        if isinstance(rule, ast.AtRule) and rule.lower_at_keyword in {"media", "supports"} and rule.content:
            yield from _walk(tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True))


def _declarations(rule: ast.Node) -> list[ast.Declaration]:
    if not isinstance(rule, ast.QualifiedRule | ast.AtRule) or rule.content is None:
        return []
    return [
        d
        for d in tinycss2.parse_blocks_contents(rule.content, skip_whitespace=True, skip_comments=True)
        if isinstance(d, ast.Declaration)
    ]


def _var_names(tokens: Iterable[ast.Node]) -> Iterator[str]:
    for token in tokens:
        if isinstance(token, ast.FunctionBlock):
            if token.lower_name == "var":
                first = next((t for t in token.arguments if isinstance(t, ast.IdentToken)), None)
                if first is not None:
                    yield first.value
            yield from _var_names(token.arguments)
        elif isinstance(token, ast.ParenthesesBlock | ast.SquareBracketsBlock | ast.CurlyBracketsBlock):
            yield from _var_names(token.content)


def _idents(tokens: Iterable[ast.Node]) -> Iterator[str]:
    for token in tokens:
        if isinstance(token, ast.IdentToken | ast.StringToken):
            yield token.value.lower()
        elif isinstance(token, ast.FunctionBlock):
            yield from _idents(token.arguments)


def _used_vars(rules: list[ast.Node], other_css: list[str], inline: Iterable[str]) -> set[str]:
    """Custom properties read with var(): by the kept rules, other stylesheets, style="".
    Followed through properties that read properties (a fixpoint)."""
    defined: dict[str, list[list[ast.Node]]] = {}
    needed: set[str] = set()
    for rule in _walk(rules):
        for decl in _declarations(rule):
            if decl.name.startswith("--"):
                defined.setdefault(decl.name, []).append(decl.value)
            else:
                needed.update(_var_names(decl.value))
    for text in other_css:
        for rule in _walk(tinycss2.parse_stylesheet(text, skip_whitespace=True, skip_comments=True)):
            for decl in _declarations(rule):
                needed.update(_var_names(decl.value))
    for style in inline:
        for decl in tinycss2.parse_blocks_contents(style, skip_whitespace=True, skip_comments=True):
            if isinstance(decl, ast.Declaration):
                needed.update(_var_names(decl.value))
    todo = list(needed)
    while todo:
        for value in defined.get(todo.pop(), []):
            for name in _var_names(value):
                if name not in needed:
                    needed.add(name)
                    todo.append(name)
    return needed


def _prune(rules: list[ast.Node], used_vars: set[str], animations: set[str], fonts: set[str]) -> list[ast.Node]:
    """Drop unread custom properties, unused @keyframes and @font-face, and emptied rules."""
    out: list[ast.Node] = []
    for rule in rules:
        if isinstance(rule, ast.AtRule):
            keyword = rule.lower_at_keyword
            if keyword == "keyframes":
                name = next(_idents(rule.prelude), "")
                if name not in animations:
                    continue
            elif keyword == "font-face":
                family = next((d for d in _declarations(rule) if d.lower_name == "font-family"), None)
                if family is None or next(_idents(family.value), "") not in fonts:
                    continue
            elif keyword in {"media", "supports"} and rule.content is not None:
                inner = _prune(
                    tinycss2.parse_rule_list(rule.content, skip_whitespace=True, skip_comments=True),
                    used_vars,
                    animations,
                    fonts,
                )
                if not inner:
                    continue
                rule.content = _tokens(inner)
            out.append(rule)
        elif isinstance(rule, ast.QualifiedRule):
            declarations = _declarations(rule)
            kept = [d for d in declarations if not d.name.startswith("--") or d.name in used_vars]
            if not kept:
                continue
            if len(kept) != len(declarations):
                rule.content = _declaration_tokens(kept)
            out.append(rule)
    return out


def _declaration_tokens(declarations: list[ast.Declaration]) -> list[ast.Node]:
    tokens: list[ast.Node] = tinycss2.parse_component_value_list(";".join(d.serialize() for d in declarations))
    return tokens


def trim_stylesheet(css: str, pages: Pages, safelist: Safelist, other_css: list[str]) -> str:
    """The stylesheet ``css`` with only what ``pages`` (and the scripts) can use."""
    rules = tinycss2.parse_stylesheet(css, skip_whitespace=True, skip_comments=True)
    kept = _trim_rules(rules, pages, safelist)
    animations: set[str] = set()
    fonts: set[str] = set()
    for rule in _walk(kept):
        if isinstance(rule, ast.QualifiedRule):
            for decl in _declarations(rule):
                if decl.lower_name in {"animation", "animation-name"}:
                    animations.update(_idents(decl.value))
                elif decl.lower_name in {"font", "font-family"} or decl.name.startswith("--"):
                    fonts.update(_idents(decl.value))
    used = _used_vars(kept, other_css, pages.inline_styles())
    return _serialize(_prune(kept, used, animations, fonts))


def one_per_skeleton(site: Path, ids: frozenset[str] | None = None) -> dict[str, str]:
    """{skeleton: the first page (by path) with it}: the pages the trimmer parses."""
    found: dict[str, str] = {}
    for path in sorted(site.rglob("*.html")):
        text = path.read_text(encoding="utf-8")
        found.setdefault(skeleton(text, ids), text)
    return found


def _serialize(rules: list[ast.Node]) -> str:
    return "".join(rule.serialize() for rule in rules)


def _cache_key(sheets: dict[str, str], others: list[str], skeletons: Iterable[str]) -> str:
    """What the trimmed stylesheets depend on: the theme's and our stylesheets, the pages'
    skeletons (which hold every value a selector can test, inline styles included), the
    safelist, and this code and its libraries."""
    return content_key(
        [
            Path(__file__).read_text(encoding="utf-8"),
            SAFELIST.read_text(encoding="utf-8"),
            importlib.metadata.version("soupsieve"),
            importlib.metadata.version("tinycss2"),
            *(f"{name}\n{css}" for name, css in sorted(sheets.items())),
            *others,
            *sorted(skeletons),
        ]
    )


def _named_ids(sheets: dict[str, str], cache: Path | None) -> frozenset[str]:
    """:func:`named_ids` of the sheets, kept in ``cache`` by their text (parsing Material's
    stylesheets with tinycss2 takes a second)."""
    key = content_key(f"{name}\n{css}" for name, css in sorted(sheets.items()))
    ids = cached_bytes(cache, f"ids-{key}.json", lambda: json.dumps(sorted(named_ids(sheets.values()))).encode("utf-8"))
    return frozenset(json.loads(ids))


def trimmed_sheets(site: Path, sheets: dict[str, str], others: list[str], cache: Path | None) -> dict[str, str]:
    """{sheet name: trimmed CSS}. With ``cache`` (a folder), a result is kept by what it
    depends on (:func:`_cache_key`): a build whose pages keep their structure (text edits,
    the same site again) skips parsing and matching, most of the pipeline's time."""
    safelist = load_safelist()
    firsts = one_per_skeleton(site, _named_ids(sheets, cache))
    key = _cache_key(sheets, others, firsts)

    def trim() -> bytes:
        pages = Pages.parse(firsts.values(), safelist)
        result = {name: trim_stylesheet(css, pages, safelist, others) for name, css in sheets.items()}
        return json.dumps(result).encode("utf-8")

    trimmed: dict[str, str] = json.loads(cached_bytes(cache, f"{key}.json", trim))
    return trimmed


def trim_theme_css(site: Path, settings: Settings) -> dict[str, str]:
    """Pipeline step: trim Material's stylesheets in ``site``; return {old name: new name}."""
    if not settings.extra.trim_theme_css:
        return {}
    sheets = [p for pattern in THEME_CSS for p in sorted(site.glob(pattern))]
    if not sheets:
        return {}
    others = [p.read_text(encoding="utf-8") for p in sorted(site.glob("assets/stylesheets/*.css")) if p not in sheets]
    texts = {sheet.name: sheet.read_text(encoding="utf-8") for sheet in sheets}
    results = trimmed_sheets(site, texts, others, cache_folder(settings.root, "trim-theme-css"))
    renamed: dict[str, str] = {}
    for sheet in sheets:
        trimmed = results[sheet.name]
        if not trimmed.strip():  # nothing left (the 'custom' palette): no file, no request
            sheet.unlink()
            renamed[sheet.name] = ""
            continue
        match = MATERIAL_NAME.match(sheet.name)
        stem = match.group("stem") if match else sheet.name.removesuffix(".min.css")
        digest = hashlib.sha256(trimmed.encode("utf-8")).hexdigest()[:10]
        target = sheet.with_name(f"{stem}.{digest}.min.css")
        target.write_text(trimmed, encoding="utf-8")
        if target != sheet:
            sheet.unlink()
        renamed[sheet.name] = target.name
    _rewrite_links(site, renamed)
    return renamed


def _rewrite_links(site: Path, renamed: dict[str, str]) -> None:
    """Point every page at the new names: the whole quoted path is replaced
    (``assets/stylesheets/main.57a0d79d.min.css"``), before minify unquotes attributes. A
    stylesheet renamed to "" (empty) loses its ``<link ...>`` element."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        updated = text
        for old, new in renamed.items():
            if new:
                updated = updated.replace(f'assets/stylesheets/{old}"', f'assets/stylesheets/{new}"')
            else:
                updated = _without_link(updated, f'assets/stylesheets/{old}"')
        if updated != text:
            page.write_text(updated, encoding="utf-8")


def _without_link(html: str, href_end: str) -> str:
    """``html`` without the ``<link>`` elements whose href ends with ``href_end``."""
    while (at := html.find(href_end)) != -1:
        start = html.rfind("<link", 0, at)
        end = html.find(">", at)
        if start == -1 or end == -1 or ">" in html[start:at]:
            break  # not inside a <link ...>: leave the page as it is
        html = html[:start] + html[end + 1 :].removeprefix("\n")
    return html
