// theme/assets/js/mytags-*.js under Node: the stored format, tags and notes, merging colleagues' files,
// grouping for /my/, the export files and the storage wrapper (quota, corrupt data, backups).
import { test } from "node:test";
import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const js = (name) => import(join(root, "theme", "assets", "js", name));
const core = await js("mytags-core.js");
const transfer = await js("mytags-transfer.js");
const { openStore } = await js("mytags-storage.js");

// The theme's mytags_ strings, read from ja.yml (one "key: value" per line, values optionally quoted).
const t = Object.fromEntries(readFileSync(join(root, "theme", "i18n", "ja.yml"), "utf8").split("\n")
  .map((l) => /^ {2}(mytags_\w+): (.*)$/.exec(l)).filter(Boolean)
  .map(([, k, v]) => [k, v.startsWith('"') ? JSON.parse(v) : v]));

const info = { title: "青葉区の事例", url: "/cases/yokohama-aoba/" };

test("tags are NFKC-normalised, de-duplicated and limited; a case with no tag and no note is dropped", () => {
  const s = core.emptyStore("r-me");
  assert.equal(core.normalizeTag("  ＩＣＴ　活用 "), "ICT 活用");
  assert.deepEqual(core.addTag(s, "yokohama-aoba", info, "ＩＣＴ　活用", "2026-11-30"), { ok: true, tag: "ICT 活用" });
  assert.equal(core.addTag(s, "yokohama-aoba", info, "ICT 活用").reason, "duplicate");
  assert.equal(core.addTag(s, "yokohama-aoba", info, "   ").reason, "empty");
  assert.equal(core.addTag(s, "yokohama-aoba", info, "あ".repeat(core.MAX_TAG_LENGTH + 1)).reason, "too_long");
  for (let i = 1; i < core.MAX_TAGS_PER_CASE; i++) core.addTag(s, "yokohama-aoba", info, `t${i}`);
  assert.equal(core.addTag(s, "yokohama-aoba", info, "one more").reason, "too_many");
  assert.equal(s.cases["yokohama-aoba"].title, "青葉区の事例");
  for (const tag of [...s.cases["yokohama-aoba"].tags]) core.removeTag(s, "yokohama-aoba", tag);
  assert.equal(s.cases["yokohama-aoba"], undefined);
  core.setNote(s, "yokohama-aoba", info, "メモ");
  assert.deepEqual(s.cases["yokohama-aoba"].tags, []);
  core.setNote(s, "yokohama-aoba", info, "");
  assert.equal(s.cases["yokohama-aoba"], undefined);
});

test("stored data: nothing, a good store, unreadable text, a newer version, and broken entries", () => {
  assert.deepEqual(core.parseStore(null, "r-new"), { store: core.emptyStore("r-new"), problem: null });
  const s = core.emptyStore("r-me");
  core.addTag(s, "yokohama-aoba", info, "研修");
  assert.deepEqual(core.parseStore(JSON.stringify(s), "r-new"), { store: s, problem: null });
  assert.equal(core.parseStore("{\"version\":1,\"cases\":", "r-new").problem, "corrupt");
  assert.equal(core.parseStore("[]", "r-new").problem, "corrupt");
  assert.equal(core.parseStore(JSON.stringify({ ...s, version: 2 }), "r-new").problem, "version");
  const broken = JSON.parse(JSON.stringify(s));
  broken.cases["yokohama-asahi"] = { tags: "研修" };
  broken.cases["../etc"] = { tags: ["x"] };
  const read = core.parseStore(JSON.stringify(broken), "r-new");
  assert.equal(read.problem, "partial");
  assert.deepEqual(Object.keys(read.store.cases), ["yokohama-aoba"]);
  assert.equal(read.store.reader.id, "r-me");
});

function colleague(id, name, cases) {
  return {
    format: "casebook-mytags", version: 1, site: { title: "x", url: "/" }, exported: "2026-11-30",
    readers: [{ id, name }],
    cases: Object.entries(cases).map(([caseId, { tags = [], note = "" }]) => ({
      id: caseId, title: "", tags: tags.map((tag) => ({ tag, readers: [id] })), notes: note ? [{ reader: id, text: note }] : [],
    })),
  };
}

const parse = (obj) => {
  const result = transfer.parseImport(JSON.stringify(obj), t);
  assert.equal(result.errors, undefined, String(result.errors));
  return result.data;
};

test("merging colleagues' files counts each reader once; a newer file replaces that reader's earlier one", () => {
  const s = core.emptyStore("r-me");
  core.addTag(s, "yokohama-aoba", info, "研修");
  const a = parse(colleague("r-aaaa", "鈴木", { "yokohama-aoba": { tags: ["研修", "見守り"], note: "会議で使う" } }));
  const b = parse(colleague("r-bbbb", "", { "yokohama-aoba": { tags: ["研修"] }, "yokohama-asahi": { tags: ["研修"] } }));
  assert.deepEqual(transfer.mergeImport(s, [a, b]), { readers: 2, cases: 2 });
  assert.deepEqual(transfer.mergeImport(s, [a]), { readers: 1, cases: 1 });   // again: nothing counted twice
  let merged = core.mergedCases(s);
  assert.deepEqual([...merged.get("yokohama-aoba").tags.get("研修")].sort(), ["r-aaaa", "r-bbbb", "r-me"]);
  assert.deepEqual(merged.get("yokohama-aoba").tags.get("見守り"), ["r-aaaa"]);
  assert.deepEqual(merged.get("yokohama-aoba").notes, [{ reader: "r-aaaa", text: "会議で使う" }]);
  // 鈴木 later drops 見守り: their newer file replaces what they said before.
  transfer.mergeImport(s, [parse(colleague("r-aaaa", "鈴木", { "yokohama-aoba": { tags: ["研修"] } }))]);
  merged = core.mergedCases(s);
  assert.equal(merged.get("yokohama-aoba").tags.get("見守り"), undefined);
  assert.deepEqual(merged.get("yokohama-aoba").notes, []);
  // The reader's own id in a team file is skipped: their tags are theirs already.
  transfer.mergeImport(s, [parse(colleague("r-me", "", { "yokohama-asahi": { tags: ["自分の古いタグ"] } }))]);
  assert.equal(core.mergedCases(s).get("yokohama-asahi").tags.get("自分の古いタグ"), undefined);
  // The case page shows only the reader's own tags.
  assert.deepEqual(s.cases["yokohama-aoba"].tags, ["研修"]);
});

test("grouping by tag, with filters by tag, words, notes and the reader's own", () => {
  const s = core.emptyStore("r-me");
  core.addTag(s, "yokohama-aoba", info, "研修");
  core.addTag(s, "yokohama-asahi", { title: "旭区" }, "見守り");
  core.setNote(s, "chiba-hot-station", { title: "ホッとステーション" }, "居場所の参考");
  transfer.mergeImport(s, [parse(colleague("r-aaaa", "鈴木", { "yokohama-asahi": { tags: ["研修"] } }))]);
  const titles = new Map([["yokohama-aoba", { title: "青葉区の事例（サイト）", url: "/cases/yokohama-aoba/" }]]);
  const merged = core.mergedCases(s);
  const all = core.groupByTag(merged, titles);
  assert.deepEqual(all.groups.map((g) => [g.tag, g.cases.map((c) => c.id)]),
    [["研修", ["yokohama-asahi", "yokohama-aoba"]], ["見守り", ["yokohama-asahi"]], [null, ["chiba-hot-station"]]]);
  assert.equal(all.groups[0].cases[1].title, "青葉区の事例（サイト）");      // the site's title wins over the stored one
  assert.deepEqual(core.groupByTag(merged, titles, { tag: "見守り" }).groups.map((g) => g.tag), ["見守り"]);
  assert.equal(core.groupByTag(merged, titles, { text: "居場所" }).cases, 1);
  assert.equal(core.groupByTag(merged, titles, { notesOnly: true }).cases, 1);
  const mine = core.groupByTag(merged, titles, { mineOnly: true });
  assert.deepEqual(mine.groups.find((g) => g.tag === "研修").cases.map((c) => c.id), ["yokohama-aoba"]);
  assert.deepEqual(core.allTags(merged), ["研修", "見守り"]);
});

test("export: JSON that import reads back, CSV for Excel with a BOM, CRLF and quoted fields", () => {
  const s = core.emptyStore("r-me");
  s.reader.name = "佐藤";
  core.addTag(s, "yokohama-aoba", info, "研修");
  core.setNote(s, "yokohama-aoba", info, "「見守り」の会議, 月2回\n次は\"同行\"");
  const titles = new Map([["yokohama-aoba", { title: "青葉区", url: "/cases/yokohama-aoba/" }]]);
  const obj = transfer.exportObject(s, { title: "事例ライブラリ", url: "/" }, "2026-11-30", titles);
  assert.equal(obj.format, "casebook-mytags");
  assert.equal(obj.version, 1);
  assert.deepEqual(obj.site, { title: "事例ライブラリ", url: "/" });
  assert.deepEqual(obj.readers, [{ id: "r-me", name: "佐藤" }]);
  assert.deepEqual(obj.cases[0].tags, [{ tag: "研修", readers: ["r-me"] }]);
  const back = parse(obj);
  assert.deepEqual([...back.cases[0].tags], [["研修", ["r-me"]]]);
  const csv = transfer.exportCsv(s, { title: "x", url: "/" }, "2026-11-30", titles, t.mytags_csv_headers.split(","), () => "佐藤");
  assert.ok(csv.startsWith("\uFEFF事例ID,題名,URL,タグ,人数,付けた人,メモ\r\n"));
  assert.ok(csv.includes("yokohama-aoba,青葉区,/cases/yokohama-aoba/,研修,1,佐藤,\"佐藤: 「見守り」の会議, 月2回\n次は\"\"同行\"\"\"\r\n"));
});

test("import: every problem of a bad file is listed, in Japanese", () => {
  assert.deepEqual(transfer.parseImport("nope", t).errors, [t.mytags_err_not_json]);
  assert.deepEqual(transfer.parseImport("{\"format\":\"other\"}", t).errors, [t.mytags_err_format]);
  assert.match(transfer.parseImport("{\"format\":\"casebook-mytags\",\"version\":3}", t).errors[0], /version: 3/);
  const bad = {
    format: "casebook-mytags", version: 1, readers: [{ id: "r-a" }, { name: "no id" }],
    cases: [
      { id: "Bad Id" },
      { id: "yokohama-aoba", tags: [{ tag: "研修", readers: ["r-zzz"] }, { tag: "", readers: ["r-a"] }], notes: "x" },
      { id: "yokohama-aoba" },
    ],
  };
  const errors = transfer.parseImport(JSON.stringify(bad), t).errors;
  assert.equal(errors.length, 6, errors.join("\n"));
  assert.ok(errors.some((e) => e.includes("readers の 2 番目")));
  assert.ok(errors.some((e) => e.includes("cases の 1 番目")));
  assert.ok(errors.some((e) => e.includes("読み手「r-zzz」")));
  assert.ok(errors.some((e) => e.includes("2 回出てきます")));
  assert.ok(errors.every((e) => !e.includes("{") && !e.includes("undefined")), errors.join("\n"));
});

test("title shards: FNV-1a as the build computes it (Casebook.Core.Output.ReaderData.ShardOf)", () => {
  assert.equal(core.shardOf("yokohama-aoba", 100), 48);
  assert.equal(core.shardOf("chiba-hot-station", 100), 95);
  assert.equal(core.shardOf("case-09999", 7), 5);
  assert.deepEqual([...core.shardsFor(["a", "yokohama-aoba"], 100)], [[20, ["a"]], [48, ["yokohama-aoba"]]]);
});

/** localStorage as the browser has it, with a quota and a switch to make reads fail. */
function fakeStorage(limit = Infinity) {
  const map = new Map();
  return {
    map, broken: false,
    get length() { return map.size; },
    key(i) { return [...map.keys()][i] ?? null; },
    getItem(k) { if (this.broken) throw new Error("SecurityError"); return map.has(k) ? map.get(k) : null; },
    setItem(k, v) {
      const size = [...map].reduce((n, [key, val]) => n + (key === k ? 0 : key.length + val.length), 0) + k.length + String(v).length;
      if (size > limit) throw Object.assign(new Error("full"), { name: "QuotaExceededError" });
      map.set(k, String(v));
    },
    removeItem(k) { map.delete(k); },
  };
}
const random = (n) => new Uint8Array(n).fill(7);

test("storage: changes are saved, a full storage keeps the old value, other keys are never touched", () => {
  const storage = fakeStorage(400);
  storage.setItem("casebook:/:checklist:x", "answers");
  const handle = openStore(storage, "/", random);
  assert.equal(handle.problem, null);
  assert.deepEqual(handle.update((s) => core.addTag(s, "yokohama-aoba", info, "研修")), { ok: true, changed: true });
  const saved = storage.getItem("casebook:/:mytags");
  assert.deepEqual(handle.update((s) => core.setNote(s, "yokohama-aoba", info, "あ".repeat(300))), { ok: false, error: "quota" });
  assert.equal(storage.getItem("casebook:/:mytags"), saved);
  assert.equal(handle.reload().cases["yokohama-aoba"].note, "");
  assert.equal(storage.getItem("casebook:/:checklist:x"), "answers");
});

test("storage: unreadable data is kept aside once before anything is written; without room for it, nothing is written", () => {
  const storage = fakeStorage();
  storage.setItem("casebook:/:mytags", "{broken");
  const first = openStore(storage, "/", random, () => "2026-11-30T00:00:00Z");
  assert.equal(first.problem, "corrupt");
  assert.equal(storage.getItem("casebook:/:mytags:backup:2026-11-30T00:00:00Z"), "{broken");
  assert.ok(first.update((s) => core.addTag(s, "yokohama-aoba", info, "研修")).ok);
  storage.setItem("casebook:/:mytags", "{broken");   // the same text again (another tab): not kept twice
  openStore(storage, "/", random, () => "2026-12-01T00:00:00Z");
  assert.deepEqual(first.backups.length, 1);
  assert.equal([...storage.map.keys()].filter((k) => k.includes(":backup:")).length, 1);

  const full = fakeStorage(40);
  full.map.set("casebook:/:mytags", "{broken, and long enough to fill it}");
  const handle = openStore(full, "/", random);
  assert.equal(handle.problem, "readonly");
  assert.equal(handle.writable, false);
  assert.equal(handle.update((s) => core.addTag(s, "yokohama-aoba", info, "研修")).ok, false);
  assert.equal(full.getItem("casebook:/:mytags"), "{broken, and long enough to fill it}");

  const off = fakeStorage();
  off.broken = true;
  const disabled = openStore(off, "/", random);
  assert.equal(disabled.problem, "unavailable");
  assert.deepEqual(disabled.update(() => {}), { ok: false, error: "unavailable" });
});
