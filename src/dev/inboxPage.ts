import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { escapeHtml } from '../article/html.js';
import type { SiteConfig } from '../config/resolvedConfig.js';
import { INBOX_MESSAGE } from '../delivery/inboxMailer.js';
import { layout } from './devLayout.js';

export const INBOX_PATH = '/_inbox';

interface InboxMessage {
  name: string;
  subject: string;
  from: string;
  to: string;
  date: string;
  text: string;
  html: string | undefined;
}

/** The messages of the dev inbox, newest first. */
async function readInbox(dir: string): Promise<InboxMessage[]> {
  const names = (await readdir(dir).catch(() => [])).filter((name) => INBOX_MESSAGE.test(name)).sort().reverse();
  return Promise.all(names.map((name) => readMessage(dir, name)));
}

/** One message, read back with the MIME parser the bounce reader uses (loaded at the first mail shown). */
async function readMessage(dir: string, name: string): Promise<InboxMessage> {
  const { simpleParser } = await import('mailparser');
  const mail = await simpleParser(await readFile(join(dir, name)), { skipImageLinks: true, skipTextLinks: true });
  const addresses = (value: typeof mail.to) => [value ?? []].flat().map((a) => a.text).join(', ');
  return { name, subject: mail.subject ?? '(no subject)', from: addresses(mail.from), to: addresses(mail.to), date: mail.date?.toISOString() ?? '', text: mail.text ?? '', html: mail.html === false ? undefined : mail.html };
}

/** The text part with its web links made clickable, so a confirmation link is one click away. */
function linkedText(text: string): string {
  return escapeHtml(text).replace(/https?:\/\/[^\s<>"']+/g, (url) => `<a href="${url}">${url}</a>`);
}

/** `/_inbox`: every mail `dev` sent, with its text and a link to its HTML part. */
export async function inboxPage(site: SiteConfig, dir: string): Promise<string> {
  const messages = await readInbox(dir);
  const items = messages.map(
    (m) => `<article>
<h2>${escapeHtml(m.subject)}</h2>
<p>To ${escapeHtml(m.to)} · from ${escapeHtml(m.from)} · <time datetime="${escapeHtml(m.date)}">${escapeHtml(m.date)}</time>${m.html === undefined ? '' : ` · <a href="${INBOX_PATH}/${m.name}">the HTML part</a>`}</p>
<pre>${linkedText(m.text)}</pre>
</article>`,
  );
  const none = '<p>No mail yet. Subscribe with the form on the front page, and the confirmation mail appears here.</p>';
  return layout(site, `Dev inbox · ${site.title}`, `<h1>Dev inbox</h1>
<p>Every mail <code>broadsheet dev</code> sent, newest first. None of it left this machine.</p>
${items.length === 0 ? none : items.join('\n')}`);
}

/** `/_inbox/<name>`: the HTML part of one message, or undefined when there is no such message. */
export async function inboxMessageHtml(dir: string, name: string): Promise<string | undefined> {
  if (!INBOX_MESSAGE.test(name)) return undefined;
  return (await readMessage(dir, name).catch(() => undefined))?.html;
}
