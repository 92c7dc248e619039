import { registerDigestPreview } from './digestPreviewCommand.js';
import { registerDigestSend } from './digestSendCommand.js';
import { registerDigestStats } from './digestStatsCommand.js';
import type { RegisterCommand } from './registerCommand.js';

export const registerDigest: RegisterCommand = (program, setExitCode) => {
  const digest = program.command('digest').description('Render and send the e-mail digest of new articles.');
  registerDigestPreview(digest);
  registerDigestSend(digest, setExitCode);
  registerDigestStats(digest);
};
