"""The grader against golden results: one learner file per case, its expected v3 JSON beside it.

Regenerate after a deliberate change: AWAITED_UPDATE_GOLDEN=1 pytest tests/test_grading_golden.py
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import pytest
from conftest import ROOT, copy_exercise

from awaited.checking import run_check

GOLDEN = Path(__file__).parent / "golden"
CASES = sorted(path for path in GOLDEN.glob("*/*") if path.is_dir())


def normalise(data: dict[str, Any], exercise_dir: Path) -> dict[str, Any]:
    """Paths of the scratch copy vary from run to run; everything else must match exactly."""
    text = json.dumps(data).replace(str(exercise_dir), "<exercise>")
    loaded: dict[str, Any] = json.loads(text)
    return loaded


@pytest.mark.parametrize("case", CASES, ids=lambda path: f"{path.parent.name}/{path.name}")
def test_grader_matches_golden_results(case: Path, tmp_path: Path) -> None:
    # A 1 s limit keeps the hanging case quick. The others keep the exercise's own limit: on a
    # loaded machine 1 s can run out while pytest merely formats a failure.
    exercise = copy_exercise(
        case.parent.name, tmp_path, timeout=1 if case.name == "hanging_test" else None
    )
    run = run_check(ROOT, exercise, case, isolated=True)
    actual = normalise(run.results.to_dict(), exercise.path)
    golden = case / "results.json"
    if os.environ.get("AWAITED_UPDATE_GOLDEN"):
        golden.write_text(json.dumps(actual, indent=2, ensure_ascii=False) + "\n", "utf-8")
    assert golden.is_file(), f"no golden file; run with AWAITED_UPDATE_GOLDEN=1 to create {golden}"
    expected = json.loads(golden.read_text(encoding="utf-8"))
    assert actual == expected, run.output


def test_each_golden_case_is_what_its_name_says() -> None:
    """Guard the goldens themselves, so a regenerated file cannot silently bless a bug."""
    by_case = {
        path.name: json.loads((path / "results.json").read_text("utf-8"))
        for path in CASES
        if path.parent.name == "01_first_async_test" and (path / "results.json").is_file()
    }
    assert by_case["all_pass"]["status"] == "pass"
    survivors = [t["name"] for t in by_case["surviving_mutant"]["tests"] if t["status"] == "fail"]
    assert survivors == [
        "mutant lookup_ignores_the_id: looking a book up returns the newest book, "
        "whatever id you ask for"
    ]
    assert by_case["syntax_error"]["status"] == "error"
    assert "line 19: SyntaxError" in by_case["syntax_error"]["message"]
    assert by_case["import_error"]["status"] == "error"
    assert "ImportError: cannot import name 'books'" in by_case["import_error"]["message"]
    hanging = {t["name"]: t for t in by_case["hanging_test"]["tests"]}
    assert hanging["test_health"]["status"] == "fail"
    assert "ran for more than 1 s and was stopped" in hanging["test_health"]["message"]
    assert by_case["empty_file"]["status"] == "error"
    assert "No tests found" in by_case["empty_file"]["message"]
    failing = {t["name"]: t for t in by_case["failing_test"]["tests"]}
    assert failing["test_create_book"]["status"] == "fail"
    assert "assert 201 == 200" in failing["test_create_book"]["message"]


def test_a_hanging_test_on_trio_is_stopped_like_one_on_asyncio() -> None:
    """anyio runs trio in guest mode; an await that never finishes, or a loop that never
    awaits, is still stopped at the limit (awaited.timeouts), not at the check's deadline."""
    path = GOLDEN / "02_plugins_and_modes" / "hanging_test" / "results.json"
    results = json.loads(path.read_text(encoding="utf-8"))
    stopped = {t["name"]: t["message"] for t in results["tests"] if t["status"] == "fail"}
    assert set(stopped) == {
        f"test_{name}[{backend}]"
        for name in ("waits_forever", "never_awaits")
        for backend in ("asyncio", "trio")
    }
    assert all("ran for more than 1 s and was stopped" in text for text in stopped.values())
