"""Self-check questions and the backprop stepper, on the Python side (no browser needed).

The answer keys must be gdcore's numbers (recomputed here independently), the typical
mistakes must be the mistakes they claim to be, both languages must have every text, and a
text file that does not fit the questions must fail the build with a message naming it.
"""

from __future__ import annotations

import re
from typing import Any

import pytest
from sitecheck import LESSON_PAGES

import gdcore as gd
from gdcore.backprop_steps import MAX_NODES, backprop_steps
from sitebuild.widgets import quiz
from sitebuild.widgets.backprop import step_texts, stepper_html
from sitebuild.widgets.quiz import Choice, Numeric, questions, quiz_data, quiz_html

VIETNAMESE = re.compile("[ăâđêôơưàảãáạằẳẵắặầẩẫấậèẻẽéẹềểễếệìỉĩíịòỏõóọồổỗốộờởỡớợùủũúụừửữứựỳỷỹýỵ]")


def by_id(page: str) -> dict[str, Any]:
    return {q.id: q for q in questions(page)}


def test_every_lesson_page_has_at_least_three_questions_of_both_kinds() -> None:
    assert set(quiz.PAGES) == set(LESSON_PAGES)
    kinds = set()
    for page in LESSON_PAGES:
        found = questions(page)
        assert len(found) >= 3, page
        assert any(isinstance(q, Numeric) for q in found), page
        kinds |= {type(q) for q in found}
    assert kinds == {Choice, Numeric}


def test_numeric_answers_are_gdcore_numbers() -> None:
    from gdcore.landscapes import bowl, bowl_grad, parabola, parabola_grad

    path = gd.gradient_descent(
        parabola, 70.0, lr=0.1, grad=parabola_grad, max_steps=2, record="all"
    ).path
    assert path is not None
    q = by_id("gradient-descent")
    assert q["x1"].answer == pytest.approx(path[1]) and q["x1"].answer == 56.0
    assert q["x2"].answer == pytest.approx(path[2]) and q["x2"].answer == 44.8
    assert by_id("derivative")["slope"].answer == pytest.approx(gd.derivative(parabola, 5.0))
    lr = by_id("learning-rate")
    assert lr["overshoot"].answer == pytest.approx(70.0 - 0.9 * parabola_grad(70.0))
    assert lr["diverges"].correct == "eta_1_1"
    assert gd.gradient_descent(parabola, 70.0, lr=1.1, grad=parabola_grad).status == "diverged"
    p1 = gd.gradient_descent(
        bowl, [6.0, 9.0], lr=0.1, grad=bowl_grad, max_steps=1, record="all"
    ).path
    assert p1 is not None
    assert by_id("gradient-descent-2d")["y1"].answer == pytest.approx(p1[1][1])
    assert by_id("gradient-descent-2d")["dfdy"].answer == pytest.approx(bowl_grad([6.0, 9.0])[1])
    assert by_id("loss-functions")["mse_grad"].answer == pytest.approx(
        gd.losses.mse_grad([4.0], [0.0])[0]
    )
    assert by_id("loss-functions")["mae_grad"].answer == -1.0
    chain = by_id("chain-rule")
    assert chain["dx"].answer == pytest.approx(8 * 5 - 16)
    w, x, b, y = (gd.Value(v) for v in (0.5, 3.0, 1.0, 4.0))
    loss = (w * x + b - y) ** 2
    loss.backward()
    assert chain["neuron_w"].answer == pytest.approx(w.grad)
    assert chain["neuron_update"].answer == pytest.approx(0.5 - 0.1 * w.grad)


def test_typical_mistakes_are_the_mistakes_they_name() -> None:
    x2 = by_id("gradient-descent")["x2"].mistakes
    assert x2["sign"] == pytest.approx(70 * 1.2**2)  # x + η·2x, twice
    assert x2["eta_x"] == pytest.approx(70 * 0.9**2)  # x − η·x, twice
    assert x2["too_many"] == pytest.approx(70 * 0.8**3)  # x₃
    assert x2["too_few"] == pytest.approx(70 * 0.8)  # x₁
    neuron = by_id("chain-rule")["neuron_w"].mistakes
    assert neuron["no_x"] == pytest.approx(2 * (2.5 - 4))  # ∂L/∂ŷ, the x forgotten
    assert neuron["no_two"] == pytest.approx((2.5 - 4) * 3)
    assert neuron["sign"] == pytest.approx(-2 * (2.5 - 4) * 3)


def test_mistakes_never_collide_with_the_answer_or_each_other() -> None:
    for page in LESSON_PAGES:
        for q in questions(page):
            if isinstance(q, Numeric):
                values = [q.answer, *q.mistakes.values()]
                gaps = [abs(a - b) for i, a in enumerate(values) for b in values[i + 1 :]]
                assert min(gaps) > 2 * q.tol, (page, q.id, values)


def test_a_colliding_mistake_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    bad = Numeric("x1", 56.0, {"sign": 56.001})
    monkeypatch.setitem(quiz.PAGES, "derivative", lambda: [bad])
    with pytest.raises(ValueError, match="derivative/x1: mistake 'sign' equals the answer"):
        questions("derivative")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_both_languages_have_every_text_and_no_field_is_left_unfilled(lang: str) -> None:
    for page in LESSON_PAGES:
        for q in quiz_data(page, lang):  # type: ignore[arg-type]
            texts = [q["prompt"], q["explanation"]]
            if q["kind"] == "choice":
                texts += [t for _, t in q["options"]] + list(q["hints"].values())
                assert set(q["hints"]) == {o for o, _ in q["options"]} - {q["correct"]}
            else:
                texts += [h for _, h in q["mistakes"]] + [q["hint"]]
            for text in texts:
                assert "{" not in text and "}" not in text, (page, q["id"], text)
            prose = " ".join([q["prompt"], q["explanation"]])
            assert bool(VIETNAMESE.search(prose)) == (lang == "vi"), (page, q["id"], prose)


def test_the_two_languages_ask_the_same_questions() -> None:
    for page in LESSON_PAGES:
        vi, en = quiz_data(page, "vi"), quiz_data(page, "en")
        strip = ("prompt", "explanation", "hint", "hints", "mistakes", "options")
        assert [{k: v for k, v in q.items() if k not in strip} for q in vi] == [
            {k: v for k, v in q.items() if k not in strip} for q in en
        ]
        assert [[m[0] for m in q.get("mistakes", [])] for q in vi] == [
            [m[0] for m in q.get("mistakes", [])] for q in en
        ]


def test_a_text_file_that_does_not_fit_fails_and_names_the_key(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import copy

    original = quiz.quiz_texts("en")
    texts = copy.deepcopy(original)
    del texts["gradient-descent"]["x2"]["mistakes"]["eta_x"]
    monkeypatch.setattr(quiz, "quiz_texts", lambda lang: texts)
    with pytest.raises(ValueError, match=r"en\.yml: gradient-descent/x2/mistakes: expected"):
        quiz_data("gradient-descent", "en")
    texts = copy.deepcopy(original)
    texts["derivative"]["sign"]["explanation"] = "f′(−3) = {slop}"
    monkeypatch.setattr(quiz, "quiz_texts", lambda lang: texts)
    with pytest.raises(ValueError, match=r"derivative/sign/explanation: unknown field"):
        quiz_data("derivative", "en")


def test_quiz_html_refuses_unknown_pages_and_languages() -> None:
    with pytest.raises(ValueError, match="no questions for page 'summary'"):
        quiz_html("summary", lang="en")
    with pytest.raises(ValueError, match="lang must be one of"):
        quiz_html("derivative", lang="fr")  # type: ignore[arg-type]


def test_quiz_html_carries_the_page_words_in_its_language() -> None:
    vi = quiz_html("gradient-descent", lang="vi")
    en = quiz_html("gradient-descent", lang="en")
    assert "Kiểm tra" in vi and "Xem lời giải" in vi and '"comma":true' in vi
    assert "Check" in en and "Show the solution" in en and '"comma":false' in en
    assert 'role="status" aria-live="polite"' in en and 'inputmode="decimal"' in en


# ------------------------------------------------------------------------- the backprop walk


def neuron() -> gd.Value:
    w, b = gd.Value(0.5, label="w"), gd.Value(1.0, label="b")
    x, y = gd.Value(3.0, label="x"), gd.Value(4.0, label="y")
    wx = w * x
    wx.label = "wx"
    y_hat = wx + b
    y_hat.label = "ŷ"
    error = y_hat - y
    error.label = "ŷ − y"
    loss = error**2
    loss.label = "L"
    return loss


def test_backprop_steps_are_values_own_numbers() -> None:
    loss = neuron()
    steps = backprop_steps(loss)
    by_label = {n.label: n for n in steps.nodes}
    assert [n.label for n in steps.nodes] == ["w", "x", "wx", "b", "ŷ", "y", "ŷ − y", "L"]
    assert by_label["w"].grad == -9.0 and by_label["b"].grad == -3.0
    assert by_label["ŷ"].data == 2.5 and by_label["L"].data == 2.25
    # The backward order: every node after all the nodes that use it.
    done: set[int] = set()
    for step in steps.backward:
        assert all(c.consumer in done for c in step.contributions)
        assert step.grad == pytest.approx(
            sum(c.local * c.upstream for c in step.contributions) if step.contributions else 1.0
        )
        done.add(step.node)
    assert len(done) == len(steps.nodes)


def test_a_node_used_twice_gets_two_contributions() -> None:
    a = gd.Value(3.0, label="a")
    c = a * a + a
    c.label = "c"
    steps = backprop_steps(c)
    step_a = next(s for s in steps.backward if steps.nodes[s.node].label == "a")
    assert len(step_a.contributions) == 3 and step_a.grad == 2 * 3.0 + 1 == a.grad


def test_backprop_steps_refuses_bad_input() -> None:
    with pytest.raises(TypeError, match="needs a gdcore Value; got float"):
        backprop_steps(3.0)  # type: ignore[arg-type]
    x = gd.Value(1.0)
    for _ in range(MAX_NODES):
        x = x + 1
    with pytest.raises(ValueError, match="at most 60"):
        backprop_steps(x)


def test_stepper_sentences_quote_values_numbers() -> None:
    texts = [s["text"] for s in step_texts(backprop_steps(neuron()), "en")]
    assert len(texts) == 16
    assert texts[4] == "Forward pass, step 5 of 8: ŷ = wx + b = 1.5 + 1 = 2.5"
    assert (
        texts[-1]
        == "Backward pass, step 8 of 8: ∂L/∂w = ∂L/∂(wx) · ∂(wx)/∂w = −3 · x = −3 · 3 = −9"
    )
    vi = [s["text"] for s in step_texts(backprop_steps(neuron()), "vi")]
    assert vi[0] == "Lan truyền xuôi, bước 1/8: w = 0.5 (đầu vào)"


def test_stepper_needs_labels() -> None:
    x = gd.Value(2.0, label="x")
    with pytest.raises(ValueError, match=r"the result of '\* 3' \(value 6\) has none"):
        stepper_html(3 * x, lang="en")
