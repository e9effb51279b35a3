import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { Sodium } from '../kernel/crypto/sodium.js';
import { isValidScalar, randomScalar } from './oprf.js';

/**
 * The node's OPRF key (a ristretto255 scalar). Replicas must share it and it must survive restarts,
 * or partners' outputs stop matching the published set, so it lives in a file like the token secret:
 * `hitCheck.keyFile`, default `<dataDir>/secrets/hit-check-key`; a development node creates one.
 */
export function loadHitCheckKey(config: NodeConfig, sodium: Sodium): Uint8Array {
  const configured = config.hitCheck.keyFile;
  const file = configured ? path.resolve(configured) : path.join(config.dataDir, 'secrets', 'hit-check-key');
  if (!existsSync(file)) {
    if (config.mode === 'production' || configured) {
      throw new Error(
        `hit-check key file ${file} is missing (hitCheck.keyFile); create it with a base64url ristretto255 scalar`,
      );
    }
    mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, Buffer.from(randomScalar(sodium)).toString('base64url') + '\n', { mode: 0o600, flag: 'wx' });
  }
  const key = new Uint8Array(Buffer.from(readFileSync(file, 'utf8').trim(), 'base64url'));
  if (!isValidScalar(sodium, key))
    throw new Error(`hit-check key in ${file} is not a canonical non-zero ristretto255 scalar (32 bytes, base64url)`);
  return key;
}
