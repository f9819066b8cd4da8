// Text as the search index sees it. Mirrors src/Casebook.Core/Search/SearchText.cs and SearchVariants.cs (keep
// them in step; tests/js/search-text.test.mjs compares them): NFKC with kana iteration marks written out, then runs
// of kanji and kana as overlapping pairs of characters (a run of one character as itself), other letters and digits
// as whole words. A query's variant spellings (買物・買い物) and repeated kanji (人々) become the keys the index has
// after every place they occur.

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

const isKana = (c) => (c >= 0x3041 && c <= 0x3096) || (c >= 0x30a1 && c <= 0x30fa);
const isKanji = (c) => (c >= 0x3400 && c <= 0x4dbf) || (c >= 0x4e00 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
const isKatakana = (c) => (c >= 0x30a1 && c <= 0x30fa) || c === 0x30fc;
const isSurrogate = (c) => c >= 0xd800 && c <= 0xdfff;
/** A letter or digit outside the kanji/kana ranges (one UTF-16 unit, as in C#). */
const isWordUnit = (u) => !isSurrogate(u.charCodeAt(0)) && kindOf(u) === WORD;
const lowerAscii = (s) => s.replace(/[A-Z]/g, (c) => c.toLowerCase());

/** NFKC, and the kana iteration marks written out (こゝろ → こころ, いすゞ → いすず). */
export function normalize(text) {
  const n = text.normalize("NFKC");
  if (!/[ゝゞヽヾ]/u.test(n)) return n;
  let out = "";
  for (const c of n) {
    const previous = out.length > 0 ? out[out.length - 1] : "\0";
    if ("ゝヽゞヾ".includes(c) && isKana(previous.charCodeAt(0))) {
      if (c === "ゝ" || c === "ヽ") out += previous;
      else {
        const voiced = (previous + "\u3099").normalize("NFC");
        out += voiced.length === 1 ? voiced : previous;
      }
    } else out += c;
  }
  return out;
}

/** A spelling as it is compared: normalised, trimmed, ASCII letters in lower case. */
export const normalizeForm = (form) => lowerAscii(normalize(form).trim());

/**
 * Prepares the site's variant groups ([{ key, forms, shown }], from the search page) for matching.
 * @param {{key: string, forms: string[], shown: string[]}[]} groups
 */
export function compileVariants(groups = []) {
  const byFirst = new Map();
  for (const group of groups)
    for (const form of group.forms) {
      if (!byFirst.has(form[0])) byFirst.set(form[0], []);
      byFirst.get(form[0]).push({ form, group });
    }
  for (const list of byFirst.values())
    list.sort((a, b) => b.form.length - a.form.length || (a.form < b.form ? -1 : a.form > b.form ? 1 : 0));
  return { byFirst };
}

const lowerUnit = (u) => (u >= "A" && u <= "Z" ? u.toLowerCase() : u);

function matchesAt(text, at, form) {
  if (at + form.length > text.length) return false;
  for (let k = 0; k < form.length; k++) if (lowerUnit(text[at + k]) !== form[k]) return false;
  if (isWordUnit(form[0]) && at > 0 && isWordUnit(text[at - 1])) return false;
  const end = at + form.length;
  if (isWordUnit(form[form.length - 1]) && end < text.length && isWordUnit(text[end])) return false;
  return true;
}

function longestAt(variants, text, at) {
  const candidates = variants.byFirst.get(lowerUnit(text[at]));
  if (!candidates) return null;
  for (const c of candidates) if (matchesAt(text, at, c.form)) return c;
  return null;
}

const isRepeat = (text, i) => i > 0 && isKanji(text.charCodeAt(i - 1)) && (text[i] === "々" || text[i] === text[i - 1]);
const repeatKey = (kanji) => "cbi" + kanji.charCodeAt(0).toString(16).padStart(5, "0");
/** Keys in index text (variant groups, repeated kanji): never shown. */
export const isKey = (token) => /^cb[vi][0-9a-f]{4,5}$/u.test(token);

function withoutLongVowels(text) {
  let out = "";
  for (let i = 0; i < text.length;) {
    if (!isKatakana(text.charCodeAt(i))) { out += text[i++]; continue; }
    let end = i;
    while (end < text.length && isKatakana(text.charCodeAt(end))) end++;
    const core = text.slice(i, end).replace(/ー+$/u, "");
    out += core.length >= 3 ? core + " " : text.slice(i, end);
    i = end;
  }
  return out;
}

/**
 * The query as the index sees it (see SearchText.Query in C#): terms for Pagefind, and the spellings searched for
 * each variant group or repeated kanji the query holds.
 * @param {string} query @param {{byFirst: Map}} [variants]
 * @returns {{terms: string, forms: string[][]}}
 */
export function foldQuery(query, variants = compileVariants()) {
  const text = normalize(query);
  const terms = [];
  const forms = [];
  let plain = "";
  const flushPlain = () => {
    if (!plain) return;
    for (const t of tokens(withoutLongVowels(plain)))
      if (kindOf(String.fromCodePoint(t.codePointAt(0))) !== OTHER) terms.push(t);
    plain = "";
  };
  for (let i = 0; i < text.length;) {
    const match = longestAt(variants, text, i);
    if (match) {
      flushPlain();
      terms.push(match.group.key);
      if (!forms.includes(match.group.shown)) forms.push(match.group.shown);
      i += match.form.length;
    } else if (i + 1 < text.length && isRepeat(text, i + 1)) {
      flushPlain();
      terms.push(repeatKey(text[i]));
      forms.push([text[i] + "々", text[i] + text[i]]);
      i += 2;
    } else plain += text[i++];
  }
  flushPlain();
  return { terms: terms.join(" "), forms };
}

/**
 * The tokens of the index and of a query alike (SearchText.Tokens in C#): a kanji/kana run as overlapping pairs, a run
 * of one character as that character. A longer run's last character is in its last pair: alone it would match, as a
 * prefix, every word that starts with it.
 * @param {string} text @returns {string[]}
 */
export function tokens(text) {
  const out = [];
  let run = [];
  let runKind = SPACE;
  const flush = () => {
    if (run.length === 0) return;
    if (runKind === CJK) {
      for (let i = 0; i + 1 < run.length; i++) out.push(run[i] + run[i + 1]);
      if (run.length === 1) out.push(run[0]);
    } else if (runKind !== SPACE) out.push(run.join(""));
    run = [];
  };
  for (const ch of normalize(text)) {
    let kind = kindOf(ch);
    if (kind === OTHER && runKind === WORD && /^\p{M}$/u.test(ch)) kind = WORD;
    if (kind !== runKind) { flush(); runKind = kind; }
    run.push(ch);
  }
  flush();
  return out;
}

/** The query as the index sees it: same tokens, punctuation dropped, variants as their keys. */
export const forQuery = (query, variants) => foldQuery(query, variants).terms;

const ENTITIES = { amp: "&", lt: "<", gt: ">", quot: '"', apos: "'", nbsp: "\u00a0" };
const decodeEntities = (s) => s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/giu, (all, e) =>
  e[0] === "#" ? String.fromCodePoint(e[1] === "x" || e[1] === "X" ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10))
    : ENTITIES[e.toLowerCase()] ?? all);

// A body word after its first occurrence on a page is written in Unicode's private use plane 15 (U+F0000 + each UTF-16
// unit) so that Pagefind does not index it, hidden pairs in a row as the characters they cover (SearchRepeats.cs).
const PLANE = 0xf0000;
const unhide = (ch) => {
  const cp = ch.codePointAt(0);
  return cp >= PLANE && cp <= 0xfffff ? String.fromCharCode(cp - PLANE) : ch;
};

/**
 * Turns an excerpt of index text (pairs, with <mark> around matched tokens) back into readable
 * text. The words of the query are highlighted where they occur (Pagefind's marks cover whole
 * pairs, one character too many at the ends); Pagefind's marks are kept only when none occurs.
 * Returns segments [{ text, mark }] to be inserted as text nodes: nothing is parsed as HTML.
 * @param {string} excerptHtml
 * @param {string} [query]
 * @param {string[]} [alsoMark] other spellings that were searched (variant groups)
 */
export function readableExcerpt(excerptHtml, query = "", alsoMark = []) {
  // Pagefind escapes the text and adds only <mark> elements: split on those and decode the entities (so this
  // runs without a DOM too, in the Node tests).
  const flat = []; // [ch, marked]
  excerptHtml.split(/(<\/?mark>)/u).reduce((marked, part) => {
    if (part === "<mark>") return true;
    if (part === "</mark>") return false;
    for (const ch of decodeEntities(part.replace(/<[^>]*>/gu, ""))) flat.push([unhide(ch), marked]);
    return marked;
  }, false);
  const pieces = [];
  let current = null;
  for (const [ch, marked] of flat) {
    if (/^\s$/u.test(ch)) { current = null; continue; }
    if (!current) { current = { text: "", mark: false }; pieces.push(current); }
    current.text += ch;
    current.mark = current.mark || marked;
  }
  // A key stands between the pieces of text it follows and what comes next: it is not part of either.
  // (A part of the record that ends in a key gets a full stop after it: "cbv0000." keeps only the stop.)
  for (let i = pieces.length - 1; i >= 0; i--) {
    const rest = pieces[i].text.replace(/^cb[vi][0-9a-f]{4,5}(?![0-9a-z])/u, "");
    if (rest.length === 0) pieces.splice(i, 1);
    else if (rest !== pieces[i].text) pieces[i] = { text: rest, mark: false };
  }
  const chars = []; // { ch, mark }
  let prev = null; // previous token: { kind, length, last }
  let prevKind = null;
  for (const piece of pieces) {
    const list = Array.from(piece.text);
    const kind = kindOf(list[0]);
    if (kind === CJK && prev && prev.kind === CJK && prev.length >= 2 && prev.last === list[0]) {
      // Continues the run: a pair (or the full stop after a part's last pair) adds what follows its first character;
      // so do hidden pairs written as the characters they cover (SearchRepeats.cs), which end in the next pair's first.
      // Indexes before December 2026 also closed a run with its last character alone, which adds nothing.
      if (chars.length > 0 && piece.mark) chars[chars.length - 1].mark = true;
      for (const ch of list.slice(1)) chars.push({ ch, mark: piece.mark });
    } else {
      if (kind === WORD && prevKind === WORD) chars.push({ ch: " ", mark: false });
      for (const ch of list) chars.push({ ch, mark: piece.mark });
    }
    prev = { kind, length: list.length, last: list[list.length - 1] };
    prevKind = kind;
  }
  const plain = chars.map((c) => c.ch).join("").toLowerCase();
  const words = [...query.normalize("NFKC").toLowerCase().split(/\s+/u), ...alsoMark.map((f) => f.toLowerCase())]
    .filter((w) => w.length > 0);
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
