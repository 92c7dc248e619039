import type { Command } from 'commander';
import { sleep } from '../io/sleep.js';
import { loadConfig } from '../config/loadConfig.js';
import { createSmtpMailer } from '../delivery/smtpMailer.js';
import { sendDigestReport } from '../pipeline/digestReport.js';
import { sendDigest } from '../pipeline/sendDigest.js';
import { loadBuildCache, saveBuildCache } from '../cache/buildCacheStore.js';
import { readOptionsOf } from '../content/readOptions.js';
import { openDatabase } from '../store/database.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { count } from './format.js';
import type { SetExitCode } from './main.js';
import { progressReporter } from './progress.js';

export function registerDigestSend(digest: Command, setExitCode: SetExitCode): void {
  digest
    .command('send')
    .description('Send the digest of new articles to every confirmed subscriber (resumes an interrupted send).')
    .option('--config <file>', 'config file')
    .option('--dry-run', 'say what would be sent, send nothing and change nothing')
    .action(async (options: { config?: string; dryRun?: boolean }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const db = openDatabase(config.paths.stateDir);
      try {
        const cache = loadBuildCache(db, config.paths.content, { reading: readOptionsOf(config) });
        const report = await sendDigest(
          config,
          { db, createMailer: () => createSmtpMailer(config.email), now: () => new Date(), sleep, displayRoot: cwd, onProgress: progressReporter(process.stdout), cache: cache.content },
          { dryRun: options.dryRun === true },
        );
        saveBuildCache(db, cache);
        if (await sendDigestReport(config, { db, createMailer: () => createSmtpMailer(config.email), now: () => new Date() }, { scheduled: false, outcome: report })) console.log(`Report mailed to ${config.email.reportTo}.`);
        switch (report.kind) {
          case 'nothing-new':
            console.log('No new articles since the last digest: nothing to send.');
            break;
          case 'no-subscribers':
            console.log('No confirmed subscribers: nothing sent.');
            break;
          case 'dry-run':
            console.log(`Would send "${report.subject}" to ${count(report.recipients, 'confirmed subscriber')}.`);
            break;
          case 'sent': {
            const { sent, failed, skipped, deferred } = report.summary;
            console.log(`Digest ${report.number} "${report.subject}"${report.resumed ? ' (resumed)' : ''}: sent ${sent}, failed ${failed}, skipped ${skipped}, deferred ${deferred}.`);
            if (!report.complete) console.log('Some messages could not be sent yet; run `broadsheet digest send` again to retry them.');
            else console.log(`Archived in ${config.paths.out}/archive/ (${count(report.archiveFiles.length, 'file')}).`);
            if (failed > 0 || deferred > 0) setExitCode(EXIT_PARTIAL);
          }
        }
      } finally {
        db.close();
      }
    });
}
