"""Fixtures for the end-to-end site tests: the built site, a local server, headless Chromium.

The browser is Debian's `chromium` driven by the PyPI `playwright` package (Playwright's own
browser download is never used). Without chromium the tests skip with the reason, except when
CI=true, where a missing browser is a failure.

Playwright's sync API runs its own event loop inside a greenlet, outside pytest-asyncio's
loops; tests here are plain (sync) functions, so strict asyncio mode leaves them alone.
"""

from __future__ import annotations

import os
import shutil
import threading
from collections.abc import Iterator
from dataclasses import dataclass, field
from http.server import ThreadingHTTPServer
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Browser, Page, Request, WebSocket, sync_playwright
from site_support import build_site

from awaited.site.serve import make_server

CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
SCREENSHOTS = Path("/tmp")


@dataclass
class SiteServer:
    """The built site, served over HTTP on 127.0.0.1 and a free port."""

    origin: str  # "http://127.0.0.1:PORT"
    root: Path

    def url(self, path: str = "") -> str:
        return f"{self.origin}/{path.lstrip('/')}"


@dataclass
class _Bound:
    server: ThreadingHTTPServer
    root: Path

    @property
    def origin(self) -> str:
        host, port = self.server.server_address[:2]
        return f"http://{host!s}:{port}"


@pytest.fixture(scope="session")
def _bound_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[_Bound]:
    """A server bound first, so the site can be built for its exact origin (port included).

    It is `make serve`'s server: cross-origin isolation headers and precompressed files.
    """
    root = tmp_path_factory.mktemp("served-site")
    server = make_server(root)
    try:
        yield _Bound(server, root)
    finally:
        server.server_close()


@pytest.fixture(scope="session")
def built_site(_bound_server: _Bound) -> Path:
    """The site, built once, with site_url set to the test server's origin.

    Material's instant navigation only intercepts links listed in sitemap.xml, after moving
    them to the page's protocol and hostname but not its port, so site_url must match.
    """
    run = build_site(_bound_server.root, site_url=_bound_server.origin + "/")
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}"
    return _bound_server.root


@pytest.fixture(scope="session")
def site_server(built_site: Path, _bound_server: _Bound) -> Iterator[SiteServer]:
    """The built site, served in-process by `awaited.site.serve` on a thread."""
    server = _bound_server.server
    thread = threading.Thread(target=server.serve_forever, name="site-server", daemon=True)
    thread.start()
    try:
        yield SiteServer(origin=_bound_server.origin, root=built_site)
    finally:
        server.shutdown()
        thread.join(timeout=10)


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    executable = shutil.which("chromium")
    if executable is None:
        reason = (
            "Debian's chromium is not installed, so the browser tests cannot run "
            "(install it with `apt-get install chromium`; Playwright's download is not used)"
        )
        if os.environ.get("CI") == "true":
            pytest.fail(reason)
        pytest.skip(reason)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(
            executable_path=executable, args=CHROMIUM_FLAGS, headless=True
        )
        try:
            yield launched
        finally:
            launched.close()


@dataclass
class Traffic:
    """Every request (and WebSocket) a test's browser context made, and every page error."""

    origin: str
    urls: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def foreign(self) -> list[str]:
        found = []
        for url in self.urls:
            parts = urlsplit(url)
            if parts.scheme in ("data", "blob", "about"):
                continue
            if f"{parts.scheme}://{parts.netloc}" != self.origin:
                found.append(url)
        return found

    def assert_only_local(self) -> None:
        assert self.urls, "no request was recorded at all"
        assert self.foreign() == [], f"requests to other hosts: {self.foreign()}"

    def assert_no_errors(self) -> None:
        assert self.errors == [], f"errors in the page: {self.errors}"


@pytest.fixture
def traffic(site_server: SiteServer) -> Traffic:
    return Traffic(origin=site_server.origin)


@pytest.fixture
def page(browser: Browser, traffic: Traffic) -> Iterator[Page]:
    """A page in a fresh browser context (empty storage), recording its traffic."""
    # Reduced motion: no colour transitions, so screenshots show the settled state.
    context = browser.new_context(
        viewport={"width": 1280, "height": 900}, color_scheme="light", reduced_motion="reduce"
    )
    context.set_default_timeout(10_000)

    def on_request(request: Request) -> None:
        traffic.urls.append(request.url)

    def on_websocket(socket: WebSocket) -> None:
        traffic.urls.append(socket.url)

    context.on("request", on_request)
    tab = context.new_page()
    tab.on("websocket", on_websocket)
    tab.on("pageerror", lambda error: traffic.errors.append(str(error)))
    tab.on(
        "console",
        lambda message: traffic.errors.append(message.text) if message.type == "error" else None,
    )
    try:
        yield tab
    finally:
        context.close()
