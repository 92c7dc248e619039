import { escapeHtml } from '../article/html.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';

/**
 * The double opt-in mail: short, one link, and says what happens if it is ignored. The title stands where
 * any name reads well ("from The Riverside Courier"), never after an article of our own.
 */
export function confirmationMail(site: ResolvedConfig['site'], confirmUrl: string): { subject: string; text: string; html: string } {
  const subject = `Confirm your subscription to ${site.title}`;
  const text = [
    `Someone, probably you, asked to receive the e-mail digest from ${site.title} at this address.`,
    '',
    `Confirm with this link (valid for 7 days):`,
    confirmUrl,
    '',
    'If it was not you, ignore this mail: you will not hear from us again.',
    '',
  ].join('\n');
  const html = `<!doctype html><html lang="${escapeHtml(site.language)}"><body style="font-family:Georgia,serif;font-size:17px;line-height:1.5">
<p>Someone, probably you, asked to receive the e-mail digest from ${escapeHtml(site.title)} at this address.</p>
<p><a href="${escapeHtml(confirmUrl)}">Confirm my subscription</a> (valid for 7 days)</p>
<p>If it was not you, ignore this mail: you will not hear from us again.</p>
</body></html>`;
  return { subject, text, html };
}
