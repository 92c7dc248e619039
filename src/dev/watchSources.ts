import { basename, sep } from 'node:path';

export interface SourceChange {
  /** A template changed: what was rendered with the old one cannot be reused. */
  templates: boolean;
}

export interface SourceWatcher {
  close(): Promise<void>;
}

/** Editors save in bursts (a temp file, a rename, a chmod): one rebuild for what changed within this time. */
const SETTLE_MS = 100;

/**
 * Watches the content, template and static folders (with chokidar, which handles new sub-folders, renames and
 * editors' atomic saves on every platform) and reports a burst of changes once. Hidden files are left out:
 * editors' swap files and broadsheet's own temporary files start with a dot. Resolves once watching.
 */
export async function watchSources(dirs: { content: string; templates: string; static: string | undefined }, onChange: (change: SourceChange) => void): Promise<SourceWatcher> {
  const { watch } = await import('chokidar');
  const watcher = watch([dirs.content, dirs.templates, ...(dirs.static === undefined ? [] : [dirs.static])], { ignoreInitial: true, ignored: (path) => basename(path).startsWith('.') });
  let pending: SourceChange | undefined;
  let timer: NodeJS.Timeout | undefined;
  watcher.on('all', (_event, path) => {
    pending = { templates: (pending?.templates ?? false) || path === dirs.templates || path.startsWith(`${dirs.templates}${sep}`) };
    clearTimeout(timer);
    timer = setTimeout(() => {
      const change = pending as SourceChange;
      pending = undefined;
      onChange(change);
    }, SETTLE_MS);
  });
  await new Promise<void>((ready) => watcher.once('ready', ready));
  return {
    close: async () => {
      clearTimeout(timer);
      await watcher.close();
    },
  };
}
