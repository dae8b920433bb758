// The browser runner's page script (bundled by esbuild into assets/awaited/runner/js/).
// On every page (and after every instant navigation, through Material's `document$`) it fills
// the Run widgets and exercise workspaces that the build put on the page, marks exercise
// progress in the navigation, and starts Python in a worker as soon as the page has something to run.

import { ExampleWidget } from "./example.js";
import { Runtime } from "./runtime.js";
import { Store } from "./store.js";
import { h } from "./ui.js";
import { Workspace } from "./workspace.js";

const base = new URL("../", import.meta.url);
const store = new Store();
let runtime = null;
let manifest = null;
const lessonParts = new Map(); // lesson slug -> its examples and exercises (course/<slug>.json)
const loadEditor = () => import("./editor.js");

async function getManifest() {
  if (!manifest) {
    const response = await fetch(new URL("manifest.json", base));
    if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
    manifest = await response.json();
  }
  return manifest;
}

// A page's examples and exercises come from its lessons' own files, not one for the course.
async function entriesOf(lessons, version) {
  const parts = await Promise.all(
    lessons.map((lesson) => {
      if (!lessonParts.has(lesson)) {
        const url = new URL(`course/${lesson}.json?v=${version}`, base);
        const part = fetch(url).then((response) => {
          if (!response.ok) throw new Error(`course/${lesson}.json: HTTP ${response.status}`);
          return response.json();
        });
        part.catch(() => lessonParts.delete(lesson)); // a later page may try again
        lessonParts.set(lesson, part);
      }
      return lessonParts.get(lesson);
    }),
  );
  return {
    examples: Object.assign({}, ...parts.map((part) => part.examples)),
    exercises: Object.assign({}, ...parts.map((part) => part.exercises)),
  };
}

function markNavigation(data) {
  for (const slug of data.exercises) {
    const path = `exercises/${slug.replaceAll("_", "-")}/`;
    const status = store.exercise(slug).status;
    for (const link of document.querySelectorAll(`.md-nav__link[href$="${path}"]`)) {
      link.querySelector(".awaited-nav-mark")?.remove();
      if (status === "not started") continue;
      const passed = status === "passed";
      link.append(h("span", { className: `awaited-nav-mark awaited-nav-mark--${passed ? "passed" : "failing"}`, title: passed ? "passed" : "not passed yet" }, passed ? " ✓" : " •"));
    }
  }
}

function showNotice() {
  if (!store.notice || document.querySelector(".awaited-store-notice")) return;
  const target = document.querySelector("article");
  target?.prepend(h("div", { className: "admonition warning awaited-store-notice", role: "alert" }, h("p", {}, store.notice)));
}

async function mount() {
  const examples = [...document.querySelectorAll(".awaited-run[data-awaited-example]:not(.awaited-run--terminal)")];
  const workspaces = [...document.querySelectorAll(".awaited-workspace[data-awaited-exercise]:not(.awaited-workspace--terminal)")];
  // An example's id and an exercise's slug both start with their lesson's slug.
  const lessons = [
    ...new Set([
      ...examples.map((root) => root.dataset.awaitedExample.split("/")[0]),
      ...workspaces.map((root) => root.dataset.awaitedExercise.split("/")[0]),
    ]),
  ];
  let data;
  let entries;
  try {
    data = await getManifest();
    entries = await entriesOf(lessons, data.version);
  } catch (error) {
    for (const root of [...examples, ...workspaces]) root.append(h("p", { className: "awaited-notice" }, `The runner could not load: ${error.message}`));
    return;
  }
  markNavigation(data);
  if (!examples.length && !workspaces.length) return;
  showNotice();
  runtime ??= new Runtime(base, data);
  runtime.useLessons(lessons);
  for (const root of examples) {
    const id = root.dataset.awaitedExample;
    if (entries.examples[id]) new ExampleWidget(root, { id, example: entries.examples[id], runtime, store, loadEditor });
  }
  for (const root of workspaces) {
    const slug = root.dataset.awaitedExercise;
    if (entries.exercises[slug]) {
      new Workspace(root, { slug, exercise: entries.exercises[slug], runtime, store, loadEditor, onProgress: () => markNavigation(data) });
    }
  }
  // Boot Python at once, while the reader reads, so the first Run does not pay for all of it.
  // The worker has its own thread; waiting for the page to be idle cost a second here.
  runtime.start().catch(() => {});
  // And install what this page's code imports from the lazy wheels (trio, SQLAlchemy).
  const used = [
    ...examples.map((root) => entries.examples[root.dataset.awaitedExample]),
    ...workspaces.map((root) => entries.exercises[root.dataset.awaitedExercise]),
  ];
  runtime.prepare([...new Set(used.flatMap((entry) => entry?.prepare ?? []))]);
}

// Material's search index waits while Python starts (docs/assets/awaited/search_worker.js);
// going to the search box builds it at once.
document.addEventListener(
  "focusin",
  (event) => {
    if (globalThis.BroadcastChannel && event.target.matches?.('[data-md-component="search-query"]')) {
      new BroadcastChannel("awaited-search").postMessage("start");
    }
  },
  { passive: true },
);

if (globalThis.document$) globalThis.document$.subscribe(() => mount());
else if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mount);
else mount();

// For tests and benchmarks: how long Python took to start in this tab.
globalThis.awaitedRunner = { get runtime() { return runtime; }, store };
