"""Backpropagation, one step at a time: the forward and backward passes of a `Value` as data.

`Value.backward()` does the whole walk at once. To *show* it, node by node, this module
records what each step computes, with the numbers of `Value` itself:

- the **forward pass**: every node in an order where inputs come first, with its operation,
  its inputs and its value ``data``;
- the **backward pass**: every node from the output back to the inputs, with the gradient it
  receives from each node that uses it, as the chain rule writes it:
  ``local derivative × upstream gradient`` (the local derivative ``∂consumer/∂node`` is the one
  `Value` stored in the forward pass; the upstream gradient is ``consumer.grad``), and their
  sum, the node's ``grad``.

Examples:
    >>> from gdcore.autodiff import Value
    >>> w, x, b = Value(0.5, label="w"), Value(3.0, label="x"), Value(1.0, label="b")
    >>> y = Value(4.0, label="y")
    >>> loss = (w * x + b - y) ** 2
    >>> steps = backprop_steps(loss)
    >>> [(n.label, n.data) for n in steps.nodes]
    [('w', 0.5), ('x', 3.0), ('', 1.5), ('b', 1.0), ('', 2.5), ('y', 4.0), ('', -1.5), ('', 2.25)]
    >>> first = steps.backward[0]
    >>> steps.nodes[first.node].grad, first.contributions
    (1.0, ())
    >>> step_w = next(s for s in steps.backward if steps.nodes[s.node].label == "w")
    >>> [(c.local, c.upstream, c.product) for c in step_w.contributions], step_w.grad
    ([(3.0, -3.0, -9.0)], -9.0)
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from gdcore.autodiff import Value

__all__ = ["BackpropSteps", "BackwardStep", "Contribution", "Node", "backprop_steps"]

#: The largest graph walked step by step (a walk is meant to be read by a person).
MAX_NODES = 60


@dataclass(frozen=True)
class Node:
    """One value of the graph, as the forward pass makes it.

    Attributes:
        index: Its position in the forward order (``BackpropSteps.nodes[index]``).
        label: The ``Value``'s label (``""`` when it has none).
        op: The operation that made it (``Value._op``: ``"*"``, ``"+ 1"``, ``"** 2"``, …),
            ``""`` for an input.
        inputs: The indices of its inputs, in order (empty for an input).
        local: For each input, the local derivative ∂node/∂input that `Value` computed in
            the forward pass.
        data: Its value.
        grad: ∂output/∂node after the backward pass.
    """

    index: int
    label: str
    op: str
    inputs: tuple[int, ...]
    local: tuple[float, ...]
    data: float
    grad: float


@dataclass(frozen=True)
class Contribution:
    """What one node that uses ``node`` sends back to it: ``local × upstream``.

    Attributes:
        consumer: The index of the node that uses ``node`` as an input.
        local: ∂consumer/∂node (stored by `Value` in the forward pass).
        upstream: ∂output/∂consumer (the consumer's ``grad``, complete at this point).
        product: ``local * upstream``, added into the node's ``grad``.
    """

    consumer: int
    local: float
    upstream: float
    product: float


@dataclass(frozen=True)
class BackwardStep:
    """One node's gradient, as the backward pass completes it.

    Attributes:
        node: The node's index.
        contributions: One per use of the node (empty for the output, whose grad is 1).
        grad: The sum of the contributions' products (1 for the output): ∂output/∂node.
    """

    node: int
    contributions: tuple[Contribution, ...]
    grad: float


@dataclass(frozen=True)
class BackpropSteps:
    """The forward and backward passes of one output, step by step.

    Attributes:
        nodes: Every node, in forward order (each after its inputs; the output last).
        backward: One step per node, from the output back to the inputs (each node after
            every node that uses it).
    """

    nodes: tuple[Node, ...]
    backward: tuple[BackwardStep, ...]

    @property
    def output(self) -> Node:
        """The node the passes start (backward) and end (forward) at."""
        return self.nodes[-1]


def _forward_order(output: Value) -> list[Value]:
    """Inputs before outputs, each node's inputs visited in order (iterative post-order)."""
    order: list[Value] = []
    seen: set[int] = {id(output)}
    stack: list[tuple[Value, int]] = [(output, 0)]
    while stack:
        node, k = stack.pop()
        inputs = node._prev
        if k < len(inputs):
            stack.append((node, k + 1))
            child = inputs[k]
            if id(child) not in seen:
                seen.add(id(child))
                stack.append((child, 0))
        else:
            order.append(node)
    return order


def backprop_steps(output: Value) -> BackpropSteps:
    """Run backpropagation from ``output`` and record every step of both passes.

    Calls ``output.backward()`` (so afterwards every node's ``.grad`` is set, as usual).

    Args:
        output: The `Value` to differentiate (the loss), made of at most 60 values.

    Returns:
        The nodes in forward order and the backward steps, output first.

    Raises:
        TypeError: ``output`` is not a `Value`.
        ValueError: the graph has more than 60 values (too many to walk through by hand).

    Example:
        >>> from gdcore.autodiff import Value
        >>> x = Value(3.0, label="x")
        >>> steps = backprop_steps((2 * x - 1 - 3) ** 2)
        >>> [n.op or n.label for n in steps.nodes]
        ['x', '* 2', '- 1', '- 3', '** 2']
        >>> [(steps.nodes[s.node].op or "x", s.grad) for s in steps.backward]
        [('** 2', 1.0), ('- 3', 4.0), ('- 1', 4.0), ('* 2', 4.0), ('x', 8.0)]
    """
    if not isinstance(output, Value):
        raise TypeError(f"backprop_steps needs a gdcore Value; got {type(output).__name__}")
    order = _forward_order(output)
    if len(order) > MAX_NODES:
        raise ValueError(
            f"the graph has {len(order)} values; a step-by-step walk shows at most {MAX_NODES}"
        )
    output.backward()
    index = {id(node): k for k, node in enumerate(order)}
    nodes = tuple(
        Node(
            index=k,
            label=node.label,
            op=node._op,
            inputs=tuple(index[id(child)] for child in node._prev),
            local=node._local,
            data=node.data,
            grad=node.grad,
        )
        for k, node in enumerate(order)
    )
    uses: dict[int, list[Contribution]] = {k: [] for k in range(len(nodes))}
    for consumer in nodes:
        for child, local in zip(consumer.inputs, consumer.local, strict=True):
            uses[child].append(Contribution(consumer.index, local, consumer.grad, 0.0))
    backward = []
    # Reverse forward order: every node comes after all the nodes that use it.
    for node in reversed(nodes):
        parts = tuple(
            Contribution(c.consumer, c.local, c.upstream, c.local * c.upstream)
            for c in uses[node.index]
        )
        if parts:
            total = math.fsum(c.product for c in parts)
            if not math.isclose(total, node.grad, rel_tol=1e-9, abs_tol=1e-12):
                raise RuntimeError(  # pragma: no cover - Value.backward and this walk disagree
                    f"node {node.index}: contributions sum to {total}, backward() gave {node.grad}"
                )
        backward.append(BackwardStep(node.index, parts, node.grad))
    return BackpropSteps(nodes, tuple(backward))
