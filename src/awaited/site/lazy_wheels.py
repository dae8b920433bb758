"""Which locked wheels the worker installs at boot, and which it unpacks on first import.

The boot wheels are the dependency closure of `web/browser-requirements.in`, read from each
wheel's own metadata (`Requires-Dist`, markers judged for Pyodide). Every other locked wheel
(`web/browser-lazy-requirements.in` and what it needs) is lazy: the manifest maps each of its
top-level import names to the wheel's file name, and `awaited.browser.lazy_wheels` fetches it
when a test first imports one of them. So a reader who never runs trio never downloads it.
"""

from __future__ import annotations

import re
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass
from email.parser import HeaderParser
from pathlib import Path

from packaging.requirements import Requirement

BOOT_REQUIREMENTS = Path("web") / "browser-requirements.in"
# The environment Pyodide 314 reports, to judge `Requires-Dist` markers by.
PYODIDE_MARKERS = {
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "platform_system": "Emscripten",
    "sys_platform": "emscripten",
    "os_name": "posix",
    "python_version": "3.14",
    "python_full_version": "3.14.0",
    "extra": "",
}


def _canonical(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()


def _project(wheel: Path) -> str:
    return _canonical(wheel.name.split("-")[0])


def _dist_info_file(archive: zipfile.ZipFile, name: str) -> str | None:
    for entry in archive.namelist():
        folder, _, base = entry.partition("/")
        if folder.endswith(".dist-info") and base == name:
            return archive.read(entry).decode("utf-8")
    return None


def _requires(wheel: Path) -> list[str]:
    """The projects `wheel` needs in Pyodide (no extras)."""
    with zipfile.ZipFile(wheel) as archive:
        metadata = _dist_info_file(archive, "METADATA") or ""
    needed = []
    for line in HeaderParser().parsestr(metadata).get_all("Requires-Dist") or []:
        requirement = Requirement(line)
        if requirement.marker is None or requirement.marker.evaluate(PYODIDE_MARKERS):
            needed.append(_canonical(requirement.name))
    return needed


def top_level_names(wheel: Path) -> list[str]:
    """The names `wheel` makes importable: from `top_level.txt`, else from its RECORD."""
    with zipfile.ZipFile(wheel) as archive:
        listed = _dist_info_file(archive, "top_level.txt")
        if listed is not None:
            names = {line.strip() for line in listed.splitlines()}
        else:
            names = set()
            for entry in archive.namelist():
                first, slash, _ = entry.partition("/")
                if slash and not first.endswith((".dist-info", ".data")):
                    names.add(first)
                elif not slash and entry.endswith((".py", ".so")):
                    names.add(entry.split(".")[0])
    return sorted(name for name in names if name.isidentifier())


def _boot_projects(root: Path) -> set[str]:
    lines = (root / BOOT_REQUIREMENTS).read_text(encoding="utf-8").splitlines()
    return {
        _canonical(Requirement(text).name)
        for text in (line.split("#")[0].strip() for line in lines)
        if text
    }


@dataclass(frozen=True)
class WheelSplit:
    boot: list[Path]
    lazy: dict[str, str]  # top-level import name -> wheel file name


def split_wheels(root: Path, wheels: Iterable[Path]) -> WheelSplit:
    """Split the locked `wheels` into the boot closure and the lazy import-name map."""
    by_project = {_project(wheel): wheel for wheel in wheels}
    boot: set[str] = set()
    todo = [name for name in _boot_projects(root) if name in by_project]
    while todo:
        project = todo.pop()
        if project not in boot:
            boot.add(project)
            todo.extend(name for name in _requires(by_project[project]) if name in by_project)
    lazy: dict[str, str] = {}
    for project, wheel in sorted(by_project.items()):
        if project not in boot:
            lazy.update(dict.fromkeys(top_level_names(wheel), wheel.name))
    return WheelSplit(sorted(by_project[name] for name in boot), lazy)
