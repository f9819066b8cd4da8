// Facets on the search page, filtered and counted here rather than by Pagefind: casebook build writes the ids of
// Pagefind's results into pagefind/casebook-facets.json and each facet's values per result into its own
// casebook-facets-N.json (SearchFacetPages). Pagefind's own filter counts scan the whole result list once per
// (value, page) pair, seconds for a broad query at 10,000 cases, and need every filter file loaded before the first
// search. Here one pass over the results counts every facet whose column is loaded; a column is fetched only when
// its facet is on screen or used, so the first query does not move the facets below the fold.

import { numbers } from "./search-digits.js";

const NONE = [];

/** A "mask" cell (at most 30 values: exact in 32-bit operations): the value numbers of its bits. */
function fromMask(mask) {
  const cell = [];
  for (let v = 0; mask !== 0; v++, mask >>>= 1) if (mask & 1) cell.push(v);
  return cell.length === 0 ? NONE : cell.length === 1 ? cell[0] : cell;
}

/** A column's cells, one per page: a value number, or an array of them (none: an empty array). */
function cells(text, kind, count) {
  const n = numbers(text);
  const column = new Array(count);
  let at = 0;
  for (let row = 0; row < count; row++) {
    if (kind === "one") { const v = n[at++]; column[row] = v === 0 ? NONE : v - 1; continue; }
    if (kind === "mask") { column[row] = fromMask(n[at++]); continue; }
    const size = n[at++];
    if (size === 0) { column[row] = NONE; continue; }
    const cell = new Array(size);
    let v = -1;
    for (let i = 0; i < size; i++) cell[i] = v = v + 1 + n[at++];
    column[row] = size === 1 ? cell[0] : cell;
  }
  return column;
}

/**
 * The keys (SearchFacetPages, version 4: the facets' names and how each page's row is found), indexed:
 * rowOf(id) → the page's row in the columns (undefined for a page without one); count: how many rows;
 * facets: name → { at, values, index: value → number } and columns[at], for the columns loaded so far.
 * A page is found by the first `bits` bits of the `hex` digits after the prefix when no other page shares them
 * (`ids`: those prefixes, sorted, as differences), else by its whole id (`whole`); the rows are in that order.
 * @param {{facets: string[], prefix: string, hex: number, bits: number, ids: string, whole: string[]}} json
 */
export function indexFacetKeys(json) {
  const byPrefix = new Map();
  let row = 0;
  if (json.bits > 0) {
    let key = 0;
    for (const d of numbers(json.ids)) byPrefix.set((key += d), row++);
  }
  const byId = new Map();
  for (const id of json.whole) byId.set(json.prefix + id, row++);
  const { prefix, hex, bits } = json;
  const scale = 2 ** (4 * hex - bits);
  const rowOf = (id) => {
    const whole = byId.get(id);
    if (whole !== undefined || bits === 0 || !id.startsWith(prefix)) return whole;
    const digits = id.slice(prefix.length, prefix.length + hex);
    if (digits.length < hex || !/^[0-9a-f]+$/.test(digits)) return undefined;
    return byPrefix.get(Math.floor(parseInt(digits, 16) / scale));
  };
  return { names: json.facets, rowOf, count: row, facets: new Map(), columns: [] };
}

/** Adds column <at> (SearchFacetPages: the facet's values, its kind and one cell per row) to the indexed keys. */
export function addFacetColumn(data, at, json) {
  data.columns[at] = cells(json.cells, json.kind, data.count);
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
  const row = data.rowOf(id);
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
    const row = data.rowOf(r.id);
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
