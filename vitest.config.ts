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

export default defineConfig({
  test: {
    testTimeout: 30_000,
    projects: [
      { extends: true, test: { name: 'unit', include: ['tests/**/*.test.ts'], exclude: SCENARIOS } },
      { extends: true, test: { name: 'scenario', include: SCENARIOS } },
    ],
  },
});
