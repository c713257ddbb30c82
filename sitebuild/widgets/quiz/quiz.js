/* Self-check questions (sitebuild/quiz.py writes the HTML and the data).
 *
 * The answers, the typical mistakes and every number in the hints were computed by gdcore when
 * the site was built; this script only compares what the reader answers with them, says so in
 * the page's language (a polite live region), and keeps the answers in localStorage so they
 * come back on reload. Plain JavaScript, no library, nothing fetched.
 */
(function () {
  "use strict";

  var STORE = "gdcore-quiz-v1:";

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (match, key) {
      return key in values ? values[key] : match;
    });
  }

  /* A number typed by a person, or null. A real minus sign (U+2212) and a leading + are fine;
   * on Vietnamese pages a decimal comma too ("44,8"). Nothing else is accepted: no thousands
   * separators, no exponent, no silent rounding. */
  function parseNumber(text, comma) {
    var s = text.trim().replace(/\u2212/g, "-");
    var pattern = comma ? /^[+-]?(\d+([.,]\d+)?|[.,]\d+)$/ : /^[+-]?(\d+(\.\d+)?|\.\d+)$/;
    if (!pattern.test(s)) return null;
    return Number(s.replace(",", "."));
  }

  function load(key) {
    try {
      return JSON.parse(window.localStorage.getItem(key) || "{}") || {};
    } catch (e) {
      return {};
    }
  }

  function save(key, state) {
    try {
      window.localStorage.setItem(key, JSON.stringify(state));
    } catch (e) {
      /* storage full or disabled: the quiz still works, it just forgets */
    }
  }

  function setup(root) {
    var config = JSON.parse(root.querySelector(".gd-quiz__data").textContent);
    var text = config.text;
    var key = STORE + config.lang + ":" + config.page;
    var state = load(key);
    var score = root.querySelector(".gd-quiz__score");
    var items = root.querySelectorAll(".gd-quiz__question");
    var byId = {};
    config.questions.forEach(function (q) { byId[q.id] = q; });

    function updateScore() {
      var right = 0;
      config.questions.forEach(function (q) {
        if (state[q.id] && state[q.id].correct) right += 1;
      });
      score.textContent = fill(text["{right} of {total} answered correctly."],
                               {right: right, total: config.questions.length});
    }

    /* Judge one answer: {correct, judged, invalid, message}; "judged" is false when there is
     * nothing to judge yet (no option picked, an empty field, or not a number). */
    function judge(q, answer) {
      var verdict = judgeText(q, answer);
      verdict.judged = verdict.correct || verdict.wrong === true;
      return verdict;
    }

    function wrong(message) {
      return {correct: false, wrong: true, message: text["Not yet."] + " " + message};
    }

    function judgeText(q, answer) {
      if (q.kind === "choice") {
        if (!answer) return {correct: false, message: text["Pick an option first."]};
        if (answer === q.correct) return {correct: true, message: text["Correct."]};
        return wrong(q.hints[answer]);
      }
      if (!answer.trim()) return {correct: false, message: text["Type your answer first."]};
      var value = parseNumber(answer, config.comma);
      if (value === null) {
        return {correct: false, invalid: true, message: fill(
          text["\u201c{text}\u201d is not a number. Type a number such as 44.8 or \u22123."],
          {text: answer.trim()})};
      }
      if (Math.abs(value - q.answer) <= q.tol) return {correct: true, message: text["Correct."]};
      for (var k = 0; k < q.mistakes.length; k++) {
        if (Math.abs(value - q.mistakes[k][0]) <= q.tol) {
          return wrong(q.mistakes[k][1]);
        }
      }
      return wrong(q.hint);
    }

    function show(item, q, verdict) {
      var feedback = item.querySelector(".gd-quiz__feedback");
      var solution = item.querySelector(".gd-quiz__solution");
      var field = item.querySelector(".gd-quiz__answer");
      feedback.textContent = verdict.message;
      item.classList.toggle("gd-quiz__question--right", verdict.correct);
      item.classList.toggle("gd-quiz__question--wrong", !verdict.correct && !!verdict.judged);
      if (field) field.setAttribute("aria-invalid", verdict.invalid ? "true" : "false");
      /* The worked solution: offered once the reader has tried, opened when right. */
      if (verdict.judged) solution.hidden = false;
      if (verdict.correct) solution.open = true;
    }

    function answerOf(item, q) {
      if (q.kind === "choice") {
        var picked = item.querySelector("input[type=radio]:checked");
        return picked ? picked.value : "";
      }
      return item.querySelector(".gd-quiz__answer").value;
    }

    function restore(item, q, answer) {
      if (q.kind === "choice") {
        item.querySelectorAll("input[type=radio]").forEach(function (input) {
          input.checked = input.value === answer;
        });
      } else {
        item.querySelector(".gd-quiz__answer").value = answer;
      }
    }

    items.forEach(function (item) {
      var q = byId[item.getAttribute("data-q")];
      var form = item.querySelector("form");
      var solution = item.querySelector(".gd-quiz__solution");
      solution.hidden = true;
      form.addEventListener("submit", function (event) {
        event.preventDefault();
        var answer = answerOf(item, q);
        var verdict = judge(q, answer);
        show(item, q, verdict);
        if (verdict.judged) {
          state[q.id] = {answer: answer, correct: verdict.correct};
          save(key, state);
          updateScore();
        }
      });
      var saved = state[q.id];
      if (saved && typeof saved.answer === "string") {
        restore(item, q, saved.answer);
        show(item, q, judge(q, saved.answer));
      }
    });

    root.querySelector(".gd-quiz__reset").addEventListener("click", function () {
      state = {};
      try {
        window.localStorage.removeItem(key);
      } catch (e) { /* nothing stored */ }
      items.forEach(function (item) {
        var q = byId[item.getAttribute("data-q")];
        restore(item, q, "");
        show(item, q, {correct: false, judged: false, message: ""});
        var solution = item.querySelector(".gd-quiz__solution");
        solution.open = false;
        solution.hidden = true;
      });
      updateScore();
      var first = root.querySelector("input");
      if (first) first.focus();
    });

    updateScore();
    root.setAttribute("data-ready", "");
  }

  function init() {
    document.querySelectorAll("[data-gd-quiz]:not([data-ready])").forEach(setup);
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
