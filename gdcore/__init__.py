"""gdcore: derivatives, gradient descent, learning rates, losses, the chain rule and backprop.

The library behind a bilingual executable lesson: every number and figure of the lesson is
computed by these functions. One module per idea:

- `gdcore.calculus`: numerical derivatives, `derivative()` and `gradient()`.
- `gdcore.descent`: `gradient_descent()` and its `DescentResult`.
- `gdcore.curvature`: curvature and the step size: the limit η < 2/L, the best fixed η,
  the Newton step.
- `gdcore.autodiff`: `Value` and `grad()` (reverse-mode autodiff).
- `gdcore.losses`: MSE and MAE and their gradients.
- `gdcore.landscapes`: the lesson's functions (parabola, V shape, step, bowl, double well, saddle).
- `gdcore.stochastic`: mini-batch stochastic gradient descent, `sgd()`.
- `gdcore.momentum`: the heavy ball on a quadratic: `heavy_ball_rate()`, `critical_momentum()`,
  `polyak_pair()` and the (η, β) map `momentum_phase_diagram()`.
- `gdcore.adaptive`: per-coordinate step sizes, `adagrad()`, `rmsprop()` and `adam()`.
- `gdcore.datasets`: small deterministic data sets, and the real diabetes data
  (`load_diabetes()`, shipped inside the package).
- `gdcore.regression`: linear regression by MSE (`LinearMSE`: loss, mini-batch gradient,
  Hessian and condition number) and `standardize()`.
- `gdcore.linefit`: a straight line fitted by gradient descent on MSE or MAE.
- `gdcore.nn`: a tiny neural network on `Value` (micrograd-like).
- `gdcore.plots`: the lesson's figures (matplotlib). It is imported on first use of
  ``gdcore.plots``, so ``import gdcore`` stays light and works without a display.
- `gdcore.i18n`: the words gdcore writes for people, in English and Vietnamese.
- `gdcore.present`: the lesson's results as Markdown tables (the page's and its notebook's).

Languages: gdcore speaks English unless asked otherwise. Every sentence it writes for people
can also be had in Vietnamese by passing ``lang="vi"``: ``result.explain("vi")`` says why
gradient descent stopped (``result.message`` is the same sentence in English),
``result.status_text("vi")`` names the status, and every figure builder takes ``lang=``
(labels and alt text). The texts live in gettext catalogs,
``gdcore/locale/<lang>/LC_MESSAGES/gdcore.po``; an unknown language code raises ``ValueError``.
Errors raised for bad input (``TypeError``/``ValueError``) stay in English, for the programmer.

Examples:
    >>> import gdcore as gd
    >>> r = gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=0.1)
    >>> r.status, r.path[:3].round(6).tolist()
    ('converged', [70.0, 56.0, 44.8])
    >>> r.message
    'Converged after 105 steps: the gradient norm 9.34e-09 <= tol = 1e-08.'
    >>> r.explain("vi")
    'Hội tụ sau 105 bước: độ lớn gradient ‖∇f‖ = 9.34e-09 ≤ tol = 1e-08.'
    >>> r.status_text("vi")
    'đã hội tụ'
"""

import importlib
from typing import TYPE_CHECKING, Any

from gdcore import (
    adaptive,
    autodiff,
    calculus,
    curvature,
    datasets,
    descent,
    i18n,
    landscapes,
    linefit,
    losses,
    momentum,
    nn,
    present,
    regression,
    stochastic,
)
from gdcore.adaptive import adagrad, adam, rmsprop
from gdcore.autodiff import Value, grad
from gdcore.calculus import derivative, gradient
from gdcore.descent import DescentResult, LearningRate, gradient_descent
from gdcore.momentum import (
    critical_momentum,
    heavy_ball_rate,
    momentum_phase_diagram,
    polyak_pair,
)
from gdcore.stochastic import SGDResult, sgd

__all__ = [
    "DescentResult",
    "LearningRate",
    "SGDResult",
    "Value",
    "adagrad",
    "adam",
    "adaptive",
    "autodiff",
    "calculus",
    "critical_momentum",
    "curvature",
    "datasets",
    "derivative",
    "descent",
    "grad",
    "gradient",
    "gradient_descent",
    "heavy_ball_rate",
    "i18n",
    "landscapes",
    "linefit",
    "losses",
    "momentum",
    "momentum_phase_diagram",
    "nn",
    "plots",
    "polyak_pair",
    "present",
    "regression",
    "rmsprop",
    "sgd",
    "stochastic",
]

if TYPE_CHECKING:
    from gdcore import plots


def __getattr__(name: str) -> Any:
    """Import `gdcore.plots` (and matplotlib) on first use of ``gdcore.plots``."""
    if name == "plots":
        return importlib.import_module("gdcore.plots")
    raise AttributeError(f"module 'gdcore' has no attribute {name!r}")


__version__ = "0.1.0"
