// Facets on the search page, filtered and counted here rather than by Pagefind: casebook build writes the ids of
// Pagefind's results into pagefind/casebook-facets.json and each facet's values per result into its own
// casebook-facets-N.json (SearchFacetPages). Pagefind's own filter counts scan the whole result list once per
// (value, page) pair, seconds for a broad query at 10,000 cases, and need every filter file loaded before the first
// search. Here one pass over the results counts every facet whose column is loaded; a column is fetched only when
// its facet is on screen or used, so the first query does not move the facets below the fold.

const DIGITS = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz-_";
const DIGIT = new Int8Array(128).fill(-1);
for (let i = 0; i < DIGITS.length; i++) DIGIT[DIGITS.charCodeAt(i)] = i;

/** The numbers of a column or of the ids (SearchFacetPages.Number: base 32, 32–63 for every digit but the last). */
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

const NONE = [];

/** A column's cells, one per page: a value number, or an array of them (none: an empty array). */
function cells(text, kind, count) {
  const n = numbers(text);
  const column = new Array(count);
  let at = 0;
  for (let row = 0; row < count; row++) {
    if (kind === "one") { const v = n[at++]; column[row] = v === 0 ? NONE : v - 1; continue; }
    const size = n[at++];
    if (size === 0) { column[row] = NONE; continue; }
    const cell = new Array(size);
    let v = -1;
    for (let i = 0; i < size; i++) cell[i] = v = v + 1 + n[at++];
    column[row] = size === 1 ? cell[0] : cell;
  }
  return column;
}

/** The pages' ids without the prefix: written as sorted hexadecimal numbers of one width, as differences. */
function ids(json) {
  if (Array.isArray(json.ids)) return json.ids;
  const width = json.width;
  let id = 0;
  return numbers(json.ids).map((d) => (id += d).toString(16).padStart(width, "0"));
}

/**
 * The keys (SearchFacetPages: the facets' names and the pages' ids), indexed: rows: id → row in the columns;
 * facets: name → { at, values, index: value → number } and columns[at], for the columns loaded so far.
 * @param {{facets: string[], prefix: string, width: number, ids: string|string[]}} json
 */
export function indexFacetKeys(json) {
  const rows = new Map();
  ids(json).forEach((id, row) => rows.set(json.prefix + id, row));
  return { names: json.facets, rows, facets: new Map(), columns: [] };
}

/** Adds column <at> (SearchFacetPages: the facet's values, its kind and one cell per row) to the indexed keys. */
export function addFacetColumn(data, at, json) {
  data.columns[at] = cells(json.cells, json.kind, data.rows.size);
  data.facets.set(data.names[at], { at, values: json.values, index: new Map(json.values.map((v, i) => [v, i])) });
  return data;
}

async function fetchJson(url) {
  const r = await fetch(url);
  if (!r.ok) throw new Error(`${url}: ${r.status}`);
  return r.json();
}

let keys = null;
const columns = new Map();

/**
 * The keys and the columns of the facets named (fetched once each; later calls share the first). A name the
 * keys do not hold (a stale link) is skipped: resolveChoices makes its choice match nothing.
 * @param {string} url casebook-facets.json; column N is casebook-facets-N.json beside it @param {Iterable<string>} names
 */
export async function loadFacetPages(url, names = []) {
  keys ??= fetchJson(url).then(indexFacetKeys);
  const data = await keys;
  await Promise.all(Array.from(new Set(names), (name) => {
    const at = data.names.indexOf(name);
    if (at < 0) return null;
    if (!columns.has(at)) columns.set(at, fetchJson(url.replace(/\.json$/, `-${at}.json`)).then((json) => addFacetColumn(data, at, json)));
    return columns.get(at);
  }));
  return data;
}

/** Whether the column of this facet has arrived (its counts can follow the query). */
export const facetLoaded = (data, name) => data.facets.has(name);

/**
 * The ticked values as numbers: facet name → { mode, at, wanted: value numbers }. A value no case has
 * (a stale link) is kept as -1, which no page holds, so the facet then matches nothing, as it should.
 * @param {ReturnType<typeof indexFacetPages>} data @param {Map<string, {mode: string, values: string[]}>} chosen
 */
export function resolveChoices(data, chosen) {
  const resolved = new Map();
  for (const [name, { mode, values }] of chosen) {
    if (values.length === 0) continue;
    const facet = data.facets.get(name);
    resolved.set(name, { mode, at: facet?.at ?? -1, wanted: values.map((v) => facet?.index.get(v) ?? -1) });
  }
  return resolved;
}

/** A cell of a column is one value number or an array of them. */
const has = (cell, v) => (Array.isArray(cell) ? cell.includes(v) : cell === v);

function holds(data, row, choice) {
  const cell = choice.at >= 0 ? data.columns[choice.at][row] : [];
  return choice.mode === "any" ? choice.wanted.some((v) => has(cell, v)) : choice.wanted.every((v) => has(cell, v));
}

/** Whether the result with this id has the ticked values of every facet except <skip>. Pages without facet
 * values (lessons, pages, forewords) pass only when nothing is ticked. */
export function matches(data, resolved, id, skip = null) {
  if (resolved.size === 0 || (resolved.size === 1 && resolved.has(skip))) return true;
  const row = data.rows.get(id);
  if (row === undefined) return false;
  for (const [name, choice] of resolved) if (name !== skip && !holds(data, row, choice)) return false;
  return true;
}

/**
 * Counts for every facet whose column is loaded: facet name → { value: number of results }. For an "any" facet with ticked values
 * the count leaves out its own choices (ticking another value there adds results); otherwise it is over the
 * results the current choices give.
 * @param {{id: string}[]} results every result of the words searched for, before facets
 */
export function countFacets(data, resolved, results) {
  const rows = [];
  for (const r of results) {
    const row = data.rows.get(r.id);
    if (row !== undefined) rows.push([r.id, row]);
  }
  const counts = new Map();
  for (const [name, facet] of data.facets) {
    const own = resolved.get(name);
    const skip = own?.mode === "any" ? name : null;
    const column = data.columns[facet.at];
    const tally = new Array(facet.values.length).fill(0);
    for (const [id, row] of rows) {
      if (!matches(data, resolved, id, skip)) continue;
      const cell = column[row];
      if (Array.isArray(cell)) for (const v of cell) tally[v]++;
      else tally[cell]++;
    }
    const byValue = {};
    tally.forEach((n, i) => { if (n > 0) byValue[facet.values[i]] = n; });
    counts.set(name, byValue);
  }
  return counts;
}
