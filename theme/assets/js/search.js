// The search page: a small UI over Pagefind (<base>/pagefind/pagefind.js, written by `casebook build`), which runs in
// the page's own worker (search-worker.js, started from the <head> by search-start.js; this page gets the results' ids
// and the fields it draws). State lives in the URL (?q= and one parameter per checked facet value), so a search can be
// shared and the back button works. Queries are put in the index's form first
// (search-text.js), the same way the pages' text was, with the site's variant spellings folded to their keys.
// Pagefind finds the words; facets are filtered and counted by search-counts.js, from casebook-facets.json (the
// results' ids) and one column file per facet, fetched only when that facet is ticked or its fieldset comes on
// screen (so neither a phone's first query nor a desktop's moves the facets below the fold). Until its column is
// there, a facet shows its site-wide counts (dimmed while the column is on its way).
// Long facets show their most common values; facets.js lists the rest on demand. On a narrow screen the facets
// fold behind the 絞り込み button (CSS decides; the button only says whether they are open).
import { compileVariants, foldQuery, readableExcerpt } from "./search-text.js";
import { activeCount, addValueBox, showAllValues } from "./search-facets.js";
import { countFacets, loadFacetPages, matches, resolveChoices } from "./search-counts.js";
import { pagefindReady, searchIndex, shownOf } from "./search-start.js";

const root = document.querySelector("[data-search]");
const form = root?.querySelector("[data-search-form]");
const input = form?.querySelector("#q");
const facetsBox = root?.querySelector("[data-search-facets]");
const status = root?.querySelector("[data-search-status]");
const resultsBox = root?.querySelector("[data-search-results]");
const help = root?.querySelector("[data-search-help]");
const formsLine = root?.querySelector("[data-search-forms]");
const toggle = root?.querySelector("[data-search-toggle]");
const PAGE_SIZE = 10;
// Steps of the first search, for the search-load benchmark's breakdown (`--detail yes` prints them).
const mark = (name) => performance.mark("search:" + name);
const variants = compileVariants(JSON.parse(root?.querySelector("[data-search-variants]")?.textContent || "[]"));

const text = (key, count) => (root.dataset["t" + key[0].toUpperCase() + key.slice(1)] || "").replace("{count}", String(count ?? ""));
let searchedForms = [];
const fieldsets = () => Array.from(root.querySelectorAll("fieldset[data-facet]"));
const boxes = (fs) => Array.from(fs.querySelectorAll("input[type=checkbox]"));

let generation = 0;
let lastResults = null; // every result ({ id }) of the latest words, before facets: counts are drawn from it later on a phone
let typing = 0; // the search that typing schedules; an explicit one (Enter, a facet) replaces it

/** Reads ?q= and the facet parameters into the form. */
function stateFromUrl() {
  const params = new URLSearchParams(location.search);
  input.value = params.get("q") || "";
  for (const fs of fieldsets()) {
    const chosen = new Set(params.getAll(fs.dataset.param));
    for (const box of boxes(fs)) { box.checked = chosen.has(box.value); chosen.delete(box.value); }
    // A value of a long facet that the page does not list (a shared link): it gets its own box.
    for (const value of chosen) addValueBox(fs, value).checked = true;
  }
  showActive();
}

/** The 絞り込み button says how many values are ticked (it is what a phone shows of the facets). */
function showActive() {
  const n = activeCount(fieldsets());
  toggle.querySelector("[data-search-active]").textContent = n > 0 ? text("active", n) : "";
}

function urlFromState() {
  const params = new URLSearchParams();
  const q = input.value.trim();
  if (q) params.set("q", q);
  for (const fs of fieldsets())
    for (const box of boxes(fs)) if (box.checked) params.append(fs.dataset.param, box.value);
  const search = params.toString();
  return location.pathname + (search ? "?" + search : "");
}

/** Ticked values: facet name → { mode, values }. */
function choicesFromState() {
  const chosen = new Map();
  for (const fs of fieldsets()) {
    const values = boxes(fs).filter((b) => b.checked).map((b) => b.value);
    if (values.length) chosen.set(fs.dataset.facet, { mode: fs.dataset.mode, values });
  }
  return chosen;
}

/** Facets whose fieldset has been on screen: their columns are fetched and their counts follow the query. */
const seen = new Set();
const facetPages = (names) => loadFacetPages(root.dataset.facetPages, names);

/** The facets are on screen: beside the results, or opened on a phone (the toggle is shown only there). */
const facetsShown = () => toggle.offsetParent === null || facetsBox.hasAttribute("data-open");

function setCounts(fs, counts) {
  fs.lastCounts = counts;
  for (const box of boxes(fs)) {
    const span = box.parentElement.querySelector("[data-count]");
    const n = counts ? counts[box.value] ?? 0 : Number(span.dataset.count || 0);
    span.textContent = `（${n}）`;
    box.closest("li").classList.toggle("is-empty", n === 0 && !box.checked);
  }
}

/** Runs the search the form describes; a newer run makes an older one stop quietly, errors included. */
async function run() {
  const mine = ++generation;
  try {
    await runSearch(mine);
  } catch (error) {
    if (mine === generation) showError(error);
    else console.warn("superseded search failed", error);
  }
}

async function runSearch(mine) {
  root.dataset.state = "busy";
  const fold = foldQuery(input.value.trim(), variants);
  const term = fold.terms;
  searchedForms = fold.forms.flat();
  const chosen = choicesFromState();
  help.hidden = true;
  if (!term && chosen.size === 0) {
    lastResults = null;
    resultsBox.replaceChildren();
    formsLine.hidden = true;
    for (const fs of fieldsets()) { setCounts(fs, null); fs.dataset.counts = "done"; }
    status.textContent = text("prompt");
    root.dataset.state = "done";
    return;
  }
  // Words only: facets are applied here. With no words, every page, newest fiscal year first: the build numbers pages
  // in that order and names them after their numbers (PagefindPageNames), so the ids sort that way.
  // The worker answers with the first page's fields too when that page is Pagefind's first results (words, no facets),
  // and draws the head index's first results (title, summary or tags hold every word) before Pagefind has searched.
  let drawn = null; // the head results drawn early: { list, ids, shown }
  const found = await searchIndex(term || null, term && chosen.size === 0 ? PAGE_SIZE : 0, (early) => {
    if (mine === generation) drawn = drawEarly(early, fold);
  });
  const all = found.ids.map((id) => ({ id }));
  if (!term) all.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  const source = { search: found.search, shown: new Map([...(drawn?.shown ?? []), ...found.shown].map((d) => [d.id, d])) };
  mark("search");
  const data = chosen.size > 0 ? await facetPages(chosen.keys()) : null;
  if (mine !== generation) return;
  const resolved = data ? resolveChoices(data, chosen) : new Map();
  const results = data ? all.filter((r) => matches(data, resolved, r.id)) : all;
  lastResults = all;
  // A facet not seen nor ticked keeps its site-wide counts: it is off screen, and dims once it comes on.
  for (const fs of fieldsets()) fs.dataset.counts = seen.has(fs.dataset.facet) || chosen.has(fs.dataset.facet) ? "pending" : "site";
  status.textContent = results.length ? text("count", results.length) : text("none");
  showForms(fold);
  help.hidden = results.length > 0;
  // The results drawn early stay when they are the first of these (they are, unless the index changed meanwhile).
  const kept = drawn && drawn.ids.every((id, i) => results[i]?.id === id) ? drawn.ids.length : 0;
  let list = drawn?.list;
  if (kept === 0) {
    list = document.createElement("ol");
    list.className = "search-results";
    resultsBox.replaceChildren(list);
  }
  await showMore(source, results, list, kept, mine, PAGE_SIZE);
  mark("results");
  // The results are painted before the facets are counted (which fetches and reads their columns).
  await painted();
  await drawCounts(mine);
  if (mine === generation) root.dataset.state = "done";
}

/** 「買物」「買い物」で検索しました: the spellings each variant of the query stood for. */
function showForms(fold) {
  formsLine.textContent = fold.forms.map((forms) => text("forms").replace("{forms}", forms.map((f) => `「${f}」`).join(""))).join(" ");
  formsLine.hidden = fold.forms.length === 0;
}

/** The head index's first results, drawn while Pagefind searches (the count and the rest follow its answer). */
function drawEarly(early, fold) {
  const list = document.createElement("ol");
  list.className = "search-results";
  for (const data of early.shown) list.append(resultItem(data, list.children.length === 0));
  status.textContent = text("searching");
  showForms(fold);
  help.hidden = true;
  resultsBox.replaceChildren(list);
  mark("early");
  return { list, ids: early.ids, shown: early.shown };
}

/** The counts of the facets seen or ticked, for the latest search (fetching their columns the first time); the
 * others keep their site-wide counts until they come on screen. */
async function drawCounts(mine) {
  if (!lastResults || !facetsShown()) return;
  const chosen = choicesFromState();
  const data = await facetPages([...chosen.keys(), ...seen]);
  if (mine !== generation) return;
  const counts = countFacets(data, resolveChoices(data, chosen), lastResults);
  for (const fs of fieldsets()) {
    const own = counts.get(fs.dataset.facet);
    if (!own) continue;
    setCounts(fs, own);
    fs.dataset.counts = "done";
  }
  mark("counts");
}

/** Resolves after the next frame is painted (or after 100 ms, for a page that is not being painted). */
function painted() {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, 100);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}

/** A fieldset coming on screen has its column fetched and its counts drawn (once; it stays loaded). */
function watchFacets() {
  const watcher = new IntersectionObserver((entries) => {
    let added = false;
    for (const entry of entries) {
      if (!entry.isIntersecting) continue;
      seen.add(entry.target.dataset.facet);
      if (entry.target.dataset.counts === "site") entry.target.dataset.counts = "pending";
      watcher.unobserve(entry.target);
      added = true;
    }
    if (added) drawCounts(generation).catch(showError);
  });
  for (const fs of fieldsets()) watcher.observe(fs);
}

/** Draws results from..to (to: from + PAGE_SIZE unless given): their fields from `source.shown` when the search's
 * answer brought them, else asked of the worker (source.search names the search). */
async function showMore(source, results, list, from, mine, to = from + PAGE_SIZE) {
  const slice = results.slice(from, to);
  const missing = slice.filter((r) => !source.shown.has(r.id)).map((r) => r.id);
  if (missing.length > 0) for (const data of await shownOf(source.search, missing)) source.shown.set(data.id, data);
  if (mine !== generation) return;
  for (const r of slice) list.append(resultItem(source.shown.get(r.id), list.children.length === 0));
  resultsBox.querySelector("[data-search-more]")?.remove();
  if (to < results.length) {
    const more = document.createElement("button");
    more.type = "button";
    more.dataset.searchMore = "";
    more.className = "search-more";
    more.textContent = text("more");
    more.addEventListener("click", async () => {
      const firstNew = list.children.length;
      await showMore(source, results, list, to, mine);
      list.children[firstNew]?.querySelector("a")?.focus();
    });
    resultsBox.append(more);
  }
}

function resultItem(data, first) {
  const li = document.createElement("li");
  li.className = "search-result";
  const h = document.createElement("h3");
  h.className = "search-result__title";
  // The first result's title reports when it is painted (Element Timing, which counts text by its block: the
  // heading; search-load's "on screen" figure).
  if (first) h.setAttribute("elementtiming", "search-first-result");
  const a = document.createElement("a");
  a.href = data.url;
  a.textContent = data.meta.title || data.url;
  h.append(a);
  const meta = document.createElement("p");
  meta.className = "search-result__meta";
  const parts = [data.meta.kind, data.meta.organization, data.meta.volume, data.meta.fiscal_year].filter((s) => s);
  meta.textContent = parts.join(" ・ ");
  const excerpt = document.createElement("p");
  excerpt.className = "search-result__excerpt";
  for (const seg of readableExcerpt(data.excerpt || "", input.value, searchedForms)) {
    if (seg.mark) {
      const m = document.createElement("mark");
      m.textContent = seg.text;
      excerpt.append(m);
    } else excerpt.append(document.createTextNode(seg.text));
  }
  li.append(h, meta, excerpt);
  return li;
}

function commit(push) {
  clearTimeout(typing);
  const url = urlFromState();
  if (url !== location.pathname + location.search) {
    if (push) history.pushState(null, "", url);
    else history.replaceState(null, "", url);
  }
  run();
}

function showError(error) {
  console.error(error);
  resultsBox.replaceChildren(); // results drawn early from the head index are not the whole answer
  status.textContent = text("unavailable");
  root.dataset.state = "error";
}

async function start() {
  if (!root || !form) return;
  mark("start");
  facetsBox.dataset.ready = "";
  toggle.dataset.ready = "";
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") !== "true";
    toggle.setAttribute("aria-expanded", String(open));
    facetsBox.toggleAttribute("data-open", open);
    if (open) drawCounts(generation).catch(showError);
  });
  for (const button of root.querySelectorAll("[data-facet-all]"))
    button.addEventListener("click", () => showAllValues(button.closest("fieldset"), button, root.dataset, setCounts));
  stateFromUrl();
  status.textContent = text("loading");
  // The first search is asked for at once: the worker answers it when Pagefind is ready there. When Pagefind cannot
  // be loaded, the page says search is unavailable and the facets stay hidden.
  pagefindReady.catch((error) => {
    delete facetsBox.dataset.ready;
    delete toggle.dataset.ready;
    showError(error);
  });
  form.addEventListener("submit", (event) => { event.preventDefault(); commit(true); });
  form.addEventListener("change", (event) => { if (event.target.type === "checkbox") { showActive(); commit(true); } });
  input.addEventListener("input", () => {
    clearTimeout(typing);
    typing = setTimeout(() => commit(false), 300);
  });
  root.querySelector("[data-search-clear]").addEventListener("click", () => {
    for (const fs of fieldsets()) for (const box of boxes(fs)) box.checked = false;
    showActive();
    commit(true);
  });
  window.addEventListener("popstate", () => { stateFromUrl(); run(); });
  watchFacets();
  await run();
}

start();
