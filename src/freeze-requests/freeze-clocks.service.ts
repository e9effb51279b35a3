import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { AlertKind } from '../alerts/alert-kind.js';
import { AlertService, type ExchangeAlert } from '../alerts/alert.service.js';
import { CaseService } from '../cases/case.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { parseIsoDuration } from '../common/time/iso-duration.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { FreezeTarget } from '../freeze-wire/freeze-wire.js';
import { MetricsService } from '../metrics/metrics.service.js';
import { JobQueueService } from '../transport/job-queue.service.js';
import { FreezeHold } from './entities/freeze-hold.entity.js';
import {
  describeInterval,
  holdCheckpoints,
  realStartAfter,
  reminderOrder,
  remindersDue,
} from './freeze-clock-rules.js';

export const FREEZE_CLOCK_QUEUE = 'freeze-clock';
export const FREEZE_CLOCK_SWEEP_QUEUE = 'freeze-clock-sweep';

type ClockJob = { kind: 'deadline'; copyId: string; dueAt: string } | { kind: 'hold'; holdId: string; dueAt: string };

interface OverdueRow {
  id: string;
  exchange_id: string;
  deadline_at: Date;
  answer_state: string;
  reference: string;
  urgency: string;
  case_id: string;
  first_target: FreezeTarget;
}

/* $1 copy id (null: every copy due), $2 now. Marks the copies that fell due, once, and returns them. */
const MARK_OVERDUE_SQL = `
WITH due AS (
  UPDATE freeze_request_copy c SET overdue_alerted_at = $2
    FROM freeze_request r
   WHERE r.id = c.request_id AND ($1::uuid IS NULL OR c.id = $1::uuid)
     AND c.deadline_at <= $2 AND c.answer_state <> 'ANSWERED' AND c.overdue_alerted_at IS NULL
     AND c.status IN ('APPROVED','SENT','DELIVERED','FAILED')
  RETURNING c.id, c.exchange_id, c.deadline_at, c.answer_state, r.reference, r.urgency, r.case_id, r.targets->0 AS first_target
)
SELECT * FROM due`;

/**
 * The clocks of requests to exchanges, on the node's job queue (pg-boss): each answer deadline and each
 * freeze's reminders and end are jobs written in the transaction that set them, so they survive
 * restarts and run once across replicas. A cron sweep (`freezeRequests.clockSweepCron`) checks every
 * clock as a safety net. Checks read the injected clock and are idempotent: a job that runs twice, or
 * a sweep racing a job, raises each alert once.
 */
@Injectable()
export class FreezeClocks implements OnApplicationBootstrap {
  private readonly remindersMs: number[];

  constructor(
    private readonly tx: TransactionContext,
    private readonly jobs: JobQueueService,
    private readonly alerts: AlertService,
    private readonly cases: CaseService,
    private readonly metrics: MetricsService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.remindersMs = reminderOrder(config.freezeRequests.expiryReminders.map((text) => parseIsoDuration(text) ?? 0));
  }

  async onApplicationBootstrap(): Promise<void> {
    if (this.config.kind !== 'agency') return;
    this.registerGauges();
    await this.jobs.queue(FREEZE_CLOCK_QUEUE, { retryLimit: 5, retryDelay: 10, expireInSeconds: 300 });
    this.jobs.work<ClockJob>(FREEZE_CLOCK_QUEUE, { batchSize: 10, pollingIntervalMs: 500 }, async (jobs) => {
      for (const job of jobs) await this.run(job.data);
    });
    const boss = await this.jobs.queue(FREEZE_CLOCK_SWEEP_QUEUE, { policy: 'singleton', expireInSeconds: 600 });
    this.jobs.work(FREEZE_CLOCK_SWEEP_QUEUE, { batchSize: 1, pollingIntervalMs: 2000 }, async () => {
      await this.sweep();
    });
    await boss.schedule(FREEZE_CLOCK_SWEEP_QUEUE, this.config.freezeRequests.clockSweepCron, {}, { tz: 'UTC' });
  }

  /** The answer deadline of a sealed copy; joins the caller's transaction. */
  async scheduleDeadline(copyId: string, deadlineAt: Date): Promise<void> {
    await this.send({ kind: 'deadline', copyId, dueAt: deadlineAt.toISOString() });
  }

  /** Each reminder of a hold and its end; earlier jobs for an older end find nothing to do. */
  async scheduleHold(holdId: string, frozenUntil: Date): Promise<void> {
    for (const due of holdCheckpoints(frozenUntil, this.remindersMs))
      await this.send({ kind: 'hold', holdId, dueAt: due.toISOString() });
  }

  private async send(job: ClockJob): Promise<void> {
    const startAfter = realStartAfter(new Date(job.dueAt), this.clock.now());
    await this.jobs.send(FREEZE_CLOCK_QUEUE, job, { startAfter, retryLimit: 5 });
  }

  async run(job: ClockJob): Promise<void> {
    // A job the queue hands out before its time on the node's clock (clocks of replicas differ) waits again.
    if (new Date(job.dueAt).getTime() - this.clock.now().getTime() > 1000) {
      await this.send(job);
      return;
    }
    if (job.kind === 'deadline') await this.checkDeadlines(job.copyId);
    else await this.checkHold(job.holdId);
  }

  /** Every clock that is due now; safe to run at any time, from any replica. */
  async sweep(): Promise<{ overdue: number; holdAlerts: number }> {
    const overdue = await this.checkDeadlines(null);
    const horizon = new Date(this.clock.now().getTime() + (this.remindersMs[0] ?? 0));
    const holds = await this.tx.manager
      .getRepository(FreezeHold)
      .createQueryBuilder('h')
      .select('h.id', 'id')
      .where(`h.status = 'HELD' AND h.frozen_until <= :horizon`, { horizon })
      .getRawMany<{ id: string }>();
    let holdAlerts = 0;
    for (const { id } of holds) holdAlerts += await this.checkHold(id);
    return { overdue, holdAlerts };
  }

  /** Raises the overdue alert of each copy (or of `copyId`) whose deadline passed unanswered; once each. */
  async checkDeadlines(copyId: string | null): Promise<number> {
    return this.tx.run(async () => {
      const now = this.clock.now();
      const rows = (await this.tx.manager.query(MARK_OVERDUE_SQL, [copyId, now])) as OverdueRow[];
      if (rows.length === 0) return 0;
      const references = await this.cases.revisions([...new Set(rows.map((r) => r.case_id))]);
      const alerts: ExchangeAlert[] = rows.map((row) => ({
        kind: AlertKind.FREEZE_REQUEST_OVERDUE,
        identifierType: row.first_target.identifierType,
        value: row.first_target.value,
        subject: row.id,
        caseId: row.case_id,
        caseReference: references.get(row.case_id)?.reference ?? null,
        sources: [{ origin: row.exchange_id, kind: 'FREEZE_REQUEST', ref: row.id }],
        detail:
          `${row.urgency} request ${row.reference} to ${row.exchange_id} is overdue: the answer was due ` +
          `${describeInterval(row.deadline_at.getTime() - now.getTime())} (${row.deadline_at.toISOString()})` +
          (row.answer_state === 'ACKNOWLEDGED' ? '; only acknowledged so far' : '; no answer so far'),
      }));
      await this.alerts.raise(alerts);
      for (const row of rows)
        this.logger.warn(
          { event: 'freeze.request_overdue', copyId: row.id, exchangeId: row.exchange_id, reference: row.reference },
          `request ${row.reference} to ${row.exchange_id} is overdue`,
        );
      return rows.length;
    });
  }

  /** Raises the reminders now due for a hold (largest first) and marks it LAPSED at its end. */
  async checkHold(holdId: string): Promise<number> {
    return this.tx.run(async () => {
      const holds = this.tx.manager.getRepository(FreezeHold);
      const hold = await holds.findOne({ where: { id: holdId }, lock: { mode: 'pessimistic_write' } });
      if (!hold || hold.status !== 'HELD') return 0;
      const now = this.clock.now();
      const due = remindersDue(hold.frozenUntil, now, this.remindersMs);
      const lapsed = now.getTime() >= hold.frozenUntil.getTime();
      const alerts: ExchangeAlert[] = [];
      const caseReference = (await this.cases.revisions([hold.caseId])).get(hold.caseId)?.reference ?? null;
      const base = {
        identifierType: hold.identifierType,
        value: hold.value,
        caseId: hold.caseId,
        caseReference,
        sources: [{ origin: hold.exchangeId, kind: 'FREEZE_HOLD' as const, ref: hold.id }],
      };
      const what = `the freeze of ${hold.value} at ${hold.exchangeId}${hold.amount ? ` (${hold.amount} ${hold.asset ?? ''})`.trimEnd() : ''}`;
      for (let index = hold.remindersSent; index < due && !lapsed; index += 1)
        alerts.push({
          ...base,
          kind: AlertKind.FREEZE_EXPIRING,
          subject: `${hold.id}/${hold.frozenUntil.toISOString()}/${index}`,
          detail: `${what} lapses ${describeInterval(hold.frozenUntil.getTime() - now.getTime())} (${hold.frozenUntil.toISOString()}): extend or release it`,
        });
      if (lapsed)
        alerts.push({
          ...base,
          kind: AlertKind.FREEZE_LAPSED,
          subject: `${hold.id}/${hold.frozenUntil.toISOString()}`,
          detail: `${what} lapsed at ${hold.frozenUntil.toISOString()} without an extension`,
        });
      if (alerts.length === 0) return 0;
      Object.assign(hold, { remindersSent: Math.max(hold.remindersSent, due), updatedAt: now });
      if (lapsed) hold.status = 'LAPSED';
      await holds.save(hold);
      await this.alerts.raise(alerts);
      this.logger.info(
        { event: lapsed ? 'freeze.lapsed' : 'freeze.expiring', holdId, exchangeId: hold.exchangeId },
        `${what}: ${lapsed ? 'lapsed' : 'expiring'}`,
      );
      return alerts.length;
    });
  }

  /** One sample per configured exchange (0 when nothing is due), plus any other exchange in the rows. */
  private perExchange(rows: { exchange_id: string; n: number }[]) {
    const counts = new Map(
      this.config.peers.filter((peer) => peer.kind === 'exchange').map((peer): [string, number] => [peer.id, 0]),
    );
    for (const row of rows) counts.set(row.exchange_id, row.n);
    return [...counts].map(([exchange, value]) => ({ labels: { exchange }, value }));
  }

  /** Read from the tables at scrape time, so every replica reports the same and a restart loses nothing. */
  private registerGauges(): void {
    this.metrics.registerGauge({
      name: 'fednode_freeze_requests_overdue',
      help: 'Requests to exchanges past their answer deadline without an answer for every target, per exchange',
      labelNames: ['exchange'],
      collect: async () => {
        const rows = (await this.tx.manager.query(
          `SELECT exchange_id, count(*)::int AS n FROM freeze_request_copy
            WHERE deadline_at <= $1 AND answer_state <> 'ANSWERED' AND status IN ('APPROVED','SENT','DELIVERED','FAILED')
            GROUP BY exchange_id`,
          [this.clock.now()],
        )) as { exchange_id: string; n: number }[];
        return this.perExchange(rows);
      },
    });
    this.metrics.registerGauge({
      name: 'fednode_freezes_expiring',
      help: 'Freezes held at exchanges that lapse within the first reminder window, per exchange',
      labelNames: ['exchange'],
      collect: async () => {
        const horizon = new Date(this.clock.now().getTime() + (this.remindersMs[0] ?? 0));
        const rows = (await this.tx.manager.query(
          `SELECT exchange_id, count(*)::int AS n FROM freeze_hold WHERE status = 'HELD' AND frozen_until <= $1 GROUP BY exchange_id`,
          [horizon],
        )) as { exchange_id: string; n: number }[];
        return this.perExchange(rows);
      },
    });
  }
}
