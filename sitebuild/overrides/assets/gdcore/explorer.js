/* The learning-rate explorers, on x^2 and on the bowl x^2 + y^2 (sitebuild/explorer.py writes
 * the HTML and the data).
 *
 * Every number drawn or written here was computed by gdcore.gradient_descent when the site was
 * built; this script only looks values up (the path of the run from x0 = 1, scaled by x0, since
 * descent on x^2 is linear in the start) and draws them. Plain JavaScript and SVG, no library.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function nearest(list, value) {
    var best = 0;
    for (var k = 1; k < list.length; k++) {
      if (Math.abs(list[k] - value) < Math.abs(list[best] - value)) best = k;
    }
    return best;
  }

  function fmtEta(eta) {
    return eta.toFixed(3).replace(/0+$/, "").replace(/\.$/, "");
  }

  function fmtNumber(value) {
    var text;
    if (value !== 0 && (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3)) {
      text = value.toExponential(3).replace(/\.?0+e/, "e");
    } else {
      text = String(Number(value.toPrecision(4)));
    }
    return text.replace("-", "\u2212");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function setup(root) {
    var data = JSON.parse(root.querySelector(".gd-explorer__data").textContent);
    var config = JSON.parse(root.querySelector(".gd-explorer__config").textContent);
    var text = config.text;
    var g = config.geometry;
    var etaRange = root.querySelector(".gd-explorer__eta-range");
    var etaNumber = root.querySelector(".gd-explorer__eta-number");
    var x0Range = root.querySelector(".gd-explorer__x0-range");
    var x0Number = root.querySelector(".gd-explorer__x0-number");
    var outcome = root.querySelector(".gd-explorer__outcome");
    var steps = root.querySelector(".gd-explorer__steps");
    var plot = root.querySelector(".gd-explorer__plot");
    var line = root.querySelector(".gd-explorer__path");
    var dots = root.querySelector(".gd-explorer__dots");
    var presets = root.querySelectorAll(".gd-explorer__preset");

    function px(x) {
      return g.left + (x + g.xmax) / (2 * g.xmax) * (g.w - g.left - g.right);
    }
    function py(y) {
      return g.h - g.bottom - y / (g.xmax * g.xmax) * (g.h - g.top - g.bottom);
    }

    function describe(i, j) {
      if (data.x0s[j] === 0) return { result: text.start, steps: 0, kind: "converged" };
      return describeRun(text, data.runs[i].split(",")[j], data.maxSteps);
    }

    function render() {
      var i = +etaRange.value;
      var j = +x0Range.value;
      var eta = data.etas[i];
      var x0 = data.x0s[j];
      var run = describe(i, j);
      var unit = data.paths[i];
      var count = Math.min(unit.length, run.steps + 1, config.shown + 1);
      var points = [];
      for (var k = 0; k < count; k++) points.push(unit[k] * x0);

      var words = { eta: fmtEta(eta), x0: fmtNumber(x0), result: run.result };
      outcome.textContent = fill(text.outcome, words);
      plot.setAttribute("aria-label", fill(text.plot, words));
      root.setAttribute("data-outcome", run.kind);

      var xy = points.map(function (x) {
        return [px(x).toFixed(1), py(x * x).toFixed(1)];
      });
      drawPath(line, dots, xy);
      listSteps(steps, text.shown, points, 6, function (x, k) {
        return "x<sub>" + k + "</sub> = " + fmtNumber(x);
      });

      etaRange.setAttribute("aria-valuetext", "\u03b7 = " + fmtEta(eta));
      x0Range.setAttribute("aria-valuetext", "x\u2080 = " + fmtNumber(x0));
      pressOnly(presets, function (b) { return +b.getAttribute("data-eta") === eta; });
    }

    link(etaRange, etaNumber, data.etas, render, presets);
    link(x0Range, x0Number, data.x0s, render, []);
    render();
    root.setAttribute("data-ready", "");
  }

  /* Keep a slider (over the grid's indices) and its number field in step, redraw on every
     change; preset buttons (data-eta) type their value into the field. */
  function link(range, number, list, render, presets) {
    function fromNumber(snap) {
      var value = parseFloat(number.value);
      if (!isFinite(value)) return;
      var k = nearest(list, value);
      range.value = String(k);
      if (snap) number.value = String(list[k]);
      render();
    }
    range.addEventListener("input", function () {
      number.value = String(list[+range.value]);
      render();
    });
    number.addEventListener("input", function () { fromNumber(false); });
    number.addEventListener("change", function () { fromNumber(true); });
    Array.prototype.forEach.call(presets, function (button) {
      button.addEventListener("click", function () {
        number.value = button.getAttribute("data-eta");
        fromNumber(true);
      });
    });
  }

  // The path through the iterates (pixel coordinates) and a dot on each, the start on top.
  function drawPath(line, dots, xy) {
    line.setAttribute("points", xy.map(function (c) { return c.join(","); }).join(" "));
    while (dots.firstChild) dots.removeChild(dots.firstChild);
    xy.forEach(function (c, k) {
      var dot = document.createElementNS(SVG, "circle");
      dot.setAttribute("class", k === 0 ? "gd-explorer__dot gd-explorer__dot--start" : "gd-explorer__dot");
      dot.setAttribute("cx", c[0]);
      dot.setAttribute("cy", c[1]);
      dot.setAttribute("r", k === 0 ? "5" : "3.5");
      dots.appendChild(dot);
    });
    if (dots.firstChild) dots.appendChild(dots.firstChild);
  }

  // "First points of the trajectory: ..." with the first `count` iterates.
  function listSteps(steps, intro, points, count, show) {
    steps.innerHTML = intro + " " + points.slice(0, count).map(show).join(", ") +
      (points.length > count ? ", \u2026" : "");
  }

  function pressOnly(buttons, test) {
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(test(button)));
    });
  }

  function describeRun(text, code, maxSteps) {
    if (/^\d+$/.test(code)) {
      return { result: fill(text.converged, { n: code }), steps: +code, kind: "converged" };
    }
    if (code.charAt(0) === "d") {
      var n = code.slice(1);
      return { result: fill(text.diverged, { n: n }), steps: +n, kind: "diverged" };
    }
    var kind = { o: "oscillates", s: "slow", a: "damped", g: "grows" }[code];
    return { result: fill(text[kind], { steps: maxSteps }), steps: maxSteps, kind: kind };
  }

  /* The bowl f(x, y) = x^2 + y^2: the path from a start p0 is p0 times the factors of the run
     from 1, as gdcore computed them; the outcome of each (eta, start) is gdcore's own. */
  function setupBowl(root) {
    var data = JSON.parse(root.querySelector(".gd-explorer__data").textContent);
    var config = JSON.parse(root.querySelector(".gd-explorer__config").textContent);
    var text = config.text;
    var g = config.geometry;
    var etaRange = root.querySelector(".gd-explorer__eta-range");
    var etaNumber = root.querySelector(".gd-explorer__eta-number");
    var outcome = root.querySelector(".gd-explorer__outcome");
    var steps = root.querySelector(".gd-explorer__steps");
    var plot = root.querySelector(".gd-explorer__plot");
    var line = root.querySelector(".gd-explorer__path");
    var dots = root.querySelector(".gd-explorer__dots");
    var presets = root.querySelectorAll(".gd-explorer__preset[data-eta]");
    var starts = root.querySelectorAll(".gd-explorer__start");
    var chosen = 0;

    function fmtPoint(p) {
      return "(" + fmtNumber(p[0]) + ", " + fmtNumber(p[1]) + ")";
    }

    function render() {
      var i = +etaRange.value;
      var eta = data.etas[i];
      var p0 = data.starts[chosen];
      var run = describeRun(text, data.runs[i].split(",")[chosen], data.maxSteps);
      var unit = data.paths[i];
      var count = Math.min(unit.length, run.steps + 1, config.shown + 1);
      var points = [];
      for (var k = 0; k < count; k++) points.push([p0[0] * unit[k], p0[1] * unit[k]]);

      var words = { eta: fmtEta(eta), p0: fmtPoint(p0), result: run.result };
      outcome.textContent = fill(text.outcome, words);
      plot.setAttribute("aria-label", fill(text.plot, words));
      root.setAttribute("data-outcome", run.kind);

      var xy = points.map(function (p) {
        return [(g.cx + p[0] * g.scale).toFixed(1), (g.cy - p[1] * g.scale).toFixed(1)];
      });
      drawPath(line, dots, xy);
      listSteps(steps, text.shown, points, 4, function (p, k) {
        return "p<sub>" + k + "</sub> = " + fmtPoint(p);
      });

      etaRange.setAttribute("aria-valuetext", "\u03b7 = " + fmtEta(eta));
      pressOnly(presets, function (b) { return +b.getAttribute("data-eta") === eta; });
      pressOnly(starts, function (b) { return +b.getAttribute("data-start") === chosen; });
    }

    link(etaRange, etaNumber, data.etas, render, presets);
    Array.prototype.forEach.call(starts, function (button) {
      button.addEventListener("click", function () {
        chosen = +button.getAttribute("data-start");
        render();
      });
    });
    render();
    root.setAttribute("data-ready", "");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-explorer]"), setup);
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-bowl-explorer]"), setupBowl);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
