// The runner's Web Worker: it owns Pyodide, so the page never blocks while Python runs.
// Protocol (the page is web/runner/runner.js):
//   page -> worker  {type: "init", base, version, wheels, lazyWheels, interruptBuffer?}
//                   {type: "run", id, example, files} | {type: "check", id, slug, files}
//   worker -> page  {type: "ready", ms, signals} | {type: "progress", text}
//                   {type: "result", id, result} | {type: "failure", id?, message}
// `result` is the JSON that awaited.browser.session returns, parsed.

let session = null;
let busy = Promise.resolve();

function progress(text) {
  postMessage({ type: "progress", text });
}

async function boot({ base, version, wheels, lazyWheels, interruptBuffer }) {
  const started = performance.now();
  // A computed URL keeps esbuild from bundling Pyodide, which finds its files next to itself.
  const { loadPyodide } = await import(new URL("pyodide/pyodide.mjs", base).href);
  progress("Starting Python…");
  const pyodide = await loadPyodide({
    indexURL: new URL("pyodide/", base).href,
    stdout: () => {},
    stderr: () => {},
  });
  if (interruptBuffer) pyodide.setInterruptBuffer(interruptBuffer);
  progress("Installing FastAPI, httpx and pytest…");
  const course = fetch(new URL(`course.zip?v=${version}`, base)).then((r) => {
    if (!r.ok) throw new Error(`course.zip: HTTP ${r.status}`);
    return r.arrayBuffer();
  });
  await pyodide.loadPackage(
    wheels.map((name) => new URL(`wheels/${name}`, base).href),
    { messageCallback: () => {}, errorCallback: (m) => progress(m), checkIntegrity: false },
  );
  pyodide.unpackArchive(await course, "zip", { extractDir: "/home/pyodide/course" });
  progress("Importing…");
  session = pyodide.pyimport("awaited.browser.session");
  // lazyWheels ({import name: wheel}) are fetched by the worker on first import, not now.
  session.start("/home/pyodide/course", JSON.stringify(lazyWheels), new URL("wheels/", base).href);
  session.warm_up();
  const signals = pyodide.runPython("import signal; [int(signal.SIGINT), int(signal.SIGALRM)]").toJs();
  postMessage({ type: "ready", ms: Math.round(performance.now() - started), signals });
}

function call(method, id, ...args) {
  try {
    const text = session[method](...args);
    postMessage({ type: "result", id, result: JSON.parse(text) });
  } catch (error) {
    postMessage({ type: "failure", id, message: String(error && error.message ? error.message : error) });
  }
}

onmessage = ({ data }) => {
  busy = busy.then(async () => {
    if (data.type === "init") {
      try {
        await boot(data);
      } catch (error) {
        postMessage({ type: "failure", message: `Python could not start: ${error.message || error}` });
      }
    } else if (data.type === "run") {
      call("run_example", data.id, data.example, JSON.stringify(data.files));
    } else if (data.type === "check") {
      call("check_exercise", data.id, data.slug, JSON.stringify(data.files));
    }
  });
};
