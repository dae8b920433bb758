"""`awaited watch` re-checks on every save and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

SLUG = "01_first_async_test"


def wait_for(process: subprocess.Popen[str], text: str, seen: list[str], limit: float) -> None:
    deadline = time.monotonic() + limit
    assert process.stdout is not None
    while time.monotonic() < deadline:
        line = process.stdout.readline()
        if not line:
            break
        seen.append(line)
        if text in line:
            return
    raise AssertionError(f"never saw {text!r}; output was:\n{''.join(seen)}")


def test_watch_rechecks_on_save_until_interrupted(course: Path) -> None:
    exercise = course / "exercises" / SLUG
    awaited = Path(sys.executable).with_name("awaited")
    process = subprocess.Popen(
        [str(awaited), "watch", "01", "--root", str(course)],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
        env={**os.environ, "PY_COLORS": "0", "COLUMNS": "200"},
    )
    seen: list[str] = []
    try:
        wait_for(process, "Verdict: not yet", seen, 60)
        shutil.copyfile(exercise / ".meta/solution/test_exercise.py", exercise / "test_exercise.py")
        wait_for(process, "Verdict: passed", seen, 60)
        process.send_signal(signal.SIGINT)
        output, _ = process.communicate(timeout=30)
    finally:
        if process.poll() is None:
            process.kill()
    assert process.returncode == 0
    assert "Stopped watching." in output
