import { hash } from 'node:crypto';

/** Fixed forever: changing it would change every article's feed id and make readers show them all as new. */
const NAMESPACE = Buffer.from('6f1c2a3e9b7d4c5fa1e08d2b3c4d5e6f', 'hex');

/**
 * A name-based UUID (version 5, RFC 4122 section 4.3) of the article's source path without its extension:
 * the same file keeps the same id through edits of its title, body or date. Renaming the file changes it;
 * an `id:` in the front matter pins it.
 */
export function stableArticleId(sourcePath: string): string {
  const name = sourcePath.replace(/\.[^./]+$/, '');
  return uuidV5(name);
}

export function uuidV5(name: string): string {
  const digest = hash('sha1', Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]), 'buffer');
  digest[6] = ((digest[6] as number) & 0x0f) | 0x50;
  digest[8] = ((digest[8] as number) & 0x3f) | 0x80;
  const hex = digest.subarray(0, 16).toString('hex');
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
