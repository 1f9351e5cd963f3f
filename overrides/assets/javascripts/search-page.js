/* Search page (overrides/buscar.html), on search-engine.js.
   - Nothing is downloaded until the reader types or submits a query.
   - The query stays in the page (issue #16): never in the address (no ?q=, no history entry),
     the title or storage, so it is not in the browser's history or a server's log. The form
     is hidden until this script runs (without JavaScript, buscar.html says search needs it)
     and its submission never navigates.
   - The index is this language's only (portal/search/site_search.py): results stay in one language.
   - Index files are loaded as <script> elements, which also works in the offline copy (file://).
   - Results are a plain ordered list of links; the count is announced in a status region. */
(function () {
  "use strict";
  var form = document.getElementById("portal-search");
  if (!form || !window.PortalSearchEngine) return;
  var input = document.getElementById("portal-search-input");
  var status = document.getElementById("portal-search-status");
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
    phonetic: data.phonetic === "1",
    endings: data.endings ? data.endings.split(" ") : [],
    load: load
  });
  var latest = 0, timer = 0;

  function say(template, term, count) {
    return template.replace("[SEARCH_TERM]", "«" + term + "»").replace("[COUNT]", String(count));
  }

  function item(result) {
    var li = document.createElement("li");
    if (result.lang) li.lang = result.lang;
    var link = document.createElement("a");
    link.href = result.url;
    // Escaped by the engine, which only adds <mark> and <span lang>.
    link.innerHTML = result.section ? result.title + " › " + result.section : result.title;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt;
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function show(found, from, ticket) {
    var pages = found.pages;
    if (ticket !== latest) return Promise.resolve(); // the reader typed on: fetch nothing
    return Promise.all(pages.slice(from, from + PAGE).map(function (page) { return engine.describe(page, found.terms); }))
      .then(function (results) {
        if (ticket !== latest) return;
        results.forEach(function (result) { list.appendChild(item(result)); });
        var old = document.getElementById("portal-search-more");
        if (old) old.remove();
        if (from + PAGE < pages.length) {
          var more = document.createElement("button");
          more.type = "button";
          more.id = "portal-search-more";
          more.className = "md-button";
          more.textContent = data.more;
          more.addEventListener("click", function () {
            var first = list.children.length;
            show(found, from + PAGE, ticket).then(function () {
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

  function offer(text) {
    suggestionButton.textContent = text;
    suggestion.hidden = false;
  }

  function run(term, typing) {
    term = term.trim();
    var ticket = ++latest;
    list.textContent = "";
    var old = document.getElementById("portal-search-more");
    if (old) old.remove();
    if (suggestion) suggestion.hidden = true;
    if (!term) { status.textContent = ""; list.setAttribute("aria-busy", "false"); return; }
    status.textContent = say(data.searching, term, 0);
    list.setAttribute("aria-busy", "true");
    engine.search(term, function () { return ticket !== latest; }, typing).then(function (found) {
      if (ticket !== latest) return; // a newer query replaced this one
      var n = found.pages.length;
      var template = n === 0 ? data.zero : found.partial ? data.partial : n === 1 ? data.one : data.many;
      status.textContent = say(template, term, n);
      if (n === 0 && suggestion) {
        if (found.suggestion) offer(found.suggestion);
        else if (found.suggest) {
          setTimeout(function () {
            if (ticket !== latest) return;
            found.suggest().then(function (text) { if (ticket === latest && text) offer(text); });
          }, SUGGEST_WAIT);
        }
      }
      return show(found, 0, ticket);
    }).catch(function () {
      if (ticket === latest) status.textContent = data.failed;
    }).then(function () {
      if (ticket === latest) list.setAttribute("aria-busy", "false");
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault(); // the words never go into an address
    clearTimeout(timer);
    run(input.value);
  });
  input.addEventListener("input", function () {
    clearTimeout(timer);
    timer = setTimeout(function () { run(input.value, true); }, WAIT);
  });
  if (suggestionButton) {
    suggestionButton.addEventListener("click", function () {
      input.value = suggestionButton.textContent;
      input.focus(); // the button goes away with the new results
      clearTimeout(timer);
      run(input.value);
    });
  }
  form.hidden = false;
  var notice = document.getElementById("portal-search-needs-js");
  if (notice) notice.hidden = true;
})();
