/* The lesson's animation under prefers-reduced-motion: reduce. The <picture> shows its still
   frame (a <source> for that media query); the play button, shown only then, removes that
   source so the animation plays, on the reader's request. */
(function () {
  "use strict";
  var reduce = window.matchMedia("(prefers-reduced-motion: reduce)");
  function setUp() {
    document.querySelectorAll(".gd-animation").forEach(function (figure) {
      var button = figure.querySelector(".gd-animation-play");
      var source = figure.querySelector("source");
      if (!button || !source) return;
      button.hidden = !reduce.matches;
      if (button.dataset.ready) return;
      button.dataset.ready = "1";
      button.addEventListener("click", function () {
        source.remove();
        button.hidden = true;
      });
    });
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
  if (reduce.addEventListener) reduce.addEventListener("change", setUp);
})();
