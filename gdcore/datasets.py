"""Small, fixed data sets for the lesson's examples (synthetic, never downloaded).

Examples:
    >>> area, price = house_prices()
    >>> len(area), float(area[0]), float(price[0])
    (12, 30.0, 1.87)
"""

from __future__ import annotations

import numpy as np
from numpy.typing import NDArray

__all__ = ["HOUSE_PRICE_OUTLIER", "four_samples", "house_prices"]

_AREA_M2 = (30.0, 36.0, 42.0, 48.0, 55.0, 60.0, 66.0, 72.0, 80.0, 88.0, 95.0, 110.0)
_PRICE = (1.87, 1.94, 2.34, 2.46, 3.02, 3.05, 3.37, 3.74, 3.88, 10.5, 4.64, 5.43)

HOUSE_PRICE_OUTLIER = 9
"""The index of the outlier in `house_prices()` (88 m², priced 10.5)."""


def house_prices() -> tuple[NDArray[np.float64], NDArray[np.float64]]:
    """Twelve apartments: floor area (m²) and price (billions of VND), one clear outlier.

    The data are **synthetic**, made for the lesson: eleven prices lie close to the line
    ``price ≈ 0.045 · area + 0.4`` (small fixed deviations), and one apartment (index
    `HOUSE_PRICE_OUTLIER`, 88 m²) costs 10.5, more than twice what its area suggests.
    A line fitted by minimizing MSE is pulled toward that outlier (its slope rises by about
    40 %); a line fitted by minimizing MAE barely moves. The same arrays come back on every
    call (new copies, safe to modify).

    Returns:
        ``(area_m2, price)``: two float64 arrays of length 12, areas in increasing order.

    Examples:
        >>> area, price = house_prices()
        >>> area.shape, price.shape
        ((12,), (12,))
        >>> float(area[HOUSE_PRICE_OUTLIER]), float(price[HOUSE_PRICE_OUTLIER])
        (88.0, 10.5)
    """
    return np.array(_AREA_M2), np.array(_PRICE)


def four_samples() -> tuple[list[list[float]], list[float]]:
    """Four inputs of three numbers each, with targets +1 or -1: a tiny training set.

    The small example popularized by micrograd's demo: enough for a tiny network
    (`gdcore.nn.train()`) to show its loss falling as backpropagation adjusts the
    weights.

    Returns:
        ``(xs, ys)``: ``xs`` is a list of 4 lists of 3 floats; ``ys`` a list of 4 floats.

    Examples:
        >>> xs, ys = four_samples()
        >>> xs[0], ys
        ([2.0, 3.0, -1.0], [1.0, -1.0, -1.0, 1.0])
    """
    xs = [[2.0, 3.0, -1.0], [3.0, -1.0, 0.5], [0.5, 1.0, 1.0], [1.0, 1.0, -1.0]]
    ys = [1.0, -1.0, -1.0, 1.0]
    return xs, ys
