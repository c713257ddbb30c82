/* The optimizers explorer: plain descent, momentum, RMSProp and Adam side by side on the
 * elongated bowl x² + κy² (feature-scaling page). The markup comes from gd-optimizers.html,
 * filled in by sitebuild/widgets/optimizers with the page's words and a JSON configuration;
 * every run is computed here by descent-core.js (plain, momentum) and optimizers-core.js
 * (RMSProp, Adam), which copy gdcore's loops exactly. Plain JavaScript and SVG.
 *
 * What the reader types is used exactly (a decimal point, an exponent; on the Vietnamese page a
 * decimal comma too) or refused with a message saying what is allowed; nothing is rounded or
 * clamped. While a field is refused, that method's path and result are not shown.
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  function fmt(value) {
    if (value === 0) return "0";
    if (!isFinite(value)) return String(value).replace("-", "\u2212");
    var text = Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3
      ? value.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e")
      : String(Number(value.toPrecision(4)));
    return text.replace("-", "\u2212");
  }

  function exact(value) { return String(value).replace("-", "\u2212"); }

  /* What the reader typed, as a number, or why not (never rounded). */
  function parseTyped(typed, lang) {
    var text = typed.trim().replace(/^\u2212/, "-");
    if (text === "") return { error: "empty" };
    if (lang === "vi" && text.indexOf(".") < 0 && /^[^,]*,[^,]*$/.test(text)) {
      text = text.replace(",", ".");
    }
    if (!NUMBER.test(text)) return { error: "number" };
    var value = Number(text);
    return isFinite(value) ? { value: value } : { error: "range" };
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

  function run(method, land, p0, eta, config) {
    var D = window.gdDescent, A = window.gdAdaptive, p = method.params;
    var n = config.maxSteps, tol = config.tol;
    if (method.id === "plain") return D.descend2d(land, p0, eta, 0.0, n, tol);
    if (method.id === "momentum") return D.descend2d(land, p0, eta, p.beta, n, tol);
    if (method.id === "rmsprop") return A.rmsprop(land, p0, eta, p.alpha, p.eps, n, tol);
    return A.adam(land, p0, eta, p.beta1, p.beta2, p.eps, n, tol);
  }

  function setup(root) {
    var all = JSON.parse(root.querySelector(".gd-opt__config").textContent);
    var config = all.config, text = all.text, lang = all.lang, counts = all.plurals;
    var land = window.gdDescent.elongatedBowl(config.kappa);
    var plot = root.querySelector(".gd-explorer__plot");
    var lossSvg = root.querySelector(".gd-explorer__loss");
    var starts = root.querySelectorAll(".gd-explorer__start");
    var state = { p0: config.starts[0].slice(), eta: {}, runs: {}, bad: {} };
    var W = 640, H = 400, PAD = 12, YMAX = 12;
    var scale = (H - 2 * PAD) / (2 * YMAX), XMAX = (W - 2 * PAD) / (2 * scale);
    var cx = PAD + XMAX * scale, cy = PAD + YMAX * scale;
    function px(x) { return cx + x * scale; }
    function py(y) { return cy - y * scale; }

    // The contour plot's fixed parts (level curves of x² + κy²), then one layer per method.
    var clipId = root.id + "-clip";
    el("defs", {}, plot).innerHTML = '<clipPath id="' + clipId + '"><rect x="' + PAD + '" y="' +
      PAD + '" width="' + (W - 2 * PAD) + '" height="' + (H - 2 * PAD) + '"/></clipPath>';
    var clipped = el("g", { "clip-path": "url(#" + clipId + ")" }, plot);
    el("path", { "class": "gd-explorer__axis", d: "M" + px(-XMAX) + " " + py(0) + "H" + px(XMAX) +
      "M" + px(0) + " " + py(-YMAX) + "V" + py(YMAX) }, clipped);
    config.levels.forEach(function (c) {
      el("ellipse", { "class": "gd-explorer__contour", cx: px(0), cy: py(0),
        rx: (Math.sqrt(c) * scale).toFixed(1),
        ry: (Math.sqrt(c / config.kappa) * scale).toFixed(1) }, clipped);
    });
    label(clipped, px(XMAX - 0.3), py(0.5), "x", { "text-anchor": "end" });
    label(clipped, px(-0.5), py(YMAX - 0.9), "y", { "text-anchor": "end" });
    var layers = {};
    config.methods.forEach(function (m) {
      layers[m.id] = el("g", { "class": "gd-opt__series gd-opt__series--" + m.id }, clipped);
    });
    var startDot = el("circle", { "class": "gd-explorer__dot gd-explorer__dot--start", r: "6" },
      plot);

    // The loss chart: every method's loss against k, log scale.
    var LW = 640, LH = 220, LL = 70, LR = 14, LT = 10, LB = 34;
    var lossAxes = el("g", {}, lossSvg);
    var lossLayers = {};
    config.methods.forEach(function (m) {
      lossLayers[m.id] = el("g", { "class": "gd-opt__series gd-opt__series--" + m.id }, lossSvg);
    });

    function drawLoss(shown) {
      var lo = Infinity, hi = -Infinity, n = 1;
      shown.forEach(function (m) {
        var r = state.runs[m.id];
        n = Math.max(n, r.nit);
        r.losses.forEach(function (v) {
          if (v > 0 && isFinite(v)) {
            lo = Math.min(lo, Math.log(v) / Math.LN10);
            hi = Math.max(hi, Math.log(v) / Math.LN10);
          }
        });
      });
      if (!isFinite(lo)) { lo = -1; hi = 1; }
      lo = Math.max(Math.floor(lo), -20);
      hi = Math.ceil(hi);
      if (hi - lo < 2) { lo -= 1; hi += 1; }
      function lx(k) { return LL + k / n * (LW - LL - LR); }
      function ly(v) {
        var e = v > 0 ? Math.log(v) / Math.LN10 : lo;
        e = Math.max(lo, Math.min(hi, e));
        return LH - LB - (e - lo) / (hi - lo) * (LH - LT - LB);
      }
      clear(lossAxes);
      el("path", { "class": "gd-explorer__axis",
        d: "M" + LL + " " + LT + "V" + (LH - LB) + "H" + (LW - LR) }, lossAxes);
      var every = Math.max(1, Math.ceil((hi - lo) / 5));
      for (var e = lo; e <= hi; e += every) {
        label(lossAxes, LL - 6, ly(Math.pow(10, e)), "10" + superscript(e),
          { "text-anchor": "end", "dominant-baseline": "middle" });
      }
      [0, n].forEach(function (k) {
        label(lossAxes, lx(k), LH - LB + 6, String(k), { "text-anchor": "middle",
          "dominant-baseline": "hanging" });
      });
      label(lossAxes, LW - LR, LH - LB - 8, text.step_axis, { "text-anchor": "end" });
      label(lossAxes, LW - LR, LT + 10, text.loss_axis, { "text-anchor": "end" });
      config.methods.forEach(function (m) {
        var layer = lossLayers[m.id];
        clear(layer);
        if (shown.indexOf(m) < 0) return;
        var xy = [];
        state.runs[m.id].losses.forEach(function (v, k) {
          if (isFinite(v)) xy.push([lx(k), ly(v)]);
        });
        el("polyline", { "class": "gd-opt__line", points: points(xy) }, layer);
      });
    }

    function result(r) {
      if (r.status === "converged") return window.gdExplorerText.plural(counts.converged, r.nit);
      if (r.status === "diverged") return fill(text.diverged, { n: r.nit });
      var last = r.path[r.path.length - 1];
      return fill(text.stalled, { steps: config.maxSteps, d: fmt(Math.hypot(last[0], last[1])) });
    }

    function update() {
      var shown = [];
      config.methods.forEach(function (m) {
        var line = root.querySelector('[data-result="' + m.id + '"]');
        var layer = layers[m.id];
        clear(layer);
        if (state.bad[m.id]) {
          line.textContent = fill(text.refused, { name: text["name_" + m.id] });
          line.setAttribute("data-outcome", "refused");
          return;
        }
        var r = run(m, land, state.p0, state.eta[m.id], config);
        state.runs[m.id] = r;
        shown.push(m);
        line.textContent = fill(text.result, { name: text["name_" + m.id],
          eta: exact(state.eta[m.id]), result: result(r) });
        line.setAttribute("data-outcome", r.status);
        line.setAttribute("data-nit", String(r.nit));
        el("polyline", { "class": "gd-opt__line", points: points(r.path.map(function (p) {
          return [px(p[0]), py(p[1])];
        })) }, layer);
      });
      startDot.setAttribute("cx", px(state.p0[0]).toFixed(1));
      startDot.setAttribute("cy", py(state.p0[1]).toFixed(1));
      drawLoss(shown);
      Array.prototype.forEach.call(starts, function (b) {
        var p = b.getAttribute("data-start").split(",").map(Number);
        b.setAttribute("aria-pressed", String(p[0] === state.p0[0] && p[1] === state.p0[1]));
      });
      plot.setAttribute("aria-label", fill(text.plot, { p0: "(" + exact(state.p0[0]) + ", " +
        exact(state.p0[1]) + ")" }));
    }

    config.methods.forEach(function (m) {
      var box = root.querySelector('[data-field="' + m.id + '"]');
      var input = box.querySelector(".gd-explorer__value");
      var error = box.querySelector(".gd-explorer__error");
      var allowed = fill(text.eta_allowed, { max: exact(m.eta.max) });
      state.eta[m.id] = m.eta.default;
      function read() {
        var parsed = parseTyped(input.value, lang), message = "";
        if (parsed.error === "empty") {
          message = fill(text.error_empty, { allowed: allowed });
        } else if (parsed.error === "number") {
          message = fill(text.error_number, { typed: input.value.trim(), allowed: allowed });
        } else if (parsed.error || !(parsed.value > 0 && parsed.value <= m.eta.max)) {
          message = fill(text.error_range, { typed: input.value.trim(), allowed: allowed });
        }
        error.textContent = message;
        error.hidden = !message;
        input.setAttribute("aria-invalid", message ? "true" : "false");
        state.bad[m.id] = !!message;
        if (!message) state.eta[m.id] = parsed.value;
        update();
      }
      input.addEventListener("change", read);
      input.addEventListener("keydown", function (event) { if (event.key === "Enter") read(); });
    });
    Array.prototype.forEach.call(starts, function (button) {
      button.addEventListener("click", function () {
        state.p0 = button.getAttribute("data-start").split(",").map(Number);
        update();
      });
    });
    update();
    root.setAttribute("data-ready", "");
  }

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-optimizers]"), setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
