"""Bundling the Practice page's script (`web/quiz/practice.js` + the pinned npm `ts-fsrs`).

After the build, esbuild writes `assets/awaited/practice.js` into the site: one classic script
(an IIFE, loaded after `quiz.js`, whose card classes it uses), with ts-fsrs inside, so the
page makes no request to another host. esbuild and ts-fsrs come from `node_modules`, which
`make` installs with `npm ci` from the pinned package-lock.json.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError

__all__ = ["ENTRY_POINT", "OUTPUT", "bundle_practice", "on_post_build"]

ENTRY_POINT = Path("web") / "quiz" / "practice.js"
OUTPUT = Path("assets") / "awaited" / "practice.js"


def bundle_practice(root: Path, site_dir: Path) -> Path:
    """Bundle the Practice script into ``site_dir``; PluginError names what is missing."""
    esbuild = root / "node_modules" / ".bin" / "esbuild"
    if not esbuild.exists():
        raise PluginError("node_modules is missing: run `npm ci` (make does it for you)")
    target = site_dir / OUTPUT
    command = [
        str(esbuild),
        str(root / ENTRY_POINT),
        "--bundle",
        "--format=iife",
        "--minify",
        "--target=es2022",
        "--log-level=warning",
        f"--outfile={target}",
    ]
    done = subprocess.run(
        command, cwd=root, capture_output=True, text=True, timeout=120, check=False
    )
    if done.returncode != 0:
        raise PluginError(f"esbuild failed on {ENTRY_POINT}:\n{done.stderr}")
    return target


def on_post_build(config: MkDocsConfig) -> None:
    bundle_practice(Path(config.config_file_path).resolve().parent, Path(config.site_dir))
