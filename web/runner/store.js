// The learner's work in this browser: every edit, exercise progress and backups, kept in
// localStorage under "awaited:runner:v1" so that it survives reloads, instant navigation and
// browser restarts. A store that cannot be read is never thrown away: its text is kept under
// "awaited:runner:corrupt:<time>" and the learner is told.
//
// Shape (version 1):
//   { version: 1,
//     files:     { "<example id or exercise slug>/<file>": "text", ... },
//     exercises: { "<slug>": { status, everPassed, hintsShown, checkedAt } },
//     backups:   [ { key, text, savedAt } ]   (what "Reset" replaced, newest last, 50 kept) }

export const STORE_KEY = "awaited:runner:v1";
export const EXPORT_FORMAT = "awaited-export";
const MAX_BACKUPS = 50;

function empty() {
  return { version: 1, files: {}, exercises: {}, backups: [] };
}

function isObject(value) {
  return value !== null && typeof value === "object" && !Array.isArray(value);
}

function validate(data) {
  if (!isObject(data) || data.version !== 1) throw new Error("unknown format");
  if (!isObject(data.files) || !isObject(data.exercises) || !Array.isArray(data.backups)) {
    throw new Error("missing sections");
  }
  for (const value of Object.values(data.files)) {
    if (typeof value !== "string") throw new Error("a file is not text");
  }
  return data;
}

function keepAside(raw, reason) {
  const key = `awaited:runner:corrupt:${new Date().toISOString()}`;
  try {
    localStorage.setItem(key, raw);
  } catch {
    /* storage full: the notice still tells the learner */
  }
  return `Your saved work could not be read (${reason}). It was kept aside as "${key}" and a fresh store was started; "Download my work" includes the old copy.`;
}

export class Store {
  constructor() {
    this.notice = null;
    this.listeners = new Set();
    this.data = this.load();
  }

  load() {
    let raw = null;
    try {
      raw = localStorage.getItem(STORE_KEY);
    } catch {
      this.notice = "This browser does not let the page save anything: your edits last until you leave.";
      return empty();
    }
    if (raw === null) return empty();
    try {
      return validate(JSON.parse(raw));
    } catch (error) {
      this.notice = keepAside(raw, error.message);
      const fresh = empty();
      this.write(fresh);
      return fresh;
    }
  }

  write(data = this.data) {
    try {
      localStorage.setItem(STORE_KEY, JSON.stringify(data));
    } catch {
      this.notice = "Your browser refused to save (storage full?). Download your work to keep it.";
    }
    for (const listener of this.listeners) listener(this.data);
  }

  file(key) {
    return Object.hasOwn(this.data.files, key) ? this.data.files[key] : null;
  }

  setFile(key, text) {
    this.data.files[key] = text;
    this.write();
  }

  resetFile(key) {
    const text = this.file(key);
    if (text !== null) {
      this.data.backups.push({ key, text, savedAt: new Date().toISOString() });
      this.data.backups = this.data.backups.slice(-MAX_BACKUPS);
    }
    delete this.data.files[key];
    this.write();
  }

  exercise(slug) {
    return { status: "not started", everPassed: false, hintsShown: 0, checkedAt: null, ...this.data.exercises[slug] };
  }

  updateExercise(slug, change) {
    this.data.exercises[slug] = { ...this.exercise(slug), ...change };
    this.write();
  }

  onChange(listener) {
    this.listeners.add(listener);
  }
}

// Everything of Awaited's in this browser (the runner's store, the quiz's, kept-aside copies),
// as one JSON document.
export function exportAll() {
  const data = {};
  for (let index = 0; index < localStorage.length; index += 1) {
    const key = localStorage.key(index);
    if (key && key.startsWith("awaited:")) data[key] = localStorage.getItem(key);
  }
  return { format: EXPORT_FORMAT, version: 1, exportedAt: new Date().toISOString(), data };
}

// Restores an export; returns the number of entries written. Throws with a readable reason.
export function importAll(text) {
  let document;
  try {
    document = JSON.parse(text);
  } catch {
    throw new Error("this file is not JSON");
  }
  if (!isObject(document) || document.format !== EXPORT_FORMAT || !isObject(document.data)) {
    throw new Error("this is not a file from \"Download my work\"");
  }
  if (document.version !== 1) throw new Error(`it was made by a newer version (format ${document.version})`);
  const entries = Object.entries(document.data).filter(
    ([key, value]) => key.startsWith("awaited:") && typeof value === "string",
  );
  const runner = document.data[STORE_KEY];
  if (runner !== undefined) validate(JSON.parse(runner));
  for (const [key, value] of entries) localStorage.setItem(key, value);
  return entries.length;
}
