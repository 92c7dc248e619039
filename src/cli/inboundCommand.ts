import { resolve } from 'node:path';
import { readInboundOnce } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import { streamLogger } from '../log/logger.js';
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
      const tally = await readInboundOnce(config, resolve(cwd, path), streamLogger(process.stderr));
      const total = Object.values(tally).reduce((a, b) => a + b, 0);
      console.log(total === 0 ? 'No mail in this folder.' : Object.entries(tally).map(([what, n]) => `${what}: ${n}`).join(', '));
    });
};
