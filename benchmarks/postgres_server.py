"""What does a throwaway PostgreSQL cost lesson 05's examples, and what does sharing one save?

Measures, in one process: starting a cluster (`awaited.postgres.start_cluster`), creating a
fresh database on it, and one example run (`lessons/05_async_databases/ex01_async_session`,
`python -m pytest` in its folder) twice over, run alternately: with AWAITED_POSTGRES_URL set,
as the course's suite runs it (the example only creates a database), and without, as a
learner runs it (the example starts a cluster of its own). Prints medians and the ratio.

    .venv/bin/python benchmarks/postgres_server.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

from awaited import postgres
from awaited.examples import example_env

ROOT = Path(__file__).resolve().parent.parent
EXAMPLE = ROOT / "lessons" / "05_async_databases" / "ex01_async_session"


def timed_example(env: dict[str, str]) -> float:
    start = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider"],
        cwd=EXAMPLE,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )
    elapsed = time.perf_counter() - start
    if result.returncode != 0 or "4 passed" not in result.stdout:
        sys.exit(f"the example did not pass:\n{result.stdout}{result.stderr}")
    return elapsed


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    runs = parser.parse_args().runs
    starts, databases, shared, own = [], [], [], []
    for _ in range(runs):
        start = time.perf_counter()
        cluster = postgres.start_cluster()
        starts.append(time.perf_counter() - start)
        try:
            os.environ[postgres.URL_ENV] = cluster.url
            start = time.perf_counter()
            with postgres.fresh_database():
                databases.append(time.perf_counter() - start)
            shared.append(timed_example(example_env()))
            del os.environ[postgres.URL_ENV]
            own.append(timed_example(example_env()))
        finally:
            os.environ.pop(postgres.URL_ENV, None)
            postgres.stop_cluster(cluster)
    print(f"cluster start:          {statistics.median(starts):.3f} s (median of {runs})")
    print(f"create + drop database: {statistics.median(databases):.3f} s")
    print(f"example, shared server: {statistics.median(shared):.3f} s")
    print(f"example, own server:    {statistics.median(own):.3f} s")
    print(f"ratio own / shared:     {statistics.median(own) / statistics.median(shared):.2f}x")


if __name__ == "__main__":
    main()
