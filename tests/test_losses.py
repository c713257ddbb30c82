"""MSE and MAE, their gradients, shape errors, and the house-price data set they compare on."""

from __future__ import annotations

import itertools

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

import gdcore as gd
from gdcore import losses
from gdcore.datasets import HOUSE_PRICE_OUTLIER, house_prices

TOL = 1e-6  # absolute tolerance against central differences

pytestmark = pytest.mark.filterwarnings("error")

vectors = arrays(np.float64, st.integers(1, 8), elements=st.floats(-10.0, 10.0))


def test_values() -> None:
    assert losses.mse([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]) == pytest.approx(13 / 3)
    assert losses.mae([1.0, 2.0, 3.0], [1.0, 0.0, 0.0]) == pytest.approx(5 / 3)
    assert losses.mse(3.0, 1.0) == 4.0 and losses.mae(3.0, 1.0) == 2.0
    assert isinstance(losses.mse(np.ones((2, 2)), np.zeros((2, 2))), float)


def test_one_residual_is_the_lessons_picture() -> None:
    for r in (-2.0, 0.5, 3.0):
        assert losses.mse([r], [0.0]) == gd.landscapes.parabola(r)
        assert losses.mae([r], [0.0]) == gd.landscapes.v_shape(r)


@given(data=st.data())
def test_gradients_match_central_differences(data: st.DataObject) -> None:
    pred = data.draw(vectors)
    target = data.draw(arrays(np.float64, pred.shape, elements=st.floats(-10.0, 10.0)))
    numeric = gd.gradient(lambda p: losses.mse(p, target), pred)
    np.testing.assert_allclose(losses.mse_grad(pred, target), numeric, atol=TOL)
    residual = pred - target
    if np.all(np.abs(residual) > 1e-3):  # MAE is differentiable away from a zero residual
        numeric = gd.gradient(lambda p: losses.mae(p, target), pred)
        np.testing.assert_allclose(losses.mae_grad(pred, target), numeric, atol=TOL)


def test_mae_gradient_is_zero_at_a_zero_residual_and_never_shrinks_elsewhere() -> None:
    g = losses.mae_grad([1.0, 2.0, 3.0, 4.0], [1.0, 0.0, 3.5, 4.0 - 1e-9])
    assert g.tolist() == [0.0, 0.25, -0.25, 0.25]


def test_inputs_are_not_modified() -> None:
    pred, target = np.array([1.0, 2.0]), np.array([0.0, 0.0])
    losses.mse_grad(pred, target)
    losses.mae_grad(pred, target)
    assert pred.tolist() == [1.0, 2.0] and target.tolist() == [0.0, 0.0]


@pytest.mark.parametrize("fn", [losses.mse, losses.mae, losses.mse_grad, losses.mae_grad])
def test_shapes_that_differ(fn: object) -> None:
    with pytest.raises(ValueError, match=r"pred \(3,\) and target \(2,\)"):
        fn(np.zeros(3), np.zeros(2))
    with pytest.raises(ValueError, match=r"pred \(2, 1\) and target \(2,\)"):
        fn(np.zeros((2, 1)), np.zeros(2))
    with pytest.raises(ValueError, match="empty"):
        fn([], [])
    with pytest.raises(TypeError, match="pred"):
        fn(["a"], [1.0])
    with pytest.raises(ValueError, match="target"):
        fn([1.0, 2.0], [[1.0], [1.0, 2.0]])


# --------------------------------------------------------------------- house prices


def test_house_prices_is_fixed_and_has_one_outlier() -> None:
    area, price = house_prices()
    again_area, again_price = house_prices()
    assert area.shape == price.shape == (12,)
    np.testing.assert_array_equal(area, again_area)
    np.testing.assert_array_equal(price, again_price)
    area[0] = -1.0  # copies: changing one does not change the next
    assert house_prices()[0][0] == 30.0
    area, price = house_prices()
    assert np.all(np.diff(area) > 0)
    others = np.delete(np.arange(12), HOUSE_PRICE_OUTLIER)
    slope, intercept = np.polyfit(area[others], price[others], 1)  # the line of the eleven
    residual = np.abs(price - (slope * area + intercept))
    assert int(np.argmax(residual)) == HOUSE_PRICE_OUTLIER
    assert residual[HOUSE_PRICE_OUTLIER] > 20 * residual[others].max()


def test_mse_and_mae_fits_differ_visibly() -> None:
    area, price = house_prices()
    mse_slope, mse_intercept = np.polyfit(area, price, 1)  # least squares = minimum MSE
    # a minimum-MAE line passes through two of the points: try every pair
    best = min(
        (
            losses.mae(s * area + (price[i] - s * area[i]), price),
            s,
            price[i] - s * area[i],
        )
        for i, j in itertools.combinations(range(len(area)), 2)
        for s in [(price[j] - price[i]) / (area[j] - area[i])]
    )
    _, mae_slope, mae_intercept = best
    assert 1.3 < mse_slope / mae_slope < 1.5  # the outlier tilts the MSE line by ~40 %
    gap = np.abs((mse_slope - mae_slope) * area + (mse_intercept - mae_intercept))
    assert gap.max() > 0.5  # visible on the price scale of the figure
    # the MAE line ignores the outlier: it nearly fits the other eleven points
    others = np.delete(np.arange(12), HOUSE_PRICE_OUTLIER)
    assert losses.mae(mae_slope * area[others] + mae_intercept, price[others]) < 0.15
