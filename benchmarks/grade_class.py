"""How fast does `awaited grade` get through a class?

Builds N synthetic submissions of exercise 01 (clones of the `awaited assign` starter with the
reference solution in place, the slowest case: every mutant is tried), grades them with
`awaited grade --jobs 2`, then grades the same submissions one by one with plain
`awaited check 01`, the way an instructor without instructor mode would loop over clones.
Prints submissions per second for both and their ratio. Target (issue 6): 100 submissions in
<= 60 s on 2 cores.

    .venv/bin/python benchmarks/grade_class.py [--count 100] [--jobs 2] [--baseline-count N]
"""

from __future__ import annotations

import argparse
import csv
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SLUG = "01_first_async_test"
TARGET_SECONDS = 60.0
sys.path.insert(0, str(ROOT / "src"))

from awaited.catalog import load_exercises  # noqa: E402 - after the path tweak above
from awaited.instructor.assign import write_assignment  # noqa: E402

AWAITED = str(Path(sys.executable).with_name("awaited"))


def build_class(folder: Path, count: int) -> None:
    exercise = next(e for e in load_exercises(ROOT) if e.slug == SLUG)
    starter = folder / "starter"
    write_assignment(ROOT, [exercise], starter)
    shutil.copyfile(
        exercise.solution_dir / "test_exercise.py",
        starter / "exercises" / SLUG / "test_exercise.py",
    )
    for number in range(count):
        shutil.copytree(starter, folder / "submissions" / f"student{number:03d}")


def cpu_seconds() -> float:
    """CPU time of every finished child process and their children, reaped so far."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def grade_all(folder: Path, jobs: int) -> tuple[float, float]:
    command = [
        AWAITED, "grade", str(folder / "submissions"), "--exercises", "01", "--jobs", str(jobs),
        "--out", str(folder / "grades"), "--root", str(ROOT),
    ]  # fmt: skip
    start, cpu = time.perf_counter(), cpu_seconds()
    result = subprocess.run(command, capture_output=True, text=True)
    elapsed, cpu = time.perf_counter() - start, cpu_seconds() - cpu
    if result.returncode != 0:
        sys.exit(f"awaited grade exited {result.returncode}:\n{result.stdout}{result.stderr}")
    with (folder / "grades" / "grades.csv").open(encoding="utf-8", newline="") as handle:
        states = [row["01 status"] for row in csv.DictReader(handle)]
    if set(states) != {"passed"}:
        sys.exit(f"expected every submission to pass, got {states}")
    return elapsed, cpu


def check_one_by_one(folder: Path, count: int) -> tuple[float, float]:
    start, cpu = time.perf_counter(), cpu_seconds()
    for number in range(count):
        clone = folder / "submissions" / f"student{number:03d}"
        result = subprocess.run(
            [AWAITED, "check", "01", "--json", "--root", str(clone)], capture_output=True, text=True
        )
        if result.returncode != 0:
            sys.exit(f"awaited check in {clone} exited {result.returncode}:\n{result.stdout}")
    return time.perf_counter() - start, cpu_seconds() - cpu


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=100)
    parser.add_argument("--jobs", type=int, default=2)
    parser.add_argument(
        "--baseline-count", type=int, help="check only this many one by one (default: all)"
    )
    options = parser.parse_args()
    baseline_count = options.baseline_count or options.count
    with tempfile.TemporaryDirectory(prefix="awaited-bench-") as scratch:
        folder = Path(scratch)
        build_class(folder, options.count)
        graded, graded_cpu = grade_all(folder, options.jobs)
        baseline, baseline_cpu = check_one_by_one(folder, baseline_count)
    grade_rate = options.count / graded
    check_rate = baseline_count / baseline
    print(f"awaited grade --jobs {options.jobs}: {options.count} submissions in {graded:.1f} s "
          f"({grade_rate:.2f} submissions/s)")  # fmt: skip
    print(f"awaited check, one by one:  {baseline_count} submissions in {baseline:.1f} s "
          f"({check_rate:.2f} submissions/s)")  # fmt: skip
    print(f"ratio: {grade_rate / check_rate:.2f}x the one-by-one rate")
    # Other work on a shared machine stretches wall time; CPU time it does not. CPU seconds
    # per submission, spread over the cores, is what an otherwise idle machine would take.
    per_grade, per_check = graded_cpu / options.count, baseline_cpu / baseline_count
    print(f"CPU per submission: grade {per_grade:.3f} s, check {per_check:.3f} s "
          f"({per_check / per_grade:.2f}x less)")  # fmt: skip
    projected = graded * 100 / options.count
    idle = per_grade * 100 / options.jobs
    verdict = "within" if projected <= TARGET_SECONDS else "OVER"
    print(f"100 submissions: {projected:.1f} s measured (target <= {TARGET_SECONDS:g} s: "
          f"{verdict}); {idle:.1f} s of CPU per core on {options.jobs} idle cores")  # fmt: skip


if __name__ == "__main__":
    main()
