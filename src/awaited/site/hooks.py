"""MkDocs hooks for the Awaited site, listed under `hooks:` in mkdocs.yml.

MkDocs loads this file by path, so it stays a thin entry point: the work lives in
`awaited.site.quiz_cards`, which is typed, tested and importable like the rest of the package.
"""

from __future__ import annotations

from awaited.site.quiz_cards import on_config, on_page_markdown, on_serve

__all__ = ["on_config", "on_page_markdown", "on_serve"]
