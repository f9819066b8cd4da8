// Long facets on the search page: the page lists a facet's most common values; "すべて表示" loads every value
// from search/facets.json (written by casebook build) into the same fieldset, with a box to filter them by name.
// Only the first LIMIT matches are drawn, so a facet of thousands of values stays quick; checked values are
// always drawn. Every value is a native, labelled checkbox like the ones the page came with.
const LIMIT = 100;
let data = null;

/** How many values are ticked in all facets. */
export const activeCount = (fieldsets) =>
  fieldsets.reduce((n, fs) => n + fs.querySelectorAll("input[type=checkbox]:checked").length, 0);

function valueItem(fs, value, count, id) {
  const li = document.createElement("li");
  const box = document.createElement("input");
  box.type = "checkbox";
  box.id = id;
  box.name = fs.dataset.param;
  box.value = value;
  const label = document.createElement("label");
  label.htmlFor = id;
  const span = document.createElement("span");
  span.className = "facet__count";
  span.dataset.count = count == null ? "" : String(count);
  span.textContent = count == null ? "" : `（${count}）`;
  label.append(value, span);
  li.append(box, label);
  return li;
}

let added = 0;

/** A box for a value the list does not show yet (a shared link naming it); returns the checkbox. */
export function addValueBox(fs, value) {
  const li = valueItem(fs, value, null, `f-${fs.dataset.param}-x${++added}`);
  fs.querySelector("ul").append(li);
  return li.querySelector("input");
}

async function load(url) {
  data ??= fetch(url).then((r) => {
    if (!r.ok) throw new Error(`${url}: ${r.status}`);
    return r.json();
  });
  return data;
}

/**
 * Replaces the facet's list with all its values and a filter box; focus moves to the filter box.
 * @param {HTMLFieldSetElement} fs @param {HTMLButtonElement} button @param {DOMStringMap} strings
 * @param {(fs: HTMLFieldSetElement, counts: object|null) => void} setCounts draws the counts of the latest search
 */
export async function showAllValues(fs, button, strings, setCounts) {
  const all = (await load(strings.facetsUrl))[fs.dataset.param] || [];
  const list = fs.querySelector("ul");
  const checked = new Set(Array.from(list.querySelectorAll("input:checked"), (b) => b.value));
  const param = fs.dataset.param;
  const legend = fs.querySelector("legend").textContent;

  const filter = document.createElement("input");
  filter.type = "search";
  filter.id = `facet-filter-${param}`;
  filter.autocomplete = "off";
  const label = document.createElement("label");
  label.htmlFor = filter.id;
  label.textContent = strings.tFilter.replace("{label}", legend);
  const shown = document.createElement("p");
  shown.className = "facet__shown";
  shown.setAttribute("role", "status");
  const box = document.createElement("div");
  box.className = "facet__filter";
  box.append(label, filter, shown);

  const draw = () => {
    const needle = filter.value.normalize("NFKC").trim().toLowerCase();
    for (const b of list.querySelectorAll("input:checked")) checked.add(b.value);
    for (const b of list.querySelectorAll("input:not(:checked)")) checked.delete(b.value);
    const matching = all.filter(([value]) => checked.has(value) || value.normalize("NFKC").toLowerCase().includes(needle));
    const drawn = matching.filter(([value], i) => i < LIMIT || checked.has(value));
    list.replaceChildren(...drawn.map(([value, count], i) => {
      const li = valueItem(fs, value, count, `f-${param}-a${i}`);
      li.querySelector("input").checked = checked.has(value);
      return li;
    }));
    shown.textContent = strings.tShown.replace("{count}", String(matching.length)).replace("{shown}", String(drawn.length));
    if (fs.lastCounts !== undefined) setCounts(fs, fs.lastCounts);
  };
  let typing = 0;
  filter.addEventListener("input", () => { clearTimeout(typing); typing = setTimeout(draw, 150); });
  // Enter in the filter box must not submit the search form.
  filter.addEventListener("keydown", (event) => { if (event.key === "Enter") event.preventDefault(); });
  list.before(box);
  draw();
  button.setAttribute("aria-expanded", "true");
  button.hidden = true;
  filter.focus();
}
