"""«Escuchar esta página» (partials/portal/listen.html, assets/javascripts/listen.js; issue 14
item 7) in Debian's Chromium, behind the site's Content-Security-Policy.

Chromium in a test has no voices, so an init script replaces ``speechSynthesis`` with a
recording stub: its voices (none at first, then a list announced by ``voiceschanged``, as
Chrome does; or when the test calls ``window.__speech.announce()``), every utterance spoken with its ``lang`` and voice, and ``cancel``. An utterance
ends only when the test says so (``window.__speech.end()``), so pause and stop can be checked
in the middle of a page."""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from portal.publish import server_config
from tests.support import a11y
from tests.support.site import SUB_PATH, free_port, language_tag

pytestmark = pytest.mark.browser

SPANISH = {"name": "Voz es-EC", "lang": "es-EC", "default": True}
SPANISH_SPAIN = {"name": "Voz es-ES", "lang": "es-ES", "default": False}
ENGLISH = {"name": "Voice en-US", "lang": "en-US", "default": False}
PERUVIAN_QUECHUA = {"name": "Voz qu-PE", "lang": "qu-PE", "default": False}
KICHWA = {"name": "Voz qu-EC", "lang": "qu-EC", "default": False}
VOICES = [SPANISH_SPAIN, SPANISH, ENGLISH]

STUB = """
(function (voices, delay) {
  function fire(target, type, extra) {
    var event = new Event(type);
    Object.assign(event, extra || {});
    if (typeof target["on" + type] === "function") target["on" + type](event);
    target.dispatchEvent(event);
  }
  function Utterance(text) {
    var self = new EventTarget();
    self.text = text || ""; self.lang = ""; self.voice = null; self.rate = 1; self.pitch = 1; self.volume = 1;
    return self;
  }
  var log = window.__speech = { spoken: [], cancels: 0, pauses: 0 };
  var list = delay === -1 ? voices : [];  // -1: known at once; -2: when announce() is called
  var current = null;
  var synth = new EventTarget();
  synth.getVoices = function () { return list.slice(); };
  synth.speak = function (u) {
    log.spoken.push({ text: u.text, lang: u.lang, voice: u.voice ? u.voice.lang : null });
    current = u;
    fire(u, "start");
  };
  synth.cancel = function () {
    log.cancels += 1;
    var u = current; current = null;
    if (u) fire(u, "end");  // Chrome ends a cancelled utterance too
  };
  synth.pause = function () { log.pauses += 1; };
  synth.resume = function () {};
  log.end = function () { var u = current; current = null; if (u) fire(u, "end"); };
  log.speaking = function () { return current !== null; };
  Object.defineProperty(window, "speechSynthesis", { value: synth, configurable: true });
  window.SpeechSynthesisUtterance = Utterance;
  log.announce = function () { list = voices; fire(synth, "voiceschanged"); };
  if (delay >= 0) setTimeout(log.announce, delay);
  window.__shifts = 0;
  new PerformanceObserver(function (entries) {
    entries.getEntries().forEach(function (e) { if (!e.hadRecentInput) window.__shifts += e.value; });
  }).observe({ type: "layout-shift", buffered: true });
  window.__csp = [];
  document.addEventListener("securitypolicyviolation", function (e) {
    window.__csp.push(e.violatedDirective + " " + e.blockedURI);
  });
})(%s, %d);
"""


class _CSPHandler(http.server.SimpleHTTPRequestHandler):
    """The built site with the headers of the shipped server configurations."""

    def end_headers(self) -> None:
        for name, value in server_config.SECURITY_HEADERS.items():
            self.send_header(name, value)
        super().end_headers()

    def log_message(self, format: str, *args: object) -> None:  # noqa: A002
        pass


@pytest.fixture(scope="module")
def csp_url(site: Path) -> Iterator[str]:
    port = free_port()
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port),
                                             functools.partial(_CSPHandler, directory=str(site.parent)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{port}/{SUB_PATH}/"
    server.shutdown()


class Tab:
    """A phone tab with the speech stub, recording page errors and requests elsewhere."""

    def __init__(self, browser: object, base: str, voices: list[dict] | None, delay: int = 300,
                 scheme: str = "light") -> None:
        self.context = browser.new_context(viewport={"width": 360, "height": 640}, device_scale_factor=2,
                                           is_mobile=True, has_touch=True, color_scheme=scheme)
        if voices is not None:
            self.context.add_init_script(STUB % (json.dumps(voices), delay))
        self.page = self.context.new_page()
        self.base = base
        origin = "{0.scheme}://{0.netloc}".format(urlsplit(base))
        self.errors: list[str] = []
        self.elsewhere: list[str] = []
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.page.on("console", lambda m: self.errors.append(m.text) if m.type == "error" else None)
        self.page.on("request", lambda r: self.elsewhere.append(r.url)
                     if not r.url.startswith((origin, "data:")) else None)
        self.play = self.page.locator("[data-portal-listen-play]")
        self.stop = self.page.locator("[data-portal-listen-stop]")
        self.status = self.page.locator("[data-portal-listen-status]")
        self.no_voice = self.page.locator("[data-portal-listen-no-voice]")

    def open(self, path: str) -> None:
        self.page.goto(self.base + path)
        self.page.wait_for_load_state("load")

    def spoken(self) -> list[dict]:
        return self.page.evaluate("window.__speech.spoken.map(s => ({text: s.text, lang: s.lang, voice: s.voice}))")

    def end_utterance(self) -> None:
        self.page.evaluate("window.__speech.end()")

    def check_clean(self) -> None:
        csp = self.page.evaluate("window.__csp || []")
        assert csp == [] and self.errors == [] and self.elsewhere == []

    def close(self) -> None:
        self.context.close()


@pytest.fixture
def tab(browser: object, csp_url: str) -> Iterator[functools.partial[Tab]]:
    tabs: list[Tab] = []

    def make(voices: list[dict] | None = VOICES, delay: int = 300, scheme: str = "light") -> Tab:
        tabs.append(Tab(browser, csp_url, voices, delay, scheme))
        return tabs[-1]

    yield make
    for opened in tabs:
        opened.close()


def test_button_appears_only_once_a_voice_for_the_language_is_known_without_moving_the_page(tab: object) -> None:
    t = tab(delay=-2)  # the voices arrive when the test says
    t.open("que-es-la-trata.html")
    t.page.wait_for_timeout(500)
    assert t.play.is_hidden()  # voices not known yet
    t.page.evaluate("window.__speech.announce()")
    t.play.wait_for(state="visible")
    t.page.wait_for_timeout(500)  # layout-shift entries reach the observer after the frame
    assert t.page.evaluate("window.__shifts") == 0
    assert t.play.get_attribute("aria-pressed") == "false"
    assert t.stop.is_hidden() and t.no_voice.count() == 0
    t.check_clean()


def test_reads_the_article_in_spanish_not_the_help_bar_menu_or_footer(tab: object) -> None:
    t = tab(delay=-1)
    t.open("que-es-la-trata.html")
    t.play.click()
    assert t.play.get_attribute("aria-pressed") == "true"
    assert "Leyendo" in t.status.text_content()
    for _ in range(400):
        if not t.page.evaluate("window.__speech.speaking()"):
            break
        t.end_utterance()
    spoken = t.spoken()
    text = " ".join(s["text"] for s in spoken)
    article = t.page.locator(".portal-article").inner_text()
    assert spoken[0]["text"] == t.page.locator(".portal-article h1").evaluate("h => h.firstChild.textContent.trim()")
    assert len(spoken) > 5 and "¶" not in text
    last_paragraph = t.page.locator(".portal-article p").last.inner_text().split()
    assert " ".join(last_paragraph) in text
    # Every word read is the article's; nothing of the help bar, the menu or the footer.
    for outside in (".portal-help__more", ".md-footer", ".md-nav__title"):
        words = t.page.locator(outside).first.inner_text().strip()
        if words and words not in article:
            assert words not in text, outside
    assert "Más formas de pedir ayuda" not in text
    assert {s["lang"] for s in spoken} == {language_tag("es")}
    assert {s["voice"] for s in spoken} == {"es-EC"}  # the device's default Spanish voice
    assert t.play.get_attribute("aria-pressed") == "false" and "Terminó" in t.status.text_content()
    t.check_clean()


def test_pause_resumes_at_the_same_paragraph_and_stop_starts_over(tab: object) -> None:
    t = tab(delay=-1)
    t.open("pide-ayuda.html")
    t.play.click()
    t.end_utterance()
    t.end_utterance()
    assert len(t.spoken()) == 3
    third = t.spoken()[2]["text"]
    t.play.click()  # pause
    assert t.play.get_attribute("aria-pressed") == "false" and "pausa" in t.status.text_content()
    assert not t.page.evaluate("window.__speech.speaking()")
    t.page.wait_for_timeout(100)
    assert len(t.spoken()) == 3  # nothing more while paused
    t.play.click()  # resume
    assert t.play.get_attribute("aria-pressed") == "true"
    assert len(t.spoken()) == 4 and t.spoken()[3]["text"] == third
    assert t.stop.is_visible()
    # On a 360 px phone "Detener" appears beside the first button: nothing below moves.
    assert t.stop.bounding_box()["y"] == t.play.bounding_box()["y"]
    assert t.stop.get_attribute("aria-label") is None and "Detener" in t.stop.text_content()
    t.stop.click()
    assert t.stop.is_hidden() and t.play.get_attribute("aria-pressed") == "false"
    assert "detenida" in t.status.text_content()
    assert not t.page.evaluate("window.__speech.speaking()")
    assert t.page.evaluate("document.activeElement.hasAttribute('data-portal-listen-play')")
    t.play.click()  # after stop: from the top again
    assert t.spoken()[-1]["text"] == t.spoken()[0]["text"]
    t.check_clean()


def test_keyboard_starts_pauses_and_stops(tab: object) -> None:
    t = tab(delay=-1)
    t.open("migra-seguro.html")
    t.play.wait_for(state="visible")
    # Reach the button with Tab from the element just before it.
    t.play.evaluate("b => { const s = document.createElement('span'); s.tabIndex = 0; s.id = 'before';"
                    " b.parentElement.parentElement.before(s); }")
    t.page.focus("#before")
    t.page.keyboard.press("Tab")
    assert t.page.evaluate("document.activeElement.hasAttribute('data-portal-listen-play')")
    outline = t.play.evaluate("b => getComputedStyle(b).outlineStyle")
    assert outline == "solid"  # visible focus
    t.page.keyboard.press("Enter")
    assert t.play.get_attribute("aria-pressed") == "true" and len(t.spoken()) == 1
    t.page.keyboard.press("Space")
    assert t.play.get_attribute("aria-pressed") == "false"
    t.page.keyboard.press("Space")
    assert t.play.get_attribute("aria-pressed") == "true"
    t.page.keyboard.press("Tab")
    assert t.page.evaluate("document.activeElement.hasAttribute('data-portal-listen-stop')")
    t.page.keyboard.press("Enter")
    assert t.play.get_attribute("aria-pressed") == "false" and t.stop.is_hidden()
    t.check_clean()


def test_english_page_is_read_with_an_english_voice(tab: object) -> None:
    t = tab()
    t.open("en/index.html")
    t.play.wait_for(state="visible")
    assert "Listen to this page" in t.play.inner_text()
    t.play.click()
    t.end_utterance()
    spoken = t.spoken()
    assert spoken[0]["text"] == "Portal against Human Trafficking"
    assert {s["lang"] for s in spoken} == {"en"} and {s["voice"] for s in spoken} == {"en-US"}
    t.check_clean()


@pytest.mark.parametrize("voices", [VOICES, VOICES + [PERUVIAN_QUECHUA]], ids=["es-en", "with-qu-PE"])
def test_kichwa_without_a_kichwa_voice_says_so_and_links_the_spanish_page(tab: object, voices: list[dict]) -> None:
    t = tab(voices=voices, delay=-2)
    t.open("qu/que-es-la-trata.html")
    # The slot at the top of the screen, the article below it in view: a shift would count.
    t.page.locator("[data-portal-listen]").evaluate("slot => slot.scrollIntoView({block: 'start'})")
    t.page.wait_for_timeout(300)
    t.page.evaluate("window.__speech.announce()")
    t.no_voice.wait_for(state="visible")
    assert t.play.is_hidden()  # a Peruvian Quechua voice does not read Kichwa
    t.page.wait_for_timeout(500)  # layout-shift entries reach the observer after the frame
    assert t.page.evaluate("window.__shifts") == 0
    assert "Runa shimipi" in t.no_voice.inner_text()
    link = t.no_voice.locator("a")
    assert link.get_attribute("hreflang") == "es"
    link.click()
    t.page.wait_for_url("**/trata/que-es-la-trata.html")
    assert t.page.evaluate("document.documentElement.lang") == "es"
    t.page.evaluate("window.__speech.announce()")
    t.play.wait_for(state="visible")  # the Spanish page can be listened to
    t.check_clean()


def test_kichwa_home_with_a_kichwa_voice_reads_the_glosses_in_spanish(tab: object) -> None:
    t = tab(voices=VOICES + [KICHWA])
    t.open("qu/index.html")
    t.play.wait_for(state="visible")
    assert t.no_voice.is_hidden()
    t.play.click()
    for _ in range(60):
        t.end_utterance()
    spoken = t.spoken()
    kichwa = [s for s in spoken if s["lang"] == language_tag("qu")]
    spanish = [s for s in spoken if s["lang"] == language_tag("es")]
    assert kichwa and spanish and {s["voice"] for s in kichwa} == {"qu-EC"}
    assert any(s["text"].startswith("(¿está en peligro ahora?") for s in spanish)  # a task's gloss
    assert not any("manarak allichishkachu" in s["text"] for s in spoken)  # the notice is not read
    t.check_clean()


# Where the controls sit (partials/portal/listen.html, portal.css): in the white band between
# the header and the page's first line, out of the flow. The page's first line is where it
# would be without the slot (the row it reserved left a 50-88 px gap on a phone where no voice
# came), and the controls, once shown, lie between the header and that line.
_ROOM = """() => {
  const slot = document.querySelector("[data-portal-listen]");
  const next = slot.nextElementSibling || slot.parentElement.querySelector(".portal-article");
  const header = document.querySelector(".md-header").getBoundingClientRect();
  const shown = [...slot.querySelectorAll("[data-portal-listen-controls], [data-portal-listen-no-voice]")]
    .filter(e => !e.hidden).map(e => e.getBoundingClientRect());
  const first = next.getBoundingClientRect().top;
  const parent = slot.parentNode, after = slot.nextSibling;
  slot.remove();
  const without = next.getBoundingClientRect().top;
  parent.insertBefore(slot, after);
  return { first, without, header: header.bottom, shown: shown.map(r => [r.top, r.bottom, r.height]) };
}"""


@pytest.mark.parametrize("path", ["que-es-la-trata.html", "qu/que-es-la-trata.html", "en/pide-ayuda.html",
                                  "qu/index.html", "index.html"])
@pytest.mark.parametrize("voices", [[], VOICES], ids=["no-voice", "voices"])
def test_controls_take_no_room_and_cover_nothing(tab: object, path: str, voices: list[dict]) -> None:
    t = tab(voices=voices, delay=-1)
    t.open(path)
    if voices:
        (t.no_voice if path.startswith("qu/") else t.play).wait_for(state="visible")
    else:
        t.page.wait_for_timeout(300)
    room = t.page.evaluate(_ROOM)
    assert room["first"] == room["without"], room  # no gap where nothing is offered
    assert len(room["shown"]) == (1 if voices else 0), room
    for top, bottom, height in room["shown"]:
        assert height > 20 and top >= room["header"] and bottom <= room["first"], room
    t.check_clean()


@pytest.mark.parametrize("voices", [[], None], ids=["no-voices", "no-speech-api"])
def test_nothing_is_offered_without_voices(tab: object, voices: list[dict] | None) -> None:
    t = tab(voices=voices, delay=100)
    if voices is None:
        t.context.add_init_script("delete Window.prototype.speechSynthesis; delete window.speechSynthesis;")
    t.open("qu/pide-ayuda.html")
    t.page.wait_for_timeout(400)
    assert t.play.is_hidden() and t.no_voice.is_hidden()
    assert t.errors == [] and t.elsewhere == []


def test_leaving_the_page_silences_it(tab: object) -> None:
    t = tab(delay=-1)
    t.open("que-es-la-trata.html")
    t.play.click()
    cancels = t.page.evaluate("window.__speech.cancels")
    t.page.evaluate("window.dispatchEvent(new PageTransitionEvent('pagehide'))")
    assert t.page.evaluate("window.__speech.cancels") > cancels
    assert t.play.get_attribute("aria-pressed") == "false"


def test_controls_pass_axe_in_light_and_dark(tab: object, a11y_tools: None) -> None:
    problems: list[str] = []
    for scheme in ("light", "dark"):
        t = tab(delay=-1, scheme=scheme)
        t.open("que-es-la-trata.html")
        t.play.click()  # pressed state and the stop button visible
        problems += a11y.describe_axe(f"listen ({scheme})", a11y.run_axe(t.page))
    t = tab(voices=VOICES, delay=-1)
    t.open("qu/que-es-la-trata.html")
    t.no_voice.wait_for(state="visible")
    problems += a11y.describe_axe("listen, Kichwa without voice", a11y.run_axe(t.page))
    assert problems == []


@pytest.fixture(scope="session")
def a11y_tools() -> None:
    a11y.ensure_node_tools()
