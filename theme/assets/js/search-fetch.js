// Pagefind's fetches inside the search worker (search-worker.js), made cheaper without changing what Pagefind reads.
// - Pagefind's files (its metadata, WebAssembly, index chunks and fragments) are gzipped, and pagefind.js inflates
//   them with its own JavaScript inflater, which costs a cold worker a few hundred milliseconds before the first
//   results at 10,000 cases. The fetch Pagefind calls is wrapped here: a gzipped answer is inflated by the browser
//   (DecompressionStream) and handed over as the inflated file, which Pagefind recognises by its "pagefind_dcd"
//   signature and reads as it is (the path it takes when a server sends the files with Content-Encoding: gzip).
//   Anything else (a file that is not gzipped, an error, a browser without DecompressionStream) is passed on as it came.
// - fetchAhead asks for the entry, then the metadata and the WebAssembly it names, as soon as the worker starts,
//   while pagefind.js itself is still on its way; Pagefind's own requests for them are then answered from these.
const GZIP_MAGIC = [0x1f, 0x8b];
const ahead = new Map(); // URL without its query → Promise of { status, statusText, headers, bytes }

/** The bytes of a gzip file inflated by the browser; null when they cannot be (Pagefind then inflates them itself). */
export async function inflate(bytes) {
  if (typeof DecompressionStream !== "function") return null;
  if (bytes.length < 2 || bytes[0] !== GZIP_MAGIC[0] || bytes[1] !== GZIP_MAGIC[1]) return null;
  try {
    const stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream("gzip"));
    return new Uint8Array(await new Response(stream).arrayBuffer());
  } catch {
    return null;
  }
}

async function read(response) {
  const bytes = new Uint8Array(await response.arrayBuffer());
  const inflated = response.ok ? await inflate(bytes) : null;
  const headers = new Headers(response.headers);
  if (inflated) { headers.delete("content-length"); headers.delete("content-encoding"); }
  return { status: response.status, statusText: response.statusText, headers, bytes: inflated ?? bytes };
}

const answer = ({ status, statusText, headers, bytes }) =>
  new Response(status === 204 || status === 304 ? null : bytes, { status, statusText, headers }); // read once: Response copies the bytes

let plainFetch = null;
let pagefindDir = null;
let entryJson = null; // Promise of Pagefind's entry file, parsed

/**
 * Wraps `scope.fetch` for the files under `dir` (Pagefind's folder, an absolute URL ending in /): answers a file
 * asked for ahead from that answer, and inflates gzipped ones. Other URLs go to the browser's fetch untouched.
 */
export function installFetch(scope, dir) {
  if (plainFetch) return;
  plainFetch = scope.fetch.bind(scope);
  pagefindDir = dir;
  scope.fetch = async (input, init) => {
    const url = new URL(typeof input === "string" || input instanceof URL ? input : input.url, scope.location.href);
    if (!url.href.startsWith(pagefindDir)) return plainFetch(input, init);
    const key = url.origin + url.pathname;
    const early = ahead.get(key);
    if (early) {
      ahead.delete(key);
      const got = await early.catch(() => null);
      if (got) return answer(got);
    }
    return answer(await read(await plainFetch(input, init)));
  };
}

/** Starts fetching Pagefind's entry, then the metadata and WebAssembly of its language with the most pages. */
export function fetchAhead() {
  if (!plainFetch) throw new Error("installFetch first");
  const get = (path, query = "") => {
    const promise = plainFetch(pagefindDir + path + query).then(read);
    ahead.set(pagefindDir + path, promise);
    return promise;
  };
  // Pagefind adds ?ts=<now> to the entry's URL so that a browser never keeps an old one; so does this request.
  const entry = get("pagefind-entry.json", `?ts=${Date.now()}`).then((answer) => {
    if (answer.status !== 200) throw new Error(`${answer.status} fetching pagefind-entry.json`);
    return JSON.parse(new TextDecoder().decode(answer.bytes));
  });
  entryJson ??= entry;
  return entry.then((json) => {
    const top = topLanguage(json);
    if (!top?.hash) return;
    get(`pagefind.${top.hash}.pf_meta`);
    get(`wasm.${top.wasm || "unknown"}.pagefind`);
  }).catch(() => {}); // Pagefind asks again itself and reports what is wrong
}

const topLanguage = (entry) => Object.values(entry.languages ?? {})
  .reduce((best, l) => (best === null || l.page_count > best.page_count ? l : best), null);

/** The page count of the index's language with the most pages (from the entry asked for ahead, or asked now). */
export async function pageCount() {
  entryJson ??= plainFetch(`${pagefindDir}pagefind-entry.json?ts=${Date.now()}`).then((r) => {
    if (!r.ok) throw new Error(`${r.status} fetching pagefind-entry.json`);
    return r.json();
  });
  return topLanguage(await entryJson)?.page_count ?? 0;
}

/** A JSON file of Pagefind's folder (or beside it), bypassing Pagefind's own requests. */
export async function fetchJson(url) {
  const response = await plainFetch(url);
  if (!response.ok) throw new Error(`${response.status} fetching ${url}`);
  return response.json();
}

const SIGNATURE = "pagefind_dcd";

/** A page's fragment (its URL, meta and content), fetched and inflated here as Pagefind would read it. */
export async function fetchFragment(id) {
  const { status, bytes } = await read(await plainFetch(`${pagefindDir}fragment/${id}.pf_fragment`));
  if (status !== 200) throw new Error(`${status} fetching fragment ${id}`);
  const text = new TextDecoder().decode(bytes);
  if (!text.startsWith(SIGNATURE)) throw new Error(`fragment ${id} could not be inflated`);
  return JSON.parse(text.slice(SIGNATURE.length));
}

/** The folder of Pagefind's files (an absolute URL ending in /), once installFetch has run. */
export const pagefindFolder = () => pagefindDir;
