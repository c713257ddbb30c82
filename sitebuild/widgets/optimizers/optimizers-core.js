/* gdcore's adaptive optimizers, in the browser, number for number.
 *
 * The optimizers explorer (feature-scaling page) compares plain descent, momentum, RMSProp and
 * Adam on the elongated bowl x^2 + kappa y^2. Plain descent and momentum are
 * window.gdDescent.descend2d (descent-core.js, a copy of gdcore.gradient_descent); RMSProp,
 * Adagrad and Adam are copied here from gdcore/adaptive.py (its module documentation lists the operations in order): the same update, the
 * same IEEE operations in the same order, the same stopping rules checked in the same order at
 * every iterate (the loss not finite or above 1e12 * max(1, |f(x0)|) -> "diverged"; the
 * gradient not finite -> "diverged"; ||gradient|| <= tol -> "converged"; max_steps updates ->
 * "max_steps"). tests/test_optimizers_agreement.py runs them in Chromium on a grid and compares
 * every iterate with gdcore bit for bit.
 *
 * Plain JavaScript, no DOM: window.gdAdaptive.
 */
(function (global) {
  "use strict";

  var DIVERGENCE_FACTOR = 1e12;

  function bound(fun) {
    var a = Math.abs(fun);
    return DIVERGENCE_FACTOR * (a > 1.0 ? a : 1.0);
  }

  /* The loop every optimizer shares; update(x, g, k) changes x in place (k counts updates). */
  function descend(land, p0, update, maxSteps, tol) {
    var x = [p0[0], p0[1]], k = 0, g, gnorm, status;
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
      update(x, g, k);
      k += 1;
      path.push([x[0], x[1]]);
      fun = isFinite(x[0]) && isFinite(x[1]) ? land.f(x) : NaN;
    }
    if (status !== "diverged" && !(isFinite(x[0]) && isFinite(x[1]))) status = "diverged";
    return { path: path, losses: losses, status: status, nit: k };
  }

  /* RMSProp, as gdcore does it (c = 1 - alpha computed once):
     v = alpha v + c (g g); x = x - eta (g / (sqrt(v) + eps)). */
  function rmsprop(land, p0, lr, alpha, eps, maxSteps, tol) {
    var v = [0.0, 0.0], c = 1.0 - alpha;
    return descend(land, p0, function (x, g) {
      for (var i = 0; i < 2; i++) {
        v[i] = alpha * v[i] + c * (g[i] * g[i]);
        x[i] = x[i] - lr * (g[i] / (Math.sqrt(v[i]) + eps));
      }
    }, maxSteps, tol);
  }

  /* Adagrad: s = s + g g; x = x - eta (g / (sqrt(s) + eps)). */
  function adagrad(land, p0, lr, eps, maxSteps, tol) {
    var s = [0.0, 0.0];
    return descend(land, p0, function (x, g) {
      for (var i = 0; i < 2; i++) {
        s[i] = s[i] + g[i] * g[i];
        x[i] = x[i] - lr * (g[i] / (Math.sqrt(s[i]) + eps));
      }
    }, maxSteps, tol);
  }

  /* Adam (Kingma & Ba 2015, Algorithm 1), as gdcore does it: c1 = 1 - beta1 and
     c2 = 1 - beta2 computed once; beta^t as running products p1, p2 (no pow):
     m = beta1 m + c1 g; v = beta2 v + c2 (g g); p1 = p1 beta1; p2 = p2 beta2;
     mhat = m / (1 - p1); vhat = v / (1 - p2); x = x - eta (mhat / (sqrt(vhat) + eps)). */
  function adam(land, p0, lr, beta1, beta2, eps, maxSteps, tol) {
    var m = [0.0, 0.0], v = [0.0, 0.0], c1 = 1.0 - beta1, c2 = 1.0 - beta2;
    var p1 = 1.0, p2 = 1.0;
    return descend(land, p0, function (x, g) {
      p1 = p1 * beta1;
      p2 = p2 * beta2;
      for (var i = 0; i < 2; i++) {
        m[i] = beta1 * m[i] + c1 * g[i];
        v[i] = beta2 * v[i] + c2 * (g[i] * g[i]);
        x[i] = x[i] - lr * ((m[i] / (1.0 - p1)) / (Math.sqrt(v[i] / (1.0 - p2)) + eps));
      }
    }, maxSteps, tol);
  }

  global.gdAdaptive = { rmsprop: rmsprop, adagrad: adagrad, adam: adam };
})(window);
