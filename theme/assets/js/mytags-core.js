// マイタグ logic without the DOM: the stored format, adding and removing tags, merging colleagues' files,
// grouping for /my/, and the JSON/CSV exports. docs/mytags.md describes the formats.

export const FORMAT = "casebook-mytags";
export const VERSION = 1;
export const STORE_VERSION = 1;
export const MAX_TAG_LENGTH = 40;
export const MAX_TAGS_PER_CASE = 30;
export const MAX_NOTE_LENGTH = 1000;
const CASE_ID = /^[a-z0-9][a-z0-9-]*$/;
export const READER_ID = /^[A-Za-z0-9_-]{1,40}$/;

/** Replaces {name} placeholders in a UI string. */
export function fmt(text, vars = {}) {
  return String(text ?? "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

/** NFKC, trimmed, inner white space collapsed: the same rule as the site's tags (ＩＣＴ and "ICT " are one tag). */
export function normalizeTag(raw) {
  return String(raw ?? "").normalize("NFKC").trim().replace(/\s+/g, " ");
}

export function isCaseId(id) {
  return typeof id === "string" && CASE_ID.test(id);
}

export function emptyStore(readerId) {
  return { version: STORE_VERSION, reader: { id: readerId, name: "" }, cases: {}, imported: { readers: [], cases: {} } };
}

export const isObject = (v) => v !== null && typeof v === "object" && !Array.isArray(v);

/**
 * Reads the stored text. problem: null (fine or nothing stored), "corrupt" (unreadable: nothing kept),
 * "partial" (some entries dropped) or "version" (written by a newer site: nothing kept). The caller keeps
 * the original text aside whenever there is a problem.
 */
export function parseStore(raw, newReaderId) {
  if (raw === null || raw === undefined || raw === "") return { store: emptyStore(newReaderId), problem: null };
  let obj;
  try {
    obj = JSON.parse(raw);
  } catch {
    return { store: emptyStore(newReaderId), problem: "corrupt" };
  }
  if (!isObject(obj) || typeof obj.version !== "number") return { store: emptyStore(newReaderId), problem: "corrupt" };
  if (obj.version > STORE_VERSION) return { store: emptyStore(newReaderId), problem: "version" };
  if (obj.version !== STORE_VERSION) return { store: emptyStore(newReaderId), problem: "corrupt" };
  let dropped = false;
  const reader = isObject(obj.reader) && typeof obj.reader.id === "string" && READER_ID.test(obj.reader.id)
    ? { id: obj.reader.id, name: typeof obj.reader.name === "string" ? obj.reader.name : "" }
    : (dropped = true, { id: newReaderId, name: "" });
  const store = emptyStore(reader.id);
  store.reader.name = reader.name;
  const cases = isObject(obj.cases) ? obj.cases : (obj.cases === undefined ? {} : (dropped = true, {}));
  for (const [id, entry] of Object.entries(cases)) {
    const clean = cleanEntry(id, entry);
    if (clean) store.cases[id] = clean;
    else dropped = true;
  }
  const imported = obj.imported === undefined ? { readers: [], cases: {} } : obj.imported;
  if (isObject(imported) && Array.isArray(imported.readers) && isObject(imported.cases)) {
    for (const r of imported.readers) {
      if (isObject(r) && typeof r.id === "string" && READER_ID.test(r.id) && r.id !== reader.id) {
        store.imported.readers.push({ id: r.id, name: typeof r.name === "string" ? r.name : "" });
      } else dropped = true;
    }
    const known = new Set(store.imported.readers.map((r) => r.id));
    for (const [id, entry] of Object.entries(imported.cases)) {
      const clean = cleanImported(id, entry, known);
      if (clean) store.imported.cases[id] = clean;
      else dropped = true;
    }
  } else dropped = true;
  return { store, problem: dropped ? "partial" : null };
}

function cleanEntry(id, entry) {
  if (!isCaseId(id) || !isObject(entry) || !Array.isArray(entry.tags)) return null;
  const tags = [];
  for (const raw of entry.tags) {
    if (typeof raw !== "string") return null;
    const tag = normalizeTag(raw);
    if (tag && tag.length <= MAX_TAG_LENGTH && !tags.includes(tag)) tags.push(tag);
  }
  const note = typeof entry.note === "string" ? entry.note.slice(0, MAX_NOTE_LENGTH) : "";
  if (!tags.length && !note) return null;
  return {
    tags, note,
    title: typeof entry.title === "string" ? entry.title : "",
    url: typeof entry.url === "string" ? entry.url : "",
    updated: typeof entry.updated === "string" ? entry.updated : "",
  };
}

function cleanImported(id, entry, readers) {
  if (!isCaseId(id) || !isObject(entry) || !isObject(entry.tags) || !isObject(entry.notes)) return null;
  const out = { tags: {}, notes: {} };
  for (const [tag, who] of Object.entries(entry.tags)) {
    if (!Array.isArray(who)) return null;
    const ids = who.filter((r) => readers.has(r));
    if (ids.length) out.tags[tag] = ids;
  }
  for (const [r, text] of Object.entries(entry.notes)) if (readers.has(r) && typeof text === "string" && text) out.notes[r] = text;
  return out;
}

function touch(store, caseId, info, today) {
  const entry = store.cases[caseId] ?? { tags: [], note: "", title: "", url: "", updated: "" };
  if (info?.title) entry.title = info.title;
  if (info?.url) entry.url = info.url;
  entry.updated = today;
  store.cases[caseId] = entry;
  return entry;
}

function prune(store, caseId) {
  const entry = store.cases[caseId];
  if (entry && !entry.tags.length && !entry.note) delete store.cases[caseId];
}

/** Adds a tag to a case. Returns { ok, tag } or { ok: false, reason: "empty" | "too_long" | "too_many" | "duplicate", tag }. */
export function addTag(store, caseId, info, raw, today = "") {
  const tag = normalizeTag(raw);
  if (!tag) return { ok: false, reason: "empty", tag };
  if (tag.length > MAX_TAG_LENGTH) return { ok: false, reason: "too_long", tag };
  const current = store.cases[caseId]?.tags ?? [];
  if (current.includes(tag)) return { ok: false, reason: "duplicate", tag };
  if (current.length >= MAX_TAGS_PER_CASE) return { ok: false, reason: "too_many", tag };
  touch(store, caseId, info, today).tags.push(tag);
  return { ok: true, tag };
}

export function removeTag(store, caseId, tag) {
  const entry = store.cases[caseId];
  if (!entry || !entry.tags.includes(tag)) return false;
  entry.tags = entry.tags.filter((x) => x !== tag);
  prune(store, caseId);
  return true;
}

export function setNote(store, caseId, info, text, today = "") {
  const note = String(text ?? "").slice(0, MAX_NOTE_LENGTH);
  if (!store.cases[caseId] && !note) return;
  touch(store, caseId, info, today).note = note;
  prune(store, caseId);
}

/** Every tag the reader uses, most used first: their own suggestions on a case page. */
export function ownTags(store) {
  const counts = new Map();
  for (const entry of Object.values(store.cases)) for (const tag of entry.tags) counts.set(tag, (counts.get(tag) ?? 0) + 1);
  return [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0], "ja")).map(([tag]) => tag);
}

/**
 * The reader's own tags and notes with those imported from colleagues: per case, each tag with the ids of the
 * readers who suggested it, and each reader's note.
 */
export function mergedCases(store) {
  const me = store.reader.id;
  const ids = new Set([...Object.keys(store.cases), ...Object.keys(store.imported.cases)]);
  const out = new Map();
  for (const id of [...ids].sort()) {
    const mine = store.cases[id];
    const other = store.imported.cases[id];
    const tags = new Map();
    for (const tag of mine?.tags ?? []) tags.set(tag, [me]);
    for (const [tag, readers] of Object.entries(other?.tags ?? {})) {
      const list = tags.get(tag) ?? [];
      for (const r of readers) if (!list.includes(r)) list.push(r);
      tags.set(tag, list);
    }
    const notes = [];
    if (mine?.note) notes.push({ reader: me, text: mine.note });
    for (const [r, text] of Object.entries(other?.notes ?? {})) notes.push({ reader: r, text });
    if (!tags.size && !notes.length) continue;
    out.set(id, { id, title: mine?.title ?? "", url: mine?.url ?? "", tags, notes, mine: new Set(mine?.tags ?? []), me });
  }
  return out;
}

/** All readers (the reader first when they have tagged or noted anything), for names and counts. */
export function readers(store) {
  const list = [];
  if (Object.keys(store.cases).length) list.push({ id: store.reader.id, name: store.reader.name, self: true });
  for (const r of store.imported.readers) list.push({ ...r, self: false });
  return list;
}

/**
 * Cases grouped by tag for /my/. filter: { text, tag, notesOnly, mineOnly }; titles: Map id → { title, url }.
 * Cases with a note and no tag form the last group (tag: null). Returns { groups, cases, total }.
 */
export function groupByTag(merged, titles, filter = {}) {
  const text = normalizeTag(filter.text ?? "").toLowerCase();
  const rows = [];
  for (const c of merged.values()) {
    const title = titles.get(c.id)?.title || c.title || c.id;
    let tags = [...c.tags.keys()];
    if (filter.mineOnly) tags = tags.filter((tag) => c.mine.has(tag));
    const notes = filter.mineOnly ? c.notes.filter((n) => n.reader === c.me) : c.notes;
    if (filter.mineOnly && !tags.length && !notes.length) continue;
    if (filter.notesOnly && !notes.length) continue;
    if (filter.tag && !tags.includes(filter.tag)) continue;
    if (text) {
      const hay = [title, ...tags, ...notes.map((n) => n.text)].join("\n").normalize("NFKC").toLowerCase();
      if (!hay.includes(text)) continue;
    }
    rows.push({ ...c, title, url: titles.get(c.id)?.url || c.url, tagList: tags, noteList: notes });
  }
  const byTag = new Map();
  const untagged = [];
  for (const row of rows) {
    const shown = filter.tag ? [filter.tag] : row.tagList;
    if (!shown.length) untagged.push(row);
    for (const tag of shown) {
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(row);
    }
  }
  const byTitle = (a, b) => a.title.localeCompare(b.title, "ja") || a.id.localeCompare(b.id);
  const groups = [...byTag].sort((a, b) => a[0].localeCompare(b[0], "ja"))
    .map(([tag, cases]) => ({ tag, cases: cases.sort(byTitle) }));
  if (untagged.length) groups.push({ tag: null, cases: untagged.sort(byTitle) });
  return { groups, cases: rows.length, total: merged.size };
}

/** Every tag shown on /my/ (for the tag filter), by name. */
export function allTags(merged) {
  const tags = new Set();
  for (const c of merged.values()) for (const tag of c.tags.keys()) tags.add(tag);
  return [...tags].sort((a, b) => a.localeCompare(b, "ja"));
}

/** FNV-1a (32 bit) over UTF-16 code units, as the build computes it (ReaderData.ShardOf). */
export function shardOf(caseId, shards) {
  let h = 0x811c9dc5;
  for (let i = 0; i < caseId.length; i++) {
    h ^= caseId.charCodeAt(i);
    h = Math.imul(h, 16777619) >>> 0;
  }
  return h % shards;
}

/** Case ids grouped by the title shard that holds them. */
export function shardsFor(ids, shards) {
  const out = new Map();
  for (const id of ids) {
    const s = shardOf(id, shards);
    if (!out.has(s)) out.set(s, []);
    out.get(s).push(id);
  }
  return out;
}

export function newReaderId(random) {
  const bytes = random(6);
  return "r-" + [...bytes].map((b) => b.toString(36).padStart(2, "0")).join("").slice(0, 10);
}
