"""What a page's code will import from the lazy wheels (trio, SQLAlchemy, lesson helpers).

The worker installs a lazy wheel on the first import of one of its modules
(:mod:`awaited.browser.lazy_wheels`). A page whose examples or exercise will import one tells
the worker so (the manifest's ``prepare``), and the worker imports those modules while the
reader reads, once nothing is waiting to run: the page's first Run then finds them installed
and imported. The same modules are precompiled by the build (:mod:`awaited.site.bytecode`).

Finding them is a scan of the code, not a run, so it errs on the side of preparing: a test
marked for anyio runs on every backend anyio has, trio included, so `anyio` in the code (or
`anyio_mode` in a config file) counts as trio.
"""

from __future__ import annotations

import ast
from pathlib import Path

# For each lazy top-level package: what a first example that uses it imports.
LAZY_MODULES = {
    "trio": ("trio", "trio.testing", "anyio._backends._trio"),
    "sqlalchemy": (
        "sqlalchemy",
        "sqlalchemy.ext.asyncio",
        "sqlalchemy.orm",
        "sqlalchemy.dialects.sqlite.aiosqlite",
    ),
    "aiosqlite": ("aiosqlite",),
    "asgi_lifespan": ("asgi_lifespan",),  # lesson 08
    "httpx_ws": ("wsproto", "httpx_ws", "httpx_ws.transport"),  # lesson 09
    "httpx_sse": ("httpx_sse",),  # lesson 10
}
_CONFIG_FILES = ("*.ini", "*.toml", "*.cfg")


def _names_in(tree: ast.AST) -> set[str]:
    """Top-level packages imported, plus the names that mean one (anyio -> trio)."""
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
        elif isinstance(node, ast.Constant) and isinstance(node.value, str):
            # anyio_backend params ["asyncio", "trio"]; URLs such as "sqlite+aiosqlite://"
            found.update(
                name for name in LAZY_MODULES if node.value == name or f"+{name}:" in node.value
            )
        elif (isinstance(node, ast.Attribute) and node.attr == "anyio") or (
            isinstance(node, ast.Name) and node.id == "anyio"
        ):
            found.add("trio")
    return found


def lazy_modules_of(folder: Path) -> list[str]:
    """The lazy modules the code under `folder` will import, in import order."""
    names: set[str] = set()
    for path in sorted(folder.rglob("*.py")):
        try:
            names |= _names_in(ast.parse(path.read_text(encoding="utf-8"), str(path)))
        except SyntaxError:
            continue  # a starter file may be broken on purpose; the rest still counts
    for pattern in _CONFIG_FILES:
        if any("anyio_mode" in path.read_text("utf-8") for path in folder.rglob(pattern)):
            names.add("trio")
    return [module for name, modules in LAZY_MODULES.items() if name in names for module in modules]
