import type { Command } from 'commander';
import { InvalidArgumentError } from 'commander';
import { join, relative } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { composeMessage, listIdFor, messageIdFor } from '../delivery/composeMessage.js';
import { renderRawMessage } from '../delivery/rawMessage.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { BroadsheetError } from '../errors.js';
import type { DigestHistory } from '../digest/selectArticles.js';
import type { RenderedDigest } from '../digest/renderDigest.js';
import { verpEnvelope } from '../inbound/verp.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { prepareDigest, unsubscribePageUrl } from '../pipeline/prepareDigest.js';
import type { Db } from '../store/database.js';
import { openExistingDatabaseReadOnly } from '../store/database.js';
import { digestHistory, findDigest, nextDigestNumber } from '../store/digestLog.js';
import { signToken } from '../subscribers/tokens.js';
import { count } from './format.js';

/** Who the preview is addressed to; id 0 is never a real subscriber's. */
const SAMPLE_READER = { id: 0, address: 'Sample Reader <reader@example.org>', name: 'Sample Reader', firstName: 'Sample' };
const PREVIEW_SECRET = 'preview-only-not-a-secret';

/** What a preview shows: the digest's number, subject and parts (with the unsubscribe placeholder), and why. */
interface Preview {
  number: number;
  subject: string;
  html: string;
  text: string;
  date: Date;
  /** The line printed after the file names. */
  note: string;
}

export function registerDigestPreview(digest: Command): void {
  digest
    .command('preview')
    .description('Write out/digest/preview.html, preview.txt and preview.eml for a sample subscriber; changes no state.')
    .option('--config <file>', 'config file')
    .option('--number <n>', 'preview digest N as it was sent', wholeNumber)
    .action(async (options: { config?: string; number?: number }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const now = new Date();
      const db = openExistingDatabaseReadOnly(config.paths.stateDir);
      let preview: Preview | undefined;
      try {
        preview = options.number === undefined ? await nextDigest(config, db, now, cwd) : sentDigest(db, options.number);
      } finally {
        db?.close();
      }
      if (preview === undefined) {
        console.log('There are no articles in the content folder: there is nothing to preview.');
        return;
      }
      for (const file of await writePreview(config, preview)) console.log(relative(cwd, file));
      console.log(preview.note);
    });
}

const NO_HISTORY = { sentArticleIds: new Set<string>(), oldestSentPublished: undefined };

/** The digest `digest send` would send now; when everything was sent, the newest articles, saying so. */
async function nextDigest(config: ResolvedConfig, db: Db | undefined, now: Date, displayRoot: string): Promise<Preview | undefined> {
  const number = db === undefined ? 1 : nextDigestNumber(db);
  const prepare = (history: DigestHistory) => prepareDigest({ config, history, number, now, displayRoot });
  const summary = (digest: RenderedDigest) => `Subject: ${digest.subject} (${count(digest.articleIds.length, 'article')})`;
  const next = await prepare(db === undefined ? NO_HISTORY : digestHistory(db));
  if (next.kind === 'digest') return { number, ...next.digest, date: now, note: summary(next.digest) };
  // Nothing new: what a first digest would hold, so the look of the mail can still be checked.
  const newest = await prepare(NO_HISTORY);
  if (newest.kind === 'nothing-new') return undefined;
  const note = `No new articles since digest ${number - 1}, so \`digest send\` would send nothing: this previews the newest ${count(newest.digest.articleIds.length, 'article')} instead. ${summary(newest.digest)}`;
  return { number, ...newest.digest, date: now, note };
}

function sentDigest(db: Db | undefined, number: number): Preview {
  const stored = db === undefined ? undefined : findDigest(db, number);
  if (stored === undefined) {
    throw new BroadsheetError('INPUT_INVALID', `there is no digest ${number}.`, { field: '--number', hint: '`broadsheet digest stats` lists the digests sent.' });
  }
  const when = stored.sentAt === undefined ? 'recorded, not all sent yet,' : 'sent';
  return { ...stored, date: stored.sentAt ?? stored.createdAt, note: `Digest ${number} as it was ${when} on ${(stored.sentAt ?? stored.createdAt).toISOString().slice(0, 10)}. Subject: ${stored.subject}` };
}

/** The HTML, the text and the complete message for the sample reader; returns the files written. */
async function writePreview(config: ResolvedConfig, preview: Preview): Promise<string[]> {
  const secret = config.secret ?? PREVIEW_SECRET;
  const token = signToken({ purpose: 'unsubscribe', subscriberId: SAMPLE_READER.id, expiresAt: undefined }, secret);
  const unsubscribeUrl = unsubscribePageUrl(config, token);
  const personal = personaliseDigest(preview, { unsubscribeUrl, name: SAMPLE_READER.name, firstName: SAMPLE_READER.firstName });
  const { number } = preview;
  const message = composeMessage(
    { to: SAMPLE_READER.address, subject: preview.subject, ...personal, unsubscribeUrl, messageId: messageIdFor(number, SAMPLE_READER.id, config.email), date: preview.date, verp: verpEnvelope(config.email.bounceAddress, secret, { digestNumber: number, subscriberId: SAMPLE_READER.id }) },
    config.email,
    listIdFor(config.site.url),
  );
  const dir = join(config.paths.out, 'digest');
  const files: [string, string | Buffer][] = [
    ['preview.html', personal.html],
    ['preview.txt', personal.text],
    ['preview.eml', await renderRawMessage(message, config.email)],
  ];
  for (const [name, body] of files) await writeFileAtomic(join(dir, name), body);
  return files.map(([name]) => join(dir, name));
}

function wholeNumber(value: string): number {
  if (!/^[1-9]\d*$/.test(value)) throw new InvalidArgumentError('expected a digest number, 1 or more.');
  return Number(value);
}
