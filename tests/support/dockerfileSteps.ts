import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, readFileSync } from 'node:fs';
import { basename, isAbsolute, join } from 'node:path';

export interface Instruction {
  keyword: string;
  args: string;
}

/** A Dockerfile's instructions: comments dropped, `\` continuations joined. */
export function readDockerfile(path: string): Instruction[] {
  const joined = readFileSync(path, 'utf8').replace(/\\\n/g, ' ');
  return joined.split('\n').flatMap((line) => {
    const trimmed = line.trim();
    if (trimmed === '' || trimmed.startsWith('#')) return [];
    const [keyword = '', ...rest] = trimmed.split(/\s+/);
    return [{ keyword: keyword.toUpperCase(), args: rest.join(' ') }];
  });
}

export interface ReplayedImage {
  /** The last stage's file system: `/app` of the image is `join(root, 'app')`. */
  root: string;
  env: Record<string, string>;
  user: string | undefined;
  workdir: string;
  volumes: string[];
  cmd: string[];
  bases: string[];
}

/**
 * The Dockerfile's steps run on this machine as a script would: each stage in a folder of its own standing
 * for its root, WORKDIR and COPY in that folder (the context is `context` less .dockerignore's entries),
 * RUN with bash in the stage's working folder, ENV exported. The base images are this machine (the test
 * checks they are the same Node). Only the instructions this project's Dockerfile uses are known.
 */
export function replayDockerfile(dockerfile: string, context: string, into: string, log: (line: string) => void): ReplayedImage {
  const ignored = new Set(readFileSync(join(context, '.dockerignore'), 'utf8').split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#')));
  const stages = new Map<string, string>();
  let image: ReplayedImage | undefined;
  const bases: string[] = [];
  for (const { keyword, args } of readDockerfile(dockerfile)) {
    if (keyword === 'FROM') {
      const [base = '', , name] = args.split(/\s+/);
      bases.push(base);
      const root = join(into, `stage-${bases.length}`);
      mkdirSync(root, { recursive: true });
      if (name !== undefined) stages.set(name, root);
      image = { root, env: {}, user: undefined, workdir: '/', volumes: [], cmd: [], bases };
      continue;
    }
    if (image === undefined) throw new Error(`${keyword} before FROM`);
    const inStage = (path: string) => join(image!.root, isAbsolute(path) ? path : join(image!.workdir, path));
    log(`${keyword} ${args}`);
    switch (keyword) {
      case 'WORKDIR':
        image.workdir = isAbsolute(args) ? args : join(image.workdir, args);
        mkdirSync(inStage('.'), { recursive: true });
        break;
      case 'ENV':
        for (const [, key, value] of args.matchAll(/(\w+)=(\S+)/g)) image.env[key as string] = value as string;
        break;
      case 'COPY': {
        const parts = args.split(/\s+/);
        const from = parts[0]?.startsWith('--from=') ? stages.get(parts.shift()!.slice('--from='.length)) : undefined;
        const dest = parts.pop() as string;
        for (const source of parts) {
          if (from === undefined && ignored.has(source.replace(/\/$/, ''))) throw new Error(`COPY ${source}: .dockerignore leaves it out of the context`);
          const target = dest.endsWith('/') || dest === '.' || dest === './' ? join(inStage(dest), basename(source)) : inStage(dest);
          cpSync(from === undefined ? join(context, source) : join(from, source), target, { recursive: true });
        }
        break;
      }
      case 'RUN':
        execFileSync('bash', ['-euo', 'pipefail', '-c', args], { cwd: inStage('.'), env: { ...process.env, ...image.env }, stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 * 1024 * 1024 });
        break;
      case 'USER':
        image.user = args;
        break;
      case 'VOLUME':
        image.volumes = JSON.parse(args) as string[];
        break;
      case 'CMD':
        image.cmd = JSON.parse(args) as string[];
        break;
      case 'EXPOSE':
        break;
      default:
        throw new Error(`the replay does not know ${keyword}`);
    }
  }
  if (image === undefined) throw new Error('no FROM');
  return image;
}
