import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { streamLogger } from '../../src/log/logger.js';
import { printable } from '../../src/errors.js';

function loggedLine(isTTY: boolean): string {
  const stream = Object.assign(new PassThrough(), { isTTY });
  streamLogger(stream, () => new Date('2026-01-01T00:00:00Z')).log('warn', 'article.rejected', { file: 'a\u001b[31m\nb.md', count: 1 });
  return String(stream.read());
}

describe('printable', () => {
  it('writes C0 controls, DEL and C1 controls as \\xNN and leaves the rest', () => {
    expect(printable('a\u001b[2Jb\nc\td\u007f\u009b é 日本 \u{1F600}')).toBe('a\\x1b[2Jb\\x0ac\\x09d\\x7f\\x9b é 日本 \u{1F600}');
  });
});

describe('log lines', () => {
  it('on a terminal, show control characters from input as \\xNN', () => {
    expect(loggedLine(true)).toBe('2026-01-01T00:00:00.000Z warn  article.rejected file=a\\x1b[31m\\x0ab.md count=1\n');
  });

  it('as JSON, the same escapes', () => {
    expect(JSON.parse(loggedLine(false))).toEqual({ time: '2026-01-01T00:00:00.000Z', level: 'warn', event: 'article.rejected', file: 'a\\x1b[31m\\x0ab.md', count: 1 });
  });
});
