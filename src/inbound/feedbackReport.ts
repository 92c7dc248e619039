import { addressField, parseFieldBlocks } from './reportFields.js';

/**
 * An RFC 5965 feedback report (ARF), as mailbox providers' feedback loops send them (Microsoft's JMRP,
 * Yahoo's CFL, Amazon SES forwarding): a complaint unless the type says the reader marked it "not spam"
 * or it only reports an authentication failure.
 */
export function readFeedbackReport(body: string): { complaint: boolean; feedbackType: string; recipient: string | undefined; originalMailFrom: string | undefined } {
  const fields = parseFieldBlocks(body)[0] ?? new Map<string, string>();
  const feedbackType = (fields.get('feedback-type') ?? 'abuse').toLowerCase();
  return {
    complaint: feedbackType !== 'not-spam' && feedbackType !== 'auth-failure',
    feedbackType,
    recipient: addressField(fields.get('original-rcpt-to')) ?? addressField(fields.get('removal-recipient')),
    originalMailFrom: fields.get('original-mail-from'),
  };
}
