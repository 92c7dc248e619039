import type { Command } from 'commander';
import { loadConfig } from '../config/loadConfig.js';
import type { BuildReport } from '../pipeline/buildSite.js';
import type { ContentSkip } from '../content/loadContent.js';
import { buildSite } from '../pipeline/buildSite.js';
import { loadBuildCache, saveBuildCache } from '../cache/buildCacheStore.js';
import { readOptionsOf } from '../content/readOptions.js';
import type { Db } from '../store/database.js';
import { openDatabase } from '../store/database.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { BroadsheetError, printable } from '../errors.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';

interface BuildOptions {
  config?: string;
  content?: string;
  out?: string;
  fresh?: boolean;
}

export const registerBuild: RegisterCommand = (program: Command, setExitCode) => {
  program
    .command('build')
    .description('Read the articles in the content folder and write RSS, Atom and JSON feeds to the out folder.')
    .option('--config <file>', 'config file (default: broadsheet.config.json if present, else built-in defaults)')
    .option('--content <dir>', 'folder of article files (overrides paths.content)')
    .option('--out <dir>', 'folder the feeds are written to (overrides paths.out)')
    .option('--fresh', 'ignore what earlier builds cached: read, parse and render every file again')
    .action(async (options: BuildOptions) => {
      const cwd = process.cwd();
      const config = loadConfig({
        cwd,
        env: process.env,
        configFile: options.config,
        overrides: { content: options.content, out: options.out },
      });
      const report = await buildWithCache(config, cwd, options.fresh === true);
      for (const error of report.rejected) console.error(`rejected ${error.describe()}`);
      for (const warning of report.warnings) console.error(printable(`warning ${warning.file}:${warning.line}: ${warning.message}`));
      for (const skip of report.skipped) console.log(printable(`skipped ${skip.file} (${SKIP_NOTES[skip.reason]})`));
      const parts = [
        `published ${count(report.published, 'article')}`,
        `${count(report.written.length, 'file')} written, ${report.unchanged.length} unchanged`,
        ...(report.removed.length > 0 ? [`${count(report.removed.length, 'stale output')} removed (${report.removed.join(', ')})`] : []),
        ...(report.rejected.length > 0 ? [`${count(report.rejected.length, 'file')} rejected`] : []),
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

/** The build cache only saves time: when the state folder cannot hold it, the feeds are built without it. */
async function buildWithCache(config: ResolvedConfig, cwd: string, fresh: boolean): Promise<BuildReport> {
  let db: Db;
  try {
    db = openDatabase(config.paths.stateDir);
  } catch (error) {
    if (!(error instanceof BroadsheetError)) throw error;
    console.error(`warning: ${error.describe()} Building without the build cache.`);
    return buildSite(config, { now: new Date(), displayRoot: cwd });
  }
  try {
    const cache = loadBuildCache(db, config.paths.content, { fresh, reading: readOptionsOf(config) });
    const report = await buildSite(config, { now: new Date(), displayRoot: cwd, cache });
    try {
      saveBuildCache(db, cache);
    } catch (error) {
      // The feeds are written; a cache that could not be saved only makes the next build slower.
      console.error(`warning: could not save the build cache (${(error as Error).message}); the next build reads every file again.`);
    }
    return report;
  } finally {
    db.close();
  }
}
