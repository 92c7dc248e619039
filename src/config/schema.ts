import { z } from 'zod';

/**
 * The config file's shape. Every key has a default, so broadsheet runs on the sample content with no file
 * at all; objects are strict so that a misspelt key is reported instead of silently ignored.
 */
const httpUrl = z
  .url({ protocol: /^https?$/, error: 'expected an absolute http:// or https:// URL' })
  .transform((url) => (url.endsWith('/') ? url : `${url}/`));

const author = z.strictObject({
  name: z.string().trim().min(1, 'expected a non-empty name'),
  email: z.email('expected an e-mail address').optional(),
  url: z.url('expected an absolute URL').optional(),
});

const cronExpression = z.string().trim().min(1, 'expected a cron expression such as "0 8 * * 1"');

export const configSchema = z.strictObject({
  site: z
    .strictObject({
      title: z.string().trim().min(1, 'expected a non-empty title').default('broadsheet sample'),
      url: httpUrl.default('http://127.0.0.1:8080/'),
      description: z
        .string()
        .trim()
        .min(1, 'expected a non-empty description (RSS requires one)')
        .default('Articles published with broadsheet.'),
      language: z
        .string()
        .regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as "en" or "en-GB"')
        .default('en'),
      author: author.default({ name: 'broadsheet' }),
      copyright: z.string().trim().min(1).optional(),
      /** Path of article pages under the site URL; `{slug}` is replaced. */
      articlePath: z
        .string()
        .refine((path) => path.includes('{slug}') && !path.startsWith('/'), 'expected a relative path holding {slug}, such as "articles/{slug}/"')
        .default('articles/{slug}/'),
      /** Write a page per article at articlePath in the out folder; turn off when another site has them. */
      articlePages: z.boolean().default(true),
    })
    .prefault({}),
  paths: z
    .strictObject({
      content: z.string().min(1).default('content'),
      out: z.string().min(1).default('out'),
      /** Default: the templates that come with broadsheet. */
      templates: z.string().min(1).optional(),
      stateDir: z.string().min(1).default('.broadsheet'),
    })
    .prefault({}),
  feeds: z
    .strictObject({
      limit: z.int('expected a whole number').min(1, 'expected at least 1').max(10_000).default(50),
      tagFeeds: z.boolean().default(true),
    })
    .prefault({}),
  digest: z
    .strictObject({
      /** How many articles the very first digest holds. */
      firstIssueSize: z.int().min(1).max(200).default(10),
      /** At most this many articles in one digest; the rest are behind a "more on the site" link. */
      maxArticles: z.int().min(1).max(200).default(20),
      groupByTag: z.boolean().default(false),
      subject: z.string().trim().min(1).default('{{site}}: {{count}} new {{articles}}'),
      /** The postal or contact line every commercial mail must carry (CAN-SPAM, GDPR). */
      contactLine: z.string().trim().min(1).default('Sent by broadsheet. Change this line with digest.contactLine.'),
    })
    .prefault({}),
  email: z
    .strictObject({
      from: z
        .strictObject({ name: z.string().trim().min(1), address: z.email('expected an e-mail address') })
        .default({ name: 'broadsheet', address: 'digest@localhost.localdomain' }),
      replyTo: z.email('expected an e-mail address').optional(),
      /** Used when the SMTP_URL environment variable is not set. */
      smtpUrl: z.string().regex(/^smtps?:\/\//, 'expected smtp://user:pass@host:587 or smtps://...').optional(),
      dkim: z
        .strictObject({ domainName: z.string().min(1), keySelector: z.string().min(1), privateKeyPath: z.string().min(1) })
        .optional(),
      maxConnections: z.int().min(1).max(50).default(5),
      /** Messages per second at most; 0 means no limit. */
      rateLimit: z.number().min(0).default(0),
      /** Permanent failures after which an address is marked bounced. */
      bounceAfter: z.int().min(1).default(1),
    })
    .prefault({}),
  server: z
    .strictObject({
      host: z.string().min(1).default('127.0.0.1'),
      port: z.int().min(0).max(65_535).default(8080),
    })
    .prefault({}),
  schedule: z
    .strictObject({
      scan: cronExpression.default('* * * * *'),
      digest: cronExpression.default('0 8 * * 1'),
      timezone: z.string().min(1).default('UTC'),
    })
    .prefault({}),
});

export type ConfigFile = z.input<typeof configSchema>;
export type ParsedConfig = z.output<typeof configSchema>;
