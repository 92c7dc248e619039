import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cp, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { copyStaticFiles, writeArchiveAsMarkdown } from './peerSite.js';

/** Eleventy configurations in the prepared project (bench/eleventy/): one per row of the bench's table. */
export const ELEVENTY_CONFIGS = { feeds: 'feeds.config.js', site: 'site.config.js' } as const;

/** The peers `--peers` installs: Eleventy 3 and its RSS plugin, into a folder of the bench's own, never into package.json. */
const PACKAGES = ['@11ty/eleventy@3', '@11ty/eleventy-plugin-rss@2'];
const PROJECT = resolve(import.meta.dirname, 'eleventy');

export interface Eleventy {
  version: string;
  /** Eleventy's command line, as `node` runs it. */
  cli: string;
}

/**
 * Installs Eleventy with npm into `folder` unless it is there from an earlier run; the projects that
 * prepareEleventySite writes under `folder` find it there.
 */
export function installEleventy(folder: string): Eleventy {
  const manifest = join(folder, 'node_modules/@11ty/eleventy/package.json');
  if (!existsSync(manifest)) {
    mkdirSync(folder, { recursive: true });
    // ES modules for the project's templates and configuration.
    writeFileSync(join(folder, 'package.json'), '{"private":true,"type":"module"}\n');
    execFileSync('npm', ['install', '--no-audit', '--no-fund', '--loglevel=error', ...PACKAGES], { cwd: folder, stdio: 'inherit' });
  }
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  return { version, cli: join(folder, 'node_modules/@11ty/eleventy/cmd.cjs') };
}

/**
 * The bench's Eleventy project (bench/eleventy/) at `site` (under the install folder), with the archive as its
 * posts; the project's files are copied each run, the posts once a size.
 */
export async function prepareEleventySite(archive: string, site: string): Promise<void> {
  const complete = join(site, '.posts-complete');
  if (!existsSync(complete)) {
    await rm(site, { recursive: true, force: true });
    await copyStaticFiles(join(site, 'src/static'));
    await writeArchiveAsMarkdown(archive, join(site, 'src/posts'));
    await writeFile(complete, '');
  }
  await cp(PROJECT, site, { recursive: true });
}

export const eleventyArguments = (eleventy: Eleventy, site: string, config: string, into: string) => [eleventy.cli, `--config=${join(site, config)}`, `--output=${into}`, '--quiet'];
