// Starts the search worker while the search page is still being read. The page's <head> loads this module with
// `async`, so it runs as soon as it has arrived, without waiting for the body to be parsed and laid out (search.js, a
// module without `async`, runs only after both). The worker (search-worker.js) loads Pagefind and its entry, metadata
// and WebAssembly beside the page's own work; hints from the page cannot do that for it (a worker cannot use the
// page's preloads). search.js imports this module too (the same URL, so the same instance) and asks the worker for
// results through it. The <script> element says where the worker and pagefind.js are (data-worker, data-pagefind)
// and the base of the site's URLs (data-base).
const script = document.querySelector("script[data-search-start]");
performance.mark("search:boot");

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

const worker = script ? startWorker(script.dataset) : null;
if (!worker) fail(new Error("search-start.js: no <script data-search-start> on the page"));

function startWorker({ worker: url, pagefind, base }) {
  const w = new Worker(url, { type: "module" });
  w.addEventListener("error", (event) => { event.preventDefault(); fail(new Error(`search worker: ${event.message || "failed to load"}`)); });
  w.addEventListener("message", ({ data }) => {
    if (data.id === 0) {
      if (data.error) fail(new Error(data.error));
      else { performance.mark("search:init"); readySettled.resolve(); }
      return;
    }
    const waiting = pending.get(data.id);
    if (!waiting) return;
    pending.delete(data.id);
    if (data.error) waiting.reject(new Error(data.error));
    else waiting.resolve(data);
  });
  w.postMessage({ type: "init", pagefind, base });
  return w;
}

function ask(message) {
  if (failure) return Promise.reject(failure);
  const id = nextId++;
  return new Promise((resolve, reject) => {
    pending.set(id, { resolve, reject });
    worker.postMessage({ ...message, id });
  });
}

/**
 * Searches the index: `term` in the index's form (null: every page). Answers { search, ids, shown }: the results' ids
 * in rank order, and the shown fields ({ id, url, meta, excerpt }) of the first `first` of them.
 */
export async function searchIndex(term, first) {
  const answer = await ask({ type: "search", term, first });
  return { search: answer.id, ids: answer.ids, shown: answer.shown };
}

/** The shown fields of results `ids` of search `search` (as searchIndex answered it), in that order. */
export async function shownOf(search, ids) {
  return (await ask({ type: "shown", search, ids })).shown;
}
