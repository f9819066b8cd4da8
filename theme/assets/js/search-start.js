// Starts Pagefind while the search page is still being read. The page's <head> loads this module with `async`, so it
// runs as soon as it and pagefind.js have arrived, before the body is parsed and laid out (search.js, a module without
// `async`, runs only after both). Pagefind's `init()` starts its worker at once, and the worker fetches Pagefind's
// entry, metadata and WebAssembly beside the page's own work; hints from the page cannot do that for it (the worker
// cannot use the page's preloads). search.js imports this module too (the same URL, so the same instance) and awaits
// `pagefindReady` before its first search. The <script> element says where pagefind.js is (data-pagefind), the base of
// the site's URLs (data-base) and the index's language (data-language).
const script = document.querySelector("script[data-search-start]");
performance.mark("search:boot");

async function start({ pagefind: url, base, language }) {
  const module = await import(url);
  performance.mark("search:pagefind.js");
  // Given before init(), the options travel with init's message to the worker (one message, nothing to wait for).
  await module.options({ baseUrl: base, excerptLength: 60 });
  // The index holds pre-split tokens (see search-text.js) under the index's language. Pagefind takes the language
  // from <html lang> when it starts and, for Japanese, would split the query again with the browser's segmenter; so
  // it is started while <html lang> says the index's language, and the page's own language is put back at once.
  const html = document.documentElement;
  const lang = html.getAttribute("lang");
  html.setAttribute("lang", language);
  let ready;
  try { ready = module.init(); } finally { html.setAttribute("lang", lang); }
  await ready;
  performance.mark("search:init");
  return module;
}

/** Pagefind's module, started; rejects when pagefind.js cannot be loaded (search.js then says search is unavailable). */
export const pagefindReady = script
  ? start(script.dataset)
  : Promise.reject(new Error("search-start.js: no <script data-search-start> on the page"));
// search.js handles a failure when it awaits this; until then it is not an unhandled rejection.
pagefindReady.catch(() => {});
