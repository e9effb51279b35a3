import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { AcceptedPacketId } from './entities/accepted-packet-id.entity.js';
import { PacketRejectionRecord } from './entities/packet-rejection-record.entity.js';
import { openPacket, verifyPacketSignature, type OpenedPacket } from './packet-envelope.js';
import { isPacketRejection, PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';

/** What to do with a verified packet, inside the transaction that records its id (the current context). */
export type VerifiedPacketHandler<T> = (packet: OpenedPacket, sealed: unknown) => Promise<T>;

const UNIQUE_VIOLATION = '23505';

/**
 * Verifies and opens every inbound packet. Accepting its id and storing what it carries happen in one
 * transaction, so a crash can neither lose a packet (id kept, content lost) nor let it in twice.
 * Every refusal is logged and recorded with its reason code.
 */
@Injectable()
export class PacketIntakeService {
  constructor(
    private readonly identity: NodeIdentityService,
    private readonly trust: CertificateTrustService,
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async receive<T = void>(
    raw: unknown,
    handle?: VerifiedPacketHandler<T>,
  ): Promise<{ packet: OpenedPacket; result: T | undefined }> {
    try {
      const packet = await openPacket(raw, {
        self: { nodeId: this.identity.current().nodeId, encryptionKeys: this.identity.encryptionKeys() },
        verifySender: (from, pem, at) => this.trust.verifySender(from, pem, at),
        isReplay: (packetId) => this.tx.manager.getRepository(AcceptedPacketId).existsBy({ packetId }),
        now: this.clock.now(),
        maxClockSkewSeconds: this.config.envelope.maxClockSkewSeconds,
      });
      const result = await this.tx.run(async () => {
        await this.acceptId(packet);
        const handled = handle ? await handle(packet, raw) : undefined;
        const { packetId, from, type, policyVersion, contentHash } = packet.header;
        await this.audit.record({
          type: AuditEventType.PACKET_RECEIVED,
          actor: from,
          subjectType: 'PACKET',
          subjectId: packetId,
          details: { packetType: type, from, policyVersion, contentHash },
        });
        return handled;
      });
      this.logger.info(
        {
          event: 'packet.accepted',
          packetId: packet.header.packetId,
          from: packet.header.from,
          type: packet.header.type,
        },
        'packet accepted',
      );
      return { packet, result };
    } catch (error) {
      if (isPacketRejection(error)) await this.recordRejection(error);
      throw error;
    }
  }

  /**
   * Steps 1, 4 and 5 of docs/PROTOCOL.md §8 (structure, sender certificate, signature) for a copy of a
   * packet already accepted, before it may be answered as a redelivery. A refusal is recorded like any other.
   */
  async verifyCopy(raw: unknown): Promise<void> {
    try {
      await verifyPacketSignature(raw, (from, pem, at) => this.trust.verifySender(from, pem, at), {
        now: this.clock.now(),
      });
    } catch (error) {
      if (isPacketRejection(error)) await this.recordRejection(error);
      throw error;
    }
  }

  private async acceptId(packet: OpenedPacket): Promise<void> {
    const { packetId, from, expiresAt } = packet.header;
    const forgetAfter = new Date(new Date(expiresAt).getTime() + this.config.envelope.maxClockSkewSeconds * 1000);
    try {
      await this.tx.manager
        .getRepository(AcceptedPacketId)
        .insert({ packetId, fromNode: from, acceptedAt: this.clock.now(), forgetAfter });
    } catch (error) {
      // Two deliveries of one packet racing: the loser is a replay.
      if ((error as { driverError?: { code?: string } }).driverError?.code === UNIQUE_VIOLATION) {
        throw new PacketRejection(PacketRejectionReason.REPLAY, `packet ${packetId} was already accepted`, {
          packetId,
          from,
        });
      }
      throw error;
    }
  }

  private async recordRejection(rejection: PacketRejection): Promise<void> {
    this.metrics.packetRejections.inc({ reason: rejection.reason });
    this.logger.warn(
      {
        event: 'packet.rejected',
        reason: rejection.reason,
        packetId: rejection.packetId,
        from: rejection.from,
        detail: rejection.detail,
      },
      `packet rejected: ${rejection.reason}`,
    );
    await this.tx.run(async () => {
      await this.tx.manager.getRepository(PacketRejectionRecord).insert({
        packetId: rejection.packetId ?? null,
        fromNode: rejection.from ?? null,
        reason: rejection.reason,
        detail: rejection.detail.slice(0, 2000),
        rejectedAt: this.clock.now(),
      });
      await this.audit.record({
        type: AuditEventType.PACKET_REJECTED,
        actor: rejection.from ?? null,
        subjectType: 'PACKET',
        subjectId: rejection.packetId ?? null,
        details: { reason: rejection.reason, detail: rejection.detail.slice(0, 500) },
      });
    });
  }
}
