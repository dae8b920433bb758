"""Wheels the worker installs only when a test first imports them.

The site ships some wheels (trio and what it needs) that most readers never use, so the worker
does not install them at boot. :class:`LazyWheelFinder` sits at the end of `sys.meta_path`;
when an import finds nothing else and its top-level name belongs to such a wheel, it fetches
the wheel (synchronously: a Web Worker may block on `XMLHttpRequest`), unpacks it into
site-packages and lets the normal path finder import it. A lazy wheel's own dependencies are
lazy too, and arrive the same way when it imports them.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import io
import sys
import zipfile
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path
from types import ModuleType

Fetch = Callable[[str], bytes]


class LazyWheelError(ImportError):
    """A lazy wheel that could not be downloaded or unpacked."""


def fetch_in_worker(url: str) -> bytes:
    """`url`'s bytes, by a synchronous XMLHttpRequest (allowed in a Web Worker only)."""
    import js  # type: ignore[import-not-found]  # Pyodide's bridge to JavaScript

    request = js.XMLHttpRequest.new()
    request.open("GET", url, False)
    request.responseType = "arraybuffer"
    request.send()
    if request.status != 200:
        raise LazyWheelError(f"HTTP {request.status} {request.statusText}".strip())
    data: bytes = js.Uint8Array.new(request.response).to_bytes()
    return data


class LazyWheelFinder(importlib.abc.MetaPathFinder):
    """Installs a wheel of `wheels` (`{top-level name: file name}`) on first import."""

    def __init__(
        self, wheels: Mapping[str, str], base_url: str, site_packages: Path, fetch: Fetch
    ) -> None:
        self._pending = dict(wheels)
        self._base_url = base_url
        self._site_packages = site_packages
        self._fetch = fetch
        self.installed: list[str] = []

    def will_install(self, name: str) -> bool:
        """Whether importing top-level `name` would install a wheel (not yet done)."""
        return name in self._pending

    def find_spec(
        self,
        fullname: str,
        path: Sequence[str] | None,
        target: ModuleType | None = None,
    ) -> importlib.machinery.ModuleSpec | None:
        wheel = self._pending.get(fullname)
        if path is not None or wheel is None:
            return None  # a submodule, or not ours: the other finders have had their say
        self._install(wheel)
        return importlib.machinery.PathFinder.find_spec(fullname, path)

    def _install(self, wheel: str) -> None:
        try:
            data = self._fetch(self._base_url + wheel)
            with zipfile.ZipFile(io.BytesIO(data)) as archive:
                archive.extractall(self._site_packages)
        except (OSError, zipfile.BadZipFile, LazyWheelError) as error:
            raise LazyWheelError(f"could not install {wheel}: {error}") from None
        # Every name of this wheel is now on disk: the path finder imports them from here on.
        self._pending = {name: file for name, file in self._pending.items() if file != wheel}
        self.installed.append(wheel)
        importlib.invalidate_caches()


def install(
    wheels: Mapping[str, str], base_url: str, fetch: Fetch = fetch_in_worker
) -> LazyWheelFinder:
    """Put a :class:`LazyWheelFinder` for `wheels` at the end of `sys.meta_path`."""
    site_packages = Path(next(p for p in sys.path if p.endswith("site-packages")))
    finder = LazyWheelFinder(wheels, base_url, site_packages, fetch)
    sys.meta_path.append(finder)
    return finder
