"""How much does mutation grading cost over a plain pytest run of the same tests?

Runs, alternately and in one process, `awaited check 01` (the reference solution in place, so
all 5 mutants are tried) and plain `pytest` on the same test file with the awaited plugin off,
then prints both medians and their ratio. Target (issue 2): ratio <= 2.0.

    .venv/bin/python benchmarks/check_overhead.py [--runs 9]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "01_first_async_test"
TARGET = 2.0


def timed(command: list[str], cwd: Path, expect: int) -> float:
    start = time.perf_counter()
    result = subprocess.run(command, cwd=cwd, capture_output=True, text=True)
    elapsed = time.perf_counter() - start
    if result.returncode != expect:
        sys.exit(f"{' '.join(command)} exited {result.returncode}:\n{result.stdout}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    runs = parser.parse_args().runs
    with tempfile.TemporaryDirectory() as scratch:
        course = Path(scratch)
        shutil.copytree(ROOT / "exercises", course / "exercises")
        shutil.copyfile(ROOT / "pyproject.toml", course / "pyproject.toml")
        exercise = course / "exercises" / SLUG
        shutil.copyfile(exercise / ".meta/solution/test_exercise.py", exercise / "test_exercise.py")
        awaited = [str(Path(sys.executable).with_name("awaited")), "check", "01"]
        plain = [
            sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", "-p", "no:awaited",
            "-o", "addopts=", "-W", "ignore::pytest.PytestUnknownMarkWarning",
            f"exercises/{SLUG}/test_exercise.py",
        ]  # fmt: skip
        check_times, plain_times = [], []
        timed(awaited, course, 0)  # warm the file cache for both
        for _ in range(runs):
            check_times.append(timed(awaited, course, 0))
            plain_times.append(timed(plain, course, 0))
    check, baseline = statistics.median(check_times), statistics.median(plain_times)
    ratio = check / baseline
    print(f"awaited check 01 (app + 5 mutants): median {check:.3f} s over {runs} runs")
    print(f"plain pytest, same file:            median {baseline:.3f} s over {runs} runs")
    verdict = "within" if ratio <= TARGET else "OVER"
    print(f"ratio: {ratio:.2f}x (target <= {TARGET}x: {verdict})")


if __name__ == "__main__":
    main()
