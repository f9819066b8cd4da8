// The search page's worker (theme/assets/js/search-worker.js): its messages, over a stand-in for pagefind.js (a module
// with Pagefind's options/init/search API whose results count their data() calls), in Node with `self` supplied.
import { test } from "node:test";
import assert from "node:assert/strict";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { loadThemeModule } from "./theme-modules.mjs";

const dir = mkdtempSync(join(tmpdir(), "search-worker-"));
const fake = join(dir, "pagefind.js");
writeFileSync(fake, `
export const calls = { options: [], data: [] };
globalThis.__fakePagefind = calls;
export async function options(o) { calls.options.push(o); }
export async function init() {}
// Pagefind's answer: results in rank order, each with its id and a data() that loads its fragment.
export async function search(term) {
  const ids = term === null ? ["en_c", "en_a", "en_b"] : Array.from({ length: 25 }, (_, i) => "en_" + String(i).padStart(2, "0"));
  return { results: ids.map((id) => ({ id, score: 1, words: [1, 2, 3], data: async () => {
    calls.data.push(id);
    return { url: "/cases/" + id + "/", meta: { title: "題 " + id }, excerpt: "<mark>" + term + "</mark>", content: "the page's whole text" };
  } })) };
}
`);

const listeners = [];
const posted = [];
let waiters = [];
const fetched = [];
globalThis.self = {
  addEventListener: (type, f) => { if (type === "message") listeners.push(f); },
  postMessage: (m) => { posted.push(m); for (const w of waiters) w(); waiters = []; },
  location: { href: "http://site.test/assets/js/search-worker.js" },
  fetch: async (url) => { fetched.push(String(url)); return new Response("missing", { status: 404 }); },
};
await loadThemeModule("search-worker.js");
const send = (m) => { for (const f of listeners) f({ data: m }); };
async function answerTo(id) {
  for (;;) {
    const found = posted.find((m) => m.id === id);
    if (found) return found;
    await new Promise((r) => waiters.push(r));
  }
}

test("init loads pagefind.js with the site's base; a search answers every id in rank order and the first n shown fields", async () => {
  send({ type: "init", pagefind: pathToFileURL(fake).href, base: "/sub/" });
  assert.deepEqual(await answerTo(0), { id: 0, ready: true });
  const calls = globalThis.__fakePagefind;
  assert.deepEqual(calls.options, [{ baseUrl: "/sub/", excerptLength: 60 }]);
  // Pagefind's entry was asked for ahead, beside pagefind.js (search-fetch.js; here it is missing, which Pagefind reports).
  assert.match(fetched[0], /pagefind-entry\.json\?ts=\d+$/);
  send({ id: 1, type: "search", term: "見守", first: 10 });
  const answer = await answerTo(1);
  assert.equal(answer.ids.length, 25);
  assert.deepEqual(answer.ids.slice(0, 3), ["en_00", "en_01", "en_02"]);
  // Only the first ten fragments were loaded, and only what the page draws is sent (not the page's whole text).
  assert.deepEqual(calls.data, answer.ids.slice(0, 10));
  assert.deepEqual(answer.shown[0], { id: "en_00", url: "/cases/en_00/", meta: { title: "題 en_00" }, excerpt: "<mark>見守</mark>" });
  assert.deepEqual(answer.shown.map((s) => s.id), answer.ids.slice(0, 10));
});

test("later results' fields are asked for by id, from the search that found them", async () => {
  send({ id: 2, type: "shown", search: 1, ids: ["en_20", "en_11"] });
  const answer = await answerTo(2);
  assert.deepEqual(answer.shown.map((s) => [s.id, s.url]), [["en_20", "/cases/en_20/"], ["en_11", "/cases/en_11/"]]);
});

test("a search with first 0 loads no fragment; a search no longer kept is an error answered to its message", async () => {
  const calls = globalThis.__fakePagefind;
  const before = calls.data.length;
  send({ id: 3, type: "search", term: null, first: 0 });
  const answer = await answerTo(3);
  assert.deepEqual(answer.ids, ["en_c", "en_a", "en_b"]);
  assert.deepEqual(answer.shown, []);
  assert.equal(calls.data.length, before);
  for (const id of [4, 5, 6, 7]) send({ id, type: "search", term: "x", first: 0 });
  for (const id of [4, 5, 6, 7]) await answerTo(id);
  send({ id: 8, type: "shown", search: 1, ids: ["en_00"] });
  assert.match((await answerTo(8)).error, /search 1 is no longer kept/);
  send({ id: 9, type: "shown", search: 7, ids: ["en_00"] });
  assert.equal((await answerTo(9)).shown[0].id, "en_00");
});

test("when pagefind.js cannot be loaded, init and every search answer an error", async () => {
  posted.length = 0;
  send({ type: "init", pagefind: pathToFileURL(join(dir, "missing.js")).href, base: "/" });
  assert.ok((await answerTo(0)).error);
  send({ id: 10, type: "search", term: "見守", first: 10 });
  assert.ok((await answerTo(10)).error);
});
