// Pagefind's fetches in the search worker (theme/assets/js/search-fetch.js): gzipped files inflated by the browser's
// DecompressionStream and handed to Pagefind as inflated files; the entry, metadata and WebAssembly asked for ahead and
// Pagefind's own requests for them answered from that. In Node (which has fetch's Response, Blob and
// DecompressionStream), over a stand-in for the worker's scope whose fetch serves files from a map.
import { test } from "node:test";
import assert from "node:assert/strict";
import { gzipSync } from "node:zlib";
import { loadThemeModule } from "./theme-modules.mjs";

const { inflate, installFetch, fetchAhead } = await loadThemeModule("search-fetch.js");

const dir = "http://site.test/sub/pagefind/";
const signed = (text) => Buffer.concat([Buffer.from("pagefind_dcd"), Buffer.from(text)]);
const files = new Map([
  [dir + "pagefind-entry.json", Buffer.from(JSON.stringify({ version: "1.6.0", languages: { ja: { hash: "ja_1", wasm: "ja", page_count: 2 }, en: { hash: "en_abc", wasm: "en", page_count: 9 } } }))],
  [dir + "pagefind.en_abc.pf_meta", gzipSync(signed("meta"))],
  [dir + "wasm.en.pagefind", gzipSync(signed("wasm bytes"))],
  [dir + "index/en_1.pf_index", gzipSync(signed("chunk"))],
  [dir + "fragment/en_2.pf_fragment", signed("already inflated")],
  ["http://site.test/sub/assets/x.json", gzipSync(Buffer.from("not Pagefind's"))],
]);
const calls = [];
const scope = {
  location: { href: "http://site.test/sub/assets/js/search-worker.js" },
  fetch: async (input) => {
    calls.push(String(input));
    const url = new URL(String(input));
    const body = files.get(url.origin + url.pathname);
    return body ? new Response(body, { status: 200, headers: { "content-type": "application/octet-stream" } }) : new Response("missing", { status: 404 });
  },
};
const text = async (response) => new TextDecoder().decode(await response.arrayBuffer());

test("inflate: gzip bytes are inflated; anything else, or a broken gzip file, is left to Pagefind (null)", async () => {
  assert.equal(new TextDecoder().decode(await inflate(new Uint8Array(gzipSync(signed("x"))))), "pagefind_dcdx");
  assert.equal(await inflate(new Uint8Array(signed("x"))), null);
  assert.equal(await inflate(new Uint8Array([0x1f, 0x8b, 1, 2, 3])), null);
  assert.equal(await inflate(new Uint8Array([])), null);
});

test("fetchAhead asks for the entry, then the metadata and WebAssembly of the language with the most pages", async () => {
  assert.throws(() => fetchAhead(), /installFetch first/);
  installFetch(scope, dir);
  await fetchAhead();
  assert.match(calls[0], /^http:\/\/site\.test\/sub\/pagefind\/pagefind-entry\.json\?ts=\d+$/);
  assert.deepEqual(calls.slice(1), [dir + "pagefind.en_abc.pf_meta", dir + "wasm.en.pagefind"]);
});

test("Pagefind's own requests for those files are answered from what was asked ahead, once, inflated", async () => {
  const before = calls.length;
  const entry = await scope.fetch(dir + "pagefind-entry.json?ts=12345");
  assert.equal((await entry.json()).languages.en.hash, "en_abc");
  assert.equal(await text(await scope.fetch(dir + "pagefind.en_abc.pf_meta")), "pagefind_dcdmeta");
  assert.equal(await text(await scope.fetch(dir + "wasm.en.pagefind")), "pagefind_dcdwasm bytes");
  assert.equal(calls.length, before);
  // Asked again: fetched again (what was asked ahead answers one request).
  assert.equal(await text(await scope.fetch(dir + "pagefind.en_abc.pf_meta")), "pagefind_dcdmeta");
  assert.equal(calls.length, before + 1);
});

test("other Pagefind files are inflated when gzipped and passed on as they are otherwise; errors and other URLs untouched", async () => {
  const chunk = await scope.fetch(dir + "index/en_1.pf_index");
  assert.equal(chunk.status, 200);
  assert.equal(chunk.headers.get("content-type"), "application/octet-stream");
  assert.equal(await text(chunk), "pagefind_dcdchunk");
  assert.equal(await text(await scope.fetch(dir + "fragment/en_2.pf_fragment")), "pagefind_dcdalready inflated");
  const missing = await scope.fetch(dir + "index/none.pf_index");
  assert.equal(missing.status, 404);
  assert.equal(await text(missing), "missing");
  // Not under Pagefind's folder: the browser's answer itself, still gzipped.
  const other = await scope.fetch(new URL("http://site.test/sub/assets/x.json"));
  assert.deepEqual(Buffer.from(await other.arrayBuffer()), files.get("http://site.test/sub/assets/x.json"));
});
