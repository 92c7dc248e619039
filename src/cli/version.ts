import { readFileSync } from 'node:fs';

/** The package's version (the same path from src/ and from dist/). */
export function packageVersion(): string {
  return (JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8')) as { version: string }).version;
}
