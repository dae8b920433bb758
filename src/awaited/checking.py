"""Runs the grading for the CLI: pytest with the awaited plugin, in a child process.

A child process keeps a learner's test from taking the CLI down with it, and a deadline
backs up the per-test time limit for code that a signal cannot interrupt.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from awaited.catalog import Exercise
from awaited.results import Results


@dataclass(frozen=True)
class CheckRun:
    results: Results
    output: str  # pytest's own terminal output, for --verbose
    broken_environment: bool = False  # pytest itself could not grade: not the learner's doing


def deadline_for(exercise: Exercise) -> float:
    return 30 + 10 * exercise.meta.timeout_seconds


def pytest_args(
    root: Path,
    exercise: Exercise,
    work_dir: Path,
    json_path: Path,
    *,
    isolated: bool,
    extra_args: Sequence[str] = (),
) -> list[str]:
    """pytest's arguments for grading `exercise` from `work_dir`: the CLI and the browser both
    use exactly these, so both grade the same way."""
    args = [
        *[str(path) for path in exercise.learner_paths(work_dir) if path.name.startswith("test")],
        "-c", str(root / "pyproject.toml"),
        "--rootdir", str(work_dir),
        "-p", "no:cacheprovider",
        "-q", "--no-header",
        "--awaited-app-dir", str(exercise.path),
        "--awaited-json", str(json_path),
    ]  # fmt: skip
    if isolated:  # someone else's folder: their conftest.py must not run
        args.append("--noconftest")
    args.extend(extra_args)  # e.g. the instructor's sandbox plugin
    return args


def pytest_command(
    root: Path,
    exercise: Exercise,
    work_dir: Path,
    json_path: Path,
    *,
    isolated: bool,
    extra_args: Sequence[str] = (),
) -> list[str]:
    args = pytest_args(
        root, exercise, work_dir, json_path, isolated=isolated, extra_args=extra_args
    )
    return [sys.executable, "-m", "pytest", *args]


@dataclass(frozen=True)
class ProcessRun:
    output: str
    timed_out: bool


# Runs a pytest command line in `cwd` with `env`, killing it after `deadline` seconds. The
# default starts a fresh interpreter; `awaited grade` passes a pre-warmed one.
Runner = Callable[[list[str], Path, dict[str, str], float], ProcessRun]


def run_subprocess(
    command: list[str], cwd: Path, env: dict[str, str], deadline: float
) -> ProcessRun:
    process = subprocess.Popen(
        command, cwd=cwd, env=env, text=True, start_new_session=True,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
    )  # fmt: skip
    try:
        output, _ = process.communicate(timeout=deadline)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        output, _ = process.communicate()
        return ProcessRun(output, timed_out=True)
    return ProcessRun(output, timed_out=False)


def run_check(
    root: Path,
    exercise: Exercise,
    work_dir: Path | None = None,
    *,
    isolated: bool = False,
    extra_args: Sequence[str] = (),
    runner: Runner = run_subprocess,
) -> CheckRun:
    work_dir = work_dir or exercise.path
    missing = [p.name for p in exercise.learner_paths(work_dir) if not p.is_file()]
    if missing:
        message = f"{', '.join(missing)} is missing from {work_dir}. `awaited reset` restores it."
        return CheckRun(Results(status="error", message=message), "")
    with tempfile.TemporaryDirectory(prefix="awaited-") as scratch:
        json_path = Path(scratch) / "results.json"
        command = pytest_command(
            root, exercise, work_dir, json_path, isolated=isolated, extra_args=extra_args
        )
        env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1", "PY_COLORS": "0"}
        run = runner(command, work_dir, env, deadline_for(exercise))
        output = run.output
        if run.timed_out:
            message = (
                f"Grading took more than {deadline_for(exercise):g} s and was stopped. A test "
                "blocks in a way the per-test time limit cannot interrupt (a blocking call "
                "such as time.sleep inside the app, or a loop that swallows every exception)."
            )
            return CheckRun(Results(status="error", message=message), output)
        if not json_path.exists():
            tail = "\n".join(output.strip().splitlines()[-15:])
            message = f"pytest stopped before grading finished:\n{tail}"
            return CheckRun(Results(status="error", message=message), output, True)
        return CheckRun(Results.from_json(json_path.read_text(encoding="utf-8")), output)
