"""gdcore: derivatives, gradient descent, learning rates, losses, the chain rule and backprop.

The library behind a bilingual executable lesson: every number and figure of the lesson is
computed by these functions. One module per idea:

- `gdcore.calculus`: numerical derivatives, `derivative()` and `gradient()`.
- `gdcore.descent`: `gradient_descent()` and its `DescentResult`.
- `gdcore.autodiff`: `Value` and `grad()` (reverse-mode autodiff).
- `gdcore.losses`: MSE and MAE and their gradients.
- `gdcore.landscapes`: the lesson's functions (parabola, V shape, step, bowl, double well, saddle).
- `gdcore.datasets`: small deterministic data sets.
- `gdcore.linefit`: a straight line fitted by gradient descent on MSE or MAE.
- `gdcore.nn`: a tiny neural network on `Value` (micrograd-like).
- `gdcore.plots`: the lesson's figures (matplotlib). It is imported on first use of
  ``gdcore.plots``, so ``import gdcore`` stays light and works without a display.

Examples:
    >>> import gdcore as gd
    >>> r = gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=0.1)
    >>> r.status, r.path[:3].round(6).tolist()
    ('converged', [70.0, 56.0, 44.8])
"""

import importlib
from typing import TYPE_CHECKING, Any

from gdcore import autodiff, calculus, datasets, descent, landscapes, linefit, losses, nn
from gdcore.autodiff import Value, grad
from gdcore.calculus import derivative, gradient
from gdcore.descent import DescentResult, LearningRate, gradient_descent

__all__ = [
    "DescentResult",
    "LearningRate",
    "Value",
    "autodiff",
    "calculus",
    "datasets",
    "derivative",
    "descent",
    "grad",
    "gradient",
    "gradient_descent",
    "landscapes",
    "linefit",
    "losses",
    "nn",
    "plots",
]

if TYPE_CHECKING:
    from gdcore import plots


def __getattr__(name: str) -> Any:
    """Import `gdcore.plots` (and matplotlib) on first use of ``gdcore.plots``."""
    if name == "plots":
        return importlib.import_module("gdcore.plots")
    raise AttributeError(f"module 'gdcore' has no attribute {name!r}")


__version__ = "0.1.0"
