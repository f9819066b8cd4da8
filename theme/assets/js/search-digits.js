// The numbers of the search index's own files (SearchFacetPages.Number): base 32, most significant digit first, every
// digit but the last from the upper half of the alphabet. The facet files (search-counts.js) and the head index
// (search-head.js, in the search worker) are written this way.
const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

/** The numbers of a text (SearchFacetPages.Number: base 32, 32–63 for every digit but the last). */
export function numbers(text) {
  const out = [];
  let n = 0;
  for (let i = 0; i < text.length; i++) {
    const d = DIGIT[text.charCodeAt(i)];
    if (d >= 32) n = n * 32 + (d - 32);
    else { out.push(n * 32 + d); n = 0; }
  }
  return out;
}

