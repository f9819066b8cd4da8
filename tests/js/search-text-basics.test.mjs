// theme/assets/js/search-text.js under Node: how queries are split, and how excerpts are turned back into text.
import { test } from "node:test";
import assert from "node:assert/strict";
import { loadThemeModule } from "./theme-modules.mjs";

const { tokens, forQuery, readableExcerpt } = await loadThemeModule("search-text.js");

test("kanji and kana runs become overlapping pairs; a run of one character is itself", () => {
  assert.deepEqual(tokens("地区社協"), ["地区", "区社", "社協"]);
  assert.deepEqual(tokens("見守り"), ["見守", "守り"]);
  assert.deepEqual(tokens("1層Co"), ["1", "層", "Co"]);
  assert.deepEqual(tokens("々"), ["々"]);
  assert.deepEqual(tokens(""), []);
});

test("letters and digits stay whole words; punctuation is a token of its own; spaces separate", () => {
  assert.deepEqual(tokens("ICT活用 2022年"), ["ICT", "活用", "2022", "年"]);
  assert.deepEqual(tokens("「見守り」"), ["「", "見守", "守り", "」"]);
  assert.deepEqual(tokens("Zoom・LINE"), ["Zoom", "・", "LINE"]);
  assert.deepEqual(tokens("  \t\n "), []);
});

test("full-width, half-width and ideographic space are folded by NFKC", () => {
  assert.deepEqual(tokens("２層Ｃｏ"), tokens("2層Co"));
  assert.deepEqual(tokens("ｺｰﾃﾞｨﾈｰﾀｰ"), tokens("コーディネーター"));
  assert.deepEqual(tokens("ｶﾞ"), ["ガ"]);
  assert.deepEqual(tokens("地区\u3000社協"), ["地区", "社協"]);
});

test("a character outside the Basic Multilingual Plane is one character, not two halves", () => {
  assert.deepEqual(tokens("𠮷野家"), ["𠮷野", "野家"]);
  assert.deepEqual(tokens("a😀b"), ["a", "😀", "b"]);
});

test("combining marks stay with the word they follow", () => {
  assert.deepEqual(tokens("cafe\u0301 ok"), ["café", "ok"]);
});

test("the query drops punctuation and joins the tokens with spaces", () => {
  assert.equal(forQuery("（ＣＰ）と「見守り」"), "CP と 見守 守り");
  assert.equal(forQuery("・・・"), "");
});

// readableExcerpt parses Pagefind's excerpt (escaped text and <mark> elements only) with a <template>;
// a stand-in for that one DOM call is enough in Node.
function withTemplate(run) {
  const decode = (s) => s.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, "&");
  globalThis.document = {
    createElement(name) {
      assert.equal(name, "template");
      const content = { childNodes: [] };
      return {
        content,
        set innerHTML(html) {
          for (const part of html.split(/(<mark>[^<]*<\/mark>)/)) {
            if (!part) continue;
            const marked = part.startsWith("<mark>");
            content.childNodes.push({ nodeName: marked ? "MARK" : "#text", textContent: decode(marked ? part.slice(6, -7) : part) });
          }
        },
      };
    },
  };
  try { return run(); } finally { delete globalThis.document; }
}

test("an excerpt of pairs reads as the original text, with the query's words marked", () => {
  const index = tokens("山坂の多い地区社協で").join(" ");
  assert.equal(index, "山坂 坂の の多 多い い地 地区 区社 社協 協で");
  const segments = withTemplate(() => readableExcerpt(index.replace("区社 社協 協で", "区社 <mark>社協</mark> 協で"), "社協"));
  assert.equal(segments.map((s) => s.text).join(""), "山坂の多い地区社協で");
  assert.deepEqual(segments.filter((s) => s.mark).map((s) => s.text), ["社協"]);
});

test("an excerpt does not run a run into the next one when only a space was between them, and keeps a part's full stop", () => {
  const text = (excerpt) => readableExcerpt(excerpt, "").map((s) => s.text).join("");
  assert.equal(text(tokens("香川県 東山市").join(" ")), "香川県東山市");
  assert.equal(text("地域 域福 福祉."), "地域福祉.");
  // An index written before runs lost their last character alone reads the same.
  assert.equal(text("地区 区社 社協 協 ・ 見守 守り り."), "地区社協・見守り.");
  assert.equal(text("地区 区社 社協 ・ 見守 守り."), "地区社協・見守り.");
});

test("an excerpt keeps words apart and Pagefind's marks when the query's words do not occur", () => {
  const segments = withTemplate(() => readableExcerpt("<mark>ICT</mark> 活用 用", "ＺＯＯＭ"));
  assert.deepEqual(segments, [{ text: "ICT", mark: true }, { text: "活用", mark: false }]);
});

test("markup in an excerpt stays text", () => {
  const segments = withTemplate(() => readableExcerpt("&lt;script&gt; 見守 守り り", ""));
  assert.equal(segments.map((s) => s.text).join(""), "<script>見守り");
});
