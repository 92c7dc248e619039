import type { Command } from 'commander';

/**
 * Commander prints a usage error followed by the whole help, which buries the one line that matters. Here
 * every command prints just that line, with the command's own `--help` to turn to.
 */
export function oneLineUsageErrors(command: Command): void {
  const help = `\`${commandPath(command)} --help\``;
  command.configureOutput({
    outputError: (text, write) => {
      const message = text.trim().replace(/^error: /, '').replace(/\s*\n\s*/g, ' ');
      write(`broadsheet: ${message.replace(/\.$/, '')}; see ${help}.\n`);
    },
  });
  for (const sub of command.commands) oneLineUsageErrors(sub);
}

function commandPath(command: Command): string {
  return command.parent === null ? command.name() : `${commandPath(command.parent)} ${command.name()}`;
}
