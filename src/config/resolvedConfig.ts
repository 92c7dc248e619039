import type { ParsedConfig } from './schema.js';

/** Where the PostgreSQL database's URL comes from: an environment variable only, since it holds a password. */
export const DATABASE_URL_VARIABLE = 'BROADSHEET_DATABASE_URL';

/** The validated configuration with every path absolute and the secrets read from the environment. */
export interface ResolvedConfig {
  site: ParsedConfig['site'];
  /** `static` is undefined when there is no static folder. */
  paths: Required<Omit<ParsedConfig['paths'], 'static'>> & { static: string | undefined };
  feeds: ParsedConfig['feeds'];
  digest: DigestConfig;
  email: Omit<ParsedConfig['email'], 'from'> & { from: { name: string; address: string }; smtpUrl: string | undefined };
  server: ParsedConfig['server'];
  subscribe: ParsedConfig['subscribe'];
  inbound: ParsedConfig['inbound'];
  /** The relays' webhook secrets, from the environment; a provider without them has no endpoint. */
  webhooks: WebhookSecrets;
  schedule: ParsedConfig['schedule'] & { timezone: string };
  content: ContentConfig;
  /** HMAC key for subscription tokens, from BROADSHEET_SECRET; undefined when not set. */
  secret: string | undefined;
  /** BROADSHEET_DATABASE_URL: a PostgreSQL database shared by every process and machine; undefined: SQLite in paths.stateDir. */
  databaseUrl: string | undefined;
  /** The config file that was read, or undefined when the embedded defaults were used. */
  configFile: string | undefined;
  /** Drafts and future articles are built too, marked as such: only `broadsheet dev` sets it (devConfig.ts). */
  showUnpublished: boolean;
}

export type SiteConfig = ResolvedConfig['site'];

/** `frequencies` always names at least one; `defaultFrequency` is the one of a subscriber who chose none. */
export type DigestConfig = Omit<ParsedConfig['digest'], 'frequencies'> & {
  frequencies: Readonly<Record<string, string>>;
  defaultFrequency: string;
};

export interface WebhookSecrets {
  /** BROADSHEET_SES_TOPIC_ARN: the SNS topics (comma-separated) whose signed messages are accepted. */
  sesTopicArns: readonly string[];
  /** BROADSHEET_POSTMARK_WEBHOOK_USER / _PASSWORD: the webhook's HTTP Basic credentials. */
  postmark: { user: string; password: string } | undefined;
  /** BROADSHEET_MAILGUN_SIGNING_KEY: the HMAC key of Mailgun's webhook signatures. */
  mailgunSigningKey: string | undefined;
  /** BROADSHEET_SENDGRID_VERIFICATION_KEY: the ECDSA public key (base64 DER) of SendGrid's signed event webhook. */
  sendgridVerificationKey: string | undefined;
}
export type FieldName = keyof ParsedConfig['content']['fields'];

/** How article files are read: `fields` has every field, with the keys it is looked up under in order. */
export interface ContentConfig {
  taxonomies: readonly string[];
  fields: Readonly<Record<FieldName, readonly string[]>>;
  excerptSeparator: string;
}

/** The keys each field is read from when the config does not say: the common names across site generators. */
export const DEFAULT_FIELD_KEYS: Readonly<Record<FieldName, readonly string[]>> = {
  title: ['title'],
  summary: ['summary', 'description', 'excerpt'],
  date: ['date'],
  updated: ['updated', 'lastmod', 'last_modified_at', 'modified'],
  author: ['authors', 'author'],
  image: ['image'],
};
