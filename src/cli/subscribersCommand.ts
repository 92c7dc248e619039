import { Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import { loadConfig } from '../config/loadConfig.js';
import { placeholderWarnings, refuseLoopbackMail } from '../config/placeholders.js';
import { checkSecretStrength } from '../config/secret.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { ConfirmationQueue } from '../delivery/confirmationQueue.js';
import { sendConfirmations } from '../delivery/confirmationSender.js';
import { sendAllowance } from '../delivery/sendAllowance.js';
import { createSmtpMailer } from '../delivery/smtpMailer.js';
import { BroadsheetError } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { Db } from '../store/database.js';
import { openDatabase } from '../store/database.js';
import { parseEmailAddress } from '../subscribers/address.js';
import { parseSubscribersCsv, subscribersToCsv } from '../subscribers/csv.js';
import type { SubscriberStatus } from '../subscribers/subscriberStore.js';
import { SUBSCRIBER_STATUSES, SubscriberStore } from '../subscribers/subscriberStore.js';
import { Subscriptions } from '../subscribers/subscriptions.js';
import { loadConfirmationMail } from '../subscribers/confirmationMail.js';
import { templateFolder } from '../templating/templateFolder.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { registerSubscriberShow } from './subscriberShowCommand.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';

interface Context {
  config: ResolvedConfig;
  store: SubscriberStore;
  db: Db;
  cwd: string;
}

async function withStore(configFile: string | undefined, run: (context: Context) => Promise<void>): Promise<void> {
  const cwd = process.cwd();
  const config = loadConfig({ cwd, env: process.env, configFile });
  const db = openDatabase(config.paths.stateDir);
  try {
    await run({ config, store: new SubscriberStore(db, () => new Date()), db, cwd });
  } finally {
    db.close();
  }
}

export const registerSubscribers: RegisterCommand = (program, setExitCode) => {
  const subscribers = program.command('subscribers').description('Manage the people who receive the digest.');
  const configOption = () => new Option('--config <file>', 'config file');

  subscribers
    .command('add <email>')
    .description('Subscribe an address: a confirmation mail is sent, unless --confirmed says they already agreed.')
    .addOption(configOption())
    .option('--confirmed', 'the person already confirmed (e.g. on paper); no confirmation mail')
    .option('--allow-local', 'mail even though site.url is this machine\'s own address (a test with local mailboxes)')
    .action((email: string, options: { config?: string; confirmed?: boolean; allowLocal?: boolean }) =>
      withStore(options.config, async ({ config, store, db, cwd }) => {
        checkSecretStrength(config);
        for (const warning of placeholderWarnings(config)) console.error(`warning: ${warning}`);
        const address = parseEmailAddress(email);
        if (options.confirmed === true) {
          const { subscriber, changed } = store.upsert(address, 'confirmed', 'cli');
          if (subscriber.status !== 'confirmed') {
            throw new BroadsheetError('INPUT_INVALID', `${subscriber.email} is ${subscriber.status}: they can only come back by subscribing again themselves.`, {
              field: 'email',
              hint: 'Use `broadsheet subscribers add` without --confirmed to send them a confirmation link.',
            });
          }
          console.log(changed ? `${address.email} is confirmed.` : `${address.email} was already confirmed.`);
          return;
        }
        refuseLoopbackMail(config, options.allowLocal === true);
        if (config.secret === undefined) throw new BroadsheetError('CONFIG_INVALID', 'BROADSHEET_SECRET is not set.', { field: 'BROADSHEET_SECRET', hint: 'It signs the confirmation link; set it, or use --confirmed.' });
        const now = () => new Date();
        const mailer = await createSmtpMailer(config.email);
        const queue = new ConfirmationQueue(db, now, config.subscribe.perAddressPerDay);
        const queued = new Subscriptions({ store, outbox: queue, confirmationMail: await loadConfirmationMail(templateFolder(config.paths.templates, (p) => relative(cwd, p) || p), config.site), site: config.site, secret: config.secret, now }).subscribe(email, 'cli');
        const status = store.find(address)?.status;
        if (queued === undefined) {
          mailer.close();
          console.log(`${address.email}: ${status}; ${status === 'pending' ? `no confirmation mail: it had ${config.subscribe.perAddressPerDay} today (subscribe.perAddressPerDay)` : 'no confirmation mail needed'}.`);
          return;
        }
        // Sent at once, so the publisher hears whether it went; a mail that could not go stays queued.
        const run = await sendConfirmations(queue, mailer, config.email, { now, allowance: sendAllowance(db, config.email), only: queued }).finally(() => mailer.close());
        if (run.sent === 1) console.log(`${address.email}: ${status}; a confirmation mail was sent.`);
        else if (run.failed[0] !== undefined) console.log(`${address.email}: ${status}; the confirmation mail was refused: ${run.failed[0].reason}`);
        else console.log(`${address.email}: ${status}; the confirmation mail could not be sent (${run.waiting?.reason ?? 'another process is sending it'}), so it is queued: \`broadsheet serve\` or \`start\` sends it once the mail server answers.`);
        if (run.sent === 0) setExitCode(EXIT_PARTIAL);
      }),
    );

  subscribers
    .command('remove <email>')
    .description('Unsubscribe an address (the record is kept, marked unsubscribed).')
    .addOption(configOption())
    .action((email: string, options: { config?: string }) =>
      withStore(options.config, async ({ store }) => {
        const address = parseEmailAddress(email);
        const subscriber = store.find(address);
        if (subscriber === undefined) throw new BroadsheetError('INPUT_INVALID', `${address.email} is not a subscriber.`, { field: 'email', hint: '`broadsheet subscribers list` shows who is.' });
        store.setStatus(subscriber.id, 'unsubscribed');
        console.log(`${subscriber.email} is unsubscribed.`);
      }),
    );

  subscribers
    .command('list')
    .description('List subscribers (email, status, since).')
    .addOption(configOption())
    .addOption(new Option('--status <status>', 'only this status').choices(SUBSCRIBER_STATUSES))
    .action((options: { config?: string; status?: SubscriberStatus }) =>
      withStore(options.config, async ({ store }) => {
        const list = store.list(options.status);
        for (const s of list) console.log(`${s.email}\t${s.status}\t${s.createdAt.toISOString().slice(0, 10)}`);
        console.error(count(list.length, 'subscriber'));
      }),
    );

  registerSubscriberShow(subscribers);

  subscribers
    .command('import <file>')
    .description('Import subscribers from a CSV (an "email" or "Email Address" column, or one column), with their status and dates when it has them; bad rows are reported, the rest imported. Safe to run twice.')
    .addOption(configOption())
    .action((file: string, options: { config?: string }) =>
      withStore(options.config, async ({ store, db, cwd }) => {
        const shown = relative(cwd, resolve(cwd, file)) || file;
        const text = await readFile(resolve(cwd, file), 'utf8').catch((error: unknown) => {
          throw new BroadsheetError('INPUT_INVALID', 'cannot read the file.', { file: shown, cause: error });
        });
        const { rows, errors } = parseSubscribersCsv(text, shown, `import:${shown}`);
        const outcomes = { added: 0, confirmed: 0, unchanged: 0 };
        db.transaction(() => {
          for (const row of rows) outcomes[store.importSubscriber(row)]++;
        })();
        for (const error of errors) console.error(`skipped ${error.describe()}`);
        const confirmed = outcomes.confirmed === 0 ? '' : ` (${outcomes.confirmed} pending now confirmed)`;
        console.log(`imported ${count(outcomes.added, 'new subscriber')}; ${outcomes.confirmed + outcomes.unchanged} already there${confirmed}; ${count(errors.length, 'bad row')}.`);
        if (errors.length > 0) setExitCode(EXIT_PARTIAL);
      }),
    );

  subscribers
    .command('export [file]')
    .description('Write every subscriber as CSV to FILE, or to standard output.')
    .addOption(configOption())
    .action((file: string | undefined, options: { config?: string }) =>
      withStore(options.config, async ({ store, cwd }) => {
        const csv = subscribersToCsv(store.list());
        if (file === undefined) process.stdout.write(csv);
        else await writeFileAtomic(resolve(cwd, file), csv);
      }),
    );
};
