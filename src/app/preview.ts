import type { ResolvedConfig } from '../config/resolvedConfig.js';
import type { DigestPreview } from '../pipeline/previewDigest.js';
import { previewDigest } from '../pipeline/previewDigest.js';
import { withState } from './state.js';

/** `digest preview`: read from the state folder (which may be read-only, or not there yet), nothing changed. */
export function previewOnce(config: ResolvedConfig, displayRoot: string, options: { number: number | undefined }): Promise<DigestPreview | undefined> {
  return withState(config, 'read', ({ db }) => previewDigest(config, db, new Date(), displayRoot, options));
}
