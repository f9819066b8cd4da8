// The search worker (theme/assets/js/search-worker.js) with a head index (search-head.js): the first head results
// sent early, from the head index and their fragments, before Pagefind's search; the final answer ranking the head
// results first; later head results drawn from their fragments, the others from Pagefind. In Node, over a stand-in
// for pagefind.js and a `self` whose fetch serves Pagefind's entry, the head index's bucket files and gzipped
// fragments. (node --test runs each file in a process of its own: this worker module is a fresh instance.)
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { loadThemeModule } from "./theme-modules.mjs";
import { deltas, refBucket } from "./head-index-fixtures.mjs";

const { bucketCount } = await loadThemeModule("search-head.js");

// --- The index: 40 pages, ids en_5a_00 … en_5a_27 ------------------------------------------------------------------
const PAGES = 40;
const id = (page) => "en_5a_" + page.toString(16).padStart(2, "0");
// Head words: [title pages, lead-only pages].
const HEAD = {
  生活: [[3, 12, 30], [1, 20, 25, 33]],
  支援: [[12, 20], [3, 7, 25, 36]],
};
// "生活 支援": 12 has both in its title; 3, 20, 25 have both, one or both in the lead only.
const HEAD_BOTH = [12, 3, 20, 25].map(id);
// "生活": title pages, then lead-only pages.
const HEAD_LIFE = [3, 12, 30, 1, 20, 25, 33].map(id);
// Pagefind's ranks, not the head order; for 生活, Pagefind does not find 33 (en_5a_21).
const PAGEFIND = {
  "生活 支援": ["en_5a_07", "en_5a_19", "en_5a_01", "en_5a_03", "en_5a_22", "en_5a_14", "en_5a_0c", "en_5a_10"],
  生活: ["en_5a_07", "en_5a_19", "en_5a_0c", "en_5a_22", "en_5a_03", "en_5a_01", "en_5a_14", "en_5a_1e"],
};

const dir = mkdtempSync(join(tmpdir(), "search-worker-head-"));
const fake = join(dir, "pagefind.js");
const folder = pathToFileURL(dir).href + "/"; // Pagefind's folder as the worker sees it (beside pagefind.js)
const log = []; // what happened, in order: "search:<term>", "data:<id>", "post:<id>:early|answer", "fragment:<id>", "head:<file>"
globalThis.__log = log;
globalThis.__pagefind = PAGEFIND;
writeFileSync(fake, `
export async function options() {}
export async function init() {}
export async function search(term) {
  globalThis.__log.push("search:" + term);
  const ids = globalThis.__pagefind[term] ?? [];
  return { results: ids.map((id) => ({ id, score: 1, words: [1], data: async () => {
    globalThis.__log.push("data:" + id);
    return { url: "/sub/cases/" + id + "/", meta: { title: "Pagefind " + id }, excerpt: "pf <mark>" + term + "</mark>", content: "whole text" };
  } })) };
}
`);

const buckets = bucketCount(PAGES);
const files = new Map(); // path under Pagefind's folder → bytes
files.set("pagefind-entry.json", Buffer.from(JSON.stringify({ version: "1.4.0", languages: { en: { hash: "en_x", wasm: "en", page_count: PAGES } } })));
for (const [word, [title, lead]] of Object.entries(HEAD)) {
  const name = `casebook-head/${refBucket(word, buckets).toString(16)}.json`;
  const file = files.has(name) ? JSON.parse(files.get(name)) : { v: 1, prefix: "en_5a_", hex: 2, words: {} };
  file.words[word] = [deltas(title), deltas(lead)];
  files.set(name, Buffer.from(JSON.stringify(file)));
}
const fragmentOf = (page) => ({
  url: `/cases/c${page}/`,
  meta: { title: `事例 ${page}` },
  content: `事例 ${page} の 生活 と 地域 の 支援 <b>`,
});
for (let page = 0; page < PAGES; page++) {
  files.set(`fragment/${id(page)}.pf_fragment`, gzipSync(Buffer.concat([Buffer.from("pagefind_dcd"), Buffer.from(JSON.stringify(fragmentOf(page)))])));
}
const excerptOf = (page) => `事例 ${page} の <mark>生活</mark> と 地域 の <mark>支援</mark> &lt;b&gt;`;
const headField = (page) => ({ id: id(page), url: `/sub/cases/c${page}/`, meta: { title: `事例 ${page}` }, excerpt: excerptOf(page) });
const pagefindField = (i, term) => ({ id: i, url: `/sub/cases/${i}/`, meta: { title: `Pagefind ${i}` }, excerpt: `pf <mark>${term}</mark>` });

let headMissing = false; // the head index's files answer 404
let fragmentsUnreadable = false; // fragments answer bytes the worker cannot inflate (as without DecompressionStream)
const listeners = [];
const posted = [];
let waiters = [];
globalThis.self = {
  addEventListener: (type, f) => { if (type === "message") listeners.push(f); },
  postMessage: (m) => {
    posted.push(m);
    if (m.id > 0) log.push(`post:${m.id}:${m.early ? "early" : "answer"}`);
    for (const w of waiters) w();
    waiters = [];
  },
  location: { href: "http://site.test/sub/assets/js/search-worker.js" },
  fetch: async (input) => {
    const url = String(input).split("?")[0];
    assert.ok(url.startsWith(folder), url);
    const path = url.slice(folder.length);
    if (path.startsWith("fragment/")) {
      log.push("fragment:" + path.slice(9, -12));
      if (fragmentsUnreadable) return new Response("not gzip", { status: 200 });
    }
    if (path.startsWith("casebook-head/")) {
      log.push("head:" + path.slice(14));
      if (headMissing) return new Response("missing", { status: 404 });
    }
    const body = files.get(path);
    return body ? new Response(body, { status: 200 }) : new Response("missing", { status: 404 });
  },
};
await loadThemeModule("search-worker.js");
const send = (m) => { for (const f of listeners) f({ data: m }); };
async function answerTo(id) {
  for (;;) {
    const found = posted.find((m) => m.id === id && !m.early);
    if (found) return found;
    await new Promise((r) => waiters.push(r));
  }
}
const earlyOf = (id) => posted.filter((m) => m.id === id && m.early);
const since = (mark) => log.slice(mark);
const indexOf = (entry) => { const i = log.indexOf(entry); assert.notEqual(i, -1, `${entry} in ${log.join(", ")}`); return i; };

test("the fake index: 40 pages in 8 buckets, the two words in two bucket files", () => {
  assert.equal(buckets, 8);
  assert.notEqual(refBucket("生活", buckets), refBucket("支援", buckets));
  assert.equal([...files.keys()].filter((k) => k.startsWith("casebook-head/")).length, 2);
});

test("init", async () => {
  send({ type: "init", pagefind: pathToFileURL(fake).href, base: "/sub/" });
  assert.deepEqual(await answerTo(0), { id: 0, ready: true });
});

test("a search sends the first head results early, before Pagefind searches, then every id with the head results first", async () => {
  const mark = log.length;
  send({ id: 1, type: "search", term: "生活 支援", first: 6 });
  const answer = await answerTo(1);
  const early = earlyOf(1);
  assert.equal(early.length, 1);
  // The head index holds four pages with both words: all four sent early, from their fragments, with the site's base.
  assert.deepEqual(early[0], { id: 1, early: { ids: HEAD_BOTH, shown: [12, 3, 20, 25].map(headField) } });
  // Early came before the answer, and before Pagefind's search was called.
  assert.ok(posted.indexOf(early[0]) < posted.indexOf(answer));
  assert.ok(indexOf("post:1:early") < indexOf("search:生活 支援"));
  assert.ok(indexOf("post:1:early") < indexOf("post:1:answer"));
  // Every id once: the head results in head order, then Pagefind's others in Pagefind's order.
  assert.deepEqual(answer.ids, [...HEAD_BOTH, "en_5a_07", "en_5a_01", "en_5a_22", "en_5a_10"]);
  assert.equal(new Set(answer.ids).size, answer.ids.length);
  // The answer's fields: the rest of the first six (not those sent early), from Pagefind.
  assert.deepEqual(answer.shown, [pagefindField("en_5a_07", "生活 支援"), pagefindField("en_5a_01", "生活 支援")]);
  // Pagefind's data() only for those two; the head results' fragments fetched by the worker itself, once each.
  const happened = since(mark);
  assert.deepEqual(happened.filter((e) => e.startsWith("data:")), ["data:en_5a_07", "data:en_5a_01"]);
  assert.deepEqual(happened.filter((e) => e.startsWith("fragment:")).sort(), HEAD_BOTH.map((i) => "fragment:" + i).sort());
  // The bucket files of the query's words, each once.
  const wanted = [...new Set(["生活", "支援"].map((w) => refBucket(w, buckets).toString(16) + ".json"))].sort();
  assert.deepEqual(happened.filter((e) => e.startsWith("head:")).map((e) => e.slice(5)).sort(), wanted);
});

test("with more head results than the first page: the first sent early, the answer's fields none of them again", async () => {
  const mark = log.length;
  send({ id: 2, type: "search", term: "生活", first: 2 });
  const answer = await answerTo(2);
  const early = earlyOf(2);
  assert.equal(early.length, 1);
  assert.deepEqual(early[0].early.ids, HEAD_LIFE.slice(0, 2));
  assert.deepEqual(early[0].early.shown.map((s) => [s.id, s.url, s.meta.title]), [["en_5a_03", "/sub/cases/c3/", "事例 3"], ["en_5a_0c", "/sub/cases/c12/", "事例 12"]]);
  assert.match(early[0].early.shown[0].excerpt, /<mark>生活<\/mark>/);
  assert.ok(indexOf("post:2:early") < indexOf("search:生活"));
  // Head results Pagefind found (not en_5a_21), then Pagefind's others in its order.
  assert.deepEqual(answer.ids, [...HEAD_LIFE.filter((i) => i !== "en_5a_21"), "en_5a_07", "en_5a_22"]);
  assert.deepEqual(answer.shown, []);
  assert.deepEqual(since(mark).filter((e) => e.startsWith("data:")), []);
  assert.deepEqual(since(mark).filter((e) => e.startsWith("fragment:")).sort(), ["fragment:en_5a_03", "fragment:en_5a_0c"]);
});

test("'shown' answers a later head result from its fragment and another result through Pagefind's data()", async () => {
  const mark = log.length;
  send({ id: 3, type: "shown", search: 2, ids: ["en_5a_1e", "en_5a_22", "en_5a_14"] });
  const answer = await answerTo(3);
  const excerpt = (page) => `事例 ${page} の <mark>生活</mark> と 地域 の 支援 &lt;b&gt;`;
  assert.deepEqual(answer.shown, [
    { id: "en_5a_1e", url: "/sub/cases/c30/", meta: { title: "事例 30" }, excerpt: excerpt(30) },
    pagefindField("en_5a_22", "生活"),
    { id: "en_5a_14", url: "/sub/cases/c20/", meta: { title: "事例 20" }, excerpt: excerpt(20) },
  ]);
  const happened = since(mark);
  assert.deepEqual(happened.filter((e) => e.startsWith("data:")), ["data:en_5a_22"]);
  assert.deepEqual(happened.filter((e) => e.startsWith("fragment:")).sort(), ["fragment:en_5a_14", "fragment:en_5a_1e"]);
  // And of the first search, too: its head results from fragments, its others from Pagefind.
  send({ id: 4, type: "shown", search: 1, ids: ["en_5a_10", "en_5a_19"] });
  const first = await answerTo(4);
  assert.deepEqual(first.shown, [pagefindField("en_5a_10", "生活 支援"), headField(25)]);
});

test("a search with first 0 (facets chosen) sends nothing early but still ranks the head results first", async () => {
  const mark = log.length;
  send({ id: 5, type: "search", term: "生活 支援", first: 0 });
  const answer = await answerTo(5);
  assert.deepEqual(earlyOf(5), []);
  assert.deepEqual(answer.ids, [...HEAD_BOTH, "en_5a_07", "en_5a_01", "en_5a_22", "en_5a_10"]);
  assert.deepEqual(answer.shown, []);
  assert.deepEqual(since(mark).filter((e) => e.startsWith("data:") || e.startsWith("fragment:")), []);
});

test("when the head index's bucket file answers 404: Pagefind's order unchanged, nothing early, fields from Pagefind", async () => {
  headMissing = true;
  try {
    const mark = log.length;
    send({ id: 6, type: "search", term: "生活 支援", first: 6 });
    const answer = await answerTo(6);
    assert.deepEqual(earlyOf(6), []);
    assert.deepEqual(answer.ids, PAGEFIND["生活 支援"]);
    assert.deepEqual(answer.shown, PAGEFIND["生活 支援"].slice(0, 6).map((i) => pagefindField(i, "生活 支援")));
    const happened = since(mark);
    assert.ok(happened.some((e) => e.startsWith("head:")), "the head index was asked");
    assert.deepEqual(happened.filter((e) => e.startsWith("fragment:")), []);
    assert.deepEqual(happened.filter((e) => e.startsWith("data:")), PAGEFIND["生活 支援"].slice(0, 6).map((i) => "data:" + i));
    // Later fields of that search come from Pagefind too (no head results).
    send({ id: 7, type: "shown", search: 6, ids: ["en_5a_0c"] });
    assert.deepEqual((await answerTo(7)).shown, [pagefindField("en_5a_0c", "生活 支援")]);
  } finally {
    headMissing = false;
  }
});

test("head results whose fragments the worker cannot read: still ranked first, nothing early, their fields from Pagefind", async () => {
  fragmentsUnreadable = true;
  try {
    const mark = log.length;
    send({ id: 20, type: "search", term: "生活 支援", first: 6 });
    const answer = await answerTo(20);
    assert.deepEqual(earlyOf(20), []);
    assert.deepEqual(answer.ids, [...HEAD_BOTH, "en_5a_07", "en_5a_01", "en_5a_22", "en_5a_10"]);
    assert.deepEqual(answer.shown.map((d) => d.id), answer.ids.slice(0, 6));
    assert.deepEqual(answer.shown[0], pagefindField(HEAD_BOTH[0], "生活 支援"));
    assert.deepEqual(since(mark).filter((e) => e.startsWith("data:")), answer.ids.slice(0, 6).map((i) => "data:" + i));
  } finally {
    fragmentsUnreadable = false;
  }
});

test("a query of punctuation only, or every page (term null), ranks by Pagefind alone without asking the head index", async () => {
  PAGEFIND["・"] = ["en_5a_02", "en_5a_01"];
  PAGEFIND.null = ["en_5a_27", "en_5a_00"];
  const mark = log.length;
  send({ id: 8, type: "search", term: "・", first: 5 });
  send({ id: 9, type: "search", term: null, first: 0 });
  assert.deepEqual((await answerTo(8)).ids, ["en_5a_02", "en_5a_01"]);
  assert.deepEqual((await answerTo(9)).ids, ["en_5a_27", "en_5a_00"]);
  assert.deepEqual(earlyOf(8), []);
  assert.deepEqual(since(mark).filter((e) => e.startsWith("head:") || e.startsWith("fragment:")), []);
});
