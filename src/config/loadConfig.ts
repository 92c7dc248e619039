import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, relative, resolve } from 'node:path';
import { BroadsheetError } from '../errors.js';
import { safeParse } from 'valibot';
import { configSchema, DEFAULT_FREQUENCY, SMTP_URL, SMTP_URL_EXPECTED } from './schema.js';
import { issuePath } from './schemaParts.js';
import { DATABASE_URL_VARIABLE, DEFAULT_FIELD_KEYS } from './resolvedConfig.js';
import { BUILT_IN_TEMPLATES } from '../templating/templateFolder.js';
import type { DigestConfig, ResolvedConfig, WebhookSecrets } from './resolvedConfig.js';
import type { ParsedConfig } from './schema.js';

export const DEFAULT_CONFIG_FILE = 'broadsheet.config.json';


export interface ConfigRequest {
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** From `--config`; when given the file must exist. */
  configFile?: string;
  /** From `--content`, `--out`: relative to `cwd`, they win over the file. */
  overrides?: { content?: string; out?: string };
}

/** The only reader of the config file and of process.env; run once at start-up. */
export function loadConfig(request: ConfigRequest): ResolvedConfig {
  const explicit = request.configFile !== undefined;
  const path = resolve(request.cwd, request.configFile ?? DEFAULT_CONFIG_FILE);
  const shown = relative(request.cwd, path) || path;
  const raw = readConfigFile(path, shown, explicit);
  // One problem per key: a value that fails two of its checks is reported once.
  const parsed = safeParse(configSchema, raw ?? {}, { abortPipeEarly: true });
  if (!parsed.success) {
    const problems = parsed.issues.map((issue) => `  ${issuePath(issue) || '(top level)'}: ${issue.message}`);
    throw new BroadsheetError('CONFIG_INVALID', `invalid configuration (keys are listed under "Configuration" in README.md):\n${problems.join('\n')}`, {
      file: shown,
    });
  }
  const config = parsed.output;
  const base = raw === undefined ? request.cwd : dirname(path);
  const fromFile = (p: string): string => (isAbsolute(p) ? p : resolve(base, p));
  const fromCwd = (p: string | undefined, fallback: string): string => (p === undefined ? fromFile(fallback) : resolve(request.cwd, p));
  const content = fromCwd(request.overrides?.content, config.paths.content);
  return deepFreeze({
    ...config,
    paths: {
      content,
      static: config.paths.static === undefined ? defaultStaticFolder(content) : folderOf(fromFile(config.paths.static), 'paths.static', shown, 'Create it, or leave the key out to copy static/ beside the content folder when there is one.'),
      out: fromCwd(request.overrides?.out, config.paths.out),
      templates: config.paths.templates === undefined ? BUILT_IN_TEMPLATES : folderOf(fromFile(config.paths.templates), 'paths.templates', shown, 'Create it (it needs only the files you change), or leave the key out for the built-in templates.'),
      stateDir: fromFile(config.paths.stateDir),
    },
    inbound: { ...config.inbound, ...(config.inbound.maildir === undefined ? {} : { maildir: fromFile(config.inbound.maildir) }) },
    webhooks: webhookSecrets(request.env),
    schedule: { ...config.schedule, timezone: config.schedule.timezone ?? config.site.timezone },
    digest: digestOf(config),
    content: { ...config.content, fields: { ...DEFAULT_FIELD_KEYS, ...config.content.fields } },
    email: { ...config.email, from: { name: config.email.from.name ?? config.site.title, address: config.email.from.address }, smtpUrl: smtpUrlFrom(request.env) ?? config.email.smtpUrl },
    secret: nonEmpty(request.env.BROADSHEET_SECRET),
    databaseUrl: nonEmpty(request.env[DATABASE_URL_VARIABLE]),
    configFile: raw === undefined ? undefined : path,
    showUnpublished: false,
  });
}

/** Without `digest.frequencies`, the one digest of `schedule.digest`; with it, its first frequency is the default. */
function digestOf(config: ParsedConfig): DigestConfig {
  const frequencies = config.digest.frequencies ?? { [DEFAULT_FREQUENCY]: config.schedule.digest };
  return { ...config.digest, frequencies, defaultFrequency: Object.keys(frequencies)[0] as string };
}

/**
 * A folder the config names must exist: a site's templates folder (every file it lacks falls back to the
 * built-in one) and its static folder, so a mistyped path never quietly gives the default look or no files.
 */
function folderOf(path: string, field: string, configFile: string, hint: string): string {
  if (!isFolder(path)) throw new BroadsheetError('CONFIG_INVALID', `${field}: ${path} is not a folder.`, { file: configFile, field, hint });
  return path;
}

/** Hugo's `static/` (and a site's passthrough copies moved there) beside the content folder, when there is one. */
function defaultStaticFolder(content: string): string | undefined {
  const path = resolve(content, '..', 'static');
  return isFolder(path) ? path : undefined;
}

function isFolder(path: string): boolean {
  return statSync(path, { throwIfNoEntry: false })?.isDirectory() === true;
}

function readConfigFile(path: string, shown: string, required: boolean): unknown {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT' && !required) return undefined;
    throw new BroadsheetError('CONFIG_NOT_FOUND', 'cannot read the config file.', {
      file: shown,
      hint: 'Check the --config path, or leave it out to use broadsheet.config.json or the built-in defaults.',
      cause: error,
    });
  }
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new BroadsheetError('CONFIG_INVALID', `is not valid JSON (${(error as Error).message}).`, {
      file: shown,
      hint: 'Fix the syntax; a JSON validator or `node -e "JSON.parse(require(\'fs\').readFileSync(0))"` shows where.',
      cause: error,
    });
  }
}

/** SMTP_URL, checked as the file's email.smtpUrl is: nodemailer would take `mail.example.org:587` for a path. */
function smtpUrlFrom(env: ConfigRequest['env']): string | undefined {
  const url = nonEmpty(env.SMTP_URL);
  if (url === undefined || SMTP_URL.test(url)) return url;
  throw new BroadsheetError('CONFIG_INVALID', `${SMTP_URL_EXPECTED}, not "${url.replace(/^[^@]*@/, '…@').slice(0, 80)}" (the part before an @ is not shown: it may hold the password).`, {
    field: 'SMTP_URL',
    hint: 'Set it as smtp://user:password@host:587 (smtps:// for TLS from the first byte, usually port 465).',
  });
}

function webhookSecrets(env: ConfigRequest['env']): WebhookSecrets {
  const user = nonEmpty(env.BROADSHEET_POSTMARK_WEBHOOK_USER);
  const password = nonEmpty(env.BROADSHEET_POSTMARK_WEBHOOK_PASSWORD);
  return {
    sesTopicArns: (nonEmpty(env.BROADSHEET_SES_TOPIC_ARN) ?? '').split(',').map((arn) => arn.trim()).filter((arn) => arn !== ''),
    postmark: user === undefined || password === undefined ? undefined : { user, password },
    mailgunSigningKey: nonEmpty(env.BROADSHEET_MAILGUN_SIGNING_KEY),
    sendgridVerificationKey: nonEmpty(env.BROADSHEET_SENDGRID_VERIFICATION_KEY),
  };
}

function nonEmpty(value: string | undefined): string | undefined {
  return value === undefined || value.trim() === '' ? undefined : value;
}

function deepFreeze<T>(value: T): T {
  if (value !== null && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const key of Object.keys(value)) deepFreeze((value as Record<string, unknown>)[key]);
  }
  return value;
}
