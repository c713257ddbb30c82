/* Regions that scroll sideways, reachable by keyboard.
 *
 * A formula, a table or a code block wider than the column scrolls inside its own box (on a
 * phone, many do). Such a box must be focusable, so keyboard users can scroll it, and named,
 * so a screen reader says what it is. This script finds the boxes that scroll right now and
 * gives them tabindex="0", role="region" and an aria-label in the page's language (the names
 * come from the theme's catalogs, in #gd-region-names); a box that no longer scrolls (a wider
 * window, the fonts loaded) loses them again, so no needless tab stops remain.
 * site.css shows their keyboard focus.
 */
(function () {
  "use strict";
  var source = document.getElementById("gd-region-names");
  if (!source) return;
  var names = JSON.parse(source.textContent);
  var KINDS = [
    [".gd-math", "formula"],
    [".md-typeset__scrollwrap", "table"],
    [".highlight pre > code", "code"],
    [".gd-scroll", "other"]
  ];
  var SELECTOR = KINDS.map(function (kind) { return ".md-content " + kind[0]; }).join(", ");

  function kindOf(box) {
    for (var i = 0; i < KINDS.length; i++) {
      if (box.matches(KINDS[i][0])) return KINDS[i][1];
    }
    return "other";
  }

  function scrolls(box) {
    return box.scrollWidth > box.clientWidth + 1;
  }

  function update(box) {
    if (scrolls(box)) {
      box.setAttribute("tabindex", "0");
      if (!box.hasAttribute("data-gd-region")) {
        box.setAttribute("data-gd-region", kindOf(box));
        box.setAttribute("role", "region");
        box.setAttribute("aria-label", names[kindOf(box)] || names.other);
      }
    } else if (box.hasAttribute("data-gd-region")) {
      box.removeAttribute("data-gd-region");
      box.removeAttribute("role");
      box.removeAttribute("aria-label");
      if (!box.matches("pre > code")) box.removeAttribute("tabindex");
    }
  }

  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    entries.forEach(function (entry) {
      var box = entry.target.closest(SELECTOR) || entry.target;
      if (box.matches(SELECTOR)) update(box);
    });
  }) : null;
  var watched = new WeakSet();

  function scan() {
    document.querySelectorAll(SELECTOR).forEach(function (box) {
      update(box);
      if (observer && !watched.has(box)) {
        watched.add(box);
        observer.observe(box);
        if (box.firstElementChild) observer.observe(box.firstElementChild);
      }
    });
  }

  /* Material wraps tables and mounts code blocks when its document$ emits; fonts change the
     width of formulas and code when they arrive. */
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(function () { scan(); });
  } else {
    scan();
  }
  if (document.fonts) {
    document.fonts.ready.then(scan);
    document.fonts.addEventListener("loadingdone", scan);
  }
  window.addEventListener("resize", scan);
})();
