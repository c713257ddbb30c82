/* The mini-batch explorer (stochastic-descent page): the reader picks a batch size, a learning
 * rate and a schedule; this draws the run gdcore.sgd computed for that choice at build time
 * (sitebuild/widgets/sgd hands every run to the page as JSON). Nothing is computed here but
 * pixel positions: the paths, losses and counts are gdcore's. Plain JavaScript and SVG.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  // Python's f"{value:.6g}", with U+2212 for minus.
  function num(value) {
    var text = Number(value.toPrecision(6)).toString();
    if (Math.abs(value) >= 1e6 || (value !== 0 && Math.abs(value) < 1e-4)) {
      text = value.toExponential(5).replace(/\.?0+e/, "e").replace(/e([+-])(\d)$/, "e$10$2");
    }
    return text.replace("-", "\u2212");
  }

  function el(name, attrs, parent) {
    var node = document.createElementNS(SVG, name);
    Object.keys(attrs).forEach(function (key) { node.setAttribute(key, attrs[key]); });
    if (parent) parent.appendChild(node);
    return node;
  }

  function label(parent, x, y, content, attrs) {
    var node = el("text", Object.assign({ x: x.toFixed(1), y: y.toFixed(1),
      "class": "gd-explorer__tick" }, attrs || {}), parent);
    node.textContent = content;
    return node;
  }

  function clear(node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  }

  function points(xy) {
    return xy.map(function (c) { return c[0].toFixed(1) + "," + c[1].toFixed(1); }).join(" ");
  }

  function superscript(n) {
    var digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
    return String(n).replace("-", "\u207b").replace(/\d/g, function (d) { return digits[+d]; });
  }

  function setup(root) {
    var all = JSON.parse(root.querySelector(".gd-sgd__config").textContent);
    var data = all.data, text = all.text, best = data.best;
    var choice = { batch: all.default.batch, eta: all.default.eta,
      schedule: all.default.schedule };
    var outcome = root.querySelector(".gd-explorer__outcome");
    var plot = root.querySelector(".gd-explorer__plot");
    var lossSvg = root.querySelector(".gd-explorer__loss");
    var buttons = root.querySelectorAll(".gd-explorer__preset");

    // The (w, b) plane: the start (0, 0) and the best line, equal scales on both axes (the
    // bowl is round: its level curves are circles).
    var W = 640, H = 660, PAD = 30;
    var wMin = -50, wMax = 140, bMin = -8;
    var scale = (W - 2 * PAD) / (wMax - wMin), bMax = bMin + (H - 2 * PAD) / scale;
    function px(w) { return PAD + (w - wMin) * scale; }
    function py(b) { return H - PAD - (b - bMin) * scale; }
    var clipId = root.id + "-clip";
    el("defs", {}, plot).innerHTML = '<clipPath id="' + clipId + '"><rect x="' + PAD + '" y="' +
      PAD + '" width="' + (W - 2 * PAD) + '" height="' + (H - 2 * PAD) + '"/></clipPath>';
    var clipped = el("g", { "clip-path": "url(#" + clipId + ")" }, plot);
    [10, 30, 60, 100, 150].forEach(function (r) {
      el("circle", { "class": "gd-explorer__contour", cx: px(best.w).toFixed(1),
        cy: py(best.b).toFixed(1), r: (r * scale).toFixed(1) }, clipped);
    });
    el("path", { "class": "gd-explorer__axis", d: "M" + px(wMin) + " " + py(0) + "H" + px(wMax) +
      "M" + px(0) + " " + py(bMin) + "V" + py(bMax) }, plot);
    [0, 50, 100].forEach(function (t) {
      label(plot, px(t), py(0) + 6, String(t), { "text-anchor": "middle",
        "dominant-baseline": "hanging" });
    });
    [50, 100, 150].forEach(function (t) {
      label(plot, px(0) - 6, py(t), String(t), { "text-anchor": "end",
        "dominant-baseline": "middle" });
    });
    label(plot, px(wMax) - 4, py(0) - 8, "w", { "text-anchor": "end" });
    label(plot, px(0) + 8, PAD + 4, "b", { "dominant-baseline": "hanging" });
    var layer = el("g", {}, clipped);
    el("circle", { "class": "gd-sgd__best", cx: px(best.w).toFixed(1), cy: py(best.b).toFixed(1),
      r: "5" }, plot);

    var LW = 640, LH = 220, LL = 70, LR = 14, LT = 10, LB = 34;
    var lossLayer = el("g", {}, lossSvg);

    function drawLoss(run) {
      clear(lossLayer);
      var lo = Infinity, hi = -Infinity;
      run.excess.forEach(function (v) {
        if (v > 0 && isFinite(v)) {
          lo = Math.min(lo, Math.log(v) / Math.LN10);
          hi = Math.max(hi, Math.log(v) / Math.LN10);
        }
      });
      lo = Math.floor(Math.max(lo, -4));
      hi = Math.ceil(hi);
      if (hi - lo < 2) { lo -= 1; hi += 1; }
      var n = all.epochs * run.perEpoch;
      function lx(k) { return LL + k / n * (LW - LL - LR); }
      function ly(v) {
        var e = v > 0 ? Math.log(v) / Math.LN10 : lo;
        e = Math.max(lo, Math.min(hi, e));
        return LH - LB - (e - lo) / (hi - lo) * (LH - LT - LB);
      }
      el("path", { "class": "gd-explorer__axis",
        d: "M" + LL + " " + LT + "V" + (LH - LB) + "H" + (LW - LR) }, lossLayer);
      for (var e = lo; e <= hi; e += Math.max(1, Math.ceil((hi - lo) / 4))) {
        label(lossLayer, LL - 6, ly(Math.pow(10, e)), "10" + superscript(e),
          { "text-anchor": "end", "dominant-baseline": "middle" });
      }
      for (var epoch = 0; epoch <= all.epochs; epoch++) {
        label(lossLayer, lx(epoch * run.perEpoch), LH - LB + 6, String(epoch),
          { "text-anchor": "middle", "dominant-baseline": "hanging" });
      }
      label(lossLayer, LW - LR, LH - LB - 8, text.step_axis, { "text-anchor": "end" });
      label(lossLayer, LW - LR, LT + 10, text.loss_axis, { "text-anchor": "end" });
      var xy = [];
      run.excess.forEach(function (excess, i) {
        // The i-th drawn point is the one after update min(i·every, nit) (sgd_runs).
        var k = Math.min(i * run.every, run.nit);
        if (isFinite(excess)) xy.push([lx(k), ly(excess)]);
      });
      el("polyline", { "class": "gd-sgd__path", points: points(xy) }, lossLayer);
    }

    function update() {
      var key = choice.batch + "|" + choice.eta + "|" + choice.schedule;
      var run = data.runs[key];
      clear(layer);
      var xy = run.w.map(function (w, i) { return [px(w), py(run.b[i])]; });
      el("polyline", { "class": "gd-sgd__path", points: points(xy) }, layer);
      var last = xy[xy.length - 1];
      el("circle", { "class": "gd-sgd__end", cx: last[0].toFixed(1), cy: last[1].toFixed(1),
        r: "5" }, layer);
      drawLoss(run);
      outcome.textContent = fill(text.outcome, { batch: choice.batch, eta: num(choice.eta),
        schedule: text[choice.schedule], epochs: all.epochs, updates: run.nit, evals: run.evals,
        loss: num(run.loss), best: num(best.loss) });
      root.setAttribute("data-run", key);
      root.setAttribute("data-nit", String(run.nit));
      Array.prototype.forEach.call(buttons, function (b) {
        var on = ["batch", "eta", "schedule"].some(function (g) {
          return b.hasAttribute("data-" + g) && b.getAttribute("data-" + g) === String(choice[g]);
        });
        b.setAttribute("aria-pressed", String(on));
      });
    }

    Array.prototype.forEach.call(buttons, function (button) {
      button.addEventListener("click", function () {
        ["batch", "eta", "schedule"].forEach(function (g) {
          if (!button.hasAttribute("data-" + g)) return;
          var v = button.getAttribute("data-" + g);
          choice[g] = g === "schedule" ? v : Number(v);
        });
        update();
      });
    });
    update();
    root.setAttribute("data-ready", "");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-sgd]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
