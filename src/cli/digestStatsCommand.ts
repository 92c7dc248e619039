import type { Command } from 'commander';
import { withState } from '../app/state.js';
import { loadConfig } from '../config/loadConfig.js';
import { BroadsheetError } from '../errors.js';
import type { DigestStats } from '../store/digestStats.js';
import { digestStats } from '../store/digestStats.js';

const COLUMNS = ['digest', 'date', 'queued', 'sent', 'deferred', 'failed', 'bounced', 'hard', 'soft', 'complained', 'unsubscribed'] as const;

/** One row per digest; `bounced` is hard + soft, so the two columns after it say of which kind. */
export function statsTable(stats: readonly DigestStats[]): string {
  const rows = stats.map((s) => [s.number, s.createdAt.toISOString().slice(0, 10), s.queued, s.sent, s.deferred, s.failed, s.hardBounces + s.softBounces, s.hardBounces, s.softBounces, s.complaints, s.unsubscribed].map(String));
  const widths = COLUMNS.map((c, i) => Math.max(c.length, ...rows.map((r) => (r[i] as string).length)));
  return [[...COLUMNS], ...rows].map((r) => r.map((cell, i) => cell.padEnd(widths[i] as number)).join('  ').trimEnd()).join('\n');
}

export function registerDigestStats(digest: Command): void {
  digest
    .command('stats [count]')
    .description('Figures of the last COUNT digests (default 10): queued, sent, deferred, failed, bounced (hard/soft), complained, unsubscribed since.')
    .option('--config <file>', 'config file')
    .action((countArg: string | undefined, options: { config?: string }) => {
      const limit = countArg === undefined ? 10 : Number(countArg);
      if (!Number.isInteger(limit) || limit < 1) throw new BroadsheetError('INPUT_INVALID', `"${countArg}" is not a number of digests.`, { field: 'count', hint: 'Give a whole number, 1 or more, or leave it out for 10.' });
      const config = loadConfig({ cwd: process.cwd(), env: process.env, configFile: options.config });
      return withState(config, 'read', ({ db }) => {
        const stats = digestStats(db, limit);
        console.log(stats.length === 0 ? 'No digest has been sent yet.' : statsTable(stats));
      });
    });
}
