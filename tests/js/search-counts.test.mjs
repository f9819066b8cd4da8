// Facet filtering and counting on the search page (theme/assets/js/search-counts.js), over a small
// casebook-facets.json of the shape SearchFacetPages writes (version 2: numbers as base-32 digit strings, by column).
import { test } from "node:test";
import assert from "node:assert/strict";
import { countFacets, indexFacetPages, matches, numbers, resolveChoices } from "../../theme/assets/js/search-counts.js";

const data = await indexFacetPages({
  v: 2,
  facets: [
    ["年度", ["令和4年度", "令和5年度"], "one"],
    ["要素", ["① 記録と共有", "② 相談窓口", "③ 地域づくり"], "set"],
  ],
  prefix: "en_",
  width: 1,
  ids: "A111", // a, then +1 three times: a b c d
  // 年度: value + 1 per page. 要素: count, then the values as differences minus one: [0,1] → 2 0 0; [1] → 1 1; [0,1,2] → 3 0 0 0; [2] → 1 2.
  columns: ["1122", "20011300012"],
});
// en_lesson: a result without facet values (a lesson page).
const results = ["en_a", "en_b", "en_c", "en_d", "en_lesson"].map((id) => ({ id }));
const choose = (entries) => resolveChoices(data, new Map(entries));
const kept = (resolved) => results.filter((r) => matches(data, resolved, r.id)).map((r) => r.id);

test("numbers are base 32, the upper half of the alphabet for every digit but the last", () => {
  assert.deepEqual(numbers("0A_V__0"), [0, 10, 32 * 31 + 31, 31 * 32 * 32 + 31 * 32 + 0]);
  assert.deepEqual(numbers(""), []);
});

test("the ids are rebuilt from their differences with the file's width", async () => {
  assert.deepEqual([...(await indexFacetPages({ facets: [], prefix: "en_", width: 3, ids: "1A", columns: [] })).rows.keys()], ["en_001", "en_00b"]);
  assert.deepEqual([...(await indexFacetPages({ facets: [], prefix: "p_", width: 0, ids: ["x1", "y"], columns: [] })).rows.keys()], ["p_x1", "p_y"]);
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
