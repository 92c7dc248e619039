import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { cp, mkdir, mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../support/cli.js';
import { readDockerfile, replayDockerfile } from '../support/dockerfileSteps.js';

const DOCKERFILE = join(REPO_ROOT, 'Dockerfile');

/**
 * There is no Docker engine here: the install steps run as a script (see dockerfileSteps.ts), then the
 * image's command runs against a site folder. `npm ci` compiles better-sqlite3 when no prebuilt binary can
 * be fetched (minutes on two cores), so the replay runs in CI and with BROADSHEET_DEPLOY_TESTS=1.
 */
const replay = process.env.CI === 'true' || process.env.BROADSHEET_DEPLOY_TESTS === '1';

describe('the Dockerfile', () => {
  it('builds in two stages on the Node this project runs on and runs `start` as an unprivileged user, the state and content as volumes', () => {
    const steps = readDockerfile(DOCKERFILE);
    const bases = steps.filter((s) => s.keyword === 'FROM').map((s) => s.args.split(/\s+/)[0]);
    expect(bases).toEqual(['node:20-bookworm-slim', 'node:20-bookworm-slim']);
    expect(steps.find((s) => s.keyword === 'USER')?.args).toBe('node');
    expect(JSON.parse(steps.find((s) => s.keyword === 'VOLUME')?.args ?? '[]')).toEqual(['/site/content', '/site/.broadsheet']);
    expect(JSON.parse(steps.find((s) => s.keyword === 'CMD')?.args ?? '[]')).toEqual(['node', '/app/bin/broadsheet.js', 'start', '--host', '0.0.0.0']);
  });

  it.runIf(replay)(
    'installs with its own steps into an image that holds no development tools, and `start` serves from it and stops on SIGTERM with 0',
    async () => {
      expect(process.versions.node.split('.')[0]).toBe('20');
      const into = await mkdtemp(join(tmpdir(), 'broadsheet-image-'));
      const image = replayDockerfile(DOCKERFILE, REPO_ROOT, into, () => undefined);
      const app = join(image.root, 'app');
      expect((await readdir(app)).sort()).toEqual(['bin', 'dist', 'node_modules', 'package.json', 'starter', 'templates']);
      const modules = await readdir(join(app, 'node_modules'));
      expect(modules).toContain('better-sqlite3');
      // (typescript stays: npm keeps it as the optional peer of valibot and cosmiconfig, which never load it here.)
      for (const tool of ['vitest', 'eslint', 'playwright-core', 'tsx', 'vite']) expect(modules).not.toContain(tool);

      // The site as the volumes would hold it: content, and a config with the state folder beside it.
      const site = join(image.root, 'site');
      expect(existsSync(join(site, '.broadsheet'))).toBe(true);
      await cp(join(REPO_ROOT, 'starter/content'), join(site, 'content'), { recursive: true });
      await writeFile(join(site, 'broadsheet.config.json'), JSON.stringify({ site: { url: 'https://news.example.org/' } }));
      await mkdir(join(site, 'out'), { recursive: true });
      const [command = '', script = '', ...args] = image.cmd;
      expect(command).toBe('node');
      // The image's paths are under the replay's root; 127.0.0.1 and a free port instead of 0.0.0.0:8080.
      const child = spawn(process.execPath, [join(image.root, script), ...args, '--host', '127.0.0.1', '--port', '0'], { cwd: site, env: { ...process.env, ...image.env }, stdio: ['ignore', 'pipe', 'pipe'] });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const exited = new Promise<number | null>((done) => child.once('exit', done));
      const port = await new Promise<number>((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`start printed no address:\n${output}`)), 60_000);
        child.stdout.on('data', () => {
          const found = /"event":"http\.listening".*"port":(\d+)/.exec(output)?.[1];
          if (found === undefined) return;
          clearTimeout(timer);
          resolve(Number(found));
        });
      });
      const feed = await fetch(`http://127.0.0.1:${port}/rss.xml`);
      expect(feed.headers.get('content-type')).toBe('application/rss+xml; charset=utf-8');
      expect(await feed.text()).toContain('Welcome to your new site');
      child.kill('SIGTERM');
      expect(await exited).toBe(0);
    },
    15 * 60_000,
  );
});
