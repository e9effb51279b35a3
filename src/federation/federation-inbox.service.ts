import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER } from '../config/config.module.js';
import { PacketIntakeService } from '../envelope/packet-intake.service.js';
import { isPacketRejection, PacketRejectionReason } from '../envelope/packet-rejection.js';
import { decodePacket } from '../envelope/packet-wire.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { InboundPacketService } from '../inbound/inbound-packet.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { signReceipt, type DeliveryReceipt, type SignedReceipt } from './delivery-receipt.js';
import { IssuedReceipt } from './entities/issued-receipt.entity.js';

export interface InboxAnswer {
  /** 200 accepted (also for a redelivery), 422 refused for good, 400 not a packet at all. */
  status: 200 | 400 | 422;
  body: SignedReceipt | { error: { code: string; message: string } };
}

/** Packet types that carry case data to store; other types are handled by their own modules. */
const STORED_TYPES = new Set(['case', 'reply']);

/**
 * Receives sealed packets from peers. The same packet delivered twice is stored once and answered with
 * the same signed receipt; a refused packet gets a signed REJECTED receipt with its reason code.
 */
@Injectable()
export class FederationInboxService {
  constructor(
    private readonly intake: PacketIntakeService,
    private readonly inbound: InboundPacketService,
    private readonly identity: NodeIdentityService,
    @InjectDataSource() private readonly db: DataSource,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async receive(raw: unknown, deliveredBy: string): Promise<InboxAnswer> {
    let header;
    let signature: string;
    try {
      const decoded = decodePacket(raw);
      decoded.release();
      ({ header, signature } = decoded.packet);
    } catch (error) {
      const message = isPacketRejection(error) ? `${error.reason}: ${error.detail}` : 'not a sealed packet';
      this.metrics.packetRejections.inc({ reason: isPacketRejection(error) ? error.reason : 'MALFORMED' });
      return { status: 400, body: { error: { code: 'MALFORMED', message } } };
    }
    const earlier = await this.earlierReceipt(header.packetId, signature, deliveredBy);
    if (earlier) return earlier;

    const base = { version: 1 as const, packetId: header.packetId, receiver: this.identity.current().nodeId, deliveredBy, contentHash: header.contentHash };
    try {
      if (!STORED_TYPES.has(header.type)) {
        this.metrics.packetRejections.inc({ reason: 'INVALID_PAYLOAD' });
        return await this.rejected(base, 'INVALID_PAYLOAD', `this endpoint takes case and reply packets, not "${header.type}"`);
      }
      const { result } = await this.intake.receive(raw, async (packet, manager, sealed) => {
        await this.inbound.store(packet, manager, sealed, deliveredBy);
        return this.issue(manager, { ...base, status: 'ACCEPTED', receivedAt: this.clock.now().toISOString() }, signature);
      });
      this.metrics.packetsReceived.inc({ partner: deliveredBy });
      return { status: 200, body: result as SignedReceipt };
    } catch (error) {
      if (!isPacketRejection(error)) throw error;
      // A copy that raced the first delivery (a sender retrying after a timeout) lost on the packet id:
      // answer it like any redelivery, never with a refusal the sender would take as final.
      if (error.reason === PacketRejectionReason.REPLAY) {
        const raced = await this.earlierReceipt(header.packetId, signature, deliveredBy);
        if (raced) return raced;
      }
      return this.rejected(base, error.reason, error.detail);
    }
  }

  /** The receipt already issued for this exact packet (same signature), if any. */
  private async earlierReceipt(packetId: string, signature: string, deliveredBy: string): Promise<InboxAnswer | undefined> {
    const earlier = await this.db.getRepository(IssuedReceipt).findOneBy({ packetId });
    if (!earlier || earlier.packetSignature !== signature) return undefined;
    this.logger.info({ event: 'packet.redelivered', packetId, deliveredBy }, 'packet delivered again: same receipt');
    return { status: 200, body: earlier.receipt };
  }

  private async rejected(base: Omit<DeliveryReceipt, 'status' | 'receivedAt'>, reason: string, detail: string): Promise<InboxAnswer> {
    const receipt: DeliveryReceipt = { ...base, status: 'REJECTED', reason, detail: detail.slice(0, 2000), receivedAt: this.clock.now().toISOString() };
    return { status: 422, body: await this.sign(receipt) };
  }

  private async issue(manager: EntityManager, receipt: DeliveryReceipt, packetSignature: string): Promise<SignedReceipt> {
    const signed = await this.sign(receipt);
    await manager.getRepository(IssuedReceipt).insert({ packetId: receipt.packetId, packetSignature, receipt: signed, createdAt: this.clock.now() });
    return signed;
  }

  private sign(receipt: DeliveryReceipt): Promise<SignedReceipt> {
    const { signing } = this.identity.current().keys.current;
    return signReceipt(receipt, signing.privateKey, this.identity.current().certificatePem);
  }
}
