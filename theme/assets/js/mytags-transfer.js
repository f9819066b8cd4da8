// マイタグ files: the JSON and CSV exports of /my/ and checking and merging a colleague's or team's JSON.
// docs/mytags.md describes the format; `casebook tags import` reads the same files.
import {
  FORMAT, VERSION, MAX_TAG_LENGTH, MAX_NOTE_LENGTH, READER_ID, fmt, normalizeTag, isCaseId, isObject, mergedCases, readers,
} from "./mytags-core.js";

const MAX_IMPORT_CHARS = 1024 * 1024;

/** The export file: the site, the readers, and per case its tags (with who suggested each) and notes. */
export function exportObject(store, site, date, titles = new Map()) {
  const merged = mergedCases(store);
  return {
    format: FORMAT,
    version: VERSION,
    site: { title: site.title, url: site.url },
    exported: date,
    readers: readers(store).map((r) => ({ id: r.id, name: r.name })),
    cases: [...merged.values()].map((c) => ({
      id: c.id,
      title: titles.get(c.id)?.title || c.title,
      tags: [...c.tags].map(([tag, who]) => ({ tag, readers: who })),
      notes: c.notes.map((n) => ({ reader: n.reader, text: n.text })),
    })),
  };
}

function csvField(value) {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for Excel: one row per case and tag (a case with only notes has one row), UTF-8 with a BOM, CRLF. */
export function exportCsv(store, site, date, titles, headers, nameOf) {
  const obj = exportObject(store, site, date, titles);
  const lines = [headers.map(csvField).join(",")];
  for (const c of obj.cases) {
    const url = titles.get(c.id)?.url ?? "";
    const notes = c.notes.map((n) => `${nameOf(n.reader)}: ${n.text}`).join(" / ");
    const rows = c.tags.length ? c.tags : [{ tag: "", readers: [] }];
    for (const t of rows) {
      lines.push([c.id, c.title, url, t.tag, t.readers.length || "", t.readers.map(nameOf).join("、"), notes].map(csvField).join(","));
    }
  }
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/**
 * Checks an export file's shape. Returns { data: { readers, cases } } or { errors: [...] } in Japanese (strings
 * from the theme). Whether each case exists on this site is checked by the caller (it needs the site's titles).
 */
export function parseImport(text, t) {
  if (text.length > MAX_IMPORT_CHARS) return { errors: [t.mytags_err_too_large] };
  let obj;
  try {
    obj = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { errors: [t.mytags_err_not_json] };
  }
  if (!isObject(obj) || obj.format !== FORMAT) return { errors: [t.mytags_err_format] };
  if (obj.version !== VERSION) return { errors: [fmt(t.mytags_err_version, { version: String(obj.version) })] };
  const errors = [];
  if (!Array.isArray(obj.readers)) errors.push(t.mytags_err_readers);
  if (!Array.isArray(obj.cases)) errors.push(t.mytags_err_cases);
  if (errors.length) return { errors };
  const readerList = [];
  obj.readers.forEach((r, i) => {
    if (!isObject(r) || typeof r.id !== "string" || !READER_ID.test(r.id)) errors.push(fmt(t.mytags_err_reader, { n: i + 1 }));
    else if (!readerList.some((x) => x.id === r.id)) readerList.push({ id: r.id, name: typeof r.name === "string" ? r.name : "" });
  });
  const known = new Set(readerList.map((r) => r.id));
  const cases = [];
  const seen = new Set();
  obj.cases.forEach((c, i) => {
    if (!isObject(c) || !isCaseId(c.id)) {
      errors.push(fmt(t.mytags_err_case_shape, { n: i + 1 }));
      return;
    }
    if (seen.has(c.id)) {
      errors.push(fmt(t.mytags_err_case_duplicate, { id: c.id }));
      return;
    }
    seen.add(c.id);
    const entry = { id: c.id, tags: new Map(), notes: new Map() };
    if (!Array.isArray(c.tags ?? [])) errors.push(fmt(t.mytags_err_tags, { id: c.id }));
    else (c.tags ?? []).forEach((x, j) => {
      const tag = isObject(x) && typeof x.tag === "string" ? normalizeTag(x.tag) : "";
      if (!tag || tag.length > MAX_TAG_LENGTH || !Array.isArray(x.readers) || !x.readers.length) {
        errors.push(fmt(t.mytags_err_tag, { id: c.id, n: j + 1, max: MAX_TAG_LENGTH }));
        return;
      }
      for (const r of x.readers) {
        if (!known.has(r)) errors.push(fmt(t.mytags_err_tag_reader, { id: c.id, tag, reader: String(r) }));
        else entry.tags.set(tag, [...new Set([...(entry.tags.get(tag) ?? []), r])]);
      }
    });
    if (!Array.isArray(c.notes ?? [])) errors.push(fmt(t.mytags_err_notes, { id: c.id }));
    else (c.notes ?? []).forEach((n) => {
      if (!isObject(n) || !known.has(n.reader) || typeof n.text !== "string") errors.push(fmt(t.mytags_err_notes, { id: c.id }));
      else if (n.text) entry.notes.set(n.reader, n.text.slice(0, MAX_NOTE_LENGTH));
    });
    cases.push(entry);
  });
  if (errors.length) return { errors };
  return { data: { readers: readerList, cases } };
}

/**
 * Merges checked files into the store's imported part. A reader's data in a newer file replaces what an earlier
 * file said for them; the reader's own id is skipped (their tags are already theirs). Returns counts.
 */
export function mergeImport(store, files) {
  const me = store.reader.id;
  const imported = store.imported;
  let cases = new Set();
  const names = new Set();
  for (const data of files) {
    const incoming = new Set(data.readers.map((r) => r.id).filter((id) => id !== me));
    for (const entry of Object.values(imported.cases)) {
      for (const [tag, who] of Object.entries(entry.tags)) {
        const left = who.filter((r) => !incoming.has(r));
        if (left.length) entry.tags[tag] = left;
        else delete entry.tags[tag];
      }
      for (const r of Object.keys(entry.notes)) if (incoming.has(r)) delete entry.notes[r];
    }
    for (const r of data.readers) {
      if (r.id === me) continue;
      names.add(r.id);
      const existing = imported.readers.find((x) => x.id === r.id);
      if (existing) existing.name = r.name || existing.name;
      else imported.readers.push({ id: r.id, name: r.name });
    }
    for (const c of data.cases) {
      const entry = imported.cases[c.id] ?? { tags: {}, notes: {} };
      let touched = false;
      for (const [tag, who] of c.tags) {
        const others = who.filter((r) => r !== me);
        if (!others.length) continue;
        entry.tags[tag] = [...new Set([...(entry.tags[tag] ?? []), ...others])];
        touched = true;
      }
      for (const [r, text] of c.notes) if (r !== me) { entry.notes[r] = text; touched = true; }
      imported.cases[c.id] = entry;
      if (touched) cases.add(c.id);
    }
  }
  for (const [id, entry] of Object.entries(imported.cases)) {
    if (!Object.keys(entry.tags).length && !Object.keys(entry.notes).length) delete imported.cases[id];
  }
  const used = new Set(Object.values(imported.cases).flatMap((e) => [...Object.values(e.tags).flat(), ...Object.keys(e.notes)]));
  imported.readers = imported.readers.filter((r) => used.has(r.id));
  return { readers: names.size, cases: cases.size };
}
