import { BroadsheetError } from '../errors.js';
import { stripXmlForbidden } from '../article/xmlText.js';

const utf8 = new TextDecoder('utf-8', { fatal: true, ignoreBOM: false });

/**
 * File bytes -> text every parser can trust: UTF-8 (a BOM is dropped), LF line endings, no character XML
 * forbids. Anything that is not UTF-8 is refused rather than guessed at, so no article is published garbled.
 */
export function decodeText(bytes: Uint8Array, file: string): string {
  let text: string;
  try {
    text = utf8.decode(bytes);
  } catch (error) {
    const offset = firstInvalidUtf8(bytes);
    const line = countLines(bytes, offset);
    throw new BroadsheetError('CONTENT_ENCODING', `is not UTF-8 (byte 0x${bytes[offset]?.toString(16).padStart(2, '0')} at offset ${offset}).`, {
      file,
      line,
      hint: 'Save the file as UTF-8 (in most editors: "Save with encoding" > UTF-8).',
      cause: error,
    });
  }
  return stripXmlForbidden(text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text);
}

function countLines(bytes: Uint8Array, end: number): number {
  let line = 1;
  for (let i = 0; i < end; i++) if (bytes[i] === 0x0a) line++;
  return line;
}

/** Offset of the first byte that does not start or continue a valid UTF-8 sequence. */
function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const length = sequenceLength(bytes, i);
    if (length === 0) return i;
    i += length;
  }
  return bytes.length;
}

function sequenceLength(bytes: Uint8Array, i: number): number {
  const lead = bytes[i] as number;
  const length = lead < 0x80 ? 1 : lead >= 0xc2 && lead <= 0xdf ? 2 : lead >= 0xe0 && lead <= 0xef ? 3 : lead >= 0xf0 && lead <= 0xf4 ? 4 : 0;
  if (length === 0) return 0;
  try {
    utf8.decode(bytes.subarray(i, i + length));
    return length;
  } catch {
    return 0;
  }
}
