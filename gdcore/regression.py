"""Linear regression by mean squared error: the loss, its mini-batch gradient, its Hessian.

A linear model predicts $\\hat y = A\\theta$ with the design matrix $A = [X, \\mathbf 1]$
(the features, then a column of ones for the intercept $b$), so
$\\theta = (w_1, \\dots, w_d, b)$. The loss is the mean squared error over the $n$ rows

$$L(\\theta) = \\frac{1}{n} \\sum_{i=1}^{n} (a_i^\\top \\theta - y_i)^2,$$

its gradient on a batch $I$ is $\\frac{2}{|I|} \\sum_{i \\in I} (a_i^\\top\\theta - y_i)\\, a_i$,
and its Hessian is constant, $H = \\frac{2}{n} A^\\top A$: the loss is a bowl whose shape is
set by the data alone. The **condition number** $\\kappa = \\lambda_{\\max}(H) /
\\lambda_{\\min}(H)$ says how elongated the bowl is; gradient descent needs about $\\kappa$
steps to shrink the error by a constant factor. Features on very different scales make
$\\kappa$ huge; **standardizing** them (`standardize()`: subtract the mean, divide by the
standard deviation) makes it small.

The arithmetic is plain numpy element-wise operations and sums over rows in row order (no
BLAS matrix product), so a run gives the same bits on every machine.

Examples:
    >>> from gdcore.datasets import load_diabetes
    >>> data = load_diabetes()
    >>> raw = LinearMSE(data.X, data.y)
    >>> z, _ = standardize(data.X)
    >>> scaled = LinearMSE(z, data.y)
    >>> f"{raw.condition_number():.2e}", round(scaled.condition_number())
    ('5.24e+07', 470)
"""

from __future__ import annotations

import math
from typing import NamedTuple

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore.datasets import load_diabetes

__all__ = ["LinearMSE", "Scaling", "diabetes_mse", "standardize"]

FloatArray = NDArray[np.float64]


class Scaling(NamedTuple):
    """The z-score of each column: ``z = (x - mean) / scale``.

    Attributes:
        mean: The column means.
        scale: The column standard deviations (population, ``ddof=0``).
    """

    mean: FloatArray
    scale: FloatArray

    def apply(self, X: ArrayLike) -> FloatArray:
        """Standardize ``X`` with these means and scales (new data, the same recipe).

        Raises:
            ValueError: ``X``'s columns do not match.
        """
        a = _as_matrix(X, "X")
        if a.shape[1] != self.mean.shape[0]:
            raise ValueError(
                f"X has {a.shape[1]} columns, but this scaling is for {self.mean.shape[0]}"
            )
        return (a - self.mean) / self.scale

    def unscale(self, theta: ArrayLike) -> FloatArray:
        """The parameters ``(w, b)`` for the raw features, from those for the standardized ones.

        $w_j^{\\text{raw}} = w_j / s_j$ and $b^{\\text{raw}} = b - \\sum_j w_j \\mu_j / s_j$:
        the same predictions.

        Examples:
            >>> z, s = standardize([[1.0], [3.0]])
            >>> s.unscale([2.0, 5.0]).tolist()    # y = 2z + 5 = 2(x - 2)/1 + 5 = 2x + 1
            [2.0, 1.0]
        """
        t = np.asarray(theta, dtype=np.float64)
        d = self.mean.shape[0]
        if t.shape != (d + 1,):
            raise ValueError(f"theta must have {d + 1} numbers (w₁…w_d, b); got shape {t.shape}")
        w = t[:d] / self.scale
        return np.append(w, t[d] - float(np.sum(w * self.mean)))


def standardize(X: ArrayLike) -> tuple[FloatArray, Scaling]:
    """Standardize every column of ``X`` to mean 0 and standard deviation 1 (z-scores).

    Args:
        X: A 2-D array of numbers, one row per example (a 1-D array is one column).

    Returns:
        ``(Z, scaling)``: the standardized copy and the `Scaling` (means and standard
        deviations) that made it, to apply to new data or to undo on parameters.

    Raises:
        TypeError: ``X`` is not numbers.
        ValueError: ``X`` is empty, not finite, has more than 2 dimensions, or a column is
            constant (its standard deviation is 0: there is nothing to scale).

    Examples:
        >>> z, s = standardize([[1.0, 10.0], [2.0, 30.0], [3.0, 20.0]])
        >>> z[:, 0].round(4).tolist(), s.mean.tolist()
        ([-1.2247, 0.0, 1.2247], [2.0, 20.0])
    """
    a = _as_matrix(X, "X")
    mean = a.mean(axis=0)
    scale = a.std(axis=0)
    flat = [j for j in range(a.shape[1]) if not scale[j] > 0.0]
    if flat:
        raise ValueError(f"column {flat[0]} of X is constant: it cannot be standardized")
    return (a - mean) / scale, Scaling(mean, scale)


class LinearMSE:
    """The MSE of a linear model on data ``(X, y)``, as a loss and a batch gradient.

    ``loss`` and ``grad`` have the forms `gdcore.sgd()` takes (``loss(theta)`` on all the
    data, ``grad(theta, idx)`` the mean gradient on the rows ``idx``), and ``full_grad`` the
    form `gdcore.gradient_descent()` takes.

    Args:
        X: The features, 2-D ``(n, d)`` (a 1-D array is one feature).
        y: The targets, ``(n,)``.
        intercept: Add the column of ones (the parameter $b$, last in $\\theta$).

    Raises:
        TypeError: ``X`` or ``y`` is not numbers.
        ValueError: empty, not finite, or the shapes do not match.

    Examples:
        >>> m = LinearMSE([[0.0], [1.0], [2.0]], [1.0, 3.0, 5.0])    # y = 2x + 1
        >>> m.n_examples, m.n_params, m.loss([2.0, 1.0]), m.loss([0.0, 0.0])
        (3, 2, 0.0, 11.666666666666666)
        >>> m.grad([0.0, 0.0], [0, 1]).tolist()      # rows 0 and 1 only
        [-3.0, -4.0]
        >>> m.solution().round(9).tolist()
        [2.0, 1.0]
    """

    def __init__(self, X: ArrayLike, y: ArrayLike, *, intercept: bool = True) -> None:
        features = _as_matrix(X, "X")
        target = np.array(y, dtype=np.float64)
        if target.shape != (features.shape[0],):
            raise ValueError(
                f"y must have one number per row of X: X has {features.shape[0]} rows, "
                f"y has shape {target.shape}"
            )
        if not np.isfinite(target).all():
            raise ValueError("y must be finite; it contains NaN or inf")
        if not isinstance(intercept, bool):
            raise TypeError(f"intercept must be True or False; got {intercept!r}")
        design = np.hstack([features, np.ones((features.shape[0], 1))]) if intercept else features
        self.A: FloatArray = np.ascontiguousarray(design)
        self.y: FloatArray = target
        self.intercept = intercept
        self.A.flags.writeable = False
        self.y.flags.writeable = False

    @property
    def n_examples(self) -> int:
        """The number of rows $n$."""
        return int(self.A.shape[0])

    @property
    def n_params(self) -> int:
        """The length of $\\theta$ (features, plus 1 for the intercept)."""
        return int(self.A.shape[1])

    def _theta(self, theta: ArrayLike) -> FloatArray:
        t = np.asarray(theta, dtype=np.float64)
        if t.shape != (self.n_params,):
            raise ValueError(f"theta must have shape ({self.n_params},); got {t.shape}")
        return t

    def residuals(self, theta: ArrayLike, idx: ArrayLike | None = None) -> FloatArray:
        """$a_i^\\top\\theta - y_i$ for the rows ``idx`` (all rows if ``None``).

        Computed column by column, ``r = A[:, 0]·θ₀ + A[:, 1]·θ₁ + … − y``, in that order.
        """
        t = self._theta(theta)
        rows = self.A if idx is None else self.A[_as_index(idx, self.n_examples)]
        target = self.y if idx is None else self.y[_as_index(idx, self.n_examples)]
        r: FloatArray = rows[:, 0] * t[0]
        for j in range(1, self.n_params):
            r = r + rows[:, j] * t[j]
        out: FloatArray = r - target
        return out

    def loss(self, theta: ArrayLike) -> float:
        """The mean squared error on all the data, $L(\\theta)$."""
        r = self.residuals(theta)
        return float(np.sum(r * r)) / self.n_examples

    def grad(self, theta: ArrayLike, idx: ArrayLike | None = None) -> FloatArray:
        """The mean gradient over the rows ``idx`` (all rows if ``None``):
        $\\frac{2}{|I|}\\sum_{i\\in I} r_i a_i$, the sum over rows in row order.

        Raises:
            ValueError: ``theta`` has the wrong shape; ``idx`` is empty or out of range.
        """
        rows = self.A if idx is None else self.A[_as_index(idx, self.n_examples)]
        r = self.residuals(theta, idx)
        total: FloatArray = np.add.reduce(rows * r[:, None], axis=0)
        out: FloatArray = total * (2.0 / rows.shape[0])
        return out

    def full_grad(self, theta: ArrayLike) -> FloatArray:
        """The gradient on all the data (``grad(theta)``), the form `gradient_descent()` takes."""
        return self.grad(theta)

    def hessian(self) -> FloatArray:
        """$H = \\frac{2}{n} A^\\top A$, the same everywhere (the loss is quadratic)."""
        h = np.asarray((self.A.T @ self.A) * (2.0 / self.n_examples), dtype=np.float64)
        return h

    def eigenvalues(self) -> FloatArray:
        """The Hessian's eigenvalues, smallest first: the bowl's curvatures along its axes."""
        lam = np.asarray(np.linalg.eigvalsh(self.hessian()), dtype=np.float64)
        return lam

    def condition_number(self) -> float:
        """$\\kappa = \\lambda_{\\max} / \\lambda_{\\min}$ of the Hessian (``inf`` if singular)."""
        lam = self.eigenvalues()
        return float(lam[-1] / lam[0]) if lam[0] > 0.0 else math.inf

    def max_stable_lr(self) -> float:
        """$2 / \\lambda_{\\max}$: full-batch gradient descent diverges above this step size."""
        return 2.0 / float(self.eigenvalues()[-1])

    def solution(self) -> FloatArray:
        """The minimizer $\\theta^*$ (least squares, `numpy.linalg.lstsq`)."""
        theta, *_ = np.linalg.lstsq(self.A, self.y, rcond=None)
        return np.asarray(theta, dtype=np.float64)


def diabetes_mse(
    *features: str,
    standardized: bool = True,
    intercept: bool = True,
    center_target: bool = False,
) -> LinearMSE:
    """The linear-regression MSE on the diabetes data (`gdcore.datasets.load_diabetes()`).

    Args:
        *features: Column names (``"bmi"``, ``"bp"``, ``"s5"``, …); none means all ten.
        standardized: Standardize the chosen features (z-scores) first.
        intercept: Add the intercept $b$ (last in $\\theta$).
        center_target: Subtract the mean of ``y`` (442 patients' mean progression, 152.13):
            with standardized features the intercept is then 0 at the optimum and can be left
            out, which leaves a 2-D bowl for two features.

    Returns:
        A `LinearMSE`.

    Raises:
        ValueError: an unknown feature name.

    Examples:
        >>> round(diabetes_mse().condition_number())
        470
        >>> f"{diabetes_mse(standardized=False).condition_number():.3g}"
        '5.24e+07'
        >>> f"{diabetes_mse('bmi', standardized=False).condition_number():.4g}"
        '2.633e+04'
        >>> two = diabetes_mse("bmi", "s5", intercept=False, center_target=True)
        >>> two.n_params, round(two.condition_number(), 3), two.solution().round(2).tolist()
        (2, 2.611, [32.11, 29.25])
    """
    data = load_diabetes()
    x = data.columns(*features) if features else data.X
    if standardized:
        x, _ = standardize(x)
    y = data.y - data.y.mean() if center_target else data.y
    return LinearMSE(x, y, intercept=intercept)


def _as_matrix(X: ArrayLike, name: str) -> FloatArray:
    try:
        a = np.array(X, dtype=np.float64)
    except (TypeError, ValueError) as error:
        raise TypeError(f"{name} must be an array of numbers: {error}") from None
    if a.ndim == 1:
        a = a[:, None]
    if a.ndim != 2:
        raise ValueError(f"{name} must be 2-D (rows of examples); got {a.ndim} dimensions")
    if a.size == 0:
        raise ValueError(f"{name} must not be empty")
    if not np.isfinite(a).all():
        raise ValueError(f"{name} must be finite; it contains NaN or inf")
    return a


def _as_index(idx: ArrayLike, n: int) -> NDArray[np.intp]:
    i = np.asarray(idx)
    if i.dtype.kind not in "iu" or i.ndim != 1:
        raise ValueError(f"idx must be a 1-D array of row indices; got {i.dtype}, shape {i.shape}")
    if i.size == 0:
        raise ValueError("idx must not be empty (a batch has at least one example)")
    if i.min() < 0 or i.max() >= n:
        raise ValueError(f"idx must hold row indices in [0, {n}); got {i.min()}..{i.max()}")
    return i.astype(np.intp, copy=False)
