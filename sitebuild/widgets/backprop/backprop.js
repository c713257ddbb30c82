/* Backpropagation step by step (sitebuild/backprop.py writes the graph, the table and the data).
 *
 * Every value, gradient and sentence was computed by gdcore's Value when the site was built;
 * this script only reveals them: the forward pass fills in the values node by node, then the
 * backward pass the gradients, each step announced in a polite live region; on a phone, where
 * the graph scrolls sideways, the current node is kept in view. Plain JavaScript.
 */
(function () {
  "use strict";

  var HIDDEN = "?";

  function setup(root) {
    var data = JSON.parse(root.querySelector(".gd-backprop__data").textContent);
    var steps = data.steps;
    var forward = steps.filter(function (s) { return s.phase === "forward"; }).length;
    var backwardAt = {};  /* node -> its position in the backward pass */
    steps.forEach(function (s, k) {
      if (s.phase === "backward") backwardAt[s.node] = k - forward;
    });
    var status = root.querySelector(".gd-backprop__status");
    var next = root.querySelector(".gd-backprop__next");
    var back = root.querySelector(".gd-backprop__back");
    var reset = root.querySelector(".gd-backprop__reset");
    var nodes = root.querySelectorAll(".gd-backprop__node");
    var rows = root.querySelectorAll(".gd-backprop__table tbody tr");
    var edges = root.querySelectorAll(".gd-backprop__edge");
    var figure = root.querySelector(".gd-backprop__figure");
    var k = 0;

    /* On a narrow screen the graph scrolls sideways: keep the current node in view (centred
       when it was not fully visible), so a reader tapping "Next step" sees what changed. */
    function reveal(node) {
      var box = figure.getBoundingClientRect(), r = node.getBoundingClientRect();
      if (r.left >= box.left && r.right <= box.right) return;
      figure.scrollLeft += (r.left + r.right) / 2 - (box.left + box.right) / 2;
    }

    function enable(button, on) {
      button.setAttribute("aria-disabled", on ? "false" : "true");
    }

    function render() {
      var current = k > 0 ? steps[k - 1] : null;
      for (var i = 0; i < data.values.length; i++) {
        var hasValue = i < k;  /* forward step i fills in node i */
        var hasGrad = k - forward > backwardAt[i];
        var value = hasValue ? data.values[i] : HIDDEN;
        var grad = hasGrad ? data.grads[i] : HIDDEN;
        var node = nodes[i];
        node.querySelector(".gd-backprop__value tspan").textContent = value;
        node.querySelector(".gd-backprop__grad tspan").textContent = grad;
        node.classList.toggle("gd-backprop__node--current", !!current && current.node === i);
        node.classList.toggle("gd-backprop__node--known", hasValue);
        rows[i].querySelector(".gd-backprop__cell-value").textContent = value;
        rows[i].querySelector(".gd-backprop__cell-grad").textContent = grad;
        rows[i].classList.toggle("gd-backprop__row--current", !!current && current.node === i);
      }
      edges.forEach(function (edge) {
        var on = false;
        if (current) {
          var end = current.phase === "forward" ? "data-to" : "data-from";
          on = Number(edge.getAttribute(end)) === current.node;
        }
        edge.classList.toggle("gd-backprop__edge--active", on);
        edge.classList.toggle("gd-backprop__edge--back", on && current.phase === "backward");
      });
      if (current) reveal(nodes[current.node]);
      status.textContent = current ? current.text : data.start;
      root.setAttribute("data-step", String(k));
      enable(back, k > 0);
      enable(reset, k > 0);
      enable(next, k < steps.length);
    }

    next.addEventListener("click", function () {
      if (k < steps.length) { k += 1; render(); }
    });
    back.addEventListener("click", function () {
      if (k > 0) { k -= 1; render(); }
    });
    reset.addEventListener("click", function () {
      if (k > 0) { k = 0; render(); }
    });
    render();
    root.setAttribute("data-ready", "");
  }

  function init() {
    document.querySelectorAll("[data-gd-backprop]:not([data-ready])").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
