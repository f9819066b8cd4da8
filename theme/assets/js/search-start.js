// The search page's side of the search worker (search-worker.js, where Pagefind runs). The worker is started by a
// small inline script in the page's <head> (theme partial search-boot, allowed by its hash in the page's
// Content-Security-Policy) while the page is still being read, before any script file has arrived; this module takes
// it over with whatever it has said meanwhile. If that script did not run (a theme without it, a policy without its
// hash), this module starts the worker itself. search.js imports this module and asks the worker for results through
// it. The <script data-search-start> element says where the worker and pagefind.js are (data-worker, data-pagefind)
// and the base of the site's URLs (data-base).
const script = document.querySelector("script[data-search-start]");

const pending = new Map(); // message id → { resolve, reject }
let nextId = 1;
let failure = null;
let readySettled = null;

/** Resolves once Pagefind has loaded in the worker; rejects when it cannot (search.js then says search is unavailable). */
export const pagefindReady = new Promise((resolve, reject) => { readySettled = { resolve, reject }; });
// search.js handles a failure when it awaits this; until then it is not an unhandled rejection.
pagefindReady.catch(() => {});

function fail(error) {
  failure ??= error;
  readySettled.reject(failure);
  for (const { reject } of pending.values()) reject(failure);
  pending.clear();
}

const worker = adoptWorker(self.casebookSearchBoot) ?? (script ? startWorker(script.dataset) : null);
if (!worker) fail(new Error("search-start.js: no <script data-search-start> on the page"));

/** The worker the inline boot script started, with the messages and errors it kept until now; null without one. */
function adoptWorker(boot) {
  if (!boot?.worker) return null;
  const w = boot.worker;
  w.onmessage = null;
  w.onerror = null;
  listen(w);
  for (const error of boot.errors) workerFailed(error);
  for (const data of boot.messages) received(data);
  boot.messages.length = 0;
  return w;
}

function startWorker({ worker: url, pagefind, base }) {
  performance.mark("search:boot");
  const w = new Worker(url, { type: "module" });
  listen(w);
  w.postMessage({ type: "init", pagefind, base, search: location.search });
  return w;
}

function listen(w) {
  w.addEventListener("error", (event) => { event.preventDefault(); workerFailed(event.message); });
  w.addEventListener("message", ({ data }) => received(data));
}

function workerFailed(message) {
  fail(new Error(`search worker: ${message || "failed to load"}`));
}

function received(data) {
  if (data.id === 0) {
    if (data.error) fail(new Error(data.error));
    else { performance.mark("search:init"); readySettled.resolve(); }
    return;
  }
  const waiting = pending.get(data.id);
  if (!waiting) return;
  if (data.early) { waiting.early?.(data.early); return; }
  pending.delete(data.id);
  if (data.error) waiting.reject(new Error(data.error));
  else waiting.resolve(data);
}

function ask(message, early = null) {
  if (failure) return Promise.reject(failure);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject, early });
    worker.postMessage({ ...message, id });
  });
}

/**
 * Searches the index: `term` in the index's form (null: every page). Answers { search, ids, shown }: the results' ids
 * in rank order, and the shown fields ({ id, url, meta, excerpt }) of the first `first` of them, except those given
 * to `early` before: ({ ids, shown }) the first results of the head index, when it has some, before Pagefind's search.
 */
export async function searchIndex(term, first, early = null) {
  const answer = await ask({ type: "search", term, first }, early);
  return { search: answer.id, ids: answer.ids, shown: answer.shown };
}

/** The shown fields of results `ids` of search `search` (as searchIndex answered it), in that order. */
export async function shownOf(search, ids) {
  return (await ask({ type: "shown", search, ids })).shown;
}
