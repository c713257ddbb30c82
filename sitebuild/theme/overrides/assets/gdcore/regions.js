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
    [".highlight-ipynb", "code"],               /* a notebook's code cell */
    [".jp-OutputArea-output pre", "code"],      /* what a notebook cell printed */
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

  function mark(box, scrolling) {
    if (scrolling) {
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

  /* One pass: measure every box first, then change attributes (no layout between writes). */
  function update(boxes) {
    var scrolling = boxes.map(scrolls);
    boxes.forEach(function (box, i) { mark(box, scrolling[i]); });
  }

  var pending = null;
  function later(boxes) {
    pending = pending ? pending.concat(boxes) : boxes;
    if (pending.length === boxes.length) {
      requestAnimationFrame(function () {
        var todo = pending;
        pending = null;
        update(todo.filter(function (box, i) { return todo.indexOf(box) === i; }));
      });
    }
  }

  /* A box changes size: a wider window, a tab of a tabbed block shown, fonts arrived. */
  var observer = "ResizeObserver" in window ? new ResizeObserver(function (entries) {
    later(entries.map(function (entry) { return entry.target; }));
  }) : null;

  function start() {
    var boxes = Array.prototype.slice.call(document.querySelectorAll(SELECTOR));
    update(boxes);
    if (observer) boxes.forEach(function (box) { observer.observe(box); });
    window.addEventListener("resize", function () {
      later(Array.prototype.slice.call(document.querySelectorAll(SELECTOR)));
    });
  }

  /* After the page has loaded and its fonts are in (they change the width of formulas and
     code), so nothing here delays the first paint; Material has wrapped the tables by then. */
  var loaded = new Promise(function (done) {
    if (document.readyState === "complete") done();
    else window.addEventListener("load", done);
  });
  Promise.all([loaded, document.fonts ? document.fonts.ready : null]).then(function () {
    requestAnimationFrame(start);
  });
})();
