import { BroadsheetError } from '../errors.js';
import { DEFAULT_CONTACT_LINE, DEFAULT_FROM } from './placeholderDefaults.js';
import type { ResolvedConfig } from './resolvedConfig.js';

type MailConfig = Pick<ResolvedConfig, 'site' | 'digest' | 'email'>;

/** One line per placeholder still in use, saying what to set. */
export function placeholderWarnings(config: MailConfig): string[] {
  return [
    ...(config.digest.contactLine === DEFAULT_CONTACT_LINE ? ['digest.contactLine is still the placeholder; set the postal or contact line every mail must carry.'] : []),
    ...(config.email.from.address === DEFAULT_FROM.address ? [`email.from is still ${DEFAULT_FROM.address}; set the address you send from.`] : []),
    ...(isLoopbackUrl(config.site.url) ? [`site.url is ${config.site.url}, this machine's own address: links in mail will not work for subscribers; set the public address.`] : []),
  ];
}

/** Whether `url` points at this machine (localhost, 127.0.0.0/8, ::1, 0.0.0.0). */
export function isLoopbackUrl(url: string): boolean {
  const host = new URL(url).hostname.toLowerCase();
  return host === 'localhost' || host.endsWith('.localhost') || /^127\.\d+\.\d+\.\d+$/.test(host) || host === '[::1]' || host === '0.0.0.0';
}

/** Before mail goes to subscribers: links to a loopback site.url reach nobody, so refuse unless told to. */
export function refuseLoopbackMail(config: MailConfig, allowLocal: boolean): void {
  if (allowLocal || !isLoopbackUrl(config.site.url)) return;
  throw new BroadsheetError('CONFIG_INVALID', `is ${config.site.url}, this machine's own address: the links in the mail would reach nobody else, so nothing is sent.`, {
    field: 'site.url',
    hint: 'Set site.url to the address subscribers reach, or pass --allow-local for a test with local mailboxes.',
  });
}
