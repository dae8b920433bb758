"""Source lines for the modules the runner ships as bytecode only, fetched when shown.

The standard library and the wheels carry `x.pyc` without `x.py` for the modules every run
imports (:mod:`awaited.site.bytecode`); their sources sit on the site under `sources/`. When a
traceback, a warning or pytest's fixture listing wants a line of one of them, Python's
:mod:`linecache` finds nothing on disk; the hook installed here then fetches that one file
(synchronously: a Web Worker may) and caches it like any source that came from a loader.
"""

from __future__ import annotations

import linecache
from collections.abc import Callable, Mapping
from typing import Any

Fetch = Callable[[str], "str | None"]


def install(roots: Mapping[str, str], fetch: Fetch) -> None:
    """`roots` maps file-name prefixes to URL prefixes (site-packages to sources/site-packages/)."""
    original = linecache.updatecache

    def updatecache(filename: str, module_globals: Any = None) -> list[str]:
        lines: list[str] = original(filename, module_globals)
        if lines or not filename.endswith(".py"):
            return lines
        for prefix, url in roots.items():
            if filename.startswith(prefix):
                text = fetch(url + filename[len(prefix) :])
                if not text:
                    return []
                lines = text.splitlines(keepends=True)
                if not lines[-1].endswith("\n"):
                    lines[-1] += "\n"
                # No modification time: `linecache.checkcache` keeps such entries.
                linecache.cache[filename] = (len(text), None, lines, filename)
                return lines
        return []

    linecache.updatecache = updatecache


def fetch_in_worker(url: str) -> str | None:
    """The text at `url`, by synchronous XMLHttpRequest (allowed in a Web Worker)."""
    from js import XMLHttpRequest  # type: ignore[import-not-found]  # Pyodide's bridge

    request = XMLHttpRequest.new()
    request.open("GET", url, False)
    request.send(None)
    return str(request.responseText) if request.status == 200 else None
