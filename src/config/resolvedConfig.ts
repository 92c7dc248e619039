import type { ParsedConfig } from './schema.js';

/** The validated configuration with every path absolute and the secrets read from the environment. */
export interface ResolvedConfig {
  site: ParsedConfig['site'];
  paths: Required<ParsedConfig['paths']>;
  feeds: ParsedConfig['feeds'];
  digest: ParsedConfig['digest'];
  email: ParsedConfig['email'] & { smtpUrl: string | undefined };
  server: ParsedConfig['server'];
  schedule: ParsedConfig['schedule'];
  inbound: ParsedConfig['inbound'];
  /** The relays' webhook secrets, from the environment; a provider without them has no endpoint. */
  webhooks: WebhookSecrets;
  /** HMAC key for subscription tokens, from BROADSHEET_SECRET; undefined when not set. */
  secret: string | undefined;
  /** The config file that was read, or undefined when the embedded defaults were used. */
  configFile: string | undefined;
}

export type SiteConfig = ResolvedConfig['site'];

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
