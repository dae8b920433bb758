"""Precompressed twins of the built site's files: `X.br` (brotli) and `X.gz` (gzip) beside `X`.

Hosts that serve precompressed files (`python -m awaited.site.serve`, nginx's `brotli_static`
and `gzip_static`, most CDNs) send the twin a browser accepts; the others ignore them. Brotli at
its highest quality is slow (half a minute for Pyodide's WebAssembly, 95 s for everything on
one core) but the large files are the same from one build to the next, so its output is cached
by content hash, filled on every core by one build at a time. Quality 9 would take seconds and
cost 0.8 MB more on the wire before the first result.

Archives (wheels, the standard library, course.zip) are written uncompressed by the build so
that these twins compress across their files, which saves more than zip's own per-file deflate.
"""

from __future__ import annotations

import gzip
import hashlib
import io
import os
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


def _cached(cache: Path, data: bytes) -> Path:
    return cache / f"{hashlib.sha256(data).hexdigest()}.br"


def _compress_into_cache(data: bytes, cache: Path) -> None:
    packed = brotli.compress(data, quality=11, lgwin=_BROTLI_WINDOW)  # releases the GIL
    write_atomically(_cached(cache, data), packed)


def write_twins(folder: Path, cache: Path) -> None:
    """Give every compressible file under `folder` its `.br` and `.gz` twins."""
    files = {
        path: path.read_bytes()
        for path in sorted(folder.rglob("*"))
        if path.suffix in COMPRESSIBLE and path.is_file() and path.stat().st_size >= MIN_SIZE
    }
    with exclusive(cache):
        missing = {_cached(cache, data): data for data in files.values()}
        missing = {key: data for key, data in missing.items() if not key.is_file()}
        with ThreadPoolExecutor(max_workers=os.cpu_count()) as pool:
            list(pool.map(lambda data: _compress_into_cache(data, cache), missing.values()))
    for path, data in files.items():
        Path(f"{path}.br").write_bytes(_cached(cache, data).read_bytes())
        Path(f"{path}.gz").write_bytes(gzip.compress(data, compresslevel=9, mtime=0))
