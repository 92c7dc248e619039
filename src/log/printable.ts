/** C0 controls, DEL and C1 controls: what a terminal may act on (ESC starts an ANSI sequence, CSI is one). */
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001F\u007F-\u009F]/g;

/**
 * Text from input (a file name, a field, a mail header) as it is safe to print: each control character as
 * `\xNN`, so an ANSI escape in a file name does not run in the terminal and a newline in one cannot fake a
 * line of its own ("rejected ...") in the output or a log.
 */
export function printable(text: string): string {
  return text.replace(CONTROL, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
