import { randomBytes } from 'node:crypto';
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { NodeConfig } from '../config/node-config.schema.js';
import { createFileExclusive, ensurePrivateDir, isErrno, PRIVATE_FILE_MODE } from '../common/fs/secure-file.util.js';

export const STORAGE_KEY_BYTES = 32;

/** Where the attachment storage key lives: `storage.keyFile`, else `<dataDir>/secrets/storage-key`. */
export function storageKeyFile(config: Pick<NodeConfig, 'dataDir' | 'storage'>): string {
  return config.storage.keyFile
    ? path.resolve(config.storage.keyFile)
    : path.join(config.dataDir, 'secrets', 'storage-key');
}

/** Accepts the 32 bytes raw, or as base64 / base64url text (what this node writes). */
function parseKey(content: Buffer, file: string): Uint8Array {
  if (content.length === STORAGE_KEY_BYTES) return new Uint8Array(content);
  const text = content.toString('utf8').trim();
  if (/^[A-Za-z0-9+/_-]+={0,2}$/.test(text)) {
    const decoded = Buffer.from(text.replace(/-/g, '+').replace(/_/g, '/'), 'base64');
    if (decoded.length === STORAGE_KEY_BYTES) return new Uint8Array(decoded);
  }
  throw new Error(`attachment storage key in ${file} must be ${STORAGE_KEY_BYTES} bytes, raw or base64`);
}

async function readIfExists(file: string): Promise<Buffer | undefined> {
  try {
    return await fs.readFile(file);
  } catch (error) {
    if (isErrno(error, 'ENOENT')) return undefined;
    throw error;
  }
}

/**
 * The key that encrypts evidence attachments at rest. Every replica of a node must share it, so it
 * lives in a file; a development node creates one (0600) on first use, a production node never
 * invents one: losing or replacing it would make every stored attachment unreadable.
 */
export async function loadStorageKey(config: Pick<NodeConfig, 'mode' | 'dataDir' | 'storage'>): Promise<Uint8Array> {
  const file = storageKeyFile(config);
  let content = await readIfExists(file);
  if (content === undefined) {
    if (config.mode === 'production' || config.storage.keyFile) {
      throw new Error(
        `attachment storage key file ${file} is missing (storage.keyFile); create it with ${STORAGE_KEY_BYTES} random bytes, ` +
          `e.g. head -c ${STORAGE_KEY_BYTES} /dev/urandom | base64 > ${file} && chmod 600 ${file}`,
      );
    }
    await ensurePrivateDir(path.dirname(file));
    // Exclusive create: two processes starting at once must end up with the same key.
    await createFileExclusive(file, `${randomBytes(STORAGE_KEY_BYTES).toString('base64')}\n`, PRIVATE_FILE_MODE);
    content = await fs.readFile(file);
  }
  return parseKey(content, file);
}
