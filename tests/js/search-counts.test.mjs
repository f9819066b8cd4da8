// Facet filtering and counting on the search page (theme/assets/js/search-counts.js), over small files of the shape
// SearchFacetPages writes (version 4: the keys in casebook-facets.json, one column per facet in casebook-facets-N.json,
// numbers as base-32 digit strings).
import { test } from "node:test";
import assert from "node:assert/strict";
import { addFacetColumn, countFacets, indexFacetKeys, loadFacetPages, matches, resolveChoices } from "../../theme/assets/js/search-counts.js";
import { numbers } from "../../theme/assets/js/search-digits.js";

// Pages found by their first 4 bits (one hexadecimal digit): a, then +1 three times: a b c d.
const keys = { v: 4, facets: ["年度", "要素"], prefix: "en_", hex: 1, bits: 4, ids: "A111", whole: [] };
// 年度: value + 1 per page. 要素: count, then the values as differences minus one: [0,1] → 2 0 0; [1] → 1 1; [0,1,2] → 3 0 0 0; [2] → 1 2.
const year = { values: ["令和4年度", "令和5年度"], kind: "one", cells: "1122" };
const element = { values: ["① 記録と共有", "② 相談窓口", "③ 地域づくり"], kind: "set", cells: "20011300012" };
const data = addFacetColumn(addFacetColumn(indexFacetKeys(keys), 0, year), 1, element);
// en_lesson: a result without facet values (a lesson page).
const results = ["en_a", "en_b", "en_c", "en_d", "en_lesson"].map((id) => ({ id }));
const choose = (entries) => resolveChoices(data, new Map(entries));
const kept = (resolved) => results.filter((r) => matches(data, resolved, r.id)).map((r) => r.id);

test("numbers are base 32, the upper half of the alphabet for every digit but the last", () => {
  assert.deepEqual(numbers("0A_V__0"), [0, 10, 32 * 31 + 31, 31 * 32 * 32 + 31 * 32 + 0]);
  assert.deepEqual(numbers(""), []);
});

test("a page is found by its unshared prefix, the others by their whole id, and nothing else finds a row", () => {
  // 12 bits of 3 digits: 0x0a1 → row 0, 0x0a1 + 0x10 = 0x0b1 → row 1; 0x0c1234 and 0x0c15 share 0x0c1: whole ids, rows 2 and 3.
  const k = indexFacetKeys({ facets: [], prefix: "en_", hex: 3, bits: 12, ids: "b1G", whole: ["0c1234", "0c15"] });
  assert.equal(k.count, 4);
  assert.deepEqual(["en_0a1f00d", "en_0b1", "en_0c1234", "en_0c15"].map(k.rowOf), [0, 1, 2, 3]);
  // Another page under a shared prefix, a prefix no page has, a short or odd id, another prefix: no row.
  assert.deepEqual(["en_0c1999", "en_0d1", "en_0a", "en_0aZ", "fr_0a1"].map(k.rowOf), [undefined, undefined, undefined, undefined, undefined]);
  // Ids that are not hexadecimal: every page by its whole id.
  const words = indexFacetKeys({ facets: [], prefix: "p_", hex: 0, bits: 0, ids: "", whole: ["x1", "y"] });
  assert.deepEqual(["p_x1", "p_y", "p_z"].map(words.rowOf), [0, 1, undefined]);
});

test("nothing ticked keeps every result, pages without facets included", () => {
  assert.deepEqual(kept(choose([])), ["en_a", "en_b", "en_c", "en_d", "en_lesson"]);
});

test("an 'all' facet keeps results having every ticked value; an 'any' facet, one of them", () => {
  assert.deepEqual(kept(choose([["要素", { mode: "all", values: ["① 記録と共有", "② 相談窓口"] }]])), ["en_a", "en_c"]);
  assert.deepEqual(kept(choose([["年度", { mode: "any", values: ["令和4年度", "令和5年度"] }]])), ["en_a", "en_b", "en_c", "en_d"]);
  assert.deepEqual(kept(choose([
    ["年度", { mode: "any", values: ["令和5年度"] }],
    ["要素", { mode: "all", values: ["③ 地域づくり"] }],
  ])), ["en_c", "en_d"]);
});

test("a value no case has matches nothing", () => {
  assert.deepEqual(kept(choose([["年度", { mode: "any", values: ["平成元年度"] }]])), []);
  assert.deepEqual(kept(choose([["組織", { mode: "any", values: ["甲市社協"] }]])), []);
});

test("counts are over the filtered results; an 'any' facet's own counts leave its choices out", () => {
  const resolved = choose([["年度", { mode: "any", values: ["令和4年度"] }], ["要素", { mode: "all", values: ["② 相談窓口"] }]]);
  const counts = countFacets(data, resolved, results);
  // 年度 is counted as if nothing were ticked there: both years among results with ②.
  assert.deepEqual(counts.get("年度"), { "令和4年度": 2, "令和5年度": 1 });
  // 要素 over the results of 令和4年度 with ②: en_a and en_b.
  assert.deepEqual(counts.get("要素"), { "① 記録と共有": 1, "② 相談窓口": 2 });
});

test("with nothing ticked every facet counts every result that has values", () => {
  const counts = countFacets(data, choose([]), results);
  assert.deepEqual(counts.get("年度"), { "令和4年度": 2, "令和5年度": 2 });
  assert.deepEqual(counts.get("要素"), { "① 記録と共有": 2, "② 相談窓口": 3, "③ 地域づくり": 2 });
});

test("a mask column (the values as bits) filters and counts as the same column written as sets", () => {
  // a: ①② = 0b011, b: ② = 0b010, c: ①②③ = 0b111, d: ③ = 0b100.
  const masked = addFacetColumn(addFacetColumn(indexFacetKeys(keys), 0, year), 1, { ...element, kind: "mask", cells: "3274" });
  assert.deepEqual(masked.columns[1], data.columns[1]);
  const ticked = new Map([["要素", { mode: "all", values: ["① 記録と共有", "② 相談窓口"] }]]);
  assert.deepEqual(results.filter((r) => matches(masked, resolveChoices(masked, ticked), r.id)).map((r) => r.id), ["en_a", "en_c"]);
  assert.deepEqual(countFacets(masked, resolveChoices(masked, new Map()), results), countFacets(data, choose([]), results));
  // The highest bit a mask may hold (value 29) and a page without values.
  const wide = addFacetColumn(indexFacetKeys({ ...keys, facets: ["柱"] }), 0, { values: Array.from({ length: 30 }, (_, i) => `v${i}`), kind: "mask", cells: "mWWWW1000" });
  assert.deepEqual(wide.columns[0].slice(0, 2), [[0, 29], []]);
});

test("only the facets whose column is loaded are counted; their counts still follow every choice", () => {
  const partial = addFacetColumn(indexFacetKeys(keys), 1, element);
  const counts = countFacets(partial, resolveChoices(partial, new Map([["要素", { mode: "all", values: ["③ 地域づくり"] }]])), results);
  assert.deepEqual([...counts.keys()], ["要素"]);
  assert.deepEqual(counts.get("要素"), { "① 記録と共有": 1, "② 相談窓口": 1, "③ 地域づくり": 2 });
});

test("loading fetches the keys once and each named column once, and no other column", async () => {
  const asked = [];
  const files = { "/pagefind/casebook-facets.json": keys, "/pagefind/casebook-facets-0.json": year, "/pagefind/casebook-facets-1.json": element };
  globalThis.fetch = async (url) => {
    asked.push(url);
    return { ok: url in files, status: url in files ? 200 : 404, json: async () => files[url] };
  };
  const first = await loadFacetPages("/pagefind/casebook-facets.json", ["要素", "組織"]);
  assert.deepEqual(asked, ["/pagefind/casebook-facets.json", "/pagefind/casebook-facets-1.json"]);
  assert.deepEqual([...first.facets.keys()], ["要素"]);
  const second = await loadFacetPages("/pagefind/casebook-facets.json", ["要素", "年度"]);
  assert.equal(second, first);
  assert.deepEqual(asked.slice(2), ["/pagefind/casebook-facets-0.json"]);
  assert.deepEqual(countFacets(second, resolveChoices(second, new Map()), results).get("年度"), { "令和4年度": 2, "令和5年度": 2 });
});
