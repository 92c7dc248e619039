import { readFileSync } from 'node:fs';
import { codeFingerprint } from '../io/codeFingerprint.js';

/** The package's version (the same path from src/ and from dist/). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}

/**
 * What `--version` prints: the version and the fingerprint of the code that runs (the build cache's key),
 * since every install from git says 0.1.0 while its renderers differ.
 */
export function versionLine(): string {
  return `${packageVersion()} (code ${codeFingerprint()})`;
}
