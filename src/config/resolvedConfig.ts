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
  /** HMAC key for subscription tokens, from BROADSHEET_SECRET; undefined when not set. */
  secret: string | undefined;
  /** The config file that was read, or undefined when the embedded defaults were used. */
  configFile: string | undefined;
}

export type SiteConfig = ResolvedConfig['site'];
