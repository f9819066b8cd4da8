// The search page's worker (started by search-start.js): Pagefind runs here, off the page's thread, and the page gets
// only what it draws. Pagefind's own worker would send the page every result with its word positions and make the
// page register each one (thousands at 10,000 cases) before the first could be drawn; here the page gets the results'
// ids in rank order and, in the same answer, the fields it shows of the first ones, whose fragments are fetched
// right after the scoring without a round trip through the page.
// Inside a worker pagefind.js has no page to start a worker of its own from, so it runs on this thread. It has no
// <html lang> to read either: it takes the index of the most pages, the only one (the index's language, "en",
// whose tokens are kept as they are; see search-text.js).
// Two things save time before the first results (search-fetch.js): Pagefind's gzipped files are inflated by the
// browser (DecompressionStream) instead of pagefind.js's own JavaScript inflater, and the entry, metadata and
// WebAssembly are asked for as soon as this worker starts, while pagefind.js itself is still on its way.
//   → { type: "init", pagefind, base }           pagefind.js's URL and the site's base URL; answered { id: 0, ready }
//   → { id, type: "search", term, first }       term null: every page; answered { id, ids, shown: first n results }
//   → { id, type: "shown", search, ids }        the shown fields of these results of search `search`
//   ← { id, error } when something failed.
import { fetchAhead, installFetch } from "./search-fetch.js";

let pagefind = null;
const searches = new Map(); // search id → Map(result id → Pagefind's result), the last few
const KEPT = 4;

/** The fields search.js draws (not the page's whole text, which Pagefind's fragment holds). */
async function shown(results) {
  const data = await Promise.all(results.map((r) => r.data()));
  return data.map((d) => ({ id: null, url: d.url, meta: d.meta, excerpt: d.excerpt }));
}

async function start({ pagefind: url, base }) {
  const script = new URL(url, self.location.href);
  installFetch(self, new URL(".", script).href);
  fetchAhead();
  const module = await import(script.href);
  await module.options({ baseUrl: base, excerptLength: 60 });
  await module.init();
  return module;
}

async function answer(message) {
  const pf = await pagefind;
  if (message.type === "search") {
    const { results } = await pf.search(message.term);
    const byId = new Map(results.map((r) => [r.id, r]));
    searches.set(message.id, byId);
    for (const old of searches.keys()) if (searches.size > KEPT) searches.delete(old);
    const first = await shown(results.slice(0, message.first || 0));
    first.forEach((d, i) => { d.id = results[i].id; });
    return { ids: results.map((r) => r.id), shown: first };
  }
  if (message.type === "shown") {
    const byId = searches.get(message.search);
    if (!byId) throw new Error(`search ${message.search} is no longer kept`);
    const data = await shown(message.ids.map((id) => byId.get(id)));
    data.forEach((d, i) => { d.id = message.ids[i]; });
    return { shown: data };
  }
  throw new Error(`unknown message ${message.type}`);
}

self.addEventListener("message", async ({ data: message }) => {
  if (message.type === "init") {
    pagefind = start(message);
    pagefind.then(() => self.postMessage({ id: 0, ready: true }), (error) => self.postMessage({ id: 0, error: String(error?.message ?? error) }));
    return;
  }
  try {
    self.postMessage({ id: message.id, ...(await answer(message)) });
  } catch (error) {
    self.postMessage({ id: message.id, error: String(error?.message ?? error) });
  }
});
