import { resolve } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { inboundReportsFor } from '../inbound/inboundReports.js';
import { streamLogger } from '../log/logger.js';
import { openDatabase } from '../store/database.js';
import type { RegisterCommand } from './registerCommand.js';

export const registerInbound: RegisterCommand = (program) => {
  const inbound = program.command('inbound').description('Bounces, complaints and unsubscribes that came back by mail.');
  inbound
    .command('read <path>')
    .description('Read every mail of a Maildir (new/ and cur/) or an mbox file once, and record the reports in it; a report read twice counts once.')
    .option('--config <file>', 'config file')
    .action(async (path: string, options: { config?: string }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const db = openDatabase(config.paths.stateDir);
      try {
        const reports = inboundReportsFor(config, db, streamLogger(process.stderr), () => new Date());
        const tally = await reports.folder(resolve(cwd, path), { includeSeen: true });
        const total = Object.values(tally).reduce((a, b) => a + b, 0);
        console.log(total === 0 ? 'No mail in this folder.' : Object.entries(tally).map(([what, n]) => `${what}: ${n}`).join(', '));
      } finally {
        db.close();
      }
    });
};
