"""Quiz banks: the real ones load, and every broken one is refused with a precise message."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from pydantic import ValidationError

from awaited import quiz
from awaited.quiz import (
    Expect,
    IniValue,
    PredictionRun,
    Question,
    QuizError,
    RunSpec,
    bank_to_json,
    expect_problems,
    load_all_banks,
    load_bank,
    parse_summary,
    proofs,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quizzes"


# --------------------------------------------------------------------------- the real banks


def test_every_bank_loads() -> None:
    banks = load_all_banks(ROOT)
    assert banks, "quizzes/ holds no bank"
    assert [bank.path.name for bank in banks] == sorted(bank.path.name for bank in banks)
    for bank in banks:
        assert bank.path == ROOT / "quizzes" / f"{bank.lesson}.yaml"


def test_lesson_01_bank_has_the_promised_mix() -> None:
    bank = load_bank(ROOT / "quizzes" / "01_first_async_test.yaml")
    kinds = [question.type for question in bank.questions]
    assert len(kinds) >= 10
    assert kinds.count("predict") >= 4
    assert "single" in kinds
    assert "multiple" in kinds
    assert any("myth" in question.tags for question in bank.questions)
    assert all(question.id.startswith("first-async-test/") for question in bank.questions)


def test_bank_to_json_has_the_documented_shape() -> None:
    bank = load_bank(ROOT / "quizzes" / "01_first_async_test.yaml")
    data = bank_to_json(bank)
    assert json.loads(json.dumps(data)) == data
    assert set(data) == {"lesson", "questions"}
    assert data["lesson"] == "01_first_async_test"
    keys = {
        "id",
        "type",
        "prompt",
        "code",
        "options",
        "rule_of_thumb",
        "difficulty",
        "tags",
        "section",
    }
    for question in data["questions"]:
        assert set(question) == keys
        for option in question["options"]:
            assert set(option) == {"text", "correct", "why"}
    predict = next(q for q in data["questions"] if q["type"] == "predict")
    assert predict["code"].startswith("import")


# --------------------------------------------------------------------------- broken banks


def refused(path: Path) -> QuizError:
    with pytest.raises(QuizError) as caught:
        load_bank(path)
    return caught.value


def test_missing_why_names_file_question_and_field() -> None:
    error = refused(FIXTURES / "90_missing_why.yaml")
    assert error.path == FIXTURES / "90_missing_why.yaml"
    assert error.question_id == "fixture/missing-why"
    assert error.field == "options.1.why"
    assert error.message == "Field required"
    assert str(error).endswith(
        "90_missing_why.yaml: question 'fixture/missing-why', field 'options.1.why': Field required"
    )


def test_two_correct_options_on_a_single_question() -> None:
    error = refused(FIXTURES / "91_two_correct_single.yaml")
    assert (error.question_id, error.field) == ("fixture/two-correct", "options")
    assert "exactly one correct option, found 2" in error.message


def test_unknown_type() -> None:
    error = refused(FIXTURES / "92_unknown_type.yaml")
    assert (error.question_id, error.field) == ("fixture/unknown-type", "type")
    assert "'single', 'multiple' or 'predict'" in error.message


def test_yaml_syntax_error_names_the_line() -> None:
    error = refused(FIXTURES / "93_yaml_syntax.yaml")
    assert error.question_id is None
    assert error.line == 8
    assert "93_yaml_syntax.yaml:8" in str(error)
    assert error.message == (
        "YAML error, column 1: found unexpected end of stream "
        "(while scanning a quoted scalar, which starts at line 6)"
    )


def test_predict_without_code() -> None:
    error = refused(FIXTURES / "94_predict_without_code.yaml")
    assert (error.question_id, error.field) == ("fixture/predict-without-code", "code")


def test_predict_option_without_expect() -> None:
    error = refused(FIXTURES / "95_predict_without_expect.yaml")
    assert (error.question_id, error.field) == (
        "fixture/predict-without-expect",
        "options.1.expect",
    )


def test_a_repeated_key_is_an_error_not_a_silent_overwrite() -> None:
    error = refused(FIXTURES / "96_duplicate_key.yaml")
    assert error.line == 11
    assert "duplicate key 'why'" in error.message


def test_lesson_must_match_the_file_name() -> None:
    error = refused(FIXTURES / "97_lesson_mismatch.yaml")
    assert (error.question_id, error.field) == (None, "lesson")


def test_unquoted_no_gets_a_hint() -> None:
    error = refused(FIXTURES / "98_yaml_boolean.yaml")
    assert (error.question_id, error.field) == ("fixture/yaml-boolean", "options.1.text")
    assert "quote the text" in error.message


def test_duplicate_id_in_one_bank() -> None:
    error = refused(FIXTURES / "99_duplicate_id.yaml")
    assert (error.question_id, error.field) == ("fixture/twice", "id")
    assert "duplicate id" in error.message


def test_duplicate_id_across_banks_names_both_files() -> None:
    root = FIXTURES / "duplicate_ids"
    load_bank(root / "quizzes" / "01_first.yaml")
    load_bank(root / "quizzes" / "02_second.yaml")
    with pytest.raises(QuizError) as caught:
        load_all_banks(root)
    error = caught.value
    assert error.path == root / "quizzes" / "02_second.yaml"
    assert (error.question_id, error.field) == ("shared/same-id", "id")
    assert "01_first.yaml" in error.message


def test_every_problem_of_a_file_is_reported(tmp_path: Path) -> None:
    text = (FIXTURES / "90_missing_why.yaml").read_text(encoding="utf-8")
    path = tmp_path / "90_missing_why.yaml"
    path.write_text(text.replace("    difficulty: easy\n", ""), encoding="utf-8")
    error = refused(path)
    assert [(e.question_id, e.field) for e in (error, *error.others)] == [
        ("fixture/missing-why", "difficulty"),
        ("fixture/missing-why", "options.1.why"),
    ]
    assert len(str(error).splitlines()) == 2


def test_yml_files_are_not_silently_ignored(tmp_path: Path) -> None:
    (tmp_path / "quizzes").mkdir()
    shutil.copy(FIXTURES / "90_missing_why.yaml", tmp_path / "quizzes" / "01_x.yml")
    with pytest.raises(QuizError, match=r"end in \.yaml"):
        load_all_banks(tmp_path)


def test_the_rules_hold_for_questions_built_in_python() -> None:
    options = [
        {"text": "a", "correct": True, "why": "yes"},
        {"text": "b", "correct": True, "why": "also"},
    ]
    with pytest.raises(ValidationError, match="exactly one correct option"):
        Question.model_validate(
            {
                "id": "x/y",
                "type": "single",
                "difficulty": "easy",
                "prompt": "?",
                "options": options,
                "rule_of_thumb": "r",
            }
        )


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"run": {"timeout": 5}}, "run"),  # only predict questions run their code
        ({"code": "def broken(:\n"}, "code"),
        ({"tags": ["Not A Slug"]}, "tags"),
        ({"id": "Has Spaces"}, "id"),
        ({"options": [{"text": "a", "correct": True, "why": "w"}]}, "options"),
        ({"surprise": 1}, "surprise"),
    ],
)
def test_more_rules_name_their_field(tmp_path: Path, change: dict[str, object], field: str) -> None:
    question: dict[str, object] = {
        "id": "fixture/rule",
        "type": "single",
        "difficulty": "easy",
        "prompt": "?",
        "options": [
            {"text": "a", "correct": True, "why": "yes"},
            {"text": "b", "why": "no"},
        ],
        "rule_of_thumb": "r",
    }
    question.update(change)
    path = tmp_path / "50_rules.yaml"
    path.write_text(json.dumps({"lesson": "50_rules", "questions": [question]}), "utf-8")
    error = refused(path)
    assert error.field == field


# --------------------------------------------------------------------------- matching runs


def fake_run(output: str, *, hung: bool = False) -> PredictionRun:
    line, counts = parse_summary(output)
    return PredictionRun(1, output, line, counts, hung, 0.1)


@pytest.mark.parametrize(
    ("output", "counts"),
    [
        ("F.\n1 failed, 1 passed in 0.31s\n", {"failed": 1, "passed": 1}),
        ("===== 1 passed, 2 warnings in 0.01s =====", {"passed": 1, "warning": 2}),
        ("!!!! Interrupted !!!!\n1 warning, 1 error in 0.14s\n", {"warning": 1, "error": 1}),
        ("3 errors in 1.00s (0:00:01)\n", {"error": 3}),
        ("no tests ran in 0.01s\n", {}),
        ("nothing like a summary\n", None),
    ],
)
def test_parse_summary(output: str, counts: dict[str, int] | None) -> None:
    assert parse_summary(output)[1] == counts


def test_summary_compares_counts_not_text() -> None:
    run = fake_run("1 passed, 1 failed, 1 warning in 0.2s")
    assert expect_problems(Expect(summary="1 failed, 1 passed"), run) == []
    assert expect_problems(Expect(summary="1 failed, 1 passed, 1 warning"), run) == []
    assert expect_problems(Expect(summary="1 failed, 1 passed, 2 warnings"), run)
    assert expect_problems(Expect(summary="1 failed"), run)  # passed must agree too
    assert expect_problems(Expect(summary="2 passed"), run)


def test_output_contains_and_hangs() -> None:
    run = fake_run("E   TypeError: boom\n1 failed in 0.2s")
    assert expect_problems(Expect(output_contains=["TypeError: boom"]), run) == []
    one = Expect.model_validate({"output_contains": "TypeError: boom"})  # a lone string
    assert one.output_contains == ["TypeError: boom"]
    assert expect_problems(one, run) == []
    assert expect_problems(Expect(output_contains=["ValueError"]), run)
    assert expect_problems(Expect(hangs=True), run)
    hung = fake_run("Failed: Timeout (>1.0s) from pytest-timeout.\n1 failed in 1.2s", hung=True)
    assert expect_problems(Expect(hangs=True), hung) == []
    # A run that hangs never matches an expect that does not say so.
    assert expect_problems(Expect(summary="1 failed"), hung)


def test_an_expect_must_say_something() -> None:
    with pytest.raises(ValidationError, match="summary, output_contains or hangs"):
        Expect()
    with pytest.raises(ValidationError, match="not a pytest summary"):
        Expect(summary="it fails")


def test_run_files_stay_inside_the_run_directory() -> None:
    for name in ("../escape.py", "/abs.py", "test_snippet.py", "pytest.ini"):
        with pytest.raises(ValidationError):
            RunSpec(files={name: ""})
    assert RunSpec(files={"pkg/conftest.py": ""}).files


def test_the_command_line() -> None:
    command = quiz.pytest_command(RunSpec(plugins_disabled=["asyncio"], args=["-rA"], timeout=3))
    assert command[1:] == [
        "-m",
        "pytest",
        "-q",
        "-p",
        "no:cacheprovider",
        "-p",
        "no:awaited",
        "-p",
        "no:asyncio",
        "-o",
        "timeout=3",
        "-rA",
    ]
    assert "-o" not in quiz.pytest_command(RunSpec(plugins_disabled=["timeout"]))


def test_a_run_killed_by_the_hard_limit_counts_as_a_hang(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def too_slow(*args: object, **kwargs: object) -> None:
        raise subprocess.TimeoutExpired(cmd="pytest", timeout=1.0, output=b"....")

    monkeypatch.setattr(subprocess, "run", too_slow)
    run = quiz.run_snippet("def test_x() -> None:\n    pass\n", RunSpec(), tmp_path)
    assert (run.hung, run.returncode, run.counts, run.output) == (True, None, None, "....")
    assert (tmp_path / "test_snippet.py").is_file()
    assert (tmp_path / "pytest.ini").read_text(encoding="utf-8") == (
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n"
    )


def test_ini_rendering() -> None:
    ini: dict[str, IniValue] = {
        "asyncio_mode": "auto",
        "filterwarnings": ["error", "ignore::UserWarning"],
        "x": True,
    }
    assert proofs._ini_text(ini) == (
        "[pytest]\nasyncio_mode = auto\nfilterwarnings =\n    error\n"
        "    ignore::UserWarning\nx = true\n"
    )


def test_check_command_without_runs(capsys: pytest.CaptureFixture[str]) -> None:
    assert quiz.main(["check", "--root", str(ROOT), "--no-run"]) == 0
    assert "valid" in capsys.readouterr().out
    assert quiz.main(["check", "--root", str(FIXTURES / "duplicate_ids"), "--no-run"]) == 1
    assert "duplicate id" in capsys.readouterr().out
