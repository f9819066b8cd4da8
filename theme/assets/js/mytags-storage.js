// マイタグ in localStorage under one key per site (casebook:<base path>:mytags). Unreadable data is never
// overwritten: it is first copied aside (…:mytags:backup:<time>), and if even that fails nothing is written.
// A full storage leaves the stored value as it was. Every change re-reads the stored value first, so two open
// tabs do not undo each other.
import { parseStore, newReaderId } from "./mytags-core.js";

export function storeKey(basePath) {
  return `casebook:${basePath}:mytags`;
}

const isQuota = (e) => e && (e.name === "QuotaExceededError" || e.name === "NS_ERROR_DOM_QUOTA_REACHED" || e.code === 22 || e.code === 1014);

/**
 * Opens the store. Returns { store, problem, writable, backups, update(fn), save(), reload() }.
 * problem: null | "corrupt" | "partial" | "version" | "unavailable" | "readonly".
 * update(fn) re-reads, applies fn(store) and saves: { ok: true } or { ok: false, error: "quota" | "unavailable" | "readonly" }.
 */
export function openStore(storage, basePath, random, now = () => new Date().toISOString()) {
  const key = storeKey(basePath);
  const handle = { key, store: null, problem: null, writable: true, backups: [] };
  const fresh = () => newReaderId(random);

  function read() {
    let raw;
    try {
      raw = storage.getItem(key);
    } catch {
      handle.writable = false;
      return { store: parseStore(null, fresh()).store, problem: "unavailable", raw: null };
    }
    return { ...parseStore(raw, fresh()), raw };
  }

  function load() {
    const { store, problem, raw } = read();
    handle.store = store;
    if (problem && problem !== "unavailable") {
      // Keep the original text before anything could overwrite it (once: another page may have kept it already),
      // then store what could be read, so the next page starts clean.
      try {
        if (!listBackups().some((k) => storage.getItem(k) === raw)) storage.setItem(`${key}:backup:${now()}`, raw);
        handle.problem = problem;
      } catch {
        handle.writable = false;
        handle.problem = "readonly";
      }
      if (handle.writable) {
        try {
          storage.setItem(key, JSON.stringify(store));
        } catch {
          // Full: the next change reports it.
        }
      }
    } else if (problem) handle.problem = problem;
    handle.backups = listBackups();
    return handle;
  }

  function listBackups() {
    const out = [];
    try {
      for (let i = 0; i < storage.length; i++) {
        const k = storage.key(i);
        if (k && k.startsWith(`${key}:backup:`)) out.push(k);
      }
    } catch {
      return [];
    }
    return out.sort();
  }

  handle.reload = () => {
    if (!handle.writable) return handle.store;
    const { store, problem } = read();
    // A value made unreadable since the page opened is left alone until the next page load keeps it aside.
    if (!problem) handle.store = store;
    return handle.store;
  };

  handle.update = (fn) => {
    if (!handle.writable) return { ok: false, error: handle.problem === "unavailable" ? "unavailable" : "readonly" };
    const before = JSON.stringify(handle.reload());
    const draft = JSON.parse(before);
    fn(draft);
    const text = JSON.stringify(draft);
    if (text === before) return { ok: true, changed: false };
    try {
      storage.setItem(key, text);
    } catch (e) {
      return { ok: false, error: isQuota(e) ? "quota" : "unavailable" };
    }
    handle.store = draft;
    return { ok: true, changed: true };
  };

  handle.readBackup = (k) => {
    try {
      return storage.getItem(k);
    } catch {
      return null;
    }
  };

  handle.removeBackup = (k) => {
    try {
      storage.removeItem(k);
    } catch {
      // nothing to do: it stays listed
    }
    handle.backups = listBackups();
  };

  handle.clear = () => {
    try {
      storage.removeItem(key);
    } catch {
      return false;
    }
    handle.store = parseStore(null, handle.store.reader.id).store;
    return true;
  };

  return load();
}
