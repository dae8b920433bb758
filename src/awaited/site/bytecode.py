"""Bytecode instead of source for the modules every browser run imports.

Compiling Python source is most of the runner's start-up in WebAssembly: importing pytest,
FastAPI, pydantic and httpx from source took 3.3 s in Pyodide under Node, and 0.76 s from
bytecode. So the build runs the worker's own warm-up once in Pyodide (`web/bytecode/precompile.mjs`,
under Node) and compiles every module it imported from the standard library or a wheel. The
standard library's zip and the wheels then ship `x.pyc` *instead of* `x.py` for those modules
(Python imports a lone `.pyc` as it is), which keeps the bytes on the wire about the same. The
sources go to `sources/` beside them: the worker fetches one only when a traceback shows a
line of it (:mod:`awaited.browser.lazy_sources`).

The result is cached by everything it depends on: Pyodide, the wheels, the warm-up and the
script.
"""

from __future__ import annotations

import hashlib
import io
import json
import shutil
import subprocess
import zipfile
from dataclasses import dataclass
from pathlib import Path

from awaited.site.build_cache import CACHE_ROOT, exclusive
from awaited.site.course_bundle import record_line
from awaited.site.lazy_imports import LAZY_MODULES

SCRIPT = Path("web") / "bytecode" / "precompile.mjs"
CACHE = CACHE_ROOT / "bytecode"
STDLIB, SITE_PACKAGES = "stdlib", "site-packages"  # the folders of the cache and of sources/
WARM_UP_MODULES = "warm-up-modules.json"
# What decides which modules the warm-up imports, besides Pyodide and the wheels.
_WARM_UP = Path("src") / "awaited" / "browser" / "session.py"
# What the first trio or SQLAlchemy example of a lesson imports from the lazy wheels (and
# anyio's trio backend): compiled too, so that a Run on lesson 02 or 05 is quick as well.
LAZY_IMPORTS = tuple(module for modules in LAZY_MODULES.values() for module in modules)


class BytecodeError(Exception):
    """Pyodide could not precompile the modules (the message holds Node's output)."""


@dataclass(frozen=True)
class Bytecode:
    """`{"asyncio/tasks.py": pyc}` per place: the standard library's zip, or site-packages;
    and the names of the modules the warm-up leaves imported."""

    stdlib: dict[str, bytes]
    site_packages: dict[str, bytes]
    warm_up_modules: list[str]


def _key(root: Path, pyodide: Path, wheels: list[Path]) -> str:
    digest = hashlib.sha256(json.dumps(LAZY_IMPORTS).encode())
    for path in [
        pyodide / "package.json",
        pyodide / "python_stdlib.zip",
        root / SCRIPT,
        root / _WARM_UP,
        *wheels,
    ]:
        digest.update(path.name.encode() + hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()[:24]


def _read(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).with_suffix(".py").as_posix(): path.read_bytes()
        for path in sorted(folder.rglob("*.pyc"))
    }


def precompile(root: Path, pyodide: Path, wheels: list[Path], lazy: list[Path]) -> Bytecode:
    """The bytecode of what the warm-up imports from the boot `wheels`, and of `LAZY_IMPORTS`
    from the `lazy` ones, from the cache or made now (~20 s)."""
    folder = root / CACHE / _key(root, pyodide, [*wheels, *lazy])
    with exclusive(root / CACHE):
        if not (folder / "done").is_file():
            shutil.rmtree(folder, ignore_errors=True)
            _run_node(root, pyodide, wheels, lazy, folder)
            (folder / "done").write_text("", encoding="utf-8")
    modules = json.loads((folder / WARM_UP_MODULES).read_text(encoding="utf-8"))
    return Bytecode(_read(folder / STDLIB), _read(folder / SITE_PACKAGES), modules)


def _run_node(root: Path, pyodide: Path, wheels: list[Path], lazy: list[Path], out: Path) -> None:
    out.mkdir(parents=True)
    job = {
        "pyodide": str(pyodide.resolve()),
        "wheels": [str(wheel.resolve()) for wheel in wheels],
        "lazyWheels": [str(wheel.resolve()) for wheel in lazy],
        "lazyImports": list(LAZY_IMPORTS),
        "src": str((root / "src").resolve()),
        "out": str(out.resolve()),
    }
    (out / "job.json").write_text(json.dumps(job), encoding="utf-8")
    command = ["node", str(root / SCRIPT), str(out / "job.json")]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)
    except FileNotFoundError:
        raise BytecodeError("`node` is not installed: the build runs Pyodide under Node") from None
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise BytecodeError(f"{SCRIPT} failed (exit {done.returncode}):\n{tail}")


def with_bytecode(archive: bytes, compiled: dict[str, bytes]) -> tuple[bytes, dict[str, bytes]]:
    """`archive` (a wheel or the standard library's zip) with every module in `compiled`
    shipped as `x.pyc` instead of `x.py`; returns the new archive and the sources it took out.
    A wheel's RECORD is rewritten to match."""
    sources: dict[str, bytes] = {}
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(archive)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target,
    ):
        entries: list[tuple[zipfile.ZipInfo, bytes]] = []
        for info in source.infolist():
            data = source.read(info)
            if info.filename in compiled:
                sources[info.filename] = data
                renamed = zipfile.ZipInfo(info.filename[:-3] + ".pyc", info.date_time)
                renamed.external_attr = info.external_attr
                entries.append((renamed, compiled[info.filename]))
            else:
                entries.append((info, data))
        for info, data in entries:
            if info.filename.endswith(".dist-info/RECORD") and sources:
                data = _rewritten_record(data.decode(), sources, compiled).encode()
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.external_attr = info.external_attr
            target.writestr(copy, data, zipfile.ZIP_STORED)
    return out.getvalue(), sources


def _rewritten_record(record: str, moved: dict[str, bytes], compiled: dict[str, bytes]) -> str:
    lines = []
    for line in record.splitlines():
        name = line.split(",", 1)[0]
        lines.append(record_line(name[:-3] + ".pyc", compiled[name]) if name in moved else line)
    return "\n".join(lines) + "\n"
