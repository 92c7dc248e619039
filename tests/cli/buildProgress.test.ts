import { execFile } from 'node:child_process';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { generateArchive } from '../../bench/generateArchive.js';
import { buildProgressLine } from '../../src/cli/buildProgress.js';
import { REPO_ROOT, runCli } from '../support/cli.js';

/** Runs `broadsheet` on a real pseudo-terminal (util-linux `script`), as a person at a terminal would; what the terminal got. */
function runOnTerminal(args: string[], cwd: string): Promise<{ code: number; screen: string }> {
  const command = [process.execPath, join(REPO_ROOT, 'bin/broadsheet.js'), ...args].map((arg) => `'${arg}'`).join(' ');
  return new Promise((done) => {
    execFile('script', ['--quiet', '--return', '--flush', '--command', command, '/dev/null'], { cwd, env: { ...process.env, TERM: 'xterm' } }, (error, stdout) => {
      done({ code: error === null ? 0 : typeof error.code === 'number' ? error.code : 1, screen: stdout });
    });
  });
}

/** An archive big enough that a cold build takes more than a second (1,500 articles, each with its page). */
let site: { dir: string; configFile: string };
beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'broadsheet-progress-'));
  await generateArchive({ dir: join(dir, 'content'), count: 1500, wordsPerArticle: 60 });
  const configFile = join(dir, 'broadsheet.config.json');
  await writeFile(configFile, JSON.stringify({ site: { title: 'The Test Gazette', url: 'https://news.example.org/' }, paths: { content: 'content', out: 'out', stateDir: 'state', templates: join(REPO_ROOT, 'templates') } }));
  site = { dir, configFile };
}, 120_000);

describe('build progress', () => {
  it('on a terminal, redraws one line of files indexed and written, and leaves only the summary', async () => {
    const { code, screen } = await runOnTerminal(['build', '--fresh', '--config', site.configFile], site.dir);
    expect(code).toBe(0);
    // Each redraw: back to the start of the line (CR), erase it (ESC [2K), the line.
    const redraws = screen.split('\r\x1b[2K').slice(1);
    // Indexing may be over before the first second is: then the first line drawn already counts the writes.
    expect(redraws.slice(0, -1).every((line) => /^building: \d+\/1500 files indexed(, \d+\/\d+ files written)?$/.test(line))).toBe(true);
    expect(redraws.some((line) => /^building: 1500\/1500 files indexed, \d+\/\d+ files written$/.test(line))).toBe(true);
    // Every redraw returns to the start of the same line: the progress never adds a line of its own.
    const lines = screen.split('\r\n').filter((line) => line !== '');
    expect(lines).toHaveLength(1);
    // What stays on the screen once the line is wiped: the summary alone.
    expect(lines[0]?.slice(lines[0].lastIndexOf('\x1b[2K') + 4)).toMatch(/^published 1500 articles; \d+ files written, \d+ unchanged$/);
  }, 120_000);

  it('not on a terminal, prints the one summary line and nothing else', async () => {
    const result = await runCli(['build', '--fresh', '--config', site.configFile], { cwd: site.dir });
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toMatch(/^published 1500 articles; \d+ files written, \d+ unchanged\n$/);
  }, 120_000);
});

describe('the progress line', () => {
  /** A terminal (or not) that keeps what it was sent, and a clock the test moves. */
  function terminal(isTTY: boolean) {
    const written: string[] = [];
    const clock = { ms: 0 };
    const stream = { isTTY, columns: 80, write: (text: string) => written.push(text) } as unknown as NodeJS.WriteStream;
    return { written, clock, progress: buildProgressLine(stream, () => clock.ms) };
  }

  it('stays quiet for the first second of a build, then redraws at most ten times a second, and wipes itself', () => {
    const { written, clock, progress } = terminal(true);
    progress.onProgress({ stage: 'index', done: 10, total: 100 });
    clock.ms = 999;
    progress.onProgress({ stage: 'index', done: 50, total: 100 });
    progress.clear();
    expect(written).toEqual([]);
    clock.ms = 1000;
    progress.onProgress({ stage: 'index', done: 60, total: 100 });
    clock.ms = 1050;
    progress.onProgress({ stage: 'index', done: 70, total: 100 });
    progress.onProgress({ stage: 'index', done: 100, total: 100 });
    clock.ms = 1200;
    progress.onProgress({ stage: 'write', done: 3, total: 40 });
    progress.clear();
    expect(written).toEqual(['\r\x1b[2Kbuilding: 60/100 files indexed', '\r\x1b[2Kbuilding: 100/100 files indexed', '\r\x1b[2Kbuilding: 100/100 files indexed, 3/40 files written', '\r\x1b[2K']);
  });

  it('draws nothing when the stream is not a terminal', () => {
    const { written, clock, progress } = terminal(false);
    clock.ms = 5000;
    progress.onProgress({ stage: 'index', done: 1, total: 2 });
    progress.clear();
    expect(written).toEqual([]);
  });
});
