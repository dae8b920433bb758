"""Serve the built site locally, the way the browser runner works best.

`python -m awaited.site.serve [--port 8000] [--directory site]` (what `make serve` runs) is
Python's static file server plus two things a static host can be told to do:

- **cross-origin isolation** (`Cross-Origin-Opener-Policy: same-origin` and
  `Cross-Origin-Embedder-Policy: require-corp`): the page may then share memory with the
  runner's worker, so Stop and the per-test time limit interrupt Python in place, in a few
  milliseconds. Without these headers the runner still works; Stop then ends the worker and
  starts a new one, which takes a few seconds, and a CPU-bound loop is stopped by the run's
  time limit rather than the test's.
- **precompressed files**: `X.br` or `X.gz`, written by the build beside large files, is sent
  for `X` with `Content-Encoding: br` or `gzip`, whichever the browser accepts, brotli first
  (Pyodide's WebAssembly is 9.6 MB raw, 3.6 MB gzipped, 2.8 MB in brotli).
"""

from __future__ import annotations

import argparse
import functools
import os
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any, ClassVar

# Twin suffix per content coding, in order of preference (brotli is the smaller).
TWINS = (("br", ".br"), ("gzip", ".gz"))
ISOLATION_HEADERS = {
    "Cross-Origin-Opener-Policy": "same-origin",
    "Cross-Origin-Embedder-Policy": "require-corp",
}


def accepted_codings(header: str) -> set[str]:
    """The content codings an `Accept-Encoding` header allows (those not given `q=0`)."""
    accepted = set()
    for item in header.split(","):
        coding, *params = (part.strip() for part in item.split(";"))
        weights = [p[2:] for p in params if p.lower().startswith("q=")]
        try:
            allowed = not weights or float(weights[0]) > 0
        except ValueError:
            allowed = False
        if coding and allowed:
            accepted.add(coding.lower())
    return accepted


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
        twin = self._twin(path)
        if twin is None:
            return super().send_head()
        coding, twin_path = twin
        handle = twin_path.open("rb")
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", coding)
        self.send_header("Content-Length", str(os.fstat(handle.fileno()).st_size))
        self.send_header("Last-Modified", self.date_time_string(int(path.stat().st_mtime)))
        self.send_header("Vary", "Accept-Encoding")
        self.end_headers()
        return handle

    def _twin(self, path: Path) -> tuple[str, Path] | None:
        """The precompressed twin of `path` to send, by the codings the request accepts."""
        if not path.is_file():
            return None
        accepted = accepted_codings(self.headers.get("Accept-Encoding", ""))
        for coding, suffix in TWINS:
            twin = Path(f"{path}{suffix}")
            if coding in accepted and twin.is_file():
                return coding, twin
        return None

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
