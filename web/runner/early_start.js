// Inlined by the build into the <head> of every page that has code to run (see
// awaited.site.runner_build.early_start), so Python starts loading while the page itself
// does; runner.js would start it only after the theme's scripts, a second later.
// Runtime.start() in runtime.js adopts this worker and replays what it said meanwhile.
(() => {
  if (!globalThis.Worker || globalThis.awaitedEarlyStart) return;
  const base = new URL(document.currentScript.dataset.base, location.href);
  const interrupt = globalThis.crossOriginIsolated === true ? new Int32Array(new SharedArrayBuffer(4)) : null;
  const early = { startedAt: performance.timeOrigin + performance.now(), interrupt, messages: [] };
  try {
    early.worker = new Worker(new URL("js/worker.js", base), { type: "module" });
  } catch {
    return; // runner.js starts one the usual way
  }
  early.worker.onmessage = ({ data }) => early.messages.push(data);
  early.worker.onerror = (event) =>
    early.messages.push({ type: "failure", message: `The Python worker failed: ${event.message || "unknown error"}` });
  // The page's lessons (the build lists them): their files travel while Python starts.
  const lessons = (document.currentScript.dataset.lessons || "").split(" ").filter(Boolean);
  early.worker.postMessage({ type: "init", base: base.href, interruptBuffer: interrupt, lessons });
  globalThis.awaitedEarlyStart = early;
})();
