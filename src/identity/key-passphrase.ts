import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import { KeyStoreError } from './identity.errors.js';
import { assertIdentityId } from '../kernel/pki/node-id.js';
import {
  PRIVATE_FILE_MODE,
  createFileExclusive,
  ensurePrivateDir,
  isErrno,
  readFileIfExists,
} from '../common/fs/secure-file.util.js';

export const KEY_PASSPHRASE_ENV = 'FEDNODE_KEY_PASSPHRASE';
export const KEY_PASSPHRASE_FILE_ENV = 'FEDNODE_KEY_PASSPHRASE_FILE';

/** Production passphrases protect long-lived signing keys; refuse trivially short ones. */
export const MIN_PRODUCTION_PASSPHRASE_LENGTH = 12;

export type NodeMode = 'development' | 'production';
type Env = Record<string, string | undefined>;

export type KeyPassphraseSource = 'env' | 'env-file' | 'config-file' | 'dev-generated' | 'dev-file';

export interface ResolvedKeyPassphrase {
  passphrase: string;
  source: KeyPassphraseSource;
  /** The file it was read from or written to, when there is one. */
  file?: string;
}

export interface ResolveKeyPassphraseOptions {
  mode: NodeMode;
  nodeId: string;
  /** Root of the data directory (`data`); the dev passphrase lives in `<dataDir>/<nodeId>/secrets/`. */
  dataDir: string;
  /** A secret file named in the node configuration (`keys.passphraseFile`), used after the env vars. */
  passphraseFile?: string;
  env?: Env;
}

export function devPassphrasePath(dataDir: string, nodeId: string): string {
  return path.join(dataDir, assertIdentityId('node', nodeId), 'secrets', 'key-passphrase');
}

/** Secret files usually end with a newline added by an editor or `echo`; it is not part of the secret. */
function stripTrailingNewline(raw: string): string {
  return raw.replace(/\r?\n$/, '');
}

async function readSecretFile(file: string, origin: string): Promise<string> {
  let raw: string;
  try {
    raw = await fs.readFile(file, 'utf8');
  } catch (error) {
    const why = isErrno(error, 'ENOENT') ? 'does not exist' : 'cannot be read';
    throw new KeyStoreError('PASSPHRASE_UNREADABLE', `Key passphrase file ${file} (from ${origin}) ${why}`);
  }
  const passphrase = stripTrailingNewline(raw);
  if (passphrase.length === 0) {
    throw new KeyStoreError('PASSPHRASE_MISSING', `Key passphrase file ${file} (from ${origin}) is empty`);
  }
  return passphrase;
}

function checkStrength(resolved: ResolvedKeyPassphrase, mode: NodeMode): ResolvedKeyPassphrase {
  if (mode === 'production' && resolved.passphrase.length < MIN_PRODUCTION_PASSPHRASE_LENGTH) {
    throw new KeyStoreError(
      'PASSPHRASE_MISSING',
      `The key passphrase (from ${resolved.source}) is shorter than ${MIN_PRODUCTION_PASSPHRASE_LENGTH} characters; ` +
        'production nodes need a strong passphrase',
    );
  }
  return resolved;
}

/**
 * Finds the passphrase that encrypts the node's private keys, in this order:
 * `FEDNODE_KEY_PASSPHRASE`, the file named by `FEDNODE_KEY_PASSPHRASE_FILE`, the configured
 * `passphraseFile`. Setting both env variables is refused (which one wins would be a guess).
 * In development, when none is given, a random passphrase is generated once into
 * `<dataDir>/<nodeId>/secrets/key-passphrase` (0600) and reused; production never invents one.
 */
export async function resolveKeyPassphrase(options: ResolveKeyPassphraseOptions): Promise<ResolvedKeyPassphrase> {
  const env = options.env ?? process.env;
  const { mode, nodeId, dataDir } = options;
  assertIdentityId('node', nodeId);
  // An empty variable (`FOO=` in a compose file) counts as unset.
  const direct = env[KEY_PASSPHRASE_ENV] || undefined;
  const fileFromEnv = env[KEY_PASSPHRASE_FILE_ENV] || undefined;
  if (direct !== undefined && fileFromEnv !== undefined) {
    throw new KeyStoreError(
      'PASSPHRASE_CONFLICT',
      `Both ${KEY_PASSPHRASE_ENV} and ${KEY_PASSPHRASE_FILE_ENV} are set; set only one`,
    );
  }
  if (direct !== undefined) return checkStrength({ passphrase: direct, source: 'env' }, mode);
  if (fileFromEnv !== undefined) {
    const passphrase = await readSecretFile(fileFromEnv, KEY_PASSPHRASE_FILE_ENV);
    return checkStrength({ passphrase, source: 'env-file', file: fileFromEnv }, mode);
  }
  if (options.passphraseFile !== undefined) {
    const passphrase = await readSecretFile(options.passphraseFile, 'keys.passphraseFile in the node configuration');
    return checkStrength({ passphrase, source: 'config-file', file: options.passphraseFile }, mode);
  }
  if (mode === 'production') {
    throw new KeyStoreError(
      'PASSPHRASE_MISSING',
      `No key passphrase for node "${nodeId}" in production mode: set ${KEY_PASSPHRASE_ENV} or ` +
        `${KEY_PASSPHRASE_FILE_ENV} (path to a secret file), or keys.passphraseFile in the node configuration`,
    );
  }
  return devPassphrase(dataDir, nodeId);
}

async function devPassphrase(dataDir: string, nodeId: string): Promise<ResolvedKeyPassphrase> {
  const file = devPassphrasePath(dataDir, nodeId);
  const existing = await readFileIfExists(file);
  if (existing !== undefined) {
    return { passphrase: stripTrailingNewline(existing), source: 'dev-file', file };
  }
  await ensurePrivateDir(path.dirname(file));
  const generated = randomBytes(32).toString('base64url');
  if (await createFileExclusive(file, `${generated}\n`, PRIVATE_FILE_MODE)) {
    return { passphrase: generated, source: 'dev-generated', file };
  }
  // Another process created it between our read and write: use theirs.
  const raced = await fs.readFile(file, 'utf8');
  return { passphrase: stripTrailingNewline(raced), source: 'dev-file', file };
}
