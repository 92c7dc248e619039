import { Command, CommanderError } from 'commander';
import { isBroadsheetError } from '../errors.js';
import { EXIT_FATAL } from './exitCodes.js';
import type { RegisterCommand } from './registerCommand.js';
import { oneLineUsageErrors } from './usageErrors.js';
import { packageVersion, versionLine } from './version.js';

/**
 * Entry point of the `broadsheet` command. Each command lives in its own file and registers itself here;
 * this is the only place that turns errors into exit codes.
 */
export async function main(argv: readonly string[]): Promise<number> {
  // The fingerprint reads every file of the code: only worth it when the version is what was asked for.
  const asksVersion = argv[2] === '--version' || argv[2] === '-V';
  const program = new Command('broadsheet')
    .description('Publish a folder of articles as RSS, Atom and JSON feeds and an e-mail digest.')
    .version(asksVersion ? versionLine() : packageVersion(), '-V, --version', 'print the version and the code fingerprint')
    .exitOverride();
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  for (const register of await registrations(argv[2])) register(program, setExitCode);
  oneLineUsageErrors(program);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    // Help and --version end in a CommanderError with exit code 0; any other is a usage error.
    if (error instanceof CommanderError) return error.exitCode === 0 ? 0 : EXIT_FATAL;
    if (isBroadsheetError(error)) {
      console.error(`broadsheet: ${error.describe()}`);
      return EXIT_FATAL;
    }
    throw error;
  }
}

/**
 * Each command's module, loaded only when that command runs: `build` should not pay for loading MJML,
 * nodemailer and SQLite. Help and unknown commands load them all.
 */
const COMMANDS: Record<string, () => Promise<RegisterCommand>> = {
  init: async () => (await import('./initCommand.js')).registerInit,
  new: async () => (await import('./newCommand.js')).registerNew,
  build: async () => (await import('./buildCommand.js')).registerBuild,
  digest: async () => (await import('./digestCommand.js')).registerDigest,
  inbound: async () => (await import('./inboundCommand.js')).registerInbound,
  subscribers: async () => (await import('./subscribersCommand.js')).registerSubscribers,
  db: async () => (await import('./dbCommand.js')).registerDb,
  dev: async () => (await import('./devCommand.js')).registerDev,
  serve: async () => (await import('./serveCommands.js')).registerServe,
  start: async () => (await import('./serveCommands.js')).registerServe,
  worker: async () => (await import('./workerCommand.js')).registerWorker,
};

async function registrations(command: string | undefined): Promise<RegisterCommand[]> {
  const load = command === undefined ? undefined : COMMANDS[command];
  if (load !== undefined) return [await load()];
  return [...new Set(await Promise.all(Object.values(COMMANDS).map((l) => l())))];
}
