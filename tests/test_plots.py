"""Tests for gdcore.plots: every figure in both languages, its SVG, and the GIF."""

from __future__ import annotations

import io
import re
from collections.abc import Callable

import numpy as np
import pytest
from matplotlib.figure import Figure
from matplotlib.patches import FancyBboxPatch
from matplotlib.text import Text
from PIL import Image

from gdcore import landscapes, plots
from gdcore.autodiff import Value
from gdcore.descent import DescentResult, gradient_descent
from gdcore.plots import Lang
from sitebuild.render import figure_font

SVG_LIMIT = 150_000  # bytes: every SVG figure stays under this
GIF_LIMIT = 150_000  # bytes: the animation is inlined as base64 on its page

# Letters that only Vietnamese text has (English alt text must have none of them).
VIETNAMESE = re.compile(
    r"[ăâđêôơưĂÂĐÊÔƠƯàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]"
)
# English words that must not be left untranslated in a Vietnamese figure.
ENGLISH_WORDS = re.compile(
    r"\b(the|step|steps|loss|descent|learning|tangent|iterates?|constant|surface|contour"
    r"|houses?|price|area|outlier|undefined|slope|diverges|converges|oscillates|data|grad"
    r"|start|first|minimum|after|each|training)\b",
    re.IGNORECASE,
)


def chain_rule_graph() -> Value:
    """The lesson's chain-rule example: f = 2x − 1, g = (f − 3)², at x = 3, backpropagated."""
    x = Value(3.0, label="x")
    f = 2 * x - 1
    f.label = "f"
    g = (f - 3) ** 2
    g.label = "g"
    g.backward()
    return g


def descent_result() -> DescentResult:
    return gradient_descent(
        landscapes.parabola, 70.0, lr=0.1, grad=landscapes.parabola_grad, max_steps=30
    )


BUILDERS: dict[str, Callable[[Lang], Figure]] = {
    "tangent_lines": lambda lang: plots.tangent_lines((5, 1, 0, -3), lang=lang),
    "descent_1d": lambda lang: plots.descent_1d(descent_result(), lr=0.1, lang=lang),
    "learning_rate_trajectories": lambda lang: plots.learning_rate_trajectories(lang=lang),
    "loss_shapes": lambda lang: plots.loss_shapes(lang=lang),
    "mae_vs_mse_descent": lambda lang: plots.mae_vs_mse_descent(1.75, 0.1, 30, lang=lang),
    "house_price_fit": lambda lang: plots.house_price_fit(lang=lang),
    "bowl": lambda lang: plots.bowl(lang=lang),
    "gradient_arrows": lambda lang: plots.gradient_arrows(lang=lang),
    "computational_graph": lambda lang: plots.computational_graph(chain_rule_graph(), lang=lang),
    "loss_curve": lambda lang: plots.loss_curve(
        [4.0 * 0.8**k + 0.05 for k in range(40)], lang=lang
    ),
}

_figures: dict[tuple[str, Lang], Figure] = {}
_svgs: dict[str, str] = {}


def figure(name: str, lang: Lang) -> Figure:
    if (name, lang) not in _figures:
        _figures[name, lang] = BUILDERS[name](lang)
    return _figures[name, lang]


def svg(name: str) -> str:
    if name not in _svgs:
        _svgs[name] = plots.to_svg(figure(name, "vi"))
    return _svgs[name]


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


# --------------------------------------------------------------------------- every builder


@pytest.mark.parametrize("name", BUILDERS)
@pytest.mark.parametrize("lang", ["en", "vi"])
def test_builder_returns_figure_with_alt_text_in_its_language(name: str, lang: Lang) -> None:
    fig = figure(name, lang)
    assert isinstance(fig, Figure)
    alt = fig.get_label()
    assert len(alt) > 60 and alt.endswith("."), alt
    if lang == "vi":
        assert VIETNAMESE.search(alt), alt
    else:
        assert not VIETNAMESE.search(alt), alt


@pytest.mark.parametrize("name", BUILDERS)
def test_every_word_is_translated(name: str) -> None:
    vi, en = texts(figure(name, "vi")), texts(figure(name, "en"))
    assert len(vi) == len(en)
    leftovers = [t for t in vi if ENGLISH_WORDS.search(t)]
    assert not leftovers, leftovers
    assert any(VIETNAMESE.search(t) for t in vi)
    assert not any(VIETNAMESE.search(t) for t in en)


@pytest.mark.parametrize("name", BUILDERS)
def test_svg_is_deterministic_inline_and_small(name: str) -> None:
    text = svg(name)
    assert text == plots.to_svg(figure(name, "vi"))  # byte-identical on a second render
    assert text.startswith("<svg ") and text.rstrip().endswith("</svg>")
    assert "<?xml" not in text and "DOCTYPE" not in text and "<metadata" not in text
    assert "viewBox=" in text
    assert "<style" not in text  # no page-wide CSS once inlined
    assert "<image" not in text  # vector only, no embedded raster
    assert len(text.encode()) < SVG_LIMIT
    assert "#ffffff" not in text.lower() and "fill: white" not in text


@pytest.mark.parametrize("name", BUILDERS)
def test_svg_ink_is_exactly_black_and_text_stays_text(name: str) -> None:
    text = svg(name)
    assert re.match(r'<svg fill="#000000"', text)  # black text inherits this: one colour to swap
    assert "<text" in text
    assert not re.search(r"<text[^>]*fill: #(?!000000)", text)  # no text in another colour
    assert "stroke: #000000" in text  # spines, ticks, arrows
    assert any(colour in text for colour in plots.PALETTE)  # data in mid-tone colours
    ids = re.findall(r' id="([^"]+)"', text)
    assert len(ids) == len(set(ids))
    for ref in re.findall(r'(?:url\(#|href="#)([^)"]+)', text):
        assert ref in ids


def test_svg_ids_differ_between_figures() -> None:
    a = set(re.findall(r' id="([^"]+)"', svg("loss_shapes")))
    b = set(re.findall(r' id="([^"]+)"', svg("mae_vs_mse_descent")))
    assert a and b and not a & b


def test_figures_have_transparent_backgrounds() -> None:
    for name in BUILDERS:
        fig = figure(name, "en")
        assert fig.patch.get_facecolor()[3] == 0
        for ax in fig.axes:
            if ax.patch.get_visible():
                assert ax.patch.get_facecolor()[3] == 0, name


@pytest.mark.parametrize(
    "build",
    [
        lambda: plots.tangent_lines(lang="fr"),  # type: ignore[arg-type]
        lambda: plots.descent_1d(descent_result(), lang="fr"),  # type: ignore[arg-type]
        lambda: plots.learning_rate_trajectories(lang="de"),  # type: ignore[arg-type]
        lambda: plots.loss_shapes(lang="VI"),  # type: ignore[arg-type]
        lambda: plots.mae_vs_mse_descent(lang=""),  # type: ignore[arg-type]
        lambda: plots.house_price_fit(lang="english"),  # type: ignore[arg-type]
        lambda: plots.bowl(lang="fr"),  # type: ignore[arg-type]
        lambda: plots.computational_graph(chain_rule_graph(), lang="fr"),  # type: ignore[arg-type]
        lambda: plots.loss_curve([1.0, 0.5], lang="fr"),  # type: ignore[arg-type]
        lambda: plots.descent_animation(lang="fr"),  # type: ignore[arg-type]
        lambda: plots.descent_animation_alt(lang="fr"),  # type: ignore[arg-type]
    ],
)
def test_unknown_language_is_a_value_error(build: Callable[[], object]) -> None:
    with pytest.raises(ValueError, match="lang"):
        build()


# --------------------------------------------------------------------------- contents


def test_tangent_lines_shows_the_computed_slopes() -> None:
    fig = figure("tangent_lines", "en")
    assert "10, 2, 0 and −6" in fig.get_label()
    shown = " ".join(texts(fig))
    for label in ("f′(5) = 10", "f′(1) = 2", "f′(0) = 0", "f′(−3) = −6"):
        assert label in shown
    assert "10, 2, 0 và −6" in figure("tangent_lines", "vi").get_label()


def test_descent_1d_numbers_the_iterates_and_rejects_2d_paths() -> None:
    fig = figure("descent_1d", "en")
    assert "x₀ = 70, x₁ = 56, x₂ = 44.8" in fig.get_label()
    numbers = {t for t in texts(fig) if t.isdigit()}
    assert {"0", "1", "2", "30"} <= numbers
    flat = gradient_descent(landscapes.bowl, [6.0, 9.0], lr=0.1, grad=landscapes.bowl_grad)
    with pytest.raises(ValueError, match="1-D"):
        plots.descent_1d(flat)


def test_learning_rate_outcomes_follow_the_computation() -> None:
    titles = [ax.get_title() for ax in figure("learning_rate_trajectories", "en").axes]
    assert titles == [
        "η = 0.001: barely moves",
        "η = 0.1: converges",
        "η = 0.5: lands on 0 in one step",
        "η = 0.9: oscillates, converges",
        "η = 1: oscillates forever",
        "η = 1.1: diverges",
    ]
    vi = [ax.get_title() for ax in figure("learning_rate_trajectories", "vi").axes]
    assert vi[-1] == "η = 1.1: phân kỳ" and vi[-2] == "η = 1: dao động mãi"
    # The diverging trajectory is cut where it leaves the shared y range, and says so.
    assert any(
        "leaves the plot at k = 3" in t for t in texts(figure("learning_rate_trajectories", "en"))
    )


def test_loss_shapes_marks_where_derivatives_do_not_exist() -> None:
    fig = figure("loss_shapes", "en")
    assert len(fig.axes) == 6
    shown = texts(fig)
    assert "undefined at 0" in shown and "undefined at the jump" in shown
    open_circles = [
        line
        for ax in fig.axes
        for line in ax.get_lines()
        if line.get_marker() == "o" and line.get_markerfacecolor() == "none"
    ]
    assert len(open_circles) == 3  # |x|′ at (0, ±1), the step at (0, 0) and its derivative


def test_mae_oscillates_within_eta_while_mse_settles() -> None:
    fig = plots.mae_vs_mse_descent(1.75, 0.1, 30, lang="en")
    alt = fig.get_label()
    amplitude = float(re.search(r"amplitude ([\d.]+)", alt).group(1))  # type: ignore[union-attr]
    assert 0 < amplitude <= 0.1


def test_house_price_fit_mse_line_is_pulled_by_the_outlier() -> None:
    fig = figure("house_price_fit", "en")
    slopes = [float(v) for v in re.findall(r"≈ ([\d.]+)·area", fig.get_label())]
    mse_slope, mae_slope = slopes
    assert mse_slope > 1.2 * mae_slope


def test_bowl_marks_the_first_step() -> None:
    fig = figure("bowl", "en")
    assert len(fig.axes) == 2
    assert "(6, 9) to (4.8, 7.2)" in fig.get_label()
    assert any("(6, 9) → (4.8, 7.2)" in t for t in texts(fig))
    assert "(6, 9) đến (4.8, 7.2)" in figure("bowl", "vi").get_label()


def test_computational_graph_of_the_chain_rule_example() -> None:
    fig = figure("computational_graph", "en")
    alt = fig.get_label()
    assert "5 values and 4 operations (× 2, − 1, − 3, ( )²)" in alt
    assert "input x: data 3, grad 8" in alt
    shown = texts(fig)
    assert {"x", "f", "g", "× 2", "( )²"} <= set(shown)
    assert "data 3\ngrad 8" in shown


def test_computational_graph_handles_deep_and_shared_graphs() -> None:
    x = Value(0.5, label="x")
    y = x
    for _ in range(40):
        y = y * 1.0 + x  # x feeds every layer: a deep graph with a shared input
    y.backward()
    fig = plots.computational_graph(y, lang="vi")
    assert fig.get_label().startswith("Đồ thị tính toán gồm 81 giá trị")
    z = x
    for _ in range(201):
        z = z + 1.0
    with pytest.raises(ValueError, match="200"):
        plots.computational_graph(z)


def test_loss_curve_uses_a_log_axis_for_a_wide_range_and_checks_input() -> None:
    assert figure("loss_curve", "en").axes[0].get_yscale() == "log"
    assert plots.loss_curve([3.0, 2.0, 1.5], lang="en").axes[0].get_yscale() == "linear"
    for bad in ([], [1.0, float("nan")]):
        with pytest.raises(ValueError):
            plots.loss_curve(bad)


def test_to_svg_keeps_figures_unchanged_for_other_renders() -> None:
    fig = plots.loss_curve(np.linspace(2.0, 1.0, 5), lang="en")
    first = plots.to_svg(fig)
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png")  # rendering elsewhere does not change the SVG
    assert plots.to_svg(fig) == first


# --------------------------------------------------------------------------- the GIF


@pytest.fixture(scope="module")
def gif_en() -> bytes:
    return plots.descent_animation(70.0, 0.1, 25, lang="en")


def test_animation_is_a_small_looping_gif(gif_en: bytes) -> None:
    assert gif_en[:6] == b"GIF89a"
    assert len(gif_en) <= GIF_LIMIT
    with Image.open(io.BytesIO(gif_en)) as im:
        assert im.n_frames > 10
        assert im.info.get("loop") == 0  # forever
        assert im.size[0] <= 700
        im.seek(im.n_frames - 1)
        assert im.convert("RGB").getpixel((2, 2)) == (255, 255, 255)  # white background


def test_animation_is_deterministic_and_translated(gif_en: bytes) -> None:
    assert plots.descent_animation(70.0, 0.1, 25, lang="en") == gif_en
    gif_vi = plots.descent_animation(70.0, 0.1, 25, lang="vi")
    assert gif_vi != gif_en and len(gif_vi) <= GIF_LIMIT
    assert plots.descent_animation_alt(lang="vi").startswith("Ảnh động minh họa hạ gradient")
    assert "x₀ = 70" in plots.descent_animation_alt(lang="en")


def test_animation_rejects_bad_steps() -> None:
    for steps in (0, 61, 2.5):
        with pytest.raises(ValueError, match="steps"):
            plots.descent_animation(steps=steps)  # type: ignore[arg-type]


# --------------------------------------------------------------------------- layouts

LAYOUT_WIDTH = {"desktop": 7.0, "phone": 3.7}  # inches: the column each layout is drawn for


@pytest.mark.parametrize("layout", plots.LAYOUTS)
@pytest.mark.parametrize("name", BUILDERS)
def test_every_layout_fits_its_column_with_text_at_least_its_minimum(
    name: str, layout: plots.Layout
) -> None:
    figure_font.register()  # laid out with the Roboto the site ships, as on the site
    fig = plots.relayout(figure(name, "vi"), layout)  # Vietnamese: the longer words
    assert fig.get_figwidth() <= LAYOUT_WIDTH[layout] + 1e-9
    sizes = [
        t.get_fontsize() for t in fig.findobj(Text) if t.get_text().strip() and t.get_visible()
    ]
    assert min(sizes) >= plots.MIN_FONT_PT[layout]
    assert fig.get_label() == figure(name, "vi").get_label()


def test_the_computational_graph_runs_down_a_phone_and_across_a_desktop() -> None:
    wide = figure("computational_graph", "vi")
    tall = plots.relayout(wide, "phone")
    assert wide.get_figwidth() > 2 * wide.get_figheight()
    assert tall.get_figheight() > tall.get_figwidth()

    def boxes(fig: Figure) -> list[tuple[float, float]]:
        return sorted(
            (round(p.get_x(), 3), round(p.get_y(), 3))
            for p in fig.axes[0].patches
            if isinstance(p, FancyBboxPatch) and p.get_height() > 0.5  # values, not operations
        )

    assert len({x for x, _ in boxes(wide)}) == 5 and len({y for _, y in boxes(wide)}) == 1
    assert len({x for x, _ in boxes(tall)}) == 1 and len({y for _, y in boxes(tall)}) == 5


# Words that place a panel on the page: wrong once the panels of a phone layout are stacked.
PLACED = re.compile(
    r"\b(left|right)\b[:,]|\((left|right)\)|\b(top|bottom) row\b|left to right"
    r"|bên (trái|phải)\b[:,)]|hàng (trên|dưới)|từ trái sang phải",
    re.IGNORECASE,
)


@pytest.mark.parametrize("lang", ["en", "vi"])
@pytest.mark.parametrize(
    "build",
    [
        *BUILDERS.values(),
        lambda lang: plots.momentum_zigzag(0.09, 0.02, 0.7, lang=lang),
        lambda lang: plots.elongated_bowl_descent(lang=lang),
        lambda lang: plots.double_well_descent(lang=lang),
        lambda lang: plots.saddle_descent(lang=lang),
    ],
)
def test_alt_text_holds_for_both_layouts(build: Callable[[Lang], Figure], lang: Lang) -> None:
    alt = build(lang).get_label()
    assert not PLACED.search(alt), alt


def test_svg_draws_nothing_invisible_and_has_no_empty_groups() -> None:
    text = svg("bowl")
    assert 'style="fill: none"/>' not in text and 'opacity: 0"' not in text
    assert "<g>" not in text and not re.search(r'd="M-?[\d.]+ -?[\d.]+"', text)
    assert "\n<" not in text.rstrip()  # no whitespace between tags
    assert not re.search(r"\d\.\d\d", " ".join(re.findall(r' d="([^"]*)"', text)))
