import { loadConfig } from '../config/loadConfig.js';
import { copyStateOnce, migrateStateOnce } from '../app/databaseAdmin.js';
import { count } from './format.js';
import type { RegisterCommand } from './registerCommand.js';

export const registerDb: RegisterCommand = (program) => {
  const db = program.command('db').description('Look after the state database: migrate PostgreSQL\'s schema, copy the state between SQLite and PostgreSQL.');
  db.command('migrate')
    .description('Bring the PostgreSQL database of BROADSHEET_DATABASE_URL to this version\'s schema (SQLite migrates itself).')
    .option('--config <file>', 'config file')
    .action((options: { config?: string }) => {
      const cwd = process.cwd();
      const outcome = migrateStateOnce(loadConfig({ cwd, env: process.env, configFile: options.config }), cwd);
      if (outcome.dialect === 'sqlite') console.log(`${outcome.database} is SQLite, which migrates itself whenever broadsheet opens it: its schema is at version ${outcome.version}.`);
      else if (outcome.applied === 0) console.log(`${outcome.database}: the schema is up to date (version ${outcome.version}).`);
      else console.log(`${outcome.database}: applied ${count(outcome.applied, 'migration')}; the schema is at version ${outcome.version}.`);
    });
  db.command('copy')
    .description('Copy the state (subscribers, digests, outbox, history) into an empty PostgreSQL database or SQLite state folder.')
    .requiredOption('--to <target>', 'postgres://user:password@host:5432/database, or sqlite:PATH (a state folder)')
    .option('--config <file>', 'config file')
    .action((options: { to: string; config?: string }) => {
      const cwd = process.cwd();
      const copy = copyStateOnce(loadConfig({ cwd, env: process.env, configFile: options.config }), options.to, cwd);
      console.log(`Copied the state of ${copy.source} to ${copy.target}:`);
      const width = Math.max(...copy.tables.map((t) => t.name.length));
      for (const table of copy.tables) console.log(`  ${table.name.padEnd(width)}  ${table.rows}`);
      console.log('Every table\'s rows were counted on both.');
    });
};
