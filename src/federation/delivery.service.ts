import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { serializePacket, type SealedPacket } from '../envelope/packet-wire.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { JobQueueService } from '../transport/job-queue.service.js';
import { PeerUnreachable } from '../transport/peer-client.js';
import type { SignedReceipt } from './delivery-receipt.js';
import { DeliveryOutcomes } from './delivery-outcomes.js';
import { Delivery, type DeliveryStatus } from './entities/delivery.entity.js';
import { OutboundPacket } from './entities/outbound-packet.entity.js';
import { AttemptFailed, PartnerPacketClient } from './partner-packet.client.js';

export const DELIVERY_QUEUE = 'packet-delivery';

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many packets spread out. */
export function retryDelaySeconds(
  attempt: number,
  baseSeconds: number,
  maxSeconds: number,
  random = Math.random,
): number {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/** A packet to deliver, sealed by the module that owns what it carries. */
export interface PacketToDeliver {
  packetId: string;
  partnerId: string;
  type: string;
  packet: SealedPacket;
  shareRequestId?: string | null;
}

/** What an attempt claimed: the lease token proves at settle time that no other replica took over. */
interface Claim {
  packetId: string;
  partnerId: string;
  token: string;
  attempts: number;
  /** The packet's canonical wire text, sent byte for byte. */
  wire: string;
  contentHash: string;
}

type AttemptResult = { receipt: SignedReceipt } | { error: string };

/**
 * Durable delivery of sealed packets: an `outbound_packet` and `delivery` row per packet and a
 * pg-boss job per attempt, written in the caller's transaction. An attempt has three steps, so no
 * transaction (and no row or audit-chain lock) is held while a partner answers: claim a lease on the
 * delivery (one replica at a time), POST outside any transaction, settle under the lease. A replica
 * that dies mid-POST leaves a lease that expires; the next attempt sends the same packet again and
 * the partner answers a redelivery with the receipt it already issued.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueueService,
    private readonly partners: PartnerPacketClient,
    private readonly outcomes: DeliveryOutcomes,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.queue(DELIVERY_QUEUE, {
      retryLimit: 5,
      retryDelay: 5,
      retryBackoff: true,
      expireInSeconds: this.leaseSeconds(),
    });
    this.jobs.work<{ packetId: string }>(DELIVERY_QUEUE, { batchSize: 4, pollingIntervalMs: 500 }, async (jobs) => {
      for (const job of jobs) await this.attempt(job.data.packetId);
    });
    await this.resumeAfterCrash();
  }

  /**
   * Jobs a killed process had fetched stay "active" in pg-boss until they expire; re-driving every due
   * delivery at start-up resumes them at once. Harmless when another replica is on it: its lease holds.
   */
  private async resumeAfterCrash(): Promise<void> {
    const due = (await this.tx.manager.query(
      `SELECT packet_id FROM delivery WHERE status = 'QUEUED' AND next_attempt_at <= now()`,
    )) as { packet_id: string }[];
    if (due.length === 0) return;
    await this.tx.run(async () => {
      for (const { packet_id } of due) await this.jobs.send(DELIVERY_QUEUE, { packetId: packet_id });
    });
    this.logger.info(
      { event: 'delivery.resumed', count: due.length },
      `${due.length} due deliveries re-queued at start-up`,
    );
  }

  /** Stores a sealed packet and queues its delivery, in the caller's transaction if there is one. */
  async enqueue(item: PacketToDeliver): Promise<void> {
    const now = this.clock.now();
    await this.tx.run(async () => {
      await this.tx.manager.getRepository(OutboundPacket).insert({
        packetId: item.packetId,
        partnerId: item.partnerId,
        shareRequestId: item.shareRequestId ?? null,
        type: item.type,
        wire: serializePacket(item.packet),
        contentHash: item.packet.header.contentHash,
      });
      await this.tx.manager.getRepository(Delivery).insert({
        packetId: item.packetId,
        partnerId: item.partnerId,
        status: 'QUEUED',
        attempts: 0,
        lastError: null,
        nextAttemptAt: now,
        deadlineAt: this.deadlineFrom(now),
        deliveredAt: null,
        receipt: null,
        createdAt: now,
        updatedAt: now,
      });
      await this.jobs.send(DELIVERY_QUEUE, { packetId: item.packetId }, { startAfter: now });
    });
  }

  list(status: DeliveryStatus | undefined, first: number): Promise<Delivery[]> {
    return this.tx.manager.getRepository(Delivery).find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 500),
    });
  }

  /** Deliveries waiting per partner, with the oldest one's creation time. */
  async backlog(partnerIds: string[]): Promise<Map<string, { queued: number; oldest: Date | null }>> {
    const rows = (await this.tx.manager.query(
      `SELECT partner_id, count(*)::int AS queued, min(created_at) AS oldest
         FROM delivery WHERE status = 'QUEUED' AND partner_id = ANY($1) GROUP BY partner_id`,
      [partnerIds],
    )) as { partner_id: string; queued: number; oldest: Date | null }[];
    return new Map(rows.map((row) => [row.partner_id, { queued: row.queued, oldest: row.oldest }]));
  }

  /** Puts a dead-lettered or refused delivery back in the queue with a fresh deadline. */
  async retry(packetId: string, by: string): Promise<Delivery | null> {
    return this.tx.run(async () => {
      const deliveries = this.tx.manager.getRepository(Delivery);
      const row = await deliveries.findOne({ where: { packetId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return null;
      if (row.status === 'QUEUED' || row.status === 'DELIVERED') return row;
      const now = this.clock.now();
      Object.assign(row, { status: 'QUEUED', nextAttemptAt: now, deadlineAt: this.deadlineFrom(now), updatedAt: now });
      await deliveries.save(row);
      await this.outcomes.markRequeued(packetId);
      await this.jobs.send(DELIVERY_QUEUE, { packetId }, { startAfter: now });
      await this.audit.record(await this.deliveryEvent(AuditEventType.DELIVERY_RETRIED, row, by, {}));
      this.logger.info({ event: 'delivery.retried', packetId, by }, `delivery of ${packetId} retried by ${by}`);
      return row;
    });
  }

  /** One delivery attempt; a no-op if another replica holds its lease or it is no longer queued. */
  async attempt(packetId: string): Promise<void> {
    this.tx.assertOutside('a delivery attempt');
    const claim = await this.claim(packetId);
    if (!claim) return;
    let result: AttemptResult;
    try {
      result = { receipt: await this.partners.post(claim.partnerId, claim.wire, packetId, claim.contentHash) };
    } catch (error) {
      if (!(error instanceof PeerUnreachable || error instanceof AttemptFailed)) throw error;
      result = { error: error.message };
    }
    const outcome = await this.settle(claim, result);
    // Counted once committed: an attempt whose settlement was lost is tried again and counted then.
    if (outcome) this.metrics.packetsSent.inc({ partner: claim.partnerId, outcome });
  }

  /** Takes the delivery's lease and counts the attempt; the first attempt marks the packet sent. */
  private claim(packetId: string): Promise<Claim | null> {
    return this.tx.run(async () => {
      const token = randomUUID();
      // A CTE so that TypeORM returns the rows (a bare UPDATE … RETURNING comes back as [rows, count]).
      const [row] = (await this.tx.manager.query(
        `WITH claimed AS (
           UPDATE delivery SET attempts = attempts + 1, claim_token = $2,
                  claimed_until = now() + make_interval(secs => $3), updated_at = now()
            WHERE packet_id = $1 AND status = 'QUEUED' AND (claimed_until IS NULL OR claimed_until < now())
            RETURNING partner_id, attempts)
         SELECT partner_id, attempts FROM claimed`,
        [packetId, token, this.leaseSeconds()],
      )) as { partner_id: string; attempts: number }[];
      if (!row) return null;
      const { wire, contentHash } = await this.tx.manager.getRepository(OutboundPacket).findOneByOrFail({ packetId });
      const delivery = { packetId, partnerId: row.partner_id };
      if (await this.outcomes.markSent(packetId, this.clock.now()))
        await this.audit.record(
          await this.deliveryEvent(AuditEventType.SHARE_SENT, delivery, null, { attempt: row.attempts }),
        );
      return { packetId, partnerId: row.partner_id, token, attempts: row.attempts, wire, contentHash };
    });
  }

  /** Records the attempt's result, unless the lease expired and another attempt took over meanwhile. */
  private settle(claim: Claim, result: AttemptResult): Promise<'accepted' | 'rejected' | null> {
    return this.tx.run(async () => {
      const deliveries = this.tx.manager.getRepository(Delivery);
      const delivery = await deliveries.findOne({
        where: { packetId: claim.packetId },
        lock: { mode: 'pessimistic_write' },
      });
      if (!delivery || delivery.claimToken !== claim.token || delivery.status !== 'QUEUED') {
        this.logger.warn(
          { event: 'delivery.lease_lost', packetId: claim.packetId },
          'a delivery attempt outlived its lease; its result is dropped',
        );
        return null;
      }
      Object.assign(delivery, { claimToken: null, claimedUntil: null });
      if ('receipt' in result) {
        await this.audit.record(await this.received(delivery, result.receipt));
        return result.receipt.receipt.status === 'ACCEPTED' ? 'accepted' : 'rejected';
      }
      const event = await this.failedAttempt(delivery, result.error);
      if (event) await this.audit.record(event);
      return null;
    });
  }

  private async received(delivery: Delivery, signed: SignedReceipt) {
    const now = this.clock.now();
    const accepted = signed.receipt.status === 'ACCEPTED';
    Object.assign(delivery, {
      status: accepted ? 'DELIVERED' : 'REJECTED',
      receipt: signed,
      deliveredAt: accepted ? now : null,
      lastError: accepted ? null : `${signed.receipt.reason}: ${signed.receipt.detail ?? ''}`,
      nextAttemptAt: null,
      updatedAt: now,
    });
    await this.tx.manager.getRepository(Delivery).save(delivery);
    if (accepted) await this.outcomes.markDelivered(delivery.packetId, now);
    else await this.outcomes.markFailed(delivery.packetId, `refused by ${delivery.partnerId}: ${delivery.lastError}`);
    this.logger.info(
      {
        event: accepted ? 'delivery.delivered' : 'delivery.refused',
        packetId: delivery.packetId,
        partnerId: delivery.partnerId,
        attempts: delivery.attempts,
      },
      accepted
        ? `packet ${delivery.packetId} delivered to ${delivery.partnerId}`
        : `packet ${delivery.packetId} refused by ${delivery.partnerId}: ${delivery.lastError}`,
    );
    const receipt = {
      receiptStatus: signed.receipt.status,
      receiptReason: signed.receipt.reason,
      attempts: delivery.attempts,
    };
    return accepted
      ? this.deliveryEvent(AuditEventType.SHARE_DELIVERED, delivery, delivery.partnerId, receipt)
      : this.deliveryEvent(AuditEventType.SHARE_FAILED, delivery, delivery.partnerId, {
          failure: 'REFUSED_BY_PARTNER',
          ...receipt,
        });
  }

  /** Schedules the next attempt, or dead-letters the delivery once its deadline would pass. */
  private async failedAttempt(delivery: Delivery, error: string) {
    const now = this.clock.now();
    const { retryBaseSeconds, maxRetryDelaySeconds } = this.config.federation;
    const next = new Date(
      now.getTime() + retryDelaySeconds(delivery.attempts, retryBaseSeconds, maxRetryDelaySeconds) * 1000,
    );
    const dead = next > delivery.deadlineAt;
    Object.assign(delivery, {
      status: dead ? 'DEAD' : 'QUEUED',
      lastError: error,
      nextAttemptAt: dead ? null : next,
      updatedAt: now,
    });
    await this.tx.manager.getRepository(Delivery).save(delivery);
    const where = { packetId: delivery.packetId, partnerId: delivery.partnerId, attempts: delivery.attempts };
    if (!dead) {
      await this.jobs.send(DELIVERY_QUEUE, { packetId: delivery.packetId }, { startAfter: next });
      this.logger.warn(
        { event: 'delivery.retry_scheduled', ...where, nextAttemptAt: next, error },
        `delivery attempt ${delivery.attempts} failed: ${error}`,
      );
      return null;
    }
    await this.outcomes.markFailed(
      delivery.packetId,
      `not delivered by the deadline after ${delivery.attempts} attempts: ${error}`,
    );
    this.logger.error({ event: 'delivery.dead', ...where, error }, 'delivery dead-lettered');
    return this.deliveryEvent(AuditEventType.SHARE_FAILED, delivery, null, {
      failure: 'DEAD_LETTERED',
      attempts: delivery.attempts,
      lastError: error.slice(0, 500),
    });
  }

  /** A delivery event names what the packet was sent for, the packet and the partner; never the packet's content. */
  private async deliveryEvent(
    type: AuditEventType,
    delivery: { packetId: string; partnerId: string },
    actor: string | null,
    details: Record<string, string | number | null | undefined>,
  ) {
    const subject = await this.outcomes.subjectOf(delivery.packetId);
    return {
      type,
      actor,
      subjectType: subject?.type ?? 'PACKET',
      subjectId: subject?.id ?? delivery.packetId,
      details: { packetId: delivery.packetId, partnerId: delivery.partnerId, ...details },
    };
  }

  private deadlineFrom(now: Date): Date {
    return new Date(now.getTime() + this.config.federation.deliveryDeadlineSeconds * 1000);
  }

  /** Long enough for one POST with its TLS handshake to time out. */
  private leaseSeconds(): number {
    return this.config.federation.requestTimeoutSeconds * 2 + 5;
  }
}
