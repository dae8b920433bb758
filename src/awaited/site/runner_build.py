"""The browser runner's part of the site build (MkDocs hooks, wired in `hooks.py`).

Pages get their Run widgets and exercise workspaces (:mod:`awaited.site.runner_pages`). After
the build, `assets/awaited/runner/` receives everything the runner loads, all from this origin:

    pyodide/        Pyodide's core files, from the pinned npm package (node_modules/pyodide)
    wheels/         the pinned wheels (web/browser-wheels.txt) and the awaited wheel
    sources/        the source of modules shipped as bytecode only (:mod:`awaited.site.bytecode`)
    course.zip      the course-wide files the worker unpacks (pytest settings)
    course/         per lesson: NN_slug.zip, its files for the worker, and NN_slug.json, its
                    editable files, hints and tasks for the page
    manifest.json   what every page needs: the wheels, the lessons, the version
    js/             the page script and the worker, bundled by esbuild from web/runner/

Every compressible file of the site (pages, scripts, Pyodide's WebAssembly, the archives) also
gets precompressed `.br` and `.gz` twins (:mod:`awaited.site.precompress`).
"""

from __future__ import annotations

import functools
import hashlib
import json
import os
import re
import shutil
import zipfile
from pathlib import Path
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from awaited.site import esbuild
from awaited.site.browser_wheels import WheelError, ensure_wheels, shipped_wheel
from awaited.site.bytecode import (
    SITE_PACKAGES,
    STDLIB,
    Bytecode,
    BytecodeError,
    precompile,
    with_bytecode,
)
from awaited.site.course_bundle import (
    awaited_wheel,
    course_archive,
    lesson_of,
    lesson_parts,
    manifest,
    terminal_only,
)
from awaited.site.lazy_wheels import split_wheels
from awaited.site.precompress import write_twins
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
TWIN_CACHE = Path(".cache") / "awaited" / "twins"
_CHARSET = re.compile(r"<meta charset=[^>]*>", re.IGNORECASE)
# What the build's widgets name on a page (awaited.site.runner_pages).
_PAGE_ENTRY = re.compile(r'data-awaited-(?:example|exercise)="(?P<id>[^"]+)"')
_SEARCH_WORKER = re.compile(
    r'"search": "(?P<url>[^"]*assets/javascripts/workers/search\.[0-9a-f]+\.min\.js)"'
)
RUNS_CODE = "awaited_runs_code"  # page.meta: the page has a Run widget or a workspace


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
            markdown, placed = add_example_widgets(markdown, reasons)
            runs_code = any(reasons.get(example) is None for example in placed)
        elif src.startswith("exercises/"):
            exercise = root / "exercises" / slug
            reason = terminal_only(exercise)
            markdown = add_exercise_workspace(markdown, slug, reason, Path(src))
            runs_code = reason is None
        else:
            runs_code = False
    except RunnerPageError as error:
        raise PluginError(str(error)) from None
    page.meta[RUNS_CODE] = runs_code
    return markdown


def with_early_start(html: str, page: Page, config: MkDocsConfig) -> str:
    """A page that has code to run starts Python from its <head> (web/runner/early_start.js),
    while the browser is still busy with the page; the page script adopts that worker."""
    if not page.meta.get(RUNS_CODE):
        return html
    code = _early_start_code(root_of(config) / "web" / "runner" / "early_start.js")
    base = get_relative_url(RUNNER_DIR.as_posix() + "/", page.url).rstrip("/") + "/"
    # The lessons whose files this page runs: the worker fetches them while Python starts.
    lessons = " ".join(sorted({lesson_of(match["id"]) for match in _PAGE_ENTRY.finditer(html)}))
    tag = f'<script data-base="{base}" data-lessons="{lessons}">{code}</script>'
    # After the charset, which browsers look for in the first 1024 bytes only.
    match = _CHARSET.search(html)
    if match is None:
        raise PluginError(f"{page.file.src_uri}: no <meta charset> to put the runner's start after")
    return html[: match.end()] + "\n" + tag + html[match.end() :]


def installed_by_pyodide(wheel: Path) -> bool:
    """Whether `wheel` holds a compiled extension, or a `.data` folder the worker's own
    unpacking does not handle; either way Pyodide installs it."""
    with zipfile.ZipFile(wheel) as archive:
        return any(
            name.endswith(".so") or name.split("/", 1)[0].endswith(".data")
            for name in archive.namelist()
        )


@functools.cache
def _early_start_code(path: Path) -> str:
    """The script without its comments (read once per build, not once per page)."""
    script = path.read_text(encoding="utf-8")
    return "\n".join(line for line in script.splitlines() if not line.startswith("//"))


def with_deferred_search(html: str, page: Page) -> str:
    """On a page that starts Python, Material's search worker is started through
    `assets/awaited/search_worker.js`, which builds the index once the reader goes to search
    or the page has settled, not while Python is starting."""
    if not page.meta.get(RUNS_CODE):
        return html
    match = _SEARCH_WORKER.search(html)
    if match is None:
        raise PluginError(f"{page.file.src_uri}: Material's search worker is not in __config")
    material = match["url"]  # relative to the page, like the stand-in's own URL
    base = material[: material.index("assets/javascripts/")]
    deferred = f"{base}assets/awaited/search_worker.js?material=../javascripts/workers/"
    deferred += material.rsplit("/", 1)[1]
    return html[: match.start("url")] + deferred + html[match.end("url") :]


def _write(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)


def _write_sources(folder: Path, sources: dict[str, bytes]) -> None:
    for name, data in sources.items():
        _write(folder / name, data)


def write_runner_assets(config: MkDocsConfig) -> dict[str, Any]:
    root = root_of(config)
    out = Path(config.site_dir) / RUNNER_DIR
    shutil.rmtree(out, ignore_errors=True)
    pyodide = root / "node_modules" / "pyodide"
    for name in PYODIDE_FILES:
        if not (pyodide / name).is_file():
            raise PluginError(f"{pyodide / name} is missing: run `npm ci` (make does it for you)")
    try:
        wheels = ensure_wheels(root)
        split = split_wheels(root, wheels)
        # Off only for benchmarks/browser_startup.py's side-by-side baseline.
        compiled = (
            precompile(root, pyodide, split.boot, [w for w in wheels if w not in split.boot])
            if os.environ.get("AWAITED_RUNNER_BYTECODE", "on") != "off"
            else Bytecode({}, {}, [])
        )
    except (WheelError, BytecodeError) as error:
        raise PluginError(str(error)) from None
    for name in PYODIDE_FILES:
        content = (pyodide / name).read_bytes()
        if name == "python_stdlib.zip":
            content, sources = with_bytecode(content, compiled.stdlib)
            _write_sources(out / "sources" / STDLIB, sources)
        _write(out / "pyodide" / name, content)
    for wheel in wheels:
        content, sources = with_bytecode(shipped_wheel(wheel), compiled.site_packages)
        _write_sources(out / "sources" / SITE_PACKAGES, sources)
        _write(out / "wheels" / wheel.name, content)
    own_name, own_wheel = awaited_wheel(root)
    _write(out / "wheels" / own_name, own_wheel)
    archive = course_archive(root)
    _write(out / "course.zip", archive)
    parts = lesson_parts(manifest(root))
    archives = {lesson: course_archive(root, lesson) for lesson in parts}
    for lesson, part in parts.items():
        _write(out / "course" / f"{lesson}.zip", archives[lesson])
        _write(out / "course" / f"{lesson}.json", json.dumps(part, ensure_ascii=False).encode())
    data: dict[str, Any] = {
        "lessons": list(parts),
        "exercises": [slug for part in parts.values() for slug in part["exercises"]],
    }
    # The worker unpacks pure-Python wheels itself (web/runner/stored_zip.js); one that holds a
    # shared library goes through Pyodide's loadPackage, which loads the library.
    native = [wheel.name for wheel in split.boot if installed_by_pyodide(wheel)]
    data["wheels"] = [w.name for w in split.boot if w.name not in native] + [own_name]
    data["nativeWheels"] = native
    data["lazyWheels"] = split.lazy  # fetched by the worker on first import (lazy_wheels.py)
    # Lets a Run pressed during the start stand in for the warm-up (session.skip_warm_up).
    data["warmUpModules"] = compiled.warm_up_modules
    # One fingerprint of everything the worker loads: the cache key of the reader's browser.
    fingerprint = hashlib.sha256(
        archive
        + b"".join(archives.values())
        + json.dumps(parts, sort_keys=True).encode()
        + own_wheel
        + "".join(data["wheels"] + native + sorted(split.lazy.values())).encode()
    )
    data["version"] = fingerprint.hexdigest()[:16]
    _write(out / "manifest.json", json.dumps(data, ensure_ascii=False).encode())
    entry_points = [root / "web" / "runner" / name for name in ENTRY_POINTS]
    esbuild.bundle(root, entry_points, "--format=esm", "--splitting", f"--outdir={out / 'js'}")
    write_twins(Path(config.site_dir), root / TWIN_CACHE)
    return data
