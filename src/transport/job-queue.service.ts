import { Inject, Injectable, type BeforeApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER } from '../config/config.module.js';

const DEADLOCK_DETECTED = '40P01';

/**
 * The node's persistent job queue: pg-boss 10 (the last line whose engines allow Node 20) in its own
 * schema of the node's database, so replicas of one node share it and each job runs once.
 */
@Injectable()
export class JobQueueService implements OnModuleInit, BeforeApplicationShutdown {
  private boss?: PgBoss;
  private started?: Promise<PgBoss>;
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  private readonly workers: Promise<void>[] = [];
  private creating: Promise<unknown> = Promise.resolve();

  constructor(
    private readonly tx: TransactionContext,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const url = (this.tx.manager.connection.options as { url?: string }).url;
    const boss = new PgBoss({
      connectionString: url,
      schema: 'pgboss',
      max: 4,
      application_name: 'fed-node-jobs',
      maintenanceIntervalSeconds: 30,
    });
    // While stopping, pg-boss closes its pool without waiting: a connection ended meanwhile is expected.
    boss.on('error', (error: Error) =>
      this.stopping
        ? this.logger.debug({ err: error, component: 'jobs' }, 'job queue closing')
        : this.logger.error({ err: error, component: 'jobs' }, 'job queue error'),
    );
    this.boss = boss;
    this.started = boss.start();
  }

  /** The started queue; creates the named queue on first use. */
  async queue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<PgBoss> {
    const boss = await this.ready();
    if (await boss.getQueue(name)) return boss;
    // pg-boss creates a queue (its partition and its row) in one transaction, and two created at once
    // can deadlock on its queue table, as modules do at start-up: one at a time in this process.
    const created = this.creating.then(() => this.create(boss, name, options));
    this.creating = created.catch(() => undefined);
    await created;
    return boss;
  }

  private async create(boss: PgBoss, name: string, options: Omit<PgBoss.Queue, 'name'>): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      if (await boss.getQueue(name)) return;
      try {
        await boss.createQueue(name, { name, ...options });
        return;
      } catch (error) {
        // Another replica starting at the same moment may have created it first, or deadlocked with us.
        if (await boss.getQueue(name)) return;
        if (attempt >= 5 || (error as { code?: string }).code !== DEADLOCK_DETECTED) throw error;
      }
    }
  }

  /**
   * Runs `handler` on batches of a queue's jobs until shutdown. Not pg-boss 10's own `work()`: it
   * completes and fails jobs without awaiting them, so a database restart under load became an
   * unhandled rejection that killed the node. Here every database call is awaited; a failure is logged
   * and the loop goes on (a job whose completion was lost expires and runs again, and handlers are
   * idempotent).
   */
  work<T>(
    name: string,
    options: { batchSize: number; pollingIntervalMs: number },
    handler: (jobs: PgBoss.Job<T>[]) => Promise<void>,
  ): void {
    const loop = async () => {
      const boss = await this.ready();
      while (!this.stopping) {
        let fetched = 0;
        try {
          const jobs = await boss.fetch<T>(name, { batchSize: options.batchSize });
          fetched = jobs.length;
          if (fetched > 0) await this.run(boss, name, jobs, handler);
        } catch (error) {
          this.logger.error({ err: error, component: 'jobs', queue: name }, 'job queue error');
        }
        if (fetched === 0 && !this.stopping) {
          await new Promise<void>((resolve) => {
            const wake = () => {
              clearTimeout(timer);
              this.wakers.delete(wake);
              resolve();
            };
            const timer = setTimeout(wake, options.pollingIntervalMs);
            this.wakers.add(wake);
          });
        }
      }
    };
    this.workers.push(
      loop().catch((error: unknown) =>
        this.logger.error(
          { err: error, component: 'jobs', queue: name },
          'job queue did not start; no jobs are worked',
        ),
      ),
    );
  }

  private async run<T>(
    boss: PgBoss,
    name: string,
    jobs: PgBoss.Job<T>[],
    handler: (jobs: PgBoss.Job<T>[]) => Promise<void>,
  ): Promise<void> {
    const ids = jobs.map((job) => job.id);
    try {
      await handler(jobs);
    } catch (error) {
      this.logger.warn(
        { err: error, component: 'jobs', queue: name, jobs: ids.length },
        'job failed; pg-boss retries it',
      );
      const message = error instanceof Error ? error.message : String(error);
      for (const id of ids) await boss.fail(name, id, { message });
      return;
    }
    await boss.complete(name, ids);
  }

  ready(): Promise<PgBoss> {
    if (!this.started) throw new Error('job queue used before module init');
    return this.started;
  }

  /**
   * Sends a job. Inside a transaction pg-boss writes it on that transaction's connection, so the job
   * exists exactly when the data it is about does.
   */
  async send<T extends object>(name: string, data: T, options: PgBoss.SendOptions = {}): Promise<void> {
    const boss = await this.ready();
    const manager = this.tx.manager;
    const db = this.tx.inTransaction
      ? {
          executeSql: async (text: string, values: unknown[]) => ({
            rows: (await manager.query(text, values)) as unknown[],
          }),
        }
      : undefined;
    await boss.send(name, data, db ? { ...options, db } : options);
  }

  /** Before the database closes: workers finish their jobs, then pg-boss stops. */
  async beforeApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
    await Promise.race([Promise.allSettled(this.workers), new Promise((r) => setTimeout(r, 10_000))]);
    await this.started?.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
