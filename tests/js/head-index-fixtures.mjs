// Reference implementations for the head index's tests (search-head.test.mjs, search-worker-head.test.mjs), written
// independently of theme/assets/js/search-head.js: FNV-1a buckets in BigInt arithmetic, and the bucket files' page
// lists as src/Casebook.Core/Search/SearchHead.cs writes them (SearchFacetPages.Number digits, differences minus one).

/** FNV-1a, 32 bits, over the UTF-16 code units, in BigInt arithmetic. */
export function fnv1a(word) {
  let h = 0x811c9dc5n;
  for (let i = 0; i < word.length; i++) h = ((h ^ BigInt(word.charCodeAt(i))) * 16777619n) & 0xffffffffn;
  return h;
}

export const refBucket = (word, buckets) => Number(fnv1a(word) % BigInt(buckets));

const ALPHABET = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";

/** SearchFacetPages.Number: base 32, most significant first, every digit but the last from the upper half. */
export function number(n) {
  let out = ALPHABET[n % 32];
  for (n = Math.floor(n / 32); n > 0; n = Math.floor(n / 32)) out = ALPHABET[32 + (n % 32)] + out;
  return out;
}

/** A page list as SearchHead writes it: ascending, each the difference from the one before minus one. */
export function deltas(pages) {
  let before = -1;
  let out = "";
  for (const p of [...pages].sort((a, b) => a - b)) { out += number(p - before - 1); before = p; }
  return out;
}
