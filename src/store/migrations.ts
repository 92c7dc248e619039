/**
 * The schema, one step per entry, applied in order and counted in `PRAGMA user_version`. Never edit a
 * step that has shipped: append a new one.
 */
export const migrations: readonly string[] = [
  `CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)`,
  `CREATE TABLE digests (
     number INTEGER PRIMARY KEY,
     created_at TEXT NOT NULL,
     sent_at TEXT,
     subject TEXT NOT NULL,
     html TEXT NOT NULL,
     text TEXT NOT NULL
   );
   CREATE TABLE digest_articles (
     digest_number INTEGER NOT NULL REFERENCES digests (number),
     article_id TEXT NOT NULL,
     published TEXT NOT NULL,
     PRIMARY KEY (digest_number, article_id)
   );
   CREATE INDEX digest_articles_by_article ON digest_articles (article_id);`,
  `CREATE TABLE subscribers (
     id INTEGER PRIMARY KEY,
     email TEXT NOT NULL,
     email_key TEXT NOT NULL UNIQUE,
     status TEXT NOT NULL CHECK (status IN ('pending', 'confirmed', 'unsubscribed', 'bounced')),
     source TEXT NOT NULL,
     created_at TEXT NOT NULL,
     updated_at TEXT NOT NULL,
     confirmed_at TEXT,
     unsubscribed_at TEXT,
     bounce_count INTEGER NOT NULL DEFAULT 0
   );
   CREATE INDEX subscribers_by_status ON subscribers (status);
   CREATE TABLE outbox (
     digest_number INTEGER NOT NULL REFERENCES digests (number),
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed', 'skipped')),
     message_id TEXT NOT NULL,
     attempts INTEGER NOT NULL DEFAULT 0,
     response TEXT,
     updated_at TEXT NOT NULL,
     PRIMARY KEY (digest_number, subscriber_id)
   );`,
  `CREATE TABLE content_index (
     bucket INTEGER PRIMARY KEY,
     files TEXT NOT NULL
   );
   CREATE TABLE content_renders (
     source_path TEXT PRIMARY KEY,
     source_hash TEXT NOT NULL,
     url TEXT NOT NULL,
     summary TEXT NOT NULL,
     html TEXT NOT NULL,
     text TEXT NOT NULL
   );
   CREATE TABLE outputs (
     name TEXT PRIMARY KEY,
     key TEXT NOT NULL,
     files TEXT NOT NULL
   );
   CREATE TABLE leases (
     name TEXT PRIMARY KEY,
     pid INTEGER NOT NULL,
     process TEXT NOT NULL,
     acquired_at TEXT NOT NULL
   );`,
  // Reports that come back after a send (bounces, complaints, unsubscribes by mail or webhook), each on its
  // subscriber and, when it names one, on the outbox row (digest_number, subscriber_id) of its digest.
  // dedupe_key makes a report received twice one row. send_log feeds email.hourlyLimit / dailyLimit.
  `CREATE TABLE delivery_events (
     id INTEGER PRIMARY KEY,
     dedupe_key TEXT NOT NULL UNIQUE,
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     digest_number INTEGER REFERENCES digests (number),
     kind TEXT NOT NULL CHECK (kind IN ('hard-bounce', 'soft-bounce', 'delayed', 'complaint', 'unsubscribe')),
     source TEXT NOT NULL,
     received_at TEXT NOT NULL,
     diagnostic TEXT NOT NULL
   );
   CREATE INDEX delivery_events_by_subscriber ON delivery_events (subscriber_id, kind, received_at);
   CREATE INDEX delivery_events_by_outbox_row ON delivery_events (digest_number, subscriber_id);
   CREATE TABLE send_log (
     id INTEGER PRIMARY KEY,
     sent_at TEXT NOT NULL,
     kind TEXT NOT NULL
   );
   CREATE INDEX send_log_by_time ON send_log (sent_at);`,
  // What an import keeps of the tool it comes from (issue 12): the date an address bounced, the names a
  // template may greet with, and every other column as attributes (JSON), so an export gives them back.
  `ALTER TABLE subscribers ADD COLUMN bounced_at TEXT;
   ALTER TABLE subscribers ADD COLUMN name TEXT;
   ALTER TABLE subscribers ADD COLUMN first_name TEXT;
   ALTER TABLE subscribers ADD COLUMN last_name TEXT;
   ALTER TABLE subscribers ADD COLUMN attributes TEXT NOT NULL DEFAULT '{}';`,
  // When an outbox row was first deferred (a 4xx, a lost connection): email.retryFor counts from there.
  `ALTER TABLE outbox ADD COLUMN deferred_since TEXT;`,
  // Confirmation mails are queued, never sent inside a web request (issue 12): the answer must not depend on
  // the mailer. A row is claimed (claimed_until) by the process sending it, so `serve` and the CLI never
  // send one twice; rows by subscriber and time count towards subscribe.perAddressPerDay.
  `CREATE TABLE confirmation_mails (
     id INTEGER PRIMARY KEY,
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     recipient TEXT NOT NULL,
     subject TEXT NOT NULL,
     text TEXT NOT NULL,
     html TEXT NOT NULL,
     status TEXT NOT NULL CHECK (status IN ('queued', 'sent', 'failed')),
     attempts INTEGER NOT NULL DEFAULT 0,
     response TEXT,
     created_at TEXT NOT NULL,
     expires_at TEXT NOT NULL,
     claimed_until TEXT,
     updated_at TEXT NOT NULL
   );
   CREATE INDEX confirmation_mails_by_status ON confirmation_mails (status, id);
   CREATE INDEX confirmation_mails_by_subscriber ON confirmation_mails (subscriber_id, created_at);`,
  // The page of each channel's RFC 5005 archive an article was put on (issue 19): state, not build cache, so
  // a new version or another content folder never moves an article that readers have already paged past.
  // channel is '' for the site's feeds, 'tags/<slug>/' for a tag's.
  `CREATE TABLE archive_pages (
     channel TEXT NOT NULL,
     article_id TEXT NOT NULL,
     page INTEGER NOT NULL,
     PRIMARY KEY (channel, article_id)
   );`,
  // WebSub publish pings a hub did not take (issue 19), one per hub and feed URL, retried by `start` with
  // backoff (next_at) until failed_since is a day old. A newer ping for the same feed is the same row.
  `CREATE TABLE hub_pings (
     hub TEXT NOT NULL,
     topic TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     failed_since TEXT NOT NULL,
     next_at TEXT NOT NULL,
     error TEXT NOT NULL,
     PRIMARY KEY (hub, topic)
   );`,
  // What a subscriber chooses (issue 22): topics (tags of digest.topics; none: every article), each with the
  // time it was chosen, since a topic added later starts from its newest digest.firstIssueSize; a frequency
  // (a name of digest.frequencies; NULL: the default one); and a pause (no digest before paused_until).
  `CREATE TABLE subscriber_topics (
     subscriber_id INTEGER NOT NULL REFERENCES subscribers (id),
     tag TEXT NOT NULL,
     added_at TEXT NOT NULL,
     PRIMARY KEY (subscriber_id, tag)
   );
   ALTER TABLE subscribers ADD COLUMN frequency TEXT;
   ALTER TABLE subscribers ADD COLUMN paused_until TEXT;
   CREATE INDEX subscribers_by_status_frequency ON subscribers (status, frequency, id);`,
  // Each frequency's run (issue 22) is one digest, numbered as before: exactly once per (run, subscriber) is
  // the outbox's key. Subscribers whose selections of articles are the same share an edition, rendered once;
  // their outbox rows name it. What a subscriber was sent is read from their queued and sent rows, so a failed
  // or given-up row frees its articles again. The run's articles are its editions' (digest_articles goes).
  `ALTER TABLE digests ADD COLUMN frequency TEXT;
   CREATE TABLE digest_editions (
     digest_number INTEGER NOT NULL REFERENCES digests (number),
     edition INTEGER NOT NULL,
     subject TEXT NOT NULL,
     html TEXT NOT NULL,
     text TEXT NOT NULL,
     PRIMARY KEY (digest_number, edition)
   );
   CREATE TABLE edition_articles (
     digest_number INTEGER NOT NULL,
     edition INTEGER NOT NULL,
     article_id TEXT NOT NULL,
     published TEXT NOT NULL,
     PRIMARY KEY (digest_number, edition, article_id),
     FOREIGN KEY (digest_number, edition) REFERENCES digest_editions (digest_number, edition)
   );
   INSERT INTO digest_editions (digest_number, edition, subject, html, text) SELECT number, 1, subject, html, text FROM digests;
   INSERT INTO edition_articles (digest_number, edition, article_id, published) SELECT digest_number, 1, article_id, published FROM digest_articles;
   DROP TABLE digest_articles;
   ALTER TABLE digests DROP COLUMN html;
   ALTER TABLE digests DROP COLUMN text;
   ALTER TABLE outbox ADD COLUMN edition INTEGER NOT NULL DEFAULT 1;
   CREATE INDEX outbox_by_subscriber ON outbox (subscriber_id, status);`,
  // A rendered body's plain text is no longer kept (issue 18): only a JSON feed's newest items need it, and
  // converting every body was ~15% of a full build. They convert their HTML when written.
  `ALTER TABLE content_renders DROP COLUMN text`,
  // The built-in WebSub hub (issue 19, feeds.websub.builtIn): each verified subscription, one per topic and
  // callback, until its lease ends (expires_at); and each content delivery a callback did not take (or one
  // `build` left for `start`), retried with backoff (next_at) until it has waited a day (queued_at). A delivery
  // goes with its subscription: an unsubscribe or an expired lease drops it.
  `CREATE TABLE websub_subscriptions (
     topic TEXT NOT NULL,
     callback TEXT NOT NULL,
     secret TEXT,
     lease_seconds INTEGER NOT NULL,
     expires_at TEXT NOT NULL,
     subscribed_at TEXT NOT NULL,
     PRIMARY KEY (topic, callback)
   );
   CREATE INDEX websub_subscriptions_by_expiry ON websub_subscriptions (expires_at);
   CREATE TABLE websub_deliveries (
     topic TEXT NOT NULL,
     callback TEXT NOT NULL,
     attempts INTEGER NOT NULL,
     queued_at TEXT NOT NULL,
     next_at TEXT NOT NULL,
     error TEXT,
     PRIMARY KEY (topic, callback),
     FOREIGN KEY (topic, callback) REFERENCES websub_subscriptions (topic, callback) ON DELETE CASCADE
   );`,
  // A digest's outbox rows are queued in batches (issue 23), each its own transaction, so that queueing a
  // million holds neither memory nor the write lock for long: queued_at is set with the last batch, and until
  // then no sender sends any of its rows and the next run queues the rest first. Earlier digests were queued
  // in one transaction: they are fully queued.
  `ALTER TABLE digests ADD COLUMN queued_at TEXT;
   UPDATE digests SET queued_at = created_at;`,
  // Sender workers on PostgreSQL (issue 23): a worker claims a batch of queued rows for email.claimTimeout
  // seconds (claimed_by names it); a row whose claim is empty or past its time may be claimed by any worker, so
  // the rows of one killed with SIGKILL go to another. SQLite's one sender leaves them empty.
  `ALTER TABLE outbox ADD COLUMN claimed_by TEXT;
   ALTER TABLE outbox ADD COLUMN claimed_until TEXT;
   CREATE INDEX outbox_by_claim ON outbox (status, claimed_until);`,
  // The web endpoints' per-client limits (issue 23, src/store/requestLimits.ts), in the state database so that
  // several `serve` processes share them: when each client's allowance is whole again, in milliseconds.
  `CREATE TABLE request_limits (
     endpoint TEXT NOT NULL,
     client TEXT NOT NULL,
     full_at INTEGER NOT NULL,
     PRIMARY KEY (endpoint, client)
   );
   CREATE INDEX request_limits_by_full_at ON request_limits (full_at);`,
];
