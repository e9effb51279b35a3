import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER } from '../config/config.module.js';
import { PacketIntakeService } from '../envelope/packet-intake.service.js';
import { isPacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { decodePacket, type SealedPacket } from '../envelope/packet-wire.js';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { JsonText } from '../transport/json-text.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { signReceipt, type DeliveryReceipt, type SignedReceipt } from './delivery-receipt.js';
import { IssuedReceipt } from './entities/issued-receipt.entity.js';
import { PacketHandlers } from './packet-handlers.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export interface InboxAnswer {
  /** 200 accepted (also for a redelivery), 422 refused for good, 400 not a packet at all. */
  status: 200 | 400 | 422;
  /** A signed receipt in its canonical form (docs/PROTOCOL.md §12), or an unsigned error body. */
  body: JsonText | { error: { code: string; message: string } };
}

/**
 * Receives sealed packets from peers. The same packet delivered twice is stored once and answered with
 * the same signed receipt; a refused packet gets a signed REJECTED receipt with its reason code.
 * "The same packet" is byte for byte the accepted one: a copy is verified before it is taken for a
 * redelivery, so a tampered copy under the old signature is refused as BAD_SIGNATURE (PROTOCOL.md §9).
 */
@Injectable()
export class FederationInboxService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly intake: PacketIntakeService,
    private readonly handlers: PacketHandlers,
    private readonly identity: NodeIdentityService,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  /** `raw` is the request body: its bytes, or (tests, older callers) the parsed JSON. */
  async receive(raw: unknown, deliveredBy: string): Promise<InboxAnswer> {
    let wire: SealedPacket;
    try {
      const decoded = decodePacket(raw);
      decoded.release();
      wire = decoded.packet;
    } catch (error) {
      // Not a packet we can name (§8 step 1): no receipt, since there is no packet id to sign for.
      const reason = isPacketRejection(error) ? error.reason : PacketRejectionReason.MALFORMED;
      const message = isPacketRejection(error) ? error.detail : 'not a sealed packet';
      this.metrics.packetRejections.inc({ reason });
      return { status: 400, body: { error: { code: reason, message } } };
    }
    const { header, signature } = wire;
    const base = {
      version: 1 as const,
      packetId: header.packetId,
      receiver: this.identity.current().nodeId,
      deliveredBy,
      contentHash: header.contentHash,
    };
    try {
      const earlier = await this.tx.manager.getRepository(IssuedReceipt).findOneBy({ packetId: header.packetId });
      if (earlier) {
        // Verified first: the signature covers every member of the packet (§6), so a copy whose signature
        // verifies and equals the accepted packet's is that packet, byte for byte in canonical form.
        await this.intake.verifyCopy(raw);
        if (earlier.packetSignature === signature) return this.redelivered(earlier, deliveredBy);
      }
      const handle = this.handlers.handlerFor(header.type);
      if (!handle) {
        this.metrics.packetRejections.inc({ reason: 'INVALID_PAYLOAD' });
        return await this.rejected(
          base,
          'INVALID_PAYLOAD',
          `this endpoint takes ${this.handlers.types().join(', ')} packets, not "${header.type}"`,
        );
      }
      const { result } = await this.intake.receive(raw, async (packet) => {
        await handle(packet, wire, deliveredBy);
        return this.issue({ ...base, status: 'ACCEPTED', receivedAt: this.clock.now().toISOString() }, signature);
      });
      this.metrics.packetsReceived.inc({ partner: deliveredBy });
      return { status: 200, body: canonicalText(result as SignedReceipt) };
    } catch (error) {
      if (!isPacketRejection(error)) throw error;
      // A copy that raced the first delivery (a sender retrying after a timeout) lost on the packet id:
      // answer it like any redelivery, never with a refusal the sender would take as final. It was
      // verified in full before the replay check (§8 step 5 before step 6).
      if (error.reason === PacketRejectionReason.REPLAY) {
        const raced = await this.tx.manager.getRepository(IssuedReceipt).findOneBy({ packetId: header.packetId });
        if (raced && raced.packetSignature === signature) return this.redelivered(raced, deliveredBy);
      }
      return this.rejected(base, error.reason, error.detail);
    }
  }

  private redelivered(earlier: IssuedReceipt, deliveredBy: string): InboxAnswer {
    const { packetId } = earlier;
    this.logger.info({ event: 'packet.redelivered', packetId, deliveredBy }, 'packet delivered again: same receipt');
    return { status: 200, body: canonicalText(earlier.receipt) };
  }

  private async rejected(
    base: Omit<DeliveryReceipt, 'status' | 'receivedAt'>,
    reason: string,
    detail: string,
  ): Promise<InboxAnswer> {
    const receipt: DeliveryReceipt = {
      ...base,
      status: 'REJECTED',
      reason,
      detail: detail.slice(0, 2000),
      receivedAt: this.clock.now().toISOString(),
    };
    return { status: 422, body: canonicalText(await this.sign(receipt)) };
  }

  private async issue(receipt: DeliveryReceipt, packetSignature: string): Promise<SignedReceipt> {
    const signed = await this.sign(receipt);
    await this.tx.manager
      .getRepository(IssuedReceipt)
      .insert({ packetId: receipt.packetId, packetSignature, receipt: signed, createdAt: this.clock.now() });
    return signed;
  }

  private sign(receipt: DeliveryReceipt): Promise<SignedReceipt> {
    const { signing } = this.identity.current().keys.current;
    return signReceipt(receipt, signing.privateKey, this.identity.current().certificatePem);
  }
}

/** The receipt's RFC 8785 form: the same bytes on every answer, whatever order the database kept. */
function canonicalText(signed: SignedReceipt): JsonText {
  return new JsonText(canonicalJsonChecked(signed));
}
