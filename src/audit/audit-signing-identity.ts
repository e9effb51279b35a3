import type { CheckpointSigner } from './audit-checkpoint.js';

/**
 * What the audit trail needs from the node's identity, provided by the identity module (which
 * records its own events here, so the trail cannot import it back).
 */
export interface AuditSigningIdentity {
  /** The current signing key and certificate, read at each checkpoint (keys rotate). */
  signer(): CheckpointSigner;
  /** The trust anchors a checkpoint's certificate must chain to. */
  trustAnchorsPem(): string[];
}

export const AUDIT_SIGNING_IDENTITY = Symbol('AUDIT_SIGNING_IDENTITY');
