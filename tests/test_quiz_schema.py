"""Quiz banks: the real ones load, and every broken one is refused with a precise message."""

from __future__ import annotations

import json
import re
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
    load_retired_ids,
    parse_summary,
    proofs,
)

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "quizzes"


# --------------------------------------------------------------------------- the real banks


def test_every_bank_loads() -> None:
    banks = load_all_banks(ROOT)
    assert banks, "quizzes/ holds no bank"
    assert [bank.lesson for bank in banks] == sorted(bank.lesson for bank in banks)
    for bank in banks:
        own = ROOT / "quizzes" / f"{bank.lesson}.yaml"
        interview = ROOT / "quizzes" / "interview" / f"{bank.lesson}.yaml"
        assert bank.path in (own, interview)
        assert set(bank.files) <= {own, interview}
        for question in bank.questions:
            assert bank.source(question) in bank.files


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
        "answer",
        "key_points",
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


def test_missing_section_names_file_question_and_field() -> None:
    """Every card links to the heading that teaches it, so a question without one is refused."""
    error = refused(FIXTURES / "87_missing_section.yaml")
    assert error.path == FIXTURES / "87_missing_section.yaml"
    assert (error.question_id, error.field) == ("fixture/missing-section", "section")
    assert error.message == "Field required"
    assert not error.others
    assert str(error).endswith(
        "87_missing_section.yaml: question 'fixture/missing-section', field 'section': "
        "Field required"
    )


def test_two_correct_options_on_a_single_question() -> None:
    error = refused(FIXTURES / "91_two_correct_single.yaml")
    assert (error.question_id, error.field) == ("fixture/two-correct", "options")
    assert "exactly one correct option, found 2" in error.message


def test_unknown_type() -> None:
    error = refused(FIXTURES / "92_unknown_type.yaml")
    assert (error.question_id, error.field) == ("fixture/unknown-type", "type")
    assert "'single', 'multiple', 'predict' or 'flashcard'" in error.message


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


def test_flashcard_without_answer() -> None:
    error = refused(FIXTURES / "88_flashcard_without_answer.yaml")
    assert (error.question_id, error.field) == ("fixture/flashcard-without-answer", "answer")
    assert error.message == "a flashcard needs its model answer"
    assert str(error).endswith(
        "88_flashcard_without_answer.yaml: question 'fixture/flashcard-without-answer', "
        "field 'answer': a flashcard needs its model answer"
    )


def test_flashcard_with_options() -> None:
    error = refused(FIXTURES / "89_flashcard_with_options.yaml")
    assert (error.question_id, error.field) == ("fixture/flashcard-with-options", "options")
    assert "a flashcard has no options" in error.message


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"key_points": []}, "key_points", "at least one key point"),
        ({"key_points": ["  "]}, "key_points", "a key point is empty"),
        ({"run": {"timeout": 5}}, "run", "only predict questions run their code"),
        ({"type": "single"}, "answer", "only flashcards have a model answer"),
    ],
)
def test_flashcard_rules_name_their_field(
    tmp_path: Path, change: dict[str, object], field: str, message: str
) -> None:
    question: dict[str, object] = {
        "id": "fixture/card",
        "type": "flashcard",
        "difficulty": "hard",
        "section": "pitfalls",
        "prompt": "Why?",
        "answer": "Because.",
        "key_points": ["one"],
        "rule_of_thumb": "r",
    }
    question.update(change)
    path = tmp_path / "51_cards.yaml"
    path.write_text(json.dumps({"lesson": "51_cards", "questions": [question]}), "utf-8")
    error = refused(path)
    assert (error.question_id, error.field) == ("fixture/card", field)
    assert message in error.message


def test_a_choice_question_needs_two_options(tmp_path: Path) -> None:
    question = {
        "id": "fixture/lonely",
        "type": "single",
        "difficulty": "easy",
        "section": "pitfalls",
        "prompt": "?",
        "rule_of_thumb": "r",
    }
    path = tmp_path / "52_lonely.yaml"
    path.write_text(json.dumps({"lesson": "52_lonely", "questions": [question]}), "utf-8")
    error = refused(path)
    assert (error.question_id, error.field) == ("fixture/lonely", "options")
    assert "at least two options" in error.message


# --------------------------------------------------------------------------- ids and files


def write_bank(root: Path, relative: str, lesson: str, *ids: str) -> Path:
    """A valid bank of single questions with the given ids at quizzes/<relative>."""
    questions = [
        {
            "id": question_id,
            "type": "single",
            "difficulty": "easy",
            "section": "pitfalls",
            "prompt": f"Question {question_id}?",
            "options": [
                {"text": "yes", "correct": True, "why": "Right."},
                {"text": "no", "why": "Wrong."},
            ],
            "rule_of_thumb": "r",
        }
        for question_id in ids
    ]
    path = root / "quizzes" / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps({"lesson": lesson, "questions": questions}), "utf-8")
    return path


def test_a_retired_id_cannot_come_back(tmp_path: Path) -> None:
    bank = write_bank(tmp_path, "01_first.yaml", "01_first", "first/kept", "first/old")
    (tmp_path / "quizzes" / "retired-ids.txt").write_text(
        "# removed questions\nfirst/gone\nfirst/old  # replaced by first/kept\n", "utf-8"
    )
    with pytest.raises(QuizError) as caught:
        load_all_banks(tmp_path)
    error = caught.value
    assert (error.path, error.question_id, error.field) == (bank, "first/old", "id")
    assert "retired" in error.message and "line 3" in error.message
    assert "never reused" in error.message
    write_bank(tmp_path, "01_first.yaml", "01_first", "first/kept", "first/new")
    assert [q.id for q in load_all_banks(tmp_path)[0].questions] == ["first/kept", "first/new"]


@pytest.mark.parametrize(
    ("text", "message"),
    [("first/a\nfirst/a\n", "listed twice"), ("Not An Id\n", "not a question id")],
)
def test_a_broken_retired_list_names_its_line(tmp_path: Path, text: str, message: str) -> None:
    write_bank(tmp_path, "01_first.yaml", "01_first", "first/kept")
    (tmp_path / "quizzes" / "retired-ids.txt").write_text(text, "utf-8")
    with pytest.raises(QuizError, match=message) as caught:
        load_all_banks(tmp_path)
    assert caught.value.path.name == "retired-ids.txt"
    assert caught.value.line is not None


def test_the_real_retired_list_loads_and_no_live_question_uses_it() -> None:
    retired = load_retired_ids(ROOT)
    live = {q.id for bank in load_all_banks(ROOT) for q in bank.questions}
    assert not live & set(retired)


def _ids_in_history(root: Path) -> set[str]:
    """Every question id ever added to a bank in this repository's git history."""
    run = subprocess.run(
        ["git", "log", "--format=", "-p", "HEAD", "--", "quizzes"],
        cwd=root,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert run.returncode == 0, f"git log failed (is this a git checkout?): {run.stderr}"
    return set(re.findall(r"^\+\s*- id:\s*(\S+)\s*$", run.stdout, re.MULTILINE))


def test_no_id_vanished_without_being_retired() -> None:
    """An id removed from a bank must be listed in quizzes/retired-ids.txt (never reused)."""
    ever = _ids_in_history(ROOT)
    assert ever, "git history shows no question id at all"
    live = {q.id for bank in load_all_banks(ROOT) for q in bank.questions}
    vanished = sorted(ever - live - set(load_retired_ids(ROOT)))
    assert vanished == [], f"add these removed ids to quizzes/retired-ids.txt: {vanished}"


def test_interview_bank_joins_its_lessons_deck(tmp_path: Path) -> None:
    own = write_bank(tmp_path, "01_first.yaml", "01_first", "first/a")
    extra = write_bank(tmp_path, "interview/01_first.yaml", "01_first", "first/interview-b")
    alone = write_bank(tmp_path, "interview/02_second.yaml", "02_second", "second/c")
    banks = load_all_banks(tmp_path)
    assert [bank.lesson for bank in banks] == ["01_first", "02_second"]
    first, second = banks
    assert [q.id for q in first.questions] == ["first/a", "first/interview-b"]
    assert first.path == own
    assert first.files == [own, extra]
    assert [first.source(q) for q in first.questions] == [own, extra]
    assert second.path == alone  # no bank of its own yet: the interview bank is the deck


def test_interview_bank_for_a_renamed_lesson_is_refused(tmp_path: Path) -> None:
    write_bank(tmp_path, "01_first.yaml", "01_first", "first/a")
    (tmp_path / "lessons" / "02_plugins_and_modes").mkdir(parents=True)
    extra = write_bank(tmp_path, "interview/02_plugins.yaml", "02_plugins", "plugins/a")
    with pytest.raises(QuizError) as caught:
        load_all_banks(tmp_path)
    error = caught.value
    assert (error.path, error.question_id, error.field) == (extra, None, "lesson")
    assert "lesson 02 is '02_plugins_and_modes'" in error.message
    assert "rename the file to 02_plugins_and_modes.yaml" in error.message


def test_duplicate_id_between_a_bank_and_an_interview_bank(tmp_path: Path) -> None:
    write_bank(tmp_path, "01_first.yaml", "01_first", "first/a")
    extra = write_bank(tmp_path, "interview/01_first.yaml", "01_first", "first/a")
    with pytest.raises(QuizError) as caught:
        load_all_banks(tmp_path)
    assert (caught.value.path, caught.value.question_id, caught.value.field) == (
        extra,
        "first/a",
        "id",
    )
    assert "duplicate id: already used in" in caught.value.message


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
                "section": "pitfalls",
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
        "section": "pitfalls",
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


# --------------------------------------------------------------------------- the course's targets


def test_every_lesson_has_six_questions_and_a_quarter_are_predictions() -> None:
    banks = {bank.lesson: bank for bank in load_all_banks(ROOT)}
    pages = sorted(p.stem.replace("-", "_") for p in (ROOT / "docs" / "lessons").glob("*.md"))
    assert pages
    for lesson in pages:
        assert len(banks[lesson].questions) >= 6, f"{lesson} has fewer than 6 questions"
    questions = [q for bank in banks.values() for q in bank.questions]
    kinds = [q.type for q in questions]
    assert 4 * kinds.count("predict") >= len(questions), "fewer than a quarter predict"
    assert kinds.count("flashcard") >= 1
    assert sum("myth" in q.tags for q in questions) >= 10
