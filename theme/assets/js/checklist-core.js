// Self-check logic without the DOM: scoring, comparison, export and import validation, team counts.
// The checklist itself (scale, items, recommended cases) comes from the page's JSON block.

export const FORMAT = "casebook-checklist";
export const VERSION = 1;
const MAX_IMPORT_BYTES = 1024 * 1024;

/** Replaces {name} placeholders in a UI string. */
export function fmt(text, vars = {}) {
  return String(text ?? "").replace(/\{(\w+)\}/g, (m, k) => (k in vars ? String(vars[k]) : m));
}

export function createModel(data) {
  const scale = data.scale.map((s) => ({ id: s.id, label: s.label, score: typeof s.score === "number" ? s.score : null }));
  const scores = scale.filter((s) => s.score !== null).map((s) => s.score);
  const byId = new Map(scale.map((s) => [s.id, s]));
  const items = data.items.map((it) => ({ ...it, recommendations: it.recommendations ?? [] }));
  return {
    id: data.id, title: data.title, level: data.level ?? "", notesLabel: data.notes_label ?? "",
    basePath: data.base_path ?? "/", scale, items, option: (id) => byId.get(id) ?? null,
    maxScore: scores.length ? Math.max(...scores) : 0, minScore: scores.length ? Math.min(...scores) : 0,
    top: scale.find((s) => s.score !== null && s.score === Math.max(...scores)) ?? scale[0],
  };
}

export function emptyState() {
  return { respondent: "", answers: {} };
}

/** Normalises a stored state: only known items, answers and targets survive. */
export function cleanState(model, state) {
  const out = emptyState();
  if (!state || typeof state !== "object") return out;
  out.respondent = typeof state.respondent === "string" ? state.respondent : "";
  const answers = state.answers && typeof state.answers === "object" ? state.answers : {};
  for (const item of model.items) {
    const a = answers[item.id];
    if (!a || typeof a !== "object") continue;
    const entry = {
      answer: model.option(a.answer) ? a.answer : "",
      target: model.option(a.target)?.score != null ? a.target : "",
      notes: typeof a.notes === "string" ? a.notes : "",
    };
    if (entry.answer || entry.target || entry.notes) out.answers[item.id] = entry;
  }
  return out;
}

export function hasAnswers(state) {
  return Object.values(state.answers).some((a) => a.answer || a.target || a.notes);
}

/** Scores per item and overall. Options without a score (わからない) and unanswered items are not counted. */
export function score(model, state) {
  const rows = model.items.map((item) => {
    const a = state.answers[item.id] ?? {};
    const option = model.option(a.answer);
    const target = model.option(a.target);
    const s = option?.score ?? null;
    const percent = s === null || model.maxScore === 0 ? null : Math.round((s / model.maxScore) * 100);
    const targetPercent = target?.score == null || model.maxScore === 0 ? null : Math.round((target.score / model.maxScore) * 100);
    let status = "unanswered";
    if (option && s === null) status = "unknown";
    else if (option) {
      const belowTarget = target?.score != null && s < target.score;
      status = s < model.maxScore || belowTarget ? "gap" : "strength";
    }
    const targetGap = target?.score != null && s !== null && s < target.score ? stepsBetween(model, s, target.score) : 0;
    return { item, option, target, score: s, percent, targetPercent, status, targetGap, notes: a.notes ?? "" };
  });
  const counted = rows.filter((r) => r.score !== null);
  const total = counted.reduce((n, r) => n + r.score, 0);
  const max = counted.length * model.maxScore;
  return {
    rows, total, max, percent: max > 0 ? Math.round((total / max) * 100) : null,
    answered: rows.filter((r) => r.option).length,
    strengths: rows.filter((r) => r.status === "strength"),
    gaps: rows.filter((r) => r.status === "gap").sort((a, b) => a.score - b.score || a.item.number - b.item.number),
    unknowns: rows.filter((r) => r.status === "unknown"),
    // Team checks (水戸黄門): a role answered with the lowest level (いない) is missing.
    missing: rows.filter((r) => r.score !== null && r.score === model.minScore && model.minScore < model.maxScore),
  };
}

function stepsBetween(model, from, to) {
  const levels = [...new Set(model.scale.filter((s) => s.score !== null).map((s) => s.score))].sort((a, b) => a - b);
  return Math.max(1, levels.indexOf(to) - levels.indexOf(from));
}

/** Item by item: did the level go up, down or stay between two states? */
export function compare(model, before, after) {
  const a = score(model, before).rows;
  const b = score(model, after).rows;
  const rows = model.items.map((item, i) => {
    const x = a[i].score;
    const y = b[i].score;
    const change = x === null || y === null ? "na" : y > x ? "up" : y < x ? "down" : "same";
    return { item, before: a[i].option, after: b[i].option, change };
  });
  const count = (c) => rows.filter((r) => r.change === c).length;
  return { rows, up: count("up"), down: count("down"), same: count("same"), na: count("na") };
}

/** The export file: current answers, plus saved assessments (history) when given. */
export function exportObject(model, state, date, history = []) {
  const obj = {
    format: FORMAT,
    version: VERSION,
    checklist: model.id,
    title: model.title,
    respondent: state.respondent ?? "",
    date,
    items: model.items.map((item) => {
      const a = state.answers[item.id] ?? {};
      const option = model.option(a.answer);
      const target = model.option(a.target);
      return {
        id: item.id, label: item.label,
        answer: option ? option.id : null, answer_label: option ? option.label : null, score: option ? option.score : null,
        target: target ? target.id : null, target_label: target ? target.label : null,
        notes: a.notes ?? "",
      };
    }),
  };
  if (history.length) {
    obj.history = history.map((h) => ({
      name: h.name, date: h.date,
      items: model.items.filter((it) => h.state.answers[it.id]).map((it) => {
        const a = h.state.answers[it.id];
        return { id: it.id, answer: a.answer || null, target: a.target || null, notes: a.notes };
      }),
    }));
  }
  return obj;
}

function csvField(value) {
  const s = value === null || value === undefined ? "" : String(value);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** CSV for Excel: UTF-8 with a BOM so Japanese is not garbled, CRLF line ends. */
export function exportCsv(model, state, date, headers) {
  const obj = exportObject(model, state, date);
  const lines = [headers.map(csvField).join(",")];
  obj.items.forEach((it, i) => {
    lines.push([i + 1, it.label, it.answer_label ?? "", it.score ?? "", it.target_label ?? "", it.notes, obj.respondent, date]
      .map(csvField).join(","));
  });
  return "\uFEFF" + lines.join("\r\n") + "\r\n";
}

/**
 * Validates an exported JSON file against this checklist. Returns { state, respondent, date, history } or
 * { errors: [...] } with every problem found, in Japanese (strings from the theme). One error rejects the file.
 */
export function parseImport(model, text, t) {
  if (text.length > MAX_IMPORT_BYTES) return { errors: [t.checklist_err_too_large] };
  let obj;
  try {
    obj = JSON.parse(text.replace(/^\uFEFF/, ""));
  } catch {
    return { errors: [t.checklist_err_not_json] };
  }
  if (!obj || typeof obj !== "object" || Array.isArray(obj) || obj.format !== FORMAT) return { errors: [t.checklist_err_format] };
  if (obj.version !== VERSION) return { errors: [fmt(t.checklist_err_version, { version: String(obj.version) })] };
  if (obj.checklist !== model.id) {
    const other = typeof obj.title === "string" && obj.title ? obj.title : String(obj.checklist);
    return { errors: [fmt(t.checklist_err_checklist, { other })] };
  }
  if (!Array.isArray(obj.items)) return { errors: [t.checklist_err_items] };
  const errors = [];
  const state = readItems(model, obj.items, t, errors, "");
  state.respondent = typeof obj.respondent === "string" ? obj.respondent : "";
  const history = [];
  if (obj.history !== undefined && obj.history !== null) {
    if (!Array.isArray(obj.history)) errors.push(t.checklist_err_history);
    else obj.history.forEach((h, i) => {
      const where = fmt(t.checklist_err_history_where, { n: i + 1 });
      if (!h || typeof h !== "object" || Array.isArray(h) || !Array.isArray(h.items)) {
        errors.push(where + t.checklist_err_history_shape);
        return;
      }
      if (typeof h.date !== "string" || !/^\d{4}-\d{2}-\d{2}$/.test(h.date)) errors.push(where + t.checklist_err_history_date);
      history.push({ name: typeof h.name === "string" ? h.name : "", date: String(h.date), state: readItems(model, h.items, t, errors, where) });
    });
  }
  if (errors.length) return { errors };
  return {
    state: cleanState(model, state), respondent: state.respondent, date: typeof obj.date === "string" ? obj.date : "",
    history: history.map((h) => ({ ...h, state: cleanState(model, h.state) })),
  };
}

function readItems(model, items, t, errors, where) {
  const state = emptyState();
  const known = new Map(model.items.map((it) => [it.id, it]));
  const allowed = model.scale.map((s) => `「${s.id}」（${s.label}）`).join("、");
  const allowedTargets = model.scale.filter((s) => s.score !== null).map((s) => `「${s.id}」（${s.label}）`).join("、");
  const given = (v) => v !== null && v !== undefined && v !== "";
  items.forEach((raw, i) => {
    const n = i + 1;
    if (!raw || typeof raw !== "object" || Array.isArray(raw) || typeof raw.id !== "string") {
      errors.push(where + fmt(t.checklist_err_item_shape, { n }));
      return;
    }
    const item = known.get(raw.id);
    if (!item) {
      errors.push(where + fmt(t.checklist_err_item_unknown, { n, id: raw.id }));
      return;
    }
    if (state.answers[item.id]) {
      errors.push(where + fmt(t.checklist_err_item_duplicate, { label: item.label }));
      return;
    }
    const entry = { answer: "", target: "", notes: "" };
    if (given(raw.answer)) {
      if (typeof raw.answer === "string" && model.option(raw.answer)) entry.answer = raw.answer;
      else errors.push(where + fmt(t.checklist_err_answer, { label: item.label, value: String(raw.answer), allowed }));
    }
    if (given(raw.target)) {
      if (typeof raw.target === "string" && model.option(raw.target)?.score != null) entry.target = raw.target;
      else errors.push(where + fmt(t.checklist_err_target, { label: item.label, value: String(raw.target), allowed: allowedTargets }));
    }
    if (raw.notes !== null && raw.notes !== undefined) {
      if (typeof raw.notes === "string") entry.notes = raw.notes;
      else errors.push(where + fmt(t.checklist_err_notes, { label: item.label }));
    }
    state.answers[item.id] = entry;
  });
  return state;
}

/** Counts per answer per item across several people's states. */
export function teamCounts(model, people) {
  return model.items.map((item) => {
    const counts = new Map(model.scale.map((s) => [s.id, 0]));
    let none = 0;
    for (const p of people) {
      const a = p.state.answers[item.id]?.answer;
      if (a && counts.has(a)) counts.set(a, counts.get(a) + 1);
      else none += 1;
    }
    return { item, counts, unanswered: none };
  });
}
