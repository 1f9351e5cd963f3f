/* "Escuchar esta página" (partials/portal/listen.html): reads the article aloud with the
   browser's speech synthesis (Web Speech API). No audio file, no request: the device's own
   voice does the reading.
   - The page has an empty slot; the controls (partials/portal/listen-controls.html), the
     messages and the voices of each language come in window.portalStrings
     (assets/javascripts/strings.js, portal/pages/script_strings.py, in the same bundle).
   - Offered only when the device has a voice for the article's language (its closest lang
     attribute: <html lang>, or the Spanish of an untranslated page). Voices often arrive late
     (Chrome fills the list after load and fires "voiceschanged"), so the controls stay hidden
     until then; their row is reserved by portal.css, so nothing moves when they appear.
   - A language may list the voices that read it (mkdocs.yml extra.languages.<code>.voices,
     in portalStrings): Kichwa lists the Ecuadorian varieties' codes, so a Peruvian or
     Bolivian Quechua voice (qu-PE, quz...) does not count. Without a voice, a glossed page
     (Kichwa) says so and links to the same page in the default language (its address from
     the page's language menu).
   - The article is read paragraph by paragraph (one utterance per block, so a long page does
     not hit Chrome's cut-off of long utterances), each part in its own language: the Spanish
     glosses of a Kichwa page, marked lang="es", are read by a Spanish voice.
   - The button is a toggle (aria-pressed): pressed while reading; pressing it again pauses,
     and once more resumes at the start of the paragraph that was being read. Pausing cancels
     the speech instead of calling speechSynthesis.pause(), which does nothing on Android's
     Chrome. "Detener" stops and starts over next time. A status region tells screen readers.
   - Leaving the page (quick exit included) silences it at once.
   No inline script and no inline style: the Content-Security-Policy forbids both. */
(function () {
  "use strict";
  var slot = document.querySelector("[data-portal-listen]");
  var article = document.querySelector(".portal-article");
  var synth = window.speechSynthesis;
  var own = (window.portalStrings || {})[document.documentElement.getAttribute("lang")];
  if (!slot || !article || !synth || typeof window.SpeechSynthesisUtterance !== "function" || !own) return;

  slot.innerHTML = own.listen; // built at build time from the site's own strings
  var defaultLink = slot.querySelector("[data-portal-listen-default]");
  if (defaultLink) {
    var same = document.querySelector('.md-select__link[hreflang="' + own.fallback + '"]');
    if (same) defaultLink.setAttribute("href", same.getAttribute("href"));
    else defaultLink.parentNode.parentNode.removeChild(defaultLink.parentNode);
  }
  var controls = slot.querySelector("[data-portal-listen-controls]");
  var play = slot.querySelector("[data-portal-listen-play]");
  var stop = slot.querySelector("[data-portal-listen-stop]");
  var status = slot.querySelector("[data-portal-listen-status]");
  var noVoice = slot.querySelector("[data-portal-listen-no-voice]");
  var pageLang = (article.closest("[lang]") || document.documentElement).getAttribute("lang") || "";

  // The page language's own list of voices (empty: any voice of the same language).
  var LISTED = (own.voices || []).map(function (tag) { return tag.toLowerCase().replace(/_/g, "-"); });
  var FALLBACK = own.fallback || "";
  var BLOCKS = "p, li, dt, dd, h1, h2, h3, h4, h5, h6, th, td, caption, figcaption, summary, blockquote, pre";
  var SKIP = "[data-portal-listen], .portal-notice, .headerlink, [aria-hidden='true'], [hidden], script, style, template, svg, button, noscript";

  function normal(tag) { return String(tag || "").toLowerCase().replace(/_/g, "-"); }
  function primary(tag) { return normal(tag).split("-")[0]; }
  /* A voice tag among the listed ones: the tag itself, or a variant of a listed code other than
     the page's own (qug-EC counts for Kichwa; qu-PE, Peruvian Quechua, does not). */
  function isListed(tag, own) {
    var value = normal(tag);
    return LISTED.indexOf(value) !== -1 || (primary(value) !== own && LISTED.indexOf(primary(value)) !== -1);
  }

  /* The best voice for a language tag: the same tag, else the same language (the device's
     default voice first). null when the device has none. */
  function voiceFor(tag, voices) {
    var want = normal(tag);
    var listed = LISTED.length > 0 && LISTED.indexOf(primary(want)) !== -1;
    var best = null;
    var score = 0;
    for (var i = 0; i < voices.length; i += 1) {
      var have = normal(voices[i].lang);
      var points = 0;
      if (have === want) points = 3;
      else if (listed ? isListed(have, primary(want)) : primary(have) === primary(want)) points = voices[i].default ? 2 : 1;
      if (points > score) { best = voices[i]; score = points; }
    }
    return best;
  }

  /* The article as parts to read: consecutive text of the same block and language. */
  function parts() {
    var out = [];
    var walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT);
    var node;
    var last = null;
    while ((node = walker.nextNode())) {
      var parent = node.parentElement;
      if (!parent || parent.closest(SKIP)) continue;
      var block = parent.closest(BLOCKS) || article;
      if (!article.contains(block)) block = article;
      var lang = (parent.closest("[lang]") || document.documentElement).getAttribute("lang") || pageLang;
      if (last && last.block === block && last.lang === lang) last.text += node.nodeValue;
      else {
        // A new block starts a new sentence for the voice; a language change inside a block
        // (a gloss) continues the same one.
        last = { block: block, lang: lang, text: node.nodeValue };
        out.push(last);
      }
    }
    return out.map(function (part) {
      return { lang: part.lang, text: part.text.replace(/\s+/g, " ").trim() };
    }).filter(function (part) { return /[0-9A-Za-z\u00C0-\u024F]/.test(part.text); });
  }

  var voices = [];
  var queue = [];
  var index = 0;
  var state = "idle"; // idle | playing | paused
  var current = null;

  function message(name) {
    var item = (own.messages || {})[name];
    status.textContent = item ? item[0] : "";
    if (item && item[1]) status.setAttribute("lang", item[1]);
    else status.removeAttribute("lang");
  }

  function setState(next, announce) {
    state = next;
    play.setAttribute("aria-pressed", String(next === "playing"));
    stop.hidden = next === "idle";
    slot.classList.toggle("portal-listen--playing", next === "playing");
    if (announce) message(announce);
  }

  function silence() {
    current = null;
    synth.cancel();
  }

  function speakNext() {
    if (state !== "playing") return;
    if (index >= queue.length) {
      index = 0;
      current = null;
      setState("idle", "ended");
      return;
    }
    var part = queue[index];
    var utterance = new window.SpeechSynthesisUtterance(part.text);
    // A part in a language the device has no voice for is read by the page's voice.
    var own = voiceFor(part.lang, voices);
    var voice = own || voiceFor(pageLang, voices);
    utterance.lang = own ? part.lang : pageLang;
    if (voice) utterance.voice = voice;
    utterance.onend = function () {
      if (current !== utterance) return; // cancelled by pause or stop
      index += 1;
      speakNext();
    };
    utterance.onerror = function (event) {
      if (current !== utterance || event.error === "interrupted" || event.error === "canceled") return;
      index += 1; // a part the voice cannot read is skipped, not retried for ever
      speakNext();
    };
    current = utterance;
    synth.speak(utterance);
  }

  play.addEventListener("click", function () {
    if (state === "playing") {
      setState("paused", "paused");
      silence();
      return;
    }
    if (state === "idle") {
      queue = parts();
      index = 0;
    }
    // Nothing else keeps speaking. Only when something is: Chrome may drop an utterance
    // spoken right after cancel().
    current = null;
    if (synth.speaking || synth.pending) synth.cancel();
    setState("playing", "playing");
    speakNext();
  });

  stop.addEventListener("click", function () {
    silence();
    index = 0;
    setState("idle", "stopped");
    play.focus(); // the stop button hides itself: keep the focus in the same place
  });

  // Quick exit and any navigation: stop speaking at once. pagehide also covers the
  // back/forward cache; a restored page starts idle.
  window.addEventListener("pagehide", function () { silence(); setState("idle"); });
  var exit = document.querySelector("[data-portal-exit]");
  if (exit) exit.addEventListener("click", silence, true);

  function update() {
    voices = synth.getVoices() || [];
    if (!voices.length) return; // not known yet: wait for voiceschanged
    var has = !!voiceFor(pageLang, voices);
    controls.hidden = !has;
    if (!has && state !== "idle") { silence(); setState("idle"); }
    if (noVoice) noVoice.hidden = has || !voiceFor(FALLBACK, voices);
  }

  silence(); // a queue left over from another page of this site
  update();
  if (typeof synth.addEventListener === "function") synth.addEventListener("voiceschanged", update);
  else synth.onvoiceschanged = update;
})();
