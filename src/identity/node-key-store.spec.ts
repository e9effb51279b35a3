import { randomBytes } from 'node:crypto';
import { chmod, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import * as path from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { KeyStoreError } from './identity.errors.js';
import { FAST_KDF, withTempDir } from './identity.test-helpers.js';
import {
  generationPath,
  isWithinGrace,
  keyringPath,
  loadOrCreateNodeKeys,
  readCurrentPublicKeys,
  rotateNodeKeys,
} from './node-key-store.js';

const PASS = 'correct horse battery staple';
const T0 = new Date('2026-01-01T00:00:00Z');
const DAY = 24 * 3600 * 1000;

async function modeOf(file: string): Promise<number> {
  return (await stat(file)).mode & 0o777;
}

async function rejection(promise: Promise<unknown>): Promise<KeyStoreError> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(KeyStoreError);
    return error as KeyStoreError;
  }
  throw new Error('expected a KeyStoreError');
}

function create(keysDir: string, extra: Partial<Parameters<typeof loadOrCreateNodeKeys>[0]> = {}) {
  return loadOrCreateNodeKeys({
    nodeId: 'kr-knpa',
    keysDir,
    passphrase: PASS,
    mode: 'development',
    kdf: FAST_KDF,
    now: T0,
    ...extra,
  });
}

beforeAll(async () => {
  await sodium.ready;
});

describe('loadOrCreateNodeKeys', () => {
  it('creates keys in development and loads the same keys back', async () => {
    await withTempDir(async (dir) => {
      const keysDir = path.join(dir, 'kr-knpa', 'keys');
      const first = await create(keysDir);
      expect(first.created).toBe(true);
      expect(first.current.signing.publicKey).toHaveLength(32);
      expect(first.current.signing.privateKey).toHaveLength(64);
      expect(first.current.encryption.privateKey).toHaveLength(32);

      const again = await create(keysDir);
      expect(again.created).toBe(false);
      expect(again.current.keyId).toBe(first.current.keyId);
      expect(Buffer.from(again.current.signing.privateKey)).toEqual(Buffer.from(first.current.signing.privateKey));
      expect(Buffer.from(again.current.encryption.privateKey)).toEqual(
        Buffer.from(first.current.encryption.privateKey),
      );
      expect(again.current.createdAt).toEqual(T0);

      // The loaded keys work: sign/verify and seal/open.
      const message = new TextEncoder().encode('hello');
      const signature = sodium.crypto_sign_detached(message, again.current.signing.privateKey);
      expect(sodium.crypto_sign_verify_detached(signature, message, first.current.signing.publicKey)).toBe(true);
      const sealed = sodium.crypto_box_seal(message, first.current.encryption.publicKey);
      const opened = sodium.crypto_box_seal_open(
        sealed,
        again.current.encryption.publicKey,
        again.current.encryption.privateKey,
      );
      expect(Buffer.from(opened).toString()).toBe('hello');

      const publicOnly = await readCurrentPublicKeys({ nodeId: 'kr-knpa', keysDir });
      expect(Buffer.from(publicOnly.x25519PublicKey)).toEqual(Buffer.from(first.current.encryption.publicKey));
    });
  });

  it('writes key files 0600 in 0700 directories, private keys encrypted, KDF parameters recorded', async () => {
    await withTempDir(async (dir) => {
      const keysDir = path.join(dir, 'keys');
      const keys = await create(keysDir);
      expect(await modeOf(keysDir)).toBe(0o700);
      expect(await modeOf(path.join(keysDir, 'generations'))).toBe(0o700);
      expect(await modeOf(keyringPath(keysDir))).toBe(0o600);
      const file = generationPath(keysDir, keys.current.keyId);
      expect(await modeOf(file)).toBe(0o600);
      expect((await readdir(path.join(keysDir, 'generations'))).filter((f) => f.endsWith('.tmp'))).toEqual([]);

      const raw = await readFile(file, 'utf8');
      const seed = Buffer.from(keys.current.signing.privateKey.subarray(0, 32));
      expect(raw).not.toContain(seed.toString('base64'));
      expect(raw).not.toContain(Buffer.from(keys.current.encryption.privateKey).toString('base64'));
      const json = JSON.parse(raw) as { privateKeys: { kdf: Record<string, unknown>; cipher: string } };
      expect(json.privateKeys.kdf).toMatchObject({ algorithm: 'argon2id13', opsLimit: 1, memLimit: 8192 });
      expect(json.privateKeys.cipher).toBe('xsalsa20poly1305');
    });
  });

  it('uses argon2id INTERACTIVE limits by default', async () => {
    await withTempDir(async (dir) => {
      const keys = await create(dir, { kdf: undefined });
      const json = JSON.parse(await readFile(generationPath(dir, keys.current.keyId), 'utf8')) as {
        privateKeys: { kdf: { opsLimit: number; memLimit: number } };
      };
      expect(json.privateKeys.kdf.opsLimit).toBe(sodium.crypto_pwhash_OPSLIMIT_INTERACTIVE);
      expect(json.privateKeys.kdf.memLimit).toBe(sodium.crypto_pwhash_MEMLIMIT_INTERACTIVE);
    });
  });

  it('reports a wrong passphrase clearly', async () => {
    await withTempDir(async (dir) => {
      await create(dir);
      const error = await rejection(create(dir, { passphrase: 'not the passphrase' }));
      expect(error.code).toBe('WRONG_PASSPHRASE');
      expect(error.message).toMatch(/wrong key passphrase/);
    });
  });

  it('refuses to start in production without keys, naming the missing files', async () => {
    await withTempDir(async (dir) => {
      const keysDir = path.join(dir, 'kr-knpa', 'keys');
      const error = await rejection(create(keysDir, { mode: 'production' }));
      expect(error.code).toBe('KEYS_MISSING');
      expect(error.missingFiles).toEqual([keyringPath(keysDir)]);
      expect(error.message).toContain(keyringPath(keysDir));
      expect(error.message).toMatch(/production/);
      await expect(stat(keysDir)).rejects.toThrow(); // nothing was generated

      // Keyring present but a generation file gone: that exact file is named.
      const keys = await create(keysDir);
      await rm(generationPath(keysDir, keys.current.keyId));
      const partial = await rejection(create(keysDir, { mode: 'production' }));
      expect(partial.code).toBe('KEYS_MISSING');
      expect(partial.missingFiles).toEqual([generationPath(keysDir, keys.current.keyId)]);
    });
  });

  it('loads existing keys in production', async () => {
    await withTempDir(async (dir) => {
      const made = await create(dir);
      const loaded = await create(dir, { mode: 'production' });
      expect(loaded.current.keyId).toBe(made.current.keyId);
    });
  });

  it('refuses group-readable key files in production and repairs them in development', async () => {
    await withTempDir(async (dir) => {
      const keys = await create(dir);
      const file = generationPath(dir, keys.current.keyId);
      await chmod(file, 0o644);
      expect((await rejection(create(dir, { mode: 'production' }))).code).toBe('INSECURE_PERMISSIONS');
      await create(dir);
      expect(await modeOf(file)).toBe(0o600);
    });
  });

  it('rejects keys of another node and altered files', async () => {
    await withTempDir(async (dir) => {
      const keys = await create(dir);
      expect((await rejection(create(dir, { nodeId: 'kr-kcs' }))).code).toBe('NODE_ID_MISMATCH');

      const file = generationPath(dir, keys.current.keyId);
      const json = JSON.parse(await readFile(file, 'utf8')) as { ed25519PublicKey: string };
      json.ed25519PublicKey = Buffer.from(randomBytes(32)).toString('base64');
      await writeFile(file, JSON.stringify(json), { mode: 0o600 });
      expect((await rejection(create(dir))).code).toBe('CORRUPT_KEY_FILE');

      await writeFile(keyringPath(dir), '{"format":"nope"}', { mode: 0o600 });
      expect((await rejection(create(dir))).code).toBe('CORRUPT_KEY_FILE');
    });
  });

  it('gives two processes starting at once the same keys', async () => {
    await withTempDir(async (dir) => {
      const [a, b] = await Promise.all([create(dir), create(dir)]);
      expect(a.current.keyId).toBe(b.current.keyId);
      expect([a.created, b.created].filter(Boolean)).toHaveLength(1);
      expect(await readdir(path.join(dir, 'generations'))).toEqual([`${a.current.keyId}.json`]);
    });
  });
});

describe('rotateNodeKeys', () => {
  it('keeps the previous generation usable until its grace deadline', async () => {
    await withTempDir(async (dir) => {
      const original = await create(dir);
      const sealedToOld = sodium.crypto_box_seal(
        new TextEncoder().encode('old'),
        original.current.encryption.publicKey,
      );

      const t1 = new Date(T0.getTime() + DAY);
      const rotated = await rotateNodeKeys({
        nodeId: 'kr-knpa',
        keysDir: dir,
        passphrase: PASS,
        kdf: FAST_KDF,
        now: t1,
        graceSeconds: 3 * 86400,
      });
      expect(rotated.current.keyId).not.toBe(original.current.keyId);
      expect(rotated.retired.keyId).toBe(original.current.keyId);
      expect(rotated.retired.retiredAt).toEqual(t1);
      expect(rotated.retired.graceUntil).toEqual(new Date(t1.getTime() + 3 * DAY));
      expect(rotated.previous.map((g) => g.keyId)).toEqual([original.current.keyId]);

      // After a restart inside the grace period the old key still opens packets sealed to it.
      const reloaded = await create(dir, { now: new Date(t1.getTime() + DAY) });
      expect(reloaded.current.keyId).toBe(rotated.current.keyId);
      expect(reloaded.previous).toHaveLength(1);
      const old = reloaded.previous[0];
      expect(old.createdAt).toEqual(T0);
      expect(isWithinGrace(old, new Date(t1.getTime() + DAY))).toBe(true);
      expect(isWithinGrace(old, new Date(t1.getTime() + 4 * DAY))).toBe(false);
      expect(isWithinGrace(reloaded.current, new Date(t1.getTime() + 400 * DAY))).toBe(true);
      const opened = sodium.crypto_box_seal_open(sealedToOld, old.encryption.publicKey, old.encryption.privateKey);
      expect(Buffer.from(opened).toString()).toBe('old');
      expect(Buffer.from(old.signing.publicKey)).toEqual(Buffer.from(original.current.signing.publicKey));

      // Past the deadline it is no longer loaded, and the next rotation deletes it.
      const late = new Date(t1.getTime() + 5 * DAY);
      expect((await create(dir, { now: late })).previous).toEqual([]);
      const second = await rotateNodeKeys({
        nodeId: 'kr-knpa',
        keysDir: dir,
        passphrase: PASS,
        kdf: FAST_KDF,
        now: late,
      });
      expect(second.prunedKeyIds).toEqual([original.current.keyId]);
      expect(second.previous.map((g) => g.keyId)).toEqual([rotated.current.keyId]);
      expect((await readdir(path.join(dir, 'generations'))).sort()).toEqual(
        [`${rotated.current.keyId}.json`, `${second.current.keyId}.json`].sort(),
      );
    });
  });

  it('refuses to rotate with a wrong passphrase or without keys', async () => {
    await withTempDir(async (dir) => {
      expect(
        (await rejection(rotateNodeKeys({ nodeId: 'kr-knpa', keysDir: dir, passphrase: PASS, kdf: FAST_KDF }))).code,
      ).toBe('KEYS_MISSING');
      await create(dir);
      const error = await rejection(
        rotateNodeKeys({ nodeId: 'kr-knpa', keysDir: dir, passphrase: 'wrong', kdf: FAST_KDF }),
      );
      expect(error.code).toBe('WRONG_PASSPHRASE');
      expect(await readdir(path.join(dir, 'generations'))).toHaveLength(1);
    });
  });
});
