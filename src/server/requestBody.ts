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

/** A form's fields: one value, or (checkboxes, a JSON array) every value given under a name. */
export interface FormFields {
  text(name: string): string | undefined;
  list(name: string): string[] | undefined;
}

const SEND = 'Send {"email": "name@example.org", "topics": ["…"], "frequency": "…"}.';

/** Form fields from a urlencoded or JSON body; anything else is a 400 with a reason. */
export function parseFields(contentType: string | undefined, body: string): FormFields {
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase();
  if (type === 'application/x-www-form-urlencoded' || (type === '' && body === '')) {
    const params = new URLSearchParams(body);
    return { text: (name) => params.get(name) ?? undefined, list: (name) => (params.has(name) ? params.getAll(name) : undefined) };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      throw new BroadsheetError('INPUT_INVALID', 'the body is not valid JSON.', { hint: SEND });
    }
    if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) {
      throw new BroadsheetError('INPUT_INVALID', 'the body must be a JSON object.', { hint: SEND });
    }
    const fields = parsed as Record<string, unknown>;
    return {
      text: (name) => (typeof fields[name] === 'string' ? fields[name] : undefined),
      list(name) {
        const value = fields[name];
        if (value === undefined || value === null) return undefined;
        if (Array.isArray(value) && value.every((item) => typeof item === 'string')) return value;
        throw new BroadsheetError('INPUT_INVALID', 'expected a list of strings.', { field: name, hint: SEND });
      },
    };
  }
  throw new BroadsheetError('INPUT_INVALID', `content type "${type}" is not accepted.`, { hint: 'Send a form (application/x-www-form-urlencoded) or JSON.' });
}
