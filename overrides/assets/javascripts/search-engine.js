/* Search engine over the index that portal/search/search_index.py writes (read its docstring first).
   No DOM work here: search-page.js is the page. Words are folded exactly as in Python:
   lower case, accents removed ("migracion" finds "migración"), runs of letters and digits.
   A reader's word matches an indexed word that is, best first:
   - equal to it;
   - of the same stem ("denunciar" finds "denuncia"; in Kichwa, the same word without its
     endings: "wawakunapak" finds "wawata"), or it minus a plural ending ("víctimas");
   - said the same in Spanish ("serbidumbre" finds "servidumbre": phonetic(), as in Python);
   - longer, starting with it ("migra" finds "migrantes");
   - one edit away for words of five letters or more, two for nine or more ("exploitaton"
     finds "exploitation"); shorter words never: "la" does not find "le". A typo is looked
     for in the parts already loaded, and only when that finds nothing, in the list of words
     of about the same length (v<n>.js): a typo in the first letter. A word of four letters
     or more that matches nothing already fetches those lists while the reader types on, so
     that the typo, one letter later, waits for one fetch (its words' parts), not two.
   Every word of the query must match (like a web search engine), else the pages with most of
   the words are offered as such; titles and headings weigh more. When nothing matches, the
   nearest indexed words are offered ("¿Quiso decir …?"). */
(function (root) {
  "use strict";
  var MARKS = /\p{M}/gu;
  var WORD = /[\p{L}\p{N}]+/gu;
  // How much each kind of match counts: a word spelt right always comes first.
  var EXACT = 1, STEM = 0.9, SPOKEN = 0.85, PREFIX = 0.7, TYPO = [0, 0.5, 0.4];
  var MAX_LONGER_PARTS = 4; // "d" alone would need every "d…" part: short words match exactly
  // A word of fewer letters matches only itself (and its twin as said), never longer words:
  // "tr", typed on the way to "trata", would show (and fetch) pages the reader is not after.
  var MIN_PREFIX = 3;
  var MAX_TYPO_WORDS = 5; // words within reach of a typo whose parts are loaded
  var MIN_KICHWA_ROOT = 4; // as MIN_KICHWA_ROOT in search_index.py
  var MIN_TYPO = 5; // letters from which a word may have a typo (maxEdits)
  var STALE = new Error("stale search"); // what a search replaced by a newer one rejects with

  // Spanish as spoken: the same passes as phonetic() in search_index.py.
  var SOUNDS = /ch|sh|gu(?=[ei])|qu|ll|g(?=[ei])|[hxqzvc]/g;
  var SOUND_OF = { ch: "ch", sh: "sh", gu: "g", qu: "k", q: "k", ll: "y", g: "j", h: "", x: "ks", z: "s", v: "b" };
  var Y_VOWEL = /y(?![aeiou])/g, DOUBLED = /(.)\1+/g;
  function sound(letters, at, word) {
    if (letters === "c") return word[at + 1] === "e" || word[at + 1] === "i" ? "s" : "k";
    return SOUND_OF[letters];
  }

  function fold(text) { return text.toLowerCase().normalize("NFD").replace(MARKS, ""); }
  function words(text) { return fold(text).match(WORD) || []; }
  function phonetic(word) {
    return word.replace(SOUNDS, sound).replace(Y_VOWEL, "i").replace(DOUBLED, "$1");
  }

  // The word without the listed endings, the longest first, again and again while four
  // letters or more are left (search_index.kichwa_stemmer).
  function stripper(endings) {
    var ordered = endings.slice().sort(function (a, b) { return b.length - a.length || (a < b ? -1 : a > b ? 1 : 0); });
    return function (word) {
      for (var changed = true; changed;) {
        changed = false;
        for (var i = 0; i < ordered.length; i++) {
          var ending = ordered[i];
          if (word.length - ending.length >= MIN_KICHWA_ROOT && word.slice(-ending.length) === ending) {
            word = word.slice(0, -ending.length);
            changed = true;
            break;
          }
        }
      }
      return word;
    };
  }

  // Edits a typo may have (letters added, dropped, changed or swapped): by the reader's word.
  function maxEdits(word) { return word.length >= 9 ? 2 : word.length >= MIN_TYPO ? 1 : 0; }
  // How far a suggestion may be: about one edit in three letters, for words of three or more
  // ("xyzzy" gets none; "emergensya" gets "emergencia").
  function suggestEdits(word) { return word.length >= 9 ? 3 : word.length >= 6 ? 2 : word.length >= 3 ? 1 : 0; }

  // Damerau-Levenshtein (optimal string alignment) distance if at most "limit", else limit + 1.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    var previous2 = null, previous = [], current, i, j;
    for (j = 0; j <= b.length; j++) previous.push(j);
    for (i = 1; i <= a.length; i++) {
      current = [i];
      var smallest = i;
      for (j = 1; j <= b.length; j++) {
        var cost = a.charCodeAt(i - 1) === b.charCodeAt(j - 1) ? 0 : 1;
        var value = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (previous2 && i > 1 && j > 1 && a.charCodeAt(i - 1) === b.charCodeAt(j - 2) &&
            a.charCodeAt(i - 2) === b.charCodeAt(j - 1)) value = Math.min(value, previous2[j - 2] + 1);
        current.push(value);
        if (value < smallest) smallest = value;
      }
      if (smallest > limit) return limit + 1;
      previous2 = previous;
      previous = current;
    }
    return Math.min(previous[b.length], limit + 1);
  }

  function create(settings) {
    // settings: keys (array), documents (count), suffixes (array), vocabulary (lengths of the
    // v<n>.js files), titles (first page of each p<n>.js), phonetic (bool), endings (array),
    // load(name) -> Promise<value>
    var keys = settings.keys, total = settings.documents, suffixes = settings.suffixes || [];
    var lengths = settings.vocabulary || [], firstPages = settings.titles || [0];
    var keyOf = settings.phonetic ? phonetic : function (word) { return word; };
    var kichwaStem = settings.endings && settings.endings.length ? stripper(settings.endings) : null;
    var keyCache = {};
    function cachedKey(term) {
      return Object.prototype.hasOwnProperty.call(keyCache, term) ? keyCache[term] : (keyCache[term] = keyOf(term));
    }

    // How much an indexed word counts for a word of the query (0: not at all). "query" is the
    // word, its key and its stem; an entry starts with its word's stem length.
    function match(query, term, entry) {
      var word = query.word, stem = query.stem;
      if (term === word) return EXACT;
      if (stem && entry[0] === stem.length && term.indexOf(stem) === 0) return STEM;
      if (term.length >= 3 && word.indexOf(term) === 0 && suffixes.indexOf(word.slice(term.length)) !== -1) return STEM;
      var key = cachedKey(term);
      if (key === query.key) return SPOKEN;
      if (term.length > word.length && word.length >= MIN_PREFIX && (term.indexOf(word) === 0 || key.indexOf(query.key) === 0)) return PREFIX;
      var limit = query.typos ? query.limit : 0;
      if (limit) {
        var edits = edited(query, term, key, limit);
        if (edits <= limit) return TYPO[edits];
      }
      return 0;
    }

    // Edits between the reader's word and an indexed one, as written or as said, whichever
    // is fewer: "vicitma" is one swap from "victima" as written, two as said.
    function edited(query, term, key, limit) {
      var spoken = distance(query.key, key, limit);
      return spoken === 0 || key === term && query.key === query.word ? spoken : Math.min(spoken, distance(query.word, term, limit));
    }

    function partsFor(key, exactOnly) {
      var names = [], longer = [];
      keys.forEach(function (part, n) {
        if (key.indexOf(part) === 0) names.push("t" + n);
        else if (part.indexOf(key) === 0) longer.push("t" + n);
      });
      return exactOnly || longer.length > MAX_LONGER_PARTS ? names : names.concat(longer);
    }

    function loadParts(key, exactOnly) {
      return Promise.all(partsFor(key, exactOnly).map(settings.load));
    }

    function addParts(parts, more) {
      more.forEach(function (part) { if (parts.indexOf(part) === -1) parts.push(part); });
    }

    function entryOf(parts, term) {
      for (var i = 0; i < parts.length; i++) if (Object.prototype.hasOwnProperty.call(parts[i], term)) return parts[i][term];
      return null;
    }

    // The index's entry for the word, or for its twin as said ("denunsia": "denuncia"), as
    // [word, entry]; null when the index has neither (then typos are looked for).
    function known(parts, word, key) {
      var entry = entryOf(parts, word);
      if (entry) return [word, entry];
      for (var i = 0; i < parts.length; i++) {
        for (var term in parts[i]) if (cachedKey(term) === key) return [term, parts[i][term]];
      }
      return null;
    }

    // The stem the index gives a known word ("denunciar": "denunci"), else "".
    function stemOf(found) {
      if (!found) return "";
      var term = found[0], entry = found[1];
      return entry[0] < term.length && entry[0] > 2 ? term.slice(0, entry[0]) : "";
    }

    // Indexed words at most "limit" edits from the key, nearest first (then the most common),
    // from the v<n>.js files of the lengths within reach.
    // The word lists for keys of "from" to "to" letters.
    function wordLists(from, to) {
      return Promise.all(lengths.filter(function (n) { return n >= from && n <= to; })
        .map(function (n) { return settings.load("v" + n); }));
    }

    function nearWords(query, limit, count) {
      var key = query.key;
      return wordLists(key.length - limit, key.length + limit).then(function (lists) {
        var found = [];
        lists.forEach(function (list) {
          list.forEach(function (stored, rank) {
            // A word said as written is stored alone; another, as [word, its key].
            var term = typeof stored === "string" ? stored : stored[0];
            var termKey = typeof stored === "string" ? stored : stored[1];
            if (Math.abs(termKey.length - key.length) > limit) return;
            var edits = edited(query, term, termKey, limit);
            if (edits <= limit) found.push({ term: term, key: termKey, edits: edits, rank: rank });
          });
        });
        found.sort(function (a, b) { return a.edits - b.edits || a.rank - b.rank; });
        return found.slice(0, count).map(function (near) { keyCache[near.term] = near.key; return near.term; });
      });
    }

    function score(query, parts) {
      var scores = {}, blocks = {}, matched = {};
      parts.forEach(function (part) {
        Object.keys(part).forEach(function (term) {
          var entry = part[term], kind = match(query, term, entry);
          if (!kind) return;
          matched[term] = true;
          var pages = (entry.length - 1) / 3;
          var idf = Math.log(1 + (total - pages + 0.5) / (pages + 0.5));
          for (var i = 1, page = 0; i < entry.length; i += 3) {
            page += entry[i]; // pages are stored as the difference from the previous one
            var value = entry[i + 1] * idf * kind;
            if (!(scores[page] >= value)) { scores[page] = value; blocks[page] = entry[i + 2]; }
          }
        });
      });
      return { word: query.word, stem: query.stem, scores: scores, blocks: blocks, matched: Object.keys(matched) };
    }

    // One word of the query: its stem and the best score of each page, { page: score }, and
    // the indexed words that matched (they are marked in the excerpts).
    function scoreWord(word, check) {
      var key = keyOf(word);
      // typos: whether a typo is looked for; not when the word is in the index as written or
      // as said (then "caso" does not find "casa").
      var query = { word: word, key: key, stem: "", typos: false, limit: 0 };
      if (kichwaStem) {
        var root = kichwaStem(word);
        if (root.length >= MIN_KICHWA_ROOT) query.stem = root;
      }
      return loadParts(key, word.length < MIN_PREFIX).then(check).then(function (parts) {
        var found = known(parts, word, key);
        // Edits allowed by the word's length as typed and as said ("zzzqqq" is said "sk": none).
        query.limit = Math.min(maxEdits(word), maxEdits(key));
        query.typos = !found && query.limit > 0;
        if (!query.stem) query.stem = stemOf(found);
        var more = query.stem && keyOf(query.stem) !== key ? loadParts(keyOf(query.stem), true) : Promise.resolve([]);
        return more.then(check).then(function (stemParts) {
          addParts(parts, stemParts);
          var result = score(query, parts);
          if (Object.keys(result.scores).length) return result;
          if (!query.typos) return ahead(result);
          // Nothing in its parts, not even a typo: a typo in the first letters, maybe.
          return nearWords(query, query.limit, MAX_TYPO_WORDS).then(function (near) {
            return Promise.all(near.map(function (term) { return loadParts(cachedKey(term), true); }));
          }).then(check).then(function (found) {
            // Only the parts new to this word: those it had matched nothing (scored above).
            var fresh = [];
            found.forEach(function (more) {
              more.forEach(function (part) { if (parts.indexOf(part) === -1 && fresh.indexOf(part) === -1) fresh.push(part); });
            });
            // Found there or not, the next letter will look there again: ahead in any case
            // («xploitatio» finds "exploitation", and «xploitation» then needs v13).
            return ahead(score(query, fresh), true);
          });
        });
      });
    }

    // A word of four letters or more that matches nothing is a typo, likely: with the next
    // letter it will be looked for in the word lists, so those are fetched now (not waited
    // for); so too ("always") for a word found through them.
    function ahead(result, always) {
      var word = result.word, key = keyOf(word);
      if ((always || !Object.keys(result.scores).length) && word.length >= MIN_TYPO - 1) {
        var reach = maxEdits(word + "?"), next = key.length + 1;
        wordLists(next - reach, next + reach).catch(function () {});
      }
      return result;
    }

    // For a query that found nothing: the same words, each one that matched nothing replaced
    // by the nearest indexed word (within suggestEdits), or "" when there is none.
    function suggest(terms) {
      var replaced = false;
      return Promise.all(terms.map(function (term) {
        var key = keyOf(term.word), limit = Math.min(suggestEdits(term.word), suggestEdits(key));
        if (Object.keys(term.scores).length || !limit) return term.word;
        return nearWords({ word: term.word, key: key }, limit, 1).then(function (near) {
          if (near.length && near[0] !== term.word) { replaced = true; return near[0]; }
          return term.word;
        });
      })).then(function (list) { return replaced ? list.join(" ") : ""; });
    }

    // The pages that match every word, best first, and the words as the index understood them
    // (for describe). When no page has every word ("dónde denuncio en Quito"), the pages that
    // have some, those with more of the words first, and "partial" is true. "stale", if given,
    // says whether the reader has typed on since: then the search stops at its next step
    // (rejected with STALE) instead of scoring words nobody will see. With "later" true, a
    // query that found nothing gets no suggestion yet (it needs the word lists v<n>.js) but
    // a function, "suggest", that finds it: search-page.js calls it once the reader stops
    // typing, so half-typed words do not fetch word lists for suggestions nobody reads.
    function search(query, stale, later) {
      var list = words(query).filter(function (word, i, all) { return all.indexOf(word) === i; });
      if (!list.length) return Promise.resolve({ pages: [], terms: [], partial: false, suggestion: "" });
      function check(value) {
        if (stale && stale()) throw STALE;
        return value;
      }
      return Promise.all(list.map(function (word) { return scoreWord(word, check); })).then(check).then(function (terms) {
        if (later && !hasHits(terms)) {
          var found = ranked(terms, "");
          found.suggest = function () { return suggest(terms); };
          return found;
        }
        return (hasHits(terms) ? Promise.resolve("") : suggest(terms)).then(function (suggestion) {
          return ranked(terms, suggestion);
        });
      });
    }

    function hasHits(terms) {
      return terms.some(function (term) { return Object.keys(term.scores).length > 0; });
    }

    // Pages with every word first (see search), and the suggestion when nothing matched.
    function ranked(terms, suggestion) {
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
          return { word: term.word, matched: term.matched, common: Object.keys(term.scores).length > total / 2,
                   scores: term.scores, blocks: term.blocks };
        }),
        partial: partial && found.length > 0,
        suggestion: suggestion
      };
    }

    // The excerpt block of a page to fetch: the one most of the query's words point to (the
    // index gives, for each word and page, the block where the word counts most), then the
    // one of the best-scoring words; and how many words point to it.
    function blockOf(page, terms) {
      var votes = {}, best = 0, bestVotes = 0;
      terms.forEach(function (term) {
        if (!term.blocks || !Object.prototype.hasOwnProperty.call(term.blocks, page)) return;
        var block = term.blocks[page];
        votes[block] = (votes[block] || 0) + 1 + term.scores[page] / 1e6;
        if (votes[block] > bestVotes) { best = block; bestVotes = votes[block]; }
      });
      return { block: best, words: Math.floor(bestVotes) };
    }

    // The page's block for these words: the one blockOf names, or one already fetched (for
    // an earlier query: "tra" on the way to "trata", "persona" before "persona puede") that
    // has at least as many of the words as the index says that one has, which saves a
    // request at each word the reader types.
    var fetched = {}; // page -> {block: its record}
    function loadBlock(page, terms) {
      var wanted = blockOf(page, terms), have = fetched[page] || (fetched[page] = {});
      if (!Object.prototype.hasOwnProperty.call(have, wanted.block)) {
        var best = null, bestWords = Math.max(1, wanted.words) - 1;
        for (var block in have) {
          var text = have[block].s.map(function (section) { return plain(section[0]) + " " + plain(section[2]); }).join(" ");
          var folded = foldEach(text);
          var found = terms.filter(function (term) { return marked(text, [term], folded).count > 0; }).length;
          if (found > bestWords) { best = have[block]; bestWords = found; }
        }
        if (best) return Promise.resolve(best);
      }
      return settings.load("d" + page + "_" + wanted.block).then(function (doc) { return (have[wanted.block] = doc); });
    }

    // Link, title, section and excerpt of one result, as HTML: the query's words in <mark>
    // (excerpt only), parts in another language in <span lang>; "lang" is the page's own
    // language when it is not the index's (a Spanish fallback). Only the page's excerpt block
    // for the query is fetched (blockOf); the section shown is the one of that block where
    // most of the query's words appear.
    function describe(page, terms) {
      var telling = terms.filter(function (term) { return !term.common; });
      if (telling.length) terms = telling; // only these are marked and choose the section
      return loadBlock(page, terms).then(function (doc) {
        var best = 0, bestWords = -1, bestCount = -1;
        doc.s.forEach(function (section, n) {
          var text = plain(section[0]) + " " + plain(section[2]);
          var folded = foldEach(text);
          var found = terms.filter(function (term) { return marked(text, [term], folded).count > 0; }).length;
          var count = marked(text, terms, folded).count;
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
      return terms.some(function (term) { return term.matched.indexOf(token) !== -1; });
    }

    // The text with every matching word wrapped in <mark>, and how many there are.
    function marked(text, terms, folded) {
      var html = "", count = 0, last = 0, first = -1, token;
      folded = folded || foldEach(text);
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

    // Address, title (HTML) and language of each page, from the title files p<n>.js: what a
    // result shows at once, before its excerpt (describe) is fetched.
    function titles(pages) {
      return Promise.all(pages.map(function (page) {
        var file = 0;
        while (file + 1 < firstPages.length && firstPages[file + 1] <= page) file++;
        return settings.load("p" + file).then(function (records) {
          var record = records[page - firstPages[file]];
          return { url: record[0], title: render(record[1], [], 0, Infinity), section: "", excerpt: "", lang: record[2] || "" };
        });
      }));
    }

    return { search: search, describe: describe, titles: titles };
  }

  // A stored text is a string or a list of runs, each a string or [lang, string]
  // (portal/search/search_index.py, Text).
  function runs(text) {
    if (typeof text === "string") return [["", text]];
    return text.map(function (run) { return typeof run === "string" ? ["", run] : run; });
  }
  function plain(text) {
    return runs(text).map(function (run) { return run[1]; }).join("");
  }

  // Fold one character at a time, so positions in the folded text are those of the original;
  // at once when that keeps every position (nearly always: accents only drop marks).
  function foldEach(text) {
    var whole = fold(text);
    if (whole.length === text.length) return whole;
    var out = "";
    for (var i = 0; i < text.length; i++) out += fold(text[i]).charAt(0) || " ";
    return out;
  }

  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c];
    });
  }

  root.PortalSearchEngine = { create: create, STALE: STALE, fold: fold, words: words, phonetic: phonetic, stripper: stripper, distance: distance };
})(typeof window !== "undefined" ? window : globalThis);
