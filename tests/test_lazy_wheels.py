"""Lazy wheels: which wheels wait for their first import, and the finder that installs them.

The finder runs here in CPython with an injected fetch (in the worker it is a synchronous
XMLHttpRequest); tests/e2e/test_runner_e2e.py runs it in Pyodide for the trio lessons.
"""

from __future__ import annotations

import importlib
import sys
import zipfile
from collections.abc import Iterator
from pathlib import Path

import pytest

from awaited.browser.lazy_wheels import LazyWheelError, LazyWheelFinder
from awaited.site.lazy_wheels import split_wheels, top_level_names


def _wheel(folder: Path, name: str, files: dict[str, str], requires: tuple[str, ...] = ()) -> Path:
    project, version = name.split("-")[:2]
    path = folder / name
    metadata = f"Metadata-Version: 2.1\nName: {project}\nVersion: {version}\n"
    metadata += "".join(f"Requires-Dist: {line}\n" for line in requires)
    with zipfile.ZipFile(path, "w") as archive:
        for file, text in files.items():
            archive.writestr(file, text)
        archive.writestr(f"{project}-{version}.dist-info/METADATA", metadata)
        archive.writestr(f"{project}-{version}.dist-info/RECORD", "")
    return path


def test_boot_wheels_are_the_closure_of_the_boot_requirements(tmp_path: Path) -> None:
    (tmp_path / "web").mkdir()
    (tmp_path / "web" / "browser-requirements.in").write_text("# boot\nweb_app==1.0\n")
    wheels = [
        _wheel(tmp_path, "web_app-1.0-py3-none-any.whl", {"web_app/__init__.py": ""},
               ("helper>=1", "trio>=0.3; extra == 'trio'", "winonly; sys_platform == 'win32'")),
        _wheel(tmp_path, "helper-1.0-py3-none-any.whl", {"helper.py": ""}),
        _wheel(tmp_path, "trio-0.3-py3-none-any.whl", {"trio/__init__.py": "", "trio/_x.py": ""},
               ("sorted_stuff",)),
        _wheel(tmp_path, "sorted_stuff-2.0-py3-none-any.whl",
               {"sorted_stuff/__init__.py": "", "_sorted_speedups.cpython-314.so": ""}),
        _wheel(tmp_path, "winonly-1.0-py3-none-any.whl", {"winonly.py": ""}),
    ]  # fmt: skip
    split = split_wheels(tmp_path, wheels)
    assert [wheel.name for wheel in split.boot] == [
        "helper-1.0-py3-none-any.whl",
        "web_app-1.0-py3-none-any.whl",
    ]
    assert split.lazy == {
        "_sorted_speedups": "sorted_stuff-2.0-py3-none-any.whl",
        "sorted_stuff": "sorted_stuff-2.0-py3-none-any.whl",
        "trio": "trio-0.3-py3-none-any.whl",
        "winonly": "winonly-1.0-py3-none-any.whl",
    }


def test_top_level_txt_wins_over_the_record(tmp_path: Path) -> None:
    wheel = _wheel(tmp_path, "attrs-1.0-py3-none-any.whl", {"attr/__init__.py": ""})
    with zipfile.ZipFile(wheel, "a") as archive:
        archive.writestr("attrs-1.0.dist-info/top_level.txt", "attr\nattrs\n")
    assert top_level_names(wheel) == ["attr", "attrs"]


@pytest.fixture
def site_packages(tmp_path: Path) -> Iterator[Path]:
    folder = tmp_path / "site-packages"
    folder.mkdir()
    sys.path.insert(0, str(folder))
    before = set(sys.modules)
    try:
        yield folder
    finally:
        sys.path.remove(str(folder))
        sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, LazyWheelFinder)]
        for name in set(sys.modules) - before:
            del sys.modules[name]
        importlib.invalidate_caches()


def test_the_first_import_installs_the_wheel_and_its_lazy_dependencies(
    tmp_path: Path, site_packages: Path
) -> None:
    served = {
        "lazy_pkg-1.0-py3-none-any.whl": _wheel(
            tmp_path, "lazy_pkg-1.0-py3-none-any.whl",
            {"lazy_pkg/__init__.py": "import lazy_dep\nVALUE = lazy_dep.VALUE + 1\n"},
        ),
        "lazy_dep-1.0-py3-none-any.whl": _wheel(
            tmp_path, "lazy_dep-1.0-py3-none-any.whl", {"lazy_dep.py": "VALUE = 41\n"}
        ),
    }  # fmt: skip
    fetched: list[str] = []

    def fetch(url: str) -> bytes:
        fetched.append(url)
        return served[url.removeprefix("https://site/wheels/")].read_bytes()

    names = {
        "lazy_pkg": "lazy_pkg-1.0-py3-none-any.whl",
        "lazy_dep": "lazy_dep-1.0-py3-none-any.whl",
    }
    finder = LazyWheelFinder(names, "https://site/wheels/", site_packages, fetch)
    sys.meta_path.append(finder)

    assert importlib.import_module("lazy_pkg").VALUE == 42
    assert fetched == [
        "https://site/wheels/lazy_pkg-1.0-py3-none-any.whl",
        "https://site/wheels/lazy_dep-1.0-py3-none-any.whl",
    ]
    assert (site_packages / "lazy_dep-1.0.dist-info" / "METADATA").is_file()
    # What the worker does after each run: forget the modules; they import again from disk.
    del sys.modules["lazy_pkg"], sys.modules["lazy_dep"]
    assert importlib.import_module("lazy_pkg").VALUE == 42
    assert len(fetched) == 2
    with pytest.raises(ModuleNotFoundError):
        importlib.import_module("not_a_lazy_name")


def test_a_failed_fetch_names_the_wheel_and_the_http_status(site_packages: Path) -> None:
    def fetch(url: str) -> bytes:
        raise LazyWheelError("HTTP 404 Not Found")

    finder = LazyWheelFinder({"trio": "trio-0.35.0-py3-none-any.whl"}, "/w/", site_packages, fetch)
    sys.meta_path.append(finder)
    with pytest.raises(
        ImportError,
        match=r"^could not install trio-0\.35\.0-py3-none-any\.whl: HTTP 404 Not Found$",
    ):
        finder.find_spec("trio", None)


def test_a_lazy_anyio_backend_counts_as_available_without_being_imported(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import anyio
    import anyio._core._eventloop as eventloop

    from awaited.browser.anyio_backends import count_lazy_backends_as_available

    monkeypatch.setattr(anyio, "get_available_backends", anyio.get_available_backends)
    monkeypatch.setattr(eventloop, "get_available_backends", eventloop.get_available_backends)
    imported: list[str] = []
    real = eventloop.get_async_backend

    def spy(name: str = "asyncio") -> object:
        imported.append(name)
        return real(name)

    monkeypatch.setattr(eventloop, "get_async_backend", spy)
    count_lazy_backends_as_available(lambda name: name == "trio")
    assert anyio.get_available_backends() == ("asyncio", "trio")
    assert imported == ["asyncio"]
