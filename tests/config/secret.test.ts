import { describe, expect, it } from 'vitest';
import { checkSecretStrength, MIN_SECRET_LENGTH } from '../../src/config/secret.js';
import { runCli } from '../support/cli.js';
import { makeProject } from '../support/project.js';

describe('BROADSHEET_SECRET', () => {
  it('is refused under 32 characters, counted as characters, and accepted from 32 on or when not set', () => {
    expect(MIN_SECRET_LENGTH).toBe(32);
    expect(() => checkSecretStrength({ secret: 'x'.repeat(31) })).toThrow(/is 31 characters long; it must have at least 32/);
    expect(() => checkSecretStrength({ secret: 'é'.repeat(31) })).toThrow(/is 31 characters long/);
    expect(() => checkSecretStrength({ secret: 'x'.repeat(32) })).not.toThrow();
    expect(() => checkSecretStrength({ secret: undefined })).not.toThrow();
  });

  // serve and start would listen until stopped if they took the secret; here they must end at once.
  it.each([
    ['digest', 'send'],
    ['subscribers', 'add', 'ann@example.org'],
    ['serve', '--port', '0'],
    ['start', '--port', '0'],
    ['inbound', 'read', 'no-such-maildir'],
  ])('stops `%s %s` with exit 2 and one line that says how to make a strong one', async (...command) => {
    const { dir, configFile } = await makeProject();
    const result = await runCli([...command, '--config', configFile], { cwd: dir, env: { BROADSHEET_SECRET: 'a' } });
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('broadsheet: BROADSHEET_SECRET: is 1 character long; it must have at least 32, or its tokens can be forged. Make one with `openssl rand -hex 32`.\n');
  });

  it('is not needed by digest preview, which signs its sample links with a fixed preview-only value', async () => {
    const { dir, configFile } = await makeProject();
    const result = await runCli(['digest', 'preview', '--config', configFile], { cwd: dir, env: { BROADSHEET_SECRET: '' } });
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('out/digest/preview.eml');
  });
});
