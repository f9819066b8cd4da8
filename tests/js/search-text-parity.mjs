// Used by Casebook.Tests' SearchTextParityTests (the one parity test of search normalisation): reads
// {"variants": [...], "texts": [...], "queries": [...]} on stdin and prints what theme/assets/js/search-text.js makes
// of them — tokens and forQuery of every text, foldQuery of every query with the site's variants — for comparison
// with the C# side (src/Casebook.Core/Search/SearchText.cs); and "excerpts": pairs of index texts, each read back
// (readableExcerpt) as plain text (a text with its repeated words hidden from the index, SearchRepeats.cs, and the same
// text without: they must read the same); "head": the head index's word and bucket of each of "headTokens"
// (src/Casebook.Core/Search/SearchHead.cs), and "bucketCounts" of "pageCounts".
import { compileVariants, foldQuery, forQuery, readableExcerpt, tokens } from "../../theme/assets/js/search-text.js";
import { bucketCount, bucketOf, headWord } from "../../theme/assets/js/search-head.js";

let input = "";
for await (const chunk of process.stdin) input += chunk;
const { variants, texts, queries, excerpts, headTokens, pageCounts } = JSON.parse(input);
const read = (index) => readableExcerpt(index, "").map((s) => s.text).join("");
const compiled = compileVariants(variants);
process.stdout.write(JSON.stringify({
  tokens: texts.map((t) => tokens(t)),
  forQuery: texts.map((t) => forQuery(t)),
  folds: queries.map((q) => foldQuery(q, compiled)),
  excerpts: (excerpts ?? []).map((pair) => pair.map(read)),
  // The head index (search-head.js against SearchHead.cs): each token's word and its bucket among 2,048 and 4.
  head: (headTokens ?? []).map((t) => { const w = headWord(t); return [w, bucketOf(w, 2048), bucketOf(w, 4)]; }),
  bucketCounts: (pageCounts ?? []).map(bucketCount),
}));
