import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { sealPacket } from './packet-envelope.js';
import type { SealedPacket } from './packet-wire.js';

export interface PacketToSeal {
  type: string;
  to: string[];
  body: JsonValue;
  policyVersion: string;
  inReplyTo?: string;
}

/** Seals packets as this node, to peers whose certificates verify now. */
@Injectable()
export class PacketSealerService {
  constructor(
    private readonly identity: NodeIdentityService,
    private readonly trust: CertificateTrustService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  /** Checking the recipients' certificates joins the caller's transaction, if any. */
  async seal(packet: PacketToSeal): Promise<SealedPacket> {
    const recipients = await Promise.all(
      packet.to.map(async (nodeId) => ({
        nodeId,
        x25519PublicKey: (await this.trust.peerCertificate(nodeId)).x25519PublicKey,
      })),
    );
    const createdAt = this.clock.now();
    return sealPacket({
      type: packet.type,
      createdAt,
      expiresAt: new Date(createdAt.getTime() + this.config.envelope.packetLifetimeSeconds * 1000),
      inReplyTo: packet.inReplyTo,
      policyVersion: packet.policyVersion,
      body: packet.body,
      sender: this.identity.sender(),
      recipients,
    });
  }
}
