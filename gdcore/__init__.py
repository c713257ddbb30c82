"""gdcore: derivatives, gradient descent, learning rates, losses, the chain rule and backprop.

The library behind a bilingual executable lesson: every number and figure of the lesson is
computed by these functions. One module per idea:

- :mod:`gdcore.calculus`: numerical derivatives, :func:`derivative` and :func:`gradient`.
- :mod:`gdcore.descent`: :func:`gradient_descent` and its :class:`DescentResult`.
- :mod:`gdcore.autodiff`: :class:`Value` and :func:`grad` (reverse-mode autodiff).
- :mod:`gdcore.losses`: MSE and MAE and their gradients.
- :mod:`gdcore.landscapes`: the lesson's functions (parabola, V shape, step, bowl).
- :mod:`gdcore.datasets`: small deterministic data sets.
- :mod:`gdcore.nn`: a tiny neural network on :class:`Value` (micrograd-like).
- :mod:`gdcore.plots`: the lesson's figures (matplotlib). It is imported on first use of
  ``gdcore.plots``, so ``import gdcore`` stays light and works without a display.

Example:
    >>> import gdcore as gd
    >>> r = gd.gradient_descent(gd.landscapes.parabola, 70.0, lr=0.1)
    >>> r.status, r.path[:3].round(6).tolist()
    ('converged', [70.0, 56.0, 44.8])
"""

import importlib
from typing import TYPE_CHECKING, Any

from gdcore import autodiff, calculus, datasets, descent, landscapes, losses, nn
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
    "losses",
    "nn",
    "plots",
]

if TYPE_CHECKING:
    from gdcore import plots


def __getattr__(name: str) -> Any:
    """Import :mod:`gdcore.plots` (and matplotlib) on first use of ``gdcore.plots``."""
    if name == "plots":
        return importlib.import_module("gdcore.plots")
    raise AttributeError(f"module 'gdcore' has no attribute {name!r}")


__version__ = "0.1.0"
