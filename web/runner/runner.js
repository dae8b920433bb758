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
const loadEditor = () => import("./editor.js");

async function getManifest() {
  if (!manifest) {
    const response = await fetch(new URL("manifest.json", base));
    if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
    manifest = await response.json();
  }
  return manifest;
}

function markNavigation(data) {
  for (const [slug] of Object.entries(data.exercises)) {
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
  let data;
  try {
    data = await getManifest();
  } catch (error) {
    for (const root of [...examples, ...workspaces]) root.append(h("p", { className: "awaited-notice" }, `The runner could not load: ${error.message}`));
    return;
  }
  markNavigation(data);
  if (!examples.length && !workspaces.length) return;
  showNotice();
  runtime ??= new Runtime(base, data);
  for (const root of examples) {
    const id = root.dataset.awaitedExample;
    if (data.examples[id]) new ExampleWidget(root, { id, example: data.examples[id], runtime, store, loadEditor });
  }
  for (const root of workspaces) {
    const slug = root.dataset.awaitedExercise;
    if (data.exercises[slug]) {
      new Workspace(root, { slug, exercise: data.exercises[slug], runtime, store, loadEditor, onProgress: () => markNavigation(data) });
    }
  }
  // Boot Python at once, while the reader reads, so the first Run does not pay for all of it.
  // The worker has its own thread; waiting for the page to be idle cost a second here.
  runtime.start().catch(() => {});
  // And install what this page's code imports from the lazy wheels (trio, SQLAlchemy).
  const entries = [
    ...examples.map((root) => data.examples[root.dataset.awaitedExample]),
    ...workspaces.map((root) => data.exercises[root.dataset.awaitedExercise]),
  ];
  runtime.prepare([...new Set(entries.flatMap((entry) => entry?.prepare ?? []))]);
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
