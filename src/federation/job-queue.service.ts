import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import PgBoss from 'pg-boss';
import type { Logger } from 'pino';
import { DataSource, type EntityManager } from 'typeorm';
import { LOGGER } from '../config/config.module.js';

/**
 * The node's persistent job queue: pg-boss 10 (the last line whose engines allow Node 20) in its own
 * schema of the node's database, so replicas of one node share it and each job runs once.
 */
@Injectable()
export class JobQueueService implements OnModuleInit, OnApplicationShutdown {
  private boss?: PgBoss;
  private started?: Promise<PgBoss>;
  private stopping = false;
  private readonly wakers = new Set<() => void>();
  private readonly workers: Promise<void>[] = [];

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onModuleInit(): void {
    const url = (this.db.options as { url?: string }).url;
    const boss = new PgBoss({ connectionString: url, schema: 'pgboss', max: 4, application_name: 'fed-node-jobs', maintenanceIntervalSeconds: 30 });
    boss.on('error', (error: Error) => this.logger.error({ err: error, component: 'jobs' }, 'job queue error'));
    this.boss = boss;
    this.started = boss.start();
  }

  /** The started queue; creates the named queue on first use. */
  async queue(name: string, options: Omit<PgBoss.Queue, 'name'> = {}): Promise<PgBoss> {
    const boss = await this.ready();
    if (await boss.getQueue(name)) return boss;
    try {
      await boss.createQueue(name, { name, ...options });
    } catch (error) {
      // Another replica starting at the same moment may have created it first.
      if (!(await boss.getQueue(name))) throw error;
    }
    return boss;
  }

  /**
   * Runs `handler` on batches of a queue's jobs until shutdown. Not pg-boss 10's own `work()`: it
   * completes and fails jobs without awaiting them, so a database restart under load became an
   * unhandled rejection that killed the node. Here every database call is awaited; a failure is logged
   * and the loop goes on (a job whose completion was lost expires and runs again, and handlers are
   * idempotent).
   */
  work<T>(name: string, options: { batchSize: number; pollingIntervalMs: number }, handler: (jobs: PgBoss.Job<T>[]) => Promise<void>): void {
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
    this.workers.push(loop().catch((error: unknown) => this.logger.error({ err: error, component: 'jobs', queue: name }, 'job queue did not start; no jobs are worked')));
  }

  private async run<T>(boss: PgBoss, name: string, jobs: PgBoss.Job<T>[], handler: (jobs: PgBoss.Job<T>[]) => Promise<void>): Promise<void> {
    const ids = jobs.map((job) => job.id);
    try {
      await handler(jobs);
    } catch (error) {
      this.logger.warn({ err: error, component: 'jobs', queue: name, jobs: ids.length }, 'job failed; pg-boss retries it');
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

  /** Lets pg-boss write a job inside the caller's transaction, so the job exists exactly when the data does. */
  static inTransaction(manager: EntityManager): PgBoss.ConnectionOptions {
    return { db: { executeSql: async (text: string, values: unknown[]) => ({ rows: (await manager.query(text, values)) as unknown[] }) } };
  }

  async onApplicationShutdown(): Promise<void> {
    if (!this.boss) return;
    this.stopping = true;
    for (const wake of [...this.wakers]) wake();
    await Promise.race([Promise.allSettled(this.workers), new Promise((r) => setTimeout(r, 10_000))]);
    await this.started?.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
