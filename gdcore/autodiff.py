"""Reverse-mode automatic differentiation on scalars: the chain rule, run backwards.

A `Value` wraps one number and remembers how it was made: its inputs (``_prev``),
the operation (``_op``) and, for each input, the *local derivative* of the output with
respect to that input (``_local``), computed during the forward pass. `Value.backward()`
then walks the computational graph from the output back to the inputs and applies the
chain rule at every node:

    input.grad += local_derivative * output.grad

The ``+=`` matters: a value used twice (``b = a + a``) receives the contributions of both
paths. The walk uses explicit stacks instead of recursion, so graphs of any depth work
(a chain of 1,000,000 operations back-propagates; a recursive walk stops near 1,000).
Each node is passed over only when every node that uses it has sent its contribution, so
its ``.grad`` is complete before it is propagated further.

Semantics of ``backward``: ``y.backward()`` first sets ``.grad`` to 0 on every node of
``y``'s graph, then sets ``y.grad = 1`` and accumulates. Afterwards ``node.grad`` is
exactly $\\partial y / \\partial\\,\\text{node}$ for every node that ``y`` depends on;
calling ``backward()`` again gives the same numbers (gradients are never doubled). To add
up the gradients of several losses, add the losses into one ``Value`` first.

Examples:
    >>> x = Value(3.0, label="x")
    >>> f = 2 * x - 1
    >>> g = (f - 3) ** 2
    >>> g.backward()
    >>> x.grad  # 8x - 16 at x = 3
    8.0
"""

from __future__ import annotations

import itertools
import math
import numbers
from collections.abc import Callable

__all__ = ["Value", "grad"]

_Number = int | float


class Value:
    """One real number that records how it was computed, for backpropagation.

    Supports ``+ - * /`` (with other ``Value`` objects or numbers, on either side), ``**``
    with a number exponent, unary ``-``, and the methods `exp()`, `log()`,
    `tanh()`, `relu()` and `sigmoid()`.

    Attributes:
        data: The number (a ``float``).
        grad: $\\partial y / \\partial\\,\\text{self}$ after ``y.backward()`` (0.0 before).
        label: An optional name, shown when the graph is drawn (``"x"``, ``"f"``, ...).
        _prev: The inputs of the operation that made this value (``()`` for a leaf).
        _op: The operation, for drawings: ``"+"``, ``"-"``, ``"*"``, ``"/"`` between two
            values; ``"+ c"``, ``"- c"``, ``"c -"``, ``"* c"``, ``"/ c"``, ``"c /"`` with a
            number ``c``; ``"** p"``; ``"neg"``, ``"exp"``, ``"log"``, ``"tanh"``,
            ``"relu"``, ``"sigmoid"``; ``""`` for a leaf.

    Args:
        data: The number to wrap (any real number: ``int``, ``float``, numpy scalar).
        label: An optional name for drawings and ``repr``.

    Raises:
        TypeError: ``data`` is not a real number.

    Examples:
        >>> a = Value(2.0, label="a")
        >>> b = a * a + a  # a is used on two paths
        >>> b.backward()
        >>> b.data, a.grad
        (6.0, 5.0)
    """

    __slots__ = ("_a", "_b", "_da", "_db", "_mark", "_op", "_uses", "data", "grad", "label")

    data: float
    grad: float
    label: str
    _op: str
    _a: Value | None  # first input (None for a leaf)
    _b: Value | None  # second input (None for a leaf or a one-input operation)
    _da: float  # d(self)/d(_a), the local derivative, set in the forward pass
    _db: float  # d(self)/d(_b)
    _mark: int  # which graph walk last visited this node (see _count_uses)
    _uses: int  # during a walk: how many nodes of the graph use this one as an input

    def __init__(self, data: _Number, label: str = "") -> None:
        """Wrap a number as a leaf of a computational graph."""
        if type(data) is not float:
            if isinstance(data, bool) or not isinstance(data, numbers.Real):
                raise TypeError(f"Value wraps one real number; got {type(data).__name__}")
            data = float(data)
        self.data = data
        self.grad = 0.0
        self.label = label
        self._op = ""
        self._a = self._b = None
        self._da = self._db = 0.0
        self._mark = self._uses = 0

    @property
    def _prev(self) -> tuple[Value, ...]:
        """The inputs of the operation that made this value (empty for a leaf)."""
        if self._a is None:
            return ()
        if self._b is None:
            return (self._a,)
        return (self._a, self._b)

    @property
    def _local(self) -> tuple[float, ...]:
        """d(self)/d(input) for each input in ``_prev``, computed in the forward pass."""
        return (self._da, self._db)[: len(self._prev)]

    # ------------------------------------------------------------------ graph building
    # ``_op`` names the operation for drawings: "+", "-", "*", "/" between two values;
    # "+ c", "- c", "c -", "* c", "/ c", "c /" with a number c; "** p"; and the names
    # "neg", "exp", "log", "tanh", "relu", "sigmoid".

    def __add__(self, other: Value | _Number) -> Value:
        """``self + other``; both local derivatives are 1."""
        if type(other) is Value:
            return _binary(self.data + other.data, self, other, 1.0, 1.0, "+")
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(self.data + c, self, 1.0, f"+ {c:g}")

    def __radd__(self, other: _Number) -> Value:
        """``other + self`` for a number ``other``."""
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(c + self.data, self, 1.0, f"+ {c:g}")

    def __sub__(self, other: Value | _Number) -> Value:
        """``self - other``; local derivatives 1 and -1."""
        if type(other) is Value:
            return _binary(self.data - other.data, self, other, 1.0, -1.0, "-")
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(self.data - c, self, 1.0, f"- {c:g}")

    def __rsub__(self, other: _Number) -> Value:
        """``other - self`` for a number ``other``; local derivative -1."""
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(c - self.data, self, -1.0, f"{c:g} -")

    def __mul__(self, other: Value | _Number) -> Value:
        """``self * other``; d/dself = other, d/dother = self."""
        if type(other) is Value:
            return _binary(self.data * other.data, self, other, other.data, self.data, "*")
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(self.data * c, self, c, f"* {c:g}")

    def __rmul__(self, other: _Number) -> Value:
        """``other * self`` for a number ``other``."""
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(c * self.data, self, c, f"* {c:g}")

    def __truediv__(self, other: Value | _Number) -> Value:
        """``self / other``; d/dself = 1/other, d/dother = -self/other².

        Raises:
            ZeroDivisionError: ``other`` is 0.
        """
        if type(other) is Value:
            inv = 1.0 / other.data
            out = self.data * inv
            return _binary(out, self, other, inv, -out * inv, "/")
        c = _number(other)
        if c is None:
            return NotImplemented
        return _unary(self.data / c, self, 1.0 / c, f"/ {c:g}")

    def __rtruediv__(self, other: _Number) -> Value:
        """``other / self`` for a number ``other``; local derivative -other/self².

        Raises:
            ZeroDivisionError: ``self.data`` is 0.
        """
        c = _number(other)
        if c is None:
            return NotImplemented
        out = c / self.data
        return _unary(out, self, -out / self.data, f"{c:g} /")

    def __pow__(self, exponent: _Number) -> Value:
        """``self ** exponent`` for a number exponent; local derivative p·x^(p-1).

        Raises:
            TypeError: ``exponent`` is not a number (a ``Value`` exponent is not supported).
            ValueError: the result is not real (a negative base with a fractional exponent).
            ZeroDivisionError: 0 raised to a negative power.
            OverflowError: the result is too large for a float.
        """
        p = _number(exponent)
        if p is None:
            raise TypeError(f"Value ** p needs a number p; got {type(exponent).__name__}")
        if p.is_integer() and abs(p) <= 2**53:
            p = int(p)  # an integer power is defined for negative bases too
        x = self.data
        out = x**p
        if isinstance(out, complex):
            raise ValueError(f"{x} ** {exponent} is not a real number")
        if p == 0:
            local = 0.0
        elif x == 0.0 and p < 1:
            local = math.inf  # the slope of x**p (0 < p < 1) is infinite at 0
        else:
            local = p * x ** (p - 1)
        return _unary(float(out), self, float(local), f"** {p:g}")

    def __neg__(self) -> Value:
        """``-self``; local derivative -1."""
        return _unary(-self.data, self, -1.0, "neg")

    def exp(self) -> Value:
        """$e^x$; its own derivative.

        Raises:
            OverflowError: the result is too large for a float (x > ~709.78).

        Examples:
            >>> y = Value(0.0).exp()
            >>> y.backward()
            >>> y.data, y._prev[0].grad
            (1.0, 1.0)
        """
        out = math.exp(self.data)
        return _unary(out, self, out, "exp")

    def log(self) -> Value:
        """The natural logarithm $\\ln x$; local derivative 1/x.

        Raises:
            ValueError: ``self.data`` is not > 0.

        Examples:
            >>> x = Value(2.0)
            >>> y = x.log()
            >>> y.backward()
            >>> round(y.data, 6), x.grad
            (0.693147, 0.5)
        """
        x = self.data
        if not x > 0.0:
            raise ValueError(f"log needs a value > 0; got {x}")
        return _unary(math.log(x), self, 1.0 / x, "log")

    def tanh(self) -> Value:
        """The hyperbolic tangent; local derivative $1 - \\tanh^2 x$.

        Examples:
            >>> x = Value(0.0)
            >>> y = x.tanh()
            >>> y.backward()
            >>> y.data, x.grad
            (0.0, 1.0)
        """
        t = math.tanh(self.data)
        return _unary(t, self, 1.0 - t * t, "tanh")

    def relu(self) -> Value:
        """max(0, x); local derivative 1 for x > 0, else 0 (0 is used at the kink x = 0).

        Examples:
            >>> Value(-2.0).relu().data, Value(3.0).relu().data
            (0.0, 3.0)
        """
        x = self.data
        if x > 0.0:
            return _unary(x, self, 1.0, "relu")
        return _unary(0.0, self, 0.0, "relu")

    def sigmoid(self) -> Value:
        """The logistic function $\\sigma(x) = 1 / (1 + e^{-x})$; derivative σ(1 − σ).

        Computed without overflow for any finite x.

        Examples:
            >>> x = Value(0.0)
            >>> y = x.sigmoid()
            >>> y.backward()
            >>> y.data, x.grad
            (0.5, 0.25)
        """
        x = self.data
        if x >= 0.0:
            s = 1.0 / (1.0 + math.exp(-x))
        else:
            e = math.exp(x)
            s = e / (1.0 + e)
        return _unary(s, self, s * (1.0 - s), "sigmoid")

    # ------------------------------------------------------------------ backpropagation

    def topological_order(self) -> list[Value]:
        """Every node ``self`` depends on, each after all of its inputs (``self`` last).

        Returns:
            The nodes of the graph in an order where inputs come before outputs.

        Examples:
            >>> x = Value(1.0, label="x")
            >>> y = (x * 2).relu()
            >>> [node.label or node._op for node in y.topological_order()]
            ['x', '* 2', 'relu']
        """
        _count_uses(self, zero_grads=False)
        order = [self]
        ready = [self]
        while ready:
            node = ready.pop()
            for child in node._prev:
                child._uses -= 1
                if child._uses == 0:
                    order.append(child)
                    ready.append(child)
        order.reverse()
        return order

    def backward(self) -> None:
        """Backpropagate: set every ``node.grad`` to d(self)/d(node).

        Zeroes ``.grad`` on every node of this graph, sets ``self.grad = 1``, then visits the
        nodes from output to inputs, adding ``local_derivative * node.grad`` into each
        input's ``.grad`` (the chain rule; a node used twice sums both paths). A node is
        visited only once every node that uses it has passed its gradient on, so its
        ``.grad`` is complete when it passes it further. No recursion: any depth works.
        Calling it again recomputes the same gradients; it never doubles them.

        Examples:
            >>> a = Value(3.0)
            >>> b = a + a
            >>> c = b * b  # c = 4a², dc/da = 8a
            >>> c.backward(); c.backward()
            >>> a.grad
            24.0
        """
        _count_uses(self)
        self.grad = 1.0
        ready = [self]
        push = ready.append
        pop = ready.pop
        while ready:
            node = pop()
            a = node._a
            if a is None:
                continue
            g = node.grad
            a.grad += node._da * g
            a._uses -= 1
            if not a._uses:
                push(a)
            b = node._b
            if b is not None:
                b.grad += node._db * g
                b._uses -= 1
                if not b._uses:
                    push(b)

    def __repr__(self) -> str:
        """``Value(data=..., grad=...)`` (with the label when there is one)."""
        label = f", label={self.label!r}" if self.label else ""
        return f"Value(data={self.data!r}, grad={self.grad!r}{label})"


_new = object.__new__


def _number(value: object) -> float | None:
    """``value`` as a float if it is a real number (not a bool), else ``None``."""
    if type(value) is float:
        return value
    if isinstance(value, numbers.Real) and not isinstance(value, bool):
        return float(value)
    return None


_walks = itertools.count(1)


def _count_uses(root: Value, *, zero_grads: bool = True) -> None:
    """Visit the graph of ``root`` once (explicit stack): count uses, and zero every ``grad``.

    Afterwards ``node._uses`` is the number of times ``node`` is an input of a node of the
    graph (``root._uses == 0``). ``_mark`` tells nodes already seen in this walk. With
    ``zero_grads=False`` the gradients are left as they are (for read-only walks).
    """
    mark = next(_walks)
    root._mark = mark
    root._uses = 0
    if zero_grads:
        root.grad = 0.0
    stack = [root]
    push = stack.append
    pop = stack.pop
    while stack:
        node = pop()
        a = node._a
        if a is None:
            continue
        if a._mark != mark:
            a._mark = mark
            a._uses = 1
            if zero_grads:
                a.grad = 0.0
            push(a)
        else:
            a._uses += 1
        b = node._b
        if b is not None:
            if b._mark != mark:
                b._mark = mark
                b._uses = 1
                if zero_grads:
                    b.grad = 0.0
                push(b)
            else:
                b._uses += 1


def _unary(data: float, a: Value, da: float, op: str) -> Value:
    """A node made from one input ``a``, with local derivative ``da`` = d(out)/d(a)."""
    out: Value = _new(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out._op = op
    out._a = a
    out._b = None
    out._da = da
    out._db = 0.0
    out._mark = 0
    return out


def _binary(data: float, a: Value, b: Value, da: float, db: float, op: str) -> Value:
    """A node made from two inputs, with local derivatives ``da`` and ``db``."""
    out: Value = _new(Value)
    out.data = data
    out.grad = 0.0
    out.label = ""
    out._op = op
    out._a = a
    out._b = b
    out._da = da
    out._db = db
    out._mark = 0
    return out


def grad(f: Callable[[Value], Value | _Number]) -> Callable[[float], float]:
    """The derivative of ``f`` as a new function, computed by backpropagation.

    ``f`` must be written with `Value` operations (``+ - * / **``, ``exp``, ...).
    Each call of the returned function wraps ``x`` in a fresh ``Value``, runs ``f`` forward,
    calls ``backward()`` and returns the input's ``grad``; calls are independent, so calling
    it twice gives the same number.

    Args:
        f: A function of one ``Value`` returning a ``Value`` (or a plain number when it does
            not depend on its input; its derivative is then 0).

    Returns:
        A function ``x -> f'(x)`` taking and returning ``float``.

    Raises:
        TypeError: ``f`` is not callable; when called, if ``f`` returns something that is
            neither a ``Value`` nor a number.

    Examples:
        >>> dg = grad(lambda x: ((2 * x - 1) - 3) ** 2)
        >>> [dg(x) for x in (0.0, 2.0, 3.0)]  # 8x - 16
        [-16.0, 0.0, 8.0]
    """
    if not callable(f):
        raise TypeError(f"grad(f) needs a callable f; got {type(f).__name__}")

    def derivative_of_f(x: float) -> float:
        """$f'(x)$ by reverse-mode automatic differentiation."""
        leaf = Value(x, label="x")
        out = f(leaf)
        if type(out) is not Value:
            if isinstance(out, (int, float)) and not isinstance(out, bool):
                return 0.0
            raise TypeError(
                f"f must return a Value (or a number); it returned {type(out).__name__}"
            )
        out.backward()
        return leaf.grad

    derivative_of_f.__name__ = f"grad({getattr(f, '__name__', 'f')})"
    derivative_of_f.__qualname__ = derivative_of_f.__name__
    derivative_of_f.__doc__ = f"The derivative of {getattr(f, '__name__', 'f')} by autodiff."
    return derivative_of_f
