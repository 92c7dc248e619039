/**
 * One error base for everything broadsheet reports to a person. The CLI maps `code` to an exit code and
 * the server maps it to an HTTP status, so codes are stable: add new ones, never rename.
 */
export type ErrorCode =
  | 'CONFIG_NOT_FOUND'
  | 'CONFIG_INVALID'
  | 'CONTENT_UNREADABLE'
  | 'CONTENT_ENCODING'
  | 'CONTENT_EMPTY'
  | 'CONTENT_FRONT_MATTER'
  | 'CONTENT_INVALID'
  | 'CONTENT_DUPLICATE'
  | 'TEMPLATE_INVALID'
  | 'STORE_FAILED'
  | 'STORE_SCHEMA_VERSION'
  | 'STORE_POSTGRES_CLIENT'
  | 'STORE_NOT_EMPTY'
  | 'DELIVERY_FAILED'
  | 'TOKEN_INVALID'
  | 'INPUT_INVALID'
  | 'LISTEN_FAILED'
  | 'OUTPUT_FAILED';

export interface ErrorDetails {
  /** Path of the file at fault, relative to the working directory when possible. */
  file?: string;
  /** 1-based line in `file`. */
  line?: number;
  /** The key, front-matter field or form field at fault. */
  field?: string;
  /** What the person should do about it. */
  hint?: string;
  cause?: unknown;
}

export class BroadsheetError extends Error {
  readonly code: ErrorCode;
  readonly file: string | undefined;
  readonly line: number | undefined;
  readonly field: string | undefined;
  readonly hint: string | undefined;

  constructor(code: ErrorCode, message: string, details: ErrorDetails = {}) {
    super(message, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'BroadsheetError';
    this.code = code;
    this.file = details.file;
    this.line = details.line;
    this.field = details.field;
    this.hint = details.hint;
  }

  /**
   * One line for a terminal: `file:line: field: message. hint`, control characters as `\xNN` (file names and
   * fields come from input). Only a message of several lines of our own (the config's problems) keeps them.
   */
  describe(): string {
    const where = this.file === undefined ? '' : `${this.file}${this.line === undefined ? '' : `:${this.line}`}: `;
    const field = this.field === undefined ? '' : `${this.field}: `;
    const hint = this.hint === undefined ? '' : ` ${this.hint}`;
    return `${printable(where + field)}${this.message.split('\n').map(printable).join('\n')}${printable(hint)}`;
  }
}

export function isBroadsheetError(value: unknown): value is BroadsheetError {
  return value instanceof BroadsheetError;
}

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
