// Text as the search index sees it. Mirrors src/Casebook.Core/Search/SearchText.cs (keep both in
// step; tests/js/search-parity.test.mjs compares them): NFKC, then runs of kanji and kana as overlapping pairs of
// characters plus the run's last character, other letters and digits as whole words.

const SPACE = 0, CJK = 1, WORD = 2, OTHER = 3;

function isCjk(c) {
  return (c >= 0x3005 && c <= 0x3007) || (c >= 0x3041 && c <= 0x309f) || (c >= 0x30a1 && c <= 0x30fa) ||
    (c >= 0x30fc && c <= 0x30ff) || (c >= 0x31f0 && c <= 0x31ff) || (c >= 0x3400 && c <= 0x4dbf) ||
    (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff) || (c >= 0x20000 && c <= 0x3ffff);
}

function kindOf(ch) {
  const c = ch.codePointAt(0);
  if (isCjk(c)) return CJK;
  // Unicode's White_Space, as .NET's Rune.IsWhiteSpace: JS's \s also takes U+FEFF and leaves out U+0085.
  if (/^\p{White_Space}$/u.test(ch)) return SPACE;
  if (/^[\p{L}\p{Nd}]$/u.test(ch)) return WORD;
  return OTHER;
}

/** @param {string} text @returns {string[]} */
export function tokens(text) {
  const out = [];
  let run = [];
  let runKind = SPACE;
  const flush = () => {
    if (run.length === 0) return;
    if (runKind === CJK) {
      for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      out.push(run[run.length - 1]);
    } else if (runKind !== SPACE) out.push(run.join(""));
    run = [];
  };
  for (const ch of text.normalize("NFKC")) {
    let kind = kindOf(ch);
    if (kind === OTHER && runKind === WORD && /^\p{M}$/u.test(ch)) kind = WORD;
    if (kind !== runKind) { flush(); runKind = kind; }
    run.push(ch);
  }
  flush();
  return out;
}

/** The query as the index sees it: same tokens, punctuation dropped. */
export function forQuery(query) {
  return tokens(query).filter((t) => kindOf(String.fromCodePoint(t.codePointAt(0))) !== OTHER).join(" ");
}

/**
 * Turns an excerpt of index text (pairs, with <mark> around matched tokens) back into readable
 * text. The words of the query are highlighted where they occur (Pagefind's marks cover whole
 * pairs, one character too many at the ends); Pagefind's marks are kept only when none occurs.
 * Returns segments [{ text, mark }] to be inserted as text nodes: nothing is parsed as HTML.
 * @param {string} excerptHtml
 * @param {string} [query]
 */
export function readableExcerpt(excerptHtml, query = "") {
  // Pagefind escapes the text and adds only <mark> elements.
  const template = document.createElement("template");
  template.innerHTML = excerptHtml;
  const flat = []; // [ch, marked]
  for (const node of template.content.childNodes)
    for (const ch of node.textContent || "") flat.push([ch, node.nodeName === "MARK"]);
  const pieces = [];
  let current = null;
  for (const [ch, marked] of flat) {
    if (/^\s$/u.test(ch)) { current = null; continue; }
    if (!current) { current = { text: "", mark: false }; pieces.push(current); }
    current.text += ch;
    current.mark = current.mark || marked;
  }
  const chars = []; // { ch, mark }
  let prev = null; // previous token: { kind, length }
  let prevKind = null;
  for (const piece of pieces) {
    const list = Array.from(piece.text);
    const kind = kindOf(list[0]);
    if (kind === CJK && prev && prev.kind === CJK && prev.length === 2) {
      // Continues the run: a pair adds its second character, the closing single adds nothing.
      if (chars.length > 0 && piece.mark) chars[chars.length - 1].mark = true;
      if (list.length === 2) chars.push({ ch: list[1], mark: piece.mark });
    } else {
      if (kind === WORD && prevKind === WORD) chars.push({ ch: " ", mark: false });
      for (const ch of list) chars.push({ ch, mark: piece.mark });
    }
    prev = { kind, length: list.length };
    prevKind = kind;
  }
  const plain = chars.map((c) => c.ch).join("").toLowerCase();
  const words = query.normalize("NFKC").toLowerCase().split(/\s+/u).filter((w) => w.length > 0);
  const hits = new Array(chars.length).fill(false);
  let any = false;
  if (plain.length === chars.length) {
    for (const word of words)
      for (let at = plain.indexOf(word); at >= 0; at = plain.indexOf(word, at + 1)) {
        for (let i = at; i < at + word.length; i++) hits[i] = true;
        any = true;
      }
  }
  if (any) chars.forEach((c, i) => { c.mark = hits[i]; });
  const segments = [];
  for (const { ch, mark } of chars) {
    const last = segments[segments.length - 1];
    if (last && last.mark === mark) last.text += ch;
    else segments.push({ text: ch, mark });
  }
  return segments;
}
