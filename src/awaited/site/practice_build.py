"""Bundling the Practice page's script (`web/quiz/practice.js` + the pinned npm `ts-fsrs`).

After the build, esbuild writes `assets/awaited/practice.js` into the site: one classic script
(an IIFE, loaded after `quiz.js`, whose card classes it uses), with ts-fsrs inside, so the
page makes no request to another host. esbuild and ts-fsrs come from `node_modules`, which
`make` installs with `npm ci` from the pinned package-lock.json.
"""

from __future__ import annotations

from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig

from awaited.site import esbuild

__all__ = ["ENTRY_POINT", "OUTPUT", "bundle_practice", "on_post_build"]

ENTRY_POINT = Path("web") / "quiz" / "practice.js"
OUTPUT = Path("assets") / "awaited" / "practice.js"


def bundle_practice(root: Path, site_dir: Path) -> Path:
    """Bundle the Practice script into ``site_dir``; PluginError names what is missing."""
    target = site_dir / OUTPUT
    esbuild.bundle(root, [root / ENTRY_POINT], "--format=iife", f"--outfile={target}")
    return target


def on_post_build(config: MkDocsConfig) -> None:
    bundle_practice(Path(config.config_file_path).resolve().parent, Path(config.site_dir))
