"""Proving answers: run a snippet under pytest and check predictions and proofs against it."""

from __future__ import annotations

import os
import re
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from awaited.quiz.models import (
    INI_FILE,
    OUTCOMES,
    SNIPPET_FILE,
    Expect,
    IniValue,
    Option,
    Question,
    QuizBank,
    RunSpec,
    _parse_counts,
)

__all__ = [
    "PredictionRun",
    "check_banks",
    "check_prediction",
    "check_proofs",
    "check_question",
    "expect_problems",
    "parse_summary",
    "pytest_command",
    "run_prediction",
    "run_snippet",
]

_SUMMARY_LINE = re.compile(r"^=*\s*(?P<body>.*?)\s+in\s+[0-9.]+s(?:\s+\([^)]*\))?\s*=*$")
_PYTEST_TIMEOUT = re.compile(r"Timeout \(>[0-9.]+s\) from pytest-timeout")


@dataclass(frozen=True)
class PredictionRun:
    """What a snippet's pytest run showed."""

    returncode: int | None  # None when the run was killed by the hard time limit
    output: str  # stdout and stderr together
    summary_line: str | None  # pytest's closing line, e.g. "1 failed, 1 passed in 0.31s"
    counts: dict[str, int] | None  # parsed from summary_line: {"failed": 1, "passed": 1}
    hung: bool  # pytest-timeout stopped a test, or the whole run was killed
    seconds: float

    def describe(self) -> str:
        if self.hung:
            return "the run hung (timed out)"
        if self.summary_line is None:
            return f"the run printed no summary (exit code {self.returncode})"
        return f"the run showed '{self.summary_line}'"


def parse_summary(output: str) -> tuple[str | None, dict[str, int] | None]:
    """Find pytest's closing summary line in an output and parse its counts."""
    for line in reversed(output.splitlines()):
        match = _SUMMARY_LINE.match(line.strip())
        if match is None:
            continue
        counts = _parse_counts(match["body"])
        if counts is not None:
            return line.strip().strip("= ").strip(), counts
    return None, None


def _ini_text(ini: dict[str, IniValue]) -> str:
    lines = ["[pytest]"]
    for key, value in ini.items():
        if isinstance(value, bool):
            lines.append(f"{key} = {'true' if value else 'false'}")
        elif isinstance(value, list) or (isinstance(value, str) and "\n" in value):
            items = value if isinstance(value, list) else value.strip().splitlines()
            lines.append(f"{key} =")
            lines += [f"    {item}" for item in items]
        else:
            lines.append(f"{key} = {value}")
    return "\n".join(lines) + "\n"


def _clean_env() -> dict[str, str]:
    env = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith("PYTEST_")
        and key not in ("PYTHONWARNINGS", "FORCE_COLOR", "NO_COLOR", "PY_COLORS", "COLUMNS")
    }
    env.update({"PY_COLORS": "0", "COLUMNS": "80", "PYTHONDONTWRITEBYTECODE": "1"})
    return env


def pytest_command(run: RunSpec) -> list[str]:
    """The command line a snippet runs with (in its own directory)."""
    command = [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:awaited"]
    for name in run.plugins_disabled:
        command += ["-p", f"no:{name}"]
    if run.timeout_plugin and "timeout" not in run.ini:
        command += ["-o", f"timeout={run.timeout:g}"]
    return command + list(run.args)


def run_snippet(code: str, run: RunSpec, workdir: Path) -> PredictionRun:
    """Write the snippet, its pytest.ini and extra files into ``workdir`` and run pytest there."""
    workdir.mkdir(parents=True, exist_ok=True)
    (workdir / SNIPPET_FILE).write_text(code, encoding="utf-8")
    (workdir / INI_FILE).write_text(_ini_text(run.ini), encoding="utf-8")
    for name, text in run.files.items():
        target = workdir / name
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(text, encoding="utf-8")
    # pytest-timeout stops a hanging test after run.timeout; the hard limit is the backstop.
    limit = run.timeout + 30.0
    started = time.monotonic()
    try:
        done = subprocess.run(
            pytest_command(run),
            cwd=workdir,
            env=_clean_env(),
            stdin=subprocess.DEVNULL,
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            timeout=limit,
            check=False,
        )
    except subprocess.TimeoutExpired as exc:
        output = exc.output.decode("utf-8", "replace") if isinstance(exc.output, bytes) else ""
        return PredictionRun(None, output, None, None, True, time.monotonic() - started)
    output = done.stdout.decode("utf-8", "replace")
    summary_line, counts = parse_summary(output)
    hung = _PYTEST_TIMEOUT.search(output) is not None
    return PredictionRun(
        done.returncode, output, summary_line, counts, hung, time.monotonic() - started
    )


def run_prediction(question: Question, workdir: Path) -> PredictionRun:
    """Run a predict question's code in ``workdir`` the way its ``run`` says."""
    if question.type != "predict" or question.code is None:
        raise ValueError(f"question '{question.id}' is not a predict question")
    return run_snippet(question.code, question.run_spec, workdir)


def expect_problems(expect: Expect, run: PredictionRun) -> list[str]:
    """Why ``run`` does not show what ``expect`` says; empty when it matches."""
    problems = []
    if expect.hangs != run.hung:
        problems.append("expected a hang" if expect.hangs else "the run hung")
    if expect.summary is not None:
        wanted = _parse_counts(expect.summary) or {}
        got = run.counts
        if got is None:
            problems.append(f"expected summary '{expect.summary}', found no summary")
        else:
            keys = set(OUTCOMES) | set(wanted)
            if any(wanted.get(key, 0) != got.get(key, 0) for key in keys):
                problems.append(f"expected summary '{expect.summary}'")
    for text in expect.output_contains:
        if text not in run.output:
            problems.append(f"expected output containing {text!r}")
    return problems


def _label(index: int, option: Option) -> str:
    text = option.text if len(option.text) <= 60 else option.text[:57] + "..."
    return f"option {index + 1} ({text!r})"


def check_prediction(question: Question) -> list[str]:
    """Run a predict question; problems with its options (empty when every option is proven)."""
    with tempfile.TemporaryDirectory(prefix="awaited-quiz-") as folder:
        run = run_prediction(question, Path(folder))
    problems = []
    for index, option in enumerate(question.options):
        if option.expect is None:  # the model forbids it; kept for the type checker
            problems.append(f"{_label(index, option)} has no expect")
            continue
        mismatch = expect_problems(option.expect, run)
        if option.correct and mismatch:
            problems.append(
                f"correct {_label(index, option)} expects {option.expect.describe()}, "
                f"but {run.describe()}: " + "; ".join(mismatch)
            )
        elif not option.correct and not mismatch:
            problems.append(
                f"wrong {_label(index, option)} also matches the real run "
                f"({run.describe()}), so it is not proven wrong"
            )
    if problems:
        problems.append("output of the run:\n" + _tail(run.output))
    return problems


def check_proofs(question: Question) -> list[str]:
    """Run a question's proofs; problems (empty when every proof shows what it expects)."""
    problems = []
    for index, proof in enumerate(question.proofs):
        with tempfile.TemporaryDirectory(prefix="awaited-proof-") as folder:
            run = run_snippet(proof.code, proof.run, Path(folder))
        mismatch = expect_problems(proof.expect, run)
        if mismatch:
            claim = f" ({proof.claim})" if proof.claim else ""
            problems.append(
                f"proof {index + 1}{claim}: {run.describe()}: "
                + "; ".join(mismatch)
                + "\noutput of the run:\n"
                + _tail(run.output)
            )
    return problems


def check_question(question: Question) -> list[str]:
    """Every run a question has: its prediction (predict only), then its proofs."""
    problems = check_prediction(question) if question.type == "predict" else []
    return problems + check_proofs(question)


def _tail(output: str, lines: int = 40) -> str:
    kept = output.rstrip().splitlines()[-lines:]
    return "\n".join(f"    | {line}" for line in kept)


def check_banks(banks: list[QuizBank], jobs: int) -> Iterator[tuple[QuizBank, Question, list[str]]]:
    """Check every question that has runs (predict or proofs), ``jobs`` at a time, in order.

    Yields each such question with its bank and its problems (empty when all its runs agree).
    """
    work = [(bank, q) for bank in banks for q in bank.questions if q.type == "predict" or q.proofs]
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        results = pool.map(lambda item: check_question(item[1]), work)
        for (bank, question), problems in zip(work, results, strict=True):
            yield bank, question, problems
