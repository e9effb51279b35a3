import { randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NodeConfig } from '../config/node-config.schema.js';

/**
 * The key that signs officers' tokens. Replicas of one node must share it, so it lives in a file
 * (auth.tokenSecretFile); a development node creates one under its data folder.
 */
export function loadTokenSecret(config: NodeConfig): Uint8Array {
  const file = config.auth.tokenSecretFile
    ? path.resolve(config.auth.tokenSecretFile)
    : path.join(config.dataDir, 'secrets', 'token-secret');
  if (!existsSync(file)) {
    if (config.mode === 'production' || config.auth.tokenSecretFile) {
      throw new Error(
        `token secret file ${file} is missing (auth.tokenSecretFile); create it with at least 32 random bytes`,
      );
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, randomBytes(32).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const secret = Buffer.from(readFileSync(file, 'utf8').trim(), 'utf8');
  if (secret.length < 32) throw new Error(`token secret in ${file} is shorter than 32 bytes`);
  return secret;
}
