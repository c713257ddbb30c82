"""gdcore.plots.valleys: the double well, the elongated bowl and the saddle figures."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from matplotlib.figure import Figure

from gdcore import plots
from gdcore.plots import to_svg

pytestmark = pytest.mark.filterwarnings("error")


@pytest.mark.parametrize(
    "build", [plots.double_well_descent, plots.elongated_bowl_descent, plots.saddle_descent]
)
def test_each_figure_speaks_both_languages_and_renders_the_same_twice(
    build: Callable[..., Figure],
) -> None:
    en, vi = build(lang="en"), build(lang="vi")
    assert en.get_label() and vi.get_label() and en.get_label() != vi.get_label()
    assert to_svg(vi) == to_svg(build(lang="vi"))
    with pytest.raises(ValueError, match="lang"):
        build(lang="fr")


def test_double_well_names_where_each_start_ends() -> None:
    label = str(plots.double_well_descent((-2.0, 0.3), lang="vi").get_label())
    assert "từ x₀ = −2 đến x = −1.036 (cực tiểu toàn cục)" in label
    assert "từ x₀ = 0.3 đến x = 0.9601 (cực tiểu cục bộ)" in label


def test_elongated_bowl_states_the_per_direction_factors() -> None:
    label = str(plots.elongated_bowl_descent(lr=0.05, lang="en").get_label())
    assert "|1 − 2η| = 0.9" in label and "|1 − 2κη| = 0" in label
    with pytest.raises(ValueError, match="start must be two finite numbers"):
        plots.elongated_bowl_descent(start=(1.0,), lang="en")


def test_saddle_ridge_start_stops_and_nudged_start_leaves() -> None:
    label = str(plots.saddle_descent(lang="en").get_label())
    assert "from (1, 0) it stops at (0, 0)" in label
    assert "from (1, 0.001) it leaves the frame" in label
    with pytest.raises(ValueError, match="steps must be an int"):
        plots.saddle_descent(steps=0)
