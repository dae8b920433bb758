/*
 * The Practice page (src/awaited/site/practice.py renders it): every card of the course, one
 * at a time, scheduled with FSRS (ts-fsrs, bundled into the site: no request to another host).
 *
 * - Review: what is due today (oldest first), then new cards, within the filters. A choice
 *   question's answer gives the rating (right: Good, wrong: Again); a flashcard is self-rated.
 * - Mock interview: N questions drawn across lessons, a clock per question, then a summary:
 *   score, time, weakest topics with links to the lessons, the questions to review.
 * - Keyboard: the cards' own keys (numbers, Enter, Space, 1-4), and ArrowRight / ArrowLeft to
 *   move to the next / previous card of the session.
 * - State lives in localStorage under "awaited:quiz:srs:v1": {"version": 1, "cards": {ID:
 *   FSRS card with ISO dates}}. A store that cannot be read is copied aside to
 *   "awaited:quiz:srs:v1:corrupt" and started afresh; one bad card is dropped alone.
 * - Deterministic under a fixed clock: "?now=2026-03-02T09:00:00Z" starts the page's clock
 *   there (it then runs at the normal pace) and "?seed=N" fixes the interview draw. Playwright's
 *   page.clock works too, since every time is read from Date.now().
 * - The cards themselves are quiz.js's (window.awaitedQuiz), which must load first.
 * - Initialised on Material's document$ (instant navigation); a page left behind stops its
 *   timer.
 */
import { createEmptyCard, fsrs, generatorParameters, Rating } from "ts-fsrs";

const SRS_KEY = "awaited:quiz:srs:v1";
const DAY = 24 * 60 * 60 * 1000;
// No fuzz: the same answers on the same day give the same schedule (tests rely on it). No
// short-term steps: a quiz card comes back on a later day, not ten minutes later.
const scheduler = fsrs(generatorParameters({ enable_fuzz: false, enable_short_term: false }));

/* ------------------------------------------------------------------ time and chance */

export function makeClock(search) {
  const wanted = new URLSearchParams(search).get("now");
  const base = wanted ? Date.parse(wanted) : NaN;
  if (Number.isNaN(base)) return () => Date.now();
  const started = Date.now();
  return () => base + (Date.now() - started);
}

export function makeRandom(search) {
  const wanted = Number(new URLSearchParams(search).get("seed"));
  let state = Number.isInteger(wanted) && wanted !== 0 ? wanted : Date.now();
  // mulberry32: small, seedable, good enough to shuffle a deck
  return () => {
    state = (state + 0x6d2b79f5) | 0;
    let t = Math.imul(state ^ (state >>> 15), 1 | state);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function shuffle(items, random) {
  const copy = items.slice();
  for (let i = copy.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [copy[i], copy[j]] = [copy[j], copy[i]];
  }
  return copy;
}

function endOfDay(ms) {
  const day = new Date(ms);
  day.setHours(23, 59, 59, 999);
  return day.getTime();
}

function formatDay(ms) {
  return new Date(ms).toLocaleDateString("en-GB", { day: "numeric", month: "long" });
}

function formatTime(seconds) {
  const whole = Math.max(0, Math.round(seconds));
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, "0")}`;
}

/* ------------------------------------------------------------------ the schedule */

function validCard(card) {
  return (
    card !== null &&
    typeof card === "object" &&
    !Number.isNaN(Date.parse(card.due)) &&
    ["stability", "difficulty", "reps", "lapses", "state", "scheduled_days"].every(
      (key) => typeof card[key] === "number" && Number.isFinite(card[key]),
    )
  );
}

export function readSchedule(storage, keepAside) {
  let raw = null;
  try {
    raw = storage.getItem(SRS_KEY);
  } catch (error) {
    return { version: 1, cards: {} };
  }
  if (raw === null) return { version: 1, cards: {} };
  try {
    const data = JSON.parse(raw);
    if (data && data.version === 1 && data.cards && typeof data.cards === "object") {
      const cards = {};
      for (const [id, card] of Object.entries(data.cards)) {
        if (validCard(card)) cards[id] = card;
      }
      return { version: 1, cards };
    }
  } catch (error) {
    /* not JSON: kept aside below */
  }
  keepAside(SRS_KEY, raw);
  const fresh = { version: 1, cards: {} };
  writeSchedule(storage, fresh);
  return fresh;
}

function writeSchedule(storage, schedule) {
  try {
    storage.setItem(SRS_KEY, JSON.stringify(schedule));
  } catch (error) {
    /* full or unavailable: the schedule lives on for this page only */
  }
}

/* The next state of one card after a review; dates stay ISO strings in the store. */
export function reviewed(previous, rating, nowMs) {
  const now = new Date(nowMs);
  const card = previous ? { ...previous } : createEmptyCard(now);
  return JSON.parse(JSON.stringify(scheduler.next(card, now, rating).card));
}

function statusOf(schedule, id, nowMs) {
  const card = schedule.cards[id];
  if (!card) return "new";
  return Date.parse(card.due) <= endOfDay(nowMs) ? "due" : "later";
}

/* ------------------------------------------------------------------ the page */

class Practice {
  constructor(root) {
    const data = JSON.parse(root.getAttribute("data-awaited-data"));
    this.root = root;
    this.questions = data.questions;
    this.lessons = data.lessons;
    this.byId = Object.fromEntries(this.questions.map((q) => [q.id, q]));
    this.clock = makeClock(window.location.search);
    this.random = makeRandom(window.location.search);
    this.storage = window.localStorage;
    this.quiz = window.awaitedQuiz;
    this.schedule = readSchedule(this.storage, this.quiz.keepAside);
    this.cards = {};
    this.find = (selector) => root.querySelector(selector);
    this.pool = this.find("[data-awaited-pool]");
    this.elements = {};
    for (const element of this.pool.querySelectorAll(".awaited-card")) {
      this.elements[element.getAttribute("data-awaited-question")] = element;
    }
    this.controls = this.find("[data-awaited-controls]");
    this.stats = this.find("[data-awaited-stats]");
    this.stage = this.find("[data-awaited-stage]");
    this.slot = this.find("[data-awaited-slot]");
    this.position = this.find("[data-awaited-position]");
    this.timer = this.find("[data-awaited-timer]");
    this.nextButton = this.find("[data-awaited-next]");
    this.summary = this.find("[data-awaited-summary]");
    this.filters = Array.from(root.querySelectorAll("[data-awaited-filter]"));
    this.session = null;
    this.ticker = null;
    this.find(".awaited-practice__nojs").hidden = true;
    this.controls.hidden = false;
    this.bind();
    this.updateStats();
  }

  bind() {
    for (const select of this.filters) select.addEventListener("change", () => this.updateStats());
    for (const button of this.root.querySelectorAll("[data-awaited-start]")) {
      button.addEventListener("click", () => this.start(button.getAttribute("data-awaited-start")));
    }
    this.nextButton.addEventListener("click", () => this.next());
    this.find("[data-awaited-stop]").addEventListener("click", () => this.finish());
    this.stage.addEventListener("keydown", (event) => this.onKey(event));
  }

  onKey(event) {
    if (event.altKey || event.ctrlKey || event.metaKey || event.defaultPrevented) return;
    const target = event.target;
    if (target && /^(INPUT|SELECT|TEXTAREA)$/.test(target.tagName)) return; // radios move
    if (event.key === "ArrowRight" && this.session && this.current().done) {
      event.preventDefault();
      this.next();
    } else if (event.key === "ArrowLeft" && this.session && this.session.index > 0) {
      event.preventDefault();
      this.show(this.session.index - 1);
    }
  }

  /* ---------------------------------------------------------------- filters and counts */

  filtered() {
    const wanted = Object.fromEntries(
      this.filters.map((s) => [s.getAttribute("data-awaited-filter"), s.value]),
    );
    return this.questions.filter(
      (q) =>
        (!wanted.lesson || q.lesson === wanted.lesson) &&
        (!wanted.tag || q.tags.includes(wanted.tag)) &&
        (!wanted.difficulty || q.difficulty === wanted.difficulty),
    );
  }

  counts(questions) {
    const now = this.clock();
    const counts = { due: 0, new: 0, later: 0, next: null };
    for (const q of questions) {
      const status = statusOf(this.schedule, q.id, now);
      counts[status] += 1;
      if (status === "later") {
        const due = Date.parse(this.schedule.cards[q.id].due);
        counts.next = counts.next === null ? due : Math.min(counts.next, due);
      }
    }
    return counts;
  }

  updateStats() {
    const chosen = this.filtered();
    const c = this.counts(chosen);
    const later = c.later ? ` · ${c.later} later (next on ${formatDay(c.next)})` : "";
    this.stats.textContent =
      `${chosen.length} questions · ${c.due} due today · ${c.new} new` + later;
    this.stats.setAttribute("data-due", String(c.due));
    this.stats.setAttribute("data-new", String(c.new));
    this.stats.setAttribute("data-later", String(c.later));
    for (const row of this.root.querySelectorAll("[data-awaited-deck-row]")) {
      const lesson = row.getAttribute("data-awaited-deck-row");
      const deck = this.counts(this.questions.filter((q) => q.lesson === lesson));
      row.querySelector("[data-awaited-deck-due]").textContent = `${deck.due} due · ${deck.new} new`;
    }
  }

  /* ---------------------------------------------------------------- sessions */

  reviewQueue() {
    const now = this.clock();
    const chosen = this.filtered();
    const due = chosen
      .filter((q) => statusOf(this.schedule, q.id, now) === "due")
      .sort((a, b) => Date.parse(this.schedule.cards[a.id].due) - Date.parse(this.schedule.cards[b.id].due));
    const fresh = chosen.filter((q) => statusOf(this.schedule, q.id, now) === "new");
    return due.concat(fresh);
  }

  interviewQueue(size) {
    const byLesson = {};
    for (const q of shuffle(this.filtered(), this.random)) (byLesson[q.lesson] ||= []).push(q);
    const order = shuffle(Object.keys(byLesson).sort(), this.random);
    const drawn = [];
    while (drawn.length < size && order.some((lesson) => byLesson[lesson].length)) {
      for (const lesson of order) {
        if (byLesson[lesson].length && drawn.length < size) drawn.push(byLesson[lesson].pop());
      }
    }
    return drawn;
  }

  setting(name) {
    return Number(this.find(`[data-awaited-setting="${name}"]`).value);
  }

  start(mode) {
    const queue = mode === "interview" ? this.interviewQueue(this.setting("size")) : this.reviewQueue();
    if (!queue.length) {
      const c = this.counts(this.filtered());
      this.stats.textContent =
        "Nothing to review with these filters today." +
        (c.next !== null ? ` The next card is due on ${formatDay(c.next)}.` : "");
      return;
    }
    this.session = {
      mode,
      seconds: mode === "interview" ? this.setting("seconds") : null,
      entries: queue.map((question) => ({ question, done: false, correct: null, seconds: 0 })),
      index: 0,
      started: this.clock(),
    };
    this.controls.hidden = true;
    this.summary.hidden = true;
    this.stage.hidden = false;
    this.stage.setAttribute("data-mode", mode);
    this.show(0);
  }

  current() {
    return this.session.entries[this.session.index];
  }

  card(question) {
    if (!this.cards[question.id]) {
      this.cards[question.id] = this.quiz.makeCard(this, this.elements[question.id], question);
    }
    return this.cards[question.id];
  }

  show(index) {
    const session = this.session;
    session.index = index;
    const entry = this.current();
    const card = this.card(entry.question);
    for (const element of Array.from(this.slot.children)) this.pool.appendChild(element);
    if (!entry.done) {
      card.reset();
      entry.shownAt = this.clock();
    }
    this.slot.appendChild(card.el);
    card.retryButton.hidden = true; // an answer in a session is final
    const label = card.el.querySelector(".awaited-card__label");
    const total = session.entries.length;
    const lesson = this.lessons[entry.question.lesson];
    label.textContent = `Question ${index + 1} of ${total} · ${lesson.title}`;
    this.position.textContent =
      (session.mode === "interview" ? "Mock interview" : "Review") + ` · ${index + 1} of ${total}`;
    this.nextButton.hidden = !entry.done;
    this.nextButton.textContent = index + 1 < total ? "Next" : "See the summary";
    this.startTimer(entry);
    card.el.focus();
  }

  startTimer(entry) {
    this.stopTimer();
    if (!this.session.seconds || entry.done) {
      this.timer.hidden = true;
      return;
    }
    this.timer.hidden = false;
    const tick = () => {
      const left = this.session.seconds - (this.clock() - entry.shownAt) / 1000;
      this.timer.textContent = `${formatTime(left)} left`;
      this.timer.classList.toggle("is-urgent", left <= 10);
      if (left <= 0) this.timeUp(entry);
    };
    tick();
    this.ticker = window.setInterval(tick, 250);
  }

  stopTimer() {
    if (this.ticker !== null) window.clearInterval(this.ticker);
    this.ticker = null;
  }

  timeUp(entry) {
    const card = this.card(entry.question);
    if (entry.question.type === "flashcard") card.show(1, false);
    else card.show([], false);
    this.record(entry, false, Rating.Again, true);
    card.retryButton.hidden = true;
    card.result.textContent = "Time is up. Every option is explained above.";
    this.nextButton.focus();
  }

  /* quiz.js calls these two on its deck: the Practice page is the deck here. */
  updateProgress() {}

  answered(card, correct, rating) {
    if (!this.session) return;
    const entry = this.current();
    if (entry.question.id !== card.key || entry.done) return;
    card.retryButton.hidden = true;
    this.record(entry, correct, rating || (correct ? Rating.Good : Rating.Again), false);
    this.nextButton.focus();
  }

  record(entry, correct, rating, timedOut) {
    this.stopTimer();
    entry.done = true;
    entry.correct = correct;
    entry.timedOut = timedOut;
    entry.seconds = (this.clock() - entry.shownAt) / 1000;
    const id = entry.question.id;
    this.schedule = readSchedule(this.storage, this.quiz.keepAside); // another tab may have written
    this.schedule.cards[id] = reviewed(this.schedule.cards[id], rating, this.clock());
    writeSchedule(this.storage, this.schedule);
    this.nextButton.hidden = false;
    this.timer.hidden = true;
  }

  next() {
    if (!this.session) return;
    if (this.session.index + 1 < this.session.entries.length) this.show(this.session.index + 1);
    else this.finish();
  }

  finish() {
    if (!this.session) return;
    this.stopTimer();
    const session = this.session;
    this.session = null;
    for (const element of Array.from(this.slot.children)) this.pool.appendChild(element);
    this.stage.hidden = true;
    this.controls.hidden = false;
    this.updateStats();
    this.renderSummary(session);
  }

  /* ---------------------------------------------------------------- the summary */

  lessonLink(slug, section, text) {
    const lesson = this.lessons[slug];
    const link = document.createElement(lesson.href !== null ? "a" : "span");
    if (lesson.href !== null) link.href = lesson.href + (section ? `#${section}` : "");
    link.textContent = text;
    return link;
  }

  renderSummary(session) {
    const done = session.entries.filter((e) => e.done);
    const right = done.filter((e) => e.correct).length;
    const seconds = done.reduce((sum, e) => sum + e.seconds, 0);
    const title = session.mode === "interview" ? "Mock interview: summary" : "Review: summary";
    const el = (tag, text, className) => {
      const node = document.createElement(tag);
      if (text !== undefined) node.textContent = text;
      if (className) node.className = className;
      return node;
    };
    const box = this.summary;
    box.replaceChildren(el("h2", title));
    const percent = done.length ? Math.round((100 * right) / done.length) : 0;
    const score = el(
      "p",
      `Score: ${right}/${done.length} (${percent}%) · time ${formatTime(seconds)}` +
        (done.length ? `, ${Math.round(seconds / done.length)} s a question` : ""),
      "awaited-practice__score",
    );
    score.setAttribute("data-awaited-score", `${right}/${done.length}`);
    box.append(score);
    if (done.length < session.entries.length) {
      box.append(el("p", `Stopped after ${done.length} of ${session.entries.length} questions.`));
    }

    // By lesson, weakest first; then the weakest topics (tags), each with where to read.
    const tally = (key, lesson, section, entry, into) => {
      const topic = into.get(key) || { key, lesson, section, right: 0, total: 0 };
      topic.total += 1;
      topic.right += entry.correct ? 1 : 0;
      if (!entry.correct && !topic.missedSection) topic.missedSection = section;
      into.set(key, topic);
    };
    const byLesson = new Map();
    const byTag = new Map();
    for (const entry of done) {
      const q = entry.question;
      tally(q.lesson, q.lesson, null, entry, byLesson);
      for (const tag of q.tags) {
        if (tag !== "myth" && tag !== "interview") tally(tag, q.lesson, q.section, entry, byTag);
      }
    }
    const weakestFirst = (a, b) => a.right / a.total - b.right / b.total || b.total - a.total;
    if (byLesson.size) {
      box.append(el("h3", "By lesson"));
      const list = el("ul", undefined, "awaited-practice__lessons");
      for (const topic of Array.from(byLesson.values()).sort(weakestFirst)) {
        const item = el("li");
        const title = `${topic.lesson.slice(0, 2)} · ${this.lessons[topic.lesson].title}`;
        item.append(this.lessonLink(topic.lesson, null, title));
        item.append(`: ${topic.right}/${topic.total} right`);
        list.append(item);
      }
      box.append(list);
    }
    const weak = Array.from(byTag.values())
      .filter((t) => t.right < t.total)
      .sort(weakestFirst)
      .slice(0, 5);
    if (weak.length) {
      box.append(el("h3", "Weakest topics"));
      const list = el("ul", undefined, "awaited-practice__weak");
      for (const topic of weak) {
        const item = el("li", `${topic.key}: ${topic.right}/${topic.total} right · read `);
        const where = `lesson ${topic.lesson.slice(0, 2)}, ${this.lessons[topic.lesson].title}`;
        item.append(this.lessonLink(topic.lesson, topic.missedSection, where));
        list.append(item);
      }
      box.append(list);
    }

    const review = done.filter((e) => !e.correct);
    box.append(el("h3", review.length ? "Questions to review" : "Nothing to review"));
    if (review.length) {
      const list = el("ol", undefined, "awaited-practice__review");
      for (const entry of review) {
        const q = entry.question;
        const item = el("li");
        item.setAttribute("data-awaited-review", q.id);
        item.append(this.lessonLink(q.lesson, q.section, q.title));
        item.append(` · ${entry.timedOut ? "time ran out" : "missed"} · ${formatTime(entry.seconds)}`);
        list.append(item);
      }
      box.append(list);
    } else {
      box.append(el("p", "Every answer was right."));
    }
    const c = this.counts(this.questions);
    box.append(
      el(
        "p",
        `${c.due} cards due today in the whole course` +
          (c.next !== null ? `; the next scheduled one is due on ${formatDay(c.next)}.` : "."),
      ),
    );
    box.hidden = false;
    box.focus();
  }

  destroy() {
    this.stopTimer();
  }
}

/* ------------------------------------------------------------------ start */

let active = null;

function init() {
  if (active) active.destroy(); // the previous page's timer must not tick on
  active = null;
  const root = document.querySelector("[data-awaited-practice]:not([data-awaited-ready])");
  if (!root || !window.awaitedQuiz) return;
  root.setAttribute("data-awaited-ready", "");
  try {
    active = new Practice(root);
  } catch (error) {
    root.removeAttribute("data-awaited-ready");
    window.console.error("awaited practice:", error);
  }
}

if (window.document$ && window.document$.subscribe) window.document$.subscribe(init);
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", init);
else init();
