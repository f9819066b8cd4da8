// casebook serve only: a panel on case pages to add and remove elements, pillars and tags.
// Saving writes the case's front matter through the local server; the built site has none of this.
const meta = document.querySelector('meta[name="casebook-serve"]');
const caseId = meta?.dataset.case;
const token = meta?.dataset.token;
const api = caseId ? `/__casebook/api/case/${encodeURIComponent(caseId)}` : null;
let state = null;
// A save rebuilds the site and live.js reloads the page, often before "saved" could be read: the reloaded
// page says it instead, while the file is still the version that was saved.
const savedKey = `casebook:tagging-saved:${caseId}`;
// The rebuild after a save reloads the page, sometimes twice (the page, then the rest of the site): every reload within
// this long after the save, of the page as saved, says the save happened; a later one (or one of another version) does not.
const SAVED_SHOWN_MS = 15_000;

function el(tag, props = {}, ...children) {
  const e = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === "text") e.textContent = v;
    else if (k in e) e[k] = v;
    else e.setAttribute(k, v);
  }
  e.append(...children);
  return e;
}

async function call(method, body) {
  const res = await fetch(api, {
    method,
    headers: { "X-Casebook-Token": token, ...(body ? { "Content-Type": "application/json" } : {}) },
    body: body ? JSON.stringify(body) : undefined,
  });
  return { status: res.status, data: await res.json() };
}

function checkbox(name, key, label, checked) {
  const input = el("input", { type: "checkbox", name, value: key, checked });
  return el("label", {}, input, " ", label);
}

function render(panel) {
  const s = state.strings;
  const t = (k, fallback) => s[k] ?? fallback;
  panel.replaceChildren();
  panel.append(el("h2", { id: "cb-tagging-h", text: t("tagging_title", "分類を編集") }));
  const form = el("form", { className: "cb-tagging__form" });
  for (const tax of ["elements", "pillars"]) {
    const fs = el("fieldset", {}, el("legend", { text: t(`tagging_${tax}`, tax) }));
    for (const o of state.options[tax]) fs.append(checkbox(tax, o.key, o.label, state.terms[tax].includes(o.key)));
    form.append(fs);
  }
  const tags = el("fieldset", {}, el("legend", { text: t("tagging_tags", "テーマ") }));
  const tagList = el("div", { className: "cb-tag-list" });
  const labelOf = new Map(state.options.tags.map((o) => [o.key, o.label]));
  for (const key of state.terms.tags) tagList.append(checkbox("tags", key, labelOf.get(key) ?? key, true));
  const listId = "cb-tag-options";
  const datalist = el("datalist", { id: listId });
  for (const o of state.options.tags) datalist.append(el("option", { value: o.key, label: `${o.label}（${o.count}）` }));
  const input = el("input", { type: "text", id: "cb-tag-new", autocomplete: "off" });
  input.setAttribute("list", listId);
  const add = el("button", { type: "button", text: t("tagging_add", "追加") });
  const addTag = () => {
    const v = input.value.normalize("NFKC").trim().replace(/\s+/g, " ");
    if (!v) return;
    const existing = [...tagList.querySelectorAll("input")].find((i) => i.value === v);
    if (existing) existing.checked = true;
    else tagList.append(checkbox("tags", v, v, true));
    input.value = "";
    input.focus();
  };
  add.addEventListener("click", addTag);
  input.addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); addTag(); } });
  tags.append(tagList, datalist, el("div", { className: "cb-tag-add" },
    el("label", { htmlFor: "cb-tag-new", text: t("tagging_add_label", "テーマを追加") }), input, add));
  form.append(tags);
  const status = el("p", { className: "cb-status", role: "status" });
  const save = el("button", { type: "submit", text: t("tagging_save", "保存") });
  form.append(save, status);
  form.addEventListener("submit", async (e) => {
    e.preventDefault();
    const picked = (name) => [...form.querySelectorAll(`input[name="${name}"]`)].filter((i) => i.checked).map((i) => i.value);
    status.className = "cb-status";
    status.textContent = t("tagging_saving", "保存しています…");
    save.disabled = true;
    document.documentElement.dataset.cbSaving = "1";   // live.js holds a rebuild's reload until the answer is handled
    try {
      const { status: code, data } = await call("POST", {
        hash: state.hash, elements: picked("elements"), pillars: picked("pillars"), tags: picked("tags"),
      });
      if (code === 200) {
        state.hash = data.hash;
        status.textContent = data.changed ? t("tagging_saved", "保存しました。") : t("tagging_unchanged", "変更はありません。");
        if (data.changed) sessionStorage.setItem(savedKey, JSON.stringify({ hash: data.hash, at: Date.now() }));
      } else {
        status.className = "cb-status is-error";
        status.textContent = data.message;
        if (code === 409) {
          const reload = el("button", { type: "button", text: t("tagging_reload", "最新の内容を読み込む") });
          reload.addEventListener("click", () => location.reload());
          status.append(" ", reload);
        }
      }
    } catch {
      status.className = "cb-status is-error";
      status.textContent = t("tagging_failed", "保存できませんでした。casebook serve が動いているか確かめてください。");
    } finally {
      save.disabled = false;
      delete document.documentElement.dataset.cbSaving;
      document.dispatchEvent(new Event("casebook:saved"));
    }
  });
  panel.append(form);
}

async function start() {
  if (!api || !token) return;
  const { status, data } = await call("GET");
  if (status !== 200) return;
  state = data;
  const panel = el("section", { className: "cb-tagging", id: "cb-tagging" });
  panel.setAttribute("aria-labelledby", "cb-tagging-h");
  const aside = document.querySelector(".case-panel") ?? document.querySelector("main");
  aside.prepend(panel);
  render(panel);
  let saved = null;
  try { saved = JSON.parse(sessionStorage.getItem(savedKey) ?? "null"); } catch { saved = null; }
  const recent = saved && Date.now() - saved.at >= 0 && Date.now() - saved.at < SAVED_SHOWN_MS;
  if (recent && saved.hash === state.hash)
    panel.querySelector(".cb-status").textContent = state.strings.tagging_saved_rebuilt ?? "保存しました。";
  else sessionStorage.removeItem(savedKey);
}

start();
