/* Quick exit ("Salir rápido"), after GOV.UK's Exit this page component.
   The link in the header works without JavaScript. With JavaScript, a click or pressing
   Shift three times (within 5 s) hides the page at once, blanks the tab title and replaces
   the current history entry with the neutral page, so Back does not return here. */
(function () {
  "use strict";
  var link = document.querySelector("[data-portal-exit]");
  if (!link) return;
  var status = document.getElementById("portal-exit-status");
  var presses = 0;
  var timer = null;

  function announce(text) {
    if (status) status.textContent = text || "";
  }

  function leave(event) {
    if (event) event.preventDefault();
    announce(link.dataset.leaving);
    document.documentElement.classList.add("portal-exiting");
    document.title = "\u00a0";
    window.location.replace(link.href);
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
    else announce(presses === 1 ? link.dataset.once : link.dataset.twice);
  });
  // A page restored from the back/forward cache must not stay hidden.
  window.addEventListener("pageshow", function () {
    document.documentElement.classList.remove("portal-exiting");
  });
})();
