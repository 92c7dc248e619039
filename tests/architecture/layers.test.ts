import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';

/**
 * The layers of src/, bottom first (README, "How the code is organised"). A part may import its own files and
 * those of a lower layer, never one of its own layer or above. content/ reads through the ContentMemo it
 * declares, which cache/ implements, so the cache may know the content's types and content knows no cache.
 */
const LAYERS: readonly (readonly string[])[] = [
  ['errors', 'article'],
  ['templating'],
  ['io', 'log', 'config'],
  ['content', 'scaffold'],
  ['feeds', 'pages', 'digest'],
  ['store'],
  ['cache'],
  ['subscribers'],
  ['delivery', 'inbound'],
  ['pipeline'],
  ['server', 'scheduler'],
  ['app'],
  ['dev'],
  ['cli'],
];

const SRC = join(REPO_ROOT, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') ? [relative(SRC, path)] : [];
  });
}

/** Every file of ours a file imports: static, type-only, re-exports and dynamic import(). */
function importsOf(file: string): string[] {
  const { importedFiles } = ts.preProcessFile(readFileSync(join(SRC, file), 'utf8'), true, true);
  return importedFiles
    .map(({ fileName }) => fileName)
    .filter((name) => name.startsWith('.'))
    .map((name) => relative(SRC, resolve(SRC, dirname(file), name)).replace(/\.js$/, '.ts'));
}

/** `store/database.ts` -> `store`, `errors.ts` -> `errors`. */
function partOf(file: string): string {
  const [first = ''] = file.split('/');
  return first.replace(/\.ts$/, '');
}

const files = sourceFiles(SRC);
const graph = new Map(files.map((file) => [file, importsOf(file)]));

/** Files that import each other in a loop (Tarjan's strongly connected components of more than one file). */
function circles(): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const found: string[][] = [];
  const visit = (file: string): void => {
    index.set(file, index.size);
    low.set(file, index.get(file) as number);
    stack.push(file);
    for (const next of graph.get(file) ?? []) {
      if (!graph.has(next)) continue;
      if (!index.has(next)) {
        visit(next);
        low.set(file, Math.min(low.get(file) as number, low.get(next) as number));
      } else if (stack.includes(next)) low.set(file, Math.min(low.get(file) as number, index.get(next) as number));
    }
    if (low.get(file) !== index.get(file)) return;
    const component: string[] = [];
    let member: string;
    do {
      member = stack.pop() as string;
      component.push(member);
    } while (member !== file);
    if (component.length > 1) found.push(component.sort());
  };
  for (const file of files) if (!index.has(file)) visit(file);
  return found;
}

describe('the layers of src/', () => {
  const layerOf = new Map(LAYERS.flatMap((parts, layer) => parts.map((part) => [part, layer] as const)));

  it('places every top-level part of src/ in a layer', () => {
    expect([...new Set(files.map(partOf))].filter((part) => !layerOf.has(part))).toEqual([]);
  });

  it('has no import from a lower layer to a higher one, nor across one layer', () => {
    const upward = [...graph].flatMap(([file, imports]) =>
      imports.filter((target) => partOf(target) !== partOf(file) && (layerOf.get(partOf(target)) ?? -1) >= (layerOf.get(partOf(file)) ?? -1)).map((target) => `${file} imports ${target}`),
    );
    expect(upward).toEqual([]);
  });

  it('has no circle of imports between files', () => {
    expect(circles()).toEqual([]);
  });
});

describe('the composition root', () => {
  /** What app.ts and app/ wire for every command: the state database, the mail server, the build cache, the secret's check. */
  const WIRING = ['store/database.ts', 'delivery/smtpMailer.ts', 'delivery/confirmationQueue.ts', 'cache/buildCacheStore.ts', 'config/secret.ts', 'subscribers/subscriptions.ts'];

  it('wires the state, the mailer, the cache and the secret check in app/, so that commands are flags and printing', () => {
    const wiredInCli = [...graph].filter(([file]) => partOf(file) === 'cli').flatMap(([file, imports]) => imports.filter((target) => WIRING.includes(target)).map((target) => `${file} imports ${target}`));
    expect(wiredInCli).toEqual([]);
  });
});
