"""`awaited quiz` drills the real bank at a terminal, driven here by scripted input."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from click.testing import CliRunner, Result
from rich.console import Console

from awaited.cli import main
from awaited.quiz import Question, load_all_banks
from awaited.quiz.drill import Drill, match_lesson, print_summary, select_questions

ROOT = Path(__file__).resolve().parent.parent


def quiz(*args: str, answers: list[str]) -> Result:
    return CliRunner().invoke(
        main, ["quiz", *args, "--root", str(ROOT)], input="\n".join(answers) + "\n"
    )


def right_answer(question: Question) -> str:
    return " ".join(str(i + 1) for i, o in enumerate(question.options) if o.correct)


def wrong_answer(question: Question) -> str:
    return str(next(i + 1 for i, o in enumerate(question.options) if not o.correct))


def test_a_lesson_drill_runs_to_its_summary() -> None:
    bank = load_all_banks(ROOT)[0]
    choices = [q for q in bank.questions if q.type != "flashcard"]
    first, second, third = choices[:3]
    result = quiz(
        "--lesson",
        bank.lesson[:2],
        "--tag",
        first.tags[0],
        answers=[],
    )
    assert result.exit_code == 0, result.output
    # The tag filter keeps only tagged questions; with no input the drill stops at once.
    assert "No question answered." in result.output

    script = [right_answer(first), "9", "x", wrong_answer(second), "s", "q"]
    result = CliRunner().invoke(
        main, ["quiz", "--lesson", bank.lesson, "--root", str(ROOT)], input="\n".join(script)
    )
    out = result.output
    assert result.exit_code == 0, out
    assert "✓ Right." in out
    assert "✗ Not quite: the right answer is" in out
    assert out.count("Type 1-") == 2  # "9" and "x" are refused, then asked again
    assert "Skipped." in out
    # Every option's explanation and the rule of thumb come from the bank.
    why = first.options[0].why.replace("`", "").replace("**", "")
    assert " ".join(why.split()[:6]) in re.sub(r"\s+", " ", out)
    assert "Rule of thumb:" in out
    assert f"Score: 1/3 (33%) (stopped after 3 of {len(bank.questions)})" in out
    assert f"{second.id} (missed)" in out
    assert f"{third.id} (skipped)" in out
    assert f"{first.id} (" not in out
    assert "Weakest topics" in out
    assert "docs/lessons/01-first-async-test.md" in out


def test_mock_interview_draws_n_and_sums_up() -> None:
    banks = load_all_banks(ROOT)
    drawn = select_questions(banks, interview=4, seed=7)
    assert len(drawn) == 4
    assert drawn == select_questions(banks, interview=4, seed=7)  # same seed, same draw
    answers: list[str] = []
    for _, question in drawn:
        if question.type == "flashcard":
            answers += ["", "3"]
        else:
            answers.append(right_answer(question))
    result = quiz("--interview", "4", "--seed", "7", answers=answers)
    assert result.exit_code == 0, result.output
    assert "Mock interview: 4 questions, 90 s each." in result.output
    assert "Score: 4/4 (100%) · time" in result.output
    assert "Nothing to review: every answer was right." in result.output


def test_interview_covers_every_lesson_before_repeating_one() -> None:
    banks = load_all_banks(ROOT)
    drawn = select_questions(banks, interview=len(banks), seed=1)
    assert sorted(lesson for lesson, _ in drawn) == [bank.lesson for bank in banks]


def test_a_flashcard_is_self_rated() -> None:
    card = next(
        (lesson, q)
        for bank in load_all_banks(ROOT)
        for q in bank.questions
        if q.type == "flashcard"
        for lesson in [bank.lesson]
    )
    console = Console(record=True, width=100)
    typed = iter(["", "7", "2"])
    summary = Drill(console, lambda prompt: next(typed)).run([card])
    out = console.export_text()
    assert "Model answer" in out and "Key points" in out
    assert "Type 1, 2, 3 or 4." in out
    assert summary.asked[0].correct is False  # 2 = Hard: not recalled well enough
    print_summary(console, summary)
    assert f"{card[1].id} (missed)" in console.export_text()


def test_over_time_answers_are_flagged() -> None:
    lesson, question = next(
        (b.lesson, q) for b in load_all_banks(ROOT) for q in b.questions if q.type == "single"
    )
    ticks = iter([0.0, 120.0])
    console = Console(record=True, width=100)
    drill = Drill(
        console, lambda _: right_answer(question), time_limit=90, clock=lambda: next(ticks)
    )
    summary = drill.run([(lesson, question)])
    assert summary.asked[0].over_time
    assert "Over time: 120 s (the limit is 90 s)." in console.export_text()


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--lesson", "99"], "no quiz for lesson '99'; known: 01_first_async_test"),
        (["--tag", "no-such-tag"], "no question has the tag 'no-such-tag'; tags:"),
    ],
)
def test_bad_filters_are_usage_errors(args: list[str], message: str) -> None:
    result = quiz(*args, answers=[])
    assert result.exit_code == 2
    assert message in result.output


def test_lessons_match_by_number_slug_or_name() -> None:
    banks = load_all_banks(ROOT)
    for wanted in ("1", "01", "01_first_async_test", "first-async-test"):
        bank = match_lesson(banks, wanted)
        assert bank is not None and bank.lesson == "01_first_async_test"
    assert match_lesson(banks, "async") is None
