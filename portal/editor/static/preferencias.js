// Runs before Sveltia CMS: its interface in Spanish unless the person chose another language
// in the editor's settings (Sveltia keeps that choice in localStorage, "sveltia-cms.prefs").
// The Spanish strings are served by the portal itself (admin/cms@<version>/locales/), never
// from a CDN (portal/publish/editor_files.py).
(function () {
  "use strict";
  var key = "sveltia-cms.prefs";
  try {
    var prefs = JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    if (!prefs.locale) {
      prefs.locale = document.documentElement.dataset.editorLocale || "es-CO";
      window.localStorage.setItem(key, JSON.stringify(prefs));
    }
  } catch (error) {
    // localStorage blocked: the editor starts in the browser's language.
  }
})();
