"""What `python -m pytest` prints in an example's folder, run once per example and test run.

The example tests (test_lesson_examples.py) and the browser tests (tests/e2e) both compare with
that terminal run, about a second each. Under pytest-xdist they land in different processes, so
results are kept as files in the folder every worker of one run shares (the parent of each
worker's basetemp, which pytest clears after a few runs); whoever asks second reads the file.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
from pathlib import Path

from awaited import postgres
from awaited.examples import Example, ExampleRun, run_example


def fingerprint(example: Example) -> str:
    """The example's files, and for a PostgreSQL example the database setting it runs with: a
    result is reused only while both are the same (the browser tests switch PostgreSQL off)."""
    setting = os.environ.get(postgres.URL_ENV, "") if postgres.uses_postgresql(example.path) else ""
    digest = hashlib.sha256(setting.encode())
    for path in sorted(example.path.rglob("*")):
        if path.is_file() and "__pycache__" not in path.parts:
            digest.update(path.relative_to(example.path).as_posix().encode())
            digest.update(path.read_bytes())
    return f"{example.id.replace('/', '--')}-{digest.hexdigest()[:16]}"


@dataclasses.dataclass
class TerminalRuns:
    """`terminal_runs(example)`: the example's terminal run, from this test run's store."""

    store: Path

    def __call__(self, example: Example) -> ExampleRun:
        kept = self.store / f"{fingerprint(example)}.json"
        if kept.is_file():
            return ExampleRun(**json.loads(kept.read_text(encoding="utf-8")))
        result = run_example(example)
        # Written aside, then renamed: a worker reading at the same moment sees all or nothing.
        partial = kept.with_suffix(f".{os.getpid()}.partial")
        partial.write_text(json.dumps(dataclasses.asdict(result)), encoding="utf-8")
        partial.replace(kept)
        return result
