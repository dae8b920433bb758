"""The pytest plugin: grades any collected exercise file, in plain pytest as in `awaited check`.

It switches itself on for a test file that an exercise's `.meta/exercise.toml` lists as the
learner's (or for every test file when `--awaited-app-dir` names the pristine exercise, as
the CLI and instructor tools do). Elsewhere it does nothing.
"""

from __future__ import annotations

import time
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from pytest_timeout import Settings

from awaited.catalog import CatalogError, Exercise, is_exercise_dir, load_exercise
from awaited.grading import (
    ExerciseGrade,
    GradedFile,
    MutantRecord,
    TargetModule,
    freeze_startup_heap,
    record_app_report,
    try_mutant,
)
from awaited.report import render_text
from awaited.results import Results
from awaited.targets import APP_MODULE, Target
from awaited.timeouts import (
    ALARM_AFTER_DEADLINE_SECONDS,
    IN_BROWSER,
    can_keep_time,
    runs_under_anyio,
    start_timer,
    with_deadline,
)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("awaited", "Awaited exercise grading")
    group.addoption(
        "--awaited-json",
        metavar="PATH",
        help="write the grade as Exercism v3 results JSON (a folder: one file per exercise)",
    )
    group.addoption(
        "--awaited-app-dir",
        metavar="DIR",
        help="grade the collected test files against this exercise's app and mutants",
    )
    group.addoption(
        "--awaited-no-mutants",
        action="store_true",
        help="only run the tests against the real app (a quick check while you work)",
    )


def pytest_configure(config: pytest.Config) -> None:
    config.addinivalue_line("markers", "task(number): ties a test to a numbered exercise task")
    config.pluginmanager.register(Grader(config), "awaited-grader")


class Grader:
    """Per-session state of the grading; a plugin object so its hooks see the session."""

    def __init__(self, config: pytest.Config) -> None:
        self.config = config
        app_dir = config.getoption("awaited_app_dir")
        self.forced: Exercise | None = load_exercise(Path(app_dir).resolve()) if app_dir else None
        self.grades: dict[str, ExerciseGrade] = {}
        self.by_path: dict[Path, GradedFile] = {}
        self.items_by_id: dict[str, pytest.Item] = {}
        self.deadlines: dict[str, float] = {}  # time.monotonic() when each timed test is up

    # -- collection ---------------------------------------------------------------

    def exercise_for(self, path: Path) -> Exercise | None:
        exercise = self.forced
        if exercise is None and is_exercise_dir(path.parent):
            try:
                exercise = load_exercise(path.parent)
            except CatalogError as error:
                raise pytest.UsageError(str(error)) from None
        if exercise is None or path.name not in exercise.meta.learner_files:
            return None
        return exercise

    @pytest.hookimpl(tryfirst=True)
    def pytest_pycollect_makemodule(
        self, module_path: Path, parent: pytest.Collector
    ) -> pytest.Module | None:
        exercise = self.exercise_for(module_path)
        if exercise is None:
            return None
        module: TargetModule = TargetModule.from_parent(parent, path=module_path)
        module.target = Target(APP_MODULE, exercise.app_file)
        grade = self.grades.setdefault(exercise.slug, ExerciseGrade(exercise))
        graded = GradedFile(module_path, exercise, module)
        grade.files.append(graded)
        self.by_path[module_path] = graded
        return module

    def pytest_collectreport(self, report: pytest.CollectReport) -> None:
        if not report.failed:
            return
        for graded in self.by_path.values():
            if report.nodeid == graded.module.nodeid:
                longrepr: Any = report.longrepr
                graded.collect_error = str(getattr(longrepr, "longrepr", longrepr)).strip()

    def pytest_collection_modifyitems(self, items: list[pytest.Item]) -> None:
        for item in items:
            if self.graded_file(item) is not None:
                # Closest marker wins, so a learner's own @timeout cannot lift the limit.
                item.add_marker(pytest.mark.timeout(self.timeout_of(item)), append=False)

    def graded_file(self, item: pytest.Item) -> GradedFile | None:
        module = item.getparent(TargetModule)
        return None if module is None else self.by_path.get(module.path)

    def timeout_of(self, item: pytest.Item) -> float:
        graded = self.graded_file(item)
        return graded.exercise.meta.timeout_seconds if graded else 0

    # -- running --------------------------------------------------------------------

    @pytest.hookimpl(tryfirst=True)
    def pytest_timeout_set_timer(self, item: pytest.Item, settings: Settings) -> bool | None:
        if self.graded_file(item) is None or not can_keep_time():
            return None  # pytest-timeout's own timer
        seconds = self.timeout_of(item)
        self.deadlines[item.nodeid] = time.monotonic() + seconds
        item.cancel_timeout = start_timer(seconds)  # type: ignore[attr-defined]
        return True

    @pytest.hookimpl(wrapper=True)
    def pytest_pyfunc_call(self, pyfuncitem: pytest.Function) -> Generator[None, object, object]:
        deadline = self.deadlines.get(pyfuncitem.nodeid)
        if deadline is None or IN_BROWSER or not runs_under_anyio(pyfuncitem):
            return (yield)
        # The alarm alone would strand an anyio test that awaits forever (awaited.timeouts).
        limit = self.timeout_of(pyfuncitem)
        left = max(deadline - time.monotonic(), 0.0)
        pyfuncitem.cancel_timeout()  # type: ignore[attr-defined]
        pyfuncitem.cancel_timeout = start_timer(  # type: ignore[attr-defined]
            left + ALARM_AFTER_DEADLINE_SECONDS, limit
        )
        original = pyfuncitem.obj
        pyfuncitem.obj = with_deadline(original, left, limit)
        try:
            return (yield)
        finally:
            pyfuncitem.obj = original

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        item = self.items_by_id.get(report.nodeid)
        graded = self.graded_file(item) if item is not None else None
        if item is not None and graded is not None:
            record_app_report(self.grades[graded.exercise.slug], report, item)

    @pytest.hookimpl(wrapper=True)
    def pytest_runtestloop(self, session: pytest.Session) -> Generator[None, object, object]:
        self.items_by_id = {item.nodeid: item for item in session.items}
        result = yield
        if not self.config.getoption("awaited_no_mutants") and not session.shouldstop:
            self.run_mutants()
        return result

    def run_mutants(self) -> None:
        if self.grades:
            freeze_startup_heap()
        for grade in self.grades.values():
            passing = {r.item.name for r in grade.tests.values() if r.status == "pass"}
            grade.mutants = [MutantRecord(mutant) for mutant in grade.exercise.mutants]
            if not passing or any(f.collect_error for f in grade.files):
                continue
            for record in grade.mutants:
                for graded in grade.files:
                    if record.caught_by is None:
                        try_mutant(graded, record, passing)

    # -- reporting ------------------------------------------------------------------

    def results(self) -> dict[str, Results]:
        return {slug: grade.results() for slug, grade in self.grades.items()}

    @pytest.hookimpl(trylast=True)
    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        if not self.grades:
            return
        results = self.results()
        target = self.config.getoption("awaited_json")
        if target:
            write_results(Path(target), results)
        if any(r.status != "pass" for r in results.values()) and session.exitstatus == 0:
            session.exitstatus = pytest.ExitCode.TESTS_FAILED

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        for slug, results in self.results().items():
            grade = self.grades[slug]
            terminalreporter.section(f"awaited: {slug}", sep="=", bold=True)
            for line in render_text(grade.exercise, results):
                terminalreporter.write_line(line)


def write_results(target: Path, results: dict[str, Results]) -> None:
    if target.is_dir():
        for slug, result in results.items():
            (target / f"{slug}.json").write_text(result.to_json(), encoding="utf-8")
        return
    if len(results) != 1:
        raise pytest.UsageError("--awaited-json names a file, but more than one exercise ran")
    target.write_text(next(iter(results.values())).to_json(), encoding="utf-8")
