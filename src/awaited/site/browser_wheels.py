"""The Python wheels the browser runner installs in Pyodide: pinned, hashed, cached locally.

`web/browser-wheels.txt` is a pip requirements file with one exact pin and hash per wheel,
for Pyodide 314 (CPython 3.14, platform `pyemscripten_2026_0_wasm32`). The site build calls
:func:`ensure_wheels`, which lets pip download them once into `.cache/awaited/wheels` (pip
checks every hash) and reuses them after that. `scripts/lock-browser-wheels` rewrites the lock
from the same pins as pyproject.toml.
"""

from __future__ import annotations

import hashlib
import re
import subprocess
import sys
from pathlib import Path

LOCK_FILE = Path("web") / "browser-wheels.txt"
CACHE_DIR = Path(".cache") / "awaited" / "wheels"
PLATFORM_ARGS = (
    "--only-binary=:all:",
    "--platform", "pyemscripten_2026_0_wasm32",
    "--python-version", "3.14",
    "--implementation", "cp",
)  # fmt: skip
_PIN = re.compile(
    r"^(?P<name>[A-Za-z0-9_.-]+)==(?P<version>\S+)\s.*--hash=sha256:(?P<hash>[0-9a-f]{64})"
)


class WheelError(Exception):
    """A wheel that cannot be had or does not match its pinned hash."""


def pinned_hashes(root: Path) -> dict[str, str]:
    """`{sha256: "name==version"}` for every pin in the lock file."""
    pins: dict[str, str] = {}
    for number, line in enumerate((root / LOCK_FILE).read_text(encoding="utf-8").splitlines(), 1):
        text = line.strip()
        if not text or text.startswith("#"):
            continue
        match = _PIN.match(text)
        if match is None:
            raise WheelError(f"{LOCK_FILE}:{number}: expected `name==version --hash=sha256:...`")
        pins[match["hash"]] = f"{match['name']}=={match['version']}"
    return pins


def _sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def ensure_wheels(root: Path) -> list[Path]:
    """Every locked wheel, from the cache or downloaded (pip verifies the hashes)."""
    cache = root / CACHE_DIR
    pins = pinned_hashes(root)
    have = {_sha256(path): path for path in cache.glob("*.whl")} if cache.is_dir() else {}
    if not set(pins) <= set(have):
        command = [
            sys.executable, "-m", "pip", "download", "--quiet", "--no-deps",
            "--require-hashes", *PLATFORM_ARGS, "-r", str(root / LOCK_FILE), "-d", str(cache),
        ]  # fmt: skip
        done = subprocess.run(command, capture_output=True, text=True, check=False)
        if done.returncode != 0:
            raise WheelError(f"could not download the browser wheels:\n{done.stderr.strip()}")
        have = {_sha256(path): path for path in cache.glob("*.whl")}
    missing = [pins[digest] for digest in pins if digest not in have]
    if missing:
        raise WheelError(f"wheels missing after download: {', '.join(missing)}")
    return sorted(have[digest] for digest in pins)
