"""Small, fixed data sets for the lesson's examples, never downloaded.

Two synthetic ones for the small examples (`house_prices()`, `four_samples()`) and one real
one shipped inside the package (`load_diabetes()`: 442 patients, 10 features, the data of
Efron et al. 2004 as scikit-learn redistributes them under the BSD 3-Clause License;
``gdcore/data/README.md`` and ``gdcore/data/LICENSE`` say where it comes from).

Examples:
    >>> area, price = house_prices()
    >>> len(area), float(area[0]), float(price[0])
    (12, 30.0, 1.87)
    >>> load_diabetes().X.shape
    (442, 10)
"""

from __future__ import annotations

import functools
import gzip
from pathlib import Path
from typing import Final, NamedTuple

import numpy as np
from numpy.typing import NDArray

__all__ = [
    "DIABETES_FEATURES",
    "HOUSE_PRICE_OUTLIER",
    "Diabetes",
    "four_samples",
    "house_prices",
    "load_diabetes",
]

DATA_DIR: Final[Path] = Path(__file__).resolve().parent / "data"
DIABETES_FILE: Final[Path] = DATA_DIR / "diabetes.csv.gz"

DIABETES_FEATURES: Final[tuple[str, ...]] = (
    "age", "sex", "bmi", "bp", "s1", "s2", "s3", "s4", "s5", "s6"
)  # fmt: skip
"""The diabetes data's feature names, in column order (scikit-learn's names)."""

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


class Diabetes(NamedTuple):
    """The diabetes data: what `load_diabetes()` returns.

    Attributes:
        feature_names: The 10 column names of ``X`` (`DIABETES_FEATURES`).
        X: The raw (unscaled) features, float64, shape ``(442, 10)``, one row per patient.
        y: The target, disease progression one year after baseline, float64, shape ``(442,)``.
    """

    feature_names: tuple[str, ...]
    X: NDArray[np.float64]
    y: NDArray[np.float64]

    def columns(self, *names: str) -> NDArray[np.float64]:
        """The columns of ``X`` with these names, in this order, shape ``(442, len(names))``.

        Raises:
            ValueError: a name is not one of `DIABETES_FEATURES` (or no name is given).

        Examples:
            >>> load_diabetes().columns("bmi", "bp")[0].tolist()
            [32.1, 101.0]
        """
        if not names:
            raise ValueError(f"name at least one column of {', '.join(self.feature_names)}")
        unknown = [name for name in names if name not in self.feature_names]
        if unknown:
            raise ValueError(
                f"unknown column {unknown[0]!r}; the columns are {', '.join(self.feature_names)}"
            )
        return self.X[:, [self.feature_names.index(name) for name in names]]


@functools.cache
def _read_diabetes() -> tuple[tuple[str, ...], NDArray[np.float64]]:
    with gzip.open(DIABETES_FILE, "rt", encoding="ascii") as handle:
        header = tuple(handle.readline().strip().split(","))
        table = np.loadtxt(handle, delimiter=",", dtype=np.float64, ndmin=2)
    table.flags.writeable = False
    return header, table


def load_diabetes() -> Diabetes:
    """The diabetes data of Efron et al. (2004): 442 patients, 10 raw features, one target.

    Ten baseline variables (age, sex, body mass index ``bmi``, average blood pressure ``bp``
    and six blood serum measurements ``s1``…``s6``) of 442 diabetes patients, and the
    response: a quantitative measure of disease progression one year after baseline
    (between 25 and 346). The features are the **raw** values (``bmi`` around 26, ``s1``
    around 189), not scikit-learn's default scaled ones, so their very different scales are
    there to be seen and standardized.

    Source: Bradley Efron, Trevor Hastie, Iain Johnstone and Robert Tibshirani (2004),
    "Least Angle Regression", *Annals of Statistics* 32(2), 407–499. The file
    ``gdcore/data/diabetes.csv.gz`` holds the numbers of scikit-learn's
    ``diabetes_data_raw.csv.gz`` and ``diabetes_target.csv.gz`` (scikit-learn 1.9.1),
    redistributed under scikit-learn's BSD 3-Clause License (``gdcore/data/LICENSE``). It
    ships inside gdcore: nothing is downloaded.

    Returns:
        A `Diabetes` ``(feature_names, X, y)``: new arrays on every call (safe to modify).

    Examples:
        >>> data = load_diabetes()
        >>> data.feature_names[:4], data.X.shape, data.y.shape
        (('age', 'sex', 'bmi', 'bp'), (442, 10), (442,))
        >>> data.X[0].tolist(), float(data.y[0])
        ([59.0, 2.0, 32.1, 101.0, 157.0, 93.2, 38.0, 4.0, 4.8598, 87.0], 151.0)
        >>> float(data.y.min()), float(data.y.max())
        (25.0, 346.0)
    """
    header, table = _read_diabetes()
    if header[:-1] != DIABETES_FEATURES or header[-1] != "y" or table.shape != (442, 11):
        raise RuntimeError(f"{DIABETES_FILE.name} is damaged: header {header}, {table.shape}")
    return Diabetes(DIABETES_FEATURES, table[:, :10].copy(), table[:, 10].copy())
