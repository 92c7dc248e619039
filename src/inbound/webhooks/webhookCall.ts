import type { IncomingHttpHeaders } from 'node:http';
import * as v from 'valibot';
import type { DeliveryReport } from '../deliveryReport.js';
import type { VerpAddresses, VerpId } from '../verp.js';

/** A webhook request as received: the signatures cover the exact bytes, so the body is kept raw. */
export interface WebhookCall {
  headers: IncomingHttpHeaders;
  body: string;
}

export type WebhookResult =
  | { kind: 'refused'; reason: string }
  | { kind: 'malformed'; reason: string }
  | { kind: 'reports'; reports: DeliveryReport[]; note?: string };

/** The body as JSON checked against `schema`, or the reason it is not. */
export function parseJsonBody<T extends v.GenericSchema>(body: string, schema: T): { ok: true; value: v.InferOutput<T> } | { ok: false; reason: string } {
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch {
    return { ok: false, reason: 'the body is not JSON' };
  }
  const parsed = v.safeParse(schema, json);
  if (parsed.success) return { ok: true, value: parsed.output };
  const issue = parsed.issues[0];
  return { ok: false, reason: `${v.getDotPath(issue) ?? '(body)'}: ${issue.message}` };
}

/**
 * The outbox row a provider's event names through a signed address it quotes (the envelope sender it
 * was given, the headers of the message), or 'forged' when it quotes only addresses that do not verify.
 */
export function signedRowIn(verp: VerpAddresses | undefined, quoted: string): VerpId | 'forged' | undefined {
  const found = verp?.find(quoted) ?? [];
  const good = found.find((m) => 'purpose' in m);
  if (good !== undefined && 'id' in good) return good.id;
  return found.length > 0 ? 'forged' : undefined;
}

/** `digest-3.subscriber-17@x` or `<digest-3.subscriber-17@x>` -> `<digest-3.subscriber-17@x>`. */
export function bracketed(messageId: string | undefined): string | undefined {
  if (messageId === undefined || messageId === '') return undefined;
  return messageId.startsWith('<') ? messageId : `<${messageId}>`;
}

export function header(call: WebhookCall, name: string): string | undefined {
  const value = call.headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}
