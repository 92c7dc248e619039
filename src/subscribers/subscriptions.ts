import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { parseEmailAddress } from './address.js';
import type { ConfirmationMail } from './confirmationMail.js';
import type { SubscriberStore } from './subscriberStore.js';
import { signToken, verifyToken } from './tokens.js';

/** A sender of single mails (confirmations); the delivery module provides the real one. */
export interface ConfirmationMailer {
  sendConfirmation(mail: { to: string; subject: string; text: string; html: string }): Promise<void>;
}

/** Confirmation links are good for a week: long enough for a holiday, short enough to go stale. */
const CONFIRM_TOKEN_DAYS = 7;
const CONFIRM_TOKEN_LIFETIME_MS = CONFIRM_TOKEN_DAYS * 24 * 60 * 60 * 1000;

export interface SubscriptionDependencies {
  store: SubscriberStore;
  mailer: ConfirmationMailer;
  /** The words and look of the confirmation mail, from templates/. */
  confirmationMail: ConfirmationMail;
  site: ResolvedConfig['site'];
  secret: string;
  now: () => Date;
}

/**
 * Double opt-in. `subscribe` answers the same whether or not the address was known, so nobody can learn
 * who subscribes; only a click on the signed link makes an address confirmed.
 */
export class Subscriptions {
  constructor(private readonly deps: SubscriptionDependencies) {}

  async subscribe(input: string, source: string): Promise<void> {
    const address = parseEmailAddress(input);
    const { subscriber } = this.deps.store.upsert(address, 'pending', source);
    if (subscriber.status !== 'pending') return;
    const token = signToken(
      { purpose: 'confirm', subscriberId: subscriber.id, expiresAt: new Date(this.deps.now().getTime() + CONFIRM_TOKEN_LIFETIME_MS) },
      this.deps.secret,
    );
    const url = new URL('confirm', this.deps.site.url);
    url.searchParams.set('token', token);
    await this.deps.mailer.sendConfirmation({ to: subscriber.email, ...this.deps.confirmationMail(url.href, CONFIRM_TOKEN_DAYS) });
  }

  /** Throws TOKEN_INVALID for a forged, altered, expired or misused token. */
  confirm(token: string): void {
    const { subscriberId } = verifyToken(token, 'confirm', this.deps.secret, this.deps.now());
    const subscriber = this.deps.store.get(subscriberId);
    if (subscriber?.status === 'pending') this.deps.store.setStatus(subscriberId, 'confirmed');
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
