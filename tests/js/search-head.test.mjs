// The head index's reader (theme/assets/js/search-head.js): its words, buckets and bucket files (of the shape
// src/Casebook.Core/Search/SearchHead.cs writes), the ranking it gives, and the shown fields of its results drawn from
// their fragments. Bucket files are built here with an encoder of their own (base-32 digits, differences minus one).
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadThemeModule } from "./theme-modules.mjs";
import { deltas, fnv1a, number, refBucket } from "./head-index-fixtures.mjs";

const { headWord, bucketCount, bucketOf, headRanking, headExcerpt, resultUrl, headFields } = await loadThemeModule("search-head.js");
const { numbers } = await loadThemeModule("search-digits.js");

/**
 * Bucket files for `words` ({ word: [title pages, lead-only pages] }) over an index of `pages` pages, keyed by their
 * file name ("<hex>.json"), as SearchHead.Write lays them out.
 */
function bucketFiles(words, { pages, prefix, hex }) {
  const buckets = bucketCount(pages);
  const files = new Map();
  for (const [word, [title, lead]] of Object.entries(words)) {
    const name = `${refBucket(word, buckets).toString(16)}.json`;
    if (!files.has(name)) files.set(name, { v: 1, prefix, hex, words: {} });
    files.get(name).words[word] = [deltas(title), deltas(lead)];
  }
  return files;
}

const DIR = "http://site.test/sub/pagefind/casebook-head/";
/** A `get` serving the files (JSON parsed, as fetchJson answers) and recording what was asked for. */
function server(files) {
  const asked = [];
  const get = async (url) => {
    asked.push(url);
    assert.ok(url.startsWith(DIR), url);
    const file = files.get(url.slice(DIR.length));
    if (!file) throw new Error(`404 fetching ${url}`);
    return JSON.parse(JSON.stringify(file));
  };
  return { asked, get };
}

// --- Tests -------------------------------------------------------------------------------------------------------

test("the test's own references: FNV-1a test vectors and the digit encoding", () => {
  assert.equal(fnv1a(""), 0x811c9dc5n);
  assert.equal(fnv1a("a"), 0xe40c292cn);
  assert.equal(fnv1a("foobar"), 0xbf9cf968n);
  assert.equal(number(0), "0");
  assert.equal(number(31), "V");
  assert.equal(number(32), "X0"); // 1·32 + 0: the 1 from the upper half (32 + 1 → X)
  assert.equal(number(259), "e3"); // 8·32 + 3: the 8 from the upper half (32 + 8 → e)
  assert.equal(number(32 * 32 * 5 + 32 * 31 + 7), "b_7");
  assert.equal(deltas([1, 5, 40, 300]), "13X2e3"); // 1, 5−1−1, 40−5−1 = 34, 300−40−1 = 259
  assert.equal(deltas([0, 1, 2]), "000");
  assert.equal(deltas([]), "");
  // The module's own digit reader reads them back.
  for (const n of [0, 31, 32, 259, 1023, 1024, 70000]) assert.deepEqual(numbers(number(n)), [n]);
});

test("headWord keeps letters and decimal digits, lowercased, and drops punctuation and private-use characters", () => {
  assert.equal(headWord("社協."), "社協");
  assert.equal(headWord("CP"), "cp");
  assert.equal(headWord("・"), "");
  assert.equal(headWord("\u{F0000}"), "");
  assert.equal(headWord("生活\u{F0001}"), "生活");
  assert.equal(headWord("「見守り」"), "見守り");
  assert.equal(headWord("２０２４年"), "２０２４年"); // full-width decimal digits are digits
  assert.equal(headWord("①Ⅱ½"), ""); // other numbers (No, Nl) are not
  assert.equal(headWord("ÄbC-1"), "äbc1");
  assert.equal(headWord("𠮷野家"), "𠮷野家"); // a letter outside the BMP (a surrogate pair) is kept whole
  assert.equal(headWord(""), "");
});

test("bucketCount: one bucket up to 8 pages, then about 8 pages a bucket in powers of two, at most 2048", () => {
  assert.equal(bucketCount(0), 1);
  assert.equal(bucketCount(1), 1);
  assert.equal(bucketCount(8), 1);
  assert.equal(bucketCount(9), 2);
  assert.equal(bucketCount(16), 2);
  assert.equal(bucketCount(17), 4);
  assert.equal(bucketCount(29), 4);
  assert.equal(bucketCount(8192), 1024);
  assert.equal(bucketCount(8193), 2048);
  assert.equal(bucketCount(10283), 2048);
  assert.equal(bucketCount(1_000_000), 2048);
  for (let pages = 0; pages < 20000; pages += 37) {
    const n = bucketCount(pages);
    assert.ok(n >= 1 && n <= 2048 && (n & (n - 1)) === 0, `${pages} → ${n}`);
    assert.ok(n === 1 || n === 2048 || (n * 8 >= pages && (n / 2) * 8 < pages), `${pages} → ${n}`);
  }
});

test("bucketOf is FNV-1a (32 bits) of the UTF-16 code units modulo the buckets, always below their count", () => {
  const words = ["生活", "保護", "社協", "見守り", "cp", "a", "foobar", "2024", "𠮷野家", "\u{F0000}", "ｸﾞﾙｰﾌﾟ", "constructor"];
  for (const buckets of [1, 2, 4, 16, 256, 1024, 2048]) {
    for (const w of words) {
      const b = bucketOf(w, buckets);
      assert.equal(b, refBucket(w, buckets), `${w} over ${buckets}`);
      assert.ok(Number.isInteger(b) && b >= 0 && b < buckets, `${w} over ${buckets}: ${b}`);
    }
  }
  // Over the code units, not the code points: the surrogate pair hashes as two units.
  assert.equal(bucketOf("𠮷", 2048), refBucket("\uD842\uDFB7", 2048));
  assert.equal(bucketOf("a", 2048), 0xe40c292c % 2048);
  // Many words, every one in range.
  for (let i = 0; i < 2000; i++) {
    const w = String.fromCharCode(0x4e00 + i) + i;
    const b = bucketOf(w, 2048);
    assert.ok(b >= 0 && b < 2048);
    assert.equal(b, refBucket(w, 2048));
  }
});

// Pages of an index of 29 pages (4 buckets); ids en_f15c_0000 … by page number in 4 hexadecimal digits.
const WORDS = {
  生活: [[1, 2, 5, 40], [3, 7, 300, 400]],
  保護: [[2, 5, 7], [1, 3, 9, 40, 300, 400]],
  cp: [[2, 5, 400], [1, 7, 300]],
  見守り: [[6], []],
};
const OPTIONS = { prefix: "en_f15c_", hex: 4 };
const id = (page) => "en_f15c_" + page.toString(16).padStart(4, "0");

test("headRanking: pages holding every word in title or lead, all-title ones first, each group by page number", async () => {
  const { asked, get } = server(bucketFiles(WORDS, { pages: 29, ...OPTIONS }));
  // 2 and 5: every word in the title; 1, 7, 300, 400: every word, some in the lead only (400 is in cp's title list but
  // in the others' lead lists); 3, 9, 40, 500…: a word missing.
  const ranked = await headRanking("生活 保護 CP", { dir: DIR, pages: 29, get });
  assert.deepEqual(ranked.ids, [2, 5, 1, 7, 300, 400].map(id));
  assert.deepEqual(ranked.words, ["生活", "保護", "cp"]);
  assert.deepEqual(ranked.ids.slice(0, 2), ["en_f15c_0002", "en_f15c_0005"]);
  assert.equal(ranked.ids[5], "en_f15c_0190");
  // The bucket files asked for are exactly those of the words, each once.
  const wanted = [...new Set(["生活", "保護", "cp"].map((w) => refBucket(w, 4)))].map((b) => DIR + b.toString(16) + ".json");
  assert.deepEqual([...asked].sort(), [...wanted].sort());
  assert.equal(new Set(asked).size, asked.length);
});

test("headRanking: two words; one word; punctuation and case in the query are the index's form", async () => {
  const { get } = server(bucketFiles(WORDS, { pages: 29, ...OPTIONS }));
  // 生活 ∩ 保護: 2, 5 all-title; then 1 (T,L), 3 (L,L), 7 (L,T), 40 (T,L), 300, 400 (L,L).
  assert.deepEqual((await headRanking("生活 保護", { dir: DIR, pages: 29, get })).ids, [2, 5, 1, 3, 7, 40, 300, 400].map(id));
  assert.deepEqual((await headRanking("生活", { dir: DIR, pages: 29, get })).ids, [1, 2, 5, 40, 3, 7, 300, 400].map(id));
  const punctuated = await headRanking("「生活」、  保護。 生活", { dir: DIR, pages: 29, get });
  assert.deepEqual(punctuated.ids, [2, 5, 1, 3, 7, 40, 300, 400].map(id));
  assert.deepEqual(punctuated.words, ["生活", "保護"]);
  assert.deepEqual((await headRanking("見守り", { dir: DIR, pages: 29, get })).ids, ["en_f15c_0006"]);
});

test("headRanking: ids are the prefix and the page number in `hex` hexadecimal digits", async () => {
  const words = { x: [[0, 4095, 70000], [255]] };
  const { get } = server(bucketFiles(words, { pages: 70001, prefix: "ja_9_", hex: 5 }));
  assert.deepEqual((await headRanking("x", { dir: DIR, pages: 70001, get })).ids, ["ja_9_00000", "ja_9_00fff", "ja_9_11170", "ja_9_000ff"]);
});

test("headRanking: a word its bucket does not hold finds nothing; a query without words is null", async () => {
  const { asked, get } = server(bucketFiles(WORDS, { pages: 29, ...OPTIONS }));
  const none = await headRanking("生活 ないもの", { dir: DIR, pages: 29, get });
  assert.deepEqual(none.ids, []);
  assert.deepEqual(none.words, ["生活", "ないもの"]);
  // 見守り is only on page 6, which 生活 is not: an empty intersection.
  assert.deepEqual((await headRanking("見守り 生活", { dir: DIR, pages: 29, get })).ids, []);
  const before = asked.length;
  assert.equal(await headRanking("・ 。 !! ", { dir: DIR, pages: 29, get }), null);
  assert.equal(await headRanking("", { dir: DIR, pages: 29, get }), null);
  assert.equal(await headRanking("\u{F0000}", { dir: DIR, pages: 29, get }), null);
  assert.equal(asked.length, before); // nothing fetched for them
});

test("headRanking: one bucket (≤ 8 pages) is fetched once for every word; a failing get rejects", async () => {
  const { asked, get } = server(bucketFiles(WORDS, { pages: 8, ...OPTIONS }));
  assert.deepEqual((await headRanking("生活 保護 cp", { dir: DIR, pages: 8, get })).ids, [2, 5, 1, 7, 300, 400].map(id));
  assert.deepEqual(asked, [DIR + "0.json"]);
  // The bucket file of a word missing (404): the ranking rejects and the worker ranks by Pagefind alone.
  const { get: partial } = server(new Map());
  await assert.rejects(headRanking("生活", { dir: DIR, pages: 29, get: partial }), /404/);
  await assert.rejects(headRanking("生活", { dir: DIR, pages: 29, get: async () => { throw new Error("offline"); } }), /offline/);
});

test("headExcerpt: short content whole, query words marked, < and > escaped, zero-width spaces removed", () => {
  assert.equal(headExcerpt("生活 の 支援", ["生活"]), "<mark>生活</mark> の 支援");
  assert.equal(headExcerpt("「生活」 と 生活。 CP 見守\u200Bり", ["生活", "cp", "見守り"]),
    "<mark>「生活」</mark> と <mark>生活。</mark> <mark>CP</mark> <mark>見守り</mark>");
  assert.equal(headExcerpt("a<b> x>y 生活", ["生活"]), "a&lt;b&gt; x&gt;y <mark>生活</mark>");
  assert.equal(headExcerpt("  生活\n\tの  支援 ", ["支援"]), "生活 の <mark>支援</mark>");
  assert.equal(headExcerpt("何も ない", ["生活"]), "何も ない");
  assert.equal(headExcerpt("", ["生活"]), "");
});

test("headExcerpt: the window of `length` words where the query's words are densest, starting a quarter before", () => {
  const words = Array.from({ length: 200 }, (_, i) => `w${i}`);
  for (const at of [10, 150, 152, 155]) words[at] = "生活";
  const mark = (w) => (w === "生活" ? "<mark>生活</mark>" : w);
  // Densest at 150 (three within 60 words); the window starts 60/4 = 15 words before: 135 … 194.
  const excerpt = headExcerpt(words.join(" "), ["生活"]);
  assert.equal(excerpt, words.slice(135, 195).map(mark).join(" "));
  assert.equal(excerpt.match(/<mark>/g).length, 3);
  // length 10 over 30 words: densest at 20 (20, 22, 25), starting 2 before.
  const short = Array.from({ length: 30 }, (_, i) => `w${i}`);
  for (const at of [2, 20, 22, 25]) short[at] = "支援";
  assert.equal(headExcerpt(short.join(" "), ["支援"], 10), short.slice(18, 28).map((w) => (w === "支援" ? "<mark>支援</mark>" : w)).join(" "));
  // Near the end: the window is kept whole, the last `length` words.
  const end = Array.from({ length: 200 }, (_, i) => `w${i}`);
  for (const at of [5, 190, 195, 198]) end[at] = "生活";
  assert.equal(headExcerpt(end.join(" "), ["生活"]), end.slice(140, 200).map(mark).join(" "));
  // Two windows as dense: the first one (from 10 − 15 → 0).
  const tie = Array.from({ length: 200 }, (_, i) => `w${i}`);
  for (const at of [10, 12, 150, 152]) tie[at] = "生活";
  assert.equal(headExcerpt(tie.join(" "), ["生活"]), tie.slice(0, 60).map(mark).join(" "));
  // No word of the query: the first `length` words.
  assert.equal(headExcerpt(end.join(" "), ["ない"], 5), "w0 w1 w2 w3 w4");
});

test("resultUrl: the site's base before the page's URL, slashes collapsed; absolute URLs untouched", () => {
  assert.equal(resultUrl("/", "/cases/x/"), "/cases/x/");
  assert.equal(resultUrl("/sub/", "/cases/x/"), "/sub/cases/x/");
  assert.equal(resultUrl("/sub", "cases/x/"), "/sub/cases/x/");
  assert.equal(resultUrl("/sub/", "http://other.test/a//b/"), "http://other.test/a//b/");
  assert.equal(resultUrl("/sub/", "https://other.test/a/"), "https://other.test/a/");
  assert.equal(resultUrl("/sub/", "//cdn.test/a/"), "//cdn.test/a/");
});

test("headFields: { id, url, meta, excerpt } of each result from its fragment, in the order asked", async () => {
  const fragments = {
    en_2: { url: "/cases/two/", meta: { title: "二 生活" }, content: "二番目 の 生活 支援" },
    en_1: { url: "/cases/one/", meta: { title: "一", image: "/i.png" }, content: "生活 が 一番" },
    en_3: { url: "/cases/three/", content: "meta も 本文 も ない" },
    en_4: { url: "/cases/four/", meta: {} },
  };
  const asked = [];
  // Answers come back out of order (later ids first); the fields keep the order asked for.
  const delays = { en_2: 20, en_1: 5, en_3: 0, en_4: 10 };
  const fragment = async (id) => {
    asked.push(id);
    await new Promise((r) => setTimeout(r, delays[id]));
    return fragments[id];
  };
  const fields = await headFields(["en_2", "en_1", "en_3", "en_4"], { words: ["生活"], base: "/sub/", fragment });
  assert.deepEqual(fields, [
    { id: "en_2", url: "/sub/cases/two/", meta: { title: "二 生活" }, excerpt: "二番目 の <mark>生活</mark> 支援" },
    { id: "en_1", url: "/sub/cases/one/", meta: { title: "一", image: "/i.png" }, excerpt: "<mark>生活</mark> が 一番" },
    { id: "en_3", url: "/sub/cases/three/", meta: {}, excerpt: "meta も 本文 も ない" },
    { id: "en_4", url: "/sub/cases/four/", meta: {}, excerpt: "" },
  ]);
  assert.deepEqual([...asked].sort(), ["en_1", "en_2", "en_3", "en_4"]);
  assert.deepEqual(await headFields([], { words: ["生活"], base: "/", fragment }), []);
  await assert.rejects(headFields(["en_9"], { words: [], base: "/", fragment: async () => { throw new Error("404 fetching fragment en_9"); } }), /404/);
});
