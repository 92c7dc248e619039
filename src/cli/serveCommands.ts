import { Option } from 'commander';
import { createApp } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { streamLogger } from '../log/logger.js';
import { acquireLock } from '../scheduler/lock.js';
import { startScheduler } from '../scheduler/scheduler.js';
import { createServer } from '../server/createServer.js';
import type { RegisterCommand } from './main.js';

interface ServeOptions {
  config?: string;
  port?: number;
  host?: string;
}

const portOption = () => new Option('--port <port>', 'port to listen on (default: server.port)').argParser((v) => Number.parseInt(v, 10));

/** Resolves on SIGINT or SIGTERM. */
function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}

async function serve(config: ResolvedConfig, options: ServeOptions, withScheduler: boolean): Promise<void> {
  // Listen before any work starts, so a stop during the first build also ends cleanly with exit 0.
  const stopRequested = shutdownSignal();
  const cwd = process.cwd();
  const logger = streamLogger(process.stdout);
  const lock = withScheduler ? await acquireLock(config.paths.stateDir) : undefined;
  const app = await createApp(config, logger, cwd);
  try {
    const scheduler = withScheduler ? startScheduler(config.schedule, { scan: app.scan, sendDigest: app.sendDigest }, logger) : undefined;
    if (scheduler !== undefined) {
      await scheduler.jobs.scan.run();
      if (app.digestUnfinished()) {
        // Without this, messages left queued by a stop or a crash would wait for the next digest tick (days).
        logger.log('info', 'digest.resuming');
        void scheduler.jobs.digest.run();
      }
    }
    const server = await createServer({ outDir: config.paths.out, site: config.site, subscriptions: app.subscriptions, logger, now: Date.now }).listen(options.port ?? config.server.port, options.host ?? config.server.host);
    const signal = await stopRequested;
    logger.log('info', 'shutdown', { signal });
    await scheduler?.stop();
    await server.close();
  } finally {
    app.close();
    await lock?.release();
  }
}

export const registerServe: RegisterCommand = (program) => {
  for (const [name, description, withScheduler] of [
    ['serve', 'Serve the out folder and the subscribe, confirm and unsubscribe pages.', false],
    ['start', 'Run as a service: rebuild the feeds when content/ changes, send the digest on schedule, and serve.', true],
  ] as const) {
    program
      .command(name)
      .description(description)
      .option('--config <file>', 'config file')
      .addOption(portOption())
      .option('--host <host>', 'address to listen on (default: server.host)')
      .action(async (options: ServeOptions) => {
        const config = loadConfig({ cwd: process.cwd(), env: process.env, configFile: options.config });
        await serve(config, options, withScheduler);
      });
  }
};
