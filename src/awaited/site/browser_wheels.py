"""The Python wheels the browser runner installs in Pyodide: pinned, hashed, cached locally.

`web/browser-wheels.txt` is a pip requirements file with one exact pin and hash per wheel,
for Pyodide 314 (CPython 3.14, platform `pyemscripten_2026_0_wasm32`). The site build calls
:func:`ensure_wheels`, which lets pip download them once into `.cache/awaited/wheels` (pip
checks every hash) and reuses them after that. `scripts/lock-browser-wheels` rewrites the lock
from the same pins as pyproject.toml.
"""

from __future__ import annotations

import hashlib
import io
import re
import subprocess
import sys
import zipfile
from pathlib import Path

from awaited.site.precompress import stored_zip

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


# Packages of which a run imports only a few modules: the runner ships just those (and the
# package's metadata). pytest imports pygments' terminal formatter and its Python and diff
# lexers at start-up, and never highlights in the browser (no colour terminal); the other
# 500 lexers are 1.1 MB on the wire. tests/e2e check that every example still runs.
SLIM: dict[str, frozenset[str]] = {
    "pygments": frozenset(
        f"pygments/{name}.py"
        for name in (
            "__init__", "console", "filter", "filters/__init__", "formatter",
            "formatters/__init__", "formatters/_mapping", "formatters/terminal", "lexer",
            "lexers/__init__", "lexers/_mapping", "lexers/diff", "lexers/python", "modeline",
            "plugin", "regexopt", "styles/__init__", "styles/_mapping", "token", "unistring",
            "util",
        )
    ),
}  # fmt: skip


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


def shipped_wheel(wheel: Path) -> bytes:
    """The wheel as the runner ships it: uncompressed inside (the site's brotli twin compresses
    it as a whole), and slimmed to what runs import where :data:`SLIM` says so."""
    project = wheel.name.split("-")[0].lower()
    keep = SLIM.get(project)
    data = wheel.read_bytes()
    if keep is None:
        return stored_zip(data)
    slim = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(slim, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            if info.filename in keep or ".dist-info/" in info.filename:
                target.writestr(info, source.read(info), zipfile.ZIP_STORED)
    return slim.getvalue()
