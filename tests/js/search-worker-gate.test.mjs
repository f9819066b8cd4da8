// The search worker (theme/assets/js/search-worker.js) when the page's URL asks for words: Pagefind's start (its
// WebAssembly and metadata decoded, a few hundred milliseconds of the worker's thread at 10,000 cases) waits until the
// first search's head results have been sent, so they are not held up behind it; Pagefind's files are fetched
// meanwhile. (Without words in the URL Pagefind starts at once: search-worker.test.mjs.) In Node, over a stand-in
// for pagefind.js that logs its init and search, and a `self` whose fetch serves the entry, a head bucket and fragments.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { gzipSync } from "node:zlib";
import { loadThemeModule } from "./theme-modules.mjs";

const { bucketCount, bucketOf } = await loadThemeModule("search-head.js");

const dir = mkdtempSync(join(tmpdir(), "search-worker-gate-"));
const fake = join(dir, "pagefind.js");
const folder = pathToFileURL(dir).href + "/";
const log = [];
globalThis.__log = log;
writeFileSync(fake, `
export async function options() { globalThis.__log.push("options"); }
export async function init() { globalThis.__log.push("init"); }
export async function search(term) {
  globalThis.__log.push("search");
  return { results: ["en_5a_03", "en_5a_01"].map((id) => ({ id, data: async () => ({ url: "/x/", meta: {}, excerpt: "" }) })) };
}
`);

// Two pages hold 生活 in their title: 1 and 3 (differences minus one: 1, 1 → "11").
const files = new Map();
files.set("pagefind-entry.json", JSON.stringify({ languages: { en: { hash: "en_x", wasm: "en", page_count: 4 } } }));
files.set(`casebook-head/${bucketOf("生活", bucketCount(4)).toString(16)}.json`, JSON.stringify({ v: 1, prefix: "en_5a_", hex: 2, words: { 生活: ["11", ""] } }));
for (const page of [1, 3])
  files.set(`fragment/en_5a_0${page}.pf_fragment`, gzipSync(Buffer.from("pagefind_dcd" + JSON.stringify({ url: `/c${page}/`, meta: { title: `事例 ${page}` }, content: "生活 の 話" }))));

const posted = [];
let waiters = [];
globalThis.self = {
  addEventListener: (type, f) => { if (type === "message") globalThis.__listener = f; },
  postMessage: (m) => {
    posted.push(m);
    log.push(m.early ? "early" : m.id === 0 ? "ready" : "answer");
    for (const w of waiters) w();
    waiters = [];
  },
  location: { href: "http://site.test/assets/js/search-worker.js" },
  fetch: async (input) => {
    const path = String(input).split("?")[0].slice(folder.length);
    const body = files.get(path);
    return body ? new Response(body, { status: 200 }) : new Response("missing", { status: 404 });
  },
};
await loadThemeModule("search-worker.js");
const send = (data) => globalThis.__listener({ data });
async function until(predicate) {
  while (!predicate()) await new Promise((r) => waiters.push(r));
}

test("with words in the URL, Pagefind starts only after the first search's head results were sent", async () => {
  send({ type: "init", pagefind: pathToFileURL(fake).href, base: "/", search: "?q=%E7%94%9F%E6%B4%BB" });
  await new Promise((r) => setTimeout(r, 300));
  assert.ok(log.includes("options"), log.join(", ")); // pagefind.js was loaded…
  assert.ok(!log.includes("init"), log.join(", ")); // …but not started
  send({ id: 1, type: "search", term: "生活", first: 10 });
  await until(() => posted.some((m) => m.id === 1 && !m.early));
  assert.deepEqual(log.filter((e) => e !== "options"), ["early", "init", "ready", "search", "answer"]);
  assert.deepEqual(posted.find((m) => m.early).early.ids, ["en_5a_01", "en_5a_03"]);
  assert.deepEqual(posted.find((m) => m.id === 1 && !m.early).ids, ["en_5a_01", "en_5a_03"]);
});
