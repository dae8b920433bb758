// Small DOM helpers shared by the widgets.

export function h(tag, attributes = {}, ...children) {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === false || value === null || value === undefined) continue;
    if (name.startsWith("on")) element.addEventListener(name.slice(2), value);
    else if (name === "className") element.className = value;
    else element.setAttribute(name, value === true ? "" : value);
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) {
      element.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
  return element;
}

export function button(label, onclick, extra = {}) {
  return h("button", { type: "button", className: "md-button awaited-button", onclick, ...extra }, label);
}

// "3 passed, 1 failed" in pytest's order.
export function describeCounts(counts) {
  const order = ["failed", "passed", "error", "skipped", "xfailed", "xpassed"];
  const parts = order.filter((name) => counts[name]).map((name) => `${counts[name]} ${name === "error" && counts[name] > 1 ? "errors" : name}`);
  return parts.join(", ") || "no tests ran";
}

// Tabs over several files: returns {element, select(name)}; `onShow(name, panel)` fills a panel.
export function fileTabs(names, onShow) {
  const list = h("div", { role: "tablist", className: "awaited-tabs" });
  const panels = h("div", { className: "awaited-tab-panels" });
  const tabs = new Map();
  function select(name) {
    for (const [tabName, { tab, panel }] of tabs) {
      const chosen = tabName === name;
      tab.setAttribute("aria-selected", String(chosen));
      tab.tabIndex = chosen ? 0 : -1;
      panel.hidden = !chosen;
      if (chosen && !panel.dataset.filled) {
        panel.dataset.filled = "1";
        onShow(tabName, panel);
      }
    }
  }
  names.forEach((name, index) => {
    const id = `awaited-tab-${Math.random().toString(36).slice(2)}`;
    const tab = h("button", { type: "button", role: "tab", id, className: "awaited-tab", onclick: () => select(name) }, name);
    tab.addEventListener("keydown", (event) => {
      const step = { ArrowRight: 1, ArrowLeft: -1 }[event.key];
      if (!step) return;
      const next = names[(index + step + names.length) % names.length];
      select(next);
      tabs.get(next).tab.focus();
    });
    const panel = h("div", { role: "tabpanel", "aria-labelledby": id, className: "awaited-tab-panel" });
    tabs.set(name, { tab, panel });
    list.append(tab);
    panels.append(panel);
  });
  select(names[0]);
  return { element: h("div", { className: "awaited-files" }, list, panels), select };
}
