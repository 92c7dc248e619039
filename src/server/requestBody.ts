import type { IncomingMessage } from 'node:http';
import { BroadsheetError } from '../errors.js';

export const MAX_BODY_BYTES = 8 * 1024;

export class BodyTooLarge extends Error {}

/** The body as text, refusing more than `limit` bytes without reading it all. */
export async function readBody(request: IncomingMessage, limit = MAX_BODY_BYTES): Promise<string> {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > limit) throw new BodyTooLarge();
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of request) {
    size += (chunk as Buffer).length;
    if (size > limit) throw new BodyTooLarge();
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/** Form fields from a urlencoded or JSON body; anything else is a 400 with a reason. */
export function parseFields(contentType: string | undefined, body: string): Record<string, string> {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || (type === '' && body === '')) return Object.fromEntries(new URLSearchParams(body));
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new BroadsheetError('INPUT_INVALID', 'the body is not valid JSON.', { hint: 'Send {"email": "name@example.org"}.' });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new BroadsheetError('INPUT_INVALID', 'the body must be a JSON object.', { hint: 'Send {"email": "name@example.org"}.' });
    }
    return Object.fromEntries(Object.entries(parsed).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
  }
  throw new BroadsheetError('INPUT_INVALID', `content type "${type}" is not accepted.`, { hint: 'Send a form (application/x-www-form-urlencoded) or JSON.' });
}
