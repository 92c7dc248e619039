import { siteTemplates } from '../app.js';
import { placeholderWarnings, refuseLoopbackMail } from '../config/placeholders.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { checkSecretStrength, requiredSecret } from '../config/secret.js';
import type { ConfirmationRun } from '../delivery/confirmationSender.js';
import { ConfirmationQueue } from '../delivery/confirmationQueue.js';
import { sendConfirmations } from '../delivery/confirmationSender.js';
import { sendAllowance } from '../delivery/sendAllowance.js';
import { createSmtpMailer } from '../delivery/smtpMailer.js';
import { BroadsheetError } from '../errors.js';
import { parseEmailAddress } from '../subscribers/address.js';
import type { Choices } from '../subscribers/choices.js';
import { checkChoices } from '../subscribers/choices.js';
import { loadConfirmationMail } from '../subscribers/confirmationMail.js';
import type { SubscriberStatus } from '../subscribers/subscriberStore.js';
import { Subscriptions } from '../subscribers/subscriptions.js';
import { withState } from './state.js';

export type SubscribeOutcome =
  | { kind: 'confirmed'; email: string; changed: boolean }
  /** No mail queued: the address needed none (already confirmed), or had its share today. */
  | { kind: 'no-mail'; email: string; status: SubscriberStatus | undefined }
  | { kind: 'mailed'; email: string; status: SubscriberStatus | undefined; run: ConfirmationRun };

/**
 * `subscribers add`: with `confirmed`, the address is confirmed at once; otherwise it is pending and its
 * confirmation mail goes out now (through the same queue and sender as the web form's), so the publisher
 * hears whether it went; a mail that could not go stays queued for `serve` or `start`.
 */
export async function subscribeOnce(
  config: ResolvedConfig,
  input: string,
  options: { confirmed: boolean; allowLocal: boolean; choices: Choices; warn: (line: string) => void; displayRoot: string },
): Promise<SubscribeOutcome> {
  checkSecretStrength(config);
  for (const warning of placeholderWarnings(config)) options.warn(`warning: ${warning}`);
  const address = parseEmailAddress(input);
  if (options.confirmed) {
    const choices = checkChoices(config.digest, options.choices);
    return withState(config, 'write', ({ subscribers }) => {
      const { subscriber, changed } = subscribers.upsert(address, 'confirmed', 'cli');
      if (subscriber.status !== 'confirmed') {
        throw new BroadsheetError('INPUT_INVALID', `${subscriber.email} is ${subscriber.status}: they can only come back by subscribing again themselves.`, {
          field: 'email',
          hint: 'Use `broadsheet subscribers add` without --confirmed to send them a confirmation link.',
        });
      }
      // The publisher adds them on their word: the choices given are theirs, whether new or known.
      subscribers.setChoices(subscriber.id, choices);
      return { kind: 'confirmed', email: address.email, changed };
    });
  }
  const secret = requiredSecret(config, 'it signs the confirmation link (or use --confirmed)');
  refuseLoopbackMail(config, options.allowLocal);
  const confirmationMail = await loadConfirmationMail(siteTemplates(config, options.displayRoot), config.site);
  const mailer = await createSmtpMailer(config.email);
  try {
    return await withState(config, 'write', async ({ db, subscribers }) => {
      const now = () => new Date();
      const queue = new ConfirmationQueue(db, now, config.subscribe.perAddressPerDay);
      const queued = new Subscriptions({ store: subscribers, outbox: queue, confirmationMail, site: config.site, offered: config.digest, secret, now }).subscribe(input, 'cli', options.choices);
      const status = subscribers.find(address)?.status;
      if (queued === undefined) return { kind: 'no-mail', email: address.email, status };
      const run = await sendConfirmations(queue, mailer, config.email, { now, allowance: sendAllowance(db, config.email), only: queued });
      return { kind: 'mailed', email: address.email, status, run };
    });
  } finally {
    mailer.close();
  }
}
