/* Search engine over the index that hooks/search_index.py writes (read its docstring first).
   No DOM work here: search-page.js is the page. Words are folded exactly as in Python:
   lower case, accents removed ("migracion" finds "migración"), runs of letters and digits.
   A reader's word matches an indexed word that is equal to it, has the same stem ("denunciar"
   finds "denuncia"), starts with it ("migra" finds "migrantes"), or is it minus a plural
   ending of the language ("víctimas" finds "víctima" even where "víctimas" is not written).
   Every word of the query must match (like a web search engine), else the pages with most of
   the words are offered as such; titles and headings weigh more. */
(function (root) {
  "use strict";
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  var EXACT = 1, STEM = 0.9, PREFIX = 0.7; // how much each kind of match counts
  var MAX_LONGER_PARTS = 4; // "d" alone would need every "d…" part: short words match exactly

  function fold(text) { return text.toLowerCase().normalize("NFD").replace(MARKS, ""); }
  function words(text) { return fold(text).match(WORD) || []; }

  function create(settings) {
    // settings: keys (array), documents (count), suffixes (array), load(name) -> Promise<value>
    var keys = settings.keys, total = settings.documents, suffixes = settings.suffixes || [];

    // How much an indexed word counts for a word of the query (0: not at all). "stem" is the
    // stem of the query word when the index knows it; an entry starts with its word's stem length.
    function match(word, term, entry, stem) {
      if (term === word) return EXACT;
      if (stem && entry[0] === stem.length && term.indexOf(stem) === 0) return STEM;
      if (term.length > word.length && word.length > 1 && term.indexOf(word) === 0) return PREFIX;
      if (term.length >= 3 && word.indexOf(term) === 0 && suffixes.indexOf(word.slice(term.length)) !== -1) return STEM;
      return 0;
    }

    function partsFor(word) {
      var names = [], longer = [];
      keys.forEach(function (key, n) {
        if (word.indexOf(key) === 0) names.push("t" + n);
        else if (key.indexOf(word) === 0) longer.push("t" + n);
      });
      return longer.length <= MAX_LONGER_PARTS ? names.concat(longer) : names;
    }

    function loadParts(word) {
      return Promise.all(partsFor(word).map(settings.load));
    }

    function entryOf(parts, term) {
      for (var i = 0; i < parts.length; i++) if (Object.prototype.hasOwnProperty.call(parts[i], term)) return parts[i][term];
      return null;
    }

    // One word of the query: its stem and the best score of each page, { page: score }.
    function scoreWord(word) {
      return loadParts(word).then(function (parts) {
        var entry = entryOf(parts, word);
        var stem = entry && entry[0] < word.length && entry[0] > 2 ? word.slice(0, entry[0]) : "";
        return (stem ? loadParts(stem) : Promise.resolve([])).then(function (more) {
          more.forEach(function (part) { if (parts.indexOf(part) === -1) parts.push(part); });
          var scores = {};
          parts.forEach(function (part) {
            Object.keys(part).forEach(function (term) {
              var entry = part[term], kind = match(word, term, entry, stem);
              if (!kind) return;
              var pages = (entry.length - 1) / 2;
              var idf = Math.log(1 + (total - pages + 0.5) / (pages + 0.5));
              for (var i = 1; i < entry.length; i += 2) {
                var score = entry[i + 1] * idf * kind;
                if (!(scores[entry[i]] >= score)) scores[entry[i]] = score;
              }
            });
          });
          return { word: word, stem: stem, scores: scores };
        });
      });
    }

    // The pages that match every word, best first, and the words as the index understood them
    // (for describe). When no page has every word ("dónde denuncio en Quito"), the pages that
    // have some, those with more of the words first, and "partial" is true.
    function search(query) {
      var list = words(query).filter(function (word, i, all) { return all.indexOf(word) === i; });
      if (!list.length) return Promise.resolve({ pages: [], terms: [], partial: false });
      return Promise.all(list.map(scoreWord)).then(function (terms) {
        var hits = {};
        terms.forEach(function (term) {
          Object.keys(term.scores).forEach(function (page) {
            var hit = hits[page] || (hits[page] = { page: Number(page), words: 0, score: 0 });
            hit.words++;
            hit.score += term.scores[page];
          });
        });
        var all = Object.keys(hits).map(function (page) { return hits[page]; });
        var found = all.filter(function (hit) { return hit.words === terms.length; });
        var partial = !found.length && terms.length > 1;
        if (partial) found = all;
        found.sort(function (a, b) { return b.words - a.words || b.score - a.score || a.page - b.page; });
        return {
          pages: found.map(function (hit) { return hit.page; }),
          terms: terms.map(function (term) {
            // A word on more than half of the pages ("la", "en") does not say why a page matched.
            return { word: term.word, stem: term.stem, common: Object.keys(term.scores).length > total / 2 };
          }),
          partial: partial && found.length > 0
        };
      });
    }

    // Link, title, section and excerpt of one result, as HTML: the query's words in <mark>
    // (excerpt only), parts in another language in <span lang>; "lang" is the page's own
    // language when it is not the index's (a Spanish fallback). The section shown is the one
    // where most of the query's words appear.
    function describe(page, terms) {
      var telling = terms.filter(function (term) { return !term.common; });
      if (telling.length) terms = telling; // only these are marked and choose the section
      return settings.load("d" + page).then(function (doc) {
        var best = 0, bestWords = -1, bestCount = -1;
        doc.s.forEach(function (section, n) {
          var text = plain(section[0]) + " " + plain(section[2]);
          var found = terms.filter(function (term) { return marked(text, [term]).count > 0; }).length;
          var count = marked(text, terms).count;
          if (found > bestWords || (found === bestWords && count > bestCount)) {
            best = n; bestWords = found; bestCount = count;
          }
        });
        var section = doc.s[best] || ["", "", ""];
        return {
          url: doc.u + (section[1] ? "#" + section[1] : ""),
          title: render(doc.t, [], 0, Infinity),
          section: render(section[0], [], 0, Infinity),
          excerpt: excerpt(section[2], terms),
          lang: doc.l || ""
        };
      });
    }

    function highlights(token, terms) {
      return terms.some(function (term) {
        return match(term.word, token, [token.length], "") > 0 || (term.stem && token.indexOf(term.stem) === 0);
      });
    }

    // The text with every matching word wrapped in <mark>, and how many there are.
    function marked(text, terms) {
      var html = "", count = 0, last = 0, first = -1, token;
      var folded = foldEach(text);
      WORD.lastIndex = 0;
      while ((token = WORD.exec(folded)) !== null) {
        if (!highlights(token[0], terms)) continue;
        if (first < 0) first = token.index;
        count++;
        html += escapeHtml(text.slice(last, token.index)) + "<mark>" +
          escapeHtml(text.slice(token.index, token.index + token[0].length)) + "</mark>";
        last = token.index + token[0].length;
      }
      return { html: html + escapeHtml(text.slice(last)), count: count, first: first };
    }

    // HTML of the stored text from start to end (plain-text positions).
    function render(text, terms, start, end) {
      var html = "", at = 0;
      runs(text).forEach(function (run) {
        var from = Math.max(start, at), to = Math.min(end, at + run[1].length);
        if (from < to) {
          var piece = marked(run[1].slice(from - at, to - at), terms).html;
          html += run[0] ? "<span lang=\"" + escapeHtml(run[0]) + "\">" + piece + "</span>" : piece;
        }
        at += run[1].length;
      });
      return html;
    }

    // About 200 characters around the first matching word, cut at spaces.
    function excerpt(text, terms) {
      var whole = plain(text);
      var first = marked(whole, terms).first;
      var start = first > 60 ? whole.lastIndexOf(" ", first - 60) + 1 : 0;
      var end = whole.length > start + 200 ? whole.lastIndexOf(" ", start + 200) : whole.length;
      if (end <= start) end = Math.min(whole.length, start + 200);
      return (start > 0 ? "… " : "") + render(text, terms, start, end) + (end < whole.length ? " …" : "");
    }

    return { search: search, describe: describe };
  }

  // A stored text is a string or a list of runs, each a string or [lang, string]
  // (hooks/search_index.py, Text).
  function runs(text) {
    if (typeof text === "string") return [["", text]];
    return text.map(function (run) { return typeof run === "string" ? ["", run] : run; });
  }
  function plain(text) {
    return runs(text).map(function (run) { return run[1]; }).join("");
  }

  // Fold one character at a time, so positions in the folded text are those of the original.
  function foldEach(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += fold(text[i]).charAt(0) || " ";
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  root.PortalSearchEngine = { create: create };
})(typeof window !== "undefined" ? window : globalThis);
