/* Events index (docs/<lang>/eventos/index.md): filter the listed events by province and by
   type, in the reader's browser, without a server.
   Progressive enhancement: without JavaScript every event is listed and the form stays hidden;
   with JavaScript portal.css shows the form from the first paint (@media (scripting: enabled)),
   so starting this script moves nothing (layout shift 0); it still un-hides the form for older
   browsers, and only hides the items that do not match. Its settings and
   messages come in data-* attributes written by partials/portal/event-list.html, so there is
   no inline script (Content-Security-Policy). */
(function () {
  "use strict";

  var form = document.querySelector("[data-portal-events-filter]");
  if (!form) {
    return;
  }
  var selects = form.querySelectorAll("select[data-filter]");
  var status = form.querySelector("[data-portal-events-status]");
  var items = document.querySelectorAll(".portal-event");
  var groups = document.querySelectorAll("[data-portal-events-group]");

  function has(item, key, value) {
    if (!value) {
      return true;
    }
    var values = (item.getAttribute("data-" + key) || "").split(" ");
    return values.indexOf(value) !== -1;
  }

  function message(count) {
    var key = count === 0 ? "data-count-none" : count === 1 ? "data-count-one" : "data-count-many";
    return (form.getAttribute(key) || "").replace("[COUNT]", String(count));
  }

  function apply() {
    var shown = 0;
    var filtering = false;
    var i;
    var j;
    for (i = 0; i < items.length; i += 1) {
      var visible = true;
      for (j = 0; j < selects.length; j += 1) {
        if (selects[j].value) {
          filtering = true;
        }
        visible = visible && has(items[i], selects[j].getAttribute("data-filter"), selects[j].value);
      }
      items[i].hidden = !visible;
      if (visible) {
        shown += 1;
      }
    }
    // A year (or the upcoming list) with nothing left to show disappears with its heading.
    for (i = 0; i < groups.length; i += 1) {
      groups[i].hidden = groups[i].querySelector(".portal-event:not([hidden])") === null;
    }
    if (status) {
      status.textContent = filtering ? message(shown) : "";
    }
  }

  form.addEventListener("change", apply);
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    apply();
  });
  form.hidden = false;
})();
