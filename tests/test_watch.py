"""`awaited watch` re-checks on every save and stops cleanly on Ctrl-C."""

from __future__ import annotations

import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

SLUG = "01_first_async_test"


class Lines:
    """Reads a child's output on a thread, so waiting for a line can time out."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.queue: queue.Queue[str] = queue.Queue()
        self.seen: list[str] = []
        assert process.stdout is not None
        stream = process.stdout
        threading.Thread(
            target=lambda: [self.queue.put(line) for line in stream], daemon=True
        ).start()

    def wait_for(self, text: str, limit: float) -> None:
        deadline = time.monotonic() + limit
        while (left := deadline - time.monotonic()) > 0:
            try:
                line = self.queue.get(timeout=left)
            except queue.Empty:
                break
            self.seen.append(line)
            if text in line:
                return
        raise AssertionError(f"never saw {text!r}; output was:\n{''.join(self.seen)}")


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
    lines = Lines(process)
    try:
        lines.wait_for("Verdict: not yet", 60)
        shutil.copyfile(exercise / ".meta/solution/test_exercise.py", exercise / "test_exercise.py")
        lines.wait_for("Verdict: passed", 60)
        process.send_signal(signal.SIGINT)
        lines.wait_for("Stopped watching.", 30)
        assert process.wait(timeout=30) == 0
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()
        assert process.stdout is not None
        process.stdout.close()
