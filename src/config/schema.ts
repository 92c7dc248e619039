import cron from 'node-cron';
import * as v from 'valibot';
import { isTimeZone } from '../article/timeZone.js';
import { PATH_PLACEHOLDERS } from '../article/url.js';
import { DEFAULT_EXCERPT_SEPARATOR, DEFAULT_TAXONOMIES } from './contentDefaults.js';
import { DEFAULT_CONTACT_LINE, DEFAULT_FROM, DEFAULT_SITE_URL } from './placeholderDefaults.js';
import { emailAddress, splitMailbox, strictObject, trimmedText } from './schemaParts.js';

/**
 * The config file's shape. Every key has a default, so broadsheet runs on the sample content with no file
 * at all; objects are strict so that a misspelt key is reported instead of silently ignored.
 */
/** An http(s) URL as given (a WebSub hub's). */
const absoluteHttpUrl = v.pipe(
  v.string(),
  v.check((url) => /^https?:$/.test(URL.parse(url)?.protocol ?? ''), 'expected an absolute http:// or https:// URL'),
);

/** The site's URL, made to end in `/`: the base every path is resolved against. */
const httpUrl = v.pipe(
  absoluteHttpUrl,
  v.transform((url) => (url.endsWith('/') ? url : `${url}/`)),
);

const path = v.pipe(v.string(), v.minLength(1));
const wholeNumber = (min: number) =>
  v.pipe(v.number('expected a whole number'), v.integer('expected a whole number'), v.minValue(min, `expected at least ${min}`));
const wholeNumberUpTo = (min: number, max: number) => v.pipe(wholeNumber(min), v.maxValue(max, `expected at most ${max}`));
const address = emailAddress('expected an e-mail address');

const author = strictObject({
  name: trimmedText('expected a non-empty name'),
  email: v.optional(address),
  // The rule article bodies follow: no `javascript:`, `vbscript:` or `data:` reaches a feed, page or mail.
  url: v.optional(v.pipe(v.string(), v.check((url) => /^(https?|mailto):$/.test(URL.parse(url)?.protocol ?? ''), 'expected an absolute http://, https:// or mailto: URL'))),
});

/** A sender: `{ name, address }`, `"Name <address>"` or a bare address (then sent under site.title). */
const mailbox = v.pipe(
  v.union([v.string(), v.looseObject({})], 'expected "Name <address>", an address, or { "name": …, "address": … }'),
  v.transform(splitMailbox),
  strictObject({ name: v.optional(trimmedText('expected a non-empty name')), address }),
);

/** How an SMTP server is named, in the file and in SMTP_URL alike. */
export const SMTP_URL = /^smtps?:\/\/[^/]/;
export const SMTP_URL_EXPECTED = 'expected smtp://user:pass@host:587 or smtps://...';

const timeZone = v.pipe(v.string(), v.check(isTimeZone, 'expected an IANA time zone such as "Europe/Paris" or "UTC"'));

/** A front-matter key or a list of them, tried in order. */
const fieldKeys = v.pipe(
  v.union([trimmedText(), v.array(trimmedText())], 'expected a front-matter key or a list of keys'),
  v.transform((keys) => (Array.isArray(keys) ? keys : [keys])),
);

const cronExpression = v.pipe(
  trimmedText('expected a cron expression such as "0 8 * * 1"'),
  v.check((expression) => cron.validate(expression), 'expected a cron expression of five fields, minute hour day month weekday, such as "0 8 * * 1"'),
);

/** The frequency of a subscriber who chose none, when `digest.frequencies` is not set: `schedule.digest`'s. */
export const DEFAULT_FREQUENCY = 'default';

/** A frequency's name is typed in `--frequency NAME`, sent by forms and written in CSV files: kept plain. */
const frequencyName = v.pipe(v.string(), v.regex(/^[a-z][a-z0-9-]*$/, 'expected a name of lower-case letters, digits and hyphens, such as "daily"'));

/** The topics a subscriber may choose: article tags (lower-case, as Article.tags are), each offered once. */
const topics = v.pipe(
  v.array(strictObject({ tag: v.pipe(trimmedText('expected a tag'), v.toLowerCase()), label: trimmedText('expected a label') })),
  v.check((list) => new Set(list.map((topic) => topic.tag)).size === list.length, 'expected each tag once'),
);

/** A missing section is read as `{}`, so each of its keys takes its default. */
export const configSchema = strictObject({
  site: v.optional(strictObject({
    title: v.optional(trimmedText('expected a non-empty title'), 'broadsheet sample'),
    url: v.optional(httpUrl, DEFAULT_SITE_URL),
    description: v.optional(trimmedText('expected a non-empty description (RSS requires one)'), 'Articles published with broadsheet.'),
    language: v.optional(v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'expected a BCP 47 language tag such as "en" or "en-GB"')), 'en'),
    author: v.optional(author, { name: 'broadsheet' }),
    copyright: v.optional(trimmedText()),
    /** Path of article pages under the site URL; `{year}`, `{month}`, `{day}`, `{slug}` and `{filename}` are filled in. */
    articlePath: v.optional(
      v.pipe(
        v.string(),
        v.check((p) => /\{(slug|filename)\}/.test(p) && !p.startsWith('/'), 'expected a relative path holding {slug} or {filename}, such as "articles/{slug}/" or "{year}/{month}/{day}/{filename}.html"'),
        v.check((p) => [...p.matchAll(/\{([^}]*)\}/g)].every((m) => (PATH_PLACEHOLDERS as readonly string[]).includes(m[1] as string)), `expected only the placeholders ${PATH_PLACEHOLDERS.map((name) => `{${name}}`).join(', ')}`),
      ),
      'articles/{slug}/',
    ),
    /** Write a page per article at articlePath in the out folder; turn off when another site has them. */
    articlePages: v.optional(v.boolean(), true),
    /** The zone of dates written without one, and of the day shown for an article dated without a zone. */
    timezone: v.optional(timeZone, 'UTC'),
    /** Articles per page of the index and of each tag page; later ones go to page/2/, page/3/ ... */
    pageSize: v.optional(wholeNumberUpTo(1, 500), 20),
    /** The tags the header links to, in order; default: the most used tags. */
    sections: v.optional(v.array(trimmedText())),
  }), {}),
  content: v.optional(strictObject({
    /** Front-matter keys whose values become an article's tags (feed categories and tag feeds). */
    taxonomies: v.optional(v.array(trimmedText()), () => [...DEFAULT_TAXONOMIES]),
    /** broadsheet's fields -> the keys a site writes them under; a field given here replaces its default keys. */
    fields: v.optional(strictObject({
      title: v.optional(fieldKeys),
      summary: v.optional(fieldKeys),
      date: v.optional(fieldKeys),
      updated: v.optional(fieldKeys),
      author: v.optional(fieldKeys),
      image: v.optional(fieldKeys),
    }), {}),
    /** The text before this marker is the article's summary. */
    excerptSeparator: v.optional(trimmedText(), DEFAULT_EXCERPT_SEPARATOR),
  }), {}),
  paths: v.optional(strictObject({
    content: v.optional(path, 'content'),
    out: v.optional(path, 'out'),
    /** Default: the templates that come with broadsheet. */
    templates: v.optional(path),
    /** Copied into out/ as it is. Default: `static/` beside the content folder, when there is one. */
    static: v.optional(path),
    stateDir: v.optional(path, '.broadsheet'),
  }), {}),
  feeds: v.optional(strictObject({
    limit: v.optional(wholeNumberUpTo(1, 10_000), 50),
    tagFeeds: v.optional(v.boolean(), true),
    /** An entry's id: its stable id, its URL (Hugo, Eleventy), or what jekyll-feed makes of the URL. */
    idFrom: v.optional(v.picklist(['id', 'url', 'jekyll'], 'expected "id", "url" or "jekyll"'), 'id'),
    /** Besides the newest `limit`, the whole archive as RFC 5005 archived feeds (out/feeds/archive/). */
    archive: v.optional(v.boolean(), false),
    /** Entries per archive page; a page, once full, keeps its entries for good. */
    archivePageSize: v.optional(wholeNumberUpTo(1, 10_000), 100),
    /** W3C WebSub: the hubs every subscription feed names, told of each feed a build or a scan changed. */
    websub: v.optional(strictObject({
      hubs: v.optional(v.array(absoluteHttpUrl), []),
      /** `start` is itself the hub of its feeds, at <site.url>websub (src/pipeline/websubHub.ts). */
      builtIn: v.optional(v.boolean(), false),
      /** Let the built-in hub contact callbacks on private, loopback and link-local addresses (tests, an intranet). */
      allowPrivateCallbacks: v.optional(v.boolean(), false),
    }), {}),
  }), {}),
  digest: v.optional(strictObject({
    /** How many articles the very first digest holds. */
    firstIssueSize: v.optional(wholeNumberUpTo(1, 200), 10),
    /** At most this many articles in one digest; the rest are behind a "more on the site" link. */
    maxArticles: v.optional(wholeNumberUpTo(1, 200), 20),
    groupByTag: v.optional(v.boolean(), false),
    /** Default: the message `digest.subject` of the site's language. */
    subject: v.optional(trimmedText()),
    /** The postal or contact line every commercial mail must carry (CAN-SPAM, GDPR). */
    contactLine: v.optional(trimmedText(), DEFAULT_CONTACT_LINE),
    /** The tags a subscriber may choose from; none: every subscriber gets every article. */
    topics: v.optional(topics, []),
    /** Name -> cron in schedule.timezone; the first is a subscriber's until they choose. Default: schedule.digest. */
    frequencies: v.optional(v.pipe(
      v.record(frequencyName, cronExpression),
      v.check((record) => Object.keys(record).length > 0, 'expected at least one frequency, such as { "weekly": "0 8 * * 1" }'),
    )),
  }), {}),
  email: v.optional(strictObject({
    from: v.optional(mailbox, { ...DEFAULT_FROM }),
    replyTo: v.optional(address),
    /** Used when the SMTP_URL environment variable is not set. */
    smtpUrl: v.optional(v.pipe(v.string(), v.regex(SMTP_URL, SMTP_URL_EXPECTED))),
    dkim: v.optional(strictObject({ domainName: path, keySelector: path, privateKeyPath: path })),
    maxConnections: v.optional(wholeNumberUpTo(1, 50), 5),
    /** Messages per second at most; 0 means no limit. */
    rateLimit: v.optional(v.pipe(v.number(), v.minValue(0, 'expected 0 or more')), 0),
    /** Permanent failures after which an address is marked bounced. */
    bounceAfter: v.optional(wholeNumber(1), 1),
    /** The envelope sender: with it, digests go out with a signed bounces+<id>@ Return-Path (VERP). */
    bounceAddress: v.optional(address),
    /** Soft bounces (mailbox full, 4.x.x) within softBounceWindow seconds that mark an address bounced. */
    softBounceLimit: v.optional(wholeNumber(1), 3),
    softBounceWindow: v.optional(wholeNumber(1), 15 * 24 * 60 * 60),
    /** Where the digest reports go (figures after a send, a skipped or failed scheduled digest). */
    reportTo: v.optional(address),
    /** Messages in any rolling hour / 24 hours, confirmations included; 0 means no limit. */
    hourlyLimit: v.optional(wholeNumber(0), 0),
    dailyLimit: v.optional(wholeNumber(0), 0),
    /** Seconds a message keeps being retried after its first temporary failure; then it is failed (as MTAs give up). */
    retryFor: v.optional(wholeNumber(1), 3 * 24 * 60 * 60),
    /** Seconds to wait for the SMTP server to connect, greet, or answer on the socket before deferring. */
    timeout: v.optional(wholeNumber(1), 60),
    /** Queued rows a sender worker (PostgreSQL) claims at once; a few times email.maxConnections keeps its pool busy. */
    batchSize: v.optional(wholeNumberUpTo(1, 10_000), 100),
    /** Seconds a worker's claim on its batch lasts unrenewed: the rows of a worker that died go to another after it. */
    claimTimeout: v.optional(wholeNumber(1), 300),
  }), {}),
  inbound: v.optional(strictObject({
    /** Where `start` listens for bounce, complaint and unsubscribe mail; not set: no listener. */
    port: v.optional(wholeNumberUpTo(0, 65_535)),
    host: v.optional(path, '127.0.0.1'),
    /** A Maildir an MTA delivers those mails to, read every minute by `start`. */
    maildir: v.optional(path),
  }), {}),
  server: v.optional(strictObject({
    host: v.optional(path, '127.0.0.1'),
    port: v.optional(wholeNumberUpTo(0, 65_535), 8080),
  }), {}),
  subscribe: v.optional(strictObject({
    /** Confirmation mails a day to one address, however many clients ask: nobody's inbox can be flooded. */
    perAddressPerDay: v.optional(wholeNumber(1), 3),
  }), {}),
  schedule: v.optional(strictObject({
    scan: v.optional(cronExpression, '* * * * *'),
    digest: v.optional(cronExpression, '0 8 * * 1'),
    /** When `start` retries deferred messages: far more often than digests go out. */
    retry: v.optional(cronExpression, '*/15 * * * *'),
    /** Default: site.timezone. */
    timezone: v.optional(timeZone),
  }), {}),
});

export type ConfigFile = v.InferInput<typeof configSchema>;
export type ParsedConfig = v.InferOutput<typeof configSchema>;
