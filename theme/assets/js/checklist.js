// Self-check page: autosave to localStorage, results with a chart, history, export/import and a team view.
// Nothing here sends answers anywhere: there is no fetch, and files are read and written in the browser.
import {
  createModel, emptyState, cleanState, hasAnswers, score, compare, exportObject, exportCsv, parseImport, teamCounts, fmt,
} from "./checklist-core.js";
import { drawChart } from "./checklist-chart.js";
import { el, download, today } from "./dom.js";

const dataBlock = document.getElementById("checklist-data");
const form = document.getElementById("checklist-form");
if (dataBlock && form) init();

function init() {
  const model = createModel(JSON.parse(dataBlock.textContent));
  const t = JSON.parse(document.getElementById("checklist-strings")?.textContent || "{}");
  const storeKey = `casebook:${model.basePath}:checklist:${model.id}`;
  const $ = (id) => document.getElementById(id);

  let store = loadStore();
  let team = [];

  for (const node of document.querySelectorAll("[data-js-only]")) node.hidden = false;
  $("checklist-nojs").hidden = true;
  $("history-date").value = today();

  writeForm(store.current);
  if (hasAnswers(store.current)) setStatus(t.checklist_restored);
  renderAll();

  form.addEventListener("input", () => {
    store.current = readForm();
    persist();
    renderResults();
  });
  form.addEventListener("change", () => {
    store.current = readForm();
    persist();
    renderResults();
    setStatus(t.checklist_autosaved);
  });
  form.addEventListener("submit", (e) => e.preventDefault());

  $("clear-answers").addEventListener("click", () => {
    if (!window.confirm(t.checklist_clear_confirm)) return;
    store.current = emptyState();
    persist();
    writeForm(store.current);
    renderResults();
    setStatus(t.checklist_cleared);
  });

  $("print-results").addEventListener("click", () => window.print());

  // History
  $("history-save").addEventListener("click", () => {
    const state = readForm();
    if (!hasAnswers(state)) return setStatus(t.checklist_history_nothing, "history");
    const date = $("history-date").value || today();
    const name = $("history-label").value.trim() || t.checklist_history_default_name;
    store.history.push({ id: newId(), date, name, state });
    persist();
    $("history-label").value = "";
    renderHistory();
    setStatus(fmt(t.checklist_history_saved, { name: `${name}（${date}）` }), "history");
  });
  $("history-table").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-action]");
    if (!button) return;
    const entry = store.history.find((h) => h.id === button.dataset.id);
    if (!entry) return;
    const name = `${entry.name}（${entry.date}）`;
    if (button.dataset.action === "open") {
      if (hasAnswers(store.current) && !window.confirm(fmt(t.checklist_history_open_confirm, { name }))) return;
      store.current = cleanState(model, entry.state);
      persist();
      writeForm(store.current);
      renderResults();
      setStatus(fmt(t.checklist_history_opened, { name }));
      $("h-form").scrollIntoView();
      form.querySelector("input[type=radio]")?.focus({ preventScroll: true });
    } else if (button.dataset.action === "delete") {
      if (!window.confirm(fmt(t.checklist_history_delete_confirm, { name }))) return;
      store.history = store.history.filter((h) => h !== entry);
      persist();
      renderHistory();
      setStatus(fmt(t.checklist_history_deleted, { name }), "history");
    }
  });
  $("compare-run").addEventListener("click", renderCompare);

  // Export / import
  $("export-json").addEventListener("click", () => {
    const name = fileName("json");
    const history = [...store.history].sort((a, b) => a.date.localeCompare(b.date) || a.id.localeCompare(b.id));
    const json = JSON.stringify(exportObject(model, readForm(), today(), history), null, 2) + "\n";
    download(new Blob([json], { type: "application/json" }), name);
    showMessage("transfer-message", fmt(t.checklist_exported, { file: name }));
  });
  $("export-csv").addEventListener("click", () => {
    const name = fileName("csv");
    const headers = ["番号", t.checklist_col_item, t.checklist_col_answer, t.checklist_col_score, t.checklist_col_target,
      model.notesLabel, t.checklist_respondent.replace(/（.*$/, ""), t.checklist_history_date];
    download(new Blob([exportCsv(model, readForm(), today(), headers)], { type: "text/csv;charset=utf-8" }), name);
    showMessage("transfer-message", fmt(t.checklist_exported, { file: name }));
  });
  $("import-file").addEventListener("change", async (e) => {
    const input = e.target;
    const file = input.files?.[0];
    if (!file) return;
    showErrors("import-errors", null, []);
    showMessage("transfer-message", "");
    const result = parseImport(model, await file.text(), t);
    input.value = "";
    if (result.errors) {
      showErrors("import-errors", fmt(t.checklist_import_failed, { file: file.name }), result.errors);
      return;
    }
    if (hasAnswers(store.current) && !window.confirm(t.checklist_import_confirm)) return;
    store.current = result.state;
    // Saved assessments travel with the file; ones already here are not added twice.
    const seen = new Set(store.history.map(historyKey));
    let added = 0;
    for (const h of result.history) {
      if (seen.has(historyKey(h))) continue;
      store.history.push({ id: newId(), date: h.date, name: h.name || t.checklist_history_default_name, state: h.state });
      seen.add(historyKey(h));
      added += 1;
    }
    persist();
    writeForm(store.current);
    renderResults();
    renderHistory();
    const count = Object.values(result.state.answers).filter((a) => a.answer).length;
    showMessage("transfer-message", fmt(t.checklist_imported, { file: file.name, count }) + (added ? fmt(t.checklist_imported_history, { count: added }) : ""));
  });

  // Team view
  $("team-files").addEventListener("change", async (e) => {
    const input = e.target;
    const files = [...(input.files ?? [])];
    input.value = "";
    if (!files.length) return;
    const errors = [];
    team = [];
    for (const file of files) {
      const result = parseImport(model, await file.text(), t);
      if (result.errors) errors.push(`${fmt(t.checklist_import_failed, { file: file.name })} ${result.errors.join(" ")}`);
      else team.push({ name: result.respondent || file.name.replace(/\.json$/i, ""), file: file.name, state: result.state });
    }
    showErrors("team-errors", null, errors);
    showMessage("team-message", team.length ? fmt(t.checklist_team_loaded, { count: team.length }) : "");
    renderTeam();
  });
  $("team-clear").addEventListener("click", () => {
    team = [];
    showErrors("team-errors", null, []);
    showMessage("team-message", "");
    renderTeam();
  });

  // ---- storage ----
  function loadStore() {
    let raw = null;
    try {
      raw = JSON.parse(localStorage.getItem(storeKey) || "null");
    } catch {
      raw = null;
    }
    const history = Array.isArray(raw?.history)
      ? raw.history.filter((h) => h && typeof h.id === "string").map((h) => ({
        id: h.id, date: String(h.date ?? ""), name: String(h.name ?? ""), state: cleanState(model, h.state),
      }))
      : [];
    return { current: cleanState(model, raw?.current), history };
  }

  function persist() {
    try {
      localStorage.setItem(storeKey, JSON.stringify({ version: 1, current: store.current, history: store.history }));
    } catch {
      // Storage full or disabled: the page still works for this visit.
    }
  }

  // ---- form ----
  function readForm() {
    const state = emptyState();
    state.respondent = $("respondent").value;
    for (const item of model.items) {
      const answer = form.querySelector(`input[name="answer-${CSS.escape(item.id)}"]:checked`)?.value ?? "";
      const target = form.elements[`target-${item.id}`]?.value ?? "";
      const notes = form.elements[`notes-${item.id}`]?.value ?? "";
      if (answer || target || notes) state.answers[item.id] = { answer, target, notes };
    }
    return state;
  }

  function writeForm(state) {
    $("respondent").value = state.respondent ?? "";
    for (const item of model.items) {
      const a = state.answers[item.id] ?? {};
      for (const radio of form.querySelectorAll(`input[name="answer-${CSS.escape(item.id)}"]`)) radio.checked = radio.value === a.answer;
      const target = form.elements[`target-${item.id}`];
      if (target) target.value = a.target ?? "";
      const notes = form.elements[`notes-${item.id}`];
      if (notes) notes.value = a.notes ?? "";
    }
  }

  // ---- rendering ----
  function renderAll() {
    renderResults();
    renderHistory();
    renderTeam();
  }

  function renderResults() {
    const r = score(model, store.current);
    $("results-placeholder").hidden = r.answered > 0;
    $("results-summary").replaceChildren(
      fmt(t.checklist_answered, { answered: r.answered, total: model.items.length }), " ",
      r.percent === null ? t.checklist_no_score : fmt(t.checklist_overall_score, { percent: r.percent, score: r.total, max: r.max }));
    const respondent = store.current.respondent.trim();
    $("print-meta").textContent = `（${respondent ? respondent + "・" : ""}${today()}）`;

    const figure = $("results-chart");
    figure.querySelector("svg")?.remove();
    figure.prepend(drawChart(model, r, t));

    $("results-table").tBodies[0].replaceChildren(...r.rows.map((row) => el("tr", {},
      el("th", { scope: "row" }, `${row.item.number}. ${row.item.label}`),
      el("td", {}, row.option ? row.option.label : t.checklist_not_answered),
      el("td", {}, row.score === null ? "—" : `${row.score} / ${model.maxScore}`),
      el("td", {}, row.target ? row.target.label : "—"),
      el("td", {}, row.percent === null ? "—" : `${row.percent}%`))));

    $("strengths-list").replaceChildren(...(r.strengths.length
      ? r.strengths.map((row) => el("li", {}, `${row.item.number}. ${row.item.label}`))
      : [el("li", { class: "muted" }, t.checklist_strengths_none)]));
    $("unknowns-list").replaceChildren(...(r.unknowns.length
      ? r.unknowns.map((row) => el("li", {}, `${row.item.number}. ${row.item.label}`))
      : [el("li", { class: "muted" }, t.checklist_strengths_none)]));

    $("gaps-lead").textContent = r.gaps.length ? fmt(t.checklist_gaps_lead, { top: model.top.label }) : t.checklist_gaps_none;
    $("gaps-list").replaceChildren(...r.gaps.map((row) => {
      const meta = [`${t.checklist_col_answer}: ${row.option.label}`];
      if (row.targetGap > 0) meta.push(fmt(t.checklist_gap_target, { target: row.target.label, diff: row.targetGap }));
      const recs = row.item.recommendations;
      return el("li", { class: "gap", "data-item": row.item.id },
        el("h4", {}, `${row.item.number}. ${row.item.label}`),
        el("p", { class: "gap__meta" }, meta.join(" ・ ")),
        row.item.good ? el("p", { class: "gap__good" }, `${t.checklist_gap_good}: ${row.item.good}`) : "",
        recs.length
          ? el("ul", { class: "recommendations" }, ...recs.map((rec) => el("li", {},
            el("a", { href: rec.url }, rec.title), rec.organization ? el("span", { class: "muted" }, `（${rec.organization}）`) : "",
            el("br"), el("span", { class: "why" }, rec.why))))
          : el("p", { class: "muted" }, t.checklist_gap_no_cases));
    }));

    const missing = $("missing-roles-body");
    if (missing) {
      missing.replaceChildren(r.missing.length
        ? el("div", {}, el("p", {}, t.checklist_missing_roles_lead),
          el("ul", { class: "missing-list" }, ...r.missing.map((row) => el("li", {}, el("strong", {}, row.item.label)))))
        : el("p", {}, t.checklist_missing_roles_none));
    }
  }

  function renderHistory() {
    const entries = [...store.history].sort((a, b) => b.date.localeCompare(a.date) || b.id.localeCompare(a.id));
    $("history-empty").hidden = entries.length > 0;
    $("history-table").hidden = entries.length === 0;
    $("history-table").tBodies[0].replaceChildren(...entries.map((h) => {
      const r = score(model, h.state);
      const label = `${h.name}（${h.date}）`;
      return el("tr", {},
        el("td", {}, h.date), el("th", { scope: "row" }, h.name),
        el("td", {}, r.percent === null ? "—" : `${r.percent}%`),
        el("td", { class: "actions" },
          el("button", { type: "button", "data-action": "open", "data-id": h.id }, t.checklist_history_open,
            el("span", { class: "visually-hidden" }, label)),
          " ",
          el("button", { type: "button", class: "button-secondary", "data-action": "delete", "data-id": h.id }, t.checklist_history_delete,
            el("span", { class: "visually-hidden" }, label))));
    }));
    const options = () => [el("option", { value: "current" }, t.checklist_compare_current),
      ...entries.map((h) => el("option", { value: h.id }, `${h.date} ${h.name}`))];
    const a = $("compare-a");
    const b = $("compare-b");
    const keepA = a.value;
    const keepB = b.value;
    a.replaceChildren(...options());
    b.replaceChildren(...options());
    a.value = [...a.options].some((o) => o.value === keepA) && keepA !== "" ? keepA : (entries[0]?.id ?? "current");
    b.value = [...b.options].some((o) => o.value === keepB) && keepB !== "" ? keepB : "current";
    $("compare-result").replaceChildren();
  }

  function stateFor(value) {
    if (value === "current") return { state: readForm(), name: t.checklist_compare_current };
    const h = store.history.find((x) => x.id === value);
    return h ? { state: h.state, name: `${h.name}（${h.date}）` } : null;
  }

  function renderCompare() {
    const out = $("compare-result");
    const a = stateFor($("compare-a").value);
    const b = stateFor($("compare-b").value);
    if (!store.history.length || !a || !b) return out.replaceChildren(el("p", { role: "alert" }, t.checklist_compare_need_two));
    if ($("compare-a").value === $("compare-b").value) return out.replaceChildren(el("p", { role: "alert" }, t.checklist_compare_same));
    const c = compare(model, a.state, b.state);
    const words = { up: t.checklist_compare_up, down: t.checklist_compare_down, same: t.checklist_compare_same_value, na: t.checklist_compare_na };
    const marks = { up: "↑ ", down: "↓ ", same: "→ ", na: "" };
    out.replaceChildren(
      el("p", { class: "compare-summary", role: "status" }, fmt(t.checklist_compare_summary, c)),
      el("div", { class: "table-scroll" }, el("table", { class: "compare-table" },
        el("caption", {}, fmt(t.checklist_compare_caption, { a: a.name, b: b.name })),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.checklist_col_item), el("th", { scope: "col" }, t.checklist_compare_before),
          el("th", { scope: "col" }, t.checklist_compare_after), el("th", { scope: "col" }, t.checklist_compare_change))),
        el("tbody", {}, ...c.rows.map((row) => el("tr", { class: `change-${row.change}`, "data-item": row.item.id },
          el("th", { scope: "row" }, `${row.item.number}. ${row.item.label}`),
          el("td", {}, row.before?.label ?? t.checklist_not_answered),
          el("td", {}, row.after?.label ?? t.checklist_not_answered),
          el("td", { "data-change": row.change }, el("span", { "aria-hidden": "true" }, marks[row.change]), words[row.change])))))));
  }

  function renderTeam() {
    const out = $("team-result");
    $("team-clear").hidden = team.length === 0;
    if (!team.length) return out.replaceChildren();
    const side = el("table", { class: "team-table", id: "team-side" },
      el("caption", {}, t.checklist_team_side_caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.checklist_col_item),
        ...team.map((p) => el("th", { scope: "col" }, p.name)))),
      el("tbody", {}, ...model.items.map((item) => el("tr", {},
        el("th", { scope: "row" }, `${item.number}. ${item.label}`),
        ...team.map((p) => {
          const a = p.state.answers[item.id] ?? {};
          const option = model.option(a.answer);
          return el("td", {}, option ? option.label : t.checklist_not_answered, a.notes ? el("span", { class: "team-notes" }, a.notes) : "");
        })))));
    const counts = teamCounts(model, team);
    const combined = el("table", { class: "team-table", id: "team-combined" },
      el("caption", {}, t.checklist_team_combined_caption),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, t.checklist_col_item),
        ...model.scale.map((s) => el("th", { scope: "col" }, s.label)), el("th", { scope: "col" }, t.checklist_not_answered))),
      el("tbody", {}, ...counts.map((row) => el("tr", { "data-item": row.item.id },
        el("th", { scope: "row" }, `${row.item.number}. ${row.item.label}`),
        ...model.scale.map((s) => el("td", { "data-answer": s.id }, `${row.counts.get(s.id)}${t.checklist_team_people}`)),
        el("td", { "data-answer": "" }, `${row.unanswered}${t.checklist_team_people}`)))));
    const parts = [el("h3", {}, t.checklist_team_side), el("div", { class: "table-scroll" }, side),
      el("h3", {}, t.checklist_team_combined), el("div", { class: "table-scroll" }, combined)];
    if (model.level === "team") {
      const lowest = model.scale.find((s) => s.score === model.minScore);
      const all = counts.filter((row) => lowest && row.counts.get(lowest.id) === team.length);
      parts.push(el("h3", {}, fmt(t.checklist_team_missing, { label: lowest?.label ?? "" })),
        all.length ? el("ul", { id: "team-missing" }, ...all.map((row) => el("li", {}, row.item.label)))
          : el("p", { id: "team-missing" }, t.checklist_missing_roles_none));
    }
    out.replaceChildren(...parts);
  }

  // ---- helpers ----
  function setStatus(text, where = "form") {
    $(where === "history" ? "history-status" : "autosave-status").textContent = text;
  }

  function showMessage(id, text) {
    $(id).textContent = text;
  }

  function showErrors(id, heading, errors) {
    const node = $(id);
    if (!errors.length) return node.replaceChildren();
    node.replaceChildren(...(heading ? [el("p", {}, el("strong", {}, heading))] : []),
      el("ul", {}, ...errors.map((e) => el("li", {}, e))));
  }

  function fileName(ext) {
    const who = store.current.respondent.trim().replace(/[\\/:*?"<>|\s]+/g, "_");
    return `${model.id}${who ? "-" + who : ""}-${today()}.${ext}`;
  }

}


function historyKey(h) {
  return JSON.stringify([h.date, h.name, h.state.answers]);
}

function newId() {
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

