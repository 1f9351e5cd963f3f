"""Accessibility checks for the built site (issue #7, WCAG 2.2 AA).

Tools are installed on first use, never downloaded by hand and never a browser:
- axe-core and the Nu Html Checker (vnu.jar) from npm, pinned in tests/node/package-lock.json
  and installed with ``npm ci --prefix tests/node`` (npm from Debian if it is missing).
  Install scripts are skipped: vnu-jar's would download a Java runtime from GitHub.
- Java from Debian (default-jre-headless) to run vnu.jar.

Checks that need no browser (links, headings, tables, images, language tags, link text) are
plain functions over the built HTML. The browser helpers are JavaScript snippets evaluated by
Playwright in Debian's Chromium. :class:`A11yReport` collects what each test checked for the
summary printed at the end of the run (tests/conftest.py).
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit

from bs4 import BeautifulSoup, Tag

from tests.support.debian import apt_install
from tests.support.site import REPO

NODE_DIR = REPO / "tests" / "node"
AXE_JS = NODE_DIR / "node_modules" / "axe-core" / "axe.min.js"
VNU_JAR = NODE_DIR / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
# WCAG 2.0, 2.1 and 2.2, levels A and AA (axe has no wcag22a tag: 2.2 added no A rule it tests).
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


# --- Tools --------------------------------------------------------------------------------

def ensure_node_tools() -> None:
    """Install axe-core and vnu-jar from the lock file when tests/node/node_modules is missing."""
    from tests.support.once import exclusive

    if AXE_JS.exists() and VNU_JAR.exists():
        return
    with exclusive("npm-tests-node"):  # one npm ci at a time in the same folder
        if not (AXE_JS.exists() and VNU_JAR.exists()):
            _install_node_tools()


def _install_node_tools() -> None:
    if shutil.which("npm") is None:
        apt_install("npm")
    result = subprocess.run(
        ["npm", "ci", "--prefix", str(NODE_DIR), "--ignore-scripts", "--no-audit", "--no-fund"],
        cwd=REPO, capture_output=True, text=True, check=False, timeout=600,
    )
    if result.returncode != 0 or not (AXE_JS.exists() and VNU_JAR.exists()):
        raise RuntimeError(f"npm ci --prefix tests/node falló:\n{result.stdout}\n{result.stderr}")


def ensure_java() -> str:
    java = shutil.which("java")
    if java is None:
        apt_install("default-jre-headless")
        java = shutil.which("java")
    if java is None:
        raise RuntimeError("java no está disponible después de instalar default-jre-headless")
    return java


def tool_version(package: str) -> str:
    lock = json.loads((NODE_DIR / "package-lock.json").read_text(encoding="utf-8"))
    return lock["packages"][f"node_modules/{package}"]["version"]


@cache
def axe_source() -> str:
    """axe-core's script (650 KB), read once per test process rather than once per page."""
    return AXE_JS.read_text(encoding="utf-8")


# --- axe-core in the browser ----------------------------------------------------------------

# Dark mode changes colours only: in it, the rules that look at colour are enough.
AXE_COLOUR_RULES = ["color-contrast", "link-in-text-block"]

AXE_RUN = """async (only) => {
  const result = await axe.run(document, {runOnly: only, resultTypes: ["violations"]});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
    nodes: v.nodes.map(n => ({target: n.target.join(" "), summary: n.failureSummary}))}));
}"""


AXE_SERVED = "_tests/axe.min.js"  # under the test server's root, beside (not in) the site


def serve_axe(root: Path) -> str:
    """axe-core copied where the test server serves it, outside the site's sub-path; returns
    its path from the server's root. The shipped policy (script-src 'self') lets a page of the
    same origin load it, and Chromium then keeps its compiled code between page loads: ~60 ms
    a page instead of ~200 ms for evaluating its 650 KB source in every page."""
    target = root / AXE_SERVED
    if not target.exists():
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(AXE_JS, target.with_suffix(".tmp"))
        target.with_suffix(".tmp").replace(target)
    return "/" + AXE_SERVED


def run_axe(page: object, rules: list[str] | None = None, script: str | None = None) -> list[dict]:
    """axe-core's WCAG 2.x A/AA violations on the page as it is now, or only those of the given
    rules. axe is loaded from ``script`` (an address on the page's origin, see serve_axe) or
    else evaluated from its source (evaluate bypasses CSP)."""
    if not page.evaluate("() => typeof window.axe === 'object'"):
        if script:
            page.add_script_tag(url=script)
        else:
            page.evaluate(axe_source())
    only = {"type": "rule", "values": rules} if rules else {"type": "tag", "values": AXE_TAGS}
    return page.evaluate(AXE_RUN, only)


def describe_axe(page_name: str, violations: list[dict]) -> list[str]:
    return [f"{page_name}: {v['id']} ({v['help']}) at {node['target']}: {node['summary']}"
            for v in violations for node in v["nodes"][:5]]


# --- Nu Html Checker ------------------------------------------------------------------------

def run_vnu(files: list[Path], jar: Path | None = None) -> list[dict]:
    """Every message of vnu.jar --errors-only over all files in one Java run.

    vnu exits 0 when it found nothing and 1 when it reported errors; anything else, output
    that is not its JSON report, or exit code 1 with no error in the report, means Java or vnu
    failed: that raises, it is never read as "valid"."""
    java = ensure_java()
    result = subprocess.run(
        [java, "-Xss1024k", "-jar", str(jar or VNU_JAR), "--format", "json", "--errors-only",
         "--stdout", *map(str, files)],
        capture_output=True, text=True, check=False, timeout=900,
    )
    failed = f"vnu.jar falló (código {result.returncode}):\n{result.stdout[:2000]}\n{result.stderr[:2000]}"
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError as bad:
        raise RuntimeError(failed) from bad
    if not isinstance(report, dict) or not isinstance(report.get("messages"), list):
        raise RuntimeError(failed)
    messages: list[dict] = report["messages"]
    errors = [m for m in messages if m.get("type") in {"error", "non-document-error"}]
    if result.returncode not in (0, 1) or (result.returncode == 1) != bool(errors):
        raise RuntimeError(failed)
    return messages


# --- Internal links and anchors -------------------------------------------------------------

SKIPPED_SCHEMES = ("tel:", "mailto:", "http:", "https:", "webcal:", "data:", "sms:")
LINK_ATTRIBUTES = {"a": "href", "area": "href", "link": "href", "img": "src", "script": "src",
                   "source": "src", "iframe": "src"}


@cache
def _ids(path: str, mtime: float) -> frozenset[str]:
    document = BeautifulSoup(Path(path).read_text(encoding="utf-8"), "html.parser")
    names = {tag["id"] for tag in document.find_all(id=True)}
    names |= {tag["name"] for tag in document.find_all("a", attrs={"name": True})}
    return frozenset(names)


def ids_in(path: Path) -> frozenset[str]:
    return _ids(str(path), path.stat().st_mtime)


@dataclass
class LinkCheck:
    checked: int = 0
    problems: list[str] = field(default_factory=list)


def internal_link_problems(site: Path, page: Path, document: BeautifulSoup, sub_path: str) -> LinkCheck:
    """Check every internal href/src of a page: the file exists and the #anchor is an id there.

    Relative links resolve against <base href> when the page has one (the 404 pages do).
    External (http, https), tel:, mailto:, webcal: and data: addresses are not followed.
    """
    root = f"/{sub_path}/"
    page_url = "http://site.invalid" + root + page.relative_to(site).as_posix()
    base = document.select_one("head base[href]")
    base_url = urljoin(page_url, base["href"]) if base else page_url
    result = LinkCheck()
    problems = result.problems
    for tag_name, attribute in LINK_ATTRIBUTES.items():
        for tag in document.find_all(tag_name, attrs={attribute: True}):
            value = tag[attribute].strip()
            if value.lower().startswith(SKIPPED_SCHEMES) or value.startswith("//"):
                continue
            result.checked += 1
            target = urlsplit(urljoin(base_url, value))
            if target.netloc != "site.invalid" or not target.path.startswith(root):
                problems.append(f"{page.relative_to(site)}: {value} sale del sitio")
                continue
            file = site / unquote(target.path[len(root):])
            if target.path.endswith("/") or file.is_dir():
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{page.relative_to(site)}: {value} → no existe {file.relative_to(site)}")
                continue
            anchor = unquote(target.fragment)
            if anchor and anchor != "top" and file.suffix == ".html" and anchor not in ids_in(file):
                problems.append(f"{page.relative_to(site)}: {value} → no hay id «{anchor}»")
    return result


# --- Structure: headings, tables, images, link text, languages -----------------------------

def heading_problems(document: BeautifulSoup) -> list[str]:
    """One h1, first; no level skipped on the way down (h2 → h4)."""
    headings = [int(tag.name[1]) for tag in document.find_all(re.compile(r"^h[1-6]$"))]
    problems = []
    if headings.count(1) != 1:
        problems.append(f"{headings.count(1)} h1 (debe haber exactamente 1)")
    if headings and headings[0] != 1:
        problems.append(f"el primer encabezado es h{headings[0]}, no h1")
    for previous, level in zip(headings, headings[1:]):
        if level > previous + 1:
            problems.append(f"salta de h{previous} a h{level}")
    return problems


def table_problems(document: BeautifulSoup) -> list[str]:
    """Data tables have a header row of <th> with text, and every row the same width."""
    problems = []
    for number, table in enumerate(document.select("article table"), start=1):
        rows = table.find_all("tr")
        header = rows[0].find_all(["th", "td"]) if rows else []
        if not header or any(cell.name != "th" for cell in header):
            problems.append(f"tabla {number}: la primera fila no son encabezados <th>")
        if any(not cell.get_text(strip=True) for cell in header):
            problems.append(f"tabla {number}: un encabezado está vacío")
        widths = {sum(int(cell.get("colspan", 1)) for cell in row.find_all(["th", "td"])) for row in rows}
        if len(widths) > 1:
            problems.append(f"tabla {number}: filas de distinto ancho {sorted(widths)}")
    return problems


def accessible_name(tag: Tag) -> str:
    """The name a screen reader gives a link or button (aria-label, else text and image alts)."""
    if tag.get("aria-label"):
        return tag["aria-label"].strip()
    if tag.get("aria-labelledby"):
        root = tag.find_parent("html") or tag
        parts = [root.find(id=ref) for ref in tag["aria-labelledby"].split()]
        return " ".join(part.get_text(" ", strip=True) for part in parts if part)
    texts = [tag.get_text(" ", strip=True)]
    texts += [img.get("alt", "") for img in tag.find_all("img")]
    return " ".join(text for text in texts if text).strip()


def image_problems(document: BeautifulSoup) -> list[str]:
    """Images have alt; images that are a link's only content leave the link a name; content
    graphics (svg, canvas, figure) have a text alternative; diagrams are text."""
    problems = []
    for img in document.find_all("img"):
        if img.get("alt") is None:
            problems.append(f"<img src={img.get('src')}> sin alt")
    for link in document.find_all(["a", "button"]):
        if link.find("img") and not accessible_name(link):
            problems.append(f"enlace con imagen y sin nombre: {link.get('href')}")
    for graphic in document.select("article svg, article canvas"):
        named = graphic.get("aria-label") or graphic.get("aria-labelledby") or graphic.find("title")
        if graphic.get("aria-hidden") != "true" and not named:
            problems.append(f"<{graphic.name}> en el contenido sin texto alternativo")
    for figure in document.select("article figure"):
        if not figure.find("figcaption") and not any(img.get("alt") for img in figure.find_all("img")):
            problems.append("<figure> sin figcaption ni alt")
    for diagram in document.select(".portal-route"):
        steps = diagram.select("ol > li")
        if not steps or any(not step.get_text(strip=True) for step in steps):
            problems.append("diagrama .portal-route sin lista de pasos con texto")
    return problems


# Link text that means nothing out of context (WCAG 2.4.4, 2.4.9), per language, normalised.
VAGUE_LINK_TEXT = {
    "aquí", "clic aquí", "haga clic aquí", "pulse aquí", "más", "leer más", "ver más",
    "más información", "enlace", "este enlace", "link", "here", "click here", "more",
    "read more", "learn more", "more information", "this link", "kaypi", "¶",
}


def link_text_problems(document: BeautifulSoup) -> list[str]:
    """Every link has a name, and the name makes sense alone."""
    problems = []
    for link in document.find_all("a", href=True):
        # Heading permalinks ("¶") repeat the table of contents' links; controls.js takes them
        # out of the Tab order and hides them from screen readers (aria-hidden).
        if "headerlink" in link.get("class", []) or link.get("aria-hidden") == "true":
            continue
        name = accessible_name(link)
        normalised = re.sub(r"[\s.:;,!¡?¿«»\"()]+", " ", name).strip().lower()
        if not normalised:
            problems.append(f"enlace sin nombre: {link['href']}")
        elif normalised in VAGUE_LINK_TEXT:
            problems.append(f"enlace «{name}» no se entiende solo: {link['href']}")
    return problems


def lang_problems(document: BeautifulSoup, expected_tag: str, allowed_tags: set[str]) -> list[str]:
    """<html lang> is the page's language and every inline lang is a configured language tag."""
    problems = []
    if document.html.get("lang") != expected_tag:
        problems.append(f"<html lang={document.html.get('lang')}> debería ser {expected_tag}")
    for tag in document.find_all(attrs={"lang": True}):
        if tag["lang"] not in allowed_tags:
            problems.append(f"lang=«{tag['lang']}» no es un idioma del sitio ({sorted(allowed_tags)})")
    for tag in document.find_all(attrs={"hreflang": True}):
        if tag.name == "a" and tag["hreflang"] not in allowed_tags:
            problems.append(f"hreflang=«{tag['hreflang']}» no es un idioma del sitio")
    return problems


# The portal's own interface around the content: skip link, help bar, header, notices, menus,
# footer. (The content is the translators' Markdown; the site name is a proper name.)
INTERFACE = ".md-skip, .portal-help, .md-header, .portal-notice, .md-sidebar, .md-footer"
GLOSS = re.compile(r"\([^()]*[a-záéíóúñ][^()]*\)", re.IGNORECASE)


def unmarked_glosses(document: BeautifulSoup, source_tag: str) -> list[str]:
    """In Kichwa pages, a Spanish gloss in parentheses in the interface is marked lang="es"."""
    problems = []
    for region in document.select(INTERFACE):
        for text in region.find_all(string=GLOSS):
            owner = text.parent.find_parent(attrs={"lang": True}) if text.parent.get("lang") is None else text.parent
            if owner is None or owner.get("lang") != source_tag:
                problems.append(f"«{text.strip()}» sin lang=\"{source_tag}\"")
    return problems


# --- Browser snippets -----------------------------------------------------------------------

SETTLED = "() => document.getAnimations().every(a => a.playState !== 'running')"

# Describes the focused element: which it is, whether it can be seen and whether the focus
# indicator is drawn (outline or box-shadow), and whether something covers it (WCAG 2.4.11).
FOCUS_INFO = """(target) => {
  const el = target instanceof Element ? target : document.activeElement;
  if (!el || el === document.body || el === document.documentElement) return null;
  const style = getComputedStyle(el);
  const r = el.getBoundingClientRect();
  const inside = (x, y) => x >= 0 && y >= 0 && x < innerWidth && y < innerHeight;
  const left = Math.max(r.left, 0), right = Math.min(r.right, innerWidth);
  const top = Math.max(r.top, 0), bottom = Math.min(r.bottom, innerHeight);
  const points = [[(left + right) / 2, (top + bottom) / 2], [left + 2, top + 2], [right - 2, top + 2],
                  [left + 2, bottom - 2], [right - 2, bottom - 2]];
  const seen = right > left && bottom > top && points.some(([x, y]) => {
    if (!inside(x, y)) return false;
    const hit = document.elementFromPoint(x, y);
    return hit && (hit === el || el.contains(hit) || hit.contains(el));
  });
  const outline = style.outlineStyle !== "none" && parseFloat(style.outlineWidth) >= 2;
  const shadow = style.boxShadow && style.boxShadow !== "none";
  return {index: Number(el.dataset.a11yIndex ?? -1), tag: el.tagName.toLowerCase(),
          cls: el.className && el.className.baseVal === undefined ? el.className : "",
          name: (el.getAttribute("aria-label") || el.innerText || el.value || "").trim().slice(0, 60),
          href: el.getAttribute("href"), seen: seen, indicator: outline || shadow,
          focusVisible: el.matches(":focus-visible")};
}"""

# Installed before a page's own scripts: records each focused element as it gets focus, so a
# test can press Tab several times and read every stop with one call.
RECORD_FOCUS = f"""window.__a11yStops = [];
document.addEventListener("focusin", (event) => window.__a11yStops.push(({FOCUS_INFO})(event.target)), true);"""

# Numbers every element that the keyboard should reach, in document order, and returns them.
MARK_TABBABLES = """() => {
  const all = document.querySelectorAll("a[href], button, input, select, textarea, summary, [tabindex]");
  const list = [];
  let n = 0;
  for (const el of all) {
    el.dataset.a11yIndex = String(n++);
    const style = getComputedStyle(el);
    const tabindex = el.getAttribute("tabindex");
    if (tabindex !== null && Number(tabindex) < 0) continue;
    if (el.disabled || el.type === "hidden" || el.closest("[inert]")) continue;
    if (style.visibility !== "visible" || el.getClientRects().length === 0) continue;
    list.push({index: Number(el.dataset.a11yIndex), tag: el.tagName.toLowerCase(),
               tabindex: tabindex === null ? 0 : Number(tabindex),
               name: (el.getAttribute("aria-label") || el.innerText || "").trim().slice(0, 60)});
  }
  return list;
}"""

HORIZONTAL_SCROLL = """() => {
  const scroller = document.scrollingElement;
  const wide = [];
  if (scroller.scrollWidth > innerWidth) {
    for (const el of document.querySelectorAll("body *")) {
      const r = el.getBoundingClientRect();
      if (r.width > 0 && r.right > innerWidth + 1) wide.push(el.tagName.toLowerCase() + "." +
        String(el.className.baseVal ?? el.className).split(" ")[0] + " → " + Math.round(r.right) + "px");
    }
  }
  return {scrollWidth: scroller.scrollWidth, innerWidth: innerWidth, wide: wide.slice(0, 5)};
}"""

MOTION = """() => {
  const moving = [];
  const long = (value) => value.split(",").some(d => parseFloat(d) > 0.01);
  for (const el of document.querySelectorAll("*")) {
    for (const pseudo of [null, "::before", "::after"]) {
      const s = getComputedStyle(el, pseudo);
      if ((s.animationName !== "none" && long(s.animationDuration)) || long(s.transitionDuration))
        moving.push(el.tagName.toLowerCase() + (pseudo || "") + "." + String(el.className.baseVal ?? el.className).split(" ")[0]);
    }
  }
  return {running: document.getAnimations().length, moving: moving.slice(0, 5), count: moving.length};
}"""


# --- The report printed at the end of the run -----------------------------------------------

@dataclass
class Check:
    pages: set[str] = field(default_factory=set)
    runs: int = 0
    items: int = 0  # links, tab stops...: what the check counted besides pages
    problems: Counter = field(default_factory=Counter)


@dataclass
class A11yReport:
    """What each accessibility test checked, by check name, in the order they ran."""

    checks: dict[str, Check] = field(default_factory=dict)
    notes: dict[str, str] = field(default_factory=dict)

    def add(self, name: str, pages: list[str] | set[str], runs: int = 0, items: int = 0,
            problems: Counter | None = None) -> None:
        check = self.checks.setdefault(name, Check())
        check.pages |= set(pages)
        check.runs += runs
        check.items += items
        check.problems.update(problems or Counter())

    def note(self, name: str, text: str) -> None:
        self.notes[name] = text

    def merge(self, other: A11yReport) -> None:
        """Add what another test process checked (make test runs one per CPU)."""
        for name, check in other.checks.items():
            self.add(name, check.pages, check.runs, check.items, check.problems)
        self.notes.update(other.notes)

    def lines(self) -> list[str]:
        lines = []
        for name, check in self.checks.items():
            total = sum(check.problems.values())
            parts = [f"{len(check.pages)} pages"]
            if check.runs:
                parts.append(f"{check.runs} runs")
            if check.items:
                parts.append(f"{check.items} {self.notes.get(name + ':items', 'items')}")
            lines.append(f"{name}: {', '.join(parts)}; {total} violations")
            for rule, count in check.problems.most_common():
                lines.append(f"    {rule}: {count}")
            if name in self.notes:
                lines.append(f"    {self.notes[name]}")
        for name, text in self.notes.items():
            if name not in self.checks and not name.endswith(":items"):
                lines.append(f"{name}: {text}")
        return lines

    def save(self, path: Path) -> None:
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("\n".join(self.lines()) + "\n", encoding="utf-8")
