import type { DeliveryReport } from './deliveryReport.js';
import { diagnosticText, failureKind } from './deliveryReport.js';
import { addressField, parseFieldBlocks } from './reportFields.js';

type RecipientReport = Pick<DeliveryReport, 'kind' | 'recipient' | 'diagnostic'>;

/**
 * The recipients of an RFC 3464 delivery status notification that failed or are delayed. `Action: failed`
 * is a bounce, hard or soft by its status; `delayed` a warning; `delivered`, `relayed` and `expanded`
 * are no failure at all.
 */
export function readDeliveryStatus(body: string): RecipientReport[] {
  const [, ...recipients] = parseFieldBlocks(body);
  const reports: RecipientReport[] = [];
  for (const fields of recipients) {
    const action = fields.get('action')?.toLowerCase();
    if (action !== 'failed' && action !== 'delayed') continue;
    const status = /\d\.\d{1,3}\.\d{1,3}/.exec(fields.get('status') ?? '')?.[0];
    const diagnostic = fields.get('diagnostic-code') ?? '';
    reports.push({
      kind: action === 'delayed' ? 'delayed' : failureKind(status, diagnostic),
      recipient: addressField(fields.get('original-recipient')) ?? addressField(fields.get('final-recipient')),
      diagnostic: diagnosticText(`${status ?? ''} ${diagnostic.replace(/^[\w-]+\s*;\s*/, '')}`),
    });
  }
  return reports;
}
