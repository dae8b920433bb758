"""A warm start for grading processes: import the stack once, fork a child per grading.

A fresh `python -m pytest` spends most of its ~1 s importing pytest, FastAPI, pydantic and
httpx; grading one submission takes ~0.2 s after that. So `awaited grade` starts this small
server once (`python -m awaited.instructor.zygote`), which imports those modules and then,
for every request, forks a child that runs `pytest.main` with exactly the arguments
`awaited check` would pass to a fresh interpreter. The child starts in its own session with
its own output file, so it is killed and read exactly like a fresh process. No learner code
ever runs in the server itself, so one child cannot leave anything behind for the next.

Protocol, one JSON object per line: requests `{"job", "args", "cwd", "env", "output"}` on
stdin; replies `{"job", "pid"}` once forked and `{"job", "exit"}` once finished, on stdout.
"""

from __future__ import annotations

import gc
import importlib
import importlib.metadata
import json
import os
import select
import signal
import subprocess
import sys
import threading
from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from awaited.checking import ProcessRun, run_subprocess

# Libraries every grading imports; plugins are marked for assertion rewriting by pytest,
# which warns that they were imported first. The warning changes nothing for grading (the
# learner's file is rewritten by the grader itself), so the children silence that one.
PRELOAD = ("pytest", "fastapi", "httpx", "pydantic", "anyio", "pytest_asyncio", "pytest_timeout",
           "awaited.pytest_plugin", "awaited.instructor.sandbox")  # fmt: skip
CHILD_ARGS = ("-W", "ignore::pytest.PytestAssertRewriteWarning")
PYTEST_PREFIX = 3  # [sys.executable, "-m", "pytest"]


# -- the server -------------------------------------------------------------------------------


def serve() -> None:
    plugins = [entry.module for entry in importlib.metadata.entry_points(group="pytest11")]
    for name in (*PRELOAD, *plugins):  # every plugin pytest will load by itself
        with suppress(Exception):
            importlib.import_module(name)
    sys.dont_write_bytecode = True  # as PYTHONDONTWRITEBYTECODE=1 does for a fresh process
    gc.collect()
    gc.freeze()  # the preloaded heap stays shared with every child, never copied
    children: dict[int, int] = {}
    for request in _requests(children):
        pid = os.fork()
        if pid == 0:
            _run_child(request)  # never returns
        children[pid] = request["job"]
        _reply({"job": request["job"], "pid": pid})
    while children:  # stdin closed: let the running gradings finish
        _reap(children, block=True)


def _requests(children: dict[int, int]) -> Iterator[dict[str, Any]]:
    """Requests from stdin; reaps finished children while waiting for the next one."""
    pending = b""
    while True:
        ready, _, _ = select.select([0], [], [], 0.02 if children else None)
        _reap(children, block=False)
        if not ready:
            continue
        chunk = os.read(0, 65536)
        if not chunk:
            return
        pending += chunk
        *lines, pending = pending.split(b"\n")
        for line in lines:
            if line.strip():
                yield json.loads(line)


def _reap(children: dict[int, int], *, block: bool) -> None:
    while children:
        pid, status = os.waitpid(-1, 0 if block else os.WNOHANG)
        if pid == 0:
            return
        job = children.pop(pid, None)
        if job is not None:
            _reply({"job": job, "exit": os.waitstatus_to_exitcode(status)})


def _reply(message: dict[str, Any]) -> None:
    os.write(1, (json.dumps(message) + "\n").encode())  # unbuffered: nothing left for a fork


def _run_child(request: dict[str, Any]) -> None:
    code = 3
    try:
        os.setsid()  # its own process group, so a deadline kills it and its children
        signal.signal(signal.SIGINT, signal.default_int_handler)
        null = os.open(os.devnull, os.O_RDONLY)
        os.dup2(null, 0)
        output = os.open(request["output"], os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(output, 1)
        os.dup2(output, 2)
        os.chdir(request["cwd"])
        os.environ.clear()
        os.environ.update(request["env"])
        sys.path.insert(0, request["cwd"])  # as `python -m pytest` started in that folder
        sys.argv = ["pytest", *request["args"]]
        import pytest

        code = int(pytest.main([*request["args"], *CHILD_ARGS]))
    except BaseException as error:  # report it in the output, like a crashed interpreter
        with suppress(Exception):
            print(f"grading process failed: {error!r}", file=sys.stderr)
    finally:
        with suppress(Exception):
            sys.stdout.flush()
            sys.stderr.flush()
        os._exit(code)


# -- the client -------------------------------------------------------------------------------


@dataclass
class _Job:
    done: threading.Event = field(default_factory=threading.Event)
    started: threading.Event = field(default_factory=threading.Event)
    pid: int = 0
    exit: int | None = None


class Zygote:
    """The driver's handle on the server; `run` is an `awaited.checking.Runner`.

    If the server cannot start or dies, every later grading falls back to a fresh process.
    """

    def __init__(self, scratch: Path) -> None:
        self.scratch = scratch
        self.jobs: dict[int, _Job] = {}
        self.lock = threading.Lock()
        self.counter = 0
        self.server = subprocess.Popen(
            [sys.executable, "-m", "awaited.instructor.zygote"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
            # `python -m` puts its folder first on sys.path, and the sandbox lets tests read
            # sys.path: start it in scratch, never where the instructor keeps submissions.
            cwd=scratch,
        )
        self.alive = True
        self.reader = threading.Thread(target=self._read_replies, daemon=True)
        self.reader.start()

    def _read_replies(self) -> None:
        assert self.server.stdout is not None
        for line in self.server.stdout:
            message = json.loads(line)
            job = self.jobs.get(message["job"])
            if job is None:
                continue
            if "pid" in message:
                job.pid = message["pid"]
                job.started.set()
            else:
                job.exit = message["exit"]
                job.done.set()
        with self.lock:  # the server is gone: release everyone still waiting
            self.alive = False
            for job in self.jobs.values():
                job.started.set()
                job.done.set()

    def run(
        self, command: list[str], cwd: Path, env: dict[str, str], deadline: float
    ) -> ProcessRun:
        with self.lock:
            alive = self.alive
            self.counter += 1
            number = self.counter
            job = self.jobs[number] = _Job()
        stdin = self.server.stdin
        if not alive or stdin is None or command[1:PYTEST_PREFIX] != ["-m", "pytest"]:
            return run_subprocess(command, cwd, env, deadline)
        output = self.scratch / f"grading-{number}.out"
        request = {"job": number, "args": command[PYTEST_PREFIX:], "cwd": str(cwd), "env": env,
                   "output": str(output)}  # fmt: skip
        try:
            with self.lock:
                stdin.write((json.dumps(request) + "\n").encode())
                stdin.flush()
        except (BrokenPipeError, ValueError):
            return run_subprocess(command, cwd, env, deadline)
        try:
            job.started.wait()
            if not job.pid:  # the server died before forking
                return run_subprocess(command, cwd, env, deadline)
            timed_out = not job.done.wait(deadline)
            if timed_out:
                with suppress(ProcessLookupError, PermissionError):
                    os.killpg(job.pid, signal.SIGKILL)
                job.done.wait(10)
            text = output.read_text(encoding="utf-8", errors="replace") if output.exists() else ""
            return ProcessRun(text, timed_out=timed_out)
        finally:
            with self.lock:
                self.jobs.pop(number, None)
            output.unlink(missing_ok=True)

    def close(self) -> None:
        process = self.server
        if process.stdin is not None:
            with suppress(OSError):
                process.stdin.close()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            with suppress(ProcessLookupError):
                os.killpg(process.pid, signal.SIGKILL)
            process.wait()
        self.reader.join(timeout=10)
        if process.stdout is not None:
            process.stdout.close()


if __name__ == "__main__":
    serve()
