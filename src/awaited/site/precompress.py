"""Precompressed twins of the built site's files: `X.br` (brotli) and `X.gz` (gzip) beside `X`.

Hosts that serve precompressed files (`python -m awaited.site.serve`, nginx's `brotli_static`
and `gzip_static`, most CDNs) send the twin a browser accepts; the others ignore them. Brotli at
its highest quality is slow (half a minute for Pyodide's WebAssembly, 95 s for everything on
one core) but the large files are the same from one build to the next, so both twins are cached
by content hash, filled on every core by one build at a time. Quality 9 would take seconds and
cost 0.8 MB more on the wire before the first result. (gzip at level 9 is quick per file, but
the site is 70 MB and the test suite builds it several times.)

Archives (wheels, the standard library, course.zip) are written uncompressed by the build so
that these twins compress across their files, which saves more than zip's own per-file deflate.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
import time
import zipfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import brotli

from awaited.site.build_cache import exclusive, write_atomically

COMPRESSIBLE = {
    ".html", ".css", ".js", ".mjs", ".json", ".wasm", ".svg", ".xml", ".txt", ".zip", ".whl",
}  # fmt: skip
MIN_SIZE = 1024  # below this a twin saves less than its own headers cost
_BROTLI_WINDOW = 24  # the largest window: the WebAssembly is 9.6 MB
CODINGS = ("br", "gz")
UNUSED_FOR_SECONDS = 7 * 24 * 3600


def stored_zip(data: bytes) -> bytes:
    """`data`, a zip archive, rewritten without per-file compression (same names and order)."""
    out = io.BytesIO()
    with (
        zipfile.ZipFile(io.BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_STORED) as target,
    ):
        for info in source.infolist():
            copy = zipfile.ZipInfo(info.filename, info.date_time)
            copy.external_attr = info.external_attr
            target.writestr(copy, source.read(info), zipfile.ZIP_STORED)
    return out.getvalue()


def _cached(cache: Path, data: bytes, coding: str) -> Path:
    return cache / f"{hashlib.sha256(data).hexdigest()}.{coding}"


def _compress(data: bytes, coding: str) -> bytes:
    """One twin of `data`; brotli and zlib release the GIL while they work."""
    if coding == "br":
        packed: bytes = brotli.compress(data, quality=11, lgwin=_BROTLI_WINDOW)  # untyped module
        return packed
    return gzip.compress(data, compresslevel=9, mtime=0)


def _forget_unused(cache: Path, used: set[Path]) -> None:
    """Mark `used` entries as just used and delete those no build used for a while: each test
    server's port makes pages, and so their twins, that no later build asks for again."""
    now = time.time()
    for entry in cache.glob("*.*"):
        if entry in used:
            os.utime(entry, (now, now))
        elif entry.suffix in (".br", ".gz") and entry.stat().st_mtime < now - UNUSED_FOR_SECONDS:
            entry.unlink(missing_ok=True)


def write_twins(folder: Path, cache: Path) -> None:
    """Give every compressible file under `folder` its `.br` and `.gz` twins."""
    files = {
        path: path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_SIZE
    }
    with exclusive(cache):
        missing = {
            _cached(cache, data, coding): (data, coding)
            for data in files.values()
            for coding in CODINGS
            if not _cached(cache, data, coding).is_file()
        }

        def fill(entry: Path) -> None:
            write_atomically(entry, _compress(*missing[entry]))

        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(fill, missing))
        _forget_unused(cache, {_cached(cache, data, c) for data in files.values() for c in CODINGS})
    for path, data in files.items():
        for coding in CODINGS:
            Path(f"{path}.{coding}").write_bytes(_cached(cache, data, coding).read_bytes())
