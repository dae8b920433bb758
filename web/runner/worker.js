// The runner's Web Worker: it owns Pyodide, so the page never blocks while Python runs.
// Protocol (the page is web/runner/runner.js):
//   page -> worker  {type: "init", base, interruptBuffer?, lessons?, version?, wheels?,
//                    nativeWheels?, lazyWheels?, warmUpModules?}
//                   {type: "run", id, example, files} | {type: "check", id, slug, files}
//                   {type: "prepare", modules}: imported once nothing waits to run
//                   {type: "lessons", lessons}: the page's lessons, unpacked ahead of its runs
//   worker -> page  {type: "ready", ms, stages, warmUp, signals} | {type: "progress", text}
//                   {type: "result", id, result} | {type: "failure", id?, message}
//                   {type: "prepared", modules}
// `result` is the JSON that awaited.browser.session returns, parsed.

import { extractStoredZip } from "./stored_zip.js";

let session = null;
let busy = Promise.resolve();
let waiting = 0; // runs and checks received and not started yet
let toPrepare = []; // lazy modules the page's code will import (manifest "prepare")
// Each lesson's files come as course/<lesson>.zip, unpacked before its first run or check
// (the page's own lessons during the boot): a reader downloads the lessons they open.
const unpackedLessons = new Set();
let unpackLesson = null; // set by boot(): (lesson) => Promise
let invalidateImportCaches = null; // set by boot()

function progress(text) {
  postMessage({ type: "progress", text });
}

// Wall-clock time (ms since the epoch), comparable with the page's clock.
const now = () => performance.timeOrigin + performance.now();
const workerStarted = now();

// Fetches that start before Python does, so the wheels and the course travel while Pyodide's
// WebAssembly compiles. Pyodide's loadPackage fetches each wheel by URL; this hands it the
// response already under way (each one once), and passes every other request through.
function prefetch(urls) {
  const started = new Map(urls.map((url) => [url, fetch(url)]));
  const fetchOnNetwork = globalThis.fetch;
  globalThis.fetch = (input, init) => {
    const key = input instanceof Request ? input.url : String(input);
    const response = started.get(key);
    if (response === undefined) return fetchOnNetwork(input, init);
    started.delete(key);
    return response;
  };
}

async function manifestOf(base) {
  const response = await fetch(new URL("manifest.json", base));
  if (!response.ok) throw new Error(`manifest.json: HTTP ${response.status}`);
  return response.json();
}

// `wheels`, `nativeWheels`, `lazyWheels`, `warmUpModules` and `version` come from the
// manifest: the page sends them when it has it, and an early start from the page's <head>
// (early_start.js) leaves fetching it to the worker.
async function boot({ base, interruptBuffer, lessons = [], ...given }) {
  const started = performance.now();
  // When each step of the boot ended: the benchmark prints where a cold start goes.
  const stages = { worker: workerStarted };
  // A computed URL keeps esbuild from bundling Pyodide, which finds its files next to itself.
  const pyodideModule = import(new URL("pyodide/pyodide.mjs", base).href);
  const { wheels, nativeWheels, lazyWheels, warmUpModules, version } = given.wheels ? given : await manifestOf(base);
  const wheelUrl = (name) => new URL(`wheels/${name}`, base).href;
  const nativeUrls = (nativeWheels || []).map(wheelUrl);
  const courseUrl = new URL(`course.zip?v=${version}`, base).href;
  const lessonUrl = (lesson) => new URL(`course/${lesson}.zip?v=${version}`, base).href;
  prefetch([...wheels.map(wheelUrl), ...nativeUrls, courseUrl, ...lessons.map(lessonUrl)]);
  const { loadPyodide } = await pyodideModule;
  stages.pyodideModule = now();
  progress("Starting Python…");
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    stdout: () => {},
    stderr: () => {},
  });
  stages.python = now();
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  progress("Installing FastAPI, httpx and pytest…");
  // A wheel with a shared library (pydantic-core) goes through Pyodide, which compiles the
  // library off this thread meanwhile; the pure-Python ones are unpacked here, in JavaScript.
  const native = pyodide.loadPackage(nativeUrls, {
    messageCallback: () => {},
    errorCallback: (m) => progress(m),
    checkIntegrity: false,
  });
  const sitePackages = pyodide.runPython("import site; site.getsitepackages()[0]");
  const unpack = async (url, target) => {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
    const name = url.slice(url.lastIndexOf("/") + 1).split("?")[0];
    extractStoredZip(pyodide.FS, new Uint8Array(await response.arrayBuffer()), target, name);
  };
  for (const name of wheels) await unpack(wheelUrl(name), sitePackages);
  await unpack(courseUrl, "/home/pyodide/course");
  unpackLesson = async (lesson) => {
    await unpack(lessonUrl(lesson), "/home/pyodide/course");
    unpackedLessons.add(lesson);
  };
  for (const lesson of lessons) await unpackLesson(lesson);
  await native;
  invalidateImportCaches = () => pyodide.runPython("import importlib; importlib.invalidate_caches()");
  invalidateImportCaches(); // the files came from JavaScript
  stages.wheels = now();
  progress("Importing…");
  session = pyodide.pyimport("awaited.browser.session");
  // lazyWheels ({import name: wheel}) are fetched by the worker on first import, not now.
  session.start(
    "/home/pyodide/course",
    JSON.stringify(lazyWheels || {}),
    new URL("wheels/", base).href,
    new URL("sources/", base).href,
    JSON.stringify(warmUpModules || []),
  );
  stages.imports = now();
  // The warm-up runs one small test so that the reader's first Run is quick. If a Run is
  // already waiting, that Run does the same importing, and the warm-up would only delay it.
  const warmUp = waiting > 0 && session.can_skip_warm_up() ? "skipped" : "ran";
  if (warmUp === "skipped") session.skip_warm_up();
  else session.warm_up();
  stages.warmUp = now();
  const signals = pyodide.runPython("import signal; [int(signal.SIGINT), int(signal.SIGALRM)]").toJs();
  postMessage({ type: "ready", ms: Math.round(performance.now() - started), stages, warmUp, signals });
}

async function ensureLesson(lesson) {
  if (unpackedLessons.has(lesson)) return;
  await unpackLesson(lesson); // a page reached by instant navigation, or a new worker
  invalidateImportCaches(); // the files came from JavaScript
}

async function call(method, id, lesson, ...args) {
  if (!session) {
    postMessage({ type: "failure", id, message: "Python did not start in this tab." });
    return;
  }
  try {
    await ensureLesson(lesson);
    const text = session[method](...args);
    postMessage({ type: "result", id, result: JSON.parse(text) });
  } catch (error) {
    postMessage({ type: "failure", id, message: String(error && error.message ? error.message : error) });
  }
}

// Imports the modules a page asked for once the worker has been idle for a second: a Run or
// Check that comes first goes first, and a reader who clicks Run right after the start finds
// the worker free rather than busy installing trio.
const PREPARE_AFTER_IDLE_MS = 1000;
let prepareTimer = null;

function prepareWhenIdle() {
  clearTimeout(prepareTimer);
  prepareTimer = setTimeout(() => {
    busy = busy.then(() => {
      if (!session || waiting > 0 || toPrepare.length === 0) return;
      const modules = toPrepare.splice(0);
      try {
        session.prepare(JSON.stringify(modules));
      } catch {
        // A hint only: the Run that imports the module shows any real error.
      }
      postMessage({ type: "prepared", modules });
    });
  }, PREPARE_AFTER_IDLE_MS);
}

onmessage = ({ data }) => {
  if (data.type === "prepare") {
    toPrepare.push(...data.modules);
    busy.then(prepareWhenIdle);
    return;
  }
  const job = data.type === "run" || data.type === "check";
  if (job) waiting += 1;
  busy = busy.then(async () => {
    if (job) waiting -= 1;
    if (data.type === "init") {
      try {
        await boot(data);
      } catch (error) {
        postMessage({ type: "failure", message: `Python could not start: ${error.message || error}` });
      }
    } else if (data.type === "lessons") {
      if (!session) return; // the boot unpacked the lessons it was given, or failed
      for (const lesson of data.lessons) {
        try {
          await ensureLesson(lesson);
        } catch {
          // Ahead of time only: the page's Run retries and shows the error.
        }
      }
    } else if (data.type === "run") {
      // An example's id and an exercise's slug both start with their lesson's slug.
      await call("run_example", data.id, data.example.split("/")[0], data.example, JSON.stringify(data.files));
    } else if (data.type === "check") {
      await call("check_exercise", data.id, data.slug.split("/")[0], data.slug, JSON.stringify(data.files));
    }
  });
  busy.then(prepareWhenIdle); // counts the idle second from when this is done
};
