import { Command, CommanderError } from 'commander';
import { isBroadsheetError } from '../errors.js';
import { registerBuild } from './buildCommand.js';
import { registerDigest } from './digestCommand.js';
import { registerServe } from './serveCommands.js';
import { registerSubscribers } from './subscribersCommand.js';
import { exitCodeFor } from './exitCodes.js';

/**
 * Entry point of the `broadsheet` command. Each command lives in its own file and registers itself here;
 * this is the only place that turns errors into exit codes.
 */
export async function main(argv: readonly string[]): Promise<number> {
  const program = new Command('broadsheet')
    .description('Publish a folder of articles as RSS, Atom and JSON feeds and an e-mail digest.')
    .exitOverride()
    .showHelpAfterError();
  let exitCode = 0;
  const setExitCode = (code: number): void => {
    exitCode = Math.max(exitCode, code);
  };
  for (const register of commands) register(program, setExitCode);
  try {
    await program.parseAsync(argv);
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) return error.exitCode;
    if (isBroadsheetError(error)) {
      console.error(`broadsheet: ${error.describe()}`);
      return exitCodeFor(error.code);
    }
    throw error;
  }
}

export type SetExitCode = (code: number) => void;
export type RegisterCommand = (program: Command, setExitCode: SetExitCode) => void;

const commands: RegisterCommand[] = [registerBuild, registerDigest, registerSubscribers, registerServe];
