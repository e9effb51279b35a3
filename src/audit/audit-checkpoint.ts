import type { Sodium } from '../kernel/crypto/sodium.js';
import { verifyNodeCertificate } from '../kernel/pki/node-certificate.js';
import {
  checkpointBytes,
  checkpointStatement,
  CHECKPOINT_PURPOSE,
  type CheckpointCheck,
  type CheckpointDetails,
} from './audit-chain.js';

/** The node's current signing key and the certificate that binds it. */
export interface CheckpointSigner {
  nodeId: string;
  keyId: string;
  certificateFingerprint: string;
  certificatePem: string;
  signingSecretKey: Uint8Array;
}

/** Signs "entry `seq` has hash `hash`" with the node's Ed25519 key. */
export function signCheckpoint(
  sodium: Sodium,
  signer: CheckpointSigner,
  covers: { seq: number; hash: string },
  signedAt: Date,
): CheckpointDetails {
  const details = {
    coversSeq: covers.seq,
    coversHash: covers.hash,
    signedAt: signedAt.toISOString(),
    nodeId: signer.nodeId,
    keyId: signer.keyId,
    certificateFingerprint: signer.certificateFingerprint,
    certificate: signer.certificatePem,
    signature: '',
  };
  const signature = sodium.crypto_sign_detached(
    checkpointBytes({
      purpose: CHECKPOINT_PURPOSE,
      nodeId: signer.nodeId,
      seq: covers.seq,
      hash: covers.hash,
      signedAt: details.signedAt,
    }),
    signer.signingSecretKey,
  );
  return { ...details, signature: Buffer.from(signature).toString('base64') };
}

/**
 * Checks a checkpoint as the verifier must: the certificate was issued to this node by a trusted
 * agency CA and valid when the checkpoint was signed, and its Ed25519 key made the signature. Old
 * checkpoints keep verifying after a key rotation because each carries the certificate it was made under.
 */
export function checkpointChecker(
  sodium: Sodium,
  options: { nodeId: string; trustAnchorsPem: readonly string[] },
): CheckpointCheck {
  return (details) => {
    if (details.nodeId !== options.nodeId) return `it was signed for node "${details.nodeId}", not "${options.nodeId}"`;
    const signedAt = new Date(details.signedAt);
    if (Number.isNaN(signedAt.getTime())) return `signedAt "${details.signedAt}" is not a time`;
    let publicKey: Uint8Array;
    try {
      const certificate = verifyNodeCertificate(details.certificate, {
        trustAnchorsPem: options.trustAnchorsPem,
        at: signedAt,
        expectedNodeId: options.nodeId,
      });
      publicKey = certificate.ed25519PublicKey;
    } catch (error) {
      return `its certificate is not a trusted certificate of ${options.nodeId}: ${error instanceof Error ? error.message : String(error)}`;
    }
    const signature = Buffer.from(details.signature, 'base64');
    if (signature.length !== sodium.crypto_sign_BYTES) return 'its signature is not an Ed25519 signature';
    const valid = sodium.crypto_sign_verify_detached(
      signature,
      checkpointBytes(checkpointStatement(details)),
      publicKey,
    );
    return valid ? null : 'its signature does not verify with the node key of its certificate';
  };
}
