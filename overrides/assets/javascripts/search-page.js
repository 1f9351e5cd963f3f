/* Search page, on Pagefind's JavaScript API (no UI framework: a few KB instead of ~27 KB).
   - Nothing is downloaded until the reader types or submits a query (or opens ?q=...).
   - Pagefind picks this page's language index from <html lang>: results stay in one language.
   - Results are a plain ordered list of links; the count is announced in a status region. */
(function () {
  "use strict";
  var form = document.getElementById("portal-search");
  if (!form) return;
  var input = document.getElementById("portal-search-input");
  var status = document.getElementById("portal-search-status");
  var list = document.getElementById("portal-search-results");
  var data = form.dataset;
  var siteRoot = new URL(data.siteRoot, window.location.href).pathname;
  var pagefind = null;
  var latest = 0;
  var PAGE = 5; // each result fetches its page fragment: keep the first screen small

  function load() {
    // The offline copy (file://) ships its own index and engine (search-offline.js).
    if (window.PortalOfflineSearch) return Promise.resolve(window.PortalOfflineSearch);
    if (!pagefind) {
      pagefind = import(new URL(data.bundle, window.location.href).href).then(function (pf) {
        // Result URLs are stored from the site root; serve them under our sub-path.
        return pf.options({ baseUrl: siteRoot, noWorker: true, excerptLength: 24 })
          .then(function () { return pf; });
      });
    }
    return pagefind;
  }

  function say(template, term, count) {
    return template.replace("[SEARCH_TERM]", "«" + term + "»").replace("[COUNT]", String(count));
  }

  function item(result) {
    var li = document.createElement("li");
    var link = document.createElement("a");
    link.href = result.url;
    link.textContent = result.meta.title || result.url;
    var excerpt = document.createElement("p");
    excerpt.innerHTML = result.excerpt; // Pagefind escapes page text; only <mark> is added
    li.appendChild(link);
    li.appendChild(excerpt);
    return li;
  }

  function show(results, from, term, ticket) {
    return Promise.all(results.slice(from, from + PAGE).map(function (r) { return r.data(); }))
      .then(function (pages) {
        if (ticket !== latest) return;
        pages.forEach(function (page) { list.appendChild(item(page)); });
        var old = document.getElementById("portal-search-more");
        if (old) old.remove();
        if (from + PAGE < results.length) {
          var more = document.createElement("button");
          more.type = "button";
          more.id = "portal-search-more";
          more.className = "md-button";
          more.textContent = data.more;
          more.addEventListener("click", function () {
            var first = list.children.length;
            show(results, from + PAGE, term, ticket).then(function () {
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

  function run(term) {
    term = term.trim();
    var ticket = ++latest;
    list.textContent = "";
    var old = document.getElementById("portal-search-more");
    if (old) old.remove();
    if (!term) { status.textContent = ""; return; }
    status.textContent = say(data.searching, term, 0);
    load().then(function (pf) { return pf.debouncedSearch(term, {}, 250); }).then(function (search) {
      if (!search || ticket !== latest) return; // a newer query replaced this one
      var n = search.results.length;
      status.textContent = say(n === 0 ? data.zero : n === 1 ? data.one : data.many, term, n);
      return show(search.results, 0, term, ticket);
    });
  }

  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var url = new URL(window.location.href);
    url.searchParams.set("q", input.value);
    window.history.replaceState(null, "", url);
    run(input.value);
  });
  input.addEventListener("input", function () { run(input.value); });
  var query = new URLSearchParams(window.location.search).get("q");
  if (query) { input.value = query; run(query); }
})();
