import { join, relative } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { previewDigest } from '../pipeline/previewDigest.js';
import { openExistingDatabaseReadOnly } from '../store/database.js';
import { registerDigestSend } from './digestSendCommand.js';
import { registerDigestStats } from './digestStatsCommand.js';
import type { RegisterCommand } from './registerCommand.js';

export const registerDigest: RegisterCommand = (program, setExitCode) => {
  const digest = program.command('digest').description('Render and send the e-mail digest of new articles.');
  digest
    .command('preview')
    .description('Write out/digest/preview.html, preview.txt and preview.eml for a sample subscriber; changes no state.')
    .option('--config <file>', 'config file')
    .action(async (options: { config?: string }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const db = openExistingDatabaseReadOnly(config.paths.stateDir);
      const preview = await previewDigest(config, db, new Date(), cwd).finally(() => db?.close());
      if (preview === undefined) {
        console.log('No new articles since the last digest: there is nothing to preview.');
        return;
      }
      const dir = join(config.paths.out, 'digest');
      const files: [string, string | Buffer][] = [
        ['preview.html', preview.html],
        ['preview.txt', preview.text],
        ['preview.eml', await preview.message()],
      ];
      for (const [name, body] of files) {
        await writeFileAtomic(join(dir, name), body);
        console.log(relative(cwd, join(dir, name)));
      }
      console.log(`Subject: ${preview.subject} (${preview.articleCount} articles)`);
    });
  registerDigestSend(digest, setExitCode);
  registerDigestStats(digest);
};
