// theme/assets/js/checklist-core.js under Node: scoring, comparison of saved assessments, export and import.
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { loadThemeModule, repoRoot, themeStrings } from "./theme-modules.mjs";

const core = await loadThemeModule("checklist-core.js");
const t = themeStrings(readFileSync(join(repoRoot, "theme", "i18n", "ja.yml"), "utf8"));

// Shaped as the page's #checklist-data block (ViewModelFactory), scale as in input/checklists/seven-elements.yml.
const sevenElements = {
  id: "seven-elements", title: "総合相談体制 7つの要素 自己チェック", level: "organization", notes_label: "現在の取組", base_path: "/",
  scale: [
    { id: "done", label: "できている", score: 2 },
    { id: "partly", label: "一部できている", score: 1 },
    { id: "not-yet", label: "できていない", score: 0 },
    { id: "unknown", label: "わからない", score: null },
  ],
  items: [
    { id: "e1", label: "場・人・しかけ", number: 1 },
    { id: "e2", label: "記録と共有", number: 2 },
    { id: "e3", label: "相談の力量", number: 3 },
    { id: "e4", label: "ケースの積み上げ", number: 4 },
  ],
};
const mitoKomon = {
  id: "mito-komon-roles", title: "水戸黄門チェック", level: "team", scale: [
    { id: "clear", label: "いる（はっきりしている）", score: 2 },
    { id: "vague", label: "いる（あいまい）", score: 1 },
    { id: "none", label: "いない", score: 0 },
  ],
  items: [{ id: "komon", label: "黄門さま", number: 1 }, { id: "hachibei", label: "うっかり八兵衛", number: 2 }],
};
const model = core.createModel(sevenElements);

function state(answers, respondent = "") {
  const s = core.emptyState();
  s.respondent = respondent;
  for (const [id, a] of Object.entries(answers))
    s.answers[id] = typeof a === "string" ? { answer: a, target: "", notes: "" } : { answer: "", target: "", notes: "", ...a };
  return s;
}

const importText = (obj) => JSON.stringify({ format: "casebook-checklist", version: 1, checklist: "seven-elements", items: [], ...obj });

test("fmt fills known placeholders and leaves unknown ones", () => {
  assert.equal(core.fmt("「{file}」を読み込みました（{count} 項目）。", { file: "a.json", count: 3 }), "「a.json」を読み込みました（3 項目）。");
  assert.equal(core.fmt("{n} 番目と {missing}", { n: 2 }), "2 番目と {missing}");
  assert.equal(core.fmt(undefined), "");
});

test("the model knows the scale's top and bottom scores and looks options up by id", () => {
  assert.equal(model.maxScore, 2);
  assert.equal(model.minScore, 0);
  assert.equal(model.top.id, "done");
  assert.equal(model.option("partly").label, "一部できている");
  assert.equal(model.option("unknown").score, null);
  assert.equal(model.option("nope"), null);
  assert.equal(model.basePath, "/");
  assert.deepEqual(model.items.map((i) => i.recommendations), [[], [], [], []]);
});

test("score counts answered, scored items only: わからない and unanswered items are left out", () => {
  const r = core.score(model, state({ e1: "done", e2: "partly", e3: "unknown" }));
  assert.equal(r.answered, 3);
  assert.equal(r.total, 3);
  assert.equal(r.max, 4);
  assert.equal(r.percent, 75);
  assert.deepEqual(r.rows.map((row) => row.status), ["strength", "gap", "unknown", "unanswered"]);
  assert.deepEqual(r.rows.map((row) => row.percent), [100, 50, null, null]);
  assert.deepEqual(r.unknowns.map((row) => row.item.id), ["e3"]);
  assert.equal(core.score(model, core.emptyState()).percent, null);
});

test("gaps come lowest score first, then in item order; a target above the answer makes a gap of so many steps", () => {
  const r = core.score(model, state({
    e1: { answer: "partly", target: "done" }, e2: "not-yet", e3: { answer: "not-yet", target: "done" }, e4: "done",
  }));
  assert.deepEqual(r.gaps.map((row) => row.item.id), ["e2", "e3", "e1"]);
  assert.deepEqual(r.strengths.map((row) => row.item.id), ["e4"]);
  const byId = Object.fromEntries(r.rows.map((row) => [row.item.id, row]));
  assert.equal(byId.e1.targetGap, 1);
  assert.equal(byId.e3.targetGap, 2);
  assert.equal(byId.e2.targetGap, 0);
  assert.equal(byId.e1.targetPercent, 100);
});

test("on a team check, a role answered with the lowest level is missing", () => {
  const team = core.createModel(mitoKomon);
  const r = core.score(team, { respondent: "", answers: { komon: { answer: "clear" }, hachibei: { answer: "none" } } });
  assert.deepEqual(r.missing.map((row) => row.item.id), ["hachibei"]);
  // The seven-elements scale has a lowest level too, but only answered items can be missing.
  assert.deepEqual(core.score(model, state({ e1: "done" })).missing, []);
});

test("compare says per item whether the level went up, down, stayed, or cannot be compared", () => {
  const before = state({ e1: "not-yet", e2: "done", e3: "partly", e4: "unknown" });
  const after = state({ e1: "done", e2: "partly", e3: "partly" });
  const c = core.compare(model, before, after);
  assert.deepEqual(c.rows.map((row) => row.change), ["up", "down", "same", "na"]);
  assert.deepEqual([c.up, c.down, c.same, c.na], [1, 1, 1, 1]);
  assert.equal(c.rows[0].before.id, "not-yet");
  assert.equal(c.rows[0].after.id, "done");
});

test("cleanState keeps only known items, answers and targets with a score", () => {
  const dirty = {
    respondent: 42,
    answers: {
      e1: { answer: "done", target: "unknown", notes: "メモ" }, e2: { answer: "perfect" }, zz: { answer: "done" },
      e3: "done", e4: { answer: "", target: "", notes: "" },
    },
  };
  assert.deepEqual(core.cleanState(model, dirty), { respondent: "", answers: { e1: { answer: "done", target: "", notes: "メモ" } } });
  assert.deepEqual(core.cleanState(model, null), core.emptyState());
  assert.deepEqual(core.cleanState(model, "text"), core.emptyState());
});

test("hasAnswers is true for an answer, a target or notes alone", () => {
  assert.equal(core.hasAnswers(core.emptyState()), false);
  assert.equal(core.hasAnswers(state({ e1: { notes: "メモ" } })), true);
  assert.equal(core.hasAnswers(state({ e1: { target: "done" } })), true);
  assert.equal(core.hasAnswers(state({ e1: { answer: "", target: "", notes: "" } })), false);
});

test("an export with saved assessments imports back to the same answers and history", () => {
  const current = state({ e1: { answer: "done", notes: "「見守り」の会議, 月2回\n次は\"同行\"" }, e3: { answer: "not-yet", target: "partly" } }, "佐藤 一郎");
  const history = [{ id: "h1", name: "令和6年度", date: "2024-06-01", state: state({ e1: "partly", e2: "unknown" }) }];
  const exported = core.exportObject(model, current, "2025-06-01", history);
  assert.equal(exported.format, "casebook-checklist");
  assert.equal(exported.version, 1);
  assert.equal(exported.items.length, 4);
  assert.deepEqual(exported.items[2], {
    id: "e3", label: "相談の力量", answer: "not-yet", answer_label: "できていない", score: 0, target: "partly", target_label: "一部できている", notes: "",
  });
  assert.equal(exported.items[1].answer, null);

  const back = core.parseImport(model, JSON.stringify(exported), t);
  assert.equal(back.errors, undefined);
  assert.deepEqual(back.state, current);
  assert.equal(back.respondent, "佐藤 一郎");
  assert.equal(back.date, "2025-06-01");
  assert.deepEqual(back.history, [{ name: "令和6年度", date: "2024-06-01", state: history[0].state }]);
});

test("an export without history has no history field", () => {
  assert.equal("history" in core.exportObject(model, state({ e1: "done" }), "2025-06-01"), false);
});

test("CSV starts with a BOM, ends lines with CRLF and quotes commas, quotes and line breaks", () => {
  const csv = core.exportCsv(model, state({ e1: { answer: "done", notes: "会議, 月2回\n次は\"同行\"" } }, "鈴木"), "2025-06-01",
    ["番号", "項目", "回答", "点数", "目標", "現在の取組", "記入者", "日付"]);
  assert.ok(csv.startsWith("\uFEFF番号,項目,回答,点数,目標,現在の取組,記入者,日付\r\n"));
  const lines = csv.slice(1).split("\r\n");
  assert.equal(lines.length, 6); // header, 4 items, trailing empty
  assert.equal(lines[1], '1,場・人・しかけ,できている,2,,"会議, 月2回\n次は""同行""",鈴木,2025-06-01');
  assert.equal(lines[2], "2,記録と共有,,,,,鈴木,2025-06-01");
  assert.equal(lines[5], "");
  // A comma alone or a quote alone is enough to need quotes.
  const other = core.exportCsv(model, state({ e2: { answer: "partly", notes: '"同行"' } }, "鈴木, 一郎"), "2025-06-01", ["a"]);
  assert.equal(other.split("\r\n")[2], '2,記録と共有,一部できている,1,,"""同行""","鈴木, 一郎",2025-06-01');
});

test("a file with a byte order mark imports", () => {
  const r = core.parseImport(model, "\uFEFF" + importText({ items: [{ id: "e1", answer: "done" }] }), t);
  assert.deepEqual(r.state.answers, { e1: { answer: "done", target: "", notes: "" } });
});

test("bad files are refused with the theme's message for each kind of problem", () => {
  const cases = [
    ["これは JSON ではありません", t.checklist_err_not_json],
    ["", t.checklist_err_not_json],
    ["[1, 2]", t.checklist_err_format],
    ["null", t.checklist_err_format],
    ['{"hello": 1}', t.checklist_err_format],
    [importText({ version: 9 }), core.fmt(t.checklist_err_version, { version: "9" })],
    [importText({ version: "1" }), core.fmt(t.checklist_err_version, { version: "1" })],
    [importText({ checklist: "csw-functions", title: "CSW の機能" }), core.fmt(t.checklist_err_checklist, { other: "CSW の機能" })],
    [importText({ checklist: "csw-functions" }), core.fmt(t.checklist_err_checklist, { other: "csw-functions" })],
    [importText({ items: { e1: "done" } }), t.checklist_err_items],
    [importText({ items: undefined }), t.checklist_err_items],
  ];
  for (const [text, message] of cases) {
    assert.ok(message && !message.includes("undefined"), `no theme string for ${text}`);
    assert.deepEqual(core.parseImport(model, text, t), { errors: [message] }, text);
  }
});

test("a file over 1 MB is refused before it is parsed", () => {
  const big = importText({ respondent: "x".repeat(1024 * 1024) });
  assert.deepEqual(core.parseImport(model, big, t), { errors: [t.checklist_err_too_large] });
});

test("every problem in the items is reported at once, in order, and nothing is imported", () => {
  const r = core.parseImport(model, importText({
    items: [
      "e1", { id: "zz", answer: "done" }, { id: "e2", answer: "perfect" }, { id: "e2", answer: "done" },
      { id: "e3", target: "unknown" }, { id: "e4", notes: 5 }, { id: 7 },
    ],
  }), t);
  const allowed = "「done」（できている）、「partly」（一部できている）、「not-yet」（できていない）、「unknown」（わからない）";
  const targets = "「done」（できている）、「partly」（一部できている）、「not-yet」（できていない）";
  assert.deepEqual(r, {
    errors: [
      core.fmt(t.checklist_err_item_shape, { n: 1 }),
      core.fmt(t.checklist_err_item_unknown, { n: 2, id: "zz" }),
      core.fmt(t.checklist_err_answer, { label: "記録と共有", value: "perfect", allowed }),
      core.fmt(t.checklist_err_item_duplicate, { label: "記録と共有" }),
      core.fmt(t.checklist_err_target, { label: "相談の力量", value: "unknown", allowed: targets }),
      core.fmt(t.checklist_err_notes, { label: "ケースの積み上げ" }),
      core.fmt(t.checklist_err_item_shape, { n: 7 }),
    ],
  });
  assert.match(r.errors[2], /回答「perfect」は選択肢にありません/);
});

test("saved assessments in the file are checked too, each error saying which one", () => {
  const where = (n) => core.fmt(t.checklist_err_history_where, { n });
  const r = core.parseImport(model, importText({
    items: [{ id: "e1", answer: "done" }],
    history: [
      { name: "ok", date: "2024-06-01", items: [] },
      { name: "x", date: "昨日", items: [] },
      { name: "y", date: "2024-06-01" },
      { name: "z", date: "2024-06-01", items: [{ id: "e1", answer: "best" }] },
      [],
    ],
  }), t);
  assert.deepEqual(r.errors, [
    where(2) + t.checklist_err_history_date,
    where(3) + t.checklist_err_history_shape,
    where(4) + core.fmt(t.checklist_err_answer, {
      label: "場・人・しかけ", value: "best", allowed: "「done」（できている）、「partly」（一部できている）、「not-yet」（できていない）、「unknown」（わからない）",
    }),
    where(5) + t.checklist_err_history_shape,
  ]);
  assert.deepEqual(core.parseImport(model, importText({ history: { a: 1 } }), t), { errors: [t.checklist_err_history] });
  assert.deepEqual(core.parseImport(model, importText({ history: null }), t).history, []);
});

test("empty answers, targets and notes in a file are allowed and mean unanswered", () => {
  const r = core.parseImport(model, importText({
    respondent: ["not", "text"], date: 20250601,
    items: [{ id: "e1", answer: null, target: "", notes: null }, { id: "e2", answer: "partly", notes: "" }],
  }), t);
  assert.equal(r.errors, undefined);
  assert.deepEqual(r.state, { respondent: "", answers: { e2: { answer: "partly", target: "", notes: "" } } });
  assert.equal(r.date, "");
});

test("team counts add up each answer per item and count missing answers as unanswered", () => {
  const team = core.createModel(mitoKomon);
  const people = [
    { state: { answers: { komon: { answer: "clear" }, hachibei: { answer: "none" } } } },
    { state: { answers: { komon: { answer: "clear" } } } },
    { state: { answers: { komon: { answer: "vague" }, hachibei: { answer: "bogus" } } } },
  ];
  const [komon, hachibei] = core.teamCounts(team, people);
  assert.deepEqual(Object.fromEntries(komon.counts), { clear: 2, vague: 1, none: 0 });
  assert.equal(komon.unanswered, 0);
  assert.deepEqual(Object.fromEntries(hachibei.counts), { clear: 0, vague: 0, none: 1 });
  assert.equal(hachibei.unanswered, 2);
});
