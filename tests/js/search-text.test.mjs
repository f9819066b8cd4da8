// The browser half of search normalisation (theme/assets/js/search-text.js): variant folding, long vowels,
// iteration marks, and excerpts. The C# half is compared with this one by SearchTextParityTests.
import { test } from "node:test";
import assert from "node:assert/strict";
import { compileVariants, foldQuery, normalize, readableExcerpt, tokens } from "../../theme/assets/js/search-text.js";

const groups = [
  { key: "cbv0000", forms: ["買い物", "買物"], shown: ["買い物", "買物"] },
  { key: "cbv0001", forms: ["取り組み", "取組み", "取組"], shown: ["取り組み", "取組み", "取組"] },
  { key: "cbv0002", forms: ["子ども", "子供", "こども"], shown: ["子ども", "子供", "こども"] },
  { key: "cbv0003", forms: ["cp", "地域ケアプラザ"], shown: ["CP", "地域ケアプラザ"] },
  { key: "cbv0004", forms: ["社協", "社会福祉協議会"], shown: ["社協", "社会福祉協議会"] },
  { key: "cbv0005", forms: ["地区社協", "地区社会福祉協議会"], shown: ["地区社協", "地区社会福祉協議会"] },
];
const variants = compileVariants(groups);

test("every spelling of a group becomes the group's key", () => {
  for (const q of ["買い物", "買物"]) assert.equal(foldQuery(q, variants).terms, "cbv0000");
  for (const q of ["取り組み", "取組み", "取組"]) assert.equal(foldQuery(q, variants).terms, "cbv0001");
  for (const q of ["子ども", "子供", "こども"]) assert.equal(foldQuery(q, variants).terms, "cbv0002");
});

test("the text around a spelling is split apart from the key", () => {
  assert.equal(foldQuery("お買物の支援", variants).terms, "お cbv0000 の支 支援");
  assert.equal(foldQuery("子どもの居場所", variants).terms, "cbv0002 の居 居場 場所");
});

test("the longest spelling wins where several start", () => {
  assert.equal(foldQuery("地区社協", variants).terms, "cbv0005");
  assert.equal(foldQuery("地区社会福祉協議会", variants).terms, "cbv0005");
  assert.equal(foldQuery("社会福祉協議会", variants).terms, "cbv0004");
});

test("latin spellings ignore case and width but not word boundaries", () => {
  assert.equal(foldQuery("ＣＰ", variants).terms, "cbv0003");
  assert.equal(foldQuery("cp", variants).terms, "cbv0003");
  assert.equal(foldQuery("CPU", variants).terms, "CPU");
  assert.equal(foldQuery("CPで", variants).terms, "cbv0003 で");
});

test("the spellings searched are reported as first written", () => {
  assert.deepEqual(foldQuery("買物", variants).forms, [["買い物", "買物"]]);
  assert.deepEqual(foldQuery("cp 買い物 買物", variants).forms, [["CP", "地域ケアプラザ"], ["買い物", "買物"]]);
  assert.deepEqual(foldQuery("見守り", variants).forms, []);
});

test("a katakana word loses a final long vowel and ends its run", () => {
  assert.equal(foldQuery("コーディネーター").terms, "コー ーデ ディ ィネ ネー ータ");
  assert.equal(foldQuery("コーディネータ").terms, foldQuery("コーディネーター").terms);
  assert.equal(foldQuery("コーディネーター研修").terms, "コー ーデ ディ ィネ ネー ータ 研修");
  // Short words keep it: ルー is not ル.
  assert.equal(foldQuery("ルー").terms, "ルー");
});

test("a query leaves out a run's last character, as the index does, unless the run is that one character", () => {
  // As a prefix, シ alone would match every word starting with シ; クシ already holds it.
  assert.equal(foldQuery("タクシー").terms, "タク クシ");
  assert.deepEqual(tokens("タクシー"), ["タク", "クシ", "シー"]);
  assert.equal(foldQuery("協").terms, "協");
  assert.equal(foldQuery("の協").terms, "の協");
});

test("repeated kanji (人々・人人) become one key; kana iteration marks are written out", () => {
  assert.equal(foldQuery("人々").terms, foldQuery("人人").terms);
  assert.deepEqual(foldQuery("様々な").forms, [["様々", "様様"]]);
  assert.equal(normalize("こゝろ"), "こころ");
  assert.equal(normalize("いすゞ"), "いすず");
  assert.equal(normalize("ｺｰﾃﾞｨﾈｰﾀｰ"), "コーディネーター");
  assert.deepEqual(tokens("こゝろ"), tokens("こころ"));
});

test("excerpts drop the keys and mark every spelling searched", () => {
  const excerpt = "お買 <mark>買い</mark> <mark>い物</mark> 物 <mark>cbv0000</mark> の支 支援 援";
  const segments = readableExcerpt(excerpt, "買物", ["買い物", "買物"]);
  assert.equal(segments.map((s) => s.text).join(""), "お買い物の支援");
  assert.deepEqual(segments.filter((s) => s.mark).map((s) => s.text), ["買い物"]);
});

test("a key at the end of a part, before its full stop, is dropped too", () => {
  const segments = readableExcerpt("お買 買物 物 cbv0000. 身体 体状", "買物", ["買い物", "買物"]);
  assert.equal(segments.map((s) => s.text).join(""), "お買物.身体状");
});

test("excerpt text is decoded, never parsed as markup", () => {
  const segments = readableExcerpt("&lt;script&gt; A &amp; B", "");
  assert.equal(segments.map((s) => s.text).join(""), "<script>A&B"); // spaces only between two words
});
