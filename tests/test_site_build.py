"""The site builds with `mkdocs build --strict`, stays on its own host, and shows every quiz."""

from __future__ import annotations

import json
import re
import shutil
from html import unescape
from html.parser import HTMLParser
from pathlib import Path

import pytest
import yaml
from site_support import (
    DEFAULT_SITE_URL,
    ROOT,
    ForeignReference,
    build_site,
    foreign_references,
)

from awaited.quiz import load_all_banks
from awaited.site.quiz_cards import Deck, Option, Question, Renderer, render_deck

LESSON_PAGES = sorted((ROOT / "docs" / "lessons").glob("*.md"))


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    site_dir = tmp_path_factory.mktemp("site")
    run = build_site(site_dir)
    assert run.returncode == 0, f"mkdocs build --strict failed:\n{run.stdout}\n{run.stderr}"
    return site_dir


def test_strict_build_passes(site: Path) -> None:
    for page in ("index.html", "start/index.html", "quiz/index.html", "404.html"):
        assert (site / page).is_file(), page
    assert (site / "assets" / "awaited" / "quiz.js").is_file()
    assert (site / "assets" / "awaited" / "quiz.css").is_file()


def test_no_page_references_another_host(site: Path) -> None:
    config = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    # Material fetches repository facts from GitHub/GitLab when repo_url is set.
    assert not re.search(r"^repo_url\s*:", config, re.MULTILINE), "repo_url makes requests"
    assert re.search(r"^\s+font:\s*false\b", config, re.MULTILINE), "theme.font must be false"
    # lunr's language packs are shipped but loaded only for non-English search languages.
    search = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert search["config"]["lang"] == ["en"]
    found = foreign_references(site, DEFAULT_SITE_URL)
    assert found == [], "references to other hosts:\n" + "\n".join(map(str, found))


def test_the_scanner_finds_what_it_must(tmp_path: Path) -> None:
    """No false pass: each kind of foreign reference is caught, harmless text is not."""
    (tmp_path / "index.html").write_text(
        """<!doctype html><html><head>
        <link rel="preconnect" href="https://fonts.gstatic.com">
        <link rel="stylesheet" href="//fonts.googleapis.com/css?family=Roboto">
        <link rel="canonical" href="http://127.0.0.1:8000/">
        <style>body { background: url('https://cdn.example/bg.png') }</style>
        <script>fetch("https://api.example/track")</script>
        <script type="application/json">{"base_url": "http://test"}</script>
        </head><body>
        <img srcset="a.png 1x, https://img.example/b.png 2x">
        <div style="background-image:url(https://style.example/x.png)"></div>
        <svg xmlns="http://www.w3.org/2000/svg"><use href="#icon"/></svg>
        <a href="https://fastapi.tiangolo.com/">FastAPI</a>
        <a href="https://docs.example/" ping="https://ping.example/">docs</a>
        <pre><code>AsyncClient(base_url="http://test")</code></pre>
        <script src="assets/app.js"></script>
        </body></html>""",
        encoding="utf-8",
    )
    (tmp_path / "style.css").write_text(
        '@import "https://fonts.example/a.css";\n'
        '.icon { mask-image: url("data:image/svg+xml;utf8,'
        "<svg xmlns='http://www.w3.org/2000/svg'/>\") }\n"
        "/* see https://example.org/licence */\n",
        encoding="utf-8",
    )
    (tmp_path / "assets").mkdir()
    (tmp_path / "assets" / "app.js").write_text(
        'import("https://cdn.example/lib.js")', encoding="utf-8"
    )
    found = {(ref.file, ref.url) for ref in foreign_references(tmp_path, DEFAULT_SITE_URL)}
    assert found == {
        ("index.html", "https://fonts.gstatic.com"),
        ("index.html", "//fonts.googleapis.com/css?family=Roboto"),
        ("index.html", "https://cdn.example/bg.png"),
        ("index.html", "https://api.example"),
        ("index.html", "https://img.example/b.png"),
        ("index.html", "https://style.example/x.png"),
        ("index.html", "https://ping.example/"),
        ("style.css", "https://fonts.example/a.css"),
        ("assets/app.js", "https://cdn.example"),
    }
    (tmp_path / "diagram.html").write_text('<pre class="mermaid">graph LR</pre>', encoding="utf-8")
    assert ForeignReference(
        "diagram.html", "mermaid diagram", "https://unpkg.com/mermaid (loaded by Material)"
    ) in foreign_references(tmp_path, DEFAULT_SITE_URL)


class _Cards(HTMLParser):
    """The decks, cards and lesson-section links of one built page."""

    def __init__(self) -> None:
        super().__init__()
        self.decks: list[str] = []
        self.cards: list[str] = []
        self.ids: set[str] = set()
        self.section_links: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.add(values["id"] or "")
        if "data-awaited-deck" in values:
            self.decks.append(values["data-awaited-deck"] or "")
        if "data-awaited-question" in values:
            self.cards.append(values["data-awaited-question"] or "")
        if "awaited-card__source" in (values.get("class") or "").split():
            self.section_links.append(values.get("href") or "")


def parse(path: Path) -> _Cards:
    cards = _Cards()
    cards.feed(path.read_text(encoding="utf-8"))
    return cards


def test_there_are_lesson_pages() -> None:
    assert LESSON_PAGES, "docs/lessons/ holds no lesson page"


@pytest.mark.parametrize("page", LESSON_PAGES, ids=lambda path: path.stem)
def test_lesson_quiz_marker_becomes_cards(site: Path, page: Path) -> None:
    slug = page.stem.replace("-", "_")
    marker = f"<!-- awaited:quiz {slug} -->"
    assert marker in page.read_text(encoding="utf-8").splitlines(), f"{page.name}: no {marker}"
    banks = {bank.lesson: bank for bank in load_all_banks(ROOT)}
    assert slug in banks, f"quizzes/{slug}.yaml is missing"
    built = site / "lessons" / page.stem / "index.html"
    html = built.read_text(encoding="utf-8")
    assert "awaited:quiz" not in html, "a quiz marker was left in the page"
    cards = parse(built)
    assert cards.decks == [slug]
    assert cards.cards == [question.id for question in banks[slug].questions]


def test_quiz_page_shows_every_bank(site: Path) -> None:
    banks = load_all_banks(ROOT)
    cards = parse(site / "quiz" / "index.html")
    assert cards.decks == sorted(bank.lesson for bank in banks)
    assert cards.cards == [
        q.id for bank in sorted(banks, key=lambda b: b.lesson) for q in bank.questions
    ]
    for html_file in site.rglob("*.html"):
        assert "<!-- awaited:quiz" not in html_file.read_text(encoding="utf-8"), html_file


def test_card_links_to_lesson_sections_resolve(site: Path) -> None:
    """A card whose question names a lesson `section` links to it; every anchor must exist."""
    checked = 0
    for html_file in [site / "quiz" / "index.html", *site.glob("lessons/*/index.html")]:
        for href in parse(html_file).section_links:
            checked += 1
            target, _, anchor = href.partition("#")
            page = (html_file.parent / target).resolve() if target else html_file
            if page.is_dir():
                page = page / "index.html"
            assert anchor in parse(page).ids, f"{html_file.relative_to(site)}: {href} is broken"
    assert checked, "no card links to a lesson section, so nothing was checked"


# --------------------------------------------------------------------------------------------
# Broken content fails the build, with a message that says where
# --------------------------------------------------------------------------------------------


def course_copy(destination: Path) -> Path:
    """The files the site build reads, copied so that a test can break them."""
    # src/: the site hooks, the package the runner ships, and files that pages include (the
    # instructors' workflow template).
    for name in ("docs", "quizzes", "lessons", "exercises", "web", "src"):
        shutil.copytree(
            ROOT / name, destination / name, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("mkdocs.yml", "pyproject.toml"):
        shutil.copyfile(ROOT / name, destination / name)
    # Installed and downloaded things are only read: share them rather than copy 30 MB.
    for name in ("node_modules", ".cache"):
        (ROOT / name).mkdir(exist_ok=True)
        (destination / name).symlink_to(ROOT / name, target_is_directory=True)
    return destination


def test_bad_quiz_file_fails_the_build(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    bank_file = root / "quizzes" / "01_first_async_test.yaml"
    data = yaml.safe_load(bank_file.read_text(encoding="utf-8"))
    question = data["questions"][0]
    del question["options"][1]["why"]
    bank_file.write_text(yaml.safe_dump(data, sort_keys=False), encoding="utf-8")

    run = build_site(tmp_path / "site", root=root)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert "quizzes/01_first_async_test.yaml" in output, output
    assert f"question '{question['id']}'" in output, output
    assert "options.1.why" in output, output


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("<!-- awaited:quiz 99_no_such_lesson -->", "no quiz bank '99_no_such_lesson'"),
        ("<!-- awaited:quiz -->", "malformed quiz marker"),
        ("   <!-- awaited:quiz 01_first_async_test -->", "malformed quiz marker"),
    ],
    ids=["unknown-slug", "missing-slug", "indented"],
)
def test_bad_marker_fails_the_build(tmp_path: Path, line: str, expected: str) -> None:
    root = course_copy(tmp_path)
    page = root / "docs" / "start.md"
    page.write_text(page.read_text(encoding="utf-8") + f"\n{line}\n", encoding="utf-8")

    run = build_site(tmp_path / "site", root=root)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert "start.md" in output, output
    assert expected in output, output


def test_marker_inside_a_code_fence_is_left_alone(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    page = root / "docs" / "start.md"
    example = "```markdown\n<!-- awaited:quiz 99_only_an_example -->\n```\n"
    page.write_text(page.read_text(encoding="utf-8") + "\n" + example, encoding="utf-8")

    run = build_site(tmp_path / "site", root=root)
    assert run.returncode == 0, run.stdout + run.stderr
    assert "99_only_an_example" in (tmp_path / "site" / "start" / "index.html").read_text(
        encoding="utf-8"
    )


# --------------------------------------------------------------------------------------------
# The renderer on its own
# --------------------------------------------------------------------------------------------


def _renderer() -> Renderer:
    return Renderer(
        ["admonition", "pymdownx.superfences", "pymdownx.highlight", "pymdownx.inlinehilite"],
        {},
    )


def test_card_html_carries_every_explanation_and_the_answer() -> None:
    question = Question(
        id="demo/first",
        type="multiple",
        prompt="Which are **right**?",
        code="print('```')\n",
        options=(
            Option(text="`a`", correct=True, why="Because *a*."),
            Option(text="b", correct=False, why="Not b."),
            Option(text="c", correct=True, why="Also c."),
        ),
        rule_of_thumb="Remember `a`.",
        difficulty="easy",
        tags=(),
        section="pitfalls",
    )
    html = render_deck(Deck(lesson="99_demo", questions=(question,)), _renderer(), "../l/")
    assert 'data-awaited-deck="99_demo"' in html
    match = re.search(r'data-awaited-data="([^"]*)"', html)
    assert match is not None
    assert json.loads(unescape(match[1])) == {
        "lesson": "99_demo",
        "questions": [{"id": "demo/first", "type": "multiple", "correct": [0, 2]}],
    }
    assert html.count('type="checkbox"') == 3
    assert "<strong>right</strong>" in html
    assert "Because <em>a</em>." in html and "Not b." in html and "Also c." in html
    assert 'href="../l/#pitfalls"' in html
    assert '<span class="awaited-option__text"><code>a</code></span>' in html  # no <p> wrapper
    # The code block is highlighted, and the backticks inside it did not end its fence.
    assert '<div class="highlight"><pre>' in html
    assert """<span class="s1">'```'</span>""" in html
    assert 'id="awaited-99_demo-demo-first"' in html


def test_no_section_link_without_a_lesson_page() -> None:
    options = (Option("x", True, "y"), Option("z", False, "w"))
    question = Question("q", "single", "P", None, options, "r", "", (), "pitfalls")
    html = render_deck(Deck("99_demo", (question,)), _renderer(), None)
    assert "awaited-card__source" not in html
    assert html.count('type="radio"') == 2


def test_flashcard_html_has_answer_key_points_and_ratings() -> None:
    question = Question(
        id="demo/card",
        type="flashcard",
        prompt="Why use **ASGITransport**?",
        code=None,
        options=(),
        rule_of_thumb="In memory beats a socket.",
        difficulty="medium",
        tags=("httpx",),
        section="",
        answer="It calls the app *in memory*.",
        key_points=("no socket", "`base_url` still needed"),
    )
    html = render_deck(Deck(lesson="99_demo", questions=(question,)), _renderer(), None)
    match = re.search(r'data-awaited-data="([^"]*)"', html)
    assert match is not None
    data = json.loads(unescape(match[1]))
    assert data["questions"] == [{"id": "demo/card", "type": "flashcard", "correct": []}]
    assert 'data-awaited-type="flashcard"' in html
    assert "It calls the app <em>in memory</em>." in html
    assert "<li>no socket</li>" in html and "<li><code>base_url</code> still needed</li>" in html
    assert [int(n) for n in re.findall(r'data-awaited-rate="(\d)"', html)] == [1, 2, 3, 4]
    assert "Again" in html and "Easy" in html
    assert 'aria-controls="awaited-99_demo-demo-card-back"' in html
    assert 'id="awaited-99_demo-demo-card-back"' in html
    assert "<fieldset" not in html and 'type="radio"' not in html
    assert "In memory beats a socket." in html


# --------------------------------------------------------------------------------------------
# The Practice page
# --------------------------------------------------------------------------------------------


def _practice_data(site: Path) -> tuple[str, dict[str, object]]:
    html = (site / "practice" / "index.html").read_text(encoding="utf-8")
    match = re.search(r'data-awaited-practice data-awaited-data="([^"]*)"', html)
    assert match is not None, "the practice marker did not become the Practice widget"
    data: dict[str, object] = json.loads(unescape(match[1]))
    return html, data


def test_practice_page_holds_every_card_filter_and_lesson_link(site: Path) -> None:
    html, data = _practice_data(site)
    banks = load_all_banks(ROOT)
    every = [q for bank in banks for q in bank.questions]
    questions = data["questions"]
    assert isinstance(questions, list)
    assert [q["id"] for q in questions] == [q.id for q in every]
    assert parse(site / "practice" / "index.html").cards == [q.id for q in every]
    for question, entry in zip(every, questions, strict=True):
        assert entry["type"] == question.type
        assert entry["tags"] == question.tags
        assert entry["correct"] == [i for i, o in enumerate(question.options) if o.correct]
    for bank in banks:
        assert f'<option value="{bank.lesson}">' in html
    for tag in {t for q in every for t in q.tags}:
        assert f'<option value="{tag}">{tag}</option>' in html
    lessons = data["lessons"]
    assert isinstance(lessons, dict)
    assert sorted(lessons) == [bank.lesson for bank in banks]
    linked = 0
    for slug, lesson in lessons.items():
        page = ROOT / "docs" / "lessons" / f"{slug.replace('_', '-')}.md"
        assert (lesson["href"] is not None) == page.is_file(), slug
        if lesson["href"] is not None:
            linked += 1
            target = (site / "practice" / lesson["href"]).resolve() / "index.html"
            assert target.is_file(), lesson["href"]
    assert linked, "no lesson link was checked"
    # Every question's section anchor resolves on its lesson page (the review list links there).
    for bank in banks:
        page = site / "lessons" / bank.lesson.replace("_", "-") / "index.html"
        if page.is_file():
            ids = parse(page).ids
            missing = [q.section for q in bank.questions if q.section and q.section not in ids]
            assert missing == [], f"{bank.lesson}: anchors missing on its page: {missing}"


def test_practice_script_is_bundled_with_fsrs_and_needs_no_other_host(site: Path) -> None:
    script = site / "assets" / "awaited" / "practice.js"
    text = script.read_text(encoding="utf-8")
    assert "awaited:quiz:srs:v1" in text
    assert "request_retention" in text  # ts-fsrs's parameters travel inside the bundle
    assert not re.search(r"\bimport\s*\(|\bimport\s+[\w{*]", text), "the bundle imports at runtime"
    config = yaml.safe_load((ROOT / "mkdocs.yml").read_text(encoding="utf-8").replace("!ENV", ""))
    scripts = [s if isinstance(s, str) else s["path"] for s in config["extra_javascript"]]
    assert scripts.index("assets/awaited/quiz.js") < scripts.index("assets/awaited/practice.js")


def test_malformed_practice_marker_fails_the_build(tmp_path: Path) -> None:
    root = course_copy(tmp_path)
    page = root / "docs" / "start.md"
    page.write_text(page.read_text(encoding="utf-8") + "\n  <!-- awaited:practice -->\n", "utf-8")
    run = build_site(tmp_path / "site", root=root)
    output = run.stdout + run.stderr
    assert run.returncode != 0, output
    assert "start.md, line" in output and "malformed practice marker" in output, output
