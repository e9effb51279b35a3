import { createHash } from 'node:crypto';

/** Short, stable id of a generation: the public keys determine it, so peers can derive it too. */
export function computeKeyId(ed25519PublicKey: Uint8Array, x25519PublicKey: Uint8Array): string {
  return createHash('sha256')
    .update('fed-node-key-id/1')
    .update(ed25519PublicKey)
    .update(x25519PublicKey)
    .digest('hex')
    .slice(0, 16);
}
