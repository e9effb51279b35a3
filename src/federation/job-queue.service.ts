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
    await this.started?.catch(() => undefined);
    await this.boss.stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => undefined);
  }
}
