// The in-page code editor: CodeMirror 6, loaded only when a reader opens one (its own chunk).
// Keyboard: Tab indents; Escape then Tab leaves the editor (CodeMirror's focus escape).
// Follows Material's colour scheme (light "default", dark "slate") as it changes.

import { indentWithTab } from "@codemirror/commands";
import { python } from "@codemirror/lang-python";
import { Compartment, EditorState } from "@codemirror/state";
import { oneDark } from "@codemirror/theme-one-dark";
import { EditorView, keymap } from "@codemirror/view";
import { basicSetup } from "codemirror";

const editors = new Set();

function isDark() {
  return document.body.getAttribute("data-md-color-scheme") === "slate";
}

new MutationObserver(() => {
  for (const editor of editors) editor.applyTheme();
}).observe(document.body, { attributes: true, attributeFilter: ["data-md-color-scheme"] });

export class Editor {
  constructor(parent, { text, label, onChange }) {
    this.theme = new Compartment();
    this.view = new EditorView({
      parent,
      state: EditorState.create({
        doc: text,
        extensions: [
          basicSetup,
          keymap.of([indentWithTab]),
          python(),
          this.theme.of(isDark() ? oneDark : []),
          EditorView.contentAttributes.of({ "aria-label": label }),
          EditorView.updateListener.of((update) => {
            if (update.docChanged) onChange(update.state.doc.toString());
          }),
        ],
      }),
    });
    editors.add(this);
  }

  applyTheme() {
    this.view.dispatch({ effects: this.theme.reconfigure(isDark() ? oneDark : []) });
  }

  get text() {
    return this.view.state.doc.toString();
  }

  set text(value) {
    this.view.dispatch({ changes: { from: 0, to: this.view.state.doc.length, insert: value } });
  }

  destroy() {
    editors.delete(this);
    this.view.destroy();
  }
}
