import { Option } from 'commander';

/** `--port` of the commands that listen (serve, start, dev). */
export const portOption = (): Option =>
  new Option('--port <port>', 'port to listen on (default: server.port; 0 picks a free one)').argParser((v) => Number.parseInt(v, 10));

/** Resolves on SIGINT or SIGTERM. */
export function shutdownSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    process.once('SIGINT', () => resolve('SIGINT'));
    process.once('SIGTERM', () => resolve('SIGTERM'));
  });
}
