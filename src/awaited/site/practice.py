"""The Practice page: every deck in one place, with filters, spaced repetition and mock interviews.

A page's `<!-- awaited:practice -->` line (alone, unindented, outside code fences) becomes:

- the filters (lesson, tag, difficulty), built from the banks at build time;
- the controls that start a review of what is due, or a timed mock interview;
- a table of every deck (questions per lesson, a link to each lesson page);
- every card, rendered exactly as on the lesson pages (`quiz_cards.render_card`) but hidden:
  `web/quiz/practice.js` shows them one at a time and schedules them with FSRS.

The data the script needs sits in `data-awaited-data` (see `quiz_cards` for why an attribute):
``{"questions": [{"id", "lesson", "type", "difficulty", "tags", "correct", "section",
"title"}], "lessons": {slug: {"title", "href"}}}`` where `href` is the lesson page relative to
the Practice page, or null when the lesson has no page yet.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from dataclasses import dataclass

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page

from awaited.site.quiz_cards import (
    Deck,
    Renderer,
    current_site,
    json_attribute,
    lesson_href,
    lesson_title,
    render_card,
)

__all__ = [
    "PRACTICE_MARKER",
    "LessonLink",
    "on_page_markdown",
    "plain_title",
    "render_practice",
]

PRACTICE_MARKER = "<!-- awaited:practice -->"
_MARKUP = re.compile(r"[`*_]+|\[([^\]]*)\]\([^)]*\)")
_DIFFICULTIES = ("easy", "medium", "hard")
#: Choices offered for a mock interview's length and its time per question.
INTERVIEW_SIZES = (5, 10, 15, 20)
INTERVIEW_SECONDS = (60, 90, 120, 180)


@dataclass(frozen=True)
class LessonLink:
    title: str
    href: str | None  # relative to the Practice page; None when the lesson has no page yet


def plain_title(markdown_text: str, limit: int = 110) -> str:
    """The first line of a prompt as plain text, for lists (the review list, the summary)."""
    first = markdown_text.strip().split("\n\n", 1)[0]
    text = " ".join(_MARKUP.sub(lambda m: m.group(1) or "", first).split())
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"


def _select(name: str, label: str, everything: str, values: list[tuple[str, str]]) -> str:
    options = [f'<option value="">{html.escape(everything)}</option>']
    options += [
        f'<option value="{html.escape(value, quote=True)}">{html.escape(text)}</option>'
        for value, text in values
    ]
    return (
        f'<label class="awaited-practice__field"><span>{html.escape(label)}</span>'
        f'<select data-awaited-filter="{name}">{"".join(options)}</select></label>'
    )


def _number_select(name: str, label: str, values: tuple[int, ...], chosen: int) -> str:
    options = "".join(
        f'<option value="{v}"{" selected" if v == chosen else ""}>{v}</option>' for v in values
    )
    return (
        f'<label class="awaited-practice__field"><span>{html.escape(label)}</span>'
        f'<select data-awaited-setting="{name}">{options}</select></label>'
    )


def render_practice(
    decks: Mapping[str, Deck], lessons: Mapping[str, LessonLink], r: Renderer
) -> str:
    slugs = sorted(decks)
    questions = [(slug, q) for slug in slugs for q in decks[slug].questions]
    tags = sorted({tag for _, q in questions for tag in q.tags})
    data = {
        "questions": [
            {
                "id": q.id,
                "lesson": slug,
                "type": q.type,
                "difficulty": q.difficulty,
                "tags": list(q.tags),
                "correct": [i for i, option in enumerate(q.options) if option.correct],
                "section": q.section or None,
                "title": plain_title(q.prompt),
            }
            for slug, q in questions
        ],
        "lessons": {
            slug: {"title": lessons[slug].title, "href": lessons[slug].href} for slug in slugs
        },
    }
    lesson_choices = [(slug, f"{slug[:2]} · {lessons[slug].title}") for slug in slugs]
    filters = "".join(
        [
            _select("lesson", "Lesson", "All lessons", lesson_choices),
            _select("tag", "Tag", "All tags", [(t, t) for t in tags]),
            _select("difficulty", "Difficulty", "Any", [(d, d) for d in _DIFFICULTIES]),
        ]
    )
    rows = []
    for slug in slugs:
        link = lessons[slug]
        title = html.escape(link.title)
        name = f'<a href="{html.escape(link.href, quote=True)}">{title}</a>' if link.href else title
        rows.append(
            f'<tr data-awaited-deck-row="{html.escape(slug, quote=True)}"><td>{slug[:2]}</td>'
            f"<td>{name}</td><td>{len(decks[slug].questions)}</td>"
            "<td data-awaited-deck-due>&ndash;</td></tr>"
        )
    cards = [
        render_card(q, n, len(questions), "practice", r, None)
        for n, (_, q) in enumerate(questions, 1)
    ]
    return "\n".join(
        [
            f'<div class="awaited-practice" data-awaited-practice'
            f' data-awaited-data="{json_attribute(data)}">',
            '<p class="awaited-practice__nojs">Practice needs JavaScript; the Quiz page shows'
            " every card without it.</p>",
            '<div class="awaited-practice__panel" data-awaited-controls hidden>',
            f'<div class="awaited-practice__filters" role="group" aria-label="Filters">{filters}'
            "</div>",
            '<p class="awaited-practice__stats" data-awaited-stats role="status"'
            ' aria-live="polite"></p>',
            '<div class="awaited-practice__modes">',
            '<button type="button" class="md-button md-button--primary"'
            ' data-awaited-start="review">Review what is due</button>',
            '<div class="awaited-practice__interview" role="group" aria-label="Mock interview">',
            _number_select("size", "Questions", INTERVIEW_SIZES, 10),
            _number_select("seconds", "Seconds each", INTERVIEW_SECONDS, 90),
            '<button type="button" class="md-button" data-awaited-start="interview">'
            "Start a mock interview</button>",
            "</div></div></div>",
            '<section class="awaited-practice__stage" data-awaited-stage hidden'
            ' aria-label="Practice session">',
            '<div class="awaited-practice__bar"><p data-awaited-position></p>'
            '<p class="awaited-practice__timer" data-awaited-timer role="timer" hidden></p></div>',
            '<div class="awaited-practice__slot" data-awaited-slot></div>',
            '<div class="awaited-practice__nav">',
            '<button type="button" class="md-button md-button--primary" data-awaited-next'
            " hidden>Next</button>",
            '<button type="button" class="md-button" data-awaited-stop>End the session</button>',
            '<span class="awaited-card__keys" aria-hidden="true"><kbd>&rarr;</kbd> next ·'
            " <kbd>&larr;</kbd> back</span>",
            "</div></section>",
            '<section class="awaited-practice__summary" data-awaited-summary hidden'
            ' tabindex="-1" aria-label="Summary"></section>',
            # No class on the table itself: Material styles `table:not([class])`.
            '<div class="awaited-practice__decks"><table><thead><tr><th>#</th><th>Lesson</th>'
            "<th>Questions</th><th>Today</th></tr></thead><tbody>",
            *rows,
            "</tbody></table></div>",
            '<div class="awaited-practice__pool" data-awaited-pool hidden>',
            *cards,
            "</div>",
            "</div>",
        ]
    )


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    """Replace the page's practice marker (at most one) with the Practice widget."""
    if "awaited:practice" not in markdown:
        return markdown
    lines = markdown.split("\n")
    hits = [n for n, line in enumerate(lines) if "awaited:practice" in line]
    where = page.file.src_uri
    for n in hits:
        if lines[n].rstrip() != PRACTICE_MARKER:
            raise PluginError(
                f"awaited: {where}, line {n + 1}: malformed practice marker "
                f"{lines[n].strip()!r}. Write it alone on its line, unindented: {PRACTICE_MARKER}"
            )
    if len(hits) > 1:
        raise PluginError(f"awaited: {where}, line {hits[1] + 1}: a second practice marker")
    site = current_site(config)
    links = {
        slug: LessonLink(lesson_title(slug, files), lesson_href(slug, page, files))
        for slug in site.decks
    }
    lines[hits[0]] = "\n" + render_practice(site.decks, links, site.renderer) + "\n"
    return "\n".join(lines)
