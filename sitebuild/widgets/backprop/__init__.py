"""Backpropagation step by step: a computational graph the reader walks through with buttons.

The forward pass fills in the values node by node, then the backward pass fills in each
node's gradient as ``upstream gradient × local derivative``. Every number comes from gdcore:
:func:`gdcore.backprop_steps.backprop_steps` records what `gdcore.Value` computed (values,
local derivatives, gradients). This module lays the graph out (columns from the inputs to the
output), writes each step's sentence in the page's language, and hands both to the page as
SVG + a table + JSON; ``assets/gdcore/backprop.js`` only reveals them step by step and
announces each step in a polite live region. The symbolic formulas (``w · x``, ``2(ŷ − y)``)
are written from each node's operation and its inputs' labels, so every node must be labelled.

A page uses it in an executed block, on a graph it built with ``gd.Value``::

    from sitebuild.widgets.backprop import stepper_html
    print(stepper_html(loss, lang="vi"))
"""

from __future__ import annotations

import html
import json
import re
import unicodedata
from dataclasses import dataclass

from gdcore.autodiff import Value
from gdcore.backprop_steps import BackpropSteps, Node, backprop_steps
from gdcore.i18n import Lang, check_lang
from sitebuild.widgets.quiz import num, ui

__all__ = ["Layout", "layout", "step_texts", "stepper_html"]

# SVG geometry (user units).
BOX_W, BOX_H = 118, 64
COL_GAP, ROW_PITCH, MARGIN = 34, 78, 6
SKIP_DROP = 30  # how far below the boxes an edge that skips a column is drawn
TWIN_GAP = 10  # vertical distance between two edges joining the same pair (a · a)
# The narrowest the graph is drawn: 25.6 units a rem (0.78 px a unit with Material's 20-px rem),
# so 13-unit text is never smaller than 10 px; a wider graph scrolls sideways on a phone, a
# small one (three boxes) fits.
UNITS_PER_REM = 25.6

_NUMBER = re.compile(r"\(?−?[\d.]+(?:e[+−]?\d+)?\)?")
_SUPERSCRIPT = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


@dataclass(frozen=True)
class Layout:
    """Where each node's box goes: its top-left corner, and the drawing's size."""

    x: tuple[float, ...]
    y: tuple[float, ...]
    width: float
    height: float


def layout(steps: BackpropSteps) -> Layout:
    """Columns by the longest path from an input (an input sits just left of its first use);
    rows from the output leftwards, each node at the mean row of the nodes that use it. An
    edge that skips a column (a value used again further on, as x in x·x + x) is drawn below
    the boxes, so the drawing is `SKIP_DROP` taller.

    Example:
        >>> x = Value(3.0, label="x")
        >>> y = 2 * x
        >>> y.label = "y"
        >>> layout(backprop_steps(y)).x
        (6, 158)
    """
    nodes = steps.nodes
    column = [0] * len(nodes)
    for node in nodes:  # forward order: inputs first
        if node.inputs:
            column[node.index] = 1 + max(column[i] for i in node.inputs)
    users: list[list[int]] = [[] for _ in nodes]
    for node in nodes:
        for i in node.inputs:
            users[i].append(node.index)
    for node in nodes:
        if not node.inputs and users[node.index]:
            column[node.index] = min(column[u] for u in users[node.index]) - 1
    low = min(column)
    column = [c - low for c in column]
    row = [0.0] * len(nodes)
    for c in range(max(column), -1, -1):
        keys = [n.index for n in nodes if column[n.index] == c]
        wanted = {
            k: sum(row[u] for u in users[k]) / len(users[k]) if users[k] else 0.0 for k in keys
        }
        keys.sort(key=lambda k: (wanted[k], k))
        centre = sum(wanted.values()) / len(keys)
        for j, k in enumerate(keys):
            row[k] = centre + j - (len(keys) - 1) / 2
    top = min(row)
    xs = tuple(MARGIN + c * (BOX_W + COL_GAP) for c in column)
    ys = tuple(MARGIN + (r - top) * ROW_PITCH for r in row)
    skips = any(column[n.index] - column[i] > 1 for n in nodes for i in n.inputs)
    height = max(ys) + BOX_H + MARGIN + (SKIP_DROP if skips else 0)
    return Layout(xs, ys, max(xs) + BOX_W + MARGIN, height)


def _edge_path(place: Layout, i: int, j: int, twin: float) -> str:
    """The SVG path of the edge from node ``i`` to node ``j``: a curve from the right side of
    ``i`` to the left side of ``j``, shifted ``twin`` up or down when two edges join the same
    pair; below the boxes, from bottom to bottom, when it skips a column."""
    x1, x2 = place.x[i] + BOX_W, place.x[j]
    if x2 - x1 > COL_GAP + 1:  # skips a column: go under the boxes in between
        a, b = place.x[i] + BOX_W / 2 + twin, place.x[j] + BOX_W / 2 + twin
        low = place.height - MARGIN - 4
        y1, y2 = place.y[i] + BOX_H, place.y[j] + BOX_H
        return f"M{a:g} {y1:g}C{a:g} {low:g} {b:g} {low:g} {b:g} {y2 + 1:g}"
    y1, y2 = place.y[i] + BOX_H / 2 + twin, place.y[j] + BOX_H / 2 + twin
    mid = (x1 + x2) / 2
    return f"M{x1:g} {y1:g}C{mid:g} {y1:g} {mid:g} {y2:g} {x2 - 1:g} {y2:g}"


# ------------------------------------------------------------------------------- the formulas


def _symbols(name: str) -> int:
    return sum(1 for ch in unicodedata.normalize("NFC", name) if not unicodedata.combining(ch))


def _loose(term: str) -> bool:
    """Does ``term`` have a space outside parentheses (``1 − tanh²(c)``, not ``2(ŷ − y)``)?"""
    depth = 0
    for ch in term:
        depth += (ch == "(") - (ch == ")")
        if ch == " " and depth == 0:
            return True
    return False


def _wrap(term: str) -> str:
    """A term inside a bigger formula: parenthesised unless it is one symbol, a number or
    already in parentheses."""
    if _symbols(term) <= 1 or term.replace(".", "").isdigit():
        return term
    if term.startswith("(") and term.endswith(")") and not _loose(term):
        return term
    return f"({term})"


def _factor(term: str) -> str:
    """A factor after ``·``: parenthesised if it starts with a minus or has a loose space."""
    return f"({term})" if term.startswith("−") or _loose(term) else term


def _d(name: str) -> str:
    """``∂name`` as written in a fraction: ``∂w``, ``∂(wx)``."""
    return "∂" + _wrap(name)


def _formula(op: str, a: str, b: str = "") -> str:
    """The operation written with its operands (names or numbers)."""
    if op in ("+", "-", "*", "/"):
        sign = {"+": "+", "-": "−", "*": "·", "/": "/"}[op]
        return f"{_wrap(a) if op in '*/' or a.startswith('−') else a} {sign} {_wrap(b)}"
    kind, _, c = op.partition(" ")
    if kind == "**":
        power = c.translate(_SUPERSCRIPT) if c.lstrip("-").isdigit() else "^" + c
        return _wrap(a) + power
    if op.endswith(" -") or op.endswith(" /"):  # "c -", "c /"
        c = op.split()[0].replace("-", "−")
        return f"{c} {'−' if op.endswith('-') else '/'} {_wrap(a)}"
    if kind in ("+", "-", "*", "/"):
        c = c.replace("-", "−")
        if kind == "*":
            return f"{c} · {a}" if _NUMBER.fullmatch(a) else f"{c}{_wrap(a)}"  # 2 · 3, 2x
        return f"{a} {'−' if kind == '-' else kind} {c}"
    if op == "neg":
        return "−" + _wrap(a)
    return f"{'σ' if op == 'sigmoid' else 'ln' if op == 'log' else op}({a})"


def _local_formula(node: Node, k: int, names: list[str]) -> str:
    """∂node/∂(its k-th input), symbolically: ``x`` for ``w · x``, ``2(ŷ − y)`` for a square."""
    op = node.op
    a = names[node.inputs[0]]
    if op in ("+", "+ ") or op.startswith("+ ") or op.startswith("- ") or op == "relu":
        return num(node.local[k]) if op == "relu" else "1"
    if op == "-":
        return "1" if k == 0 else "−1"
    if op == "*":
        return names[node.inputs[1 - k]]
    if op == "/":
        b = names[node.inputs[1]]
        return f"1/{_wrap(b)}" if k == 0 else f"−{_wrap(a)}/{_wrap(b)}²"
    kind, _, c = op.partition(" ")
    if kind == "**":
        p = float(c)
        q = p - 1
        if q == 1:
            return f"{c}{_wrap(a)}"
        power = f"{q:g}".translate(_SUPERSCRIPT) if q.is_integer() else f"^{q:g}"
        return f"{c}{_wrap(a)}{power}"
    if kind == "*":
        return c.replace("-", "−")
    if kind == "/":
        return f"1/{c}"
    if op.endswith(" -") or op == "neg":
        return "−1"
    if op.endswith(" /"):
        return f"−{op.split()[0]}/{_wrap(a)}²"
    return {
        "exp": f"exp({a})",
        "log": f"1/{_wrap(a)}",
        "tanh": f"1 − tanh²({a})",
        "sigmoid": f"σ({a})(1 − σ({a}))",
    }.get(op, num(node.local[k]))


def _value(v: float) -> str:
    """A number inside a formula: negative ones in parentheses."""
    text = num(v)
    return f"({text})" if text.startswith("−") else text


def step_texts(steps: BackpropSteps, lang: Lang = "en") -> list[dict[str, object]]:
    """Every step of both passes: ``{"phase": "forward" | "backward", "node", "text"}``.

    Raises:
        ValueError: a node has no label (the formulas name the nodes by their labels).

    Example:
        >>> w, x = Value(2.0, label="w"), Value(3.0, label="x")
        >>> y = w * x
        >>> y.label = "y"
        >>> [s["text"] for s in step_texts(backprop_steps(y))]  # doctest: +NORMALIZE_WHITESPACE
        ['Forward pass, step 1 of 3: w = 2 (an input)',
         'Forward pass, step 2 of 3: x = 3 (an input)',
         'Forward pass, step 3 of 3: y = w · x = 2 · 3 = 6',
         'Backward pass, step 1 of 3: ∂y/∂y = 1: the backward pass starts at the output.',
         'Backward pass, step 2 of 3: ∂y/∂x = ∂y/∂y · ∂y/∂x = 1 · w = 1 · 2 = 2',
         'Backward pass, step 3 of 3: ∂y/∂w = ∂y/∂y · ∂y/∂w = 1 · x = 1 · 3 = 3']
    """
    lang = check_lang(lang)
    names = [n.label for n in steps.nodes]
    for node in steps.nodes:
        if not node.label:
            raise ValueError(
                f"every value of the graph needs a label for the step-by-step walk; the "
                f"result of {node.op!r} (value {num(node.data)}) has none: set .label"
            )
    n = len(steps.nodes)
    out: list[dict[str, object]] = []
    forward = ui("Forward pass, step {k} of {n}: {formula}", lang)
    for node in steps.nodes:
        if not node.inputs:
            formula = ui("{name} = {value} (an input)", lang, name=node.label, value=num(node.data))
        else:
            args = [names[i] for i in node.inputs]
            symbolic = _formula(node.op, *args)
            numbers = _formula(node.op, *(_value(steps.nodes[i].data) for i in node.inputs))
            parts = [node.label] + ([symbolic] if symbolic != node.label else [])
            formula = " = ".join([*parts, numbers, num(node.data)])
        out.append(
            {
                "phase": "forward",
                "node": node.index,
                "text": forward.format(k=node.index + 1, n=n, formula=formula),
            }
        )
    backward = ui("Backward pass, step {k} of {n}: {formula}", lang)
    top = steps.output.label
    for k, step in enumerate(steps.backward, start=1):
        node = steps.nodes[step.node]
        d_node = f"∂{top}/{_d(node.label)}"
        if not step.contributions:
            formula = ui("{grad} = 1: the backward pass starts at the output.", lang, grad=d_node)
        else:
            chain: list[str] = []
            terms: list[str] = []
            values: list[str] = []
            seen: dict[int, int] = {}  # a node used twice by one consumer (a · a): two terms
            for c in step.contributions:
                user = steps.nodes[c.consumer]
                positions = [i for i, child in enumerate(user.inputs) if child == node.index]
                which = positions[seen.get(c.consumer, 0)]
                seen[c.consumer] = seen.get(c.consumer, 0) + 1
                chain.append(f"∂{top}/{_d(user.label)} · {_d(user.label)}/{_d(node.label)}")
                local = _local_formula(user, which, names)
                terms.append(f"{num(c.upstream)} · {_factor(local)}")
                values.append(f"{num(c.upstream)} · {_value(c.local)}")
            pieces = [d_node, " + ".join(chain)]
            if terms != values:
                pieces.append(" + ".join(terms))
            pieces += [" + ".join(values), num(step.grad)]
            formula = " = ".join(pieces)
        out.append(
            {
                "phase": "backward",
                "node": step.node,
                "text": backward.format(k=k, n=n, formula=formula),
            }
        )
    return out


# ---------------------------------------------------------------------------------- the HTML


def stepper_html(output: Value, *, lang: Lang = "en") -> str:
    """The step-by-step backpropagation widget for the graph of ``output``, in ``lang``.

    Args:
        output: The loss, a `gdcore.Value` whose every node has a label (at most 60 nodes).
        lang: ``"vi"`` or ``"en"``.

    Returns:
        The HTML (an SVG graph, the step sentence in a live region, *Next step* / *Back* /
        *Reset* buttons, a table of values and gradients, and the steps as JSON), to be
        printed by a ``python exec="on" html="1"`` block.

    Raises:
        TypeError: ``output`` is not a `gdcore.Value`.
        ValueError: unknown language, a node without label, or too large a graph.

    Example:
        >>> x = Value(3.0, label="x")
        >>> y = x**2
        >>> y.label = "y"
        >>> block = stepper_html(y, lang="vi")
        >>> "Bước tiếp" in block, "data-gd-backprop" in block
        (True, True)
    """
    lang = check_lang(lang)
    steps = backprop_steps(output)
    texts = step_texts(steps, lang)
    place = layout(steps)
    esc = html.escape
    names = [n.label for n in steps.nodes]
    formulas = [
        _formula(n.op, *(names[i] for i in n.inputs)) if n.inputs else "" for n in steps.nodes
    ]
    word = {m: ui(m, lang) for m in ("value", "gradient", "node", "computed as")}
    inputs = ", ".join(n.label for n in steps.nodes if not n.inputs)
    out_formula = f"{steps.output.label} = {formulas[-1]}" if formulas[-1] else steps.output.label
    label = ui(
        "Computational graph of {output}, drawn left to right from the inputs ({inputs}) to the "
        "output. Each box shows a value and, after the backward pass, its gradient; the table "
        "below lists the same numbers.",
        lang,
        output=out_formula,
        inputs=inputs,
    )
    svg = [
        f'<svg class="gd-backprop__graph" viewBox="0 0 {place.width:g} {place.height:g}" '
        f'style="--gd-backprop-min-width: {place.width / UNITS_PER_REM:.2f}rem" '
        f'role="img" aria-label="{esc(label)}">'
        '<defs><marker id="gd-backprop-arrow" viewBox="0 0 10 10" refX="9" refY="5" '
        'markerUnits="userSpaceOnUse" markerWidth="9" markerHeight="9" orient="auto">'
        '<path d="M0 0L10 5L0 10z" class="gd-backprop__arrowhead"/></marker></defs>'
    ]
    for node in steps.nodes:
        for k, i in enumerate(node.inputs):
            twins = node.inputs.count(i)  # a · a: one edge per use, side by side
            nth = node.inputs[:k].count(i)
            twin = (nth - (twins - 1) / 2) * TWIN_GAP
            svg.append(
                f'<path class="gd-backprop__edge" data-from="{i}" data-to="{node.index}" '
                f'd="{_edge_path(place, i, node.index, twin)}" '
                'marker-end="url(#gd-backprop-arrow)"/>'
            )
    for node in steps.nodes:
        x, y = place.x[node.index], place.y[node.index]
        head = node.label + (
            f" = {formulas[node.index]}"
            if formulas[node.index] and formulas[node.index] != node.label
            else ""
        )
        kind = "output" if node.index == len(steps.nodes) - 1 else "op" if node.inputs else "input"
        svg.append(
            f'<g class="gd-backprop__node gd-backprop__node--{kind}" data-node="{node.index}">'
            f'<rect x="{x:g}" y="{y:g}" width="{BOX_W}" height="{BOX_H}" rx="6"/>'
            f'<text x="{x + BOX_W / 2:g}" y="{y + 18:g}" text-anchor="middle" '
            f'class="gd-backprop__name">{esc(head)}</text>'
            f'<text x="{x + BOX_W / 2:g}" y="{y + 37:g}" text-anchor="middle" '
            f'class="gd-backprop__value">{esc(word["value"])} <tspan>?</tspan></text>'
            f'<text x="{x + BOX_W / 2:g}" y="{y + 56:g}" text-anchor="middle" '
            f'class="gd-backprop__grad">{esc(word["gradient"])} <tspan>?</tspan></text></g>'
        )
    svg.append("</svg>")
    rows = "".join(
        f'<tr data-node="{n.index}"><th scope="row">{esc(n.label)}</th>'
        f"<td>{esc(formulas[n.index] or '—')}</td>"
        f'<td class="gd-backprop__cell-value">{esc(num(n.data))}</td>'
        f'<td class="gd-backprop__cell-grad">{esc(num(n.grad))}</td></tr>'
        for n in steps.nodes
    )
    table = (
        f'<table class="gd-backprop__table"><thead><tr><th scope="col">{esc(word["node"])}</th>'
        f'<th scope="col">{esc(word["computed as"])}</th>'
        f'<th scope="col">{esc(word["value"])}</th>'
        f'<th scope="col">{esc(word["gradient"])}</th></tr></thead><tbody>{rows}</tbody></table>'
    )
    start = ui("Press “Next step” to run the forward pass, value by value.", lang)
    data = {
        "steps": texts,
        "values": [num(n.data) for n in steps.nodes],
        "grads": [num(n.grad) for n in steps.nodes],
        "start": start,
    }
    payload = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    button = '<button type="button" class="md-button gd-backprop__{0}">{1}</button>'
    return (
        f'<div class="gd-backprop" data-gd-backprop lang="{lang}">'
        f'<p class="gd-backprop__title"><strong>'
        f"{esc(ui('Backpropagation step by step', lang))}</strong></p>"
        f'<div class="gd-backprop__controls">'
        + button.format("next", esc(ui("Next step", lang)))
        + button.format("back", esc(ui("Back", lang)))
        + button.format("reset", esc(ui("Reset", lang)))
        + "</div>"
        f'<p class="gd-backprop__status" aria-live="polite">{esc(start)}</p>'
        f'<div class="gd-backprop__figure" tabindex="0" role="region" '
        f'aria-label="{esc(ui("Backpropagation step by step", lang))}">{"".join(svg)}</div>'
        f"{table}"
        f'<p class="gd-backprop__note">'
        f"{esc(ui('Every number is computed by gdcore’s Value when the site is built; the page only reveals them step by step.', lang))}"  # noqa: E501
        "</p>"
        f"<noscript><p>{esc(ui('JavaScript is needed to walk through the steps; the table shows the final values and gradients.', lang))}</p></noscript>"  # noqa: E501
        f'<script type="application/json" class="gd-backprop__data">{payload}</script>'
        "</div>"
    )
