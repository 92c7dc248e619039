import { join, relative } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { composeMessage, listIdFor, messageIdFor } from '../delivery/composeMessage.js';
import { renderRawMessage } from '../delivery/rawMessage.js';
import { personaliseDigest } from '../digest/personaliseDigest.js';
import { verpEnvelope } from '../inbound/verp.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { prepareDigest, unsubscribePageUrl } from '../pipeline/prepareDigest.js';
import { digestHistory, nextDigestNumber } from '../store/digestLog.js';
import { openExistingDatabaseReadOnly } from '../store/database.js';
import { signToken } from '../subscribers/tokens.js';
import { registerDigestSend } from './digestSendCommand.js';
import { registerDigestStats } from './digestStatsCommand.js';
import type { RegisterCommand } from './registerCommand.js';

/** Who the preview is addressed to; id 0 is never a real subscriber's. */
const SAMPLE_READER = { id: 0, address: 'Sample Reader <reader@example.org>', name: 'Sample Reader', firstName: 'Sample' };
const PREVIEW_SECRET = 'preview-only-not-a-secret';

export const registerDigest: RegisterCommand = (program, setExitCode) => {
  const digest = program.command('digest').description('Render and send the e-mail digest of new articles.');
  digest
    .command('preview')
    .description('Write out/digest/preview.html, preview.txt and preview.eml for a sample subscriber; changes no state.')
    .option('--config <file>', 'config file')
    .action(async (options: { config?: string }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const now = new Date();
      const db = openExistingDatabaseReadOnly(config.paths.stateDir);
      const history = db === undefined ? { sentArticleIds: new Set<string>(), oldestSentPublished: undefined } : digestHistory(db);
      const number = db === undefined ? 1 : nextDigestNumber(db);
      db?.close();
      const prepared = await prepareDigest({ config, history, number, now, displayRoot: cwd });
      if (prepared.kind === 'nothing-new') {
        console.log('No new articles since the last digest: there is nothing to preview.');
        return;
      }
      const secret = config.secret ?? PREVIEW_SECRET;
      const token = signToken({ purpose: 'unsubscribe', subscriberId: SAMPLE_READER.id, expiresAt: undefined }, secret);
      const unsubscribeUrl = unsubscribePageUrl(config, token);
      const personal = personaliseDigest(prepared.digest, { unsubscribeUrl, name: SAMPLE_READER.name, firstName: SAMPLE_READER.firstName });
      const message = composeMessage(
        { to: SAMPLE_READER.address, subject: prepared.digest.subject, ...personal, unsubscribeUrl, messageId: messageIdFor(number, SAMPLE_READER.id, config.email), date: now, verp: verpEnvelope(config.email.bounceAddress, secret, { digestNumber: number, subscriberId: SAMPLE_READER.id }) },
        config.email,
        listIdFor(config.site.url),
      );
      const dir = join(config.paths.out, 'digest');
      const files: [string, string | Buffer][] = [
        ['preview.html', personal.html],
        ['preview.txt', personal.text],
        ['preview.eml', await renderRawMessage(message, config.email)],
      ];
      for (const [name, body] of files) {
        await writeFileAtomic(join(dir, name), body);
        console.log(relative(cwd, join(dir, name)));
      }
      console.log(`Subject: ${prepared.digest.subject} (${prepared.digest.articleIds.length} articles)`);
    });
  registerDigestSend(digest, setExitCode);
  registerDigestStats(digest);
};
