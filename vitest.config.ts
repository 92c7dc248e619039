import { defineConfig } from 'vitest/config';

/**
 * Two speeds (`npm run test:unit` runs the first alone): `unit` for pure modules and files in temp folders,
 * `scenario` for whatever starts a process, a server, an SMTP conversation, a browser or a scheduler, and
 * for the cache oracle's random walk. A test file is a scenario when it is listed here, a unit otherwise.
 */
const SCENARIOS = [
  'tests/cli/**/*.test.ts',
  'tests/server/**/*.test.ts',
  'tests/scheduler/**/*.test.ts',
  'tests/delivery/**/*.test.ts',
  'tests/**/*InBrowser.test.ts',
  'tests/pages/articlePages.test.ts',
  'tests/inbound/inboundMail.test.ts',
  'tests/inbound/sendBounceCycle.test.ts',
  'tests/subscribers/subscriptions.test.ts',
  'tests/store/lease.test.ts',
  'tests/pipeline/buildCache.test.ts',
  // Walks the archive chains with python's feedparser.
  'tests/pipeline/feedArchive.test.ts',
  // A WebSub hub on 127.0.0.1.
  'tests/pipeline/announceFeeds.test.ts',
  // Runs xmllint and jing (Java) on the feeds.
  'tests/feeds/renderFeeds.test.ts',
  // nginx, systemd-analyze, and the Dockerfile's steps.
  'tests/deploy/**/*.test.ts',
];

/**
 * The store suite: the tests of the shared state's modules, which open their databases through
 * tests/support/database.ts (or a project's, tests/support/project.ts). The project `store on postgres` runs
 * them again on PostgreSQL; only files whose tests use the database belong here, each quick.
 */
const STORE_SUITE = [
  'tests/store/**/*.test.ts',
  'tests/subscribers/**/*.test.ts',
  'tests/server/server.test.ts',
  'tests/server/subscribeEndpoint.test.ts',
  // Inbound events: bounce mails and the relays' webhooks.
  'tests/server/webhooks.test.ts',
  'tests/inbound/inboundMail.test.ts',
  // The sending allowance. tests/delivery/sendDigest.test.ts stays SQLite's: on PostgreSQL a row deferred in a
  // run waits one email.claimTimeout before any sender claims it again, so its "the next run delivers it"
  // steps do not hold there (the workers' tests cover sending on PostgreSQL).
  'tests/delivery/sendingLimits.test.ts',
  // The built-in hub's WebSub subscriptions.
  'tests/pipeline/websubHub.test.ts',
];

export default defineConfig({
  test: {
    testTimeout: 30_000,
    // A throwaway PostgreSQL server, so that the store's tests run on both databases.
    globalSetup: ['tests/support/postgresGlobalSetup.ts'],
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: SCENARIOS } },
      { extends: true, test: { name: 'scenario', include: SCENARIOS } },
      { extends: true, test: { name: 'store on postgres', include: STORE_SUITE, env: { BROADSHEET_TEST_STORE: 'postgres' } } },
    ],
  },
});
