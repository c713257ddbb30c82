"""Figures for the lesson, drawn from what ``gdcore`` computes.

Every builder returns a `matplotlib.figure.Figure` (made with the object API on the
Agg canvas: no ``pyplot``, nothing shown, no file written), except
`descent_animation()`, which returns the bytes of an animated GIF. Every trajectory in
a figure is computed by `gdcore.gradient_descent()`, so a figure shows what the
library computes.

Each builder takes ``lang="vi"`` or ``lang="en"``: titles, axis labels, legends and
annotations are written in that language, and the figure's label
(``fig.get_label()``) is a full sentence describing the figure in that language, meant
as alt text for screen readers.

The style works on light and dark pages: transparent backgrounds; every piece of "ink"
(text, spines, ticks, arrows) is exactly ``#000000``, which the site replaces with the
page's text color; data are drawn in mid-tone colors readable on white and on dark
gray; legends have no frame; SVG text stays text (``svg.fonttype = "none"``).
`to_svg()` turns a figure into deterministic SVG text ready to be inlined in HTML.

Every figure builder takes ``layout="desktop"`` (7 in wide, panels side by side) or
``layout="phone"`` (3.7 in, a phone's column at its natural size: panels stacked, fewer ticks);
`relayout()` draws a figure again in the other layout from the same inputs. The smallest text
is `MIN_FONT_PT` of its layout (≥ 10 CSS px on a phone, ≥ 11 px on a desktop).

One module per family of figures: `one_d` (tangent lines, 1-D descent and its
animation), `learning_rate`, `losses` (loss shapes, MAE vs MSE, house prices), `two_d` (the
bowl, −∇f on the contours), `valleys` (double well, elongated bowl, saddle),
`graphs` (computational graph, loss curve), `backprop` (vanishing gradients through tanh
layers), `momentum` (the zigzag, the (η, β) map), `stochastic` (mini-batch SGD on the
diabetes data: batch sizes, a decaying rate), `adaptive` (feature scaling, four optimizers on the
elongated bowl, Adam's bias correction); `_base` holds the shared style and SVG output.

Examples:
    >>> from gdcore import plots
    >>> fig = plots.tangent_lines(lang="en")
    >>> svg = plots.to_svg(fig)
    >>> svg.startswith("<svg"), svg == plots.to_svg(fig)
    (True, True)
"""

from gdcore.plots._base import INK, LAYOUTS, MIN_FONT_PT, PALETTE, Lang, Layout, relayout, to_svg
from gdcore.plots.adaptive import adam_bias_correction, feature_scaling_contours, optimizer_paths
from gdcore.plots.backprop import vanishing_gradients
from gdcore.plots.graphs import computational_graph, loss_curve
from gdcore.plots.learning_rate import learning_rate_trajectories
from gdcore.plots.losses import house_price_fit, loss_shapes, mae_vs_mse_descent
from gdcore.plots.momentum import momentum_phases, momentum_zigzag
from gdcore.plots.one_d import descent_1d, descent_animation, descent_animation_alt, tangent_lines
from gdcore.plots.stochastic import sgd_batch_sizes, sgd_schedule
from gdcore.plots.two_d import bowl, gradient_arrows
from gdcore.plots.valleys import double_well_descent, elongated_bowl_descent, saddle_descent

__all__ = [
    "INK",
    "LAYOUTS",
    "MIN_FONT_PT",
    "PALETTE",
    "Lang",
    "Layout",
    "adam_bias_correction",
    "bowl",
    "computational_graph",
    "descent_1d",
    "descent_animation",
    "descent_animation_alt",
    "double_well_descent",
    "elongated_bowl_descent",
    "feature_scaling_contours",
    "gradient_arrows",
    "house_price_fit",
    "learning_rate_trajectories",
    "loss_curve",
    "loss_shapes",
    "mae_vs_mse_descent",
    "momentum_phases",
    "momentum_zigzag",
    "optimizer_paths",
    "relayout",
    "saddle_descent",
    "sgd_batch_sizes",
    "sgd_schedule",
    "tangent_lines",
    "to_svg",
    "vanishing_gradients",
]
