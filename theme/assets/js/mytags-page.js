// /my/: the reader's tagged cases grouped by tag, filters, print, export (JSON, CSV) and merging colleagues'
// files. Everything stays in this browser; the only requests are for the site's own title shards
// (data/case-titles/N.json), and only for the shards holding the cases shown.
import { fmt, mergedCases, groupByTag, allTags, readers, shardsFor } from "./mytags-core.js";
import { exportObject, exportCsv, parseImport, mergeImport } from "./mytags-transfer.js";
import { openStore } from "./mytags-storage.js";
import { el, download, today } from "./dom.js";

const dataBlock = document.getElementById("mytags-data");
if (dataBlock) init(JSON.parse(dataBlock.textContent), JSON.parse(document.getElementById("mytags-strings")?.textContent || "{}"));

function init(data, t) {
  const $ = (id) => document.getElementById(id);
  const handle = openStore(window.localStorage, data.base_path, (n) => crypto.getRandomValues(new Uint8Array(n)));
  const titles = new Map();
  const shards = new Map();
  let titlesMissing = false;

  $("my-app").hidden = false;
  $("my-nojs").hidden = true;
  showProblem(handle.problem);
  $("my-reader").value = handle.store.reader.name;
  if (!handle.writable) for (const id of ["my-reader", "my-import", "my-clear-all"]) $(id).disabled = true;
  renderBackups();
  refresh();

  for (const id of ["my-filter-text", "my-filter-tag", "my-filter-notes", "my-filter-mine"]) {
    $(id).addEventListener(id === "my-filter-text" ? "input" : "change", render);
  }
  $("my-print").addEventListener("click", () => window.print());

  $("my-reader").addEventListener("change", () => {
    const name = $("my-reader").value.trim();
    const saved = handle.update((s) => { s.reader.name = name; });
    if (!saved.ok) failed(saved.error);
  });

  $("my-export-json").addEventListener("click", async () => {
    if (!mergedCases(handle.store).size) return message(t.mytags_export_empty);
    await ensureTitles(mergedCases(handle.store).keys());
    const obj = exportObject(handle.store, data.site, today(), titles);
    const name = fileName("json");
    download(new Blob([JSON.stringify(obj, null, 2) + "\n"], { type: "application/json" }), name);
    message(fmt(t.mytags_exported, { file: name }));
  });

  $("my-export-csv").addEventListener("click", async () => {
    if (!mergedCases(handle.store).size) return message(t.mytags_export_empty);
    await ensureTitles(mergedCases(handle.store).keys());
    const csv = exportCsv(handle.store, data.site, today(), titles, t.mytags_csv_headers.split(","), nameOf);
    const name = fileName("csv");
    download(new Blob([csv], { type: "text/csv;charset=utf-8" }), name);
    message(fmt(t.mytags_exported, { file: name }));
  });

  $("my-import").addEventListener("change", async (e) => {
    const input = e.target;
    const files = [...(input.files ?? [])];
    input.value = "";
    if (!files.length) return;
    showErrors([]);
    message("");
    const problems = [];
    const good = [];
    for (const file of files) {
      const result = parseImport(await file.text(), t);
      if (result.errors) problems.push({ file: file.name, errors: result.errors });
      else good.push({ file: file.name, data: result.data });
    }
    // Every case must be one of this site's: look them up in the title shards.
    const ids = good.flatMap((g) => g.data.cases.map((c) => c.id));
    if (ids.length && !(await ensureTitles(ids))) problems.push({ file: good.map((g) => g.file).join("、"), errors: [t.mytags_err_titles] });
    else for (const g of good) {
      const unknown = g.data.cases.filter((c) => !titles.has(c.id)).map((c) => fmt(t.mytags_err_case_unknown, { id: c.id }));
      if (unknown.length) problems.push({ file: g.file, errors: unknown });
    }
    if (problems.length) return showErrors(problems);
    let counts;
    const saved = handle.update((s) => { counts = mergeImport(s, good.map((g) => g.data)); });
    if (!saved.ok) return failed(saved.error);
    render();
    message(fmt(t.mytags_imported, { files: good.length, readers: counts.readers, cases: counts.cases }));
  });

  $("my-import-clear").addEventListener("click", () => {
    const saved = handle.update((s) => { s.imported = { readers: [], cases: {} }; });
    if (!saved.ok) return failed(saved.error);
    render();
    message(t.mytags_import_cleared);
  });

  $("my-clear-all").addEventListener("click", () => {
    if (!window.confirm(t.mytags_clear_confirm)) return;
    if (!handle.clear()) return failed("unavailable");
    $("my-reader").value = "";
    render();
    message(t.mytags_cleared);
  });

  $("my-backup-list").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-key]");
    if (!button) return;
    const key = button.dataset.key;
    if (button.dataset.action === "save") {
      const raw = handle.readBackup(key) ?? "";
      download(new Blob([raw], { type: "text/plain;charset=utf-8" }), `mytags-backup-${key.split(":backup:")[1].replace(/[^0-9A-Za-z-]/g, "")}.txt`);
    } else if (window.confirm(t.mytags_backup_delete_confirm)) {
      handle.removeBackup(key);
      renderBackups();
      $(handle.backups.length ? "my-backups-h" : "my-clear-h").focus();
    }
  });

  window.addEventListener("storage", (e) => {
    if (e.key !== handle.key) return;
    handle.reload();
    refresh();
  });

  async function refresh() {
    render();
    await ensureTitles(mergedCases(handle.store).keys());
    render();
  }

  /** Loads the title shards holding these cases; false when one could not be read. */
  async function ensureTitles(ids) {
    const wanted = shardsFor([...ids], data.shards);
    const results = await Promise.all([...wanted.keys()].map((n) => {
      if (!shards.has(n)) {
        shards.set(n, fetch(`${data.titles_url}${n}.json`, { credentials: "same-origin" })
          .then((r) => (r.ok ? r.json() : Promise.reject(new Error(String(r.status)))))
          .then((map) => {
            for (const [id, v] of Object.entries(map)) if (Array.isArray(v)) titles.set(id, { title: String(v[0]), url: String(v[1]) });
            return true;
          })
          .catch(() => { shards.delete(n); return false; }));
      }
      return shards.get(n);
    }));
    const ok = results.every(Boolean);
    if (!ok && !titlesMissing) { titlesMissing = true; showProblem("titles"); }
    return ok;
  }

  function render() {
    const store = handle.store;
    const merged = mergedCases(store);
    const tagSelect = $("my-filter-tag");
    const keep = tagSelect.value;
    const tags = allTags(merged);
    tagSelect.replaceChildren(el("option", { value: "" }, t.mytags_filter_all_tags), ...tags.map((tag) => el("option", { value: tag }, tag)));
    tagSelect.value = tags.includes(keep) ? keep : "";
    const hasImports = store.imported.readers.length > 0;
    $("my-filter-mine-row").hidden = !hasImports;
    $("my-import-clear").hidden = !hasImports;
    $("my-imported-readers").textContent = hasImports
      ? fmt(t.mytags_imported_readers, { names: store.imported.readers.map((r) => nameOf(r.id)).join("、") }) : "";

    const filter = {
      text: $("my-filter-text").value, tag: tagSelect.value, notesOnly: $("my-filter-notes").checked,
      mineOnly: hasImports && $("my-filter-mine").checked,
    };
    const result = groupByTag(merged, titles, filter);
    const filtered = filter.text || filter.tag || filter.notesOnly || filter.mineOnly;
    $("my-summary").textContent = !merged.size ? t.mytags_none
      : filtered ? fmt(t.mytags_summary_filtered, { cases: result.cases, total: result.total })
      : fmt(t.mytags_summary, { cases: result.cases, tags: tags.length, readers: readers(store).length });
    $("my-print-meta").textContent = `${data.site.title} ・ ${today()}`;
    const counted = hasImports;
    $("my-groups").replaceChildren(...(merged.size && !result.groups.length ? [el("p", {}, t.mytags_none_filtered)] : []),
      ...result.groups.map((g, i) => el("section", { class: "my-group", "aria-labelledby": `my-group-${i}` },
        el("h2", { id: `my-group-${i}` }, g.tag ?? t.mytags_group_untagged, " ",
          el("span", { class: "count" }, fmt(t.mytags_group_count, { count: g.cases.length }))),
        el("ul", { class: "my-cases" }, ...g.cases.map((c) => caseItem(c, g.tag, counted))))));
  }

  function caseItem(c, tag, counted) {
    const onSite = titles.has(c.id);
    const link = onSite || !titlesLoadedFor(c.id) ? el("a", { href: titles.get(c.id)?.url || `${data.base_path}cases/${c.id}/` }, c.title)
      : el("span", {}, c.title, el("span", { class: "muted" }, t.mytags_case_missing));
    const parts = [el("p", { class: "my-case__title" }, link)];
    if (tag && counted) parts.push(el("p", { class: "my-case__count" }, fmt(t.mytags_readers_count, { count: c.tags.get(tag)?.length ?? 0 })));
    const others = c.tagList.filter((x) => x !== tag);
    if (others.length) {
      parts.push(el("p", { class: "my-case__tags" }, t.mytags_other_tags, " ",
        ...others.flatMap((x, i) => [i ? "、" : "", el("span", { class: "mytag__label" }, counted ? `${x}（${fmt(t.mytags_people, { count: c.tags.get(x).length })}）` : x)])));
    }
    if (c.noteList.length) {
      parts.push(el("ul", { class: "my-case__notes", "aria-label": t.mytags_notes_label },
        ...c.noteList.map((n) => el("li", {}, el("span", { class: "my-case__note-by" }, `${nameOf(n.reader)}: `), n.text))));
    }
    return el("li", { class: "my-case", "data-case": c.id }, ...parts);
  }

  function titlesLoadedFor(id) {
    return shards.has(shardsFor([id], data.shards).keys().next().value) && !titlesMissing;
  }

  function nameOf(readerId) {
    const store = handle.store;
    if (readerId === store.reader.id) return store.reader.name ? `${t.mytags_you}（${store.reader.name}）` : t.mytags_you;
    const i = store.imported.readers.findIndex((r) => r.id === readerId);
    const r = store.imported.readers[i];
    return r?.name || fmt(t.mytags_reader_unnamed, { n: i + 1 });
  }

  function renderBackups() {
    const keys = handle.backups;
    $("my-backups").hidden = keys.length === 0;
    $("my-backup-list").replaceChildren(...keys.map((key) => {
      const when = key.split(":backup:")[1];
      return el("li", {}, `${when} `,
        el("button", { type: "button", "data-key": key, "data-action": "save" }, t.mytags_backup_download),
        " ",
        el("button", { type: "button", class: "button-secondary", "data-key": key, "data-action": "delete" }, t.mytags_backup_delete));
    }));
  }

  function showProblem(problem) {
    const box = $("my-problem");
    const text = problem ? t[`mytags_problem_${problem}`] : "";
    box.textContent = text ?? "";
    box.hidden = !text;
  }

  function failed(error) {
    showProblem(error);
    handle.reload();
    render();
  }

  function message(text) {
    $("my-transfer-status").textContent = text;
  }

  function showErrors(problems) {
    const box = $("my-import-errors");
    if (!problems.length) return box.replaceChildren();
    box.replaceChildren(...problems.flatMap((p) => [
      el("p", {}, el("strong", {}, fmt(t.mytags_import_failed, { file: p.file }))),
      el("ul", {}, ...p.errors.map((e) => el("li", {}, e))),
    ]));
  }

  function fileName(ext) {
    const who = handle.store.reader.name.trim().replace(/[\\/:*?"<>|\s]+/g, "_");
    return `mytags${who ? "-" + who : ""}-${today()}.${ext}`;
  }
}



