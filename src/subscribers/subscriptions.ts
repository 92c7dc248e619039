import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { parseEmailAddress } from './address.js';
import type { Choices } from './choices.js';
import { checkChoices } from './choices.js';
import type { OfferedChoices } from './subscriberTopics.js';
import type { PauseView } from './pauseDate.js';
import { parsePauseDate, pauseView } from './pauseDate.js';
import type { Subscriber } from './subscriberStore.js';
import { BroadsheetError } from '../errors.js';
import type { ConfirmationMail } from './confirmationMail.js';
import type { SubscriberStore } from './subscriberStore.js';
import { signToken, verifyToken } from './tokens.js';

/** Where confirmation mails wait to be sent; the delivery module provides the real one. */
export interface ConfirmationOutbox {
  /** Queues one mail; undefined when the address had its share of confirmation mails today. */
  queue(subscriberId: number, mail: { to: string; subject: string; text: string; html: string; expiresAt: Date }): number | undefined;
}

/** Confirmation links are good for a week: long enough for a holiday, short enough to go stale. */
const CONFIRM_TOKEN_DAYS = 7;
const CONFIRM_TOKEN_LIFETIME_MS = CONFIRM_TOKEN_DAYS * 24 * 60 * 60 * 1000;

export interface SubscriptionDependencies {
  store: SubscriberStore;
  outbox: ConfirmationOutbox;
  /** The words and look of the confirmation mail, from templates/. */
  confirmationMail: ConfirmationMail;
  site: ResolvedConfig['site'];
  /** The topics and frequencies a subscriber may choose (config.digest). */
  offered: OfferedChoices;
  secret: string;
  now: () => Date;
}

/** What a confirmation link found: a replayed link of someone who left says so rather than thanking them. */
export type ConfirmResult = { kind: 'confirmed' } | { kind: 'left'; email: string; status: 'unsubscribed' | 'bounced'; since: Date | undefined };

/**
 * Double opt-in. `subscribe` answers the same whether or not the address was known, so nobody can learn
 * who subscribes: it only writes to the database (the mail is queued, never sent while the caller waits),
 * and only a click on the signed link makes an address confirmed.
 */
export class Subscriptions {
  constructor(private readonly deps: SubscriptionDependencies) {}

  /**
   * The id of the confirmation mail queued, or undefined when none was needed or allowed today. `choices`
   * are refused (INPUT_INVALID naming the field) when the site does not offer them, and kept only for an
   * address waiting for confirmation: anyone can fill in the form, so a confirmed subscriber's choices
   * change only from their preferences page.
   */
  subscribe(input: string, source: string, choices: Choices = {}): number | undefined {
    const address = parseEmailAddress(input);
    const checked = checkChoices(this.deps.offered, choices);
    const { subscriber } = this.deps.store.upsert(address, 'pending', source);
    if (subscriber.status !== 'pending') return undefined;
    this.deps.store.setChoices(subscriber.id, checked);
    const expiresAt = new Date(this.deps.now().getTime() + CONFIRM_TOKEN_LIFETIME_MS);
    const url = new URL('confirm', this.deps.site.url);
    url.searchParams.set('token', signToken({ purpose: 'confirm', subscriberId: subscriber.id, expiresAt }, this.deps.secret));
    const preferences = new URL('preferences', this.deps.site.url);
    preferences.searchParams.set('token', preferencesToken(subscriber.id, this.deps.secret));
    return this.deps.outbox.queue(subscriber.id, { to: subscriber.email, ...this.deps.confirmationMail(url.href, CONFIRM_TOKEN_DAYS, preferences.href), expiresAt });
  }

  /** Throws TOKEN_INVALID for a forged, altered, expired or misused token. */
  confirm(token: string): ConfirmResult {
    const { subscriberId } = verifyToken(token, 'confirm', this.deps.secret, this.deps.now());
    const subscriber = this.deps.store.get(subscriberId);
    if (subscriber?.status === 'pending') this.deps.store.setStatus(subscriberId, 'confirmed');
    if (subscriber?.status === 'unsubscribed') return { kind: 'left', email: subscriber.email, status: 'unsubscribed', since: subscriber.unsubscribedAt };
    if (subscriber?.status === 'bounced') return { kind: 'left', email: subscriber.email, status: 'bounced', since: subscriber.bouncedAt };
    return { kind: 'confirmed' };
  }

  /**
   * Whom a preferences link is for, with what the page needs besides: the pause as its form shows it and
   * their unsubscribe token. Throws TOKEN_INVALID for a forged, altered or misused token.
   */
  preferences(token: string): { subscriber: Subscriber; pause: PauseView; unsubscribeToken: string } {
    const { subscriberId } = verifyToken(token, 'preferences', this.deps.secret, this.deps.now());
    const subscriber = this.deps.store.get(subscriberId);
    if (subscriber === undefined) throw new BroadsheetError('TOKEN_INVALID', 'this link is not valid (no such subscriber).', { field: 'token' });
    return { subscriber, pause: pauseView(subscriber.pausedUntil, this.deps.now(), this.deps.site.timezone), unsubscribeToken: unsubscribeToken(subscriberId, this.deps.secret) };
  }

  /**
   * The preferences page's form: topics (none ticked: every article), a frequency, and a day to pause until
   * (empty: no pause). Everything is checked before anything is written, so a refused field changes nothing.
   */
  savePreferences(token: string, form: { topics: readonly string[]; frequency: string | undefined; pausedUntil: string }): void {
    const { subscriber } = this.preferences(token);
    const choices = checkChoices(this.deps.offered, { topics: form.topics, ...(form.frequency === undefined ? {} : { frequency: form.frequency }) });
    const pausedUntil = parsePauseDate(form.pausedUntil, this.deps.now(), this.deps.site.timezone);
    this.deps.store.setChoices(subscriber.id, choices);
    this.deps.store.setPause(subscriber.id, pausedUntil);
  }

  /** One click, no questions (RFC 8058); unsubscribing twice is not an error. */
  unsubscribe(token: string): void {
    const { subscriberId } = verifyToken(token, 'unsubscribe', this.deps.secret, this.deps.now());
    const subscriber = this.deps.store.get(subscriberId);
    if (subscriber !== undefined && subscriber.status !== 'unsubscribed') this.deps.store.setStatus(subscriberId, 'unsubscribed');
  }
}

export function unsubscribeToken(subscriberId: number, secret: string): string {
  return signToken({ purpose: 'unsubscribe', subscriberId, expiresAt: undefined }, secret);
}

/** The "Manage your subscription" link's: it lets its holder change the choices, as an unsubscribe link lets them leave. */
export function preferencesToken(subscriberId: number, secret: string): string {
  return signToken({ purpose: 'preferences', subscriberId, expiresAt: undefined }, secret);
}
