import { readFile } from 'node:fs/promises';
import { Inject, Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { type EntityManager, Repository } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PacketRejection, PacketRejectionReason } from '../envelope/packet-rejection.js';
import { pkiPaths } from './dev-federation.js';
import { PeerCertificate } from './entities/peer-certificate.entity.js';
import { RevokedCertificate } from './entities/revoked-certificate.entity.js';
import { CertificateRejection, type CertificateRejectionReason } from './identity.errors.js';
import { IdentityException, IdentityExceptionCode } from './identity.exception.js';
import { normalizeFingerprint, verifyNodeCertificate, type VerifiedNodeCertificate } from './node-certificate.js';
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
    @InjectRepository(RevokedCertificate) private readonly revoked: Repository<RevokedCertificate>,
    @InjectRepository(PeerCertificate) private readonly seen: Repository<PeerCertificate>,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Verifies a sender certificate carried by a packet; throws PacketRejection with a stable reason. */
  async verifySender(from: string, certificatePem: string, at: Date): Promise<{ signingPublicKey: Uint8Array }> {
    const peer = this.config.peers.find((p) => p.id === from);
    if (!peer) {
      throw new PacketRejection(PacketRejectionReason.UNKNOWN_SENDER, `"${from}" is not a configured peer of ${this.config.id}`, { from });
    }
    const certificate = await this.verify(certificatePem, peer, at);
    await this.checkNotSuperseded(certificate);
    return { signingPublicKey: certificate.ed25519PublicKey };
  }

  /** A configured peer's verified certificate, read from its file, to seal packets to it. */
  /** `manager`: inside the caller's transaction, read on its connection (a second one can deadlock the pool). */
  async peerCertificate(peerId: string, manager?: EntityManager): Promise<VerifiedNodeCertificate> {
    const peer = this.config.peers.find((p) => p.id === peerId);
    if (!peer) {
      throw new IdentityException(`"${peerId}" is not a configured peer`, IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE);
    }
    const file = peer.certificateFile ?? pkiPaths(this.config.pkiDir).nodeCert(peerId);
    let pem: string;
    try {
      pem = await readFile(file, 'utf8');
    } catch {
      throw new IdentityException(`the certificate of peer "${peerId}" (${file}) cannot be read`, IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE);
    }
    try {
      return await this.verify(pem, peer, this.clock.now(), manager);
    } catch (error) {
      const detail = error instanceof PacketRejection ? error.detail : String(error);
      throw new IdentityException(`the certificate of peer "${peerId}" is not usable: ${detail}`, IdentityExceptionCode.PEER_CERTIFICATE_UNAVAILABLE);
    }
  }

  async revokedFingerprints(manager?: EntityManager): Promise<Set<string>> {
    const revoked = manager ? manager.getRepository(RevokedCertificate) : this.revoked;
    return new Set((await revoked.find({ select: { fingerprint: true } })).map((row) => row.fingerprint));
  }

  private async verify(pem: string, peer: NodeConfig['peers'][number], at: Date, manager?: EntityManager): Promise<VerifiedNodeCertificate> {
    const nodeId = peer.id;
    let certificate: VerifiedNodeCertificate;
    try {
      certificate = verifyNodeCertificate(pem, {
        trustAnchorsPem: this.identity.current().trustAnchorsPem,
        at,
        revokedFingerprints: await this.revokedFingerprints(manager),
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
    await this.seen
      .createQueryBuilder()
      .insert()
      .values({ fingerprint: certificate.fingerprintSha256, nodeId: certificate.nodeId, notBefore: certificate.notBefore, notAfter: certificate.notAfter, firstSeenAt: now })
      .orIgnore()
      .execute();
    const newest = await this.seen.findOne({ where: { nodeId: certificate.nodeId }, order: { notBefore: 'DESC', firstSeenAt: 'DESC' } });
    if (!newest || newest.fingerprint === certificate.fingerprintSha256) return;
    // Superseded from the moment the newer certificate was first seen here.
    const supersededAt = newest.firstSeenAt;
    await this.seen.query('UPDATE peer_certificate SET superseded_at = $2 WHERE fingerprint = $1 AND superseded_at IS NULL', [
      certificate.fingerprintSha256,
      supersededAt,
    ]);
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
