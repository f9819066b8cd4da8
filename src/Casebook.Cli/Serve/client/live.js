// casebook serve only: reloads the page when the site is rebuilt and shows build errors in an overlay.
const meta = document.querySelector('meta[name="casebook-serve"]');
let version = meta ? Number(meta.content) : 0;
const here = location.pathname;

function overlay(payload) {
  let box = document.getElementById("cb-serve-overlay");
  if (!box) {
    box = document.createElement("div");
    box.id = "cb-serve-overlay";
    box.className = "cb-overlay";
    box.setAttribute("role", "alertdialog");
    box.setAttribute("aria-modal", "false");
    box.setAttribute("aria-labelledby", "cb-serve-overlay-h");
    document.body.append(box);
  }
  box.replaceChildren();
  const h = document.createElement("h2");
  h.id = "cb-serve-overlay-h";
  h.textContent = payload.title;
  const lead = document.createElement("p");
  lead.textContent = payload.lead;
  const list = document.createElement("ol");
  for (const d of payload.diagnostics) {
    const li = document.createElement("li");
    const code = document.createElement("code");
    code.textContent = d;
    li.append(code);
    list.append(li);
  }
  const close = document.createElement("button");
  close.type = "button";
  close.textContent = payload.close;
  close.addEventListener("click", () => box.remove());
  box.append(h, lead, list, close);
  close.focus();
}

// While the tagging panel waits for its save's answer (data-cb-saving on <html>), a reload would lose that answer and
// the "saved" message with it: the reload waits for the panel's casebook:saved event.
let reloadWhenSaved = false;
function reload() {
  if (document.documentElement.dataset.cbSaving) reloadWhenSaved = true;
  else location.reload();
}
document.addEventListener("casebook:saved", () => {
  if (reloadWhenSaved) location.reload();
});

const events = new EventSource("/__casebook/events");
events.addEventListener("hello", (e) => {
  const data = JSON.parse(e.data);
  // A new run of casebook serve: this page's token is stale.
  if (meta && data.session !== meta.dataset.session) location.reload();
  else if (data.error) overlay(data.error);
  else if (data.version !== version && data.version > 0) reload();
});
events.addEventListener("builderror", (e) => {
  if (e.data) overlay(JSON.parse(e.data));
});
events.addEventListener("reload", (e) => {
  const data = JSON.parse(e.data);
  const shown = document.getElementById("cb-serve-overlay");
  if (data.all || shown || data.changed.includes(here) || data.changed.includes(decodeURI(here))) reload();
  else version = data.version;
});
