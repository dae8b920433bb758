// The exercise workspace: the learner's test file in an editor (the starter on a first visit,
// their own text after that), Check (the same grading as `awaited check`, run in the worker),
// Stop, hints one rung at a time, Reset (the replaced text is kept as a backup), the solution
// once the exercise has passed, and "Download my work" / "Import".

import { exportAll, importAll } from "./store.js";
import { button, fileTabs, h } from "./ui.js";

export class Workspace {
  constructor(root, { slug, exercise, runtime, store, loadEditor, onProgress }) {
    Object.assign(this, { root, slug, exercise, runtime, store, loadEditor, onProgress });
    this.editors = new Map();
    this.render();
  }

  key(name) {
    return `${this.slug}/${name}`;
  }

  files() {
    const files = {};
    for (const name of this.exercise.learnerFiles) files[name] = this.store.file(this.key(name)) ?? this.exercise.starter[name];
    return files;
  }

  progress() {
    return this.store.exercise(this.slug);
  }

  async render() {
    const checkButton = button("✔ Check", () => this.check(), { "data-action": "check" });
    this.checkButton = checkButton;
    this.stopButton = button("■ Stop", () => this.runtime.stop(), { "data-action": "stop", hidden: true });
    this.hintButton = button("", () => this.nextHint(), { "data-action": "hint" });
    this.resetButton = button("↺ Reset to the starter", () => this.reset(), { "data-action": "reset" });
    this.solutionButton = button("Show the solution", () => this.toggleSolution(), { "data-action": "solution", "aria-expanded": "false" });
    this.state = h("span", { className: "awaited-run__state", role: "status", "aria-live": "polite" });
    this.verdict = h("div", { className: "awaited-verdict", hidden: true, tabindex: "-1" });
    this.hints = h("ol", { className: "awaited-hints", "aria-label": "Hints" });
    this.solution = h("div", { className: "awaited-solution", hidden: true });
    this.notice = h("p", { className: "awaited-notice", role: "status", hidden: true });
    const fileInput = h("input", { type: "file", accept: "application/json,.json", hidden: true, "data-action": "import-file", onchange: (event) => this.importFile(event) });
    const editorArea = h("div", { className: "awaited-workspace__editor" });
    this.root.replaceChildren(
      h("div", { className: "awaited-run__bar" }, checkButton, this.stopButton, this.hintButton, this.resetButton, this.solutionButton, this.state),
      editorArea,
      this.verdict,
      this.hints,
      this.solution,
      this.notice,
      h("div", { className: "awaited-run__bar awaited-mywork" },
        button("⤓ Download my work", () => this.download(), { "data-action": "export" }),
        button("⤒ Import…", () => fileInput.click(), { "data-action": "import" }),
        fileInput),
    );
    this.runtime.onState((state, detail) => {
      if (!this.runtime.busy) this.state.textContent = state === "booting" || state === "failed" ? detail : "";
    });
    this.refresh();
    const { Editor } = await this.loadEditor();
    const tabs = fileTabs(this.exercise.learnerFiles, (name, panel) => {
      this.editors.set(name, new Editor(panel, {
        text: this.files()[name],
        label: `${name}: your tests for exercise ${this.exercise.number}`,
        onChange: (text) => this.store.setFile(this.key(name), text),
      }));
    });
    editorArea.append(tabs.element);
    this.root.dataset.awaitedReady = "";
  }

  refresh() {
    const progress = this.progress();
    const total = this.exercise.hints.length;
    this.hintButton.textContent = progress.hintsShown >= total ? `All ${total} hints shown` : `Hint ${progress.hintsShown + 1} of ${total}`;
    this.hintButton.disabled = progress.hintsShown >= total;
    this.hints.replaceChildren(...this.exercise.hints.slice(0, progress.hintsShown).map((text) => h("li", {}, text)));
    this.solutionButton.disabled = !progress.everPassed;
    this.solutionButton.title = progress.everPassed ? "" : "Unlocks once your tests pass the check";
  }

  nextHint() {
    const shown = Math.min(this.progress().hintsShown + 1, this.exercise.hints.length);
    this.store.updateExercise(this.slug, { hintsShown: shown });
    this.refresh();
    this.hints.lastElementChild?.focus?.();
  }

  reset() {
    for (const name of this.exercise.learnerFiles) {
      this.store.resetFile(this.key(name));
      const editor = this.editors.get(name);
      if (editor) editor.text = this.exercise.starter[name];
    }
    this.say("The starter is back. Your previous version is kept as a backup: “Download my work” includes it.");
  }

  toggleSolution() {
    if (!this.progress().everPassed) return;
    const open = this.solution.hidden;
    this.solution.hidden = !open;
    this.solutionButton.setAttribute("aria-expanded", String(open));
    if (open && !this.solution.childElementCount) {
      for (const [name, text] of Object.entries(this.exercise.solution)) {
        this.solution.append(h("p", {}, h("strong", {}, `Reference ${name}`)), h("pre", { tabindex: "0" }, text));
      }
    }
  }

  async check() {
    this.checkButton.disabled = true;
    this.stopButton.hidden = false;
    this.root.dataset.awaitedStatus = "running";
    this.state.textContent = this.runtime.state === "ready" ? "Checking against the app and every mutant…" : "Starting Python…";
    const limit = 30 + 10 * this.exercise.timeoutSeconds; // as `awaited check`'s deadline
    let result;
    try {
      result = await this.runtime.check(this.slug, this.files(), limit);
    } catch (error) {
      result = { status: "error", message: String(error.message || error), tests: [], report: [] };
    } finally {
      this.checkButton.disabled = false;
      this.stopButton.hidden = true;
      this.state.textContent = "";
    }
    if (result.stopped) {
      this.root.dataset.awaitedStatus = "stopped";
      this.showLines([`Stopped. ${result.stopReason || ""}`.trim(), result.restarted ? "Python was restarted; Check works again as usual." : "Your code is as you left it; fix it and check again."]);
      return;
    }
    this.root.dataset.awaitedStatus = result.status;
    this.root.dataset.awaitedResult = JSON.stringify({ status: result.status, tests: (result.tests || []).map(({ name, status }) => ({ name, status })) });
    const passed = result.status === "pass";
    this.store.updateExercise(this.slug, {
      status: passed ? "passed" : "failing",
      everPassed: this.progress().everPassed || passed,
      checkedAt: new Date().toISOString(),
    });
    this.showLines(result.report && result.report.length ? result.report : [result.message || result.status]);
    this.refresh();
    this.onProgress();
  }

  showLines(lines) {
    this.verdict.hidden = false;
    this.verdict.replaceChildren(...lines.map((line) => {
      const kind = line.startsWith("✓") ? "pass" : line.startsWith("✗") ? "fail" : line.startsWith("Verdict") ? "verdict" : "";
      return h("div", { className: `awaited-verdict__line ${kind ? `awaited-verdict__line--${kind}` : ""}` }, line || "\u00a0");
    }));
    this.verdict.focus();
  }

  say(text) {
    this.notice.textContent = text;
    this.notice.hidden = false;
  }

  download() {
    const blob = new Blob([JSON.stringify(exportAll(), null, 2)], { type: "application/json" });
    const link = h("a", { href: URL.createObjectURL(blob), download: `awaited-work-${new Date().toISOString().slice(0, 10)}.json` });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(link.href), 1000);
  }

  async importFile(event) {
    const [file] = event.target.files;
    event.target.value = "";
    if (!file) return;
    try {
      const count = importAll(await file.text());
      this.say(`Imported ${count} saved item(s). Reloading…`);
      setTimeout(() => location.reload(), 300);
    } catch (error) {
      this.say(`Nothing was imported: ${error.message}.`);
    }
  }
}
