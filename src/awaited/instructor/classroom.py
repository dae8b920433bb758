"""Grades a class: every submission, every exercise, on a pool of workers.

Each worker takes one student at a time: opens the submission (unpacking a zip into its own
scratch folder), copies only the learner-owned files of each exercise into a fresh folder,
and grades that folder with `awaited.checking.run_check` (pytest in a child process, the
course's own config, `--noconftest`, plus the sandbox plugin). The workers are threads that
wait on those child processes, so `jobs` pytest processes run at once; by default each is
forked from a pre-warmed one (`awaited.instructor.zygote`). Anything that goes wrong for one
student becomes that student's error, never the batch's.
"""

from __future__ import annotations

import json
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor, as_completed
from contextlib import ExitStack
from dataclasses import dataclass, field
from pathlib import Path
from typing import Literal

from awaited.catalog import Exercise
from awaited.checking import Runner, run_check, run_subprocess
from awaited.instructor import integrity, submissions
from awaited.instructor.integrity import Flag
from awaited.instructor.submissions import Submission, SubmissionError
from awaited.instructor.zygote import Zygote
from awaited.report import caught_count, task_statuses
from awaited.results import MUTANT_PREFIX, Results, Status, TestResult

State = Literal["passed", "not yet", "error", "missing"]
SANDBOX_PLUGIN = "awaited.instructor.sandbox"
STATES: dict[Status, State] = {"pass": "passed", "fail": "not yet", "error": "error"}


@dataclass
class ExerciseOutcome:
    """One student's grade on one exercise."""

    exercise: Exercise
    results: Results
    state: State
    reason: str = ""
    refused: list[str] = field(default_factory=list)  # what the sandbox stopped

    @property
    def score(self) -> int:
        """Percent of the exercise's tasks done: every test passing, every bug caught."""
        if self.state in ("error", "missing"):
            return 0
        statuses = [s for s in task_statuses(self.exercise, self.results) if s.number]
        return round(100 * sum(s.done for s in statuses) / len(statuses)) if statuses else 0

    @property
    def caught(self) -> tuple[int, int]:
        caught, total = caught_count(self.results)
        return caught, total or len(self.exercise.mutants)

    @property
    def surviving(self) -> list[str]:
        """Mutants the tests ran against and did not catch."""
        prefix = "Your tests still pass when"
        return [
            mutant_name(test)
            for test in self.results.mutants
            if test.status == "fail" and (test.message or "").startswith(prefix)
        ]

    @property
    def tried(self) -> list[str]:
        """Mutants the tests ran against: caught or surviving (not those never reached)."""
        caught = [mutant_name(test) for test in self.results.mutants if test.status == "pass"]
        return caught + self.surviving


def mutant_name(test: TestResult) -> str:
    """`mutant drops_the_author: ...` is `drops_the_author`."""
    return test.name.removeprefix(MUTANT_PREFIX).split(":", 1)[0]


@dataclass
class StudentOutcome:
    name: str
    exercises: dict[str, ExerciseOutcome]
    flags: list[Flag] = field(default_factory=list)

    @property
    def total_score(self) -> int:
        scores = [outcome.score for outcome in self.exercises.values()]
        return round(sum(scores) / len(scores)) if scores else 0


def grade_class(
    root: Path,
    exercises: list[Exercise],
    found: list[Submission],
    pristine: dict[str, bytes],
    *,
    jobs: int,
    warm: bool = True,
    on_done: Callable[[StudentOutcome], None] = lambda outcome: None,
) -> list[StudentOutcome]:
    """Grade every submission; results come back in the submissions' order.

    `warm` forks each grading process from a pre-warmed one (`zygote`), ~5x cheaper than
    starting a fresh interpreter, which `warm=False` does (exactly as `awaited check`).
    """
    with ExitStack() as stack:
        runner: Runner = run_subprocess
        if warm:
            scratch = Path(stack.enter_context(tempfile.TemporaryDirectory(prefix="awaited-")))
            zygote = Zygote(scratch)
            stack.callback(zygote.close)
            runner = zygote.run
        return _grade_all(root, exercises, found, pristine, jobs, runner, on_done)


def _grade_all(
    root: Path,
    exercises: list[Exercise],
    found: list[Submission],
    pristine: dict[str, bytes],
    jobs: int,
    runner: Runner,
    on_done: Callable[[StudentOutcome], None],
) -> list[StudentOutcome]:
    outcomes: dict[str, StudentOutcome] = {}
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        futures = {
            pool.submit(grade_student, root, exercises, submission, pristine, runner): submission
            for submission in found
        }
        for future in as_completed(futures):
            submission = futures[future]
            try:
                outcome = future.result()
            except Exception as error:  # a bug of ours must not cost the rest of the class
                outcome = failed_student(submission.name, exercises, f"internal error: {error!r}")
            outcomes[submission.name] = outcome
            on_done(outcome)
    return [outcomes[submission.name] for submission in found]


def failed_student(name: str, exercises: list[Exercise], reason: str) -> StudentOutcome:
    results = Results(status="error", message=reason)
    return StudentOutcome(
        name, {e.slug: ExerciseOutcome(e, results, "error", reason) for e in exercises}
    )


def grade_student(
    root: Path,
    exercises: list[Exercise],
    submission: Submission,
    pristine: dict[str, bytes],
    runner: Runner = run_subprocess,
) -> StudentOutcome:
    with tempfile.TemporaryDirectory(prefix=f"awaited-grade-{submission.name}-") as scratch:
        scratch_dir = Path(scratch)
        try:
            tree = submissions.open_tree(submission, scratch_dir)
        except SubmissionError as error:
            return failed_student(submission.name, exercises, str(error))
        course_root = submissions.course_root(tree, [e.slug for e in exercises])
        outcome = StudentOutcome(submission.name, {})
        outcome.flags = integrity.check_tree(course_root, tree, exercises, pristine)
        for exercise in exercises:
            graded = grade_exercise(root, exercise, course_root, tree, scratch_dir, runner)
            outcome.exercises[exercise.slug] = graded
            outcome.flags += [
                Flag("sandbox", f"exercises/{exercise.slug}", what) for what in graded.refused
            ]
        return outcome


def grade_exercise(
    root: Path,
    exercise: Exercise,
    course_root: Path,
    tree: Path,
    scratch: Path,
    runner: Runner = run_subprocess,
) -> ExerciseOutcome:
    folder = submissions.exercise_folder(course_root, exercise.slug)
    if folder is None:
        reason = f"exercises/{exercise.slug}/ is not in the submission"
        return ExerciseOutcome(exercise, Results(status="error", message=reason), "missing", reason)
    work_dir = scratch / exercise.slug
    work_dir.mkdir()
    for name in exercise.meta.learner_files:
        data = submissions.read_inside(folder, name, tree)
        if data is None:
            reason = f"exercises/{exercise.slug}/{name} is not in the submission"
            results = Results(status="error", message=reason)
            return ExerciseOutcome(exercise, results, "missing", reason)
        (work_dir / name).write_bytes(data)
    log = scratch / f"{exercise.slug}-sandbox.json"
    sandbox = ["-p", SANDBOX_PLUGIN, "--awaited-sandbox", str(work_dir)]
    sandbox += ["--awaited-sandbox-log", str(log)]
    run = run_check(root, exercise, work_dir, isolated=True, extra_args=sandbox, runner=runner)
    refused = _refusals(log)
    state = STATES[run.results.status]
    return ExerciseOutcome(exercise, run.results, state, reason_for(exercise, run.results), refused)


def _refusals(log: Path) -> list[str]:
    if not log.is_file():
        return []
    try:
        refused = json.loads(log.read_text(encoding="utf-8")).get("refused", [])
    except (ValueError, AttributeError):
        return ["the sandbox log was unreadable"]
    return [str(item) for item in refused]


def reason_for(exercise: Exercise, results: Results) -> str:
    """One line for the gradebook: why this is not a pass (the first unfinished task)."""
    if results.status == "pass":
        return ""
    if results.status == "error":
        return first_line(results.message or "the tests could not run")
    unfinished = [s for s in task_statuses(exercise, results) if not s.done]
    if not unfinished:
        return "not every test passes"
    status = unfinished[0]
    label = f"task {status.number}" if status.number else status.title.lower()
    problem = first_line(status.problems[0]) if status.problems else "not done"
    more = f" (+{len(unfinished) - 1} more tasks)" if len(unfinished) > 1 else ""
    return f"{label}: {problem}{more}"


def first_line(text: str) -> str:
    lines = [line.strip() for line in text.strip().splitlines() if line.strip()]
    return lines[0] if lines else ""
