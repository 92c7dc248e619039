import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { minVersion, satisfies } from 'semver';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from './support/cli.js';

interface LockPackage {
  version?: string;
  engines?: { node?: string };
}

const readJson = (name: string): unknown => JSON.parse(readFileSync(join(REPO_ROOT, name), 'utf8'));

describe('the installed packages', () => {
  // npm ci prints EBADENGINE for each package whose engines.node leaves out the Node it runs on; the README
  // promises the oldest Node that package.json's engines allows, so every locked package must accept it.
  it('all accept the oldest Node that package.json promises, so npm ci on it prints no EBADENGINE', () => {
    const promised = minVersion((readJson('package.json') as { engines: { node: string } }).engines.node);
    expect(promised?.version).toBe('20.19.0');
    const lock = readJson('package-lock.json') as { packages: Record<string, LockPackage> };
    const refusing = Object.entries(lock.packages)
      .filter(([, pkg]) => pkg.engines?.node !== undefined && !satisfies(promised!, pkg.engines.node))
      .map(([path, pkg]) => `${path}@${pkg.version} wants node ${pkg.engines?.node}`);
    expect(refusing).toEqual([]);
  });
});
