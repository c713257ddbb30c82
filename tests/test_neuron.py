"""The chain-rule page's single neuron: the hand-derived gradients are what Value computes."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore as gd

pytestmark = pytest.mark.filterwarnings("error")

numbers = st.floats(-10.0, 10.0)


def by_hand(x: float, y: float, w: float, b: float) -> tuple[float, float, float]:
    """L = (wx + b − y)² and its derivatives by the chain rule, as the page writes them."""
    y_hat = w * x + b
    dl_dyhat = 2 * (y_hat - y)
    return (y_hat - y) ** 2, dl_dyhat * x, dl_dyhat


def by_value(x: float, y: float, w: float, b: float) -> tuple[float, float, float]:
    w_v, b_v = gd.Value(w), gd.Value(b)
    loss = (w_v * x + b_v - y) ** 2
    loss.backward()
    return loss.data, w_v.grad, b_v.grad


@given(numbers, numbers, numbers, numbers)
def test_value_agrees_with_the_chain_rule_by_hand(x: float, y: float, w: float, b: float) -> None:
    assert by_value(x, y, w, b) == pytest.approx(by_hand(x, y, w, b), rel=1e-12, abs=1e-12)


def test_the_page_example() -> None:
    loss, dl_dw, dl_db = by_value(2.0, 3.0, 1.0, 0.5)
    assert (loss, dl_dw, dl_db) == (0.25, -2.0, -1.0)
    w, b = 1.0 - 0.05 * dl_dw, 0.5 - 0.05 * dl_db
    assert (w, b) == pytest.approx((1.1, 0.55))
    assert by_value(2.0, 3.0, w, b)[0] == pytest.approx(0.0625)


@given(numbers, numbers, numbers, numbers)
def test_a_small_step_against_the_gradient_never_raises_the_loss(
    x: float, y: float, w: float, b: float
) -> None:
    loss, dl_dw, dl_db = by_hand(x, y, w, b)
    lr = 0.01 / (1.0 + x * x)  # below 1 / (x² + 1), the step cannot overshoot
    after = by_hand(x, y, w - lr * dl_dw, b - lr * dl_db)[0]
    assert after <= loss
