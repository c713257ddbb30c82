"""Value and grad: every operation against finite differences, the chain rule, deep graphs."""

from __future__ import annotations

import math
from collections.abc import Callable

import pytest
from hypothesis import given
from hypothesis import strategies as st

import gdcore as gd
from gdcore import Value

TOL = 1e-6  # relative tolerance of autodiff against central differences

xs = st.floats(-4.0, 4.0)
positive = st.floats(0.05, 5.0)
away_from_zero = st.floats(0.05, 4.0) | st.floats(-4.0, -0.05)

UnaryFn = Callable[[Value], Value]


def check(fn: Callable[[object], object], x: float) -> None:
    """Autodiff of ``fn`` at ``x`` equals the central difference of ``fn`` on floats."""
    autodiff = gd.grad(fn)(x)
    numeric = gd.derivative(lambda t: fn(Value(t)).data, x)
    assert autodiff == pytest.approx(numeric, rel=TOL, abs=TOL)


ONE_INPUT: dict[str, tuple[Callable[[object], object], st.SearchStrategy[float]]] = {
    "add": (lambda v: v + 2.5, xs),
    "radd": (lambda v: 2.5 + v, xs),
    "sub": (lambda v: v - 2.5, xs),
    "rsub": (lambda v: 2.5 - v, xs),
    "mul": (lambda v: v * -1.5, xs),
    "rmul": (lambda v: -1.5 * v, xs),
    "div": (lambda v: v / 3.0, xs),
    "rdiv": (lambda v: 3.0 / v, away_from_zero),
    "pow2": (lambda v: v**2, xs),
    "pow3": (lambda v: v**3, xs),
    "pow_half": (lambda v: v**0.5, positive),
    "pow_neg": (lambda v: v**-2, away_from_zero),
    "neg": (lambda v: -v, xs),
    "exp": (lambda v: v.exp(), xs),
    "log": (lambda v: v.log(), positive),
    "tanh": (lambda v: v.tanh(), xs),
    "relu": (lambda v: v.relu(), away_from_zero),
    "sigmoid": (lambda v: v.sigmoid(), xs),
    "self_mul": (lambda v: v * v, xs),
    "self_div": (lambda v: (v + 5.0) / (v * v + 1.0), xs),
    "composite": (lambda v: ((v * 2 - 1).tanh() * v.sigmoid() + (v**2 + 1).log()).exp(), xs),
}


@pytest.mark.parametrize("name", sorted(ONE_INPUT))
@given(data=st.data())
def test_every_op_matches_central_differences(name: str, data: st.DataObject) -> None:
    fn, strategy = ONE_INPUT[name]
    check(fn, data.draw(strategy))


TWO_INPUTS: dict[str, Callable[[Value, Value], Value]] = {
    "add": lambda a, b: a + b,
    "sub": lambda a, b: a - b,
    "mul": lambda a, b: a * b,
    "div": lambda a, b: a / b,
}


@pytest.mark.parametrize("name", sorted(TWO_INPUTS))
@given(a=xs, b=away_from_zero)
def test_two_input_ops_give_both_partial_derivatives(name: str, a: float, b: float) -> None:
    fn = TWO_INPUTS[name]
    va, vb = Value(a), Value(b)
    fn(va, vb).backward()
    da = gd.derivative(lambda t: fn(Value(t), Value(b)).data, a)
    db = gd.derivative(lambda t: fn(Value(a), Value(t)).data, b)
    assert va.grad == pytest.approx(da, rel=TOL, abs=TOL)
    assert vb.grad == pytest.approx(db, rel=TOL, abs=TOL)


@given(st.floats(-1e3, 1e3))
def test_chain_rule_example_is_8x_minus_16(x: float) -> None:
    def g_of_f(v: Value) -> Value:
        f = 2 * v - 1
        return (f - 3) ** 2

    assert gd.grad(g_of_f)(x) == pytest.approx(8 * x - 16, rel=TOL, abs=TOL)


def test_reused_node_sums_both_paths() -> None:
    a = Value(1.5, label="a")
    b = a + a
    c = b * b
    c.backward()
    assert a.grad == 8 * 1.5
    assert b.grad == 2 * b.data


def test_backward_twice_and_grad_twice_do_not_double() -> None:
    x = Value(3.0)
    y = x * x + x
    y.backward()
    first = x.grad
    y.backward()
    assert x.grad == first == 7.0
    df = gd.grad(lambda v: v * v + v)
    assert df(3.0) == df(3.0) == 7.0


def test_backward_sets_the_gradient_of_the_latest_output() -> None:
    x = Value(2.0)
    u, w = x * 3, x * x
    u.backward()
    assert x.grad == 3.0
    w.backward()  # starts from zero again: the gradient of w, not u + w
    assert x.grad == 4.0
    (u + w).backward()  # to add two losses, add them first
    assert x.grad == 7.0


def test_a_chain_one_million_deep_back_propagates() -> None:
    depth = 1_000_000
    x = Value(1.0, label="x")
    y = x
    for _ in range(depth):
        y = y * (1.0 + 1.0 / depth)
    y.backward()
    assert x.grad == pytest.approx(math.e, rel=TOL)
    assert y.data == pytest.approx(math.e, rel=TOL)


def test_topological_order_puts_inputs_first() -> None:
    x = Value(1.0, label="x")
    a = x * 2
    b = a + x
    c = b * a
    order = c.topological_order()
    assert order[-1] is c and len(order) == 4
    position = {id(node): i for i, node in enumerate(order)}
    for node in order:
        for child in node._prev:
            assert position[id(child)] < position[id(node)]


def test_graph_is_drawable() -> None:
    x = Value(3.0, label="x")
    f = 2 * x - 1
    f.label = "f"
    g = (f - 3) ** 2
    assert g._op == "** 2" and g._prev[0]._op == "- 3" and g._prev[0]._prev == (f,)
    assert f._op == "- 1" and f._prev[0]._op == "* 2" and f._prev[0]._prev == (x,)
    assert (x * f)._prev == (x, f) and (x * f)._op == "*"
    assert x._prev == () and x._op == ""
    assert repr(x) == "Value(data=3.0, grad=0.0, label='x')"
    assert (x.exp()._op, x.log()._op, x.relu()._op, (-x)._op) == ("exp", "log", "relu", "neg")


def test_values_and_special_points() -> None:
    assert (Value(7.0) / Value(2.0)).data == 3.5
    assert (1 / Value(4.0)).data == 0.25
    assert Value(-1000.0).sigmoid().data == pytest.approx(0.0)
    assert Value(1000.0).sigmoid().data == 1.0
    x = Value(0.0)
    x.relu().backward()
    assert x.grad == 0.0  # the kink of relu uses slope 0
    x = Value(0.0)
    (x**0.5).backward()
    assert x.grad == math.inf
    assert Value(2).data == 2.0 and isinstance(Value(2).data, float)


def test_grad_of_a_constant_function_is_zero() -> None:
    assert gd.grad(lambda v: 3.0)(1.0) == 0.0


# --------------------------------------------------------------------- bad input


def test_bad_inputs() -> None:
    with pytest.raises(TypeError, match="real number"):
        Value("1.0")
    with pytest.raises(TypeError, match="real number"):
        Value(True)
    with pytest.raises(TypeError, match="real number"):
        Value(1j)
    with pytest.raises(TypeError):
        Value(1.0) + "a"
    with pytest.raises(TypeError, match="number p"):
        Value(2.0) ** Value(2.0)
    with pytest.raises(ValueError, match="log"):
        Value(0.0).log()
    with pytest.raises(ValueError, match="not a real number"):
        Value(-8.0) ** (1 / 3)
    with pytest.raises(ZeroDivisionError):
        Value(1.0) / Value(0.0)
    with pytest.raises(TypeError, match="callable"):
        gd.grad(3.0)
    with pytest.raises(TypeError, match="must return a Value"):
        gd.grad(lambda v: "x")(1.0)


def test_topological_order_leaves_gradients_alone() -> None:
    x = Value(3.0, label="x")
    y = x * x + x
    y.backward()
    before = [node.grad for node in (x, y)]
    order = y.topological_order()
    assert order[0] is x and order[-1] is y
    assert [node.grad for node in (x, y)] == before == [7.0, 1.0]
