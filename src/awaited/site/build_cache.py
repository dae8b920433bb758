"""`.cache/awaited/`: what one site build computes slowly and the next reuses.

The test suite builds sites in parallel, so a cache entry is filled by one build at a time and
appears whole or not at all.
"""

from __future__ import annotations

import fcntl
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CACHE_ROOT = Path(".cache") / "awaited"


@contextmanager
def exclusive(folder: Path) -> Iterator[None]:
    """Hold `folder`'s lock: a second build waits, then finds what the first one made."""
    folder.mkdir(parents=True, exist_ok=True)
    with (folder / ".lock").open("w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock, fcntl.LOCK_UN)


def write_atomically(path: Path, data: bytes) -> None:
    handle, scratch = tempfile.mkstemp(dir=path.parent)
    with os.fdopen(handle, "wb") as file:
        file.write(data)
    os.replace(scratch, path)
