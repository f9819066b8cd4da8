// The マイタグ control on a case page: the reader's own tags and a private note, kept in this browser only.
// The control is in the page but hidden; without JavaScript the page reads as a plain case page. The only request is for the
// site's own tag list (suggestions), made when the input is first used.
import { fmt, addTag, removeTag, setNote, ownTags, MAX_TAG_LENGTH, MAX_TAGS_PER_CASE } from "./mytags-core.js";
import { openStore } from "./mytags-storage.js";
import { today } from "./dom.js";

const root = document.getElementById("mytags");
if (root) init(root);

function init(root) {
  const $ = (id) => document.getElementById(id);
  const t = strings(root);
  const caseId = root.dataset.case;
  const info = { title: root.dataset.title, url: root.dataset.url };
  const handle = openStore(window.localStorage, root.dataset.base, (n) => crypto.getRandomValues(new Uint8Array(n)));
  const input = $("mytags-input");
  const note = $("mytags-note");

  root.hidden = false;
  showProblem(handle.problem);
  if (!handle.writable) {
    for (const c of [input, note, $("mytags-add")]) c.disabled = true;
  }
  render();
  note.value = handle.store.cases[caseId]?.note ?? "";

  $("mytags-form").addEventListener("submit", (e) => {
    e.preventDefault();
    let result;
    const saved = handle.update((store) => { result = addTag(store, caseId, info, input.value, today()); });
    if (!saved.ok) return failed(saved.error);
    if (!result.ok) {
      const reason = { empty: t.mytags_err_empty, too_long: t.mytags_err_too_long, too_many: t.mytags_err_too_many, duplicate: t.mytags_duplicate }[result.reason];
      status(fmt(reason, { tag: result.tag, max: result.reason === "too_long" ? MAX_TAG_LENGTH : MAX_TAGS_PER_CASE }));
      input.focus();
      return;
    }
    input.value = "";
    render();
    status(fmt(t.mytags_added, { tag: result.tag }));
    input.focus();
  });

  $("mytags-list").addEventListener("click", (e) => {
    const button = e.target.closest("button[data-tag]");
    if (!button) return;
    const tag = button.dataset.tag;
    const buttons = [...root.querySelectorAll("#mytags-list button[data-tag]")];
    const index = buttons.indexOf(button);
    const saved = handle.update((store) => removeTag(store, caseId, tag));
    if (!saved.ok) return failed(saved.error);
    render();
    status(fmt(t.mytags_removed, { tag }));
    // Keep keyboard focus in the control: the next tag's button, else the previous one, else the input.
    const left = [...root.querySelectorAll("#mytags-list button[data-tag]")];
    (left[index] ?? left[index - 1] ?? input).focus();
  });

  let timer = 0;
  const saveNote = () => {
    clearTimeout(timer);
    const current = handle.store.cases[caseId]?.note ?? "";
    if (current === note.value) return;
    const saved = handle.update((store) => setNote(store, caseId, info, note.value, today()));
    if (!saved.ok) return failed(saved.error);
    status(t.mytags_note_saved);
  };
  note.addEventListener("input", () => { clearTimeout(timer); timer = setTimeout(saveNote, 500); });
  note.addEventListener("change", saveNote);
  window.addEventListener("pagehide", saveNote);

  let suggested = false;
  input.addEventListener("focus", () => {
    if (suggested) return;
    suggested = true;
    fillSuggestions([]);
    fetch(root.dataset.tagsUrl, { credentials: "same-origin" })
      .then((r) => (r.ok ? r.json() : []))
      .then((tags) => fillSuggestions(Array.isArray(tags) ? tags.filter((x) => typeof x === "string") : []))
      .catch(() => {}); // suggestions are a help, not a need
  });

  // Another tab (or /my/) changed the tags.
  window.addEventListener("storage", (e) => {
    if (e.key !== handle.key) return;
    handle.reload();
    render();
    if (document.activeElement !== note) note.value = handle.store.cases[caseId]?.note ?? "";
  });

  function fillSuggestions(siteTags) {
    const list = $("mytags-suggestions");
    const values = [...new Set([...ownTags(handle.store), ...siteTags])];
    list.replaceChildren(...values.map((v) => Object.assign(document.createElement("option"), { value: v })));
  }

  function render() {
    const tags = handle.store.cases[caseId]?.tags ?? [];
    $("mytags-empty").hidden = tags.length > 0;
    $("mytags-list").replaceChildren(...tags.map((tag) => {
      const li = document.createElement("li");
      li.className = "mytag";
      const label = document.createElement("span");
      label.className = "mytag__label";
      label.textContent = tag;
      const button = document.createElement("button");
      button.type = "button";
      button.className = "mytag__remove";
      button.dataset.tag = tag;
      button.disabled = !handle.writable;
      const mark = document.createElement("span");
      mark.setAttribute("aria-hidden", "true");
      mark.textContent = "×";
      const name = document.createElement("span");
      name.className = "visually-hidden";
      name.textContent = fmt(t.mytags_remove_label, { tag });
      button.append(mark, name);
      li.append(label, " ", button);
      return li;
    }));
  }

  function status(text) {
    $("mytags-status").textContent = text;
  }

  function failed(error) {
    showProblem(error === "quota" ? "quota" : error);
    // What is shown is what is stored.
    handle.reload();
    render();
  }

  function showProblem(problem) {
    const box = $("mytags-problem");
    const text = problem ? t[`mytags_notice_${problem}`] : "";
    box.textContent = text ?? "";
    box.hidden = !text;
  }
}

/** UI strings: data-t-* attributes of the control, filled from the theme's ja.yml. */
function strings(root) {
  const t = {};
  for (const a of root.attributes) if (a.name.startsWith("data-t-")) t["mytags_" + a.name.slice(7).replace(/-/g, "_")] = a.value;
  return t;
}

