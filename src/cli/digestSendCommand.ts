import type { Command } from 'commander';
import { sendDigestOnce } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { count } from './format.js';
import type { SetExitCode } from './registerCommand.js';
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
      const { report, reportMailed } = await sendDigestOnce(config, cwd, { dryRun: options.dryRun === true, onProgress: progressReporter(process.stdout) });
      if (reportMailed) console.log(`Report mailed to ${config.email.reportTo}.`);
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
    });
}
