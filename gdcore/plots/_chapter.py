"""Shared pieces of the figures of the chapter on SGD, feature scaling and Adam.

The chapter's figures are 6.4 inches wide with text of at least 11 pt (the lesson's other
figures use 9 pt in 7 inches), so that a phone that shrinks them to its width still shows
readable labels. Everything else is `gdcore.plots._base`'s style.

Examples:
    >>> _count(2400), _count(53040)
    ('2400', '53\u202f040')
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, Final

import matplotlib as mpl
import numpy as np

from gdcore.plots._base import _SUPERSCRIPTS, INK, FloatArray, _style
from gdcore.regression import LinearMSE

if TYPE_CHECKING:
    from matplotlib.typing import RcKeyType

WIDTH: Final = 6.4
"""The width of the chapter's figures, in inches."""

_RC: Final[dict[RcKeyType, Any]] = {
    "font.size": 11.0,
    "axes.titlesize": 12.0,
    "axes.labelsize": 11.0,
    "xtick.labelsize": 11.0,
    "ytick.labelsize": 11.0,
    "legend.fontsize": 11.0,
}


_PHONE_RC: Final[dict[RcKeyType, Any]] = {key: 9.0 for key in _RC} | {"axes.titlesize": 10.0}
"""A phone layout is drawn 1:1 in a phone's column: 9-pt text is 12 CSS px there."""


@contextmanager
def chapter_style(phone: bool = False) -> Iterator[None]:
    """The lesson's figure style with the chapter's larger text (a phone layout's own sizes)."""
    with _style(), mpl.rc_context(_PHONE_RC if phone else _RC):
        yield


def contours(
    ax: Any, problem: LinearMSE, xlim: Sequence[float], ylim: Sequence[float], *, start: Any
) -> None:
    """Level sets of a 2-parameter MSE at L* + (L(start) − L*)·4⁻ʲ, j = 0…6; minimum marked.

    The loss is quadratic, so it is drawn from its Hessian:
    L(θ) = L* + ½ (θ − θ*)ᵀ H (θ − θ*).
    """
    if problem.n_params != 2:
        raise ValueError(f"contours need a 2-parameter problem; got {problem.n_params}")
    gx, gy = np.meshgrid(
        np.linspace(float(xlim[0]), float(xlim[1]), 121),
        np.linspace(float(ylim[0]), float(ylim[1]), 121),
    )
    best = problem.solution()
    h = problem.hessian()
    dx, dy = gx - best[0], gy - best[1]
    low = problem.loss(best)
    gz = low + 0.5 * (h[0, 0] * dx * dx + 2 * h[0, 1] * dx * dy + h[1, 1] * dy * dy)
    top = problem.loss(start) - low
    levels = low + top * 4.0 ** -np.arange(6, -1, -1)
    ax.contour(gx, gy, gz, levels=levels, colors=INK, linewidths=0.6, alpha=0.35)
    ax.plot([best[0]], [best[1]], "+", color=INK, markersize=11, mew=1.6, zorder=3)


def thin(values: FloatArray, limit: int = 400) -> tuple[FloatArray, FloatArray]:
    """``(positions, values)`` with at most about ``limit`` points, first and last kept, so a
    long curve does not swell the SVG."""
    n = len(values)
    step = max(1, -(-n // limit))
    idx = np.unique(np.append(np.arange(0, n, step), n - 1))
    return idx.astype(np.float64), values[idx]


def _count(value: int) -> str:
    """A whole number with a narrow no-break space every three digits from 10 000 up."""
    return f"{value:,}".replace(",", "\u202f") if value >= 10_000 else str(value)


count = _count


def power_ticks(ax: object) -> None:
    """Log-scale y ticks written 10ⁿ (no mathtext)."""
    from matplotlib.ticker import FuncFormatter, LogLocator, NullFormatter

    ax.yaxis.set_major_locator(LogLocator(base=10.0, numticks=6))  # type: ignore[attr-defined]
    ax.yaxis.set_major_formatter(  # type: ignore[attr-defined]
        FuncFormatter(lambda v, _pos: "10" + str(round(math.log10(v))).translate(_SUPERSCRIPTS))
    )
    ax.yaxis.set_minor_formatter(NullFormatter())  # type: ignore[attr-defined]
