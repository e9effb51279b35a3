import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { JobQueueService } from '../transport/job-queue.service.js';
import { InboundPacketService } from '../inbound/inbound-packet.service.js';
import { WatchlistService } from '../watchlist/watchlist.service.js';

export const RETENTION_QUEUE = 'retention-purge';

export interface PurgeRun {
  receivedPackets: number;
  watchlistEntries: number;
  watchlistTombstones: number;
}

/**
 * Purges partners' data whose time is up: received packets past their retention, expired watchlist
 * entries and old tombstones. Runs as a pg-boss cron schedule (`retention.purgeCron`) on the job queue
 * the deliveries use: the schedule is stored once in the database and each tick becomes one job, so
 * replicas do not purge twice; the purges themselves are idempotent and lock what they delete.
 */
@Injectable()
export class RetentionService implements OnApplicationBootstrap {
  constructor(
    private readonly jobs: JobQueueService,
    private readonly inbound: InboundPacketService,
    private readonly watchlist: WatchlistService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const boss = await this.jobs.queue(RETENTION_QUEUE, {
      policy: 'singleton',
      retryLimit: 3,
      retryDelay: 60,
      expireInSeconds: 3600,
    });
    // JobQueueService.work, not pg-boss's own: its completions are awaited, so a database restart
    // cannot become an unhandled rejection (see job-queue.service.ts).
    this.jobs.work(RETENTION_QUEUE, { batchSize: 1, pollingIntervalMs: 2000 }, async () => {
      await this.purgeDue();
    });
    await boss.schedule(RETENTION_QUEUE, this.config.retention.purgeCron, {}, { tz: 'UTC' });
  }

  /** One purge of everything that is due now; safe to run at any time, from any replica. */
  async purgeDue(): Promise<PurgeRun> {
    const now = this.clock.now();
    const receivedPackets = await this.inbound.purgeExpired(now);
    const watchlist = await this.watchlist.purgeExpired(now, this.config.retention.tombstoneGraceDays);
    const run = { receivedPackets, watchlistEntries: watchlist.entries, watchlistTombstones: watchlist.tombstones };
    this.logger.info({ event: 'retention.purged', ...run }, 'retention purge done');
    return run;
  }
}
