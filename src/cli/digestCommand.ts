import { Option } from 'commander';
import { join, relative } from 'node:path';
import { previewOnce } from '../app/preview.js';
import { loadConfig } from '../config/loadConfig.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { DigestPreview } from '../pipeline/previewDigest.js';
import { registerDigestSend } from './digestSendCommand.js';
import { registerDigestStats } from './digestStatsCommand.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';
import { wholeNumber } from './wholeNumber.js';

export const registerDigest: RegisterCommand = (program, setExitCode) => {
  const digest = program.command('digest').description('Render and send the e-mail digest of new articles.');
  digest
    .command('preview')
    .description('Write out/digest/preview.html, preview.txt and preview.eml for a sample subscriber; changes no state.')
    .option('--config <file>', 'config file')
    .addOption(new Option('--number <n>', 'digest N of the log, as it was sent (default: the next one)').argParser(wholeNumber))
    .action(async (options: { config?: string; number?: number }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const preview = await previewOnce(config, cwd, { number: options.number });
      if (preview === undefined) {
        console.log('No articles to put in a digest: there is nothing to preview.');
        return;
      }
      const note = BASIS_NOTES[preview.basis](preview);
      if (note !== undefined) console.log(note);
      const dir = join(config.paths.out, 'digest');
      const files: [string, string | Buffer][] = [
        ['preview.html', preview.html],
        ['preview.txt', preview.text],
        ['preview.eml', await preview.message()],
      ];
      for (const [name, body] of files) {
        writeFileAtomic(join(dir, name), body);
        console.log(relative(cwd, join(dir, name)));
      }
      console.log(`Subject: ${preview.subject} (${count(preview.articleCount, 'article')})`);
    });
  registerDigestSend(digest, setExitCode);
  registerDigestStats(digest);
};

const BASIS_NOTES: Record<DigestPreview['basis'], (preview: DigestPreview) => string | undefined> = {
  next: () => undefined,
  newest: (p) => `Every article was sent already (the last digest is ${p.number - 1}): this previews the newest articles, as a first digest would have them.`,
  sent: (p) => `Digest ${p.number} as it was sent.`,
};
