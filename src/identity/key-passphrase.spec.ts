import { readFile, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import { KeyStoreError } from './identity.errors.js';
import { withTempDir } from './identity.test-helpers.js';
import { devPassphrasePath, resolveKeyPassphrase } from './key-passphrase.js';

async function codeOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyStoreError);
    return (error as KeyStoreError).code;
  }
  throw new Error('expected a KeyStoreError');
}

describe('resolveKeyPassphrase', () => {
  it('takes FEDNODE_KEY_PASSPHRASE first', async () => {
    const resolved = await resolveKeyPassphrase({
      mode: 'production',
      nodeId: 'kr-knpa',
      dataDir: '/nonexistent',
      env: { FEDNODE_KEY_PASSPHRASE: 'a long production passphrase' },
    });
    expect(resolved).toEqual({ passphrase: 'a long production passphrase', source: 'env' });
  });

  it('reads FEDNODE_KEY_PASSPHRASE_FILE without its trailing newline', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'secret');
      await writeFile(file, 'from a mounted secret\n');
      const resolved = await resolveKeyPassphrase({
        mode: 'production',
        nodeId: 'kr-knpa',
        dataDir: dir,
        env: { FEDNODE_KEY_PASSPHRASE_FILE: file },
      });
      expect(resolved).toEqual({ passphrase: 'from a mounted secret', source: 'env-file', file });
      const missing = resolveKeyPassphrase({
        mode: 'production',
        nodeId: 'kr-knpa',
        dataDir: dir,
        env: { FEDNODE_KEY_PASSPHRASE_FILE: path.join(dir, 'absent') },
      });
      expect(await codeOf(missing)).toBe('PASSPHRASE_UNREADABLE');
    });
  });

  it('refuses both variables at once, and short passphrases in production', async () => {
    const both = { FEDNODE_KEY_PASSPHRASE: 'x'.repeat(20), FEDNODE_KEY_PASSPHRASE_FILE: '/some/file' };
    expect(
      await codeOf(resolveKeyPassphrase({ mode: 'development', nodeId: 'kr-knpa', dataDir: '/tmp', env: both })),
    ).toBe('PASSPHRASE_CONFLICT');
    const short = { FEDNODE_KEY_PASSPHRASE: 'short' };
    expect(
      await codeOf(resolveKeyPassphrase({ mode: 'production', nodeId: 'kr-knpa', dataDir: '/tmp', env: short })),
    ).toBe('PASSPHRASE_MISSING');
  });

  it('in production without a passphrase names the variables to set', async () => {
    await expect(
      resolveKeyPassphrase({ mode: 'production', nodeId: 'kr-knpa', dataDir: '/tmp', env: {} }),
    ).rejects.toThrow(/FEDNODE_KEY_PASSPHRASE or FEDNODE_KEY_PASSPHRASE_FILE/);
  });

  it('in development generates a passphrase file once (0600) and reuses it', async () => {
    await withTempDir(async (dir) => {
      const first = await resolveKeyPassphrase({ mode: 'development', nodeId: 'kh-cnp', dataDir: dir, env: {} });
      const file = devPassphrasePath(dir, 'kh-cnp');
      expect(first.source).toBe('dev-generated');
      expect(first.file).toBe(file);
      expect(first.passphrase.length).toBeGreaterThanOrEqual(40);
      expect((await stat(file)).mode & 0o777).toBe(0o600);
      expect((await stat(path.dirname(file))).mode & 0o777).toBe(0o700);
      expect((await readFile(file, 'utf8')).trim()).toBe(first.passphrase);
      const second = await resolveKeyPassphrase({ mode: 'development', nodeId: 'kh-cnp', dataDir: dir, env: {} });
      expect(second).toEqual({ passphrase: first.passphrase, source: 'dev-file', file });
    });
  });

  it('uses a configured passphrase file after the environment', async () => {
    await withTempDir(async (dir) => {
      const file = path.join(dir, 'configured');
      await writeFile(file, 'configured passphrase value');
      const resolved = await resolveKeyPassphrase({
        mode: 'production',
        nodeId: 'kr-kcs',
        dataDir: dir,
        passphraseFile: file,
        env: {},
      });
      expect(resolved.source).toBe('config-file');
      expect(resolved.passphrase).toBe('configured passphrase value');
    });
  });
});
