import { hash } from 'node:crypto';

/** Identifies one version of a file's bytes. SHA-1 is enough to tell versions apart and is the cheapest digest here. */
export function sourceHash(bytes: Uint8Array): string {
  return hash('sha1', bytes, 'base64url');
}
