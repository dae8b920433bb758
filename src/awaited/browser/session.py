"""What the browser worker calls: run one lesson example, or check one exercise.

Both take the files as the reader's editor holds them, write them where a learner's clone would
have them (inside the course copy the worker unpacked), run pytest in-process exactly as the
terminal does, and answer with JSON, the contract between the worker and the page:

- :func:`run_example` -> ``{"status", "exit_code", "counts", "output"}``; ``output`` is
  normalised like the outputs a lesson page shows;
- :func:`check_exercise` -> Exercism v3 results, the same document `awaited check --json`
  prints (pytest with the awaited plugin and the arguments of `awaited.checking.pytest_args`),
  plus ``"report"``, the lines `awaited check` prints, and ``"output"``, pytest's own text.

``status`` is ``"stopped"`` when the reader pressed Stop (pytest saw KeyboardInterrupt).
"""

from __future__ import annotations

import gc
import importlib
import io
import json
import os
import site
import sys
import warnings
from collections.abc import Iterator, Mapping
from contextlib import contextmanager, redirect_stderr, redirect_stdout
from dataclasses import dataclass
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
import pytest_timeout
from pytest_timeout import Settings

from awaited.browser import (
    alarm,
    anyio_backends,
    inline_sqlite,
    lazy_sources,
    lazy_wheels,
    no_greenlet,
    no_threads,
    trio_stand_ins,
)
from awaited.browser.event_loop import tests_own_the_loop
from awaited.catalog import load_exercise
from awaited.checking import pytest_args
from awaited.examples import PYTEST_FLAGS, normalize_output
from awaited.report import render_text
from awaited.results import Results

OUTCOMES = ("passed", "failed", "error", "skipped", "xfailed", "xpassed")
BROWSER_FLAGS = (
    # Pyodide's file descriptors are not real ones, so pytest captures at the `sys` level.
    "--capture=sys",
    # pytest rewrites the asserts of plugins it imports itself; in a long-lived worker they
    # were imported by an earlier run, which pytest would report as an error on every run
    # after the first. The learner's own files are imported afresh and still rewritten.
    "-W",
    "ignore:Module already imported so cannot be rewritten:pytest.PytestAssertRewriteWarning",
)
_course = Path("/home/pyodide/course")


def start(
    course_root: str,
    lazy_wheels_json: str = "{}",
    wheels_url: str = "",
    sources_url: str | None = None,
    warm_up_modules_json: str = "[]",
) -> None:
    """Once per worker: where the course is, the stand-ins for what Pyodide lacks, the wheels
    to install on first import (`{top-level name: wheel file}`, under `wheels_url`), where
    the sources of the modules shipped as bytecode are (`sources_url`), and the modules the
    warm-up leaves imported, as the build saw them (see :func:`skip_warm_up`)."""
    global _course, _warm_up_modules
    _course = Path(course_root).resolve()
    _warm_up_modules = frozenset(json.loads(warm_up_modules_json))
    sys.dont_write_bytecode = True
    no_threads.install()
    no_greenlet.install()  # before any run imports SQLAlchemy, so it stays across runs
    inline_sqlite.install()
    alarm.install_tick_handler()
    if sources_url is not None:
        stdlib_zip = next(path for path in sys.path if path.endswith(".zip"))
        roots = {
            f"{stdlib_zip}/": f"{sources_url}stdlib/",
            f"{site.getsitepackages()[0]}/": f"{sources_url}site-packages/",
        }
        lazy_sources.install(roots, lazy_sources.fetch_in_worker)
    trio_stand_ins.install()
    _register_anyio_after_pytest_asyncio()
    finder = lazy_wheels.install(json.loads(lazy_wheels_json), wheels_url)
    anyio_backends.count_lazy_backends_as_available(finder.will_install)


def _register_anyio_after_pytest_asyncio() -> None:
    """pytest registers entry-point plugins in the order importlib.metadata finds their
    distributions, which is the directory order of site-packages. When both plugins want an
    async fixture (pytest-asyncio's auto mode), the one registered last wins: on the terminals
    the lessons were recorded on that is anyio. (lessons/02_plugins_and_modes/ex03, which
    shows it, pins the order with `-p`; a learner's own folder may not.) Pyodide's
    directory order is install order, anyio first; moving anyio's metadata out and back in lists
    it last, as there."""
    import anyio

    site_packages = Path(anyio.__file__).parent.parent
    for dist_info in site_packages.glob("anyio-*.dist-info"):
        moved = dist_info.rename(dist_info.with_name(f"{dist_info.name}.moving"))
        moved.rename(dist_info)
    importlib.invalidate_caches()


_WARM_UP_TEST = """
import httpx
import pytest
from fastapi import FastAPI

app = FastAPI()


@app.get("/")
def index() -> dict[str, str]:
    return {"ok": "yes"}


@pytest.mark.asyncio
async def test_asyncio() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/")).json() == {"ok": "yes"}


@pytest.fixture
def anyio_backend() -> str:
    return "asyncio"  # trio is installed on first use (lazy_wheels), not by the warm-up


@pytest.mark.anyio
async def test_anyio() -> None:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://t") as c:
        assert (await c.get("/")).status_code == 200
"""
_baseline: set[str] = set()
_warm_up_modules: frozenset[str] = frozenset()
_before_first_run: set[str] | None = None  # set when the warm-up was skipped


def warm_up() -> None:
    """One small pytest run while the reader is still reading, so that the first Run does not
    pay for importing pytest, its plugins, FastAPI and httpx. What it imported stays imported;
    anything a later run imports is forgotten after that run (see :func:`_pytest`)."""
    global _baseline
    folder = Path("/tmp/awaited-warm-up")
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "test_warm_up.py").write_text(_WARM_UP_TEST, encoding="utf-8")
    (folder / "pytest.ini").write_text(
        "[pytest]\nasyncio_mode = strict\nasyncio_default_fixture_loop_scope = function\n",
        encoding="utf-8",
    )
    _pytest(["-q", "-p", "no:cacheprovider", "test_warm_up.py"], folder)
    for name in ("awaited.pytest_plugin", "awaited.report"):  # used by every Check
        importlib.import_module(name)

    _baseline = set(sys.modules)


def can_skip_warm_up() -> bool:
    """Whether the first real run can stand in for the warm-up: only when the build said
    which modules the warm-up leaves imported."""
    return bool(_warm_up_modules)


def skip_warm_up() -> None:
    """A Run or Check is already waiting, so it does the warm-up's importing itself, which
    saves the reader a whole pytest run. What it leaves imported becomes the baseline, less
    what the warm-up would not have imported (the example's own modules, say): later runs
    start from the same modules as after a warm-up."""
    global _before_first_run
    _before_first_run = set(sys.modules)


def prepare(modules_json: str) -> None:
    """Import, while the reader reads, what the page's code will import from the lazy wheels
    (the manifest's ``prepare``; installing those wheels on the way), so that the page's first
    Run does not wait for it. They join the baseline: later runs find them imported, as they
    find pytest. A module that fails to import is left for the run to report."""
    before = set(sys.modules)
    for name in json.loads(modules_json):
        try:
            importlib.import_module(name)
        except Exception:
            continue  # a hint only: the run that imports it shows the real error
    added = set(sys.modules) - before
    if _baseline:
        _baseline.update(added)
    elif _before_first_run is not None:
        _before_first_run.update(added)


def _baseline_after_first_run() -> None:
    global _baseline, _before_first_run
    if _before_first_run is not None and not _baseline:
        _baseline = set(sys.modules) & (_before_first_run | _warm_up_modules)
        _before_first_run = None


class _Watcher:
    """Reads the outcome counts pytest's summary line shows, and whether Stop was pressed."""

    def __init__(self) -> None:
        self.counts: dict[str, int] = {}
        self.stopped = False

    def pytest_keyboard_interrupt(self, excinfo: pytest.ExceptionInfo[BaseException]) -> None:
        # pytest also ends a session over collection errors with a KeyboardInterrupt subclass
        # (`Session.Interrupted`); only the real one comes from the Stop button.
        self.stopped = excinfo.type is KeyboardInterrupt

    def pytest_terminal_summary(self, terminalreporter: Any) -> None:
        stats = terminalreporter.stats
        self.counts = {name: len(stats[name]) for name in OUTCOMES if stats.get(name)}


class _PytestTimeoutOnTheAlarm:
    """pytest-timeout's own timer (`@pytest.mark.timeout`, the `timeout` option) would take
    SIGALRM, which carries the runner's ticks here, so its handler would fire on the first
    tick, and its cancel would leave SIGALRM at the default for every later run. Its handler
    goes on the alarm instead. Graded tests never get here: the grading plugin claims their
    timer first (`tryfirst`)."""

    @pytest.hookimpl(optionalhook=True)
    def pytest_timeout_set_timer(self, item: pytest.Item, settings: Settings) -> bool:
        def on_alarm(signum: int, frame: FrameType | None) -> None:
            __tracebackhide__ = True
            pytest_timeout.timeout_sigalrm(item, settings)

        item.cancel_timeout = alarm.arm(settings.timeout, on_alarm)  # type: ignore[attr-defined]
        return True


@contextmanager
def _inside(folder: Path) -> Iterator[None]:
    previous = Path.cwd()
    os.chdir(folder)
    try:
        yield
    finally:
        os.chdir(previous)


def _forget_modules_of_earlier_runs() -> None:
    """Each run starts with the modules of a fresh interpreter that has run pytest once, as a
    terminal's `python -m pytest` would: whatever an earlier run imported (an example's
    `main` and `conftest`, or `starlette.testclient` with its import-time warning) is
    imported again, from the files as they are now."""
    if not _baseline:
        return
    for name in set(sys.modules) - _baseline:
        del sys.modules[name]


def _write(folder: Path, files: Mapping[str, str]) -> None:
    for name, text in files.items():
        target = (folder / name).resolve()
        if target.parent != folder.resolve():
            raise ValueError(f"{name!r} is not a file name inside {folder}")
        target.write_text(text, encoding="utf-8")


@dataclass(frozen=True)
class _Run:
    exit_code: int
    output: str
    counts: dict[str, int]
    stopped: bool


def _pytest(args: list[str], folder: Path) -> _Run:
    watcher = _Watcher()
    buffer = io.StringIO()
    _forget_modules_of_earlier_runs()
    with (
        _inside(folder),
        redirect_stdout(buffer),
        redirect_stderr(buffer),
        tests_own_the_loop(),
    ):
        try:
            plugins = [watcher, _PytestTimeoutOnTheAlarm()]
            code = int(pytest.main([*args, *BROWSER_FLAGS], plugins=plugins))
        finally:
            alarm.disarm()  # nothing stays armed after a run
            _collect_what_the_run_left()
            _baseline_after_first_run()
    return _Run(code, buffer.getvalue(), watcher.counts, watcher.stopped)


def _collect_what_the_run_left() -> None:
    """Finalise, now, the objects a run left behind, as a terminal's pytest process does when
    it exits: a coroutine that was never awaited (SQLAlchemy's MissingGreenlet leaves one)
    warns once, after the run, as there (`sys:1: RuntimeWarning: ...`), instead of in the
    middle of the next run, where `filterwarnings = error` would turn it into that run's error.
    pytest keeps the last failure's traceback (`sys.last_exc`, for post-mortem debugging),
    which holds such objects alive; a process that exits drops it too."""
    with warnings.catch_warnings():
        warnings.simplefilter("default")
        warnings.showwarning = _after_the_run
        for name in ("last_exc", "last_type", "last_value", "last_traceback"):
            if hasattr(sys, name):
                delattr(sys, name)
        gc.collect()


def _after_the_run(
    message: Warning | str,
    category: type[Warning],
    filename: str,
    lineno: int,
    file: Any = None,
    line: str | None = None,
) -> None:
    print(f"sys:1: {category.__name__}: {message}", file=sys.stderr)


def _status(run: _Run) -> str:
    if run.stopped:
        return "stopped"
    if run.exit_code == pytest.ExitCode.OK:
        return "passed"
    if run.exit_code == pytest.ExitCode.TESTS_FAILED:
        return "failed"
    return "error"


def run_example(example: str, files_json: str) -> str:
    """Run `lessons/<example>` (e.g. ``01_first_async_test/ex01_async_client``) with `files`."""
    folder = _course / "lessons" / example
    if not folder.is_dir():
        raise ValueError(f"no example {example!r} in this course")
    _write(folder, json.loads(files_json))
    run = _pytest(list(PYTEST_FLAGS), folder)
    return json.dumps(
        {
            "status": _status(run),
            "exit_code": run.exit_code,
            "counts": run.counts,
            "output": normalize_output(run.output, folder),
        }
    )


def check_exercise(slug: str, files_json: str) -> str:
    """Grade exercise `slug` with the learner's `files`, exactly as `awaited check` does."""
    exercise = load_exercise(_course / "exercises" / slug)
    _write(exercise.path, json.loads(files_json))
    json_path = exercise.path / ".awaited-results.json"
    json_path.unlink(missing_ok=True)
    args = pytest_args(_course, exercise, exercise.path, json_path, isolated=False)
    run = _pytest(args, exercise.path)
    if json_path.exists() and not run.stopped:
        data = json.loads(json_path.read_text(encoding="utf-8"))
    else:
        tail = "\n".join(run.output.strip().splitlines()[-15:])
        message = (
            "You stopped the check before it finished."
            if run.stopped
            else f"pytest stopped before grading finished:\n{tail}"
        )
        data = Results(status="error", message=message).to_dict()
    data["report"] = render_text(exercise, Results.from_dict(data))
    data["output"] = run.output
    data["stopped"] = run.stopped
    return json.dumps(data)
