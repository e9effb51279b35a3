import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { pkiPaths, rotateNodeIdentity } from './dev-federation.js';
import { IdentityException, IdentityExceptionCode } from './identity.exception.js';
import { resolveKeyPassphrase } from './key-passphrase.js';
import { loadTrustAnchors, type NodeIdentity } from './node-identity.loader.js';
import { isWithinGrace } from './node-key-store.js';

export const NODE_IDENTITY = Symbol('NODE_IDENTITY');

/** This node's keys and certificate, loaded at start-up and replaced on rotation. */
@Injectable()
export class NodeIdentityService {
  constructor(
    @Inject(NODE_IDENTITY) private identity: NodeIdentity,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly audit: AuditService,
  ) {}

  private readonly trustListeners: ((identity: NodeIdentity) => void)[] = [];

  current(): NodeIdentity {
    return this.identity;
  }

  /** Called when the trust anchors change (the peer endpoint renews its TLS context). */
  onTrustChange(listener: (identity: NodeIdentity) => void): void {
    this.trustListeners.push(listener);
  }

  /**
   * Re-reads the configured trust anchors, so that anchors added while the node runs (e.g. by
   * `npm run pki -- dev-federation`) count without a restart. True when they changed.
   */
  async reloadTrustAnchors(): Promise<boolean> {
    const ownCa = pkiPaths(this.config.pkiDir).nodeCaCert(this.identity.nodeId);
    let anchors: string[];
    try {
      anchors = await loadTrustAnchors(this.config, ownCa, this.logger);
    } catch {
      return false; // an unreadable anchor in production: keep the anchors the node started with
    }
    const before = new Set(this.identity.trustAnchorsPem);
    if (anchors.length === before.size && anchors.every((pem) => before.has(pem))) return false;
    this.identity = { ...this.identity, trustAnchorsPem: anchors };
    this.logger.info({ event: 'identity.trust_anchors_reloaded', count: anchors.length }, 'trust anchors reloaded');
    for (const listener of this.trustListeners) listener(this.identity);
    return true;
  }

  /** The X25519 keys that may open a packet now: the current one, then previous ones still in their grace period. */
  encryptionKeys(): { publicKey: Uint8Array; secretKey: Uint8Array }[] {
    const now = this.clock.now();
    const { current, previous } = this.identity.keys;
    return [current, ...previous.filter((generation) => isWithinGrace(generation, now))].map((generation) => ({
      publicKey: generation.encryption.publicKey,
      secretKey: generation.encryption.privateKey,
    }));
  }

  sender(): { nodeId: string; signingSecretKey: Uint8Array; signingPublicKey: Uint8Array; certificatePem: string } {
    const { signing } = this.identity.keys.current;
    return {
      nodeId: this.identity.nodeId,
      signingSecretKey: signing.privateKey,
      signingPublicKey: signing.publicKey,
      certificatePem: this.identity.certificatePem,
    };
  }

  /**
   * New keys and a certificate for them, issued by the agency CA held under the PKI folder. The
   * previous keys keep opening packets until the grace deadline.
   */
  async rotate(by: string): Promise<NodeIdentity> {
    const { passphrase } = await resolveKeyPassphrase({
      mode: this.config.mode,
      nodeId: this.config.id,
      dataDir: this.config.pkiDir,
      passphraseFile: this.config.keys.passphraseFile,
    });
    let rotated;
    try {
      rotated = await rotateNodeIdentity({
        dataDir: this.config.pkiDir,
        nodeId: this.identity.nodeId,
        agencyId: this.identity.agencyId,
        mode: this.config.mode,
        passphrase,
        graceSeconds: this.config.identity.rotationGraceSeconds,
      });
    } catch (error) {
      throw new IdentityException(
        `Keys were not rotated: ${error instanceof Error ? error.message : String(error)}`,
        IdentityExceptionCode.ROTATION_UNAVAILABLE,
      );
    }
    const files = pkiPaths(this.config.pkiDir);
    const [certificatePem, tlsKeyPem] = await Promise.all([
      readFile(files.nodeCert(this.identity.nodeId), 'utf8'),
      readFile(files.nodeKey(this.identity.nodeId), 'utf8'),
    ]);
    this.identity = {
      ...this.identity,
      keys: rotated.keys,
      certificate: rotated.certificate,
      certificatePem,
      tlsKeyPem,
    };
    // The keys are files, not rows: the event follows the rotation (a crash in between loses the record, never the keys).
    await this.audit.record({
      type: AuditEventType.KEYS_ROTATED,
      actor: by,
      subjectType: 'NODE_KEYS',
      subjectId: rotated.keys.current.keyId,
      details: {
        retiredKeyId: rotated.retiredKeyId,
        keyId: rotated.keys.current.keyId,
        certificateFingerprint: rotated.certificate.fingerprintSha256,
      },
    });
    this.logger.info(
      { event: 'identity.keys_rotated', by, retiredKeyId: rotated.retiredKeyId, keyId: rotated.keys.current.keyId },
      `node keys rotated by ${by}`,
    );
    return this.identity;
  }
}
