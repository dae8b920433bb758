"""Quiz cards on the site: a page's `<!-- awaited:quiz SLUG -->` line becomes that bank's cards.

`<!-- awaited:quiz all -->` becomes every bank, one section per lesson (the Quiz page). A
flashcard becomes a card whose back (model answer, key points, rule of thumb) is revealed on
demand, followed by the four recall ratings. The
marker must stand alone on its line, unindented, outside code fences.

Everything is rendered at build time: prompts, options, explanations and rules of thumb go from
markdown to HTML with the same extensions (and so the same code highlighting) as the pages. A
card is plain, server-rendered HTML that is useful without JavaScript (a "Show the answer"
disclosure holds every explanation); `docs/assets/awaited/quiz.js` turns it into an interactive
card, reading which options are right from the JSON in each deck's `data-awaited-data`.

The JSON sits in an attribute, not in a `<script type="application/json">`: after an instant
navigation, Material re-creates every `<script>` inside the page content from its text alone,
dropping its attributes, so a JSON script would be run as JavaScript (a syntax error) and lose
its markers. An attribute also keeps the JSON out of the search index.

A bank that fails to load (`QuizError`), a malformed marker and an unknown slug all fail the
build with a message that names the file at fault.
"""

from __future__ import annotations

import html
import json
import posixpath
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import markdown  # type: ignore[import-untyped]  # Python-Markdown ships no type hints
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.structure.files import Files
from mkdocs.structure.pages import Page
from mkdocs.utils import get_relative_url

from awaited.quiz import QuizError, bank_to_json, load_all_banks
from awaited.quiz.models import RATINGS

ALL = "all"
MARKER = re.compile(r"<!--\s*awaited:quiz\s+(?P<slug>[A-Za-z0-9_-]+)\s*-->")
_FENCE = re.compile(r"^[ \t]*(?P<fence>`{3,}|~{3,})")
_ID_UNSAFE = re.compile(r"[^A-Za-z0-9_-]+")
_ONE_PARAGRAPH = re.compile(r"\A<p>(?P<inner>(?:(?!</?p[ >]).)*)</p>\Z", re.DOTALL)
# Folders (from the repo root) whose files end up in pages: `mkdocs serve` rebuilds on change.
_WATCHED = ("quizzes", "lessons", "exercises")

TYPE_LABELS = {
    "single": ("One answer", "Choose one answer."),
    "multiple": ("Several answers", "Choose every answer that is right."),
    "predict": ("Predict the output", "What happens? Choose one."),
    "flashcard": ("Flashcard", "Answer in your head, then show the model answer."),
}


# --------------------------------------------------------------------------------------------
# The data a card needs, read from `bank_to_json`'s documented shape
# --------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Option:
    text: str
    correct: bool
    why: str


@dataclass(frozen=True)
class Question:
    id: str
    type: str
    prompt: str
    code: str | None
    options: tuple[Option, ...]
    rule_of_thumb: str
    difficulty: str
    tags: tuple[str, ...]
    section: str
    answer: str = ""  # flashcards: the model answer
    key_points: tuple[str, ...] = ()  # flashcards: what a good answer says


@dataclass(frozen=True)
class Deck:
    lesson: str
    questions: tuple[Question, ...]


def deck_from_json(data: Mapping[str, Any]) -> Deck:
    """A deck from the dict `awaited.quiz.bank_to_json` returns."""
    questions = tuple(
        Question(
            id=str(q["id"]),
            type=str(q["type"]),
            prompt=str(q["prompt"]),
            code=None if q.get("code") is None else str(q["code"]),
            options=tuple(
                Option(text=str(o["text"]), correct=bool(o["correct"]), why=str(o["why"]))
                for o in q["options"]
            ),
            rule_of_thumb=str(q.get("rule_of_thumb") or ""),
            difficulty=str(q.get("difficulty") or ""),
            tags=tuple(str(tag) for tag in q.get("tags") or ()),
            section=str(q.get("section") or ""),
            answer=str(q.get("answer") or ""),
            key_points=tuple(str(point) for point in q.get("key_points") or ()),
        )
        for q in data["questions"]
    )
    return Deck(lesson=str(data["lesson"]), questions=questions)


# --------------------------------------------------------------------------------------------
# Markdown to HTML, configured like the pages
# --------------------------------------------------------------------------------------------


class Renderer:
    """Renders quiz markdown with the site's own markdown extensions and settings."""

    def __init__(
        self, extensions: Sequence[str | markdown.Extension], configs: Mapping[str, Any]
    ) -> None:
        # `toc` would add permalinks and ids to headings inside a card; cards need neither.
        kept = [ext for ext in extensions if ext != "toc"]
        self._md = markdown.Markdown(extensions=kept, extension_configs=dict(configs))

    @classmethod
    def for_config(cls, config: MkDocsConfig) -> Renderer:
        return cls(config.markdown_extensions, config.mdx_configs)

    def block(self, text: str) -> str:
        """Markdown that may hold several paragraphs, lists or code blocks."""
        rendered: str = self._md.reset().convert(text)
        return rendered.strip()

    def inline(self, text: str) -> str:
        """Short markdown (an option's text): one paragraph comes back without its `<p>`."""
        rendered = self.block(text)
        match = _ONE_PARAGRAPH.match(rendered)
        return match["inner"] if match else rendered

    def code(self, source: str, language: str = "python") -> str:
        """A highlighted code block, exactly as a fenced block on a page renders."""
        longest = max((len(run) for run in re.findall(r"`+", source)), default=0)
        fence = "`" * max(3, longest + 1)
        return self.block(f"{fence}{language}\n{source.rstrip()}\n{fence}")


# --------------------------------------------------------------------------------------------
# HTML
# --------------------------------------------------------------------------------------------


def _attr(value: str) -> str:
    return html.escape(value, quote=True)


def dom_id(*parts: str) -> str:
    return "awaited-" + "-".join(_ID_UNSAFE.sub("-", part).strip("-") for part in parts)


def json_attribute(data: object) -> str:
    """JSON for an HTML attribute value (in double quotes)."""
    return _attr(json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _card_meta(question: Question, lesson_href: str | None) -> str:
    chip = TYPE_LABELS.get(question.type, (question.type, ""))[0]
    meta = [f'<span class="awaited-chip">{html.escape(chip)}</span>']
    if question.difficulty:
        meta.append(
            f'<span class="awaited-chip awaited-chip--{_attr(question.difficulty)}">'
            f"{html.escape(question.difficulty)}</span>"
        )
    if question.section and lesson_href is not None:
        title = question.section.replace("-", " ").capitalize()
        href = f"{lesson_href}#{question.section}"
        meta.append(
            f'<a class="awaited-card__source" href="{_attr(href)}"'
            ' title="The part of the lesson this question draws on">'
            f"Lesson: {html.escape(title)}</a>"
        )
    return "".join(meta)


def _card_open(question: Question, card: str, number: int, total: int, meta: str) -> list[str]:
    return [
        f'<section class="awaited-card awaited-card--{_attr(question.type)}" id="{card}"'
        f' data-awaited-question="{_attr(question.id)}"'
        f' data-awaited-type="{_attr(question.type)}" role="group"'
        f' aria-labelledby="{card}-label" aria-describedby="{card}-prompt" tabindex="0">',
        f'<div class="awaited-card__head"><p class="awaited-card__label" id="{card}-label">'
        f"Question {number} of {total}</p>"
        f'<p class="awaited-card__meta">{meta}</p></div>',
    ]


def _rule(question: Question, r: Renderer) -> str:
    if not question.rule_of_thumb:
        return ""
    return (
        f'<div class="awaited-rule"><p class="awaited-rule__title">Rule of thumb</p>'
        f"{r.block(question.rule_of_thumb)}</div>"
    )


def render_flashcard(
    question: Question, number: int, total: int, deck: str, r: Renderer, lesson_href: str | None
) -> str:
    """A free-recall card: prompt, then the model answer and key points, then a self-rating."""
    card = dom_id(deck, question.id)
    legend = TYPE_LABELS["flashcard"][1]
    points = "".join(f"<li>{r.inline(point)}</li>" for point in question.key_points)
    ratings = "".join(
        f'<button type="button" class="md-button" data-awaited-rate="{n}">'
        f'<span class="awaited-key" aria-hidden="true">{n}</span> {name}</button>'
        for n, name in enumerate(RATINGS, 1)
    )
    return "\n".join(
        [
            *_card_open(question, card, number, total, _card_meta(question, lesson_href)),
            f'<div class="awaited-card__prompt" id="{card}-prompt">',
            r.block(question.prompt),
            r.code(question.code) if question.code else "",
            "</div>",
            f'<p class="awaited-card__legend">{html.escape(legend)}</p>',
            '<div class="awaited-card__actions" hidden>',
            f'<button type="button" class="md-button md-button--primary" data-awaited-flip'
            f' aria-expanded="false" aria-controls="{card}-back">Show the answer</button>',
            '<button type="button" class="md-button" data-awaited-retry hidden>Try again</button>',
            '<span class="awaited-card__keys" aria-hidden="true"><kbd>Space</kbd> shows the'
            " answer · <kbd>1</kbd>&ndash;<kbd>4</kbd> rate</span>",
            "</div>",
            '<details class="awaited-card__answer">',
            "<summary>Show the answer</summary>",
            f'<div class="awaited-flash__back" id="{card}-back">',
            f'<div class="awaited-flash__answer">{r.block(question.answer)}</div>',
            '<p class="awaited-flash__title">Key points</p>',
            f'<ul class="awaited-flash__points">{points}</ul>',
            _rule(question, r),
            "</div>",
            "</details>",
            f'<div class="awaited-flash__rate" role="group" aria-label="How well did you recall'
            f' it?" hidden><p class="awaited-flash__title">How well did you recall it?</p>'
            f"{ratings}</div>",
            f'<p class="awaited-card__result" id="{card}-result" role="status" aria-live="polite">'
            "</p>",
            "</section>",
        ]
    )


def render_card(
    question: Question, number: int, total: int, deck: str, r: Renderer, lesson_href: str | None
) -> str:
    """One card; `lesson_href` is the lesson page's URL relative to this page ("" on itself)."""
    if question.type == "flashcard":
        return render_flashcard(question, number, total, deck, r, lesson_href)
    card = dom_id(deck, question.id)
    legend = TYPE_LABELS.get(question.type, (question.type, "Choose."))[1]
    kind = "checkbox" if question.type == "multiple" else "radio"
    count = len(question.options)
    code = r.code(question.code) if question.code else ""

    options: list[str] = []
    explained: list[str] = []
    for index, option in enumerate(question.options):
        key = str(index + 1)
        option_id = f"{card}-o{key}"
        text = r.inline(option.text)
        verdict = "right" if option.correct else "wrong"
        options.append(
            f'<div class="awaited-option" data-awaited-option="{index}">'
            f'<input type="{kind}" id="{option_id}" name="{card}" value="{index}">'
            f'<label for="{option_id}"><span class="awaited-key" aria-hidden="true">{key}</span>'
            f'<span class="awaited-option__text">{text}</span></label>'
            "</div>"
        )
        explained.append(
            f'<li class="awaited-explain__item" data-awaited-explain="{index}">'
            f'<p class="awaited-explain__option"><span class="awaited-key">{key}</span>'
            f"<span>{text}</span></p>"
            f'<div class="awaited-why awaited-why--{verdict}">'
            f'<p class="awaited-why__verdict">{"Right" if option.correct else "Wrong"}'
            '<span class="awaited-why__mine" hidden> · your choice</span></p>'
            f'<div class="awaited-why__text">{r.block(option.why)}</div>'
            "</div></li>"
        )
    rule = _rule(question, r)
    keys = f"<kbd>1</kbd>&ndash;<kbd>{count}</kbd>" if count > 1 else "<kbd>1</kbd>"
    return "\n".join(
        [
            *_card_open(question, card, number, total, _card_meta(question, lesson_href)),
            f'<div class="awaited-card__prompt" id="{card}-prompt">',
            r.block(question.prompt),
            code,
            "</div>",
            '<fieldset class="awaited-card__options">',
            f'<legend class="awaited-card__legend">{html.escape(legend)}</legend>',
            *options,
            "</fieldset>",
            '<div class="awaited-card__actions" hidden>',
            '<button type="button" class="md-button md-button--primary" data-awaited-check>'
            "Check</button>",
            '<button type="button" class="md-button" data-awaited-retry hidden>Try again</button>',
            f'<span class="awaited-card__keys" aria-hidden="true">{keys} choose'
            " · <kbd>Enter</kbd> checks</span>",
            "</div>",
            f'<p class="awaited-card__result" id="{card}-result" role="status" aria-live="polite">'
            "</p>",
            '<details class="awaited-card__answer">',
            "<summary>Show the answer</summary>",
            f'<ol class="awaited-explain">{"".join(explained)}</ol>',
            rule,
            "</details>",
            "</section>",
        ]
    )


def render_deck(deck: Deck, r: Renderer, lesson_href: str | None = None) -> str:
    total = len(deck.questions)
    data = {
        "lesson": deck.lesson,
        "questions": [
            {
                "id": q.id,
                "type": q.type,
                "correct": [i for i, option in enumerate(q.options) if option.correct],
            }
            for q in deck.questions
        ],
    }
    plural = "question" if total == 1 else "questions"
    return "\n".join(
        [
            f'<div class="awaited-quiz" data-awaited-deck="{_attr(deck.lesson)}"'
            f' data-awaited-data="{json_attribute(data)}">',
            '<div class="awaited-quiz__bar">'
            f'<p class="awaited-quiz__title">Quiz · {total} {plural}</p>'
            f'<p class="awaited-quiz__progress" data-awaited-progress>{total} {plural}</p>'
            "</div>",
            *(
                render_card(q, n, total, deck.lesson, r, lesson_href)
                for n, q in enumerate(deck.questions, 1)
            ),
            "</div>",
        ]
    )


# --------------------------------------------------------------------------------------------
# The MkDocs side: load every bank once per build, replace markers page by page
# --------------------------------------------------------------------------------------------


@dataclass
class QuizSite:
    root: Path
    decks: dict[str, Deck]
    renderer: Renderer
    _html: dict[tuple[str, str | None], str] = field(default_factory=dict)

    def deck_html(self, slug: str, page: Page, files: Files) -> str:
        href = lesson_href(slug, page, files)
        if (slug, href) not in self._html:
            self._html[slug, href] = render_deck(self.decks[slug], self.renderer, href)
        return self._html[slug, href]


_site: QuizSite | None = None


def load_site(config: MkDocsConfig) -> QuizSite:
    root = Path(config.config_file_path).resolve().parent
    try:
        banks = load_all_banks(root)
    except QuizError as error:
        raise PluginError(f"awaited: a quiz bank cannot be used: {error}") from None
    decks = {bank.lesson: deck_from_json(bank_to_json(bank)) for bank in banks}
    return QuizSite(root=root, decks=decks, renderer=Renderer.for_config(config))


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Load (and so validate) every quiz bank before any page is built."""
    global _site
    _site = load_site(config)
    return config


def on_serve(server: LiveReloadServer, config: MkDocsConfig, builder: Any) -> LiveReloadServer:
    """`mkdocs serve`: rebuild when a quiz bank, an example or an exercise changes."""
    root = Path(config.config_file_path).resolve().parent
    for name in _WATCHED:
        if (root / name).is_dir():
            server.watch(str(root / name))
    return server


def lesson_page_uri(slug: str) -> str:
    """`01_first_async_test` -> `lessons/01-first-async-test.md` (CONTRIBUTING.md's layout)."""
    return f"lessons/{slug.replace('_', '-')}.md"


def lesson_href(slug: str, page: Page, files: Files) -> str | None:
    """The URL of the slug's lesson page from `page` ("" on the lesson page), None if absent."""
    lesson = files.get_file_from_path(lesson_page_uri(slug))
    if lesson is None:
        return None
    if lesson.src_uri == page.file.src_uri:
        return ""
    return get_relative_url(lesson.url, page.url)


def current_site(config: MkDocsConfig) -> QuizSite:
    """The banks loaded by `on_config` for this build (loaded now if it did not run)."""
    return _site if _site is not None else load_site(config)


def lesson_title(slug: str, files: Files) -> str:
    file = files.get_file_from_path(lesson_page_uri(slug))
    if file is not None:
        for line in file.content_string.splitlines():
            if line.startswith("# "):
                return line[2:].strip()
    return slug.partition("_")[2].replace("_", " ").capitalize()


def _all_decks(site: QuizSite, page: Page, files: Files) -> str:
    parts: list[str] = []
    for slug in sorted(site.decks):
        number = slug.partition("_")[0]
        parts.append(f"## {number} · {lesson_title(slug, files)}")
        lesson = files.get_file_from_path(lesson_page_uri(slug))
        if lesson is not None:
            here = posixpath.dirname(page.file.src_uri)
            link = posixpath.relpath(lesson.src_uri, here or ".")
            parts.append(f"These cards go with [lesson {number}]({link}).")
        parts.append(site.deck_html(slug, page, files))
    return "\n\n".join(parts)


def replace_markers(markdown_text: str, page: Page, files: Files, site: QuizSite) -> str:
    """The page's markdown with every quiz marker replaced by its cards."""
    where = page.file.src_uri
    lines = markdown_text.split("\n")
    out: list[str] = []
    fence: str | None = None
    placed: set[str] = set()
    for number, line in enumerate(lines, 1):
        opening = _FENCE.match(line)
        if fence is not None:
            closing = opening["fence"] if opening else ""
            if closing[:1] == fence[0] and len(closing) >= len(fence) and line.strip() == closing:
                fence = None
            out.append(line)
            continue
        if opening:
            fence = opening["fence"]
            out.append(line)
            continue
        if not (line.lstrip().startswith("<!--") and "awaited:quiz" in line):
            out.append(line)
            continue
        match = MARKER.fullmatch(line.rstrip())
        if match is None:
            raise PluginError(
                f"awaited: {where}, line {number}: malformed quiz marker {line.strip()!r}. "
                "Write it alone on its line, unindented: <!-- awaited:quiz SLUG --> "
                "or <!-- awaited:quiz all -->"
            )
        slug = match["slug"]
        if slug != ALL and slug not in site.decks:
            known = ", ".join(sorted(site.decks)) or "none: quizzes/ holds no bank"
            raise PluginError(
                f"awaited: {where}, line {number}: no quiz bank {slug!r} "
                f"(expected quizzes/{slug}.yaml). Known banks: {known}"
            )
        slugs = sorted(site.decks) if slug == ALL else [slug]
        if placed.intersection(slugs):
            raise PluginError(f"awaited: {where}, line {number}: a quiz deck appears twice")
        placed.update(slugs)
        if slug == ALL:
            rendered = _all_decks(site, page, files)
        else:
            rendered = site.deck_html(slug, page, files)
        out.extend(["", rendered, ""])
    return "\n".join(out)


def on_page_markdown(markdown: str, page: Page, config: MkDocsConfig, files: Files) -> str:
    if "awaited:quiz" not in markdown:
        return markdown
    return replace_markers(markdown, page, files, current_site(config))
