"""The browser runner's part of the site build (MkDocs hooks, wired in `hooks.py`).

Pages get their Run widgets and exercise workspaces (:mod:`awaited.site.runner_pages`). After
the build, `assets/awaited/runner/` receives everything the runner loads, all from this origin:

    pyodide/        Pyodide's core files, from the pinned npm package (node_modules/pyodide)
    wheels/         the pinned wheels (web/browser-wheels.txt) and the awaited wheel
    course.zip      the course files the worker unpacks
    manifest.json   editable files, hints and tasks for the page
    js/             the page script and the worker, bundled by esbuild from web/runner/

Every compressible file of the site (pages, scripts, Pyodide's WebAssembly) also gets a
precompressed `.gz` twin, for hosts that serve those (`python -m awaited.site.serve` does, as do
nginx's gzip_static and most CDNs); hosts that compress on the fly ignore them.
"""

from __future__ import annotations

import gzip
import hashlib
import json
import shutil
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page

from awaited.site import esbuild
from awaited.site.browser_wheels import WheelError, ensure_wheels, shipped_wheel
from awaited.site.course_bundle import awaited_wheel, course_archive, manifest, terminal_only
from awaited.site.lazy_wheels import split_wheels
from awaited.site.runner_pages import RunnerPageError, add_example_widgets, add_exercise_workspace

RUNNER_DIR = Path("assets") / "awaited" / "runner"
PYODIDE_FILES = (
    "pyodide.mjs",
    "pyodide.asm.mjs",
    "pyodide.asm.wasm",
    "python_stdlib.zip",
    "pyodide-lock.json",
)
ENTRY_POINTS = ("runner.js", "worker.js")
_COMPRESSIBLE = {".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt"}


def root_of(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).resolve().parent


def runner_markdown(markdown: str, page: Page, config: MkDocsConfig) -> str:
    root = root_of(config)
    src = page.file.src_uri
    slug = Path(src).stem.replace("-", "_")
    try:
        if src.startswith("lessons/"):
            folders = {p.name: p for p in (root / "lessons" / slug).glob("ex*") if p.is_dir()}
            reasons = {f"{slug}/{name}": terminal_only(path) for name, path in folders.items()}
            markdown, _ = add_example_widgets(markdown, reasons)
        elif src.startswith("exercises/"):
            exercise = root / "exercises" / slug
            markdown = add_exercise_workspace(markdown, slug, terminal_only(exercise), Path(src))
    except RunnerPageError as error:
        raise PluginError(str(error)) from None
    return markdown


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _precompress(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.suffix in _COMPRESSIBLE and path.stat().st_size > 1024:
            twin = Path(f"{path}.gz")
            with (
                path.open("rb") as source,
                twin.open("wb") as raw,
                gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=9, mtime=0) as target,
            ):
                shutil.copyfileobj(source, target)


def write_runner_assets(config: MkDocsConfig) -> dict[str, Any]:
    root = root_of(config)
    out = Path(config.site_dir) / RUNNER_DIR
    shutil.rmtree(out, ignore_errors=True)
    pyodide = root / "node_modules" / "pyodide"
    for name in PYODIDE_FILES:
        if not (pyodide / name).is_file():
            raise PluginError(f"{pyodide / name} is missing: run `npm ci` (make does it for you)")
        _write(out / "pyodide" / name, (pyodide / name).read_bytes())
    try:
        wheels = ensure_wheels(root)
    except WheelError as error:
        raise PluginError(str(error)) from None
    for wheel in wheels:
        _write(out / "wheels" / wheel.name, shipped_wheel(wheel))
    own_name, own_wheel = awaited_wheel(root)
    _write(out / "wheels" / own_name, own_wheel)
    archive = course_archive(root)
    _write(out / "course.zip", archive)
    data = manifest(root)
    split = split_wheels(root, wheels)
    data["wheels"] = [wheel.name for wheel in split.boot] + [own_name]
    data["lazyWheels"] = split.lazy  # fetched by the worker on first import (lazy_wheels.py)
    # One fingerprint of everything the worker loads: the cache key of the reader's browser.
    fingerprint = hashlib.sha256(
        archive + own_wheel + "".join(data["wheels"] + sorted(split.lazy.values())).encode()
    )
    data["version"] = fingerprint.hexdigest()[:16]
    _write(out / "manifest.json", json.dumps(data, ensure_ascii=False).encode())
    entry_points = [root / "web" / "runner" / name for name in ENTRY_POINTS]
    esbuild.bundle(root, entry_points, "--format=esm", "--splitting", f"--outdir={out / 'js'}")
    _precompress(Path(config.site_dir))
    return data
