import type { Command } from 'commander';
import { withState } from '../app/state.js';
import { loadConfig } from '../config/loadConfig.js';
import { BroadsheetError } from '../errors.js';
import { subscriberHistory } from '../store/subscriberHistory.js';
import { parseEmailAddress } from '../subscribers/address.js';
import type { Subscriber } from '../subscribers/subscriberStore.js';

export function registerSubscriberShow(subscribers: Command): void {
  subscribers
    .command('show <email>')
    .description('The history of one address: subscribing, each digest, each bounce or complaint, leaving.')
    .option('--config <file>', 'config file')
    .action((email: string, options: { config?: string }) => {
      const config = loadConfig({ cwd: process.cwd(), env: process.env, configFile: options.config });
      const address = parseEmailAddress(email);
      return withState(config, 'read', ({ db, subscribers: store }) => {
        const subscriber = store.find(address);
        if (subscriber === undefined) throw new BroadsheetError('INPUT_INVALID', `${address.email} is not a subscriber.`, { field: 'email', hint: '`broadsheet subscribers list` shows who is.' });
        console.log(`${subscriber.email}: ${subscriber.status}`);
        console.log(choicesLine(subscriber, config.digest.defaultFrequency));
        for (const entry of subscriberHistory(db, subscriber.id)) console.log(`${entry.at.toISOString()}  ${entry.what}`);
      });
    });
}

/** `topics: culture, transport · frequency: daily · paused until 2026-12-24T00:00:00.000Z` */
function choicesLine(subscriber: Subscriber, defaultFrequency: string): string {
  const topics = subscriber.topics.length === 0 ? 'every article' : subscriber.topics.map((topic) => topic.tag).join(', ');
  const frequency = subscriber.frequency ?? `${defaultFrequency} (the default)`;
  const pause = subscriber.pausedUntil === undefined ? '' : ` · paused until ${subscriber.pausedUntil.toISOString()}`;
  return `topics: ${topics} · frequency: ${frequency}${pause}`;
}
