import { Option } from 'commander';
import { readFile } from 'node:fs/promises';
import { relative, resolve } from 'node:path';
import type { State } from '../app/state.js';
import { withState } from '../app/state.js';
import { subscribeOnce } from '../app/subscribe.js';
import { loadConfig } from '../config/loadConfig.js';
import type { ResolvedConfig } from '../config/resolvedConfig.js';
import { BroadsheetError } from '../errors.js';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import { parseEmailAddress } from '../subscribers/address.js';
import { topicList } from '../subscribers/choices.js';
import { parseSubscribersCsv, subscribersToCsv } from '../subscribers/csv.js';
import type { SubscriberStatus } from '../subscribers/subscriberStore.js';
import { SUBSCRIBER_STATUSES } from '../subscribers/subscriberStore.js';
import { EXIT_PARTIAL } from './exitCodes.js';
import { registerSubscriberShow } from './subscriberShowCommand.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';

interface Context extends State {
  config: ResolvedConfig;
  cwd: string;
}

/** The config of `--config` and the state database, for reading only (`read`) or for changes. */
function withStore(configFile: string | undefined, access: 'read' | 'write', run: (context: Context) => Promise<void>): Promise<void> {
  const cwd = process.cwd();
  const config = loadConfig({ cwd, env: process.env, configFile });
  return withState(config, access, (state) => run({ ...state, config, cwd }));
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
    .option('--topics <tags>', 'the topics they chose: tags of digest.topics, comma-separated (default: every article)')
    .option('--frequency <name>', 'how often they get the digest: a name of digest.frequencies (default: the first)')
    .action(async (email: string, options: { config?: string; confirmed?: boolean; allowLocal?: boolean; topics?: string; frequency?: string }) => {
      const cwd = process.cwd();
      const config = loadConfig({ cwd, env: process.env, configFile: options.config });
      const choices = { ...(options.topics === undefined ? {} : { topics: topicList(options.topics) }), ...(options.frequency === undefined ? {} : { frequency: options.frequency }) };
      const outcome = await subscribeOnce(config, email, { confirmed: options.confirmed === true, allowLocal: options.allowLocal === true, choices, warn: (line) => console.error(line), displayRoot: cwd });
      if (outcome.kind === 'confirmed') {
        console.log(outcome.changed ? `${outcome.email} is confirmed.` : `${outcome.email} was already confirmed.`);
        return;
      }
      const { email: address, status } = outcome;
      if (outcome.kind === 'no-mail') {
        console.log(`${address}: ${status}; ${status === 'pending' ? `no confirmation mail: it had ${config.subscribe.perAddressPerDay} today (subscribe.perAddressPerDay)` : 'no confirmation mail needed'}.`);
        return;
      }
      const { run } = outcome;
      if (run.sent === 1) console.log(`${address}: ${status}; a confirmation mail was sent.`);
      else if (run.failed[0] !== undefined) console.log(`${address}: ${status}; the confirmation mail was refused: ${run.failed[0].reason}`);
      else console.log(`${address}: ${status}; the confirmation mail could not be sent (${run.waiting?.reason ?? 'another process is sending it'}), so it is queued: \`broadsheet serve\` or \`start\` sends it once the mail server answers.`);
      if (run.sent === 0) setExitCode(EXIT_PARTIAL);
    });

  subscribers
    .command('remove <email>')
    .description('Unsubscribe an address (the record is kept, marked unsubscribed).')
    .addOption(configOption())
    .action((email: string, options: { config?: string }) =>
      withStore(options.config, 'write', async ({ subscribers: store }) => {
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
      withStore(options.config, 'read', async ({ subscribers: store }) => {
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
      withStore(options.config, 'write', async ({ subscribers: store, db, cwd, config }) => {
        const shown = relative(cwd, resolve(cwd, file)) || file;
        const text = await readFile(resolve(cwd, file), 'utf8').catch((error: unknown) => {
          throw new BroadsheetError('INPUT_INVALID', 'cannot read the file.', { file: shown, cause: error });
        });
        const { rows, errors } = parseSubscribersCsv(text, shown, `import:${shown}`, config.digest);
        const outcomes = { added: 0, confirmed: 0, unchanged: 0 };
        db.transaction(() => {
          for (const row of rows) outcomes[store.importSubscriber(row)]++;
        }).immediate();
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
      withStore(options.config, 'read', async ({ subscribers: store, cwd }) => {
        const csv = subscribersToCsv(store.list());
        if (file === undefined) process.stdout.write(csv);
        else writeFileAtomic(resolve(cwd, file), csv);
      }),
    );
};
