import { relative, resolve } from 'node:path';
import type { Command } from 'commander';
import { initSite, STARTER_ENTRIES } from '../scaffold/initSite.js';
import type { RegisterCommand } from './registerCommand.js';

export const registerInit: RegisterCommand = (program: Command) => {
  program
    .command('init')
    .description('Start a new site: a config with every default, a README explaining it, example articles, the templates.')
    .argument('[dir]', 'the folder of the new site (created when missing)', '.')
    .action(async (dir: string) => {
      const target = resolve(process.cwd(), dir);
      const shown = relative(process.cwd(), target) || '.';
      await initSite(target, shown);
      const cd = shown === '.' ? [] : [`  cd ${shown.includes(' ') ? JSON.stringify(shown) : shown}`];
      console.log(
        [
          `Created a broadsheet site in ${shown}: ${STARTER_ENTRIES.join(', ')}.`,
          'broadsheet.config.json holds every setting at its default; README.md says what each one does.',
          '',
          'Next:',
          ...cd,
          '  broadsheet new "Your first headline"    write an article (content/YYYY-MM-DD-your-first-headline.md)',
          '  broadsheet dev                          a live preview that rebuilds and reloads as you edit',
          '  broadsheet build                        the feeds and pages in out/',
          '  edit site.url, email.from and digest.contactLine in broadsheet.config.json before you publish',
        ].join('\n'),
      );
    });
};
