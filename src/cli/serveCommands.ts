import { runService } from '../app/service.js';
import { loadConfig } from '../config/loadConfig.js';
import { streamLogger } from '../log/logger.js';
import type { RegisterCommand } from './registerCommand.js';
import { portOption, shutdownSignal } from './serverOptions.js';

interface ServeOptions {
  config?: string;
  port?: number;
  host?: string;
  allowLocal?: boolean;
  /** false with `start --no-send`. */
  send?: boolean;
}

export const registerServe: RegisterCommand = (program) => {
  for (const [name, description, withScheduler] of [
    ['serve', 'Serve the out folder and the subscribe, confirm and unsubscribe pages.', false],
    ['start', 'Run as a service: rebuild the feeds when content/ changes, send the digest on schedule, and serve.', true],
  ] as const) {
    const command = program
      .command(name)
      .description(description)
      .option('--config <file>', 'config file')
      .addOption(portOption())
      .option('--host <host>', 'address to listen on (default: server.host)');
    if (withScheduler) {
      command.option('--allow-local', 'mail even though site.url is this machine\'s own address (a test with local mailboxes)');
      command.option('--no-send', 'compose and queue the scheduled digests but send none, nor retry any: another process sends them');
    }
    command.action(async (options: ServeOptions) => {
      // Listen for the signals before any work starts, so a stop during the first build also ends cleanly with exit 0.
      const stopRequested = shutdownSignal();
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      await runService(config, { port: options.port, host: options.host, withScheduler, allowLocal: options.allowLocal === true, send: options.send !== false }, { logger: streamLogger(process.stdout), displayRoot: cwd, stopRequested });
    });
  }
};
