"""The computational graph of a `Value`, and the training loss curve."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, cast

import numpy as np
from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.figure import Figure
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch
from numpy.typing import ArrayLike

if TYPE_CHECKING:
    from gdcore.autodiff import Value


from gdcore.i18n import N_, translate
from gdcore.plots._base import (
    _PHONE_WIDTH,
    _WIDTH,
    BLUE,
    GREEN,
    INK,
    ORANGE,
    Lang,
    Layout,
    _check_lang,
    _check_layout,
    _fmt,
    _freeze_layout,
    _log_y,
    _new_figure,
    _op_name,
    _remembered,
    _style,
    _wrapped,
)


@_remembered
def computational_graph(value: Value, *, lang: Lang = "en", layout: Layout = "desktop") -> Figure:
    """Draw the computational graph behind a `gdcore.Value`, from the inputs to the output.

    Every value is a box with its label (if it has one), its ``data`` and its ``grad``
    (labeled inputs have a blue frame, unlabeled leaves such as weights a gray one,
    computed values green, the output orange);
    every operation is a small oval with its name (``× 2``, ``+``, ``( )²``, ``tanh``, …)
    where the edges from its inputs meet, just before the value it makes. Levels follow
    the longest path from the inputs, and the graph is walked with an explicit stack, so
    deep graphs are fine (up to 200 values are drawn). On a desktop the graph runs left to
    right; on a phone it runs top to bottom, so a chain stays as narrow as one box. Call
    ``backward()`` first to see the gradients.

    Args:
        value: The output of a computation with `gdcore.Value` (anything with
            ``data``, ``grad``, ``_prev`` and ``_op``; an optional ``label`` is shown).
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` or ``layout`` is unknown, or the graph has more than 200 values.

    Examples:
        >>> from gdcore.autodiff import Value
        >>> x = Value(3.0, label="x")
        >>> g = ((2 * x - 1) - 3) ** 2
        >>> g.backward()
        >>> fig = computational_graph(g, lang="en")
        >>> fig.get_label()[:45]
        'Computational graph with 5 values and 4 opera'
        >>> tall = computational_graph(g, lang="en", layout="phone")
        >>> bool(tall.get_figheight() > tall.get_figwidth())
        True
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    nodes, consumers = _collect_graph(value)
    if len(nodes) > 200:
        raise ValueError(f"the graph has {len(nodes)} values; at most 200 can be drawn")
    column = _columns(nodes, consumers)
    ncols = max(column.values()) + 1
    by_column: list[list[int]] = [[] for _ in range(ncols)]
    for key in nodes:
        by_column[column[key]].append(key)
    # Order each level by the mean place of the values that use it (barycenters), output first.
    row: dict[int, float] = {}
    for c in range(ncols - 1, -1, -1):
        keys = by_column[c]
        centers = {
            key: float(np.mean([row[p] for p in consumers.get(key, ()) if p in row] or [0.0]))
            for key in keys
        }
        keys.sort(key=lambda k: (centers[k], _node_order(nodes[k])))
        for i, key in enumerate(keys):
            row[key] = i - (len(keys) - 1) / 2.0 + float(np.mean(list(centers.values())))
    top_row, bottom_row = max(row.values()), min(row.values())
    font = 8.5
    title = _wrapped(
        translate(
            "Computational graph: data from the forward pass, grad from the backward pass",
            lang,
        ),
        phone,
    )
    bodies = {
        key: translate(
            "data {data}\ngrad {grad}",
            lang,
            data=_fmt(float(node.data)),
            grad=_fmt(float(node.grad)),
        )
        for key, node in nodes.items()
    }
    names = {key: _op_name(str(getattr(node, "_op", ""))) for key, node in nodes.items()}
    # Boxes as wide as their widest text (measured in the figure's font), so a chain fits.
    box_w = 0.22 + max(
        max(_inches(bodies[key], font), _inches(_label_of(node), font + 0.5, bold=True))
        for key, node in nodes.items()
    )
    op_widest = max(
        [_inches(names[key], font + 0.5) for key, node in nodes.items() if node._prev] or [0.0]
    )
    if phone:
        # Levels are rows, inputs on top; the values of a level sit side by side.
        box_h, gap, col_w = 0.62, 0.6, box_w + 0.15
        title_h = 0.2 + 0.17 * (title.count("\n") + 1)
        graph_w = (top_row - bottom_row) * col_w + box_w
        width = max(_PHONE_WIDTH, graph_w + 0.3)
        height = ncols * box_h + (ncols - 1) * gap + 0.25 + title_h
    else:
        box_h, gap, row_h = 0.62, max(0.6, op_widest + 0.45), 0.85
        graph_w = ncols * box_w + (ncols - 1) * gap
        width = max(graph_w, _inches(title, 9.5)) + 0.3
        height = (top_row - bottom_row) * row_h + box_h + 0.75

    def center_of(key: int) -> tuple[float, float]:
        if phone:
            return (
                width / 2 + (row[key] - (top_row + bottom_row) / 2) * col_w,
                0.15 + box_h / 2 + (ncols - 1 - column[key]) * (box_h + gap),
            )
        return (
            (width - graph_w) / 2 + column[key] * (box_w + gap) + box_w / 2,
            0.2 + box_h / 2 + (row[key] - bottom_row) * row_h,
        )

    with _style():
        fig = Figure(figsize=(width, height))
        FigureCanvasAgg(fig)
        ax = fig.add_axes((0.0, 0.0, 1.0, 1.0))
        ax.set_xlim(0, width)
        ax.set_ylim(0, height)
        ax.set_axis_off()
        ax.text(width / 2, height - 0.12, title, ha="center", va="top", fontsize=9.5)
        for key, node in nodes.items():
            cx, cy = center_of(key)
            children = list(getattr(node, "_prev", ()))
            label = str(getattr(node, "label", "") or "")
            if key == id(value):
                edge, alpha = ORANGE, 1.0
            elif children:
                edge, alpha = GREEN, 1.0
            else:
                edge, alpha = (BLUE, 1.0) if label else (INK, 0.6)
            ax.add_patch(
                FancyBboxPatch(
                    (cx - box_w / 2, cy - box_h / 2),
                    box_w,
                    box_h,
                    boxstyle="round,pad=0,rounding_size=0.08",
                    facecolor="none",
                    edgecolor=edge,
                    alpha=alpha,
                    linewidth=1.6,
                )
            )
            body = bodies[key]
            if label:
                ax.text(
                    cx,
                    cy + 0.16,
                    label,
                    ha="center",
                    va="center",
                    fontsize=font + 0.5,
                    fontweight="bold",
                    color=INK,
                )
            ax.text(
                cx,
                cy - 0.09 if label else cy,
                body,
                ha="center",
                va="center",
                fontsize=font,
                color=INK,
                linespacing=1.25 if label else 1.3,
            )
            if not children:
                continue
            name = names[key]
            op_w, op_h = max(0.3, _inches(name, font + 0.5) + 0.16), 0.26
            if phone:  # the operation above its value
                ox, oy = cx, cy + box_h / 2 + 0.1 + op_h / 2
                into, out_of = (ox, oy + op_h / 2), (ox, oy - op_h / 2)
                made = (cx, cy + box_h / 2)
            else:  # the operation left of its value
                ox, oy = cx - box_w / 2 - 0.1 - op_w / 2, cy
                into, out_of = (ox - op_w / 2, oy), (ox + op_w / 2, oy)
                made = (cx - box_w / 2, cy)
            ax.add_patch(
                FancyBboxPatch(
                    (ox - op_w / 2, oy - op_h / 2),
                    op_w,
                    op_h,
                    boxstyle="round,pad=0,rounding_size=0.13",
                    facecolor="none",
                    edgecolor=INK,
                    linewidth=1.0,
                )
            )
            ax.text(ox, oy, name, ha="center", va="center", fontsize=font + 0.5, color=INK)
            ax.add_patch(_arrow(out_of, made, 1.0))
            for child in children:
                kx, ky = center_of(id(child))
                start = (kx, ky - box_h / 2) if phone else (kx + box_w / 2, ky)
                ax.add_patch(_arrow(start, into, 0.7))
    forward = sorted(nodes, key=lambda k: (column[k], -row[k]))  # inputs first
    ops = [_op_name(str(getattr(nodes[k], "_op", ""))) for k in forward if nodes[k]._prev]
    named = sorted(
        (n for n in nodes.values() if not getattr(n, "_prev", ()) and _label_of(n)),
        key=_node_order,
    )
    inputs = "; ".join(
        translate(
            "input {name}: data {data}, grad {grad}",
            lang,
            name=str(n.label),
            data=_fmt(float(n.data)),
            grad=_fmt(float(n.grad)),
        )
        for n in named
    )
    fig.set_label(
        translate(
            "Computational graph with {values} values and {ops} operations ({oplist}); its "
            "arrows go from the inputs to the output. Each box shows a value's data (forward "
            "pass) and its grad (backward pass){inputs}. The output has data {out_data} and "
            "grad {out_grad}.",
            lang,
            values=len(nodes),
            ops=len(ops),
            oplist=", ".join(ops),
            inputs="; " + inputs if inputs else "",
            out_data=_fmt(float(value.data)),
            out_grad=_fmt(float(value.grad)),
        )
    )
    return _freeze_layout(fig)


def _arrow(start: tuple[float, float], end: tuple[float, float], alpha: float) -> FancyArrowPatch:
    """A thin ink arrow between two points (in data coordinates)."""
    return FancyArrowPatch(
        start,
        end,
        arrowstyle="-|>",
        mutation_scale=9,
        color=INK,
        alpha=alpha,
        linewidth=0.9,
        shrinkA=0,
        shrinkB=0.5,
    )


def _inches(text: str, size: float, *, bold: bool = False) -> float:
    """How wide ``text`` is drawn (its widest line), in inches, in the figures' font.

    >>> round(_inches("data 3", 8.5), 1) < round(_inches("data 3\\ngrad 8.123", 8.5), 1)
    True
    """
    from matplotlib.backends.backend_agg import RendererAgg
    from matplotlib.font_manager import FontProperties

    if not text:
        return 0.0
    renderer: Any = cast(Any, RendererAgg)(1, 1, 72.0)  # 72 dpi: pixels are points
    with _style():
        prop = FontProperties(size=size, weight="bold" if bold else "normal")
        widths = [
            float(renderer.get_text_width_height_descent(line, prop, ismath=False)[0])
            for line in text.split("\n")
        ]
    return max(widths) / 72.0


def _label_of(node: Any) -> str:
    """The label of a value, or ``""``."""
    return str(getattr(node, "label", "") or "")


def _node_order(node: Any) -> tuple[str, float]:
    return (str(getattr(node, "label", "") or "~"), float(node.data))


def _collect_graph(root: Any) -> tuple[dict[int, Any], dict[int, list[int]]]:
    """All values reachable from ``root`` (by id, in discovery order) and who uses each."""
    nodes: dict[int, Any] = {id(root): root}
    consumers: dict[int, list[int]] = {}
    stack = [root]
    while stack:
        node = stack.pop()
        for child in getattr(node, "_prev", ()):
            consumers.setdefault(id(child), []).append(id(node))
            if id(child) not in nodes:
                nodes[id(child)] = child
                stack.append(child)
    return nodes, consumers


def _columns(nodes: dict[int, Any], consumers: dict[int, list[int]]) -> dict[int, int]:
    """Column of each value: the longest path from an input; inputs sit just left of use."""
    column: dict[int, int] = {}
    pending = {key: len(set(map(id, getattr(node, "_prev", ())))) for key, node in nodes.items()}
    ready = [key for key, count in pending.items() if count == 0]
    for key in ready:
        column[key] = 0
    while ready:
        key = ready.pop()
        for parent in dict.fromkeys(consumers.get(key, ())):
            column[parent] = max(column.get(parent, 0), column[key] + 1)
            pending[parent] -= 1
            if pending[parent] == 0:
                ready.append(parent)
    for key, node in nodes.items():
        if not getattr(node, "_prev", ()) and key in consumers:
            column[key] = min(column[p] for p in consumers[key]) - 1
    return column


# --------------------------------------------------------------------------- loss curve


@_remembered
def loss_curve(losses: ArrayLike, *, lang: Lang = "en", layout: Layout = "desktop") -> Figure:
    """Plot a training loss against the epoch (log scale when it spans a factor > 20).

    Training is taken to be full batch, as in `gdcore.nn.train()`: one epoch is one
    gradient-descent step on all the samples, and the labels say so.

    Args:
        losses: The loss after each epoch (one or more finite numbers), for example the
            list returned by `gdcore.nn.train()`.
        lang: ``"vi"`` or ``"en"``.
        layout: ``"desktop"`` or ``"phone"`` (see `gdcore.plots`).

    Returns:
        The figure; ``fig.get_label()`` is its alt text.

    Raises:
        ValueError: ``lang`` is unknown, or ``losses`` is empty or not finite.

    Examples:
        >>> fig = loss_curve([4.0, 1.0, 0.3, 0.01], lang="en")
        >>> fig.axes[0].get_yscale(), fig.get_label()[:30]
        ('log', 'Line chart of the loss over 4 ')
        >>> loss_curve([4.0, 1.0], lang="vi").axes[0].get_title()
        'Giá trị mất mát qua từng epoch'
    """
    lang = _check_lang(lang)
    phone = _check_layout(layout) == "phone"
    values = np.asarray(losses, dtype=np.float64).ravel()
    if values.size == 0 or not np.isfinite(values).all():
        raise ValueError("losses must be one or more finite numbers")
    positive = bool((values > 0).all())
    log = positive and float(values.max()) / float(values.min()) > 20
    epochs = np.arange(values.size)
    with _style():
        fig = _new_figure(_PHONE_WIDTH, 3.3) if phone else _new_figure(_WIDTH, 3.3)
        ax = fig.add_subplot()
        marker = "o" if values.size <= 60 else ""
        ax.plot(epochs, values, marker=marker, markersize=3.5, color=BLUE, linewidth=1.8)
        if log:
            _log_y(ax)
        ax.set_xlabel(_wrapped(translate("epoch (one step on all the samples)", lang), phone))
        ax.set_ylabel(translate(N_("loss (log scale)") if log else N_("loss"), lang))
        ax.set_title(translate("Loss, epoch by epoch", lang))
    fig.set_label(
        translate(
            "Line chart of the loss over {n} epochs{log}. Training is full batch: each "
            "epoch is one gradient-descent step on all the samples at once. The loss goes "
            "from {first} at epoch 0 to {last} at epoch {end} (before the last update), the "
            "lowest value being {low}.",
            lang,
            n=values.size,
            log=translate(", with a logarithmic loss axis", lang) if log else "",
            first=_fmt(float(values[0])),
            last=_fmt(float(values[-1])),
            end=values.size - 1,
            low=_fmt(float(values.min())),
        )
    )
    return _freeze_layout(fig)
