import type { Command } from 'commander';
import { sendDigestOnce } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import { DEFAULT_FREQUENCY } from '../config/schema.js';
import type { SendReport } from '../pipeline/sendDigest.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { count } from './format.js';
import type { SetExitCode } from './registerCommand.js';
import { progressReporter, waitReporter } from './progress.js';

export function registerDigestSend(digest: Command, setExitCode: SetExitCode): void {
  digest
    .command('send')
    .description('Retry what earlier digests left queued, then send each due frequency\'s digest of new articles to its confirmed subscribers.')
    .option('--config <file>', 'config file')
    .option('--frequency <name>', 'send this frequency\'s digest (a name of digest.frequencies) now, due or not')
    .option('--dry-run', 'say what would be sent, send nothing and change nothing')
    .option('--queue-only', 'compose and queue the new digests, send nothing: a later `digest send` (or `start`) sends them')
    .option('--allow-local', 'mail even though site.url is this machine\'s own address (a test with local mailboxes)')
    .action(async (options: { config?: string; dryRun?: boolean; queueOnly?: boolean; allowLocal?: boolean; frequency?: string }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const { report, reportMailed } = await sendDigestOnce(config, cwd, {
        dryRun: options.dryRun === true,
        queueOnly: options.queueOnly === true,
        frequency: options.frequency,
        allowLocal: options.allowLocal === true,
        warn: (line) => console.error(line),
        reporters: { onProgress: progressReporter(process.stdout), ...waitReporter(process.stdout) },
      });
      if (reportMailed) console.log(`Report mailed to ${config.email.reportTo}.`);
      for (const line of describeSend(report, config.paths.out)) console.log(line);
      if (report.kind === 'sent' && (report.waiting !== undefined || report.passes.some((p) => p.summary.failed > 0) || report.gaveUp > 0)) setExitCode(EXIT_PARTIAL);
    });
}

/** The run's summary for a person: each digest's figures, what still waits and until when. */
function describeSend(report: SendReport, outDir: string): string[] {
  switch (report.kind) {
    case 'nothing-new':
    case 'nothing-waiting':
      return ['No new articles since the last digest: nothing to send.'];
    case 'no-subscribers':
      return ['No confirmed subscribers: nothing sent.'];
    case 'dry-run': {
      const retry = report.waiting > 0 ? [`Would retry ${count(report.waiting, 'queued message')} of earlier digests.`] : [];
      const editions = report.digest !== undefined && report.digest.editions > 1 ? ` in ${count(report.digest.editions, 'edition')}` : '';
      const next = report.digest === undefined ? ['No new digest to send.'] : [`Would send "${report.digest.subject}"${editions} to ${count(report.digest.recipients, 'confirmed subscriber')}.`];
      return [...retry, ...next];
    }
    case 'queued':
      return report.digests.map(({ number, subject, frequency, editions, messages }) => `Digest ${number}${described(frequency, subject, editions)}: ${count(messages, 'message')} queued, none sent; \`broadsheet digest send\` sends them.`);
    case 'sent': {
      const lines = report.passes.map(({ number, subject, frequency, editions, resumed, summary: { sent, failed, skipped, deferred } }) => {
        return `Digest ${number}${described(frequency, subject, editions)}${resumed ? ' (resumed)' : ''}: sent ${sent}, failed ${failed}, skipped ${skipped}, deferred ${deferred}.`;
      });
      if (report.newDigest === 'nothing-new') lines.push('No new articles since the last digest: no new digest.');
      if (report.newDigest === 'no-subscribers') lines.push('No confirmed subscribers: no new digest.');
      if (report.gaveUp > 0) lines.push(`${count(report.gaveUp, 'message')} deferred for longer than email.retryFor given up (failed).`);
      const { waiting } = report;
      if (waiting !== undefined) {
        const why = waiting.reasons.length === 0 ? '' : ` (${waiting.reasons.join('; ')})`;
        lines.push(`${count(waiting.count, 'message')} could not be sent yet${why}; \`broadsheet digest send\` retries them until ${waiting.retryUntil.toISOString()}, then gives up.`);
      }
      if (report.archiveFiles.length > 0) lines.push(`Archived in ${outDir}/archive/ (${count(report.archiveFiles.length, 'file')}).`);
      return lines;
    }
  }
}

/** A digest as its summary line names it: its frequency (unless the only one), subject and other editions. */
function described(frequency: string | undefined, subject: string, editions: number): string {
  return `${frequency === undefined || frequency === DEFAULT_FREQUENCY ? '' : ` (${frequency})`} "${subject}"${editions > 1 ? ` and ${count(editions - 1, 'other edition')}` : ''}`;
}
