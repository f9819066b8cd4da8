// The index is written by C# (src/Casebook.Core/Search/SearchText.cs) and queries are split in the browser
// (theme/assets/js/search-text.js): a word split two ways is never found. Every function that
// tests/Casebook.JsParity prints for a text is compared with the JS export of the same name, over the sample
// content and texts chosen to differ. Needs a built tests/Casebook.JsParity (scripts/test.sh builds it).
import { test } from "node:test";
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { loadThemeModule, repoRoot } from "./theme-modules.mjs";

const searchText = await loadThemeModule("search-text.js");

const edgeCases = {
  "byte order mark (U+FEFF) inside text": "見守り\uFEFF活動 a\uFEFFb \uFEFF",
  "next line (U+0085)": "地区\u0085社協 ICT\u0085Zoom",
  "surrogate pairs": "𠮷野家の𩸽 😀 👍🏽 a𝐀b",
  "half-width kana with voiced marks": "ｺｰﾃﾞｨﾈｰﾀｰ ｶﾞｲﾄﾞ ﾊﾟﾝﾌ ｰ ｧ",
  "ideographic space": "地区\u3000社協\u3000\u3000ICT",
  "other spaces and separators": "a\u00A0b\u2003c\u2028d\u2029e\u200Bf\u180Eg\u202Fh\u205Fi\u1680j\tk\u000Bl\u000Cm\rn",
  "full-width letters, digits and brackets": "２層Ｃｏ（ＣＰ）と Zoom で「見守り」 １２３",
  "circled numbers, roman numerals and squared words": "①③⑦ Ⅲ ⅻ ㈱ ㍻ ㌔",
  "iteration marks and the prolonged sound mark": "々 ゝ ゞ ヽ ヾ ヶ ー 〆 〇 ・",
  "combining marks": "cafe\u0301 か\u3099 カ\u309A e\u0301\u0301 \u0301",
  "other scripts": "Ωμέγα Москва 한국어 ไทย عربي",
  "digits that are not ASCII": "٣ ३ ௩ ３",
  "control characters": "a\u0000b\u0007c\u001Fd\u007Fe",
  "empty": "",
};

function sampleContent() {
  const files = [join(repoRoot, "casebook.yml")];
  const walk = (dir) => {
    for (const name of readdirSync(dir).sort()) {
      const path = join(dir, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (/\.(md|yml)$/.test(name)) files.push(path);
    }
  };
  walk(join(repoRoot, "input"));
  return Object.fromEntries(files.map((f) => [relative(repoRoot, f), readFileSync(f, "utf8")]));
}

function parityProgram() {
  const bin = join(repoRoot, "tests", "Casebook.JsParity", "bin");
  const built = [];
  for (const configuration of existsSync(bin) ? readdirSync(bin) : [])
    for (const framework of readdirSync(join(bin, configuration))) {
      const dll = join(bin, configuration, framework, "Casebook.JsParity.dll");
      if (existsSync(dll)) built.push(dll);
    }
  built.sort((a, b) => statSync(b).mtimeMs - statSync(a).mtimeMs);
  if (!built.length) throw new Error(`${bin} has no Casebook.JsParity.dll: run scripts/test.sh, or dotnet build tests/Casebook.JsParity`);
  return built[0];
}

function csharpResults(texts) {
  const run = spawnSync("dotnet", [parityProgram()], { input: JSON.stringify(texts), encoding: "utf8", maxBuffer: 1 << 28 });
  if (run.error) throw run.error;
  if (run.status !== 0) throw new Error(`Casebook.JsParity exited ${run.status}: ${run.stderr}`);
  return JSON.parse(run.stdout);
}

const show = (s) => JSON.stringify(s).replace(/[\u0080-\uffff]/g, (c) => (/[\p{L}\p{N}\p{P}]/u.test(c) ? c : `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`));

/** Like deepEqual, but names the first token that differs with its neighbours, not a whole page's diff. */
function assertSame(name, text, expected, actual) {
  if (Array.isArray(expected) && Array.isArray(actual)) {
    const at = expected.findIndex((e, i) => e !== actual[i]);
    const first = at >= 0 ? at : expected.length < actual.length ? expected.length : -1;
    if (first >= 0)
      assert.fail(`${name}: token ${first} differs — C# ${show(expected.slice(Math.max(0, first - 3), first + 3))}, JS ${show(actual.slice(Math.max(0, first - 3), first + 3))} (C# ${expected.length} tokens, JS ${actual.length})`);
  } else assert.equal(actual, expected, `${name} of ${show(text.slice(0, 80))}: C# ${show(expected)}, JS ${show(actual)}`);
}

const inputs = { ...sampleContent(), ...Object.fromEntries(Object.entries(edgeCases).map(([k, v]) => [`edge case: ${k}`, v])) };
const names = Object.keys(inputs);
const results = csharpResults(names.map((n) => inputs[n]));

test("the C# side answers for every text and names functions the JS side has", () => {
  assert.equal(results.length, names.length);
  assert.ok(names.length > 30, "the sample content was not found");
  for (const fn of Object.keys(results[0])) assert.equal(typeof searchText[fn], "function", `search-text.js exports no ${fn}`);
});

names.forEach((name, i) => {
  test(`C# and JS split the same way: ${name}`, () => {
    for (const [fn, expected] of Object.entries(results[i])) assertSame(fn, inputs[name], expected, searchText[fn](inputs[name]));
  });
});
