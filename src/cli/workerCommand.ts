import { runWorkerService } from '../app/worker.js';
import { loadConfig } from '../config/loadConfig.js';
import { streamLogger } from '../log/logger.js';
import type { RegisterCommand } from './registerCommand.js';
import { shutdownSignal } from './serverOptions.js';

export const registerWorker: RegisterCommand = (program) => {
  program
    .command('worker')
    .description('Send queued digests beside any number of other workers on one PostgreSQL database (BROADSHEET_DATABASE_URL), claiming batches of email.batchSize.')
    .option('--config <file>', 'config file')
    .option('--until-done', 'exit once no message of any digest is queued, instead of waiting for the next digest')
    .option('--allow-local', 'mail even though site.url is this machine\'s own address (a test with local mailboxes)')
    .action(async (options: { config?: string; untilDone?: boolean; allowLocal?: boolean }) => {
      // Before any work: a stop while the first batch is in flight ends it cleanly, its rows given back.
      const stopRequested = shutdownSignal();
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      await runWorkerService(config, { untilDone: options.untilDone === true, allowLocal: options.allowLocal === true }, { logger: streamLogger(process.stdout), displayRoot: cwd, stopRequested });
    });
};
