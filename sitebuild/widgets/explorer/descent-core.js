/* gdcore's gradient descent, in the browser, number for number.
 *
 * The explorers compute every run here, while the reader types or drags; so that the page shows
 * exactly what gdcore computes, these loops copy gdcore/descent.py line by line: the same update
 * (x <- x - eta g, or the heavy ball v <- beta v + g, x <- x - eta v), the same operations in
 * the same order on IEEE doubles, and the same stopping rules checked in the same order at every
 * iterate: the loss not finite or above DIVERGENCE_FACTOR * max(1, |f(x0)|) -> "diverged"; the
 * gradient not finite -> "diverged"; |gradient| <= tol -> "converged"; max_steps updates made ->
 * "max_steps". A test runs these functions in Chromium on a grid of runs and compares them with
 * gdcore's (tests/test_explorer_agreement.py).
 *
 * One difference is known and tested: for a 2-vector numpy's dot product (gdcore's gradient norm)
 * may use a fused multiply-add, so ||g|| can differ from sqrt(g0 g0 + g1 g1) in the last bit;
 * it is only compared with tol, and the iterates never depend on it.
 *
 * Plain JavaScript, no DOM: window.gdDescent.
 */
(function (global) {
  "use strict";

  var DIVERGENCE_FACTOR = 1e12;

  // Python's max(1.0, a): 1.0 unless a > 1.0 (also for NaN).
  function bound(fun) {
    var a = Math.abs(fun);
    return DIVERGENCE_FACTOR * (a > 1.0 ? a : 1.0);
  }

  /* gdcore.landscapes: parabola x^2 (f, grad) and the elongated bowl x^2 + kappa y^2 (kappa = 1
     is the round bowl). Same operations as the Python functions. */
  var parabola = {
    f: function (x) { return x * x; },
    grad: function (x) { return 2.0 * x; }
  };

  function elongatedBowl(kappa) {
    return {
      kappa: kappa,
      f: function (p) { return p[0] * p[0] + kappa * p[1] * p[1]; },
      grad: function (p) { return [2.0 * p[0], 2.0 * kappa * p[1]]; }
    };
  }

  /* Descent on one number: gdcore's _descend_scalar. Returns {path, losses, status, nit}. */
  function descend1d(land, x0, eta, beta, maxSteps, tol) {
    var x = x0, k = 0, velocity = 0.0, g, status;
    var path = [x], losses = [];
    var fun = land.f(x);
    var limit = bound(fun);
    for (;;) {
      losses.push(fun);
      if (!isFinite(fun) || fun > limit) { status = "diverged"; break; }
      g = land.grad(x);
      if (!isFinite(g)) { status = "diverged"; break; }
      if (Math.abs(g) <= tol) { status = "converged"; break; }
      if (k === maxSteps) { status = "max_steps"; break; }
      if (beta === 0.0) {
        x = x - eta * g;
      } else {
        velocity = beta * velocity + g;
        x = x - eta * velocity;
      }
      k += 1;
      path.push(x);
      fun = isFinite(x) ? land.f(x) : NaN;
    }
    return { path: path, losses: losses, status: status, nit: k };
  }

  /* Descent on a point (x, y): gdcore's _descend_array (np.multiply/np.add/np.subtract
     element by element). Returns {path: [[x, y], ...], losses, status, nit}. */
  function descend2d(land, p0, eta, beta, maxSteps, tol) {
    var x = [p0[0], p0[1]], v = [0.0, 0.0], k = 0, g, gnorm, status, s0, s1;
    var path = [[x[0], x[1]]], losses = [];
    var fun = land.f(x);
    var limit = bound(fun);
    for (;;) {
      losses.push(fun);
      if (!isFinite(fun) || fun > limit) { status = "diverged"; break; }
      g = land.grad(x);
      gnorm = Math.sqrt(g[0] * g[0] + g[1] * g[1]);
      if (!isFinite(gnorm)) { status = "diverged"; break; }
      if (gnorm <= tol) { status = "converged"; break; }
      if (k === maxSteps) { status = "max_steps"; break; }
      if (beta === 0.0) {
        s0 = g[0] * eta;
        s1 = g[1] * eta;
      } else {
        v[0] = v[0] * beta + g[0];
        v[1] = v[1] * beta + g[1];
        s0 = v[0] * eta;
        s1 = v[1] * eta;
      }
      x[0] = x[0] - s0;
      x[1] = x[1] - s1;
      k += 1;
      path.push([x[0], x[1]]);
      fun = land.f(x);
    }
    if (status !== "diverged" && !(isFinite(x[0]) && isFinite(x[1]))) status = "diverged";
    return { path: path, losses: losses, status: status, nit: k };
  }

  // math.isclose(a, b, rel_tol=1e-9)
  function isClose(a, b) {
    return a === b || Math.abs(a - b) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b));
  }

  function norm(p) {
    return typeof p === "number" ? Math.abs(p) : Math.sqrt(p[0] * p[0] + p[1] * p[1]);
  }

  function dot(p, q) {
    return typeof p === "number" ? p * q : p[0] * q[0] + p[1] * q[1];
  }

  /* What a run that used up its steps did (as sitebuild/explorer.py names it): "oscillates" at
     a constant size, "grows" (too slowly to pass the divergence bound), "damped" (alternating,
     shrinking too slowly), or "slow" (creeping towards the bottom). */
  function stalledKind(path) {
    var start = norm(path[0]), end = norm(path[path.length - 1]);
    if (isClose(end, start)) return "oscillates";
    if (end > start) return "grows";
    return path.length > 1 && dot(path[0], path[1]) < 0 ? "damped" : "slow";
  }

  /* The first k with |x_k| < target (or ||p_k|| < target), or -1. */
  function stepsToReach(path, target) {
    for (var k = 0; k < path.length; k++) if (norm(path[k]) < target) return k;
    return -1;
  }

  global.gdDescent = {
    DIVERGENCE_FACTOR: DIVERGENCE_FACTOR,
    parabola: parabola,
    elongatedBowl: elongatedBowl,
    descend1d: descend1d,
    descend2d: descend2d,
    stalledKind: stalledKind,
    stepsToReach: stepsToReach
  };
})(window);
