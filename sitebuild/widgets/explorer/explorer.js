/* The explorers: the learning-rate explorer on f(x) = x² and the 2-D explorer on the bowl
 * x² + κy² (with momentum on the momentum page). The markup comes from the theme templates
 * partials/gd-explorer-1d.html and gd-explorer-2d.html, filled in by sitebuild/explorer.py with
 * the page's words and a JSON configuration; every run is computed here by descent-core.js
 * (window.gdDescent), which copies gdcore's loops exactly. Plain JavaScript and SVG.
 *
 * Shared parts: reading a typed number (exactly, with a message for anything not allowed), the
 * step / play / reset player (no animation under prefers-reduced-motion; Step is disabled at the
 * end of a run, and says so), the state in the URL (#eta=0.9&x0=70; a link that cannot be
 * decoded is read as typed text, refused with the usual message), the chart of the loss against
 * k on a log scale (a loss of exactly 0 on its own row below the axis), dragging the start point
 * with a mouse or a finger, counts with the catalog's plural forms, and SVG helpers. Every number
 * the widgets write uses one minus sign, U+2212 (a typed "-" is still accepted).
 */
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var D = window.gdDescent;

  // ------------------------------------------------------------------------------ formatting

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  // Every minus sign as U+2212, the one a reader sees everywhere on the site.
  function minus(text) {
    return text.replace(/-/g, "\u2212");
  }

  // A number as the page writes it: up to 4 significant digits, U+2212 for minus.
  function fmt(value) {
    var text;
    if (value === 0) return "0";
    if (!isFinite(value)) return minus(String(value));
    if (Math.abs(value) >= 1e5 || Math.abs(value) < 1e-3) {
      text = value.toExponential(3).replace(/\.?0+e/, "e").replace("e+", "e");
    } else {
      text = String(Number(value.toPrecision(4)));
    }
    return minus(text);
  }

  // A value the reader chose, written exactly (shortest round-trip form).
  function fmtExact(value) {
    return minus(String(value));
  }

  /* A count in the page's language: the catalog's plural forms for the word and its rule
     (gettext's expression in n, e.g. "(n != 1)"; checked to hold only n, digits and operators
     before it is compiled). */
  var RULE = /^[n0-9\s()!=<>&|?:%+-]+$/;
  var compiled = {};
  function plural(word, n, values) {
    if (!(word.rule in compiled)) {
      if (!RULE.test(word.rule)) throw new Error("not a plural rule: " + word.rule);
      compiled[word.rule] = new Function("n", "return Number(" + word.rule + ");");
    }
    var all = Object.assign({ n: n }, values || {});
    return fill(word.forms[compiled[word.rule](n)], all);
  }

  function fmtPoint(p) {
    return "(" + fmt(p[0]) + ", " + fmt(p[1]) + ")";
  }

  // ------------------------------------------------------------------------ reading numbers

  var NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

  /* What the reader typed, as a number, or why not. A decimal point, an exponent and a minus
     (- or U+2212) are accepted; on a Vietnamese page a decimal comma too. Never rounded. */
  function parseTyped(typed, lang) {
    var text = typed.trim().replace(/\u2212/g, "-");
    if (text === "") return { error: "empty" };
    if (lang === "vi" && text.indexOf(".") < 0 && /^[^,]*,[^,]*$/.test(text)) {
      text = text.replace(",", ".");
    }
    if (!NUMBER.test(text)) return { error: "number" };
    var value = Number(text);
    if (!isFinite(value)) return { error: "range" };
    return { value: value };
  }

  function inRange(value, range) {
    var low = range.minOpen ? value > range.min : value >= range.min;
    var high = range.maxOpen ? value < range.max : value <= range.max;
    return low && high;
  }

  /* One control: a text field (what counts), a slider (a shortcut; it never changes a typed
     value unless moved) and an error line. onValue(value) is called for every valid value;
     onInvalid() once the reader has finished typing something not allowed (Enter, leaving the
     field, a link): then field.reported is true and field.message says what is allowed. What
     is typed counts once the reader is done (Enter or leaving the field), never a half-typed
     prefix ("1" on the way to "1.3"). */
  function numberField(root, name, range, lang, text, allowed, onValue, onInvalid) {
    var box = root.querySelector('[data-field="' + name + '"]');
    var input = box.querySelector(".gd-explorer__value");
    var slider = box.querySelector(".gd-explorer__range");
    var error = box.querySelector(".gd-explorer__error");
    var field = { value: range.default, valid: true, reported: false, message: "", input: input };

    function show(message) {
      field.reported = !!message;
      error.textContent = message;
      error.hidden = !message;
      input.setAttribute("aria-invalid", message ? "true" : "false");
    }

    function read() {
      var parsed = parseTyped(input.value, lang);
      var message = "";
      if (parsed.error === "empty") {
        message = fill(text.error_empty, { allowed: allowed });
      } else if (parsed.error === "number") {
        message = fill(text.error_number, { typed: input.value.trim(), allowed: allowed }) +
          (text.decimal ? " " + text.decimal : "");
      } else if (parsed.error || !inRange(parsed.value, range)) {
        message = fill(text.error_range, { typed: input.value.trim(), allowed: allowed });
      }
      field.valid = !message;
      field.message = message;
      if (message) {
        show(message);
        onInvalid();
        return false;
      }
      show("");
      field.value = parsed.value;
      slider.value = String(parsed.value);
      onValue(parsed.value);
      return true;
    }

    field.set = function (value) {
      input.value = fmtExact(value);
      read();
    };
    field.setText = function (typed) {
      input.value = typed;
      read();
    };
    field.read = read;
    input.addEventListener("change", function () { read(); });
    input.addEventListener("keydown", function (event) {
      if (event.key === "Enter") read();
    });
    slider.addEventListener("input", function () {
      input.value = fmtExact(Number(slider.value));
      read();
    });
    return field;
  }

  // -------------------------------------------------------------------------------- the URL

  function readHash() {
    var hash = window.location.hash.slice(1);
    if (!/^[a-z0-9]+=[^&]*(&[a-z0-9]+=[^&]*)*$/i.test(hash)) return null;
    var state = {};
    hash.split("&").forEach(function (pair) {
      var at = pair.indexOf("="), raw = pair.slice(at + 1), value;
      try {
        value = decodeURIComponent(raw);
      } catch (malformed) {
        value = raw; // "%" or a cut "%E2%88": refused like any other bad value, with its message
      }
      state[pair.slice(0, at)] = value;
    });
    return state;
  }

  function writeHash(state) {
    var parts = Object.keys(state).map(function (key) {
      return key + "=" + encodeURIComponent(state[key]).replace(/%2C/g, ",");
    });
    var url = window.location.pathname + window.location.search + "#" + parts.join("&");
    window.history.replaceState(null, "", url);
  }

  // ------------------------------------------------------------------------------- the player

  var reducedMotion = window.matchMedia &&
    window.matchMedia("(prefers-reduced-motion: reduce)").matches;

  /* Reset / Step / Play for a run of `total()` steps: draw(k) shows the first k steps. At the
     end of the run Step is disabled (aria-disabled, dimmed); pressing it then says why, in a
     polite live region. */
  function player(root, text, total, draw) {
    var play = root.querySelector(".gd-explorer__play");
    var step = root.querySelector(".gd-explorer__step");
    var status = root.querySelector(".gd-explorer__end");
    var timer = null;
    var state = { k: 0 };

    function stop() {
      if (timer !== null) window.clearTimeout(timer);
      timer = null;
      play.textContent = text.play;
      play.setAttribute("aria-pressed", "false");
    }
    function show(k) {
      state.k = Math.max(0, Math.min(k, total()));
      step.setAttribute("aria-disabled", state.k >= total() ? "true" : "false");
      if (state.k < total()) status.textContent = "";
      draw(state.k);
    }
    function tick() {
      if (state.k >= total()) { stop(); return; }
      show(state.k + 1);
      var delay = state.k < 10 ? 350 : state.k < 40 ? 120 : 25;
      timer = window.setTimeout(tick, delay);
    }
    root.querySelector(".gd-explorer__reset").addEventListener("click", function () {
      stop();
      show(0);
    });
    step.addEventListener("click", function () {
      stop();
      if (state.k >= total()) {
        status.textContent = text.step_end;
        return;
      }
      show(state.k + 1);
    });
    play.addEventListener("click", function () {
      if (timer !== null) { stop(); return; }
      if (state.k >= total()) show(0);
      if (reducedMotion) { show(total()); return; }
      play.textContent = text.pause;
      play.setAttribute("aria-pressed", "true");
      timer = window.setTimeout(tick, 200);
    });
    return { show: show, stop: stop, state: state };
  }

  // ------------------------------------------------------------------------------------- SVG

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

  function pointsAttr(xy) {
    return xy.map(function (c) { return c[0].toFixed(1) + "," + c[1].toFixed(1); }).join(" ");
  }

  // The path through the iterates and a dot on each (at most 400 dots), the start on top.
  function drawPath(layer, xy) {
    clear(layer);
    el("polyline", { "class": "gd-explorer__path", points: pointsAttr(xy) }, layer);
    var dots = el("g", { "class": "gd-explorer__dots" }, layer);
    for (var k = Math.min(xy.length, 400) - 1; k >= 1; k--) {
      el("circle", { "class": "gd-explorer__dot", cx: xy[k][0].toFixed(1),
        cy: xy[k][1].toFixed(1), r: "3.5" }, dots);
    }
    if (xy.length > 1) {
      var last = xy[xy.length - 1];
      el("circle", { "class": "gd-explorer__dot gd-explorer__dot--now",
        cx: last[0].toFixed(1), cy: last[1].toFixed(1), r: "5" }, dots);
    }
  }

  // Where a pointer event is, in the SVG's own units.
  function svgPoint(svg, event) {
    var matrix = svg.getScreenCTM();
    if (!matrix) return null;
    var p = svg.createSVGPoint();
    p.x = event.clientX;
    p.y = event.clientY;
    return p.matrixTransform(matrix.inverse());
  }

  /* A start point the pointer can drag: onMove(svg point) while dragging, onEnd() after.
     With a finger: a touch that starts on the handle must not scroll the page (Chromium would
     then cancel the pointer after a few pixels). touch-action on an SVG child is ignored and on
     the whole <svg> would stop the page scrolling under a thumb anywhere on the chart, so the
     touch that starts on the handle is claimed by its own (non-passive) touchstart. */
  function draggable(svg, handle, onMove, onEnd) {
    var dragging = false;
    handle.addEventListener("touchstart", function (event) {
      event.preventDefault();
    }, { passive: false });
    handle.addEventListener("pointerdown", function (event) {
      dragging = true;
      handle.setPointerCapture(event.pointerId);
      event.preventDefault();
    });
    handle.addEventListener("pointermove", function (event) {
      if (!dragging) return;
      var p = svgPoint(svg, event);
      if (p) onMove(p);
    });
    function end() {
      if (!dragging) return;
      dragging = false;
      onEnd();
    }
    handle.addEventListener("pointerup", end);
    handle.addEventListener("pointercancel", end);
  }

  /* The loss against k on a log scale (the whole run sets the axes; the first `shown` steps
     are drawn). A loss of exactly 0 has no place on a log axis: when a run reaches it, a row
     below the axis, past a break mark, is labelled 0 and the zeros are drawn there, never on a
     grid line. The step axis is labelled under its ticks. */
  function lossChart(svg, text) {
    var W = 640, H = 240, L = 70, R = 14, T = 10, B = 72, ZERO = 30;
    var axes = el("g", {}, svg);
    var layer = el("g", {}, svg);
    var range = { lo: 0, hi: 1, n: 1, zero: false };

    function bottom() { return H - B - (range.zero ? ZERO : 0); }
    function px(k) { return L + k / range.n * (W - L - R); }
    function py(loss) {
      if (loss === 0) return H - B;
      var v = Math.log(loss) / Math.LN10;
      v = Math.max(range.lo, Math.min(range.hi, v));
      return bottom() - (v - range.lo) / (range.hi - range.lo) * (bottom() - T);
    }
    function setRun(losses, nit) {
      var lo = Infinity, hi = -Infinity, zero = false;
      losses.forEach(function (v) {
        if (v === 0) zero = true;
        if (v > 0 && isFinite(v)) {
          lo = Math.min(lo, Math.log(v) / Math.LN10);
          hi = Math.max(hi, Math.log(v) / Math.LN10);
        }
      });
      if (!isFinite(lo)) { lo = -1; hi = 1; }
      lo = Math.floor(lo);
      hi = Math.ceil(hi);
      if (hi - lo < 2) { lo -= 1; hi += 1; }
      range = { lo: lo, hi: hi, n: Math.max(nit, 1), zero: zero };
      clear(axes);
      svg.setAttribute("data-zero-row", zero ? "true" : "false");
      el("path", { "class": "gd-explorer__axis",
        d: "M" + L + " " + T + "V" + bottom() + (zero ? "" : "H" + (W - R)) }, axes);
      var every = Math.max(1, Math.ceil((hi - lo) / 5));
      for (var e = lo; e <= hi; e += every) {
        var y = py(Math.pow(10, e));
        el("path", { "class": "gd-explorer__grid", d: "M" + L + " " + y.toFixed(1) + "H" + (W - R) },
          axes);
        label(axes, L - 6, y, "10" + superscript(e), { "text-anchor": "end",
          "dominant-baseline": "middle" });
      }
      if (zero) {
        // The break in the axis (two slanted strokes), then the row of exact zeros.
        var gap = bottom() + ZERO / 2;
        el("path", { "class": "gd-explorer__axis gd-explorer__break", d: "M" + (L - 7) + " " +
          (gap + 1) + "l14 -6M" + (L - 7) + " " + (gap + 7) + "l14 -6" }, axes);
        el("path", { "class": "gd-explorer__axis", d: "M" + L + " " + (H - B - 8) + "V" + (H - B) +
          "H" + (W - R) }, axes);
        var zeroLabel = label(axes, L - 6, H - B, "0", { "text-anchor": "end",
          "dominant-baseline": "middle", "class": "gd-explorer__tick gd-explorer__zero" });
        el("title", {}, zeroLabel).textContent = text.zero;
      }
      var kEvery = niceStep(range.n);
      for (var k = 0; k <= range.n; k += kEvery) {
        label(axes, px(k), H - B + 16, String(k), { "text-anchor": "middle",
          "dominant-baseline": "hanging", "class": "gd-explorer__tick gd-explorer__ktick" });
      }
      label(axes, (L + W - R) / 2, H - 4, text.step_axis, { "text-anchor": "middle",
        "class": "gd-explorer__tick gd-explorer__axis-title" });
      label(axes, W - R, T + 10, text.loss_axis, { "text-anchor": "end" });
    }
    function draw(losses, shown) {
      var xy = [];
      for (var k = 0; k <= shown && k < losses.length; k++) {
        if (isFinite(losses[k])) xy.push([px(k), py(losses[k])]);
      }
      clear(layer);
      el("polyline", { "class": "gd-explorer__path", points: pointsAttr(xy) }, layer);
      if (xy.length) {
        var last = xy[xy.length - 1];
        el("circle", { "class": "gd-explorer__dot gd-explorer__dot--now",
          cx: last[0].toFixed(1), cy: last[1].toFixed(1), r: "4" }, layer);
      }
    }
    return { setRun: setRun, draw: draw };
  }

  function superscript(n) {
    var digits = "\u2070\u00b9\u00b2\u00b3\u2074\u2075\u2076\u2077\u2078\u2079";
    return String(n).replace("-", "\u207b").replace(/\d/g, function (d) { return digits[+d]; });
  }

  function niceStep(n) {
    var raw = n / 6, base = Math.pow(10, Math.floor(Math.log(Math.max(raw, 1)) / Math.LN10));
    var step = [1, 2, 5, 10].map(function (m) { return m * base; })
      .filter(function (s) { return s >= raw; })[0];
    return Math.max(1, step);
  }

  function pressOnly(buttons, test) {
    Array.prototype.forEach.call(buttons, function (button) {
      button.setAttribute("aria-pressed", String(test(button)));
    });
  }

  function listSteps(node, intro, points, count, show) {
    node.innerHTML = intro + " " + points.slice(0, count).map(show).join(", ") +
      (points.length > count ? ", \u2026" : "");
  }

  /* While a field shows an error, the explorer claims no result: the outcome line repeats the
     message and the charts are dimmed (CSS, [data-invalid]). Returns true in that case. */
  function showInvalid(root, outcome, fields) {
    var bad = fields.filter(function (f) { return f && f.reported; })[0];
    if (!bad) {
      root.removeAttribute("data-invalid");
      return false;
    }
    root.setAttribute("data-invalid", "");
    outcome.textContent = bad.message;
    return true;
  }

  function readConfig(root) {
    return JSON.parse(root.querySelector(".gd-explorer__config").textContent);
  }

  // ---------------------------------------------------------- the learning-rate explorer (1-D)

  function setup1d(root) {
    var all = readConfig(root);
    var config = all.config, text = all.text, lang = all.lang, counts = all.plurals;
    var plot = root.querySelector(".gd-explorer__plot");
    var outcome = root.querySelector(".gd-explorer__outcome");
    var counter = root.querySelector(".gd-explorer__counter");
    var stepsLine = root.querySelector(".gd-explorer__steps");
    var lossSvg = root.querySelector(".gd-explorer__loss");
    var presets = root.querySelectorAll(".gd-explorer__preset");
    var verdict = root.querySelector(".gd-explorer__verdict");
    var W = 640, H = 330, L = 84, R = 16, T = 14, B = 34, XMAX = 110, YMAX = XMAX * XMAX;
    var state = { eta: config.eta.default, x0: config.x0.default, run: null };
    var ready = false;
    var fromLink = false; // drawing what a link asked for: the URL stays as it is
    var started = false; // the first drawing leaves the URL alone
    var judged = null; // the η the challenge's verdict is about

    function px(x) { return L + (x + XMAX) / (2 * XMAX) * (W - L - R); }
    function py(y) { return H - B - y / YMAX * (H - T - B); }
    function xFromPx(u) { return (u - L) / (W - L - R) * 2 * XMAX - XMAX; }

    // The chart's fixed parts: axes, ticks, the parabola; then the path layer and the handle.
    el("defs", {}, plot).innerHTML = '<clipPath id="gd-lr-clip"><rect x="' + (L - 6) + '" y="' +
      (T - 6) + '" width="' + (W - L - R + 12) + '" height="' + (H - T - B + 6) + '"/></clipPath>';
    var axes = el("g", {}, plot);
    el("path", { "class": "gd-explorer__axis", d: "M" + px(-XMAX) + " " + py(0) + "H" + px(XMAX) +
      "M" + px(-XMAX) + " " + py(0) + "V" + py(YMAX) }, axes);
    [-100, -50, 0, 50, 100].forEach(function (t) {
      el("path", { "class": "gd-explorer__grid", d: "M" + px(t) + " " + py(0) + "V" + py(YMAX) },
        axes);
      label(axes, px(t), py(0) + 6, fmt(t), { "text-anchor": "middle",
        "dominant-baseline": "hanging" });
    });
    [0, 5000, 10000].forEach(function (t) {
      label(axes, px(-XMAX) - 6, py(t), String(t), { "text-anchor": "end",
        "dominant-baseline": "middle" });
    });
    label(axes, px(XMAX), py(0) - 6, "x", { "text-anchor": "end" });
    label(axes, px(-XMAX) + 6, py(YMAX) + 10, "f(x) = x\u00b2", {});
    var curve = [];
    for (var i = 0; i <= 110; i++) {
      var u = -XMAX + 2 * XMAX * i / 110;
      curve.push([px(u), py(u * u)]);
    }
    el("polyline", { "class": "gd-explorer__curve", points: pointsAttr(curve) }, axes);
    var layer = el("g", { "clip-path": "url(#gd-lr-clip)" }, plot);
    var handle = el("circle", { "class": "gd-explorer__handle", r: "14" }, plot);
    var startDot = el("circle", { "class": "gd-explorer__dot gd-explorer__dot--start", r: "6" },
      plot);
    var loss = lossChart(lossSvg, text);

    function result(run) {
      if (run.status === "converged") {
        return run.nit === 0 ? text.start : plural(counts.converged, run.nit);
      }
      if (run.status === "diverged") return fill(text.diverged, { n: run.nit });
      return fill(text[D.stalledKind(run.path)], { steps: config.maxSteps });
    }

    function draw(k) {
      var run = state.run;
      var xy = run.path.slice(0, k + 1).map(function (x) { return [px(x), py(x * x)]; });
      drawPath(layer, xy);
      loss.draw(run.losses, k);
      counter.textContent = fill(text.counter, { k: k, n: run.nit, x: fmt(run.path[k]),
        f: fmt(run.losses[k]) });
    }

    var play = player(root, text, function () { return state.run.nit; }, draw);

    function update() {
      if (!ready) return;
      play.stop();
      // The verdict speaks of the η it judged: it goes once η changes or is not valid.
      if (!eta.valid || state.eta !== judged) {
        verdict.textContent = "";
        root.removeAttribute("data-verdict");
        judged = null;
      }
      if (showInvalid(root, outcome, [eta, x0])) return;
      var run = D.descend1d(D.parabola, state.x0, state.eta, 0.0, config.maxSteps, config.tol);
      state.run = run;
      var words = { eta: fmtExact(state.eta), x0: fmtExact(state.x0), result: result(run) };
      outcome.textContent = fill(text.outcome, words);
      plot.setAttribute("aria-label", fill(text.plot, words));
      lossSvg.setAttribute("aria-label", fill(text.loss_plot,
        { setup: fill(text.setup, words), result: words.result }));
      root.setAttribute("data-outcome", run.status);
      root.setAttribute("data-nit", String(run.nit));
      var sx = px(state.x0), sy = py(state.x0 * state.x0);
      [handle, startDot].forEach(function (c) {
        c.setAttribute("cx", sx.toFixed(1));
        c.setAttribute("cy", sy.toFixed(1));
      });
      loss.setRun(run.losses, run.nit);
      play.show(run.nit);
      listSteps(stepsLine, text.shown, run.path, 6, function (x, k) {
        return "x<sub>" + k + "</sub> = " + fmt(x);
      });
      pressOnly(presets, function (b) { return +b.getAttribute("data-eta") === state.eta; });
      if (started && !fromLink) writeHash({ eta: String(state.eta), x0: String(state.x0) });
      started = true;
    }

    var etaAllowed = fill(text.eta_allowed, { max: fmtExact(config.eta.max) });
    var x0Allowed = fill(text.x0_allowed, { min: fmtExact(config.x0.min),
      max: fmtExact(config.x0.max) });
    var eta = numberField(root, "eta", config.eta, lang, text, etaAllowed, function (v) {
      state.eta = v;
      update();
    }, update);
    var x0 = numberField(root, "x0", config.x0, lang, text, x0Allowed, function (v) {
      state.x0 = v;
      update();
    }, update);
    Array.prototype.forEach.call(presets, function (button) {
      button.addEventListener("click", function () { eta.set(+button.getAttribute("data-eta")); });
    });
    // A dragged x₀ is rounded to one decimal, as the slider's step (and + 0 turns −0 into 0).
    draggable(plot, handle, function (p) {
      var x = Math.round(xFromPx(p.x) * 10) / 10 + 0;
      x0.set(Math.max(config.x0.min, Math.min(config.x0.max, x)));
    }, function () {});

    /* Goldilocks: the reader's η on the elongated bowl from the challenge's start, judged
       against gdcore's best (computed at build time with the same rules). */
    var gold = config.goldilocks;
    var bowl = D.elongatedBowl(gold.kappa);
    root.querySelector(".gd-explorer__check").addEventListener("click", function () {
      if (!eta.valid) {
        verdict.textContent = text.verdict_invalid;
        root.setAttribute("data-verdict", "verdict_invalid");
        judged = null;
        return;
      }
      var run = D.descend2d(bowl, gold.start, state.eta, 0.0, config.maxSteps, config.tol);
      var n = D.stepsToReach(run.path, gold.target);
      var best = gold.bestEtas;
      var hint = state.eta < best[0] ? text.hint_larger : text.hint_smaller;
      var words = { eta: fmtExact(state.eta), target: fmtExact(gold.target),
        count: gold.count, best: gold.best, best_eta: best.map(fmtExact).join(", "),
        steps: config.maxSteps, hint: hint };
      var key = n < 0 ? "verdict_never" : n <= gold.best ? "verdict_best" : "verdict_more";
      verdict.textContent = key === "verdict_never" ? fill(text[key], words) :
        plural(counts[key], n, words);
      root.setAttribute("data-verdict", key);
      root.setAttribute("data-verdict-steps", String(n));
      judged = state.eta;
    });

    function restore() {
      var wanted = readHash();
      if (!wanted || !("eta" in wanted || "x0" in wanted)) return false;
      ready = false;
      if ("eta" in wanted) eta.setText(wanted.eta);
      if ("x0" in wanted) x0.setText(wanted.x0);
      [eta, x0].forEach(function (f) { if (f.valid) f.input.value = fmtExact(f.value); });
      ready = true;
      fromLink = true;
      update();
      fromLink = false;
      return true;
    }

    ready = true;
    if (restore()) root.scrollIntoView();
    else update();
    window.addEventListener("hashchange", restore);
    root.setAttribute("data-ready", "");
  }

  // ---------------------------------------------------------------- the 2-D explorer (bowl)

  function setup2d(root) {
    var all = readConfig(root);
    var config = all.config, text = all.text, lang = all.lang, counts = all.plurals;
    var kappa = config.kappa;
    var land = D.elongatedBowl(kappa);
    var plot = root.querySelector(".gd-explorer__plot");
    var outcome = root.querySelector(".gd-explorer__outcome");
    var counter = root.querySelector(".gd-explorer__counter");
    var stepsLine = root.querySelector(".gd-explorer__steps");
    var lossSvg = root.querySelector(".gd-explorer__loss");
    var etaPresets = root.querySelectorAll(".gd-explorer__preset[data-eta]");
    var betaPresets = root.querySelectorAll(".gd-explorer__preset[data-beta]");
    var starts = root.querySelectorAll(".gd-explorer__start");
    var startError = root.querySelector(".gd-explorer__start-error");
    var fromLink = false;
    var W = 640, H = 400, PAD = 12, YMAX = 12;
    var scale = (H - 2 * PAD) / (2 * YMAX), XMAX = (W - 2 * PAD) / (2 * scale);
    // Where a start may be: inside the chart, to one decimal (what a reader would type).
    var XLIM = Math.floor(XMAX * 10) / 10, YLIM = YMAX;
    var cx = PAD + XMAX * scale, cy = PAD + YMAX * scale;
    var state = { eta: config.eta.default, beta: config.beta.default,
      p0: config.starts[0].slice(), run: null };
    var ready = false;
    var started = false; // the first drawing leaves the URL alone
    var clipId = root.id + "-clip";

    function px(x) { return cx + x * scale; }
    function py(y) { return cy - y * scale; }

    el("defs", {}, plot).innerHTML = '<clipPath id="' + clipId + '"><rect x="' + PAD + '" y="' +
      PAD + '" width="' + (W - 2 * PAD) + '" height="' + (H - 2 * PAD) + '"/></clipPath>';
    var clipped = el("g", { "clip-path": "url(#" + clipId + ")" }, plot);
    el("path", { "class": "gd-explorer__axis", d: "M" + px(-XMAX) + " " + py(0) + "H" + px(XMAX) +
      "M" + px(0) + " " + py(-YMAX) + "V" + py(YMAX) }, clipped);
    [-15, -10, -5, 5, 10, 15].forEach(function (t) {
      label(clipped, px(t), py(-0.5), fmt(t), { "text-anchor": "middle",
        "dominant-baseline": "hanging" });
    });
    [-10, -5, 5, 10].forEach(function (t) {
      label(clipped, px(0.4), py(t), fmt(t), { "dominant-baseline": "middle" });
    });
    label(clipped, px(XMAX - 0.3), py(0.5), "x", { "text-anchor": "end" });
    label(clipped, px(-0.5), py(YMAX - 0.9), "y", { "text-anchor": "end" });
    config.levels.forEach(function (c) {
      var a = Math.sqrt(c), b = Math.sqrt(c / kappa);
      el("ellipse", { "class": "gd-explorer__contour", cx: px(0), cy: py(0),
        rx: (a * scale).toFixed(1), ry: (b * scale).toFixed(1) }, clipped);
      var angle = 150 * Math.PI / 180;
      var lx = a * Math.cos(angle), ly = b * Math.sin(angle);
      if (Math.abs(lx) < XMAX - 1 && Math.abs(ly) < YMAX - 0.5) {
        label(clipped, px(lx), py(ly), String(c), { "class": "gd-explorer__level",
          "text-anchor": "middle", "dominant-baseline": "middle" });
      }
    });
    el("circle", { "class": "gd-explorer__bottom", cx: px(0), cy: py(0), r: "3" }, clipped);
    var layer = el("g", {}, clipped);
    var handle = el("circle", { "class": "gd-explorer__handle", r: "14" }, plot);
    var startDot = el("circle", { "class": "gd-explorer__dot gd-explorer__dot--start", r: "6" },
      plot);
    var loss = lossChart(lossSvg, text);

    function setupWords() {
      var words = { eta: fmtExact(state.eta), beta: fmtExact(state.beta),
        p0: "(" + fmtExact(state.p0[0]) + ", " + fmtExact(state.p0[1]) + ")" };
      return fill(config.momentum ? text.setup_beta : text.setup, words);
    }

    function result(run) {
      if (run.status === "converged") return plural(counts.converged, run.nit);
      if (run.status === "diverged") return fill(text.diverged, { n: run.nit });
      var first = run.path[0], last = run.path[run.path.length - 1];
      return fill(text.stalled, { steps: config.maxSteps, d0: fmt(Math.hypot(first[0], first[1])),
        d1: fmt(Math.hypot(last[0], last[1])) });
    }

    function draw(k) {
      var run = state.run;
      drawPath(layer, run.path.slice(0, k + 1).map(function (p) { return [px(p[0]), py(p[1])]; }));
      loss.draw(run.losses, k);
      counter.textContent = fill(text.counter, { k: k, n: run.nit, p: fmtPoint(run.path[k]),
        f: fmt(run.losses[k]) });
    }

    var play = player(root, text, function () { return state.run.nit; }, draw);

    function update() {
      if (!ready) return;
      play.stop();
      if (!fromLink) startError.hidden = true; // the reader has moved on from the link
      if (showInvalid(root, outcome, [eta, beta])) return;
      var run = D.descend2d(land, state.p0, state.eta, state.beta, config.maxSteps, config.tol);
      state.run = run;
      var setup = setupWords(), res = result(run);
      outcome.textContent = fill(text.outcome, { setup: setup, result: res });
      plot.setAttribute("aria-label", fill(text.plot, { formula: all.formula, setup: setup,
        result: res }));
      lossSvg.setAttribute("aria-label", fill(text.loss_plot, { setup: setup, result: res }));
      root.setAttribute("data-outcome", run.status);
      root.setAttribute("data-nit", String(run.nit));
      [handle, startDot].forEach(function (c) {
        c.setAttribute("cx", px(state.p0[0]).toFixed(1));
        c.setAttribute("cy", py(state.p0[1]).toFixed(1));
      });
      loss.setRun(run.losses, run.nit);
      play.show(run.nit);
      listSteps(stepsLine, text.shown, run.path, 4, function (p, k) {
        return "p<sub>" + k + "</sub> = " + fmtPoint(p);
      });
      pressOnly(etaPresets, function (b) { return +b.getAttribute("data-eta") === state.eta; });
      pressOnly(betaPresets, function (b) { return +b.getAttribute("data-beta") === state.beta; });
      pressOnly(starts, function (b) {
        var p = b.getAttribute("data-start").split(",").map(Number);
        return p[0] === state.p0[0] && p[1] === state.p0[1];
      });
      var hash = { eta: String(state.eta) };
      if (config.momentum) hash.beta = String(state.beta);
      hash.start = state.p0[0] + "," + state.p0[1];
      if (started && !fromLink) writeHash(hash);
      started = true;
    }

    var eta = numberField(root, "eta", config.eta, lang, text,
      fill(text.eta_allowed, { max: fmtExact(config.eta.max) }), function (v) {
        state.eta = v;
        update();
      }, update);
    var beta = null;
    if (config.momentum) {
      beta = numberField(root, "beta", config.beta, lang, text, text.beta_allowed, function (v) {
        state.beta = v;
        update();
      }, update);
    }
    Array.prototype.forEach.call(etaPresets, function (button) {
      button.addEventListener("click", function () { eta.set(+button.getAttribute("data-eta")); });
    });
    Array.prototype.forEach.call(betaPresets, function (button) {
      button.addEventListener("click", function () {
        beta.set(+button.getAttribute("data-beta"));
      });
    });
    Array.prototype.forEach.call(starts, function (button) {
      button.addEventListener("click", function () {
        state.p0 = button.getAttribute("data-start").split(",").map(Number);
        update();
      });
    });
    // A dragged start is rounded to one decimal (+ 0 turns −0 into 0) and kept in the chart.
    draggable(plot, handle, function (p) {
      var x = Math.round((p.x - cx) / scale * 10) / 10 + 0;
      var y = Math.round((cy - p.y) / scale * 10) / 10 + 0;
      state.p0 = [Math.max(-XLIM, Math.min(XLIM, x)), Math.max(-YLIM, Math.min(YLIM, y))];
      update();
    }, function () {});

    function restore() {
      var wanted = readHash();
      if (!wanted || !("eta" in wanted || "start" in wanted)) return false;
      ready = false;
      startError.hidden = true;
      if ("eta" in wanted) eta.setText(wanted.eta);
      if (beta && "beta" in wanted) beta.setText(wanted.beta);
      [eta, beta].forEach(function (f) { if (f && f.valid) f.input.value = fmtExact(f.value); });
      if ("start" in wanted) {
        var p = wanted.start.split(",").map(function (v) { return parseTyped(v, "en"); });
        if (p.length === 2 && !p[0].error && !p[1].error &&
            Math.abs(p[0].value) <= XLIM && Math.abs(p[1].value) <= YLIM) {
          state.p0 = [p[0].value, p[1].value];
        } else {
          state.p0 = config.starts[0].slice();
          startError.textContent = fill(text.start_allowed, { typed: wanted.start,
            xmax: fmtExact(XLIM), ymax: fmtExact(YLIM), p0: "(" + state.p0.map(fmtExact)
              .join(", ") + ")" });
          startError.hidden = false;
        }
      }
      ready = true;
      fromLink = true;
      update();
      fromLink = false;
      return true;
    }

    ready = true;
    if (restore()) root.scrollIntoView();
    else update();
    window.addEventListener("hashchange", restore);
    root.setAttribute("data-ready", "");
  }

  // How the widgets write counts and numbers, for the tests that compare them with gdcore's.
  window.gdExplorerText = { plural: plural, fmt: fmt, fmtExact: fmtExact };

  function start() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-explorer]"), setup1d);
    Array.prototype.forEach.call(document.querySelectorAll("[data-gd-explorer-2d]"), setup2d);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
