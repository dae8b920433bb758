// The Run widget under a lesson example: Run, Edit (the example's files, in tabs), Reset, Stop,
// and the real pytest output with a pass/fail badge. Edits are saved as they are typed.

import { button, describeCounts, fileTabs, h } from "./ui.js";

const BADGES = {
  passed: ["✓", "passed"],
  failed: ["✗", "failed"],
  error: ["✗", "error"],
  stopped: ["■", "stopped"],
};

export class ExampleWidget {
  constructor(root, { id, example, runtime, store, loadEditor }) {
    this.root = root;
    this.id = id;
    this.original = example.files;
    this.runtime = runtime;
    this.store = store;
    this.loadEditor = loadEditor;
    this.editors = new Map();
    this.render();
  }

  key(name) {
    return `${this.id}/${name}`;
  }

  files() {
    const files = {};
    for (const name of Object.keys(this.original)) files[name] = this.store.file(this.key(name)) ?? this.original[name];
    return files;
  }

  isEdited() {
    return Object.keys(this.original).some((name) => this.store.file(this.key(name)) !== null);
  }

  render() {
    this.runButton = button("▶ Run", () => this.run(), { "data-action": "run" });
    this.stopButton = button("■ Stop", () => this.runtime.stop(), { "data-action": "stop", hidden: true });
    this.editButton = button("✎ Edit", () => this.toggleEditor(), { "data-action": "edit", "aria-expanded": "false" });
    this.resetButton = button("↺ Reset", () => this.reset(), { "data-action": "reset", hidden: !this.isEdited() });
    this.badge = h("span", { className: "awaited-badge", role: "status", "aria-live": "polite" });
    this.state = h("span", { className: "awaited-run__state" });
    this.editorArea = h("div", { className: "awaited-run__editor", hidden: true });
    this.output = h("pre", { className: "awaited-run__output", hidden: true, tabindex: "0" });
    this.editedNote = h("span", { className: "awaited-run__edited", hidden: !this.isEdited() }, "edited");
    this.root.replaceChildren(
      h("div", { className: "awaited-run__bar" }, this.runButton, this.stopButton, this.editButton, this.resetButton, this.editedNote, this.badge, this.state),
      this.editorArea,
      this.output,
    );
    this.root.dataset.awaitedReady = "";
    this.runtime.onState((state, detail) => {
      this.state.textContent = state === "booting" ? detail : state === "failed" ? detail : "";
    });
    if (this.isEdited()) this.openEditor();
  }

  async toggleEditor() {
    if (this.editorArea.hidden) await this.openEditor();
    else {
      this.editorArea.hidden = true;
      this.editButton.setAttribute("aria-expanded", "false");
    }
  }

  async openEditor() {
    this.editorArea.hidden = false;
    this.editButton.setAttribute("aria-expanded", "true");
    if (this.editorArea.childElementCount) return;
    const { Editor } = await this.loadEditor();
    const names = Object.keys(this.original);
    const tabs = fileTabs(names, (name, panel) => {
      const editor = new Editor(panel, {
        text: this.files()[name],
        label: `${name} of this example`,
        onChange: (text) => this.edited(name, text),
      });
      this.editors.set(name, editor);
    });
    this.editorArea.append(tabs.element);
  }

  edited(name, text) {
    if (text === this.original[name]) this.store.resetFile(this.key(name));
    else this.store.setFile(this.key(name), text);
    this.editedNote.hidden = this.resetButton.hidden = !this.isEdited();
  }

  reset() {
    for (const name of Object.keys(this.original)) {
      if (this.store.file(this.key(name)) !== null) this.store.resetFile(this.key(name));
      const editor = this.editors.get(name);
      if (editor) editor.text = this.original[name];
    }
    this.editedNote.hidden = this.resetButton.hidden = true;
  }

  async run() {
    this.runButton.disabled = true;
    this.stopButton.hidden = false;
    this.badge.className = "awaited-badge awaited-badge--running";
    this.badge.textContent = this.runtime.state === "ready" ? "running…" : "starting Python…";
    this.root.dataset.awaitedStatus = "running";
    try {
      const result = await this.runtime.run(this.id, this.files());
      this.show(result);
    } catch (error) {
      this.show({ status: "error", counts: {}, output: String(error.message || error) });
    } finally {
      this.runButton.disabled = false;
      this.stopButton.hidden = true;
    }
  }

  show(result) {
    const [mark, word] = BADGES[result.status] || BADGES.error;
    const summary = result.status === "stopped" ? result.stopReason || "stopped" : describeCounts(result.counts || {});
    this.badge.className = `awaited-badge awaited-badge--${result.status}`;
    this.badge.textContent = `${mark} ${word}: ${summary}`;
    this.root.dataset.awaitedStatus = result.status;
    this.root.dataset.awaitedCounts = JSON.stringify(result.counts || {});
    const output = result.restarted ? `${result.stopReason}\nPython was restarted; the next Run works as usual.` : result.output;
    this.output.textContent = output || "";
    this.output.hidden = !output;
  }
}
