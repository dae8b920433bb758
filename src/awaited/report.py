"""The verdict as text: the same lines in the pytest summary and in `awaited check`."""

from __future__ import annotations

from dataclasses import dataclass

from awaited.catalog import Exercise
from awaited.results import NOT_TRIED, Results, TestResult

PASS_MARK, FAIL_MARK = "✓", "✗"


@dataclass(frozen=True)
class TaskStatus:
    number: int | None
    title: str
    done: bool
    problems: list[str]


def task_statuses(exercise: Exercise, results: Results) -> list[TaskStatus]:
    statuses: list[TaskStatus] = []
    for task in exercise.meta.tasks:
        tests = [t for t in results.learner_tests if t.task_id == task.id]
        mutants = [t for t in results.mutants if t.task_id == task.id]
        problems = [_problem(t) for t in tests + mutants if t.status != "pass"]
        problems = [p for p in problems if p != NOT_TRIED]
        if not tests:
            problems.insert(0, f"no test is marked `@pytest.mark.task({task.id})` yet")
        statuses.append(TaskStatus(task.id, task.title, not problems, problems))
    others = [t for t in results.tests if t.task_id is None]
    if others:
        problems = [_problem(t) for t in others if t.status != "pass"]
        statuses.append(TaskStatus(None, "Other tests", not problems, problems))
    return statuses


def _problem(test: TestResult) -> str:
    if test.is_mutant:
        return test.message or test.name
    return f"{test.name}: {test.message or test.status}"


def caught_count(results: Results) -> tuple[int, int]:
    mutants = results.mutants
    return sum(m.status == "pass" for m in mutants), len(mutants)


def verdict_line(exercise: Exercise, results: Results) -> str:
    if results.status == "pass":
        return "Verdict: passed. Every test passes and every bug is caught. Next: `awaited next`."
    return (
        f"Verdict: not yet. Fix what is listed above, then check again "
        f"(`awaited hint {exercise.number:02d}` for a nudge)."
    )


def render_text(exercise: Exercise, results: Results) -> list[str]:
    lines = [f"{exercise.meta.title} ({exercise.slug})", ""]
    if results.status == "error":
        lines += ["Your tests could not run:", ""]
        lines += ["    " + line for line in (results.message or "").splitlines()]
        lines += ["", verdict_line(exercise, results)]
        return lines
    for status in task_statuses(exercise, results):
        label = f"Task {status.number}. {status.title}" if status.number else status.title
        mark = PASS_MARK if status.done else FAIL_MARK
        lines.append(f"{mark} {label}")
        for problem in status.problems:
            first, *rest = problem.splitlines()
            lines.append(f"    - {first}")
            lines += [f"      {line}" for line in rest]
    caught, total = caught_count(results)
    passed = sum(t.status == "pass" for t in results.learner_tests)
    lines += [
        "",
        f"Tests passing against the real app: {passed} of {len(results.learner_tests)}",
        f"Bugs caught: {caught} of {total}"
        + ("" if passed else " (none can be caught until a test passes on the real app)"),
        verdict_line(exercise, results),
    ]
    return lines
