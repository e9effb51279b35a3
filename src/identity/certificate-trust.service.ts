import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { In } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { pkiPaths } from './dev-federation.js';
import { PeerCertificate } from './entities/peer-certificate.entity.js';
import { RevokedCertificate } from './entities/revoked-certificate.entity.js';
import { CertificateRejection, type CertificateRejectionReason } from '../kernel/pki/pki-errors.js';
import { IdentityException, IdentityExceptionCode } from './identity.exception.js';
import {
  normalizeFingerprint,
  verifyNodeCertificate,
  type VerifiedNodeCertificate,
} from '../kernel/pki/node-certificate.js';
import { NodeIdentityService } from './node-identity.service.js';

function packetReasonOf(reason: CertificateRejectionReason): PacketRejectionReason {
  switch (reason) {
    case 'CERTIFICATE_EXPIRED':
      return PacketRejectionReason.CERTIFICATE_EXPIRED;
    case 'CERTIFICATE_NOT_YET_VALID':
      return PacketRejectionReason.CERTIFICATE_NOT_YET_VALID;
    case 'CERTIFICATE_REVOKED':
      return PacketRejectionReason.CERTIFICATE_REVOKED;
    default:
      return PacketRejectionReason.UNTRUSTED_CERTIFICATE;
  }
}

/**
 * Decides whether a peer certificate may vouch for a packet: chained to a trust anchor, valid at the
 * packet's time, not revoked, naming the claimed node, matching a configured pin, and not superseded
 * by a newer certificate of the same node for longer than the rotation grace period.
 */
@Injectable()
export class CertificateTrustService {
  constructor(
    private readonly identity: NodeIdentityService,
    private readonly tx: TransactionContext,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** Verifies a sender certificate carried by a packet; throws PacketRejection with a stable reason. */
  async verifySender(from: string, certificatePem: string, at: Date): Promise<{ signingPublicKey: Uint8Array }> {
    const peer = this.config.peers.find((p) => p.id === from);
    if (!peer) {
      throw new PacketRejection(
        PacketRejectionReason.UNKNOWN_SENDER,
        `"${from}" is not a configured peer of ${this.config.id}`,
        { from },
      );
    }
    const certificate = await this.verify(certificatePem, peer, at);
    await this.checkNotSuperseded(certificate);
    return { signingPublicKey: certificate.ed25519PublicKey };
  }

  /**
   * A configured peer's verified certificate, read from its file, to seal packets to it. Anchors added
   * since the start are picked up. Errors say what an officer or administrator can do, never where the
   * file is (that goes to the node's log).
   */
  async peerCertificate(peerId: string): Promise<VerifiedNodeCertificate> {
    const peer = this.config.peers.find((p) => p.id === peerId);
    if (!peer) {
      throw new IdentityException(
        `"${peerId}" is not a partner of this node (not in peers of its configuration)`,
        IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE,
      );
    }
    const file = peer.certificateFile ?? pkiPaths(this.config.pkiDir).nodeCert(peerId);
    const remedy = peer.certificateFile
      ? 'an administrator must install it (peers[].certificateFile in the node configuration)'
      : 'an administrator must install it; for the example federation: npm run pki -- dev-federation';
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch (error) {
      this.logger.warn(
        { event: 'identity.peer_certificate_missing', peerId, file, reason: (error as Error).message },
        `the certificate of peer ${peerId} cannot be read from ${file}`,
      );
      throw new IdentityException(
        `this node has no certificate for partner "${peerId}" yet, so nothing can be sealed for it and the share stays pending: ${remedy}`,
        IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE,
      );
    }
    try {
      return await this.verify(pem, peer, this.clock.now());
    } catch (first) {
      if (await this.identity.reloadTrustAnchors()) {
        try {
          return await this.verify(pem, peer, this.clock.now());
        } catch {
          // reported below with the first reason
        }
      }
      const detail = first instanceof PacketRejection ? first.detail : String(first);
      throw new IdentityException(
        `the certificate this node holds for partner "${peerId}" is not usable (${detail}), so the share stays pending: ${remedy}`,
        IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE,
      );
    }
  }

  /** Every certificate seen from these peers, newest first, with whether it is revoked now. */
  async certificatesSeen(nodeIds: string[]): Promise<(PeerCertificate & { revoked: boolean })[]> {
    const revoked = await this.revokedFingerprints();
    const rows = await this.tx.manager
      .getRepository(PeerCertificate)
      .find({ where: { nodeId: In(nodeIds) }, order: { firstSeenAt: 'DESC' } });
    return rows.map((row) => Object.assign(row, { revoked: revoked.has(row.fingerprint) }));
  }

  async revokedFingerprints(): Promise<Set<string>> {
    const revoked = this.tx.manager.getRepository(RevokedCertificate);
    return new Set((await revoked.find({ select: { fingerprint: true } })).map((row) => row.fingerprint));
  }

  private async verify(pem: string, peer: NodeConfig['peers'][number], at: Date): Promise<VerifiedNodeCertificate> {
    const nodeId = peer.id;
    let certificate: VerifiedNodeCertificate;
    try {
      certificate = verifyNodeCertificate(pem, {
        trustAnchorsPem: this.identity.current().trustAnchorsPem,
        at,
        revokedFingerprints: await this.revokedFingerprints(),
        expectedNodeId: nodeId,
        pinnedFingerprint: peer.certificateFingerprint ? normalizeFingerprint(peer.certificateFingerprint) : undefined,
      });
    } catch (error) {
      if (error instanceof CertificateRejection) {
        throw new PacketRejection(packetReasonOf(error.reason), error.message, { from: nodeId });
      }
      throw error;
    }
    // Every trusted CA vouches only for its own agency's nodes: another agency's CA naming this node is a forgery.
    const agencyId = peer.agencyId ?? peer.id;
    if (certificate.agencyId !== agencyId) {
      throw new PacketRejection(
        PacketRejectionReason.UNTRUSTED_CERTIFICATE,
        `the certificate naming "${nodeId}" was issued for agency "${certificate.agencyId}", but "${nodeId}" belongs to agency "${agencyId}" (peers[].agencyId)`,
        { from: nodeId },
      );
    }
    return certificate;
  }

  private async checkNotSuperseded(certificate: VerifiedNodeCertificate): Promise<void> {
    const now = this.clock.now();
    const seen = this.tx.manager.getRepository(PeerCertificate);
    await seen
      .createQueryBuilder()
      .insert()
      .values({
        fingerprint: certificate.fingerprintSha256,
        nodeId: certificate.nodeId,
        notBefore: certificate.notBefore,
        notAfter: certificate.notAfter,
        firstSeenAt: now,
      })
      .orIgnore()
      .execute();
    const newest = await seen.findOne({
      where: { nodeId: certificate.nodeId },
      order: { notBefore: 'DESC', firstSeenAt: 'DESC' },
    });
    if (!newest || newest.fingerprint === certificate.fingerprintSha256) return;
    // Superseded from the moment the newer certificate was first seen here.
    const supersededAt = newest.firstSeenAt;
    await seen.query(
      'UPDATE peer_certificate SET superseded_at = $2 WHERE fingerprint = $1 AND superseded_at IS NULL',
      [certificate.fingerprintSha256, supersededAt],
    );
    const graceEnds = new Date(supersededAt.getTime() + this.config.identity.rotationGraceSeconds * 1000);
    if (now > graceEnds) {
      throw new PacketRejection(
        PacketRejectionReason.CERTIFICATE_SUPERSEDED,
        `certificate ${certificate.fingerprintSha256.slice(0, 16)}… of ${certificate.nodeId} was replaced by a rotated certificate; its grace period ended ${graceEnds.toISOString()}`,
        { from: certificate.nodeId },
      );
    }
  }
}
