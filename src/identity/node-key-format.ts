import { randomBytes } from 'node:crypto';
import { z } from 'zod';
import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import { computeKeyId } from '../kernel/pki/key-id.js';
import { KeyStoreError } from './identity.errors.js';

/*
 * On-disk format of the node key store (see docs/PKI.md):
 *   keys/keyring.json               which generation is current, which are previous (+ grace deadlines)
 *   keys/generations/<keyId>.json   one immutable file per key generation: public keys in clear,
 *                                   both private seeds encrypted with argon2id + secretbox
 */

export const KEYRING_FORMAT = 'fed-node-keyring/1';
export const GENERATION_FORMAT = 'fed-node-key-generation/1';

/**
 * argon2id INTERACTIVE (ops 2, 64 MiB, ~0.35 s here) rather than MODERATE (256 MiB, ~1.3 s): the
 * key is derived once per generation at every start, on every replica, inside libsodium's
 * WebAssembly heap, which keeps whatever it grew to. 64 MiB still makes offline guessing costly;
 * the real protection of a stolen key file is a long random passphrase.
 */
export interface KdfLimits {
  opsLimit: number;
  memLimit: number;
}

/** libsodium through the kernel's one loader (src/kernel/crypto/sodium.ts). */
function readySodium(): Promise<Sodium> {
  return sodiumReady();
}

export async function defaultKdfLimits(): Promise<KdfLimits> {
  const s = await readySodium();
  return { opsLimit: s.crypto_pwhash_OPSLIMIT_INTERACTIVE, memLimit: s.crypto_pwhash_MEMLIMIT_INTERACTIVE };
}

/** Upper bounds for limits read from a file, so a crafted file cannot make us allocate gigabytes. */
const MAX_OPS_LIMIT = 16;
const MAX_MEM_LIMIT = 1024 * 1024 * 1024;

const base64 = z.string().regex(/^[A-Za-z0-9+/]*={0,2}$/, 'must be base64');
const isoDate = z.iso.datetime();
const keyIdSchema = z.string().regex(/^[0-9a-f]{16}$/, 'must be 16 hex digits');

export const generationFileSchema = z.strictObject({
  format: z.literal(GENERATION_FORMAT),
  nodeId: z.string(),
  keyId: keyIdSchema,
  createdAt: isoDate,
  ed25519PublicKey: base64,
  x25519PublicKey: base64,
  privateKeys: z.strictObject({
    kdf: z.strictObject({
      algorithm: z.literal('argon2id13'),
      opsLimit: z.number().int().min(1).max(MAX_OPS_LIMIT),
      memLimit: z.number().int().min(8192).max(MAX_MEM_LIMIT),
      salt: base64,
    }),
    cipher: z.literal('xsalsa20poly1305'),
    nonce: base64,
    ciphertext: base64,
  }),
});
export type GenerationFile = z.infer<typeof generationFileSchema>;

const keyringEntrySchema = z.strictObject({
  keyId: keyIdSchema,
  createdAt: isoDate,
  retiredAt: isoDate.optional(),
  graceUntil: isoDate.optional(),
});
export type KeyringEntry = z.infer<typeof keyringEntrySchema>;

export const keyringFileSchema = z.strictObject({
  format: z.literal(KEYRING_FORMAT),
  nodeId: z.string(),
  current: keyringEntrySchema,
  /** Newest first. */
  previous: z.array(keyringEntrySchema),
});
export type KeyringFile = z.infer<typeof keyringFileSchema>;

export interface Keypair {
  publicKey: Uint8Array;
  /** libsodium format: 64 bytes (seed || public key) for Ed25519, 32 bytes for X25519. */
  privateKey: Uint8Array;
}

/** One generation of node keys, decrypted. */
export interface NodeKeyGeneration {
  keyId: string;
  createdAt: Date;
  /** When it stopped being current (previous generations only). */
  retiredAt?: Date;
  /** Until when peers may still accept its signatures and we still open packets sealed to it. */
  graceUntil?: Date;
  signing: Keypair;
  encryption: Keypair;
}

const SEED_BYTES = 32;

/** Both keypairs from fresh node:crypto seeds (libsodium's own RNG is very slow on Node). */
export async function generateKeypairs(): Promise<{ signing: Keypair; encryption: Keypair; seeds: Uint8Array }> {
  const seeds = new Uint8Array(randomBytes(SEED_BYTES * 2));
  return { ...(await keypairsFromSeeds(seeds)), seeds };
}

async function keypairsFromSeeds(seeds: Uint8Array): Promise<{ signing: Keypair; encryption: Keypair }> {
  const s = await readySodium();
  const signing = s.crypto_sign_seed_keypair(seeds.subarray(0, SEED_BYTES));
  const encryption = s.crypto_box_seed_keypair(seeds.subarray(SEED_BYTES, SEED_BYTES * 2));
  return {
    signing: { publicKey: signing.publicKey, privateKey: signing.privateKey },
    encryption: { publicKey: encryption.publicKey, privateKey: encryption.privateKey },
  };
}

function b64(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString('base64');
}

function fromB64(text: string): Uint8Array {
  return new Uint8Array(Buffer.from(text, 'base64'));
}

async function deriveKey(passphrase: string, salt: Uint8Array, limits: KdfLimits): Promise<Uint8Array> {
  const s = await readySodium();
  return s.crypto_pwhash(
    s.crypto_secretbox_KEYBYTES,
    passphrase,
    salt,
    limits.opsLimit,
    limits.memLimit,
    s.crypto_pwhash_ALG_ARGON2ID13,
  );
}

/** Builds the file of a new generation, encrypting its two seeds under the passphrase. */
export async function sealGeneration(input: {
  nodeId: string;
  createdAt: Date;
  seeds: Uint8Array;
  signing: Keypair;
  encryption: Keypair;
  passphrase: string;
  kdf: KdfLimits;
}): Promise<GenerationFile> {
  const s = await readySodium();
  const salt = new Uint8Array(randomBytes(s.crypto_pwhash_SALTBYTES));
  const nonce = new Uint8Array(randomBytes(s.crypto_secretbox_NONCEBYTES));
  const key = await deriveKey(input.passphrase, salt, input.kdf);
  try {
    const ciphertext = s.crypto_secretbox_easy(input.seeds, nonce, key);
    return {
      format: GENERATION_FORMAT,
      nodeId: input.nodeId,
      keyId: computeKeyId(input.signing.publicKey, input.encryption.publicKey),
      createdAt: input.createdAt.toISOString(),
      ed25519PublicKey: b64(input.signing.publicKey),
      x25519PublicKey: b64(input.encryption.publicKey),
      privateKeys: {
        kdf: { algorithm: 'argon2id13', opsLimit: input.kdf.opsLimit, memLimit: input.kdf.memLimit, salt: b64(salt) },
        cipher: 'xsalsa20poly1305',
        nonce: b64(nonce),
        ciphertext: b64(ciphertext),
      },
    };
  } finally {
    s.memzero(key);
  }
}

/**
 * Decrypts a generation file. A wrong passphrase (or a tampered ciphertext) fails the Poly1305
 * tag and becomes WRONG_PASSPHRASE; keys that do not match the public keys or id on file become
 * CORRUPT_KEY_FILE.
 */
export async function openGeneration(
  file: GenerationFile,
  passphrase: string,
  filePath: string,
): Promise<{ signing: Keypair; encryption: Keypair }> {
  const s = await readySodium();
  const { kdf, nonce, ciphertext } = file.privateKeys;
  const salt = fromB64(kdf.salt);
  const nonceBytes = fromB64(nonce);
  if (salt.length !== s.crypto_pwhash_SALTBYTES || nonceBytes.length !== s.crypto_secretbox_NONCEBYTES) {
    throw new KeyStoreError('CORRUPT_KEY_FILE', `Key file ${filePath} has a salt or nonce of the wrong length`);
  }
  const key = await deriveKey(passphrase, salt, kdf);
  let seeds: Uint8Array;
  try {
    seeds = s.crypto_secretbox_open_easy(fromB64(ciphertext), nonceBytes, key);
  } catch {
    throw new KeyStoreError(
      'WRONG_PASSPHRASE',
      `Cannot decrypt ${filePath}: wrong key passphrase (or the file was altered)`,
    );
  } finally {
    s.memzero(key);
  }
  try {
    if (seeds.length !== SEED_BYTES * 2) {
      throw new KeyStoreError(
        'CORRUPT_KEY_FILE',
        `Key file ${filePath} holds ${seeds.length} secret bytes, expected 64`,
      );
    }
    const pairs = await keypairsFromSeeds(seeds);
    const consistent =
      b64(pairs.signing.publicKey) === file.ed25519PublicKey &&
      b64(pairs.encryption.publicKey) === file.x25519PublicKey &&
      computeKeyId(pairs.signing.publicKey, pairs.encryption.publicKey) === file.keyId;
    if (!consistent) {
      throw new KeyStoreError(
        'CORRUPT_KEY_FILE',
        `Key file ${filePath}: private keys do not match its public keys or key id`,
      );
    }
    return pairs;
  } finally {
    s.memzero(seeds);
  }
}

/** Parses JSON and validates it against a schema, reporting the file on failure. */
export function parseKeyFile<T>(schema: z.ZodType<T>, raw: string, filePath: string): T {
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch {
    throw new KeyStoreError('CORRUPT_KEY_FILE', `Key file ${filePath} is not valid JSON`);
  }
  const result = schema.safeParse(json);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`).join('; ');
    throw new KeyStoreError('CORRUPT_KEY_FILE', `Key file ${filePath} is invalid: ${problems}`);
  }
  return result.data;
}
