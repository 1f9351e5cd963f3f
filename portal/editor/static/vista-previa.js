// Runs after Sveltia CMS is loaded: the preview pane uses the site's own stylesheets (their
// fingerprinted names are written into data-styles at build time).
(function () {
  "use strict";
  var script = document.currentScript;
  var styles = ((script && script.dataset.styles) || "").split(" ").filter(Boolean);
  if (!window.CMS || typeof window.CMS.registerPreviewStyle !== "function") {
    return;
  }
  styles.forEach(function (href) {
    window.CMS.registerPreviewStyle(new URL(href, document.baseURI).href);
  });
})();
