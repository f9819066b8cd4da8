// Builds the search index from records, through Pagefind's Node API (the pinned `pagefind` package):
//   node index.mjs OUTPUT_DIR < records.jsonl
// Each stdin line is one JSON record as Pagefind's addCustomRecord takes it: url, content, language, meta,
// filters, sort. casebook build writes them (src/Casebook.Core/Search/SearchRecords.cs), so Pagefind never
// crawls the written site. Records are added one at a time, in the order given, so the same site always gives
// the same index. Prints "Indexed N pages"; exits non-zero with Pagefind's errors when something fails.
import { readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { createInterface } from "node:readline";
import * as pagefind from "pagefind";

const outputPath = process.argv[2];
if (!outputPath) {
  console.error("usage: node index.mjs OUTPUT_DIR < records.jsonl");
  process.exit(2);
}

const fail = async (what, errors) => {
  console.error(`${what}: ${errors.join("; ")}`);
  await pagefind.close();
  process.exit(1);
};

// The index language must match search.js (see PagefindIndexer.IndexLanguage): our tokens are kept as they are.
const { index, errors } = await pagefind.createIndex({ forceLanguage: "en" });
if (!index) await fail("createIndex", errors);

let pages = 0;
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.length === 0) continue;
  const added = await index.addCustomRecord(JSON.parse(line));
  if (added.errors.length > 0) await fail(`addCustomRecord ${JSON.parse(line).url}`, added.errors);
  pages++;
}

const written = await index.writeFiles({ outputPath });
if (written.errors.length > 0) await fail("writeFiles", written.errors);

// writeFiles can answer while the backend is still writing some files, and close() kills the backend:
// wait (a few seconds at most) until no file it wrote is empty, so none is cut off.
const emptyFiles = () => readdirSync(outputPath, { recursive: true, withFileTypes: true })
  .filter((e) => e.isFile() && statSync(join(e.parentPath ?? e.path, e.name)).size === 0)
  .map((e) => e.name);
for (let waited = 0; emptyFiles().length > 0 && waited < 10_000; waited += 50) {
  await new Promise((r) => setTimeout(r, 50));
}
const stillEmpty = emptyFiles();
if (stillEmpty.length > 0) await fail("writeFiles", [`empty files: ${stillEmpty.join(", ")}`]);
console.log(`Indexed ${pages} page${pages === 1 ? "" : "s"}`);
await pagefind.close();
