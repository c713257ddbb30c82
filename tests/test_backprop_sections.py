"""The chain-rule page's "backpropagation as it really runs" sections: a layer's gradient in
matrix form, vanishing gradients through tanh layers (and their figure), the fan-out graph in
the step-by-step widget, and the self-check questions on them."""

from __future__ import annotations

import math
import re

import numpy as np
import pytest
from matplotlib.text import Text

import gdcore as gd
from gdcore import plots
from gdcore.backprop_steps import backprop_steps
from gdcore.nn import layer_gradient, tanh_chain_gradient
from sitebuild.widgets.backprop import BOX_H, layout, step_texts, stepper_html
from sitebuild.widgets.quiz import questions

TOL = 1e-12  # relative: both sides are exact up to rounding
VIETNAMESE = re.compile("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")


# ------------------------------------------------------------------ one layer in matrix form


def _layer_by_value(
    W: np.ndarray, b: np.ndarray, x: np.ndarray, t: np.ndarray
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """∂L/∂W, ∂L/∂b, ∂L/∂x of L = ‖Wx + b − t‖² by backpropagation through gd.Value."""
    W_v = [[gd.Value(float(w)) for w in row] for row in W]
    b_v = [gd.Value(float(v)) for v in b]
    x_v = [gd.Value(float(v)) for v in x]
    loss = gd.Value(0.0)
    for row, b_i, t_i in zip(W_v, b_v, t, strict=True):
        z_i = b_i
        for w, x_j in zip(row, x_v, strict=True):
            z_i = z_i + w * x_j
        loss = loss + (z_i - float(t_i)) ** 2
    loss.backward()
    return (
        np.array([[w.grad for w in row] for row in W_v]),
        np.array([v.grad for v in b_v]),
        np.array([v.grad for v in x_v]),
    )


@pytest.mark.parametrize("seed", range(6))
def test_layer_gradient_is_what_backpropagation_through_value_gives(seed: int) -> None:
    rng = np.random.default_rng(seed)
    m, n = int(rng.integers(1, 5)), int(rng.integers(1, 5))
    W, b = rng.normal(size=(m, n)), rng.normal(size=m)
    x, t = rng.normal(size=n), rng.normal(size=m)
    g = layer_gradient(W, b, x, t)
    dW, db, dx = _layer_by_value(W, b, x, t)
    assert g.weights.shape == (m, n)
    np.testing.assert_allclose(g.weights, dW, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(g.bias, db, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(g.inputs, dx, rtol=TOL, atol=TOL)
    np.testing.assert_allclose(g.weights, np.outer(g.delta, x))  # δ xᵀ
    assert g.loss == pytest.approx(float(np.sum((W @ x + b - t) ** 2)))


def test_layer_gradient_refuses_shapes_that_do_not_fit() -> None:
    W = np.ones((3, 2))
    with pytest.raises(ValueError, match=r"x must have shape \(2,\) for W of shape \(3, 2\)"):
        layer_gradient(W, np.zeros(3), np.ones(3), np.zeros(3))
    with pytest.raises(ValueError, match=r"b must have shape \(3,\)"):
        layer_gradient(W, np.zeros(2), np.ones(2), np.zeros(3))
    with pytest.raises(ValueError, match="W must be a matrix"):
        layer_gradient([1.0, 2.0], [0.0], [1.0], [0.0])
    with pytest.raises(ValueError, match="t must contain only finite numbers"):
        layer_gradient(W, np.zeros(3), np.ones(2), [0.0, math.nan, 0.0])
    with pytest.raises(ValueError, match="x must be an array of real numbers"):
        layer_gradient(W, np.zeros(3), ["a", "b"], np.zeros(3))


# ----------------------------------------------------------------- vanishing gradients (tanh)


@pytest.mark.parametrize(("w", "x"), [(0.5, 1.0), (1.0, 1.0), (1.0, 0.1), (3.0, 1.0), (-2.0, 0.3)])
def test_tanh_chain_gradient_is_the_product_of_the_layers_factors(w: float, x: float) -> None:
    grads = tanh_chain_gradient(w, x, 12)
    h, product = x, 1.0
    for k in range(12):
        h = math.tanh(w * h)
        product *= w * (1.0 - h * h)
        assert grads[k] == pytest.approx(product, rel=1e-12, abs=1e-300)


def test_saturated_layers_make_the_gradient_vanish_and_small_inputs_keep_it() -> None:
    saturated = tanh_chain_gradient(3.0, 1.0, 20)
    assert saturated[-1] < 1e-29 and all(np.diff(saturated) < 0)
    kept = tanh_chain_gradient(1.0, 0.1, 20)
    assert kept[-1] > 0.8


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((1.0, 1.0, 0), "depth must be an int >= 1"),
        ((1.0, 1.0, 2.0), "depth must be an int >= 1"),
        ((math.inf, 1.0, 3), "weight must be a finite number"),
        ((1.0, math.nan, 3), "x must be a finite number"),
    ],
)
def test_tanh_chain_gradient_refuses_bad_input(args: tuple[object, ...], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        tanh_chain_gradient(*args)  # type: ignore[arg-type]


CASES = [(0.5, 1.0), (1.0, 1.0), (1.0, 0.1), (3.0, 1.0)]  # the page's


def _texts(fig: object) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]  # type: ignore[attr-defined]


@pytest.mark.parametrize("layout_name", ["desktop", "phone"])
def test_vanishing_gradients_figure_in_both_languages(layout_name: str) -> None:
    vi = plots.vanishing_gradients(CASES, lang="vi", layout=layout_name)  # type: ignore[arg-type]
    en = plots.vanishing_gradients(CASES, lang="en", layout=layout_name)  # type: ignore[arg-type]
    assert VIETNAMESE.search(vi.get_label()) and not VIETNAMESE.search(en.get_label())
    assert len(_texts(vi)) == len(_texts(en))
    assert not any(VIETNAMESE.search(t) for t in _texts(en))
    assert any(VIETNAMESE.search(t) for t in _texts(vi))
    assert "4.7×10⁻³¹" in en.get_label()  # w = 3 after 20 layers, as computed
    assert f"{tanh_chain_gradient(3.0, 1.0, 20)[-1]:.1e}" == "4.7e-31"
    svg = plots.to_svg(en)
    assert svg == plots.to_svg(en) and len(svg.encode()) < 60_000
    sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= plots.MIN_FONT_PT[layout_name]  # SVG user units are points
    lines = en.axes[0].get_lines()
    assert len(lines) == len(CASES)
    np.testing.assert_allclose(lines[3].get_ydata(), tanh_chain_gradient(3.0, 1.0, 20))


def test_vanishing_gradients_phone_layout_is_a_phone_column() -> None:
    wide = plots.vanishing_gradients(CASES, lang="vi")
    narrow = plots.relayout(wide, "phone")
    assert narrow.get_figwidth() < 4 < wide.get_figwidth()
    assert narrow.get_label() == wide.get_label()


def test_vanishing_gradients_refuses_bad_cases() -> None:
    with pytest.raises(ValueError, match="1 to 6 pairs"):
        plots.vanishing_gradients([])
    with pytest.raises(ValueError, match="pair"):
        plots.vanishing_gradients([(1.0, 2.0, 3.0)])  # type: ignore[list-item]
    with pytest.raises(ValueError, match="lang"):
        plots.vanishing_gradients(CASES, lang="fr")  # type: ignore[arg-type]


# ------------------------------------------------------------- the fan-out graph in the widget


def fan_out(x0: float = 3.0) -> gd.Value:
    x = gd.Value(x0, label="x")
    square = x * x
    square.label = "x·x"
    y = square + x
    y.label = "y"
    return y


def test_fan_out_gradient_is_the_sum_of_three_contributions() -> None:
    steps = backprop_steps(fan_out())
    last = steps.backward[-1]
    assert steps.nodes[last.node].label == "x"
    assert [c.product for c in last.contributions] == [3.0, 3.0, 1.0]
    assert last.grad == 7.0 == 2 * 3.0 + 1
    en = step_texts(steps, "en")[-1]["text"]
    assert en.endswith("= 1 · 3 + 1 · 3 + 1 · 1 = 7"), en
    vi = step_texts(steps, "vi")[-1]["text"]
    assert vi.startswith("Lan truyền ngược, bước 3/3") and vi.endswith("= 7"), vi


def _paths(block: str) -> dict[tuple[int, int], list[str]]:
    found: dict[tuple[int, int], list[str]] = {}
    for a, b, d in re.findall(r'data-from="(\d+)" data-to="(\d+)" d="([^"]+)"', block):
        found.setdefault((int(a), int(b)), []).append(d)
    return found


def test_fan_out_edges_are_drawn_apart() -> None:
    """x → x·x twice (two edges side by side, not one on top of the other); x → y skips the
    x·x column, so it is drawn under the boxes rather than through x·x."""
    y = fan_out()
    place = layout(backprop_steps(y))
    paths = _paths(stepper_html(y, lang="en"))
    twins = paths[0, 1]
    assert len(twins) == 2 and twins[0] != twins[1]
    (skip,) = paths[0, 2]
    numbers = [float(v) for v in re.findall(r"-?[\d.]+", skip)]
    ys = numbers[1::2]
    bottom = max(place.y) + BOX_H
    assert min(ys) >= bottom - 0.5 and max(ys) > bottom + 10, skip  # below the boxes
    assert place.height > bottom + 20


def test_single_chain_graph_keeps_its_height() -> None:
    """The neuron's graph has no edge that skips a column: no room is added under it."""
    w, x = gd.Value(1.0, label="w"), gd.Value(2.0, label="x")
    wx = w * x
    wx.label = "wx"
    loss = wx**2
    loss.label = "L"
    place = layout(backprop_steps(loss))
    assert place.height == max(place.y) + BOX_H + 6


# ------------------------------------------------------------------- the self-check questions


def test_new_questions_are_gdcore_numbers() -> None:
    q = {item.id: item for item in questions("chain-rule")}
    assert q["fan_out"].answer == gd.grad(lambda v: v * v + v)(2.0) == 5.0  # type: ignore[union-attr]
    assert set(q["fan_out"].mistakes.values()) == {3.0, 4.0, 6.0}  # type: ignore[union-attr]
    # z = Wx = (3·1 − 1·(−1), 0.5·3 + 2·(−1)) = (4, −0.5); δ = 2(z − t) = (6, −3); δ₂ x₁ = −9.
    assert q["layer_w"].answer == -9.0  # type: ignore[union-attr]
    mistakes = q["layer_w"].mistakes  # type: ignore[union-attr]
    assert mistakes == {"delta_only": -3.0, "other_x": 3.0, "transposed": -6.0, "no_two": -4.5}


def test_stepper_is_never_drawn_smaller_than_its_text_allows() -> None:
    """The graph's narrowest width follows its size (0.78 px a unit at a 20-px rem, so its
    13-unit text stays ≥ 10 px): the three-box fan-out graph fits a phone's column."""
    y = fan_out()
    width = layout(backprop_steps(y)).width
    found = re.search(r"--gd-backprop-min-width: ([\d.]+)rem", stepper_html(y, lang="vi"))
    assert found is not None
    rem = float(found.group(1))
    assert rem == pytest.approx(width / 25.6, abs=0.01)
    assert 13 * (rem * 20) / width >= 10 - 0.01 and rem * 20 < 358


def test_backward_twice_question_follows_what_gdcore_does() -> None:
    """The key is what gdcore's backward() really leaves in .grad after two calls."""
    choice = {item.id: item for item in questions("chain-rule")}["backward_twice"]
    w = gd.Value(1.0)
    loss = (w * 2.0 + 0.5 - 3.0) ** 2
    loss.backward()
    loss.backward()
    assert w.grad == -2.0
    assert choice.correct == "same"  # type: ignore[union-attr]
    assert choice.fields == {"once": "−2", "twice": "−2", "doubled": "−4"}  # type: ignore[union-attr]
