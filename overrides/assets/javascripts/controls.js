/* Keyboard and screen-reader support for the controls that Material builds from CSS alone.
   Without JavaScript they still work with a pointer, and portal.css keeps the keyboard path
   open (the drawer slides in when a link inside it gets focus). With JavaScript:
   - the menu button (header) opens and closes the navigation drawer with Enter or Space, says
     whether it is open (aria-expanded), moves focus into the drawer, and closes it with Escape
     or when focus leaves it; a closed drawer is out of the Tab order (portal.css);
   - the language button is a disclosure: Enter or Space opens the list, aria-expanded tells
     screen readers, Escape or leaving it closes it;
   - a table wider than the screen, which scrolls sideways, can get keyboard focus so that it
     can be scrolled with the arrow keys (WCAG 2.1.1);
   - the "¶" links next to headings leave the Tab order (the table of contents has them);
   - on the 404 page, whose <base href> is the site's root, same-page links stay on the page.
   No inline script and no inline style: the Content-Security-Policy forbids both. */
(function () {
  "use strict";
  var root = document.documentElement;
  root.classList.add("portal-js");

  function each(selector, callback) {
    Array.prototype.forEach.call(document.querySelectorAll(selector), callback);
  }

  function focusable(container) {
    return container.querySelector("a[href], button:not([disabled]), input:not([type=hidden]), [tabindex]:not([tabindex='-1'])");
  }

  /* Navigation drawer (phones and tablets). The open state stays in Material's checkbox
     (#__drawer), which its CSS and the overlay label already use. */
  var drawer = document.getElementById("__drawer");
  var menuButton = document.querySelector(".portal-menu-button");
  var sidebar = document.querySelector(".md-sidebar--primary");
  if (drawer && menuButton && sidebar) {
    var setDrawer = function (open) {
      drawer.checked = open;
      menuButton.setAttribute("aria-expanded", String(open));
    };
    // A page always opens with the menu closed, also when the browser restored the
    // checkbox's state on Back (Material's autocomplete="off" is removed: invalid on checkboxes).
    setDrawer(false);
    menuButton.addEventListener("click", function () {
      var open = !drawer.checked;
      setDrawer(open);
      if (open) {
        var first = focusable(sidebar);
        if (first) first.focus();
      }
    });
    // The overlay and the drawer's title are <label>s: a tap on them toggles the checkbox.
    drawer.addEventListener("change", function () { setDrawer(drawer.checked); });
    document.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && drawer.checked) {
        setDrawer(false);
        menuButton.focus();
      }
    });
    sidebar.addEventListener("focusout", function (event) {
      var next = event.relatedTarget;
      if (drawer.checked && next && !sidebar.contains(next) && next !== menuButton) setDrawer(false);
    });
    // A link to a heading of this same page: close the drawer so the heading is visible.
    window.addEventListener("hashchange", function () { if (drawer.checked) setDrawer(false); });
    // A page restored from the back/forward cache opens with the menu closed too.
    window.addEventListener("pageshow", function () { setDrawer(false); });
  }

  /* Language switcher: a disclosure button instead of a list that opens on hover or focus. */
  each(".md-select", function (select, index) {
    var toggle = select.querySelector("button");
    var list = select.querySelector(".md-select__inner");
    if (!toggle || !list) return;
    list.id = list.id || "portal-select-" + index;
    toggle.setAttribute("aria-controls", list.id);
    select.classList.add("portal-select");
    var set = function (open) {
      select.classList.toggle("portal-select--open", open);
      toggle.setAttribute("aria-expanded", String(open));
    };
    set(false);
    toggle.addEventListener("click", function () {
      set(toggle.getAttribute("aria-expanded") !== "true");
    });
    select.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && toggle.getAttribute("aria-expanded") === "true") {
        event.stopPropagation();
        set(false);
        toggle.focus();
      }
    });
    select.addEventListener("focusout", function (event) {
      if (event.relatedTarget && !select.contains(event.relatedTarget)) set(false);
    });
    document.addEventListener("click", function (event) {
      if (!select.contains(event.target)) set(false);
    });
  });

  /* Heading permalinks ("¶"): the page's table of contents has the same links with real
     names, so these stay for the mouse but are skipped by Tab and screen readers. */
  each(".md-typeset a.headerlink", function (link) {
    link.setAttribute("tabindex", "-1");
    link.setAttribute("aria-hidden", "true");
  });

  /* The 404 page has <base href> (it is served at any address); its same-page links are
     built as "404.html#heading" (portal/pages/not_found_page.py), which works without JavaScript.
     Keep the reader at the address they asked for instead: the whole address, scheme and
     host included. The path alone would not do: an address such as http://host//evil.example/x
     has the path "//evil.example/x", which as a link means another site. */
  if (document.querySelector("base[href]")) {
    var here = location.href.split("#")[0];
    each('a[href^="404.html#"]', function (link) {
      var hash = link.getAttribute("href").slice("404.html".length);
      link.setAttribute("href", here + hash);
    });
  }

  /* Wide tables: Material lets a table scroll sideways inside itself. If it does, make it
     focusable so keyboard users can scroll it; the table keeps its own role and headers. */
  var scrollers = function () {
    each(".md-typeset table", function (table) {
      if (table.scrollWidth > table.clientWidth + 1) table.setAttribute("tabindex", "0");
      else table.removeAttribute("tabindex");
    });
  };
  scrollers();
  var pending = null;
  window.addEventListener("resize", function () {
    clearTimeout(pending);
    pending = setTimeout(scrollers, 150);
  });
})();
