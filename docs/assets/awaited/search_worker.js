// Stands in for Material's search worker on pages that start Python (see
// awaited.site.runner_build.with_deferred_search). Material's worker builds the search index
// as soon as a page opens; on a page that is starting Python in another worker that took
// about 0.4 s from the first result on a 2-core machine. This one holds the index back until
// the reader goes to the search box (runner.js says so on the "awaited-search" channel) or
// the page has had a few seconds to settle, then loads Material's worker and hands it what
// came meanwhile, in order.
const SETTLE_MS = 5000;
const material = new URL(new URLSearchParams(location.search).get("material"), location.href);
const held = [];
// Without BroadcastChannel (older browsers) nothing can ask for the index early: don't wait.
const channel = globalThis.BroadcastChannel ? new BroadcastChannel("awaited-search") : null;
let started = false;

function hold({ data }) {
  held.push(data);
}

function start() {
  if (started) return;
  started = true;
  clearTimeout(timer);
  channel?.close();
  removeEventListener("message", hold);
  importScripts(material.href);
  for (const data of held) dispatchEvent(new MessageEvent("message", { data }));
}

addEventListener("message", hold);
if (channel) channel.onmessage = start;
const timer = setTimeout(start, channel ? SETTLE_MS : 0);
