"""A tiny neural network built from `Value` (micrograd-like API).

A neuron computes $\\phi(\\sum_i w_i x_i + b)$; a layer is a list of neurons that read
the same inputs; a multi-layer perceptron (MLP) feeds each layer's outputs into the next.
Every weight is a ``Value``, so one call of ``loss.backward()`` gives the gradient of the
loss with respect to every weight (the chain rule, applied by backpropagation), and
gradient descent updates them: ``w.data -= lr * w.grad``. That loop is `train()`.

Initialization is deterministic: weights are drawn uniformly from [-1, 1] by
``random.Random(seed)``, biases start at 0.

Examples:
    >>> from gdcore.datasets import four_samples
    >>> model = MLP(3, [4, 4, 1], activation="tanh", seed=0)
    >>> losses = train(model, *four_samples(), lr=0.05, steps=30)
    >>> len(losses), losses[-1] < losses[0]
    (30, True)
"""

from __future__ import annotations

import math
import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal, TypeAlias

import numpy as np
from numpy.typing import ArrayLike, NDArray

from gdcore.autodiff import Value

__all__ = [
    "MLP",
    "Activation",
    "Layer",
    "LayerGradient",
    "Module",
    "Neuron",
    "layer_gradient",
    "tanh_chain_gradient",
    "train",
]

Activation: TypeAlias = Literal["relu", "tanh", "sigmoid", "linear"]
"""The non-linearity φ applied by a neuron."""

_ACTIVATIONS = ("relu", "tanh", "sigmoid", "linear")


class Module:
    """Something with parameters: a neuron, a layer, a network.

    Examples:
        >>> Module().parameters()
        []
    """

    def parameters(self) -> list[Value]:
        """Every trainable ``Value`` of the module (weights and biases).

        Returns:
            A new list of the parameters.

        Examples:
            >>> len(Neuron(3).parameters())  # 3 weights and 1 bias
            4
        """
        return []

    def zero_grad(self) -> None:
        """Set the ``grad`` of every parameter to 0.

        ``Value.backward()`` already starts from zero on the graph it walks, so this is only
        needed to clear gradients between uses by hand.

        Examples:
            >>> n = Neuron(2)
            >>> n.zero_grad()
            >>> {p.grad for p in n.parameters()}
            {0.0}
        """
        for p in self.parameters():
            p.grad = 0.0


class Neuron(Module):
    """One neuron: ``activation(w · x + b)``.

    Args:
        nin: The number of inputs (an ``int`` >= 1).
        activation: ``"relu"`` (the default), ``"tanh"``, ``"sigmoid"`` or ``"linear"``.
        rng: The random generator for the weights; ``None`` uses ``random.Random(0)``.

    Raises:
        ValueError: ``nin`` is not an ``int`` >= 1 or ``activation`` is unknown.

    Examples:
        >>> n = Neuron(2, activation="linear")
        >>> n.w[0].data = 2.0; n.w[1].data = -1.0; n.b.data = 0.5
        >>> n([3.0, 1.0]).data  # 2*3 - 1*1 + 0.5
        5.5
    """

    def __init__(
        self, nin: int, *, activation: Activation = "relu", rng: random.Random | None = None
    ) -> None:
        """Draw ``nin`` weights uniformly in [-1, 1]; the bias starts at 0."""
        _check_size(nin, "nin")
        if activation not in _ACTIVATIONS:
            raise ValueError(
                f"activation must be one of {', '.join(map(repr, _ACTIVATIONS))}; "
                f"got {activation!r}"
            )
        rng = random.Random(0) if rng is None else rng
        self.w = [Value(rng.uniform(-1.0, 1.0)) for _ in range(nin)]
        self.b = Value(0.0)
        self.activation: Activation = activation

    def __call__(self, x: Sequence[Value | float]) -> Value:
        """The neuron's output for the inputs ``x`` (numbers or ``Value`` objects).

        Raises:
            ValueError: ``x`` does not have ``nin`` entries.
        """
        if len(x) != len(self.w):
            raise ValueError(f"this neuron takes {len(self.w)} inputs; got {len(x)}")
        act = self.b
        for wi, xi in zip(self.w, x, strict=True):
            act = act + wi * xi
        if self.activation == "relu":
            return act.relu()
        if self.activation == "tanh":
            return act.tanh()
        if self.activation == "sigmoid":
            return act.sigmoid()
        return act

    def parameters(self) -> list[Value]:
        """The weights, then the bias."""
        return [*self.w, self.b]

    def __repr__(self) -> str:
        """``Neuron(nin, activation)``."""
        return f"Neuron({len(self.w)}, activation={self.activation!r})"


class Layer(Module):
    """``nout`` neurons reading the same ``nin`` inputs.

    Args:
        nin: The number of inputs.
        nout: The number of neurons (outputs).
        activation: The activation of every neuron.
        rng: The random generator for the weights; ``None`` uses ``random.Random(0)``.

    Raises:
        ValueError: ``nin`` or ``nout`` is not an ``int`` >= 1, or ``activation`` is unknown.

    Examples:
        >>> layer = Layer(3, 2)
        >>> len(layer([1.0, 2.0, 3.0])), len(layer.parameters())
        (2, 8)
    """

    def __init__(
        self,
        nin: int,
        nout: int,
        *,
        activation: Activation = "relu",
        rng: random.Random | None = None,
    ) -> None:
        """Make ``nout`` neurons, drawing their weights in order from ``rng``."""
        _check_size(nout, "nout")
        rng = random.Random(0) if rng is None else rng
        self.neurons = [Neuron(nin, activation=activation, rng=rng) for _ in range(nout)]

    def __call__(self, x: Sequence[Value | float]) -> list[Value]:
        """The outputs of every neuron, in order."""
        return [n(x) for n in self.neurons]

    def parameters(self) -> list[Value]:
        """The parameters of every neuron, in order."""
        return [p for n in self.neurons for p in n.parameters()]

    def __repr__(self) -> str:
        """``Layer(nin -> nout, activation)``."""
        first = self.neurons[0]
        return f"Layer({len(first.w)} -> {len(self.neurons)}, activation={first.activation!r})"


class MLP(Module):
    """A multi-layer perceptron: layers of sizes ``nouts``; the last layer is linear.

    Like micrograd's ``MLP(nin, nouts)``; calling it returns one ``Value`` when the last
    layer has one neuron, else a list.

    Args:
        nin: The number of inputs.
        nouts: The number of neurons of each layer, e.g. ``[4, 4, 1]``.
        activation: The activation of the hidden layers (``"relu"`` by default, as in
            micrograd); the output layer is always ``"linear"``.
        seed: The seed of ``random.Random`` that draws every weight (same seed, same net).

    Raises:
        ValueError: a size is not an ``int`` >= 1, ``nouts`` is empty, or ``activation`` is
            unknown.

    Examples:
        >>> model = MLP(3, [4, 4, 1], seed=0)
        >>> len(model.parameters())  # (3+1)*4 + (4+1)*4 + (4+1)*1
        41
        >>> model([2.0, 3.0, -1.0]).data == MLP(3, [4, 4, 1], seed=0)([2.0, 3.0, -1.0]).data
        True
    """

    def __init__(
        self, nin: int, nouts: Sequence[int], *, activation: Activation = "relu", seed: int = 0
    ) -> None:
        """Make the layers, drawing all weights from ``random.Random(seed)``."""
        if len(nouts) == 0:
            raise ValueError("nouts must list at least one layer size, e.g. [4, 4, 1]")
        rng = random.Random(seed)
        sizes = [nin, *nouts]
        last = len(nouts) - 1
        self.layers = [
            Layer(sizes[i], sizes[i + 1], activation="linear" if i == last else activation, rng=rng)
            for i in range(len(nouts))
        ]

    def __call__(self, x: Sequence[Value | float]) -> Value | list[Value]:
        """The network's output: one ``Value`` if the last layer has one neuron, else a list."""
        out: Sequence[Value | float] = x
        for layer in self.layers:
            out = layer(out)
        result = list(out)
        return result[0] if len(result) == 1 else result  # type: ignore[return-value]

    def parameters(self) -> list[Value]:
        """The parameters of every layer, in order."""
        return [p for layer in self.layers for p in layer.parameters()]

    def __repr__(self) -> str:
        """``MLP([layer, ...])``."""
        return f"MLP([{', '.join(map(repr, self.layers))}])"


def train(
    model: MLP,
    xs: Sequence[Sequence[float]],
    ys: Sequence[float],
    *,
    lr: float = 0.05,
    steps: int = 50,
) -> list[float]:
    """Train a one-output ``model`` on ``(xs, ys)`` by gradient descent on the MSE.

    Each step runs the forward pass on every sample, computes the mean squared error
    $\\frac1n\\sum_i (\\text{model}(x_i) - y_i)^2$, backpropagates it
    (``loss.backward()``) and moves every parameter: ``p.data -= lr * p.grad``. The model is
    changed in place.

    Args:
        model: An `MLP` with one output.
        xs: The inputs, one sequence of ``nin`` numbers per sample.
        ys: The targets, one number per sample.
        lr: The learning rate, a finite number > 0.
        steps: How many updates to make (an ``int`` >= 0).

    Returns:
        The loss before each update: a list of ``steps`` floats (a loss curve).

    Raises:
        ValueError: ``xs`` and ``ys`` differ in length or are empty; ``lr`` is not a finite
            number > 0; ``steps`` is not an ``int`` >= 0; the model has several outputs.

    Examples:
        >>> from gdcore.datasets import four_samples
        >>> losses = train(MLP(3, [4, 4, 1], activation="tanh"), *four_samples(), steps=100)
        >>> round(losses[0], 3), losses[-1] < 0.001
        (0.887, True)
    """
    if len(xs) != len(ys):
        raise ValueError(f"xs and ys must have the same length; got {len(xs)} and {len(ys)}")
    if len(xs) == 0:
        raise ValueError("xs and ys must not be empty")
    if (
        isinstance(lr, bool)
        or not isinstance(lr, (int, float))
        or not (math.isfinite(lr) and lr > 0)
    ):
        raise ValueError(f"lr must be a finite number > 0; got {lr!r}")
    if isinstance(steps, bool) or not isinstance(steps, int) or steps < 0:
        raise ValueError(f"steps must be an int >= 0; got {steps!r}")
    params = model.parameters()
    targets = [float(y) for y in ys]
    n = len(targets)
    losses: list[float] = []
    for _ in range(steps):
        total = Value(0.0)
        for x, y in zip(xs, targets, strict=True):
            pred = model(x)
            if not isinstance(pred, Value):
                raise ValueError("train needs a model with one output (nouts ending in 1)")
            total = total + (pred - y) ** 2
        loss = total / n
        loss.backward()
        losses.append(loss.data)
        for p in params:
            p.data -= lr * p.grad
    return losses


@dataclass(frozen=True)
class LayerGradient:
    """One linear layer ``z = W x + b`` with loss ``L = ‖z − t‖²``, forward and backward.

    Attributes:
        output: ``z = W x + b``, shape ``(m,)``.
        loss: ``L = Σᵢ (zᵢ − tᵢ)²``.
        delta: ``δ = ∂L/∂z = 2(z − t)``, shape ``(m,)``: what flows back into the layer.
        weights: ``∂L/∂W = δ xᵀ``, shape ``(m, n)``: one outer product.
        bias: ``∂L/∂b = δ``, shape ``(m,)``.
        inputs: ``∂L/∂x = Wᵀ δ``, shape ``(n,)``: what the layer passes further back.
    """

    output: NDArray[np.float64]
    loss: float
    delta: NDArray[np.float64]
    weights: NDArray[np.float64]
    bias: NDArray[np.float64]
    inputs: NDArray[np.float64]


def layer_gradient(W: ArrayLike, b: ArrayLike, x: ArrayLike, t: ArrayLike) -> LayerGradient:
    """Backpropagate through one linear layer in matrix form: ``∂L/∂W = δ xᵀ``.

    The layer computes ``z = W x + b`` (``m`` outputs from ``n`` inputs) and the loss is the
    sum of squared errors against the targets ``t``. Backpropagation needs one vector,
    ``δ = ∂L/∂z``; every weight's gradient is then ``δᵢ xⱼ`` (the outer product ``δ xᵀ``),
    and the gradient passed back to the inputs is ``Wᵀ δ``.

    Args:
        W: The weights, shape ``(m, n)``.
        b: The biases, shape ``(m,)``.
        x: The input, shape ``(n,)``.
        t: The targets, shape ``(m,)``.

    Returns:
        A `LayerGradient` (new float64 arrays).

    Raises:
        ValueError: a shape does not fit ``W``'s (both shapes are in the message), or a
            number is not finite.

    Examples:
        >>> g = layer_gradient([[1.0, 2.0]], [0.0], [3.0, -1.0], [0.0])
        >>> g.output.tolist(), g.delta.tolist(), g.weights.tolist(), g.inputs.tolist()
        ([1.0], [2.0], [[6.0, -2.0]], [2.0, 4.0])
    """
    W_ = _finite_array(W, "W")
    b_, x_, t_ = (_finite_array(v, name) for v, name in ((b, "b"), (x, "x"), (t, "t")))
    if W_.ndim != 2:
        raise ValueError(f"W must be a matrix (m, n); got shape {W_.shape}")
    m, n = W_.shape
    for name, v, want in (("b", b_, (m,)), ("x", x_, (n,)), ("t", t_, (m,))):
        if v.shape != want:
            raise ValueError(
                f"{name} must have shape {want} for W of shape {W_.shape}; got {v.shape}"
            )
    z = W_ @ x_ + b_
    delta = 2.0 * (z - t_)
    return LayerGradient(
        output=z,
        loss=float(np.sum((z - t_) ** 2)),
        delta=delta,
        weights=np.outer(delta, x_),
        bias=delta.copy(),
        inputs=W_.T @ delta,
    )


def tanh_chain_gradient(weight: float, x: float, depth: int) -> NDArray[np.float64]:
    """How much of the gradient survives a chain of tanh layers, by backpropagation.

    The chain is ``h₀ = x``, ``hₖ = tanh(w · hₖ₋₁)``: one neuron per layer, all with the
    same weight ``w``. Entry ``k − 1`` of the result is ``∂hₖ/∂x``, computed by
    `Value.backward()` on a chain of ``k`` layers. By the chain rule it is the product of
    the layers' local derivatives ``w (1 − hᵢ²)``: when a layer saturates (``|hᵢ|`` near 1)
    its factor is near 0, and so is the product: the gradient vanishes.

    Args:
        weight: The weight ``w`` of every layer (a finite number).
        x: The input (a finite number).
        depth: The deepest chain, an ``int`` >= 1.

    Returns:
        A float64 array of ``depth`` gradients, for 1, 2, …, ``depth`` layers.

    Raises:
        ValueError: ``depth`` is not an ``int`` >= 1, or ``weight`` or ``x`` is not finite.

    Examples:
        >>> tanh_chain_gradient(1.0, 0.0, 3).tolist()  # tanh'(0) = 1 in every layer
        [1.0, 1.0, 1.0]
        >>> g = tanh_chain_gradient(3.0, 1.0, 4)
        >>> [f"{v:.1e}" for v in g]
        ['3.0e-02', '9.0e-04', '2.8e-05', '8.4e-07']
    """
    _check_size(depth, "depth")
    for name, v in (("weight", weight), ("x", x)):
        if isinstance(v, bool) or not isinstance(v, (int, float)) or not math.isfinite(v):
            raise ValueError(f"{name} must be a finite number; got {v!r}")
    out = np.empty(depth)
    for k in range(1, depth + 1):
        leaf = Value(x)
        h = leaf
        for _ in range(k):
            h = (weight * h).tanh()
        h.backward()
        out[k - 1] = leaf.grad
    return out


def _finite_array(value: ArrayLike, name: str) -> NDArray[np.float64]:
    try:
        arr = np.array(value, dtype=np.float64)
    except (TypeError, ValueError) as err:
        raise ValueError(f"{name} must be an array of real numbers; got {value!r}") from err
    if not np.isfinite(arr).all():
        raise ValueError(f"{name} must contain only finite numbers")
    return arr


def _check_size(n: object, name: str) -> None:
    if isinstance(n, bool) or not isinstance(n, int) or n < 1:
        raise ValueError(f"{name} must be an int >= 1; got {n!r}")
