import { generateKeyPairSync } from 'node:crypto';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { composeMail, composeMessage } from '../../src/delivery/composeMessage.js';
import { renderRawMessage } from '../../src/delivery/rawMessage.js';
import { makeProject } from '../support/project.js';

describe('composeMessage', async () => {
  const { config } = await makeProject();
  const base = { to: 'ann@example.org', html: '<p>Hi</p>', text: 'Hi', unsubscribeUrl: 'https://news.example.org/unsubscribe?token=t', messageId: '<m1@news.example.org>', date: new Date('2026-11-25T08:00:00Z') };

  it('cannot be made to add a header through a line break in a value', async () => {
    const raw = (await renderRawMessage(composeMessage({ ...base, subject: 'Hello\r\nBcc: everyone@example.org' }, config.email, 'digest.news.example.org'), config.email)).toString();
    expect(raw).not.toMatch(/^Bcc:/im);
    expect(raw).toMatch(/^Subject: Hello Bcc: everyone@example.org\r$/m);
  });

  it('signs with DKIM when a key is configured, covering the List-Unsubscribe headers', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'broadsheet-dkim-'));
    const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
    await writeFile(join(dir, 'dkim.pem'), privateKey.export({ type: 'pkcs8', format: 'pem' }));
    const email = { ...config.email, dkim: { domainName: 'news.example.org', keySelector: 'bs', privateKeyPath: join(dir, 'dkim.pem') } };
    const raw = (await renderRawMessage(composeMessage({ ...base, subject: 'Signed' }, email, 'x'), email)).toString();
    const signature = /^DKIM-Signature: ([\s\S]+?)\r\n(?=\S)/m.exec(raw)?.[1]?.replace(/\r\n\s+/g, ' ') ?? '';
    expect(signature).toMatch(/d=news\.example\.org; .*s=bs;/);
    expect(signature.toLowerCase()).toMatch(/h=[^;]*list-unsubscribe:list-unsubscribe-post/);
  });

  it('offers one-click unsubscribe only for an https link (RFC 8058)', async () => {
    const http = composeMessage({ ...base, subject: 's', unsubscribeUrl: 'http://127.0.0.1:8080/unsubscribe?token=t' }, config.email, 'x');
    expect(http.headers).not.toHaveProperty('List-Unsubscribe-Post');
    const https = composeMessage({ ...base, subject: 's' }, config.email, 'x');
    expect(https.headers).toMatchObject({ 'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click' });
  });
});

describe('composeMail', async () => {
  const { config } = await makeProject();
  const email = { ...config.email, replyTo: 'desk@news.example.org' };

  it('gives a confirmation the From and Reply-To of the digest, one-line headers and a Message-ID of its own, without list headers', async () => {
    const mail = composeMail({ to: 'ann@example.org', subject: 'Confirm\r\nBcc: everyone@example.org', text: 'Link', html: '<p>Link</p>', date: new Date('2026-11-25T08:00:00Z'), kind: 'confirm' }, email);
    expect(mail).toMatchObject({ from: { address: config.email.from.address }, replyTo: 'desk@news.example.org', subject: 'Confirm Bcc: everyone@example.org' });
    expect(mail.messageId).toMatch(/^<confirm-[0-9a-f-]{36}@news\.example\.org>$/);
    expect(mail).not.toHaveProperty('list');
    const raw = (await renderRawMessage(mail, email)).toString();
    expect(raw).not.toMatch(/^(Bcc|List-Unsubscribe):/im);
  });
});
