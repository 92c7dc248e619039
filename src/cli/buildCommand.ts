import { resolve } from 'node:path';
import type { Command } from 'commander';
import { buildOnce } from '../app.js';
import { loadConfig } from '../config/loadConfig.js';
import type { ContentSkip } from '../content/loadContent.js';
import { printable } from '../errors.js';
import { buildProgressLine } from './buildProgress.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';

interface BuildOptions {
  config?: string;
  content?: string;
  out?: string;
  fresh?: boolean;
  manifest?: string;
}

export const registerBuild: RegisterCommand = (program: Command, setExitCode) => {
  program
    .command('build')
    .description('Read the articles in the content folder and write RSS, Atom and JSON feeds to the out folder.')
    .option('--config <file>', 'config file (default: broadsheet.config.json if present, else built-in defaults)')
    .option('--content <dir>', 'folder of article files (overrides paths.content)')
    .option('--out <dir>', 'folder the feeds are written to (overrides paths.out)')
    .option('--fresh', 'ignore what earlier builds cached: read, parse and render every file again')
    .option('--manifest <file>', 'where to write the list of files this build wrote and removed (default: out/.broadsheet-manifest.json)')
    .action(async (options: BuildOptions) => {
      const cwd = process.cwd();
      const config = loadConfig({
        cwd,
        env: process.env,
        configFile: options.config,
        overrides: { content: options.content, out: options.out },
      });
      const progress = buildProgressLine(process.stderr);
      const warn = (line: string) => {
        progress.clear();
        console.error(line);
      };
      const report = await buildOnce(config, cwd, { fresh: options.fresh === true, warn, onProgress: progress.onProgress, ...(options.manifest === undefined ? {} : { manifest: resolve(cwd, options.manifest) }) }).finally(progress.clear);
      for (const error of report.rejected) console.error(`rejected ${error.describe()}`);
      for (const warning of report.warnings) console.error(printable(`warning ${warning.file}${warning.line === undefined ? '' : `:${warning.line}`}: ${warning.message}`));
      for (const skip of report.skipped) console.log(printable(`skipped ${skip.file} (${SKIP_NOTES[skip.reason]})`));
      const parts = [
        `published ${count(report.published, 'article')}`,
        `${count(report.written.length, 'file')} written, ${report.unchanged.length} unchanged`,
        ...(report.removed.length > 0 ? [`${count(report.removed.length, 'stale output')} removed (${report.removed.join(', ')})`] : []),
        ...(report.rejected.length > 0 ? [`${count(report.rejected.length, 'file')} rejected`] : []),
        ...(report.announced === undefined ? [] : [`${count(report.announced.sent, 'WebSub ping')} sent`]),
      ];
      console.log(printable(parts.join('; ')));
      if (report.rejected.length > 0) setExitCode(EXIT_PARTIAL);
    });
};

/** One note per file a build leaves out on purpose; none of them makes the build fail. */
const SKIP_NOTES: Record<ContentSkip['reason'], string> = {
  draft: 'a draft',
  future: 'dated in the future',
  expired: 'past its expiryDate',
  listing: 'a listing page, not an article',
  undated: 'a page with no date, not an article; give it a date to publish it',
};
