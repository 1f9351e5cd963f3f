/* Search page (overrides/buscar.html), on search-engine.js.
   - Nothing is downloaded until the reader types or submits a query.
   - The query stays in the page (issue #16): never in the address (no ?q=, no history entry),
     the title or storage, so it is not in the browser's history or a server's log. The form
     is hidden until this script runs (without JavaScript, buscar.html says search needs it)
     and its submission never navigates.
   - The index is this language's only (portal/search/site_search.py): results stay in one language.
   - Index files are loaded as <script> elements, which also works in the offline copy (file://).
   - Results are a plain ordered list of links. While the reader types letter by letter, a
     result shows its title at once (the title files p<n>.js, a few for the whole site) and
     its excerpt only once typing pauses (PAUSE): every letter changes the top five, and
     fetching each one's excerpt block cost more than the whole budget (46-49 KB for
     «persona puede pedir ayuda» typed; issue #20, make bench). A query pasted or submitted
     has its excerpts at once. The excerpt's room is kept (portal.css), so nothing moves.
   - The count is shown at once, and announced (a status region) once per query, when the
     reader pauses, submits or pastes: not at every letter. */
(function () {
  "use strict";
  var form = document.getElementById("portal-search");
  if (!form || !window.PortalSearchEngine) return;
  var input = document.getElementById("portal-search-input");
  var status = document.getElementById("portal-search-status"); // seen (aria-hidden)
  var announce = document.getElementById("portal-search-announce"); // heard (role=status)
  var list = document.getElementById("portal-search-results");
  var suggestion = document.getElementById("portal-search-suggestion");
  var suggestionButton = suggestion && suggestion.querySelector("button");
  var data = form.dataset;
  var PAGE = 5; // each result fetches its page's text: keep the first screen small
  // ms after a keystroke, for bursts (autocomplete); results within 100 ms (make bench). A
  // last word of one or two letters ("t", "tr") matches only itself (search-engine.js,
  // MIN_PREFIX): cheap, so it need not wait for a pause (it waited 300 ms: "p" took 310 ms).
  var WAIT = 20;
  // A query typed that found nothing: its suggestion ("¿Quiso decir …?") waits for the reader
  // to stop typing this long, as it fetches word lists; on Enter it comes at once.
  var SUGGEST_WAIT = 400;
  // A query typed has settled when no letter came for this long once its results were shown
  // (a slow search does not eat into the pause): then its results' excerpts
  // are fetched and its count announced. About the gap between two letters typed on a phone
  // (150 ms in make bench) plus a margin: fewer excerpts are fetched for letters typed on.
  var PAUSE = 250;
  var store = window.portalSearch = window.portalSearch || {};
  var loading = {};

  function load(name) {
    if (!loading[name]) {
      loading[name] = new Promise(function (resolve, reject) {
        var script = document.createElement("script");
        script.src = data.index + name + ".js";
        script.onload = function () { resolve(store[name]); };
        script.onerror = function () { delete loading[name]; reject(new Error(name)); };
        document.head.appendChild(script);
      });
    }
    return loading[name];
  }

  var engine = window.PortalSearchEngine.create({
    keys: data.keys ? data.keys.split(" ") : [],
    documents: Number(data.documents),
    suffixes: data.suffixes ? data.suffixes.split(" ") : [],
    vocabulary: data.vocabulary ? data.vocabulary.split(" ").map(Number) : [],
    titles: data.titles ? data.titles.split(" ").map(Number) : [0],
    phonetic: data.phonetic === "1",
    endings: data.endings ? data.endings.split(" ") : [],
    load: load
  });
  var latest = 0, timer = 0, previous = "", running = "";
  // The pause timer: 0 while the latest query's results are coming (it starts once they are
  // shown, so a slow search does not eat into the pause), -1 once it has fired. And what the
  // latest query does once settled: announce its count, fetch its excerpts.
  var settle = 0, settled = null;

  function waitForPause() {
    clearTimeout(settle);
    settle = setTimeout(function () {
      settle = -1;
      if (settled) settled();
    }, PAUSE);
  }

  function say(template, term, count) {
    return template.replace("[SEARCH_TERM]", "«" + term + "»").replace("[COUNT]", String(count));
  }

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    var excerpt = document.createElement("p");
    li.appendChild(link);
    li.appendChild(excerpt);
    fill(li, result);
    return li;
  }

  // A result's link, title (› section) and excerpt; the excerpt may be "" (still to come).
  function fill(li, result) {
    if (result.lang) li.lang = result.lang;
    var link = li.firstChild, excerpt = li.lastChild;
    link.href = result.url;
    // Escaped by the engine, which only adds <mark> and <span lang>.
    link.innerHTML = result.section ? result.title + " › " + result.section : result.title;
    excerpt.innerHTML = result.excerpt;
  }

  // The results from "from" on, a screen of them: titles and excerpts, or, while the reader
  // is typing, the titles alone (the excerpts come with excerpts(), at the pause).
  function show(found, from, ticket, typing) {
    var pages = found.pages.slice(from, from + PAGE);
    if (ticket !== latest) return Promise.resolve(); // the reader typed on: fetch nothing
    var results = pages.map(function (page) { return typing ? null : engine.describe(page, found.terms); });
    return (typing ? engine.titles(pages) : Promise.all(results))
      .then(function (shown) {
        if (ticket !== latest) return;
        shown.forEach(function (result, n) {
          var li = item(result);
          li.dataset.page = String(pages[n]);
          if (typing) li.dataset.pending = "";
          list.appendChild(li);
        });
        var old = document.getElementById("portal-search-more");
        if (old) old.remove();
        if (from + PAGE < found.pages.length) {
          var more = document.createElement("button");
          more.type = "button";
          more.id = "portal-search-more";
          more.className = "md-button";
          more.textContent = data.more;
          more.addEventListener("click", function () {
            var first = list.children.length;
            show(found, from + PAGE, ticket, false).then(function () {
              // The button is replaced: move focus to the first new result, so keyboard and
              // screen-reader users go on reading where they were (not from the page's top).
              var link = list.children[first] && list.children[first].querySelector("a");
              if (link) link.focus();
            });
          });
          list.after(more);
        }
      });
  }

  // The excerpts of the results on screen still without one (a query typed, now settled).
  function excerpts(found, ticket) {
    list.querySelectorAll("li[data-pending]").forEach(function (li) {
      engine.describe(Number(li.dataset.page), found.terms).then(function (result) {
        if (ticket !== latest || !li.isConnected) return;
        fill(li, result);
        delete li.dataset.pending;
      }, function () {});
    });
  }

  function offer(text) {
    suggestionButton.textContent = text;
    suggestion.hidden = false;
  }

  // Searches for the words in the field. "typing": the reader is typing them letter by letter
  // (excerpts and the announcement wait for a pause); else pasted or submitted.
  function run(term, typing) {
    term = term.trim();
    if (typing && term === running) { // a space after a word: the same search, typing on
      if (settle > 0) waitForPause();
      return;
    }
    running = term;
    var ticket = ++latest;
    clearTimeout(settle);
    settle = 0;
    settled = null;
    list.textContent = "";
    var old = document.getElementById("portal-search-more");
    if (old) old.remove();
    if (suggestion) suggestion.hidden = true;
    if (!term) { status.textContent = announce.textContent = ""; list.setAttribute("aria-busy", "false"); return; }
    status.textContent = say(data.searching, term, 0);
    list.setAttribute("aria-busy", "true");
    if (typing) {
      // The first title file, fetched with the first letter's parts rather than after them:
      // the whole site up to ~50 pages (its first pages in the menu's order, on a bigger one).
      load("p0").catch(function () {});
    }
    var found = null, text = "";
    engine.search(term, function () { return ticket !== latest; }, typing).then(function (result) {
      if (ticket !== latest) return; // a newer query replaced this one
      found = result;
      var n = found.pages.length;
      var template = n === 0 ? data.zero : found.partial ? data.partial : n === 1 ? data.one : data.many;
      text = say(template, term, n);
      status.textContent = text;
      if (n === 0 && suggestion) {
        if (found.suggestion) offer(found.suggestion);
        else if (found.suggest) {
          setTimeout(function () {
            if (ticket !== latest) return;
            found.suggest().then(function (text) { if (ticket === latest && text) offer(text); });
          }, SUGGEST_WAIT);
        }
      }
      return show(found, 0, ticket, typing);
    }).catch(function () {
      if (ticket === latest) status.textContent = announce.textContent = data.failed;
    }).then(function () {
      if (ticket !== latest) return;
      list.setAttribute("aria-busy", "false");
      if (!found) return; // failed: said at once
      settled = function () {
        if (ticket !== latest) return;
        announce.textContent = text;
        if (typing) excerpts(found, ticket);
      };
      if (typing) waitForPause();
      else settled();
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // the words never go into an address
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function (event) {
    // One letter more or less is typing; more at once is a paste or an autocompletion.
    var value = input.value;
    var typing = Math.abs(value.length - previous.length) <= 1 && event.inputType !== "insertFromPaste";
    previous = value;
    clearTimeout(timer);
    timer = setTimeout(function () { run(value, typing); }, WAIT);
  });
  if (suggestionButton) {
    suggestionButton.addEventListener("click", function () {
      input.value = previous = suggestionButton.textContent;
      input.focus(); // the button goes away with the new results
      clearTimeout(timer);
      run(input.value);
    });
  }
  form.hidden = false;
  var notice = document.getElementById("portal-search-needs-js");
  if (notice) notice.hidden = true;
})();
