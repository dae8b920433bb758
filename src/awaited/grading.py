"""Mutation grading: the learner's tests must pass on the app and fail on every mutant.

This is the one grading core. The pytest plugin drives it, so plain `pytest exercises/NN_...`,
`awaited check` (which runs that pytest) and, later, the browser all grade the same way.
"""

from __future__ import annotations

import gc
import inspect
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest
from _pytest.runner import runtestprotocol  # pinned pytest: runs an item without reporting it
from pytest_timeout import Settings

from awaited.catalog import Exercise, Mutant
from awaited.diagnostics import explain
from awaited.results import MUTANT_PREFIX, NOT_TRIED, Results, Status, TestResult, cap_output
from awaited.targets import LearnerImportError, Target, import_tests, load_app


class TargetModule(pytest.Module):
    """The learner's test module, imported against one target app."""

    target: Target

    def _getobj(self) -> Any:
        try:
            app = load_app(self.target)
        except Exception as error:  # the course's own app is broken: not the learner's fault
            raise self.CollectError(
                f"the app {self.target.app_file} failed to import: {error!r}"
            ) from None
        try:
            return import_tests(self.path, app, self.config)
        except LearnerImportError as error:
            raise self.CollectError(str(error)) from None


@dataclass
class TestRecord:
    """What happened to one learner test against the real app."""

    item: pytest.Item
    status: Status = "pass"
    message: str | None = None
    output: str = ""


@dataclass
class MutantRecord:
    mutant: Mutant
    caught_by: str | None = None
    detail: str | None = None
    ran: bool = False


@dataclass
class GradedFile:
    path: Path
    exercise: Exercise
    module: TargetModule
    collect_error: str | None = None


@dataclass
class ExerciseGrade:
    """Everything recorded while grading one exercise in this session."""

    exercise: Exercise
    files: list[GradedFile] = field(default_factory=list)
    tests: dict[str, TestRecord] = field(default_factory=dict)
    mutants: list[MutantRecord] = field(default_factory=list)

    def results(self) -> Results:
        errors = [f.collect_error for f in self.files if f.collect_error]
        if errors:
            return Results(status="error", message="\n".join(errors))
        if not self.tests:
            names = ", ".join(self.exercise.meta.learner_files)
            return Results(
                status="error",
                message=f"No tests found in {names}. Write functions named `test_...`.",
            )
        tests = [_learner_result(record) for record in self.tests.values()]
        tests += [_mutant_result(self.exercise, record) for record in self.mutants]
        status: Status = "pass" if all(t.status == "pass" for t in tests) else "fail"
        return Results(status=status, tests=tests)


def _task_of(item: pytest.Item) -> int | None:
    marker = item.get_closest_marker("task")
    if marker is None or not marker.args:
        return None
    value = marker.args[0]
    return value if isinstance(value, int) else None


def _source_of(item: pytest.Item) -> str:
    function = getattr(item, "function", None)
    try:
        return inspect.getsource(function) if function is not None else ""
    except (OSError, TypeError):
        return ""


def _learner_result(record: TestRecord) -> TestResult:
    return TestResult(
        name=record.item.name,
        status=record.status,
        message=record.message,
        output=cap_output(record.output),
        test_code=_source_of(record.item),
        task_id=_task_of(record.item),
    )


def _mutant_result(exercise: Exercise, record: MutantRecord) -> TestResult:
    mutant = record.mutant
    if record.caught_by:
        status: Status = "pass"
        message = f"Caught by {record.caught_by}: {record.detail}"
    elif record.ran:
        status = "fail"
        message = f"Your tests still pass when {mutant.bug}."
    else:
        status = "fail"
        message = NOT_TRIED
    return TestResult(
        name=f"{MUTANT_PREFIX}{mutant.name}: {mutant.bug}",
        status=status,
        message=message,
        test_code="",
        task_id=exercise.meta.task_of_mutant(mutant.name),
    )


def describe_failure(report: pytest.TestReport) -> str:
    """One readable paragraph for a failed phase: the error, where, and what it means."""
    longrepr: Any = report.longrepr
    crash = getattr(longrepr, "reprcrash", None)
    if crash is not None:
        text = str(crash.message)
        if report.when == "setup" and "Timeout" not in text and "ran for more than" not in text:
            text = f"while setting up the test's fixtures: {text}"
        in_learner_file = Path(str(crash.path)).name == Path(str(report.fspath)).name
        location = f"line {crash.lineno}: " if crash.lineno and in_learner_file else ""
    elif isinstance(longrepr, tuple) and len(longrepr) == 3:  # a skip: (path, line, reason)
        text, location = str(longrepr[2]), ""
    else:
        text, location = str(longrepr), ""
    advice = explain(str(longrepr)) or explain(text)
    message = location + text.strip()
    return f"{message}\n{advice}" if advice else message


def record_app_report(grade: ExerciseGrade, report: pytest.TestReport, item: pytest.Item) -> None:
    record = grade.tests.setdefault(report.nodeid, TestRecord(item=item))
    record.output += report.capstdout + report.capstderr
    if report.skipped and record.status == "pass":
        record.status = "fail"
        reason = describe_failure(report)
        record.message = f"This test was skipped ({reason}). A skipped test catches no bug."
    elif report.failed and record.status == "pass":
        record.status = "error" if report.when != "call" else "fail"
        record.message = describe_failure(report)


def collect_items(collector: pytest.Collector) -> Iterator[pytest.Item]:
    for node in collector.collect():
        if isinstance(node, pytest.Item):
            yield node
        elif isinstance(node, pytest.Collector):
            yield from collect_items(node)


def timeout_settings(seconds: float) -> Settings:
    return Settings(
        timeout=seconds, method="signal", func_only=False, disable_debugger_detection=True
    )


def run_quietly(
    item: pytest.Item, nextitem: pytest.Item | None, seconds: float
) -> list[pytest.TestReport]:
    """Run one item with a time limit, without reporting it to the terminal."""
    hook = item.config.hook
    hook.pytest_timeout_set_timer(item=item, settings=timeout_settings(seconds))
    try:
        return runtestprotocol(item, log=False, nextitem=nextitem)
    finally:
        hook.pytest_timeout_cancel_timer(item=item)


def try_mutant(graded: GradedFile, record: MutantRecord, passing: set[str]) -> None:
    """Run the tests that passed on the app against one mutant, stopping at the first failure."""
    try:
        _run_against_mutant(graded, record, passing)
    finally:
        drop_mutant_garbage()


def _run_against_mutant(graded: GradedFile, record: MutantRecord, passing: set[str]) -> None:
    module = graded.module
    mutant_module = TargetModule.from_parent(
        module.parent,
        path=graded.path,
        name=f"{graded.path.name}[{record.mutant.name}]",
        nodeid=f"{module.nodeid}::mutant:{record.mutant.name}",
    )
    mutant_module.target = Target(record.mutant.name, record.mutant.path)
    record.ran = True
    try:
        items = [item for item in collect_items(mutant_module) if item.name in passing]
    except TargetModule.CollectError as error:  # the tests do not even import on this mutant
        record.caught_by, record.detail = graded.path.name, f"importing it failed: {error}"
        return
    seconds = graded.exercise.meta.timeout_seconds
    with _crash_line_only(module.config):
        for index, item in enumerate(items):
            nextitem = items[index + 1] if index + 1 < len(items) else None
            reports = run_quietly(item, nextitem, seconds)
            failed = next((report for report in reports if report.failed), None)
            if failed is not None:
                record.caught_by = item.name
                record.detail = describe_failure(failed).splitlines()[0]
                if nextitem is not None:
                    item.session._setupstate.teardown_exact(None)  # pinned pytest: stop early
                return


@contextmanager
def _crash_line_only(config: pytest.Config) -> Iterator[None]:
    """A test failing on a mutant is the expected outcome, and only its crash line is kept
    (:func:`describe_failure`): pytest's `--tb=line` style skips rendering the source of every
    traceback entry, which was most of a mutant's time in the browser."""
    option: Any = config.option
    style = option.tbstyle
    option.tbstyle = "line"
    try:
        yield
    finally:
        option.tbstyle = style


def drop_mutant_garbage() -> None:
    """Collect what a mutant leaked (say, a never-awaited coroutine) before the next mutant.

    Otherwise its warning surfaces later and fails a test of an unrelated mutant, which would
    count as catching it. Runs once per mutant: a full collection costs ~20 ms, less after
    `freeze_startup_heap`.
    """
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        gc.collect()


def freeze_startup_heap() -> None:
    """Move everything alive now out of the collector's sight, so each collection is cheap."""
    gc.collect()
    gc.freeze()
