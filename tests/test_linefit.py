"""gdcore.linefit: a straight line fitted by gradient descent on MSE or MAE."""

from __future__ import annotations

import numpy as np
import pytest

import gdcore as gd
from gdcore.linefit import fit_line

pytestmark = pytest.mark.filterwarnings("error")


def test_mse_line_matches_least_squares() -> None:
    area, price = gd.datasets.house_prices()
    fit = fit_line(area, price, loss="mse", lr=0.1)
    w, b = np.polyfit(area, price, 1)
    assert fit.result.status == "converged"
    assert fit.w == pytest.approx(w, rel=1e-6)
    assert fit.b == pytest.approx(b, rel=1e-6, abs=1e-8)


def test_mae_line_has_the_smaller_mae_and_mse_line_the_smaller_mse() -> None:
    area, price = gd.datasets.house_prices()
    mse = fit_line(area, price, loss="mse", lr=0.1)
    mae = fit_line(area, price, loss="mae", lr=lambda k: 2.0 / np.sqrt(k + 1))
    pred_mse, pred_mae = mse.w * area + mse.b, mae.w * area + mae.b
    assert gd.losses.mae(pred_mae, price) < gd.losses.mae(pred_mse, price)
    assert gd.losses.mse(pred_mse, price) < gd.losses.mse(pred_mae, price)
    assert mse.w > mae.w  # the outlier pulls the MSE line up


def test_standardization_is_undone() -> None:
    x = np.array([1000.0, 2000.0, 3000.0, 4000.0])
    fit = fit_line(x, 0.5 * x - 7.0, loss="mse", lr=0.1)
    assert fit.w == pytest.approx(0.5) and fit.b == pytest.approx(-7.0)


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match="loss must be 'mse' or 'mae'"):
        fit_line([1.0, 2.0], [1.0, 2.0], loss="l1", lr=0.1)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="same shape"):
        fit_line([1.0, 2.0], [1.0], loss="mse", lr=0.1)
    with pytest.raises(ValueError, match="at least two numbers"):
        fit_line([1.0], [1.0], loss="mse", lr=0.1)
    with pytest.raises(ValueError, match="all x values are equal"):
        fit_line([2.0, 2.0], [1.0, 3.0], loss="mse", lr=0.1)
