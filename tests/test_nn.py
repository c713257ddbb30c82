"""The tiny network: deterministic init, forward, gradients by backprop, training, bad input."""

from __future__ import annotations

import math

import pytest

from gdcore import Value
from gdcore.datasets import four_samples
from gdcore.nn import MLP, Layer, Module, Neuron, train

TOL = 1e-4  # relative tolerance of backprop gradients against central differences


def test_same_seed_same_network_other_seed_other_network() -> None:
    a, b, c = MLP(3, [4, 1], seed=7), MLP(3, [4, 1], seed=7), MLP(3, [4, 1], seed=8)
    assert [p.data for p in a.parameters()] == [p.data for p in b.parameters()]
    assert [p.data for p in a.parameters()] != [p.data for p in c.parameters()]
    assert all(-1.0 <= p.data <= 1.0 for p in a.parameters())


def test_sizes_and_parameters() -> None:
    model = MLP(10, [32, 32, 1])
    assert len(model.parameters()) == 11 * 32 + 33 * 32 + 33
    assert [layer.neurons[0].activation for layer in model.layers] == ["relu", "relu", "linear"]
    assert isinstance(model([0.0] * 10), Value)
    assert len(MLP(2, [3])([1.0, 2.0])) == 3
    assert Module().parameters() == []
    assert "Layer(10 -> 32" in repr(model) and repr(Neuron(2)) == "Neuron(2, activation='relu')"


def test_neuron_forward() -> None:
    for activation, phi in [
        ("linear", lambda z: z),
        ("relu", lambda z: max(0.0, z)),
        ("tanh", math.tanh),
        ("sigmoid", lambda z: 1 / (1 + math.exp(-z))),
    ]:
        n = Neuron(3, activation=activation)
        x = [0.5, -1.0, 2.0]
        z = sum(w.data * xi for w, xi in zip(n.w, x, strict=True)) + n.b.data
        assert n(x).data == pytest.approx(phi(z), rel=TOL)


def test_backprop_matches_finite_differences_on_every_parameter() -> None:
    model = MLP(3, [4, 4, 1], activation="tanh", seed=3)
    xs, ys = four_samples()

    def loss() -> Value:
        total = Value(0.0)
        for x, y in zip(xs, ys, strict=True):
            total = total + (model(x) - y) ** 2
        return total / len(xs)

    out = loss()
    out.backward()
    grads = [p.grad for p in model.parameters()]
    h = 1e-6
    for p, g in zip(model.parameters(), grads, strict=True):
        old = p.data
        p.data = old + h
        up = loss().data
        p.data = old - h
        down = loss().data
        p.data = old
        assert g == pytest.approx((up - down) / (2 * h), rel=TOL, abs=TOL * 1e-3)


def test_zero_grad() -> None:
    model = MLP(2, [2, 1])
    model([1.0, 2.0]).backward()
    assert any(p.grad != 0.0 for p in model.parameters())
    model.zero_grad()
    assert all(p.grad == 0.0 for p in model.parameters())


def test_train_returns_a_falling_loss_curve_and_is_deterministic() -> None:
    xs, ys = four_samples()
    losses = train(MLP(3, [4, 4, 1], activation="tanh"), xs, ys, lr=0.05, steps=60)
    again = train(MLP(3, [4, 4, 1], activation="tanh"), xs, ys, lr=0.05, steps=60)
    assert losses == again and len(losses) == 60
    assert losses[-1] < 0.01 * losses[0]
    assert train(MLP(3, [1]), xs, ys, steps=0) == []


def test_training_changes_the_model_in_place() -> None:
    xs, ys = four_samples()
    model = MLP(3, [4, 4, 1], activation="tanh")
    train(model, xs, ys, lr=0.1, steps=100)
    predictions = [model(x).data for x in xs]
    assert all(abs(p - y) < 0.1 for p, y in zip(predictions, ys, strict=True))


def test_bad_inputs() -> None:
    xs, ys = four_samples()
    with pytest.raises(ValueError, match="activation"):
        Neuron(2, activation="swish")
    with pytest.raises(ValueError, match="nin"):
        Neuron(0)
    with pytest.raises(ValueError, match="nout"):
        Layer(2, 0)
    with pytest.raises(ValueError, match="nouts"):
        MLP(2, [])
    with pytest.raises(ValueError, match="takes 3 inputs; got 2"):
        Neuron(3)([1.0, 2.0])
    with pytest.raises(ValueError, match="same length"):
        train(MLP(3, [1]), xs, ys[:3])
    with pytest.raises(ValueError, match="empty"):
        train(MLP(3, [1]), [], [])
    for lr in (0.0, -1.0, math.nan, math.inf):
        with pytest.raises(ValueError, match="lr"):
            train(MLP(3, [1]), xs, ys, lr=lr)
    for steps in (-1, 2.5):
        with pytest.raises(ValueError, match="steps"):
            train(MLP(3, [1]), xs, ys, steps=steps)
    with pytest.raises(ValueError, match="one output"):
        train(MLP(3, [2]), xs, ys, steps=1)
