// The page's handle on the Python worker: boots it (as soon as a page can run code), queues
// runs, and stops runaway code. One runtime per tab; it outlives Material's instant navigation.
//
// Stopping: on a cross-origin-isolated page (see awaited.site.serve) the page shares an
// interrupt buffer with Pyodide. While a run is going it writes SIGALRM there a few times a
// second, so Python can enforce each test's time limit even inside `while True: pass`, and
// Stop writes SIGINT (KeyboardInterrupt). Elsewhere, and as a last resort, Stop ends the
// worker and starts a fresh one.

const TICK_MS = 200;
const STOP_GRACE_MS = 700;

export class Runtime {
  constructor(base, manifest) {
    this.base = base;
    this.manifest = manifest;
    this.worker = null;
    this.ready = null;
    this.pending = new Map();
    this.nextId = 1;
    this.listeners = new Set();
    this.state = "idle"; // idle | booting | ready | failed
    this.detail = "";
    this.bootMs = null;
    this.isolated = globalThis.crossOriginIsolated === true;
    this.wanted = new Set(); // lazy modules the pages asked to have ready (prepare)
    this.prepared = []; // those the worker has imported ahead of a run
    this.lessons = []; // the current page's lessons: the worker unpacks them while it starts
  }

  onState(listener) {
    this.listeners.add(listener);
    listener(this.state, this.detail);
    return () => this.listeners.delete(listener);
  }

  setState(state, detail = "") {
    this.state = state;
    this.detail = detail;
    for (const listener of this.listeners) listener(state, detail);
  }

  start() {
    if (this.ready) return this.ready;
    this.setState("booting", "Starting Python…");
    // A worker the page's <head> already started (early_start.js), if any; used once.
    const early = globalThis.awaitedEarlyStart;
    globalThis.awaitedEarlyStart = null;
    let worker;
    if (early) {
      worker = early.worker;
      this.interrupt = early.interrupt;
      this.startedAt = early.startedAt;
    } else {
      this.interrupt = this.isolated ? new Int32Array(new SharedArrayBuffer(4)) : null;
      this.startedAt = performance.timeOrigin + performance.now();
      worker = new Worker(new URL("js/worker.js", this.base), { type: "module" });
    }
    this.worker = worker;
    this.ready = new Promise((resolve, reject) => {
      const receive = (data) => {
        if (data.type === "ready") {
          this.signals = { SIGINT: data.signals[0], SIGALRM: data.signals[1] };
          this.bootMs = data.ms;
          this.bootStages = data.stages;
          this.warmUp = data.warmUp; // "ran", or "skipped" when a run was already waiting
          this.setState("ready");
          resolve();
        } else if (data.type === "prepared") {
          this.prepared.push(...data.modules);
        } else if (data.type === "progress") {
          this.setState("booting", data.text);
        } else if (data.type === "failure" && data.id === undefined) {
          this.setState("failed", data.message);
          reject(new Error(data.message));
        } else {
          this.settle(data);
        }
      };
      worker.onmessage = ({ data }) => receive(data);
      worker.onerror = (event) => receive({ type: "failure", message: `The Python worker failed: ${event.message || "unknown error"}` });
      for (const data of early?.messages ?? []) receive(data);
    });
    if (!early) {
      worker.postMessage({
        type: "init",
        base: this.base.href,
        version: this.manifest.version,
        wheels: this.manifest.wheels,
        nativeWheels: this.manifest.nativeWheels || [],
        lazyWheels: this.manifest.lazyWheels || {},
        warmUpModules: this.manifest.warmUpModules || [],
        lessons: this.lessons,
        interruptBuffer: this.interrupt,
      });
    }
    return this.ready;
  }

  settle(data) {
    const job = this.pending.get(data.id);
    if (!job) return;
    this.pending.delete(data.id);
    clearInterval(job.ticker);
    clearTimeout(job.timer);
    if (this.interrupt) Atomics.store(this.interrupt, 0, 0);
    if (data.type === "result") job.resolve({ ...data.result, stopReason: job.stopReason });
    else job.reject(new Error(data.message));
  }

  // Runs `message` in the worker; resolves with its result, or a "stopped" result.
  async submit(message, limitSeconds) {
    const ready = this.start();
    const id = this.nextId++;
    let job;
    const result = new Promise((resolve, reject) => {
      job = { resolve, reject, kind: message.type };
    });
    this.pending.set(id, job);
    // Sent at once: the worker queues it behind its start, and a run that is already waiting
    // when Python is up stands in for the warm-up (worker.js).
    this.worker.postMessage({ ...message, id });
    try {
      await Promise.race([ready, result]);
    } catch (error) {
      this.pending.delete(id);
      throw error;
    }
    if (this.pending.has(id)) this.arm(job, limitSeconds);
    return result;
  }

  // The time limit of one run, counted from when Python is up, and the ticks that let
  // Python enforce each test's own limit.
  arm(job, limitSeconds) {
    if (this.interrupt) {
      Atomics.store(this.interrupt, 0, 0);
      job.ticker = setInterval(() => {
        if (Atomics.load(this.interrupt, 0) === 0) Atomics.store(this.interrupt, 0, this.signals.SIGALRM);
      }, TICK_MS);
    }
    job.timer = setTimeout(() => this.stop(`It ran for more than ${limitSeconds} s, the limit for one run.`), limitSeconds * 1000);
  }

  // The page's lessons: the worker fetches and unpacks their files now (or while it starts),
  // not when the reader presses Run on a page reached by instant navigation.
  useLessons(lessons) {
    this.lessons = lessons;
    if (this.worker) this.worker.postMessage({ type: "lessons", lessons });
  }

  // Asks the worker to install and import, while nothing waits to run, the lazy modules
  // (trio, SQLAlchemy) that this page's code will import.
  prepare(modules) {
    const fresh = modules.filter((name) => !this.wanted.has(name));
    if (fresh.length === 0) return;
    for (const name of fresh) this.wanted.add(name);
    this.start().catch(() => {});
    this.worker.postMessage({ type: "prepare", modules: fresh });
  }

  run(example, files, limitSeconds = 15) {
    return this.submit({ type: "run", example, files }, limitSeconds);
  }

  check(slug, files, limitSeconds) {
    return this.submit({ type: "check", slug, files }, limitSeconds);
  }

  get busy() {
    return this.pending.size > 0;
  }

  // Ends the current run. Resolves once a result (or the replacement worker) is there.
  stop(reason = "You stopped it.") {
    const jobs = [...this.pending.entries()];
    if (jobs.length === 0) return;
    for (const [, job] of jobs) job.stopReason = reason;
    if (this.interrupt && this.state === "ready") {
      clearInterval(jobs[0][1].ticker);
      Atomics.store(this.interrupt, 0, this.signals.SIGINT);
      setTimeout(() => {
        if (jobs.some(([id]) => this.pending.has(id))) this.restart(reason);
      }, STOP_GRACE_MS);
    } else {
      this.restart(reason);
    }
  }

  // Ends the worker (the only way to stop Python without shared memory) and boots a new one.
  restart(reason) {
    this.worker.terminate();
    const jobs = [...this.pending.values()];
    this.pending.clear();
    for (const job of jobs) {
      clearInterval(job.ticker);
      clearTimeout(job.timer);
      job.resolve({ status: "stopped", stopped: true, restarted: true, stopReason: reason, counts: {}, output: "" });
    }
    this.ready = null;
    this.worker = null;
    this.prepared = [];
    this.start();
    const wanted = [...this.wanted];
    this.wanted.clear();
    this.prepare(wanted); // the new worker has none of them
  }
}
