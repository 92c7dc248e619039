import { join, relative } from 'node:path';
import type { Command } from 'commander';
import { calendarDay } from '../article/timeZone.js';
import { loadConfig } from '../config/loadConfig.js';
import { BroadsheetError } from '../errors.js';
import { writeNewFile } from '../io/writeNewFile.js';
import { newArticleFile } from '../scaffold/newArticle.js';
import type { RegisterCommand } from './registerCommand.js';

interface NewOptions {
  tags?: string;
  txt?: boolean;
  config?: string;
}

export const registerNew: RegisterCommand = (program: Command) => {
  program
    .command('new')
    .description('Write a new article dated today (in site.timezone) into the content folder and print its path.')
    .argument('<title>', 'the headline, quoted')
    .option('--tags <list>', 'comma-separated tags, e.g. transport,europe')
    .option('--txt', 'the plain-text news format (.txt) instead of Markdown')
    .option('--config <file>', 'config file (default: broadsheet.config.json if present)')
    .action(async (title: string, options: NewOptions) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const tags = (options.tags ?? '').split(',').map((tag) => tag.trim()).filter((tag) => tag !== '');
      const file = newArticleFile({ title, tags, format: options.txt === true ? 'plain-text' : 'markdown', day: calendarDay(new Date(), config.site.timezone) });
      const path = join(config.paths.content, file.name);
      const shown = relative(cwd, path);
      if (!(await writeNewFile(path, file.text))) {
        throw new BroadsheetError('INPUT_INVALID', 'already exists; it was left as it is.', { file: shown, hint: 'Edit that file, or give the new article another title.' });
      }
      console.log(shown);
    });
};
