"""The lesson examples: find them, run them as a learner would, and keep their outputs honest.

Every folder ``lessons/NN_slug/exNN_name/`` is one example: a small app (``main.py``) and the
tests a lesson shows. :func:`run_example` runs ``python -m pytest`` inside that folder, so the
repo's pytest settings apply unless the folder has its own ``pytest.ini``. An example that exists
to show a failure keeps the real output beside it in ``pytest-output.txt``; the course's suite
fails when a fresh run disagrees, and :func:`update_outputs` rewrites those files.

Outputs are normalised (:func:`normalize_output`) so that they read the same on every machine
and on Python 3.11 to 3.14: timings, absolute paths, object addresses and the column markers
under traceback lines go; everything else is exactly what pytest printed.

Regenerate the outputs with ``awaited dev outputs --update`` or
``python -m awaited.examples --update``.
"""

from __future__ import annotations

import argparse
import difflib
import os
import re
import site
import subprocess
import sys
import sysconfig
from collections.abc import Iterable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "OUTPUT_FILE",
    "PYTEST_FLAGS",
    "Example",
    "ExampleRun",
    "diff_output",
    "discover_examples",
    "example_env",
    "normalize_output",
    "run_example",
    "update_outputs",
]

OUTPUT_FILE = "pytest-output.txt"
"""The recorded, normalised output of an example, kept beside its tests."""

PYTEST_FLAGS: tuple[str, ...] = (
    "-q",  # one dot per test and a one-line summary
    "-p",
    "no:cacheprovider",  # no .pytest_cache inside the lesson folders
    "--no-header",  # no platform, rootdir or plugin lines: they differ between machines
    "-rap",  # the short summary names every test: failed, errored, skipped... and passed
    "--tb=short",  # the failing line and the error, without pages of context
)
"""The flags every example runs with; an example's own ``pytest.ini`` may add to them."""

TERMINAL_WIDTH = 80
"""The terminal width pytest is told it has, so that separator lines never change."""

# Environment variables that would change what pytest prints, or which plugins it loads.
_DROPPED_ENV_PREFIXES = ("PYTEST_",)  # PYTEST_ADDOPTS, PYTEST_PLUGINS, PYTEST_XDIST_WORKER, ...
_DROPPED_ENV = frozenset(
    {
        "CI",  # pytest stops shortening summary lines on CI
        "BUILD_NUMBER",  # the other variable pytest reads as "on CI"
        "FORCE_COLOR",
        "NO_COLOR",
        "PY_COLORS",
        "PYTHONASYNCIODEBUG",
        "PYTHONDEVMODE",
        "PYTHONTRACEMALLOC",
        "PYTHONWARNINGS",
    }
)
_FORCED_ENV = {
    "COLUMNS": str(TERMINAL_WIDTH),
    "PY_COLORS": "0",
    "PYTHONDONTWRITEBYTECODE": "1",  # no __pycache__ folders inside the lesson folders
    "PYTHONHASHSEED": "0",
    "PYTHONIOENCODING": "utf-8",
}

_CARETS = re.compile(r"(?:INTERNALERROR>)?[ \t]*[~^]+[ \t]*")
_ADDRESS = re.compile(r"\bat 0x[0-9a-fA-F]{4,}\b")
_OUTCOME = (
    r"\d+ (?:passed|failed|errors?|skipped|deselected|xfailed|xpassed|warnings?|rerun|"
    r"subtests (?:passed|failed|skipped))"
)
_SUMMARY = re.compile(
    rf"(?P<fill>=+ )?(?P<title>no tests ran|{_OUTCOME}(?:, {_OUTCOME})*)"
    r" in \d+(?:\.\d+)?s(?: \(\d+:\d\d:\d\d\))?(?(fill) =+)"
)


@dataclass(frozen=True)
class Example:
    """One example folder of a lesson, e.g. ``lessons/01_first_async_test/ex01_async_client``."""

    lesson: str
    """The lesson's folder name, e.g. ``01_first_async_test``."""
    name: str
    """The example's folder name, e.g. ``ex01_async_client``."""
    path: Path
    """The example folder."""

    @property
    def output_file(self) -> Path:
        """Where the example's recorded output lives (it may not exist)."""
        return self.path / OUTPUT_FILE

    @property
    def id(self) -> str:
        """``lesson/name``: a short, unique label for test ids and messages."""
        return f"{self.lesson}/{self.name}"


@dataclass(frozen=True)
class ExampleRun:
    """The result of running one example's tests."""

    exit_code: int
    """pytest's exit code: 0 all passed, 1 some failed, 2 interrupted, 3 internal error, ..."""
    output: str
    """Everything pytest printed (stdout and stderr, in order), normalised."""


def discover_examples(root: Path) -> list[Example]:
    """Every ``lessons/*/ex*/`` folder under the repo ``root``, sorted by lesson and name."""
    examples = [
        Example(lesson=folder.parent.name, name=folder.name, path=folder)
        for folder in (root / "lessons").glob("*/ex*")
        if folder.is_dir()
    ]
    return sorted(examples, key=lambda example: (example.lesson, example.name))


def example_env(base: Mapping[str, str] | None = None) -> dict[str, str]:
    """The environment an example runs in: ``base`` (default: ours) less anything that changes
    pytest's output, plus a fixed terminal width, no colours and no bytecode files."""
    env = {
        key: value
        for key, value in (os.environ if base is None else base).items()
        if key not in _DROPPED_ENV and not key.startswith(_DROPPED_ENV_PREFIXES)
    }
    env.update(_FORCED_ENV)
    return env


def run_example(example: Example, timeout: float = 60) -> ExampleRun:
    """Run the example's tests in its folder, with this interpreter, and normalise the output.

    Raises :class:`subprocess.TimeoutExpired` when the run takes longer than ``timeout`` seconds.
    """
    completed = subprocess.run(
        [sys.executable, "-m", "pytest", *PYTEST_FLAGS],
        cwd=example.path,
        env=example_env(),
        stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        encoding="utf-8",
        errors="replace",
        timeout=timeout,
        check=False,
    )
    return ExampleRun(completed.returncode, normalize_output(completed.stdout, example.path))


def normalize_output(text: str, example_dir: Path) -> str:
    """Make pytest's output the same on every machine and on every supported Python.

    - Absolute paths lose their machine-specific part: files in the example folder or the repo
      become relative, the interpreter's libraries become ``<site-packages>/...`` and
      ``<stdlib>/...`` (also when pytest printed them relative to the example folder).
    - Timings go: ``2 passed in 0.05s`` becomes ``2 passed``; a summary framed in ``=`` signs is
      framed again as pytest frames a title, at the fixed terminal width.
    - Object addresses become ``at 0x...``.
    - Lines holding only ``^`` or ``~`` column markers go: Python versions place them differently.
    - Trailing whitespace and blank lines at both ends go; the text ends with one newline.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    for old, new in _path_replacements(example_dir):
        text = text.replace(old, new)
    lines: list[str] = []
    for raw in text.split("\n"):
        line = raw.rstrip()
        if line and _CARETS.fullmatch(line):
            continue
        line = _ADDRESS.sub("at 0x...", line)
        summary = _SUMMARY.fullmatch(line)
        lines.append(_summary_without_time(summary) if summary else line)
    return "\n".join(lines).strip("\n") + "\n"


def diff_output(expected: str, actual: str, name: str = OUTPUT_FILE) -> str:
    """A unified diff from the recorded output to a fresh one ('' when they agree)."""
    return "".join(
        difflib.unified_diff(
            expected.splitlines(keepends=True),
            actual.splitlines(keepends=True),
            fromfile=f"{name} (recorded)",
            tofile=f"{name} (fresh run)",
        )
    )


def update_outputs(root: Path, timeout: float = 60) -> list[Path]:
    """Re-run every example that has a ``pytest-output.txt`` and rewrite that file.

    To record the output of a new example, create an empty ``pytest-output.txt`` in its folder
    first. Returns the files whose content changed.
    """
    recorded = [example for example in discover_examples(root) if example.output_file.is_file()]
    with ThreadPoolExecutor(max_workers=os.cpu_count() or 1) as pool:
        runs = list(pool.map(lambda example: run_example(example, timeout), recorded))
    changed: list[Path] = []
    for example, run in zip(recorded, runs, strict=True):
        if example.output_file.read_text(encoding="utf-8") != run.output:
            example.output_file.write_text(run.output, encoding="utf-8")
            changed.append(example.output_file)
    return changed


def _summary_without_time(match: re.Match[str]) -> str:
    title = match["title"]
    if not match["fill"]:
        return title
    # As pytest's TerminalWriter.sep("=", title) draws it, on a terminal TERMINAL_WIDTH wide.
    fill = "=" * max((TERMINAL_WIDTH - len(title) - 2) // 2, 1)
    line = f"{fill} {title} {fill}"
    return line + "=" if len(line) + 1 <= TERMINAL_WIDTH else line


def _library_dirs() -> dict[str, str]:
    """This interpreter's library folders, by the placeholder that replaces them."""
    paths = sysconfig.get_paths()
    dirs: dict[str, str] = {}
    for name in ("stdlib", "platstdlib"):
        dirs[paths[name]] = "<stdlib>"
    for folder in [paths["purelib"], paths["platlib"], *site.getsitepackages()]:
        dirs[folder] = "<site-packages>"
    user_site = site.getusersitepackages()
    if user_site:
        dirs[user_site] = "<site-packages>"
    return dirs


def _path_forms(folder: Path, start: Path) -> Iterable[str]:
    """The ways pytest may print ``folder``: absolute (as given and resolved), or relative."""
    yield str(folder)
    yield str(folder.resolve())
    relative = os.path.relpath(folder.resolve(), start.resolve())
    if relative.startswith(os.pardir):
        yield relative


def _path_replacements(example_dir: Path) -> Sequence[tuple[str, str]]:
    replacements: dict[str, str] = {}
    for folder, placeholder in _library_dirs().items():
        for form in _path_forms(Path(folder), example_dir):
            replacements[form + os.sep] = placeholder + "/"
    example = example_dir.resolve()
    repo = example.parent.parent.parent
    if example.parent.parent.name == "lessons":
        for form in _path_forms(repo, example_dir):
            if os.path.isabs(form):
                replacements[form + os.sep] = ""
    for form in (str(example_dir), str(example)):
        if os.path.isabs(form):
            replacements[form + os.sep] = ""
    # Longest first, so that a library inside the repo (a .venv) wins over the repo itself.
    return sorted(replacements.items(), key=lambda item: len(item[0]), reverse=True)


def _main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m awaited.examples",
        description="Run the lesson examples and compare (or rewrite) their recorded outputs.",
    )
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the repo (default: .)")
    parser.add_argument(
        "--update", action="store_true", help=f"rewrite every existing {OUTPUT_FILE}"
    )
    args = parser.parse_args(argv)
    root: Path = args.root
    if args.update:
        changed = update_outputs(root)
        for path in changed:
            print(f"updated {path}")
        print(f"{len(changed)} output file(s) changed")
        return 0
    failures = 0
    for example in discover_examples(root):
        run = run_example(example)
        if example.output_file.is_file():
            diff = diff_output(example.output_file.read_text(encoding="utf-8"), run.output)
            ok = not diff
        else:
            diff = run.output if run.exit_code else ""
            ok = run.exit_code == 0
        failures += not ok
        print(f"{'ok  ' if ok else 'FAIL'} {example.id}")
        if diff:
            print(diff)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(_main())
