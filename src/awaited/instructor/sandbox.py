"""A pytest plugin for instructor grading: a submission's tests stay inside their own folder.

Loaded with `-p awaited.instructor.sandbox` only by `awaited grade`. It installs an audit hook
(PEP 578) before the learner's file is imported, which refuses, with a PermissionError that
says why: network connections and name lookups, starting programs, reading files outside the
submission's scratch folder, the Python installation and the exercise's pristine app and
mutants (never its reference solution), and writing anywhere but the scratch folder. Every
refusal is also written to a log, so the report shows it even when a test swallowed the error.

An audit hook is a tripwire, not a jail: code that imports ctypes can get past it. The
integrity check flags learner files that import such modules for a human to look at.
"""

from __future__ import annotations

import json
import os
import site
import sys
import sysconfig
import tempfile
import threading
from pathlib import Path
from typing import Any

import pytest

SANDBOX_TAG = "[awaited sandbox]"
NETWORK_EVENTS = frozenset(
    {"socket.connect", "socket.sendto", "socket.sendmsg", "socket.getaddrinfo",
     "socket.gethostbyname", "socket.gethostbyaddr", "socket.getnameinfo"}
)  # fmt: skip
PROGRAM_EVENTS = frozenset(
    {"subprocess.Popen", "os.system", "os.exec", "os.posix_spawn", "os.spawn", "os.fork",
     "os.forkpty", "pty.spawn"}
)  # fmt: skip
# File-system changes: every path argument must be inside the writable folder.
CHANGE_EVENTS = frozenset(
    {"os.remove", "os.rename", "os.rmdir", "os.mkdir", "os.symlink", "os.link", "os.chmod",
     "os.chown", "os.truncate", "os.utime", "shutil.rmtree"}
)  # fmt: skip
WRITE_FLAGS = os.O_WRONLY | os.O_RDWR | os.O_CREAT | os.O_APPEND | os.O_TRUNC
# Read-only system files the stack may consult (time zones, MIME types, randomness).
SYSTEM_READABLE = ("/dev/null", "/dev/urandom", "/etc/localtime", "/usr/share/zoneinfo",
                   "/etc/mime.types")  # fmt: skip
MAX_LOGGED = 20


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("awaited-sandbox", "Awaited instructor sandbox")
    group.addoption("--awaited-sandbox", metavar="DIR", help="the only folder tests may write to")
    group.addoption("--awaited-sandbox-log", metavar="PATH", help="write refusals here as JSON")


class Rules:
    """Which paths may be read and written; decided once, before any learner code runs."""

    def __init__(self, config: pytest.Config, work_dir: Path, log: Path | None) -> None:
        self.writable = [_real(work_dir)]
        self.writable_files = {_real(Path(p)) for p in (config.getoption("awaited_json"), log) if p}
        app_dir = config.getoption("awaited_app_dir")
        self.hidden: list[str] = []
        self.exercises_root = self.exercise = ""
        readable = [*self.writable, *_python_paths(), *SYSTEM_READABLE]
        if app_dir:
            exercise = _real(Path(app_dir))
            readable.append(exercise)
            # The course's other exercises, and this one's solution and starter, stay closed.
            self.hidden = [
                os.path.join(exercise, ".meta", "solution"),
                os.path.join(exercise, ".meta", "starter"),
            ]
            self.exercises_root = os.path.dirname(exercise)
            self.exercise = exercise
        if config.inipath:
            readable.append(_real(config.inipath))
        self.readable = readable

    def may_read(self, path: str) -> bool:
        if any(_inside(path, hidden) for hidden in self.hidden):
            return False
        if self.hidden and _inside(path, self.exercises_root) and not _inside(path, self.exercise):
            return False
        return self.may_write(path) or any(_inside(path, root) for root in self.readable)

    def may_write(self, path: str) -> bool:
        return path in self.writable_files or any(_inside(path, root) for root in self.writable)


def _real(path: Path | str) -> str:
    return os.path.realpath(os.fspath(path))


def _inside(path: str, root: str) -> bool:
    return path == root or path.startswith(root.rstrip(os.sep) + os.sep)


def _python_paths() -> list[str]:
    """The interpreter, the standard library, site-packages and the installed packages."""
    paths = {sys.prefix, sys.base_prefix, sys.exec_prefix, sys.base_exec_prefix}
    paths.update(sysconfig.get_paths().values())
    paths.update(site.getsitepackages())
    paths.update(entry for entry in sys.path if entry and os.path.isdir(entry))
    import awaited  # the grader itself, wherever it is installed

    paths.add(os.path.dirname(awaited.__file__))
    return sorted(_real(path) for path in paths)


class Sandbox:
    """The audit hook and the refusals it has logged."""

    def __init__(self, rules: Rules) -> None:
        self.rules = rules
        self.refused: list[str] = []
        self.busy = threading.local()

    def hook(self, event: str, args: tuple[Any, ...]) -> None:
        if event in NETWORK_EVENTS:
            where = f" to {args[1]!r}" if event == "socket.connect" and len(args) > 1 else ""
            self.refuse(
                f"opening a network connection{where}",
                "graded tests talk to the app in memory (httpx.ASGITransport), not over a network",
            )
        elif event in PROGRAM_EVENTS:
            self.refuse("starting another program", "graded tests run inside pytest only")
        elif event == "open" or event in CHANGE_EVENTS:
            if getattr(self.busy, "on", False):
                return
            self.busy.on = True
            try:
                self.check_paths(event, args)
            finally:
                self.busy.on = False

    def check_paths(self, event: str, args: tuple[Any, ...]) -> None:
        if event == "open":
            path, mode, flags = [*args, None, None, None][:3]
            writing = (isinstance(mode, str) and any(c in mode for c in "wax+")) or (
                isinstance(flags, int) and bool(flags & WRITE_FLAGS)
            )
            paths = [path]
        else:
            writing, paths = True, [a for a in args[:2] if isinstance(a, str | bytes | Path)]
        for raw in paths:
            if raw is None or isinstance(raw, int):
                continue  # an already open file descriptor
            path = os.path.realpath(os.fsdecode(raw))  # relative to the current folder
            allowed = self.rules.may_write(path) if writing else self.rules.may_read(path)
            if not allowed:
                action = "writing" if writing else "reading"
                self.refuse(
                    f"{action} {path}",
                    "graded tests may only use files in their own exercise folder",
                )

    def refuse(self, what: str, why: str) -> None:
        if len(self.refused) < MAX_LOGGED and what not in self.refused:
            self.refused.append(what)
        raise PermissionError(f"{SANDBOX_TAG} {what} is not allowed while grading: {why}.")


def install(config: pytest.Config) -> Sandbox | None:
    folder = config.getoption("awaited_sandbox")
    if not folder:
        return None
    work_dir = Path(folder)
    log_option = config.getoption("awaited_sandbox_log")
    log = Path(log_option) if log_option else None
    private_tmp = work_dir / ".tmp"
    private_tmp.mkdir(exist_ok=True)
    tempfile.tempdir = str(private_tmp)  # tmp_path and friends land inside the sandbox
    sandbox = Sandbox(Rules(config, work_dir, log))
    sys.addaudithook(sandbox.hook)
    return sandbox


_sandbox: list[Sandbox] = []


@pytest.hookimpl(trylast=True)
def pytest_configure(config: pytest.Config) -> None:
    sandbox = install(config)
    if sandbox is not None:
        _sandbox.append(sandbox)


def pytest_unconfigure(config: pytest.Config) -> None:
    log = config.getoption("awaited_sandbox_log")
    if log and _sandbox:
        Path(log).write_text(json.dumps({"refused": _sandbox[0].refused}), encoding="utf-8")
