import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { PgChannelListener } from '../common/database/pg-channel-listener.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { LOGGER } from '../config/config.module.js';
import { AlertQueue } from './alert-queue.js';
import { ALERT_CHANNEL, AlertService } from './alert.service.js';
import type { Alert } from './entities/alert.entity.js';

/**
 * Live alerts for this process's subscribers. Alerts may be raised by any replica on the database,
 * so the source is PostgreSQL LISTEN/NOTIFY (channel `alert_raised`, fired at commit), never an
 * in-process event: each process loads the alert by id and fans it out to its own sockets.
 */
@Injectable()
export class AlertFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly subscribers = new Set<AlertQueue>();
  private readonly listener: PgChannelListener;

  constructor(
    tx: TransactionContext,
    private readonly alerts: AlertService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {
    this.listener = new PgChannelListener(
      tx.dataSource,
      ALERT_CHANNEL,
      { notification: (id) => void this.deliver(id) },
      logger,
    );
  }

  async onModuleInit(): Promise<void> {
    await this.listener.start();
  }

  async onModuleDestroy(): Promise<void> {
    await this.listener.stop();
    for (const queue of [...this.subscribers]) await queue.return();
  }

  /** Open subscriptions in this process (health and tests). */
  get subscriberCount(): number {
    return this.subscribers.size;
  }

  /** A new subscription; ends when the socket unsubscribes or closes. */
  subscribe(): AsyncIterableIterator<Alert> {
    const queue = new AlertQueue((closed) => this.subscribers.delete(closed));
    this.subscribers.add(queue);
    return queue;
  }

  private async deliver(id: string): Promise<void> {
    if (this.subscribers.size === 0) return;
    try {
      const alert = await this.alerts.get(id);
      if (alert) for (const queue of this.subscribers) queue.push(alert);
    } catch (error) {
      this.logger.warn({ event: 'alert.deliver_error', alertId: id, err: error }, 'could not load a raised alert');
    }
  }
}
