/* Search for the offline copy (opened from disk, file://), where Pagefind cannot fetch its
   index. The build writes each language's pages into buscar-indice.js (window.PORTAL_SEARCH_INDEX);
   this file offers the small part of Pagefind's API that search-page.js uses, so the page,
   its form and its results are the same online and offline. Accents are ignored. */
(function () {
  "use strict";
  var MARKS = /[\u0300-\u036f]/g;
  // Fold one character at a time so positions in the folded text match the original text.
  function fold(text) {
    var out = "";
    for (var i = 0; i < text.length; i++) out += text[i].normalize("NFD").replace(MARKS, "").toLowerCase().charAt(0) || " ";
    return out;
  }
  function escapeHtml(text) {
    return text.replace(/[&<>"]/g, function (c) { return { "&": "&amp;", "<": "&lt;", ">": "&gt;", "\"": "&quot;" }[c]; });
  }
  var docs = (window.PORTAL_SEARCH_INDEX || []).map(function (doc) {
    return { url: doc.u, title: doc.t, text: doc.x, foldedTitle: fold(doc.t), folded: fold(doc.x) };
  });

  function wordStarts(folded, term) {
    var found = [], from = 0, at;
    while ((at = folded.indexOf(term, from)) !== -1) {
      if (at === 0 || /[^a-z0-9ñ]/.test(folded[at - 1])) found.push(at);
      from = at + term.length;
    }
    return found;
  }

  function excerpt(doc, terms) {
    var first = wordStarts(doc.folded, terms[0])[0] || 0;
    var start = Math.max(0, first - 60), end = Math.min(doc.text.length, first + 120);
    var piece = doc.text.slice(start, end), foldedPiece = doc.folded.slice(start, end), html = "", i = 0;
    while (i < piece.length) {
      var hit = terms.find(function (term) {
        return foldedPiece.startsWith(term, i) && (i === 0 || /[^a-z0-9ñ]/.test(foldedPiece[i - 1]));
      });
      if (hit) {
        var stop = i + hit.length;
        while (stop < piece.length && /[a-z0-9ñ]/.test(foldedPiece[stop])) stop++;
        html += "<mark>" + escapeHtml(piece.slice(i, stop)) + "</mark>";
        i = stop;
      } else {
        html += escapeHtml(piece[i]);
        i++;
      }
    }
    return (start > 0 ? "… " : "") + html + (end < doc.text.length ? " …" : "");
  }

  window.PortalOfflineSearch = {
    options: function () { return Promise.resolve(); },
    debouncedSearch: function (query) {
      var terms = fold(query).split(/\s+/).filter(Boolean);
      var scored = [];
      docs.forEach(function (doc) {
        var score = 0;
        for (var t = 0; t < terms.length; t++) {
          var inText = wordStarts(doc.folded, terms[t]).length;
          var inTitle = wordStarts(doc.foldedTitle, terms[t]).length;
          if (!inText && !inTitle) return; // every word must appear
          score += inText + 5 * inTitle;
        }
        scored.push({ doc: doc, score: score });
      });
      scored.sort(function (a, b) { return b.score - a.score; });
      return Promise.resolve({ results: scored.map(function (hit) {
        return { data: function () {
          return Promise.resolve({ url: hit.doc.url, meta: { title: hit.doc.title }, excerpt: excerpt(hit.doc, terms) });
        } };
      }) });
    }
  };
})();
