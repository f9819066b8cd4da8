// Loads the theme's browser modules (theme/assets/js/*.js) in Node without changing them: they are ES modules
// served as .js, which Node reads as CommonJS outside a "type": "module" package. So they are copied, unchanged,
// into a temporary folder that says so, and imported from there (their relative imports still resolve).
import { cpSync, mkdtempSync, writeFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, dirname } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

export const repoRoot = join(dirname(fileURLToPath(import.meta.url)), "..", "..");
const source = join(repoRoot, "theme", "assets", "js");
let folder = null;

export async function loadThemeModule(name) {
  if (folder === null) {
    folder = mkdtempSync(join(tmpdir(), "casebook-js-"));
    cpSync(source, folder, { recursive: true });
    writeFileSync(join(folder, "package.json"), '{ "type": "module" }\n');
    process.once("exit", () => rmSync(folder, { recursive: true, force: true }));
  }
  return import(pathToFileURL(join(folder, name)).href);
}

/** The theme's UI strings (theme/i18n/ja.yml, `strings:` block of one-line `key: value` entries). */
export function themeStrings(text) {
  const strings = {};
  let inStrings = false;
  for (const line of text.split(/\r?\n/)) {
    if (/^\S/.test(line)) { inStrings = line.startsWith("strings:"); continue; }
    const m = inStrings && /^ {2}([\w]+):\s?(.*)$/.exec(line);
    if (!m) continue;
    let value = m[2].trim();
    if (value.startsWith("'") && value.endsWith("'")) value = value.slice(1, -1).replace(/''/g, "'");
    else if (value.startsWith('"') && value.endsWith('"')) value = JSON.parse(value);
    strings[m[1]] = value;
  }
  return strings;
}
