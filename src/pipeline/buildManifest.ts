import { join } from 'node:path';
import { writeFileAtomic } from '../io/writeFileAtomic.js';
import type { WrittenOutputs } from './writeOutputs.js';

/** In out/ unless `build --manifest` says otherwise: a dotfile, which `serve` never serves. */
export const MANIFEST_FILE = '.broadsheet-manifest.json';

/** The default place of a build's manifest: in the out folder it describes. */
export function manifestPath(outDir: string): string {
  return join(outDir, MANIFEST_FILE);
}

/**
 * What one build changed below out/, for a sync step that uploads only that (rsync --files-from, `aws s3 cp`
 * per path): the paths written and removed, relative to out/ and sorted; a removed folder (a tag's feed
 * folder) ends in `/`. Not the files found unchanged: an unchanged rebuild lists nothing. Written through a
 * temporary file like every output, so a sync never reads half a manifest; the manifest never lists itself.
 */
export function writeBuildManifest(file: string, builtAt: Date, outputs: Pick<WrittenOutputs, 'written' | 'removed'>): void {
  const manifest = { builtAt: builtAt.toISOString(), written: [...outputs.written].sort(), removed: [...outputs.removed].sort() };
  writeFileAtomic(file, `${JSON.stringify(manifest, null, 2)}\n`);
}
