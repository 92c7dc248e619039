import type { Command } from 'commander';

/** Raises the process's exit code (never lowers it): the worst outcome of a run decides. */
export type SetExitCode = (code: number) => void;

/** What each command's module gives main.ts, which loads it only when that command runs. */
export type RegisterCommand = (program: Command, setExitCode: SetExitCode) => void;
