import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { loadStorageKey, storageKeyFile } from './attachment-storage-key.js';

describe('attachment storage key', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await fs.mkdtemp(path.join(tmpdir(), 'fednode-storage-key-'));
  });
  afterEach(() => fs.rm(dir, { recursive: true, force: true }));

  const config = (mode: 'development' | 'production', keyFile?: string) => ({
    mode,
    dataDir: path.join(dir, 'data'),
    storage: { keyFile },
  });

  it('is created once (0600, 32 random bytes) by a development node, then reused', async () => {
    const first = await loadStorageKey(config('development'));
    expect(first).toHaveLength(32);
    const file = storageKeyFile(config('development'));
    expect(file).toBe(path.join(dir, 'data', 'secrets', 'storage-key'));
    expect((await fs.stat(file)).mode & 0o777).toBe(0o600);
    expect(Buffer.from(await loadStorageKey(config('development'))).equals(Buffer.from(first))).toBe(true);
  });

  it('is never invented by a production node: the error names the missing file', async () => {
    await expect(loadStorageKey(config('production'))).rejects.toThrow(
      path.join(dir, 'data', 'secrets', 'storage-key'),
    );
    await expect(fs.stat(path.join(dir, 'data'))).rejects.toThrow();
  });

  it('comes from storage.keyFile, raw or base64, and a missing one is an error in any mode', async () => {
    const raw = randomBytes(32);
    const rawFile = path.join(dir, 'raw.key');
    await fs.writeFile(rawFile, raw, { mode: 0o600 });
    expect(Buffer.from(await loadStorageKey(config('production', rawFile))).equals(raw)).toBe(true);
    const textFile = path.join(dir, 'text.key');
    await fs.writeFile(textFile, `${raw.toString('base64url')}\n`, { mode: 0o600 });
    expect(Buffer.from(await loadStorageKey(config('production', textFile))).equals(raw)).toBe(true);
    await expect(loadStorageKey(config('development', path.join(dir, 'nope.key')))).rejects.toThrow(
      /nope\.key is missing \(storage\.keyFile\)/,
    );
    await fs.writeFile(textFile, 'too-short\n');
    await expect(loadStorageKey(config('production', textFile))).rejects.toThrow(/must be 32 bytes/);
  });
});
