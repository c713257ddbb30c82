"""sitebuild.render.present: the Markdown tables and subscripts lesson blocks print."""

from __future__ import annotations

import markdown  # type: ignore[import-untyped]
import pytest

from sitebuild.render.present import cell, markdown_table, subscript


def test_subscript_writes_every_digit_below() -> None:
    assert subscript("x", 0) == "x₀"
    assert subscript("x", 1234567890) == "x₁₂₃₄₅₆₇₈₉₀"
    assert subscript("p", -1) == "p₋₁"


def test_subscript_refuses_non_integers() -> None:
    with pytest.raises(TypeError, match="index must be an int"):
        subscript("x", 1.0)  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="index must be an int"):
        subscript("x", True)


def test_cells_round_floats_use_a_true_minus_and_escape_bars() -> None:
    assert cell(0.1 + 0.2) == "0.3"
    assert cell(-3.0) == "−3"
    assert cell(1 / 3, digits=3) == "0.333"
    assert cell(7) == "7"
    assert cell("|x| grows") == "\\|x\\| grows"
    assert cell("already \\| escaped") == "already \\| escaped"


def test_table_renders_as_an_html_table() -> None:
    text = markdown_table(["a", "|b|"], [[1, -2.5], ["x", "y|z"]], align="lr")
    html = markdown.markdown(text, extensions=["tables"])
    assert html.count("<tr>") == 3
    assert "<th>|b|</th>" in html.replace(' style="text-align: right;"', "")
    assert "<td>y|z</td>" in html.replace(' style="text-align: right;"', "")
    assert "−2.5" in html
    assert text.startswith("\n|") and text.endswith("|\n")


def test_table_refuses_rows_and_alignments_of_the_wrong_width() -> None:
    with pytest.raises(ValueError, match="row 2 has 1 cells; the header has 2"):
        markdown_table(["a", "b"], [[1, 2], [3]])
    with pytest.raises(ValueError, match="one of l, r, c, - per column"):
        markdown_table(["a", "b"], [], align="l")
    with pytest.raises(ValueError, match="one of l, r, c, - per column"):
        markdown_table(["a"], [], align="x")


def test_whole_numbers_are_grouped_by_thousands() -> None:
    assert cell(2_000) == "2000"  # four digits stay whole (the glossary's usage section)
    assert cell(10_000) == "10\u202f000"
    assert cell(-16_000_000) == "−16\u202f000\u202f000"
    assert cell(42) == "42"
    assert cell(False) == "False"
