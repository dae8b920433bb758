"""esbuild, from the pinned npm package, bundling the site's scripts at build time."""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.exceptions import PluginError


def bundle(root: Path, entry_points: list[Path], *options: str) -> None:
    """Bundle, minify and target today's browsers; `options` add the format and output."""
    binary = root / "node_modules" / ".bin" / "esbuild"
    if not binary.exists():
        raise PluginError("node_modules is missing: run `npm ci` (make does it for you)")
    command = [
        str(binary), *map(str, entry_points), "--bundle", "--minify", "--target=es2022",
        "--log-level=warning", *options,
    ]  # fmt: skip
    done = subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        names = ", ".join(path.relative_to(root).as_posix() for path in entry_points)
        raise PluginError(f"esbuild failed on {names}:\n{done.stderr}")
