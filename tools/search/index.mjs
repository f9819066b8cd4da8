// Builds the search index from records, through Pagefind's Node API (the pinned `pagefind` package):
//   node index.mjs OUTPUT_DIR < records.jsonl
// Each stdin line is one JSON record: url, parts ([{weight, text}]), language, meta, filters. casebook build
// writes them (src/Casebook.Core/Search/SearchRecords.cs), so Pagefind never crawls the written site. Each record
// becomes a small HTML document for addHTMLFile, one <p data-pagefind-weight> per part (custom records cannot carry
// weights), meta as attributes; filters are left out (casebook writes them into casebook-facets.json and
// the search page filters and counts results itself). Records are sent in the order given and Pagefind's service
// handles its messages one after another, so the same site always gives the same index; up to WINDOW are in flight
// at once, so Pagefind never waits for the next record. Prints "Indexed N pages"; exits non-zero with Pagefind's errors when something fails.
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

const escape = (s) => String(s).replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");
// Values are read from an attribute (name[data-v]), so commas and colons in them need no escaping.
const tagged = (kind, key, value) => `<span data-pagefind-${kind}="${escape(key)}[data-v]" data-v="${escape(value)}"></span>`;

function html(record) {
  const body = record.parts.map((p) => `<p data-pagefind-weight="${p.weight}">${escape(p.text)}</p>`);
  for (const [key, value] of Object.entries(record.meta)) body.push(tagged("meta", key, value));
  return `<!DOCTYPE html><html lang="${record.language}"><head><meta charset="utf-8"></head><body>${body.join("")}</body></html>`;
}

const WINDOW = 64;
let pages = 0;
const inFlight = new Set();
const add = async (record) => {
  const added = await index.addHTMLFile({ url: record.url, content: html(record) });
  if (added.errors.length > 0) await fail(`addHTMLFile ${record.url}`, added.errors);
};
for await (const line of createInterface({ input: process.stdin, crlfDelay: Infinity })) {
  if (line.length === 0) continue;
  const adding = add(JSON.parse(line)).finally(() => inFlight.delete(adding));
  inFlight.add(adding);
  pages++;
  if (inFlight.size >= WINDOW) await Promise.race(inFlight);
}
await Promise.all(inFlight);

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
