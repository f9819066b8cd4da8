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
// The head index (search-head.js) ranks first the pages whose title or lead holds every word of the query, and its
// results are drawn before Pagefind has searched: when the search asks for the first n results' fields, the worker
// sends them ({ id, early }) as soon as the head index and their fragments have answered, then runs Pagefind's search.
// Pagefind's start (its WebAssembly and metadata decoded: a few hundred milliseconds of this thread at 10,000 cases)
// waits until those first results are sent, when the page's URL asks for words: its files are fetched meanwhile.
//   → { type: "init", pagefind, base, search }  pagefind.js's URL, the site's base URL and the page's query string
//                                               (location.search); answered { id: 0, ready }
//   → { id, type: "search", term, first }       term null: every page; answered { id, ids, shown }: every result id in
//                                               rank order and the fields of the first n results not sent early
//   ← { id, early: { ids, shown } }             before that answer (term and first given, the head index holds
//                                               results): the first of the head results and their fields
//   → { id, type: "shown", search, ids }        the shown fields of these results of search `search`
//   ← { id, error } when something failed.
import { fetchAhead, fetchFragment, fetchJson, installFetch, pageCount, pagefindFolder } from "./search-fetch.js";
import { headFields, headRanking } from "./search-head.js";

let pagefind = null;
let base = "/";
let openGate = null;
const gate = new Promise((resolve) => { openGate = resolve; }); // Pagefind's start waits for this
const GATE_LIMIT = 3000; // ms: Pagefind starts anyway if the page's first search has not come by then
const searches = new Map(); // search id → { byId: Map(result id → Pagefind's result), head: Set of head ids, words, readable }, the last few
const KEPT = 4;

/** True when the page's URL asks for words and nothing else: its first search will draw head results first. */
function firstSearchHasWords(search) {
  const params = new URLSearchParams(search ?? "");
  return (params.get("q") ?? "").trim().length > 0 && [...params.keys()].every((k) => k === "q");
}

/** The shown fields of head results, read from their fragments here; null when they could not be read (a browser
 * without DecompressionStream, a fragment missing): Pagefind reads them then. */
async function headFieldsOf(ids, words) {
  if (ids.length === 0) return [];
  try {
    return await headFields(ids, { words, base, fragment: fetchFragment });
  } catch {
    return null;
  }
}

/** The fields search.js draws (not the page's whole text, which Pagefind's fragment holds). */
async function shown(results) {
  const data = await Promise.all(results.map((r) => r.data()));
  return data.map((d) => ({ id: null, url: d.url, meta: d.meta, excerpt: d.excerpt }));
}

/** The shown fields of results `ids` of a kept search: head results from their fragments, the others from Pagefind. */
async function fieldsOf(search, ids) {
  const fromHead = search.readable ? await headFieldsOf(ids.filter((id) => search.head.has(id)), search.words) : null;
  if (!fromHead) search.readable = false; // not asked again for this search's later results
  const head = new Map((fromHead ?? []).map((d) => [d.id, d]));
  const rest = ids.filter((id) => !head.has(id));
  const others = await shown(rest.map((id) => search.byId.get(id)));
  others.forEach((d, i) => { d.id = rest[i]; });
  const byId = new Map(others.map((d) => [d.id, d]));
  return ids.map((id) => head.get(id) ?? byId.get(id));
}

/** The head index's ranking of `term` (null without words or without a head index: Pagefind alone ranks). */
async function headOf(term) {
  if (!term) return null;
  try {
    return await headRanking(term, { dir: pagefindFolder() + "casebook-head/", pages: await pageCount(), get: fetchJson });
  } catch {
    return null;
  }
}

async function start({ pagefind: url, base: siteBase, search }) {
  const script = new URL(url, self.location.href);
  base = siteBase ?? "/";
  installFetch(self, new URL(".", script).href);
  fetchAhead();
  if (firstSearchHasWords(search)) setTimeout(openGate, GATE_LIMIT);
  else openGate();
  const module = await import(script.href);
  await module.options({ baseUrl: base, excerptLength: 60 });
  await gate;
  await module.init();
  return module;
}

async function answer(message) {
  if (message.type === "search") {
    // The head index first (a few small files): its first results are sent before Pagefind's search, which holds this
    // thread for a while at 10,000 cases, has started.
    const head = await headOf(message.term);
    const early = new Map();
    let readable = true;
    if (head?.ids.length && message.first > 0) {
      const first = head.ids.slice(0, message.first);
      const shown = await headFieldsOf(first, head.words); // null: Pagefind's answer draws them
      readable = shown !== null;
      if (shown) {
        for (const d of shown) early.set(d.id, d);
        self.postMessage({ id: message.id, early: { ids: first, shown } });
      }
    }
    openGate();
    const pf = await pagefind;
    const { results } = await pf.search(message.term);
    const byId = new Map(results.map((r) => [r.id, r]));
    // Head results first (those Pagefind found too: all of them, as the head index's words are Pagefind's), then
    // Pagefind's other results in its order.
    const inHead = (head?.ids ?? []).filter((id) => byId.has(id));
    const search = { byId, head: new Set(inHead), words: head?.words ?? [], readable };
    const ids = [...inHead, ...results.map((r) => r.id).filter((id) => !search.head.has(id))];
    searches.set(message.id, search);
    for (const old of searches.keys()) if (searches.size > KEPT) searches.delete(old);
    const missing = ids.slice(0, message.first || 0).filter((id) => !early.has(id));
    return { ids, shown: await fieldsOf(search, missing) };
  }
  if (message.type === "shown") {
    const search = searches.get(message.search);
    if (!search) throw new Error(`search ${message.search} is no longer kept`);
    openGate();
    await pagefind;
    return { shown: await fieldsOf(search, message.ids) };
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
