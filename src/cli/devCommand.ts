import { loadConfig } from '../config/loadConfig.js';
import { streamLogger } from '../log/logger.js';
import type { RegisterCommand } from './registerCommand.js';
import { portOption, shutdownSignal } from './serverOptions.js';

interface DevOptions {
  config?: string;
  port?: number;
  host?: string;
}

export const registerDev: RegisterCommand = (program) => {
  program
    .command('dev')
    .description('Build into .broadsheet/dev/ for the local address, serve it, rebuild on every change and reload the open pages.')
    .option('--config <file>', 'config file')
    .addOption(portOption())
    .option('--host <host>', 'address to listen on (default: server.host)')
    .action(async (options: DevOptions) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      // Loaded here, not above: `help` lists this command without loading the server, the watcher and MJML.
      const { startDev } = await import('../dev/devServer.js');
      const stop = shutdownSignal();
      const dev = await startDev(config, { port: options.port ?? config.server.port, host: options.host ?? config.server.host }, { logger: streamLogger(process.stdout), displayRoot: cwd, now: () => new Date() });
      console.log(
        [
          `broadsheet dev: ${dev.url} (drafts and future articles shown, marked; rebuilds and reloads on every change)`,
          `  the next digest: ${dev.url}_digest   mail sent (to nobody): ${dev.url}_inbox`,
          '  Ctrl-C stops it.',
        ].join('\n'),
      );
      await stop;
      await dev.close();
    });
};
