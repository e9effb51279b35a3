import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { KeyStoreError } from './identity.errors.js';
import { assertIdentityId } from '../kernel/pki/node-id.js';
import type { NodeMode } from './key-passphrase.js';
import {
  type GenerationFile,
  KEYRING_FORMAT,
  type KdfLimits,
  type KeyringEntry,
  type KeyringFile,
  type NodeKeyGeneration,
  defaultKdfLimits,
  generateKeypairs,
  generationFileSchema,
  keyringFileSchema,
  openGeneration,
  parseKeyFile,
  sealGeneration,
} from './node-key-format.js';
import {
  PRIVATE_FILE_MODE,
  createFileExclusive,
  ensurePrivateDir,
  isGroupOrWorldAccessible,
  pathExists,
  readFileIfExists,
  writeFileAtomic,
} from '../common/fs/secure-file.util.js';

export type { KdfLimits, Keypair, NodeKeyGeneration } from './node-key-format.js';

/** Default time peers keep accepting a retired key (and we keep opening packets sealed to it). */
export const DEFAULT_KEY_GRACE_SECONDS = 7 * 24 * 3600;

export interface NodeKeySet {
  nodeId: string;
  keysDir: string;
  current: NodeKeyGeneration;
  /** Retired generations still inside their grace period when loaded, newest first. */
  previous: NodeKeyGeneration[];
}

export interface LoadOrCreateNodeKeysOptions {
  nodeId: string;
  /** `data/<node-id>/keys`. */
  keysDir: string;
  passphrase: string;
  mode: NodeMode;
  /** argon2id limits for newly written files (default INTERACTIVE); tests pass the minimum. */
  kdf?: KdfLimits;
  now?: Date;
}

export interface RotateNodeKeysOptions {
  nodeId: string;
  keysDir: string;
  passphrase: string;
  /** How long the retired generation stays usable; default 7 days. */
  graceSeconds?: number;
  kdf?: KdfLimits;
  now?: Date;
}

export interface RotatedNodeKeys extends NodeKeySet {
  /** The generation that was current before the rotation (also first in `previous`). */
  retired: NodeKeyGeneration;
  /** Generations whose grace had ended: dropped from the keyring and their files deleted. */
  prunedKeyIds: string[];
}

export function keyringPath(keysDir: string): string {
  return path.resolve(keysDir, 'keyring.json');
}

export function generationPath(keysDir: string, keyId: string): string {
  return path.resolve(keysDir, 'generations', `${keyId}.json`);
}

/** True while a generation may still be used: always for the current one, until graceUntil otherwise. */
export function isWithinGrace(generation: NodeKeyGeneration, at: Date): boolean {
  return generation.graceUntil === undefined || at.getTime() < generation.graceUntil.getTime();
}

/**
 * Loads the node's keys; in development creates them on first start. Production refuses to start
 * without them and names exactly the files it looked for.
 */
export async function loadOrCreateNodeKeys(
  options: LoadOrCreateNodeKeysOptions,
): Promise<NodeKeySet & { created: boolean }> {
  const { nodeId, keysDir, passphrase, mode } = options;
  assertIdentityId('node', nodeId);
  const now = options.now ?? new Date();
  const raw = await readFileIfExists(keyringPath(keysDir));
  if (raw === undefined) {
    if (mode === 'production') {
      throw new KeyStoreError(
        'KEYS_MISSING',
        `Node keys for "${nodeId}" are missing and production mode never generates them. ` +
          `Missing: ${keyringPath(keysDir)} (and the key generation files it names under ` +
          `${path.resolve(keysDir, 'generations')}/). Generate them once in development mode ` +
          `(npm run pki -- issue --node ${nodeId}) and install the keys directory with the same passphrase.`,
        [keyringPath(keysDir)],
      );
    }
    const created = await createInitialKeys(options, now);
    if (created !== undefined) return { ...created, created: true };
    // Lost a race with another process creating them: fall through and load theirs.
  }
  return { ...(await loadExisting(nodeId, keysDir, passphrase, mode, now)), created: false };
}

async function createInitialKeys(options: LoadOrCreateNodeKeysOptions, now: Date): Promise<NodeKeySet | undefined> {
  const { nodeId, keysDir, passphrase } = options;
  const generation = await writeNewGeneration(nodeId, keysDir, passphrase, options.kdf, now);
  const keyring: KeyringFile = {
    format: KEYRING_FORMAT,
    nodeId,
    current: { keyId: generation.keyId, createdAt: now.toISOString() },
    previous: [],
  };
  if (!(await createFileExclusive(keyringPath(keysDir), json(keyring), PRIVATE_FILE_MODE))) {
    await fs.rm(generationPath(keysDir, generation.keyId), { force: true });
    return undefined;
  }
  return { nodeId, keysDir, current: generation, previous: [] };
}

async function writeNewGeneration(
  nodeId: string,
  keysDir: string,
  passphrase: string,
  kdf: KdfLimits | undefined,
  now: Date,
): Promise<NodeKeyGeneration> {
  await ensurePrivateDir(keysDir);
  await ensurePrivateDir(path.join(keysDir, 'generations'));
  const { signing, encryption, seeds } = await generateKeypairs();
  try {
    const file = await sealGeneration({
      nodeId,
      createdAt: now,
      seeds,
      signing,
      encryption,
      passphrase,
      kdf: kdf ?? (await defaultKdfLimits()),
    });
    // Ids derive from fresh random keys, so an existing file with this name would be a bug.
    if (!(await createFileExclusive(generationPath(keysDir, file.keyId), json(file), PRIVATE_FILE_MODE))) {
      throw new KeyStoreError('CORRUPT_KEY_FILE', `Key generation ${file.keyId} already exists in ${keysDir}`);
    }
    return { keyId: file.keyId, createdAt: now, signing, encryption };
  } finally {
    seeds.fill(0);
  }
}

async function readKeyring(nodeId: string, keysDir: string, mode: NodeMode): Promise<KeyringFile> {
  const file = keyringPath(keysDir);
  const raw = await readFileIfExists(file);
  if (raw === undefined) {
    throw new KeyStoreError('KEYS_MISSING', `Node keys for "${nodeId}" are missing. Missing: ${file}`, [file]);
  }
  await checkPermissions(file, mode);
  const keyring = parseKeyFile(keyringFileSchema, raw, file);
  if (keyring.nodeId !== nodeId) {
    throw new KeyStoreError(
      'NODE_ID_MISMATCH',
      `Keys in ${keysDir} belong to node "${keyring.nodeId}", not "${nodeId}"`,
    );
  }
  return keyring;
}

async function loadExisting(
  nodeId: string,
  keysDir: string,
  passphrase: string,
  mode: NodeMode,
  now: Date,
): Promise<NodeKeySet> {
  const keyring = await readKeyring(nodeId, keysDir, mode);
  const inGrace = keyring.previous.filter((entry) => entryInGrace(entry, now));
  const wanted = [keyring.current, ...inGrace];
  const missing: string[] = [];
  for (const entry of wanted) {
    const file = generationPath(keysDir, entry.keyId);
    if (!(await pathExists(file))) missing.push(file);
  }
  if (missing.length > 0) {
    throw new KeyStoreError(
      'KEYS_MISSING',
      `Node keys for "${nodeId}" are incomplete: ${keyringPath(keysDir)} names key generations whose files are missing. ` +
        `Missing: ${missing.join(', ')}`,
      missing,
    );
  }
  const current = await openEntry(nodeId, keysDir, keyring.current, passphrase, mode);
  const previous: NodeKeyGeneration[] = [];
  for (const entry of inGrace) previous.push(await openEntry(nodeId, keysDir, entry, passphrase, mode));
  return { nodeId, keysDir, current, previous };
}

function entryInGrace(entry: KeyringEntry, at: Date): boolean {
  return entry.graceUntil === undefined || at.getTime() < Date.parse(entry.graceUntil);
}

async function openEntry(
  nodeId: string,
  keysDir: string,
  entry: KeyringEntry,
  passphrase: string,
  mode: NodeMode,
): Promise<NodeKeyGeneration> {
  const file = generationPath(keysDir, entry.keyId);
  await checkPermissions(file, mode);
  const generation: GenerationFile = parseKeyFile(generationFileSchema, await fs.readFile(file, 'utf8'), file);
  if (generation.nodeId !== nodeId || generation.keyId !== entry.keyId) {
    throw new KeyStoreError(
      'CORRUPT_KEY_FILE',
      `Key file ${file} is for node "${generation.nodeId}" key ${generation.keyId}, expected "${nodeId}" key ${entry.keyId}`,
    );
  }
  const pairs = await openGeneration(generation, passphrase, file);
  return {
    keyId: entry.keyId,
    createdAt: new Date(generation.createdAt),
    ...(entry.retiredAt !== undefined ? { retiredAt: new Date(entry.retiredAt) } : {}),
    ...(entry.graceUntil !== undefined ? { graceUntil: new Date(entry.graceUntil) } : {}),
    ...pairs,
  };
}

/** Like ssh: production refuses key files others can read; development quietly repairs them. */
async function checkPermissions(file: string, mode: NodeMode): Promise<void> {
  if (!(await isGroupOrWorldAccessible(file))) return;
  if (mode === 'production') {
    throw new KeyStoreError(
      'INSECURE_PERMISSIONS',
      `Key file ${file} is readable by group or others; run chmod 600 on it (and 700 on its directory)`,
    );
  }
  await fs.chmod(file, PRIVATE_FILE_MODE);
}

/**
 * Retires the current generation (usable until now + grace) and makes a fresh one current.
 * Retired generations whose grace has ended are dropped and their files deleted. The keyring is
 * replaced atomically after the new generation file is durable, so a crash leaves either the old
 * keyring (plus an unused generation file) or the new one.
 */
export async function rotateNodeKeys(options: RotateNodeKeysOptions): Promise<RotatedNodeKeys> {
  const { nodeId, keysDir, passphrase } = options;
  assertIdentityId('node', nodeId);
  const now = options.now ?? new Date();
  const graceSeconds = options.graceSeconds ?? DEFAULT_KEY_GRACE_SECONDS;
  if (!Number.isFinite(graceSeconds) || graceSeconds < 0) {
    throw new RangeError(`graceSeconds must be a non-negative number, got ${graceSeconds}`);
  }
  // Loading first proves the passphrase, so the new generation is not sealed under a different one.
  const before = await loadExisting(nodeId, keysDir, passphrase, 'development', now);
  const keyring = await readKeyring(nodeId, keysDir, 'development');
  const fresh = await writeNewGeneration(nodeId, keysDir, passphrase, options.kdf, now);

  const graceUntil = new Date(now.getTime() + graceSeconds * 1000);
  const retiredEntry: KeyringEntry = {
    ...keyring.current,
    retiredAt: now.toISOString(),
    graceUntil: graceUntil.toISOString(),
  };
  const kept = keyring.previous.filter((entry) => entryInGrace(entry, now));
  const pruned = keyring.previous.filter((entry) => !entryInGrace(entry, now));
  const next: KeyringFile = {
    format: KEYRING_FORMAT,
    nodeId,
    current: { keyId: fresh.keyId, createdAt: now.toISOString() },
    previous: [retiredEntry, ...kept],
  };
  await writeFileAtomic(keyringPath(keysDir), json(next), PRIVATE_FILE_MODE);
  for (const entry of pruned) await fs.rm(generationPath(keysDir, entry.keyId), { force: true });

  const retired: NodeKeyGeneration = { ...before.current, retiredAt: now, graceUntil };
  return {
    nodeId,
    keysDir,
    current: fresh,
    previous: [retired, ...before.previous],
    retired,
    prunedKeyIds: pruned.map((entry) => entry.keyId),
  };
}

/** The current public keys and key id, readable without the passphrase (for nodeInfo, certificates). */
export async function readCurrentPublicKeys(options: { nodeId: string; keysDir: string }): Promise<{
  keyId: string;
  createdAt: Date;
  ed25519PublicKey: Uint8Array;
  x25519PublicKey: Uint8Array;
}> {
  const keyring = await readKeyring(options.nodeId, options.keysDir, 'development');
  const file = generationPath(options.keysDir, keyring.current.keyId);
  const raw = await readFileIfExists(file);
  if (raw === undefined) {
    throw new KeyStoreError('KEYS_MISSING', `Current key generation file is missing. Missing: ${file}`, [file]);
  }
  const generation = parseKeyFile(generationFileSchema, raw, file);
  return {
    keyId: generation.keyId,
    createdAt: new Date(generation.createdAt),
    ed25519PublicKey: new Uint8Array(Buffer.from(generation.ed25519PublicKey, 'base64')),
    x25519PublicKey: new Uint8Array(Buffer.from(generation.x25519PublicKey, 'base64')),
  };
}

function json(value: unknown): string {
  return `${JSON.stringify(value, null, 2)}\n`;
}
