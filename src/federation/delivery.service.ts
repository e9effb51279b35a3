import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService, type AuditRecord } from '../audit/audit.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import { receiptSignatureValid, signedReceiptSchema, type SignedReceipt } from './delivery-receipt.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { Delivery, type DeliveryStatus } from './entities/delivery.entity.js';
import { JobQueueService } from './job-queue.service.js';
import { callPeer, PeerUnreachable } from './peer-client.js';

export const DELIVERY_QUEUE = 'packet-delivery';
export const PACKETS_PATH = '/federation/v1/packets';

class AttemptFailed extends Error {}

/** Exponential backoff with "equal jitter": half fixed, half random, so retries of many packets spread out. */
export function retryDelaySeconds(attempt: number, baseSeconds: number, maxSeconds: number, random = Math.random): number {
  const ceiling = Math.min(maxSeconds, baseSeconds * 2 ** Math.max(0, attempt - 1));
  return ceiling / 2 + random() * (ceiling / 2);
}

/**
 * Durable delivery of sealed packets: a `delivery` row per packet and a pg-boss job per attempt, both
 * written in the transaction that approved the share. An attempt holds the row lock, so two replicas
 * never deliver the same packet at once; the partner's signed receipt turns the share DELIVERED.
 */
@Injectable()
export class DeliveryService implements OnApplicationBootstrap {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jobs: JobQueueService,
    private readonly identity: NodeIdentityService,
    private readonly trust: CertificateTrustService,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly metrics: MetricsService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.jobs.queue(DELIVERY_QUEUE, { retryLimit: 5, retryDelay: 5, retryBackoff: true, expireInSeconds: this.config.federation.requestTimeoutSeconds * 2 + 5 });
    this.jobs.work<{ packetId: string }>(DELIVERY_QUEUE, { batchSize: 4, pollingIntervalMs: 500 }, async (jobs) => {
      for (const job of jobs) await this.attempt(job.data.packetId);
    });
    await this.resumeAfterCrash();
  }

  /**
   * Jobs a killed process had fetched stay "active" in pg-boss until they expire; re-driving every due
   * delivery at start-up resumes them at once. Harmless when another replica is on it: the attempt
   * takes the row lock with SKIP LOCKED and checks the status.
   */
  private async resumeAfterCrash(): Promise<void> {
    const due = (await this.db.query(`SELECT packet_id FROM delivery WHERE status = 'QUEUED' AND next_attempt_at <= now()`)) as { packet_id: string }[];
    if (due.length === 0) return;
    await this.db.transaction(async (manager) => {
      for (const { packet_id } of due) await this.sendJob(manager, packet_id, this.clock.now());
    });
    this.logger.info({ event: 'delivery.resumed', count: due.length }, `${due.length} due deliveries re-queued at start-up`);
  }

  /** Queues a sealed packet (already in outbound_packet) inside the caller's transaction. */
  async enqueue(manager: EntityManager, packetId: string, partnerId: string): Promise<void> {
    const now = this.clock.now();
    await manager.getRepository(Delivery).insert({
      packetId,
      partnerId,
      status: 'QUEUED',
      attempts: 0,
      lastError: null,
      nextAttemptAt: now,
      deadlineAt: new Date(now.getTime() + this.config.federation.deliveryDeadlineSeconds * 1000),
      deliveredAt: null,
      receipt: null,
      createdAt: now,
      updatedAt: now,
    });
    await this.sendJob(manager, packetId, now);
  }

  list(status: DeliveryStatus | undefined, first: number): Promise<Delivery[]> {
    return this.db.getRepository(Delivery).find({
      where: status ? { status } : {},
      order: { createdAt: 'DESC' },
      take: Math.min(Math.max(first, 1), 500),
    });
  }

  /** Puts a dead-lettered or refused delivery back in the queue with a fresh deadline. */
  async retry(packetId: string, by: string): Promise<Delivery | null> {
    return this.db.transaction(async (manager) => {
      const row = await manager.getRepository(Delivery).findOne({ where: { packetId }, lock: { mode: 'pessimistic_write' } });
      if (!row) return null;
      if (row.status === 'QUEUED' || row.status === 'DELIVERED') return row;
      const now = this.clock.now();
      Object.assign(row, {
        status: 'QUEUED',
        nextAttemptAt: now,
        deadlineAt: new Date(now.getTime() + this.config.federation.deliveryDeadlineSeconds * 1000),
        updatedAt: now,
      });
      await manager.getRepository(Delivery).save(row);
      await manager.query(`UPDATE share_request SET status = 'APPROVED', last_error = NULL WHERE packet_id = $1 AND status = 'FAILED'`, [packetId]);
      await this.sendJob(manager, packetId, now);
      await this.audit.record(await this.deliveryEvent(manager, AuditEventType.DELIVERY_RETRIED, row, by, {}), manager);
      this.logger.info({ event: 'delivery.retried', packetId, by }, `delivery of ${packetId} retried by ${by}`);
      return row;
    });
  }

  /** One delivery attempt; a no-op if another replica holds the delivery or it is no longer queued. */
  async attempt(packetId: string): Promise<void> {
    let settled: { partner: string; outcome: 'accepted' | 'rejected' } | undefined;
    await this.db.transaction(async (manager) => {
      const [row] = (await manager.query(`SELECT packet_id FROM delivery WHERE packet_id = $1 AND status = 'QUEUED' FOR UPDATE SKIP LOCKED`, [
        packetId,
      ])) as { packet_id: string }[];
      if (!row) return;
      const delivery = await manager.getRepository(Delivery).findOneByOrFail({ packetId });
      const [{ packet }] = (await manager.query('SELECT packet FROM outbound_packet WHERE packet_id = $1', [packetId])) as { packet: { header: { contentHash: string } } }[];
      delivery.attempts += 1;
      const firstSend = (await manager.query(
        `WITH sent AS (UPDATE share_request SET status = 'SENT', sent_at = now() WHERE packet_id = $1 AND status = 'APPROVED' RETURNING id) SELECT id FROM sent`,
        [packetId],
      )) as { id: string }[];
      let outcome: AuditRecord | null;
      try {
        const receipt = await this.post(delivery.partnerId, packet, packetId, packet.header.contentHash);
        outcome = await this.settle(manager, delivery, receipt);
        settled = { partner: delivery.partnerId, outcome: receipt.receipt.status === 'ACCEPTED' ? 'accepted' : 'rejected' };
      } catch (error) {
        if (!(error instanceof PeerUnreachable || error instanceof AttemptFailed)) throw error;
        outcome = await this.failedAttempt(manager, delivery, error.message);
      }
      // Appended last, after the network call, so the chain lock is never held while a peer answers.
      if (firstSend.length) await this.audit.record(await this.deliveryEvent(manager, AuditEventType.SHARE_SENT, delivery, null, { attempt: delivery.attempts }), manager);
      if (outcome) await this.audit.record(outcome, manager);
    });
    // Counted once committed: a rolled-back attempt is tried again and counted then.
    if (settled) this.metrics.packetsSent.inc(settled);
  }

  private async post(partnerId: string, packet: unknown, packetId: string, contentHash: string): Promise<SignedReceipt> {
    const peer = this.config.peers.find((p) => p.id === partnerId);
    if (!peer) throw new AttemptFailed(`"${partnerId}" is no longer a configured peer`);
    const response = await callPeer(this.identity.current(), peer, 'POST', PACKETS_PATH, packet, this.config.federation.requestTimeoutSeconds * 1000);
    if (response.status !== 200 && response.status !== 422) {
      const message = (response.body as { error?: { message?: string } } | null)?.error?.message ?? '';
      throw new AttemptFailed(`${partnerId} answered HTTP ${response.status}${message ? `: ${message}` : ''}`);
    }
    const parsed = signedReceiptSchema.safeParse(response.body);
    if (!parsed.success) throw new AttemptFailed(`${partnerId} answered without a valid receipt`);
    const signed = parsed.data as SignedReceipt;
    const { signingPublicKey } = await this.trust.verifySender(partnerId, signed.receiverCertificate, this.clock.now()).catch((error: Error) => {
      throw new AttemptFailed(`the receipt certificate of ${partnerId} is not trusted: ${error.message}`);
    });
    if (!(await receiptSignatureValid(signed, signingPublicKey))) throw new AttemptFailed(`the receipt from ${partnerId} has a bad signature`);
    const { receipt } = signed;
    if (receipt.packetId !== packetId || receipt.contentHash !== contentHash || receipt.receiver !== partnerId) {
      throw new AttemptFailed(`the receipt from ${partnerId} is for another packet`);
    }
    return signed;
  }

  private async settle(manager: EntityManager, delivery: Delivery, signed: SignedReceipt): Promise<AuditRecord> {
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
    await manager.getRepository(Delivery).save(delivery);
    if (accepted) {
      await manager.query(`UPDATE share_request SET status = 'DELIVERED', delivered_at = $2 WHERE packet_id = $1`, [delivery.packetId, now]);
    } else {
      await manager.query(`UPDATE share_request SET status = 'FAILED', last_error = $2 WHERE packet_id = $1`, [
        delivery.packetId,
        `refused by ${delivery.partnerId}: ${delivery.lastError}`,
      ]);
    }
    this.logger.info(
      { event: accepted ? 'delivery.delivered' : 'delivery.refused', packetId: delivery.packetId, partnerId: delivery.partnerId, attempts: delivery.attempts },
      accepted ? `packet ${delivery.packetId} delivered to ${delivery.partnerId}` : `packet ${delivery.packetId} refused by ${delivery.partnerId}: ${delivery.lastError}`,
    );
    const receipt = { receiptStatus: signed.receipt.status, receiptReason: signed.receipt.reason, attempts: delivery.attempts };
    return accepted
      ? this.deliveryEvent(manager, AuditEventType.SHARE_DELIVERED, delivery, delivery.partnerId, receipt)
      : this.deliveryEvent(manager, AuditEventType.SHARE_FAILED, delivery, delivery.partnerId, { failure: 'REFUSED_BY_PARTNER', ...receipt });
  }

  /** A delivery event names the share request, the packet and the partner; never the packet's content. */
  private async deliveryEvent(
    manager: EntityManager,
    type: AuditEventType,
    delivery: Delivery,
    actor: string | null,
    details: Record<string, string | number | null | undefined>,
  ): Promise<AuditRecord> {
    const [share] = (await manager.query('SELECT id FROM share_request WHERE packet_id = $1', [delivery.packetId])) as { id: string }[];
    return {
      type,
      actor,
      subjectType: share ? 'SHARE_REQUEST' : 'PACKET',
      subjectId: share?.id ?? delivery.packetId,
      details: { packetId: delivery.packetId, partnerId: delivery.partnerId, ...details },
    };
  }

  private async failedAttempt(manager: EntityManager, delivery: Delivery, error: string): Promise<AuditRecord | null> {
    const now = this.clock.now();
    const { retryBaseSeconds, maxRetryDelaySeconds } = this.config.federation;
    const next = new Date(now.getTime() + retryDelaySeconds(delivery.attempts, retryBaseSeconds, maxRetryDelaySeconds) * 1000);
    const dead = next > delivery.deadlineAt;
    Object.assign(delivery, { status: dead ? 'DEAD' : 'QUEUED', lastError: error, nextAttemptAt: dead ? null : next, updatedAt: now });
    await manager.getRepository(Delivery).save(delivery);
    if (dead) {
      await manager.query(`UPDATE share_request SET status = 'FAILED', last_error = $2 WHERE packet_id = $1`, [
        delivery.packetId,
        `not delivered by the deadline after ${delivery.attempts} attempts: ${error}`,
      ]);
      this.logger.error({ event: 'delivery.dead', packetId: delivery.packetId, partnerId: delivery.partnerId, attempts: delivery.attempts, error }, 'delivery dead-lettered');
      return this.deliveryEvent(manager, AuditEventType.SHARE_FAILED, delivery, null, { failure: 'DEAD_LETTERED', attempts: delivery.attempts, lastError: error.slice(0, 500) });
    } else {
      await this.sendJob(manager, delivery.packetId, next);
      this.logger.warn(
        { event: 'delivery.retry_scheduled', packetId: delivery.packetId, partnerId: delivery.partnerId, attempts: delivery.attempts, nextAttemptAt: next, error },
        `delivery attempt ${delivery.attempts} failed: ${error}`,
      );
      return null;
    }
  }

  private async sendJob(manager: EntityManager, packetId: string, startAfter: Date): Promise<void> {
    const boss = await this.jobs.ready();
    await boss.send(DELIVERY_QUEUE, { packetId }, { startAfter, ...JobQueueService.inTransaction(manager) });
  }
}
