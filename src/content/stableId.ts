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

/** The namespace followed by room for a name: one buffer reused instead of two allocated and joined per id. */
const scratch = Buffer.alloc(4096);
NAMESPACE.copy(scratch);

export function uuidV5(name: string): string {
  // A name that may not fit (up to 3 bytes a UTF-16 unit) takes the allocating path.
  const input = name.length * 3 <= scratch.length - NAMESPACE.length ? scratch.subarray(0, NAMESPACE.length + scratch.write(name, NAMESPACE.length)) : Buffer.concat([NAMESPACE, Buffer.from(name, 'utf8')]);
  const hex = hash('sha1', input, 'hex');
  // The version nibble becomes 5 and the variant's top bits 10 (RFC 4122 section 4.1.1).
  const variant = ((Number.parseInt(hex[16] as string, 16) & 0x3) | 0x8).toString(16);
  return `urn:uuid:${hex.slice(0, 8)}-${hex.slice(8, 12)}-5${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}
