import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The packages whose releases change what a build writes: the feed writer and its XML serialiser, Markdown
 * and its plugins, the sanitiser, HTML-to-text, slugs, the front-matter parsers and schema, the mail
 * templates. A new release of one is new code as much as an edit of our own.
 */
const OUTPUT_PACKAGES = [
  'feed', 'xml-js', 'markdown-it', 'markdown-it-anchor', 'markdown-it-deflist', 'markdown-it-footnote', 'sanitize-html',
  'html-to-text', '@sindresorhus/slugify', 'js-yaml', 'smol-toml', 'valibot', 'mjml', 'handlebars', 'mime',
];

/** The root of the code that runs, one folder above this file's: `dist/` when built, `src/` under tsx or the tests. */
const CODE_ROOT = dirname(dirname(fileURLToPath(import.meta.url)));

let fingerprint: string | undefined;

/**
 * A fingerprint of the code that runs: the bytes of every file of it and the versions of the packages that
 * shape output. The package version stays 0.1.0 through edits and releases from git, so a cache keyed on it
 * kept what an older renderer made; keyed on this, any change of code starts the cache over. Read once per
 * process (some 130 files, a few milliseconds).
 */
export function codeFingerprint(): string {
  if (fingerprint !== undefined) return fingerprint;
  const hash = createHash('sha256');
  for (const file of codeFiles(CODE_ROOT)) hash.update(`${file.slice(CODE_ROOT.length)}\0`).update(readFileSync(file)).update('\0');
  for (const name of OUTPUT_PACKAGES) hash.update(`${name}@${installedVersion(name)}\0`);
  fingerprint = hash.digest('hex').slice(0, 16);
  return fingerprint;
}

/** Every source or built file below `dir`, in a fixed order; source maps and type declarations do not run. */
function codeFiles(dir: string): string[] {
  const files: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) files.push(...codeFiles(path));
    else if (/\.(?:[cm]?js|ts)$/.test(entry.name) && !entry.name.endsWith('.d.ts')) files.push(path);
  }
  return files;
}

/** The version Node would load: the first `node_modules/<name>` from the code's folder up, as Node looks. */
function installedVersion(name: string): string {
  for (let dir = CODE_ROOT; ; dir = dirname(dir)) {
    const manifest = join(dir, 'node_modules', name, 'package.json');
    if (existsSync(manifest)) return (JSON.parse(readFileSync(manifest, 'utf8')) as { version: string }).version;
    if (dirname(dir) === dir) return 'absent';
  }
}
