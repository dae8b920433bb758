"""Every quiz answer is proven by a real run on the pinned versions.

For each predict question the snippet runs in its own directory; the correct option's
`expect` must match the run and every wrong option's must not. Each proof (a snippet backing
a fact that a question or an explanation states) must show what it expects. All of these are
subprocesses (about 0.7 s each), so the file parallelises well under pytest-xdist.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from awaited.quiz import (
    Question,
    QuizError,
    check_prediction,
    check_proofs,
    check_question,
    load_all_banks,
    load_bank,
    main,
    run_prediction,
)

ROOT = Path(__file__).resolve().parent.parent
RUNS = Path(__file__).resolve().parent / "fixtures" / "quizzes" / "runs"


def _collect() -> tuple[list[object], list[object], str | None]:
    try:
        banks = load_all_banks(ROOT)
    except QuizError as error:  # reported by one failing test, not a collection error
        return [], [], str(error)
    predictions: list[object] = [
        pytest.param(q, id=q.id) for bank in banks for q in bank.questions if q.type == "predict"
    ]
    proofs: list[object] = [
        pytest.param(q, id=q.id) for bank in banks for q in bank.questions if q.proofs
    ]
    return predictions, proofs, None


PREDICTIONS, PROOFS, LOAD_ERROR = _collect()


def test_banks_load() -> None:
    assert LOAD_ERROR is None, LOAD_ERROR
    assert PREDICTIONS, "no predict question in any bank"


@pytest.mark.parametrize("question", PREDICTIONS)
def test_prediction_is_proven(question: Question) -> None:
    problems = check_prediction(question)
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("question", PROOFS)
def test_proofs_hold(question: Question) -> None:
    problems = check_proofs(question)
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------- the checker itself


@pytest.fixture(scope="module")
def wrong_bank() -> dict[str, Question]:
    bank = load_bank(RUNS / "80_wrong_answers.yaml")
    return {question.id: question for question in bank.questions}


def test_a_wrong_correct_option_is_caught(wrong_bank: dict[str, Question]) -> None:
    problems = check_prediction(wrong_bank["fixture/wrong-correct-option"])
    assert problems[0].startswith("correct option 1 ('1 passed') expects summary '1 passed'")
    assert "wrong option 2 ('1 failed') also matches the real run" in problems[1]
    assert "assert (1 + 1) == 3" in problems[-1]  # the run's output comes along


def test_a_distractor_that_is_not_proven_wrong_is_caught(
    wrong_bank: dict[str, Question],
) -> None:
    problems = check_prediction(wrong_bank["fixture/unproven-distractor"])
    assert len(problems) == 2
    assert "wrong option 2" in problems[0]
    assert "not proven wrong" in problems[0]


def test_a_hang_is_classified_as_a_hang(wrong_bank: dict[str, Question], tmp_path: Path) -> None:
    question = wrong_bank["fixture/hangs"]
    run = run_prediction(question, tmp_path)
    assert run.hung
    assert run.seconds < 20
    assert check_prediction(question) == []


def test_a_broken_proof_is_caught(wrong_bank: dict[str, Question]) -> None:
    problems = check_question(wrong_bank["fixture/broken-proof"])
    assert len(problems) == 1
    assert problems[0].startswith(
        "proof 1 (this fails, though the bank says it passes): the run showed '1 failed in"
    )


def test_run_prediction_refuses_other_types(
    wrong_bank: dict[str, Question], tmp_path: Path
) -> None:
    with pytest.raises(ValueError, match="not a predict question"):
        run_prediction(wrong_bank["fixture/broken-proof"], tmp_path)


def test_check_command_fails_on_a_wrong_bank(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "quizzes").mkdir()
    shutil.copy(RUNS / "80_wrong_answers.yaml", tmp_path / "quizzes")
    assert main(["check", "--root", str(tmp_path)]) == 1
    out = capsys.readouterr().out
    assert "question 'fixture/wrong-correct-option':" in out
    assert "question 'fixture/broken-proof':" in out
    assert "question 'fixture/hangs'" not in out
    assert "question 'fixture/unproven-distractor':" in out
    assert "1/4 question(s) with runs verified" in out
