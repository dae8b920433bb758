"""Serve the built site locally, the way the browser runner works best.

`python -m awaited.site.serve [--port 8000] [--directory site]` (what `make serve` runs) is
Python's static file server plus two things a static host can be told to do:

- **cross-origin isolation** (`Cross-Origin-Opener-Policy: same-origin` and
  `Cross-Origin-Embedder-Policy: require-corp`): the page may then share memory with the
  runner's worker, so Stop and the per-test time limit interrupt Python in place, in a few
  milliseconds. Without these headers the runner still works; Stop then ends the worker and
  starts a new one, which takes a few seconds, and a CPU-bound loop is stopped by the run's
  time limit rather than the test's.
- **precompressed files**: `X.gz`, written by the build beside large files, is sent for `X`
  with `Content-Encoding: gzip` when the browser accepts it (Pyodide's WebAssembly shrinks
  from 9.6 MB to 3.6 MB on the wire).
"""

from __future__ import annotations

import argparse
import functools
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}


class SiteHandler(SimpleHTTPRequestHandler):
    """Static files with isolation headers and precompressed twins; quiet by default."""

    quiet = True
    isolate = True  # send ISOLATION_HEADERS (off: to see the runner as on a plain host)
    # Module scripts and WebAssembly must be served with these types, whatever the OS knows.
    own_types: ClassVar[dict[str, str]] = {
        ".mjs": "text/javascript",
        ".js": "text/javascript",
        ".wasm": "application/wasm",
    }

    def guess_type(self, path: Any) -> str:
        return self.own_types.get(Path(str(path)).suffix) or super().guess_type(path)

    def end_headers(self) -> None:
        if self.isolate:
            for name, value in ISOLATION_HEADERS.items():
                self.send_header(name, value)
        super().end_headers()

    def send_head(self) -> Any:
        path = Path(self.translate_path(self.path))
        if path.is_dir() and self.path.split("?")[0].endswith("/"):
            path /= "index.html"  # a page's URL names its folder
        twin = Path(f"{path}.gz")
        accepts_gzip = "gzip" in self.headers.get("Accept-Encoding", "")
        if not (accepts_gzip and path.is_file() and twin.is_file()):
            return super().send_head()
        handle = twin.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def log_message(self, format: str, *args: Any) -> None:
        if not self.quiet:
            super().log_message(format, *args)


def make_server(
    directory: Path, port: int = 0, host: str = "127.0.0.1", *, isolate: bool = True
) -> ThreadingHTTPServer:
    handler_class = type("Handler", (SiteHandler,), {"isolate": isolate})
    handler = functools.partial(handler_class, directory=str(directory))
    server = ThreadingHTTPServer((host, port), handler)
    server.daemon_threads = True
    return server


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m awaited.site.serve", description=__doc__.splitlines()[0]
    )
    parser.add_argument("--port", type=int, default=8000)
    parser.add_argument("--directory", type=Path, default=Path("site"))
    parser.add_argument(
        "--no-isolation",
        action="store_true",
        help="leave out the cross-origin isolation headers, as many static hosts do",
    )
    args = parser.parse_args(argv)
    SiteHandler.quiet = False
    server = make_server(args.directory, args.port, isolate=not args.no_isolation)
    print(f"Serving {args.directory}/ on http://127.0.0.1:{args.port}/ (Ctrl-C stops)", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
