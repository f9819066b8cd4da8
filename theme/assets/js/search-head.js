// The head index (written by the build: src/Casebook.Core/Search/SearchHead.cs): which pages hold a word in their title
// or lead (subtitle, summary, tags). The search worker (search-worker.js) reads it to rank first the pages that hold
// every word of the query there, and draws the first of them from this index and their Pagefind fragments alone,
// before Pagefind itself has loaded and searched. Files: <pagefind>/casebook-head/<bucket>.json, one bucket per word
// (FNV-1a of its UTF-16 code units, modulo buckets(page count)), each
// {"v":1,"prefix":"en_f15c_","hex":4,"words":{"生活":[title pages, lead-only pages]}}: page numbers ascending, in the
// facet files' digits (search-digits.js), each the difference from the one before minus one.
import { numbers } from "./search-digits.js";

/** A token as Pagefind indexes it: its letters and decimal digits, lowercased (SearchHead.Word). */
export function headWord(token) {
  let word = "";
  for (const ch of token) {
    if (!/^[\p{L}\p{Nd}]$/u.test(ch)) continue;
    const lower = ch.toLowerCase(); // one character, as .NET's Rune.ToLowerInvariant gives (İ stays İ)
    word += lower.length === ch.length ? lower : ch;
  }
  return word;
}

/** How many buckets an index of `pages` pages has (SearchHead.Buckets). */
export function bucketCount(pages) {
  let n = 1;
  while (n < 2048 && n * 8 < pages) n *= 2;
  return n;
}

/** The word's bucket: FNV-1a (32 bits) of its UTF-16 code units, modulo `buckets` (SearchHead.Bucket). */
export function bucketOf(word, buckets) {
  let h = 0x811c9dc5;
  for (let i = 0; i < word.length; i++) h = Math.imul((h ^ word.charCodeAt(i)) >>> 0, 16777619) >>> 0;
  return h & (buckets - 1);
}

/** Page numbers from a list of differences (minus one). */
function pagesOf(digits) {
  const out = [];
  let before = -1;
  for (const d of numbers(digits)) { before += d + 1; out.push(before); }
  return out;
}

/**
 * The pages whose title or lead holds every word of `term` (the query in the index's form, words separated by
 * spaces), in the order the search page ranks them: those with every word in the title first, then the rest, each
 * group in page order (newest fiscal year first). `get(url)` answers a bucket file's JSON; `pages` is the index's
 * page count. Answers { ids, words } (Pagefind's result ids; the query's words) or null for a query without words.
 */
export async function headRanking(term, { dir, pages, get }) {
  const words = [...new Set(String(term).split(/\s+/u).map(headWord).filter((w) => w.length > 0))];
  if (words.length === 0) return null;
  const buckets = bucketCount(pages);
  const wanted = [...new Set(words.map((w) => bucketOf(w, buckets)))];
  const files = new Map(await Promise.all(wanted.map(async (b) => [b, await get(`${dir}${b.toString(16)}.json`)])));
  const lists = [];
  let prefix = "";
  let hex = 0;
  for (const w of words) {
    const file = files.get(bucketOf(w, buckets));
    prefix = file.prefix;
    hex = file.hex;
    const entry = Object.hasOwn(file.words ?? {}, w) ? file.words[w] : null;
    if (!entry) return { ids: [], words };
    lists.push({ title: new Set(pagesOf(entry[0])), lead: new Set(pagesOf(entry[1])) });
  }
  lists.sort((a, b) => a.title.size + a.lead.size - (b.title.size + b.lead.size));
  const titled = [];
  const led = [];
  for (const page of [...lists[0].title, ...lists[0].lead]) {
    let allTitle = true;
    let all = true;
    for (const list of lists) {
      if (list.title.has(page)) continue;
      allTitle = false;
      if (!list.lead.has(page)) { all = false; break; }
    }
    if (all) (allTitle ? titled : led).push(page);
  }
  const byNumber = (a, b) => a - b;
  const id = (page) => prefix + page.toString(16).padStart(hex, "0");
  return { ids: [...titled.sort(byNumber), ...led.sort(byNumber)].map(id), words };
}

const SEPARATORS = /[^\S\uFEFF]+/gu; // Pagefind's word separators

/**
 * An excerpt of a fragment's content as Pagefind makes one: the `length` words around where the query's words are
 * densest, escaped, each word of the query in <mark> (search-text.js readableExcerpt reads it back).
 */
export function headExcerpt(content, words, length = 60) {
  const all = content.replace(/\u200B/gu, "").replace(/</gu, "&lt;").replace(/>/gu, "&gt;").split(SEPARATORS);
  const wanted = new Set(words);
  const hits = [];
  all.forEach((w, i) => { if (wanted.has(headWord(w))) hits.push(i); });
  let start = 0;
  if (all.length > length && hits.length > 0) {
    let best = -1;
    for (let h = 0, end = 0; h < hits.length; h++) {
      while (end < hits.length && hits[end] < hits[h] + length) end++;
      if (end - h > best) { best = end - h; start = hits[h]; }
    }
    start = Math.max(0, Math.min(start - Math.floor(length / 4), all.length - length));
  }
  const marked = new Set(hits);
  return all.slice(start, start + length).map((w, i) => (marked.has(start + i) ? `<mark>${w}</mark>` : w)).join(" ").trim();
}

/** Pagefind's URL of a result (its fullUrl): the site's base, then the page's URL, slashes collapsed. */
export const resultUrl = (base, url) => /^(https?:)?\/\//u.test(url) ? url : `${base}/${url}`.replace(/\/+/gu, "/");

/** The shown fields of head results from their fragments: { id, url, meta, excerpt }. `fragment(id)` answers one's JSON. */
export async function headFields(ids, { words, base, fragment }) {
  return Promise.all(ids.map(async (id) => {
    const f = await fragment(id);
    return { id, url: resultUrl(base, f.url), meta: f.meta ?? {}, excerpt: headExcerpt(f.content ?? "", words) };
  }));
}
