/* Quick exit ("Salir rápido"), after GOV.UK's Exit this page component.
   The link in the header works without JavaScript; its address is the one setting
   extra.quick_exit_url in mkdocs.yml. With JavaScript, a click or pressing Shift three times
   (within 5 s; any other key starts the count again) leaves at once:
   1. FIRST the browser is sent to the neutral page with location.replace, which also takes
      this page out of the history, so Back does not return here. Nothing after it can stop
      the navigation: the click's default action is cancelled only once replace() has been
      called (if replace itself failed, the link is followed as without JavaScript);
   2. then, each step on its own and allowed to fail, the cosmetic part: the page is hidden,
      the tab title blanked and screen readers told.
   A page that had started to leave and comes back from the back/forward cache stays hidden
   and leaves again. */
(function () {
  "use strict";
  var link = document.querySelector("[data-portal-exit]");
  if (!link) return;
  var status = document.getElementById("portal-exit-status");
  var presses = 0;
  var timer = null;
  var leaving = false;

  function attempt(step) {
    try { step(); } catch (ignored) { /* cosmetic only: the navigation has already started */ }
  }

  // What to announce, in the page's language: assets/javascripts/strings.js (in the same
  // bundle, after this script; read only when needed). Missing: nothing is announced.
  function words(key) {
    var all = window.portalStrings;
    var own = all && all[document.documentElement.getAttribute("lang")];
    return (own && own[key]) || "";
  }

  function announce(text) {
    if (status) status.textContent = text || "";
  }

  function leave(event) {
    window.location.replace(link.href);
    leaving = true;
    if (event) attempt(function () { event.preventDefault(); });
    attempt(function () { document.documentElement.classList.add("portal-exiting"); });
    attempt(function () { document.title = "\u00a0"; });
    attempt(function () { announce(words("exitLeaving")); });
  }

  link.addEventListener("click", leave);
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Shift" || event.repeat) {
      if (event.key !== "Shift") presses = 0;
      return;
    }
    presses += 1;
    clearTimeout(timer);
    timer = setTimeout(function () { presses = 0; announce(""); }, 5000);
    if (presses >= 3) leave();
    else attempt(function () { announce(words(presses === 1 ? "exitOnce" : "exitTwice")); });
  });
  // Back/forward cache: a page that was leaving is not shown again; it leaves again.
  window.addEventListener("pageshow", function (event) {
    if (leaving && event.persisted) leave();
  });
})();
