"""The figures of the SGD / feature-scaling / Adam chapter: both languages, SVG, the numbers."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from matplotlib.figure import Figure
from matplotlib.text import Text

from gdcore.plots import to_svg
from gdcore.plots.adaptive import adam_bias_correction, feature_scaling_contours, optimizer_paths
from gdcore.plots.stochastic import sgd_batch_sizes, sgd_schedule

VIETNAMESE = re.compile(r"[ăâđêôơưàáảãạằắẳẵặầấẩẫậèéẻẽẹềếểễệìíỉĩịòóỏõọồốổỗộờớởỡợùúủũụừứửữựỳýỷỹỵ]")
SVG_LIMIT = 100_000  # bytes: a page of the chapter carries two or three of these

BUILDERS: dict[str, Callable[..., Figure]] = {
    "sgd_batch_sizes": sgd_batch_sizes,
    "sgd_schedule": sgd_schedule,
    "feature_scaling_contours": feature_scaling_contours,
    "optimizer_paths": optimizer_paths,
    "adam_bias_correction": adam_bias_correction,
}
_cache: dict[tuple[str, str], Figure] = {}


def figure(name: str, lang: str) -> Figure:
    if (name, lang) not in _cache:
        _cache[name, lang] = BUILDERS[name](lang=lang)
    return _cache[name, lang]


def texts(fig: Figure) -> list[str]:
    return [t.get_text() for t in fig.findobj(Text) if t.get_text().strip()]


@pytest.mark.parametrize("name", BUILDERS)
def test_both_languages_alt_text_and_words(name: str) -> None:
    vi, en = figure(name, "vi"), figure(name, "en")
    assert VIETNAMESE.search(vi.get_label()) and not VIETNAMESE.search(en.get_label())
    assert vi.get_label().endswith(".") and len(en.get_label()) > 200
    assert len(texts(vi)) == len(texts(en))
    assert not any(VIETNAMESE.search(t) for t in texts(en))


@pytest.mark.parametrize("name", BUILDERS)
def test_svg_is_small_deterministic_and_text_is_at_least_11pt(name: str) -> None:
    fig = figure(name, "vi")
    svg = to_svg(fig)
    assert svg == to_svg(fig) and svg.startswith("<svg")
    assert len(svg.encode()) < SVG_LIMIT
    assert fig.get_figwidth() <= 6.5
    sizes = [float(s) for s in re.findall(r"font-size: ([0-9.]+)px", svg)]
    assert sizes and min(sizes) >= 11.0, sorted(set(sizes))


def test_the_numbers_in_the_alt_texts_are_computed() -> None:
    assert "53\u202f040" in figure("sgd_batch_sizes", "en").get_label()
    scaling = figure("feature_scaling_contours", "en").get_label()
    assert "κ = 2.63×10⁴" in scaling and "5.24×10⁷ raw and 470 standardized" in scaling
    paths = figure("optimizer_paths", "en").get_label()
    for n in ("118 steps", "37 steps", "71 steps", "419 steps"):
        assert n in paths
    bias = figure("adam_bias_correction", "en").get_label()
    assert "(1 η at t = 1)" in bias and "3.16 η" in bias
    schedule = figure("sgd_schedule", "en").get_label()
    far = float(re.findall(r"mean distance ([0-9.]+) from", schedule)[0])
    near = float(re.findall(r"close to it \(([0-9.]+)\)", schedule)[0])
    assert "noise ball" in schedule and near < far / 5


def test_bad_arguments_are_refused() -> None:
    with pytest.raises(ValueError, match="one to three batch sizes"):
        sgd_batch_sizes((1, 2, 3, 4))
    with pytest.raises(ValueError, match="epochs must be an int >= 2"):
        sgd_schedule(epochs=1)
    with pytest.raises(ValueError, match="steps must be an int >= 1"):
        feature_scaling_contours(steps=0)
    with pytest.raises(ValueError, match="lang must be one of"):
        optimizer_paths(lang="fr")


@pytest.mark.parametrize("name", ["sgd_batch_sizes", "sgd_schedule"])
def test_the_sgd_figures_have_a_phone_layout_drawn_at_its_natural_size(name: str) -> None:
    from gdcore.plots import MIN_FONT_PT, relayout

    phone = relayout(figure(name, "vi"), "phone")
    assert phone.get_figwidth() <= 3.7
    sizes = [t.get_fontsize() for t in phone.findobj(Text) if t.get_text().strip()]
    assert min(sizes) >= MIN_FONT_PT["phone"]
    assert phone.get_label() == figure(name, "vi").get_label()
