"""MkDocs hooks for the Awaited site, listed under `hooks:` in mkdocs.yml.

MkDocs loads this file by path, so it stays a thin entry point: the work lives in
`awaited.site.quiz_cards` (quiz cards), `awaited.site.practice` and
`awaited.site.practice_build` (the Practice page and its script) and
`awaited.site.runner_build` (the browser runner), which are typed, tested and importable like
the rest of the package.
"""

from __future__ import annotations

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from awaited.site import practice, practice_build, quiz_cards
from awaited.site.quiz_cards import on_config, on_serve
from awaited.site.runner_build import (
    runner_markdown,
    with_deferred_search,
    with_early_start,
    write_runner_assets,
)

__all__ = ["on_config", "on_page_markdown", "on_post_build", "on_post_page", "on_serve"]


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    markdown = runner_markdown(markdown, page, config)
    markdown = quiz_cards.on_page_markdown(markdown, page, config, files)
    return practice.on_page_markdown(markdown, page, config, files)


def on_post_page(output: str, page: Page, config: MkDocsConfig) -> str:
    return with_deferred_search(with_early_start(output, page, config), page)


def on_post_build(config: MkDocsConfig) -> None:
    practice_build.on_post_build(config)  # the Practice page's script, FSRS included
    write_runner_assets(config)  # last: it also precompresses every file of the site
