"""Helpers for the site tests: build the site, and find references to other hosts in it.

"Zero requests to other hosts" is checked twice: here statically, over every built file a
browser loads, and in tests/e2e by recording every request a real browser makes.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from fnmatch import fnmatch
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SITE_URL = "http://127.0.0.1:8000/"


def build_site(
    site_dir: Path,
    *,
    root: Path = ROOT,
    site_url: str | None = None,
    env: dict[str, str] | None = None,
) -> subprocess.CompletedProcess[str]:
    """`mkdocs build --strict` of the course at `root` into `site_dir`, run from `root`.

    `site_url` overrides mkdocs.yml's (through AWAITED_SITE_URL), e.g. to match a test
    server's port so that Material's instant navigation works there.
    """
    environment = dict(os.environ, NO_MKDOCS_2_WARNING="1")  # Material's end-of-life banner
    environment.pop("AWAITED_SITE_URL", None)
    environment.update(env or {})
    if site_url is not None:
        environment["AWAITED_SITE_URL"] = site_url
    command = [sys.executable, "-m", "mkdocs", "build", "--strict"]
    command += ["--config-file", str(root / "mkdocs.yml"), "--site-dir", str(site_dir)]
    return subprocess.run(
        command, cwd=root, env=environment, capture_output=True, text=True, timeout=180, check=False
    )


# --------------------------------------------------------------------------------------------
# Finding references to other hosts
# --------------------------------------------------------------------------------------------

# Attributes whose URL the browser fetches (or may fetch) by itself, without a click.
FETCHED_ATTRIBUTES = {
    "src",
    "srcset",
    "imagesrcset",
    "poster",
    "data",
    "background",
    "manifest",
    "ping",
    "action",
    "formaction",
    "xlink:href",
}
# Tags whose `href` is followed only when the reader clicks: a link to another site is fine.
NAVIGATION_TAGS = {"a", "area"}
JSON_SCRIPT_TYPES = {"application/json", "application/ld+json", "importmap"}
_CSS_URL = re.compile(r"url\(\s*(?P<q>['\"]?)(?P<url>.*?)(?P=q)\s*\)", re.DOTALL)
_CSS_IMPORT = re.compile(r"@import\s+(?P<q>['\"])(?P<url>[^'\"]+)(?P=q)")
_ABSOLUTE_URL = re.compile(r"(?:https?|wss?)://(?P<host>[^/\s\"'`<>)\\]+)")
_META_REFRESH = re.compile(r"url\s*=\s*(?P<url>\S+)", re.IGNORECASE)

# Every absolute URL in a shipped JavaScript file must be listed here with the reason it never
# turns into a request on this site. Anything new fails the test until someone looks at it.
KNOWN_SCRIPT_URLS: dict[str, dict[str, str]] = {
    "assets/javascripts/bundle.*.min.js": {
        "unpkg.com": "Material loads mermaid from unpkg only on pages with a mermaid diagram "
        "(none here, asserted), and resize-observer-polyfill only in browsers without "
        "ResizeObserver (every browser Material 9 supports has it)",
        "api.github.com": "repository facts, fetched only when repo_url is a GitHub URL (unset)",
        "${e}": "GitLab repository facts, fetched only when repo_url is a GitLab URL (unset)",
        "clipboardjs.com": "a licence comment",
    },
    "assets/javascripts/lunr/*": {
        "*": "lunr's language packs: the search worker loads one only for a configured "
        "non-English search language (the site's is English only, asserted); their URLs are "
        "licence and source comments",
    },
    "assets/awaited/runner/js/editor-*.js": {
        "www.w3.org": "XML namespace names CodeMirror gives the SVG and MathML it creates: "
        "identifiers, never fetched",
    },
    "assets/awaited/runner/pyodide/pyodide.mjs": {
        "cdn.jsdelivr.net": "Pyodide's default package index, used only when no indexURL is "
        "given and a package is loaded by name; the worker passes the site's own indexURL and "
        "loads every wheel by its URL on this site",
    },
    "assets/awaited/runner/pyodide/pyodide.asm.mjs": {
        "${t}": "Pyodide's socket layer parses the host a Python socket connects to; course "
        "code opens no sockets (requests go to the app through ASGITransport, in memory)",
    },
    "assets/javascripts/workers/search.*.min.js": {
        "lunrjs.com": "a licence comment",
        "tartarus.org": "a comment crediting the Porter stemmer",
        "bit.ly": "a comment linking a bug report",
    },
}


@dataclass(frozen=True)
class ForeignReference:
    file: str
    where: str
    url: str

    def __str__(self) -> str:
        return f"{self.file}: {self.where}: {self.url}"


def is_foreign(url: str, origin: str) -> bool:
    """True when fetching `url` from a page of `origin` would contact another host."""
    url = url.strip()
    if url.startswith("//"):
        return True
    scheme = urlsplit(url).scheme.lower()
    if scheme in ("http", "https", "ws", "wss"):
        parts = urlsplit(url)
        return f"{parts.scheme}://{parts.netloc}".lower() != origin.lower()
    # relative URLs, fragments, data:, blob:, about:, javascript:, mailto: stay here
    return scheme not in ("", "data", "blob", "about", "javascript", "mailto", "tel")


def css_urls(css: str) -> list[str]:
    """The URLs a stylesheet makes the browser fetch: `url(...)` and `@import "..."`."""
    return [m["url"] for m in _CSS_URL.finditer(css)] + [
        m["url"] for m in _CSS_IMPORT.finditer(css)
    ]


class _HtmlScanner(HTMLParser):
    def __init__(self, origin: str) -> None:
        super().__init__(convert_charrefs=True)
        self.origin = origin
        self.found: list[tuple[str, str]] = []
        self.mermaid = False
        self._in: str | None = None  # "style" or "script" whose text we are reading
        self._text: list[str] = []

    def _check(self, where: str, url: str) -> None:
        if is_foreign(url, self.origin):
            self.found.append((where, url))

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {name.lower(): value or "" for name, value in attrs}
        if "mermaid" in values.get("class", "").split():
            self.mermaid = True
        for name, value in values.items():
            if name in FETCHED_ATTRIBUTES:
                candidates = [v.strip().split(" ")[0] for v in value.split(",")]
                if name not in ("srcset", "imagesrcset", "ping"):
                    candidates = [value]
                for url in candidates:
                    self._check(f"<{tag} {name}>", url)
            elif name == "href" and tag not in NAVIGATION_TAGS:
                self._check(f"<{tag} href>", value)
            elif name == "style":
                for url in css_urls(value):
                    self._check(f"<{tag} style>", url)
        if tag == "meta" and values.get("http-equiv", "").lower() == "refresh":
            match = _META_REFRESH.search(values.get("content", ""))
            if match:
                self._check("<meta refresh>", match["url"])
        if tag == "style":
            self._in, self._text = "style", []
        elif tag == "script" and "src" not in values:
            kind = values.get("type", "").strip().lower()
            if kind not in JSON_SCRIPT_TYPES:
                self._in, self._text = "script", []

    def handle_data(self, data: str) -> None:
        if self._in is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if self._in is None or tag != self._in:
            return
        text = "".join(self._text)
        if tag == "style":
            for url in css_urls(text):
                self._check("<style>", url)
        else:  # an inline script: any absolute URL in it may be fetched
            for match in _ABSOLUTE_URL.finditer(text):
                self._check("<script>", match[0])
        self._in = None


def scan_html(text: str, origin: str) -> tuple[list[tuple[str, str]], bool]:
    """(where, url) of every foreign reference, and whether the page has a mermaid diagram."""
    scanner = _HtmlScanner(origin)
    scanner.feed(text)
    scanner.close()
    return scanner.found, scanner.mermaid


def scan_script(relative: str, text: str) -> list[tuple[str, str]]:
    known: dict[str, str] = {}
    for pattern, hosts in KNOWN_SCRIPT_URLS.items():
        if fnmatch(relative, pattern):
            known.update(hosts)
    if "*" in known:
        return []
    return [
        ("script", match[0]) for match in _ABSOLUTE_URL.finditer(text) if match["host"] not in known
    ]


def foreign_references(site_dir: Path, site_url: str) -> list[ForeignReference]:
    """Every reference to another host in the built site's .html, .css, .js and .mjs files."""
    parts = urlsplit(site_url)
    origin = f"{parts.scheme}://{parts.netloc}"
    found: list[ForeignReference] = []
    mermaid_pages: list[str] = []
    for path in sorted(site_dir.rglob("*")):
        relative = path.relative_to(site_dir).as_posix()
        if path.suffix == ".html":
            hits, mermaid = scan_html(path.read_text(encoding="utf-8"), origin)
            if mermaid:
                mermaid_pages.append(relative)
        elif path.suffix == ".css":
            text = path.read_text(encoding="utf-8")
            hits = [("url()", url) for url in css_urls(text) if is_foreign(url, origin)]
        elif path.suffix in (".js", ".mjs"):
            hits = scan_script(relative, path.read_text(encoding="utf-8"))
        else:
            continue
        found += [ForeignReference(relative, where, url) for where, url in hits]
    # The unpkg.com allowance above holds only while no page has a mermaid diagram.
    found += [
        ForeignReference(page, "mermaid diagram", "https://unpkg.com/mermaid (loaded by Material)")
        for page in mermaid_pages
    ]
    return found
