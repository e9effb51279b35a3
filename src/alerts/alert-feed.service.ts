import { Inject, Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';
import { LOGGER } from '../config/config.module.js';
import { AlertQueue } from './alert-queue.js';
import { ALERT_CHANNEL, AlertService } from './alert.service.js';
import type { Alert } from './entities/alert.entity.js';

const RECONNECT_MS = 1000;

/**
 * Live alerts for this process's subscribers. Alerts may be raised by any replica on the database,
 * so the source is PostgreSQL LISTEN/NOTIFY (channel `alert_raised`, fired at commit), never an
 * in-process event: each process loads the alert by id and fans it out to its own sockets.
 */
@Injectable()
export class AlertFeedService implements OnModuleInit, OnModuleDestroy {
  private readonly subscribers = new Set<AlertQueue>();
  private client?: pg.Client;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly alerts: AlertService,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async onModuleInit(): Promise<void> {
    await this.listen();
  }

  async onModuleDestroy(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    for (const queue of [...this.subscribers]) await queue.return();
    await this.client?.end().catch(() => undefined);
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

  private async listen(): Promise<void> {
    const { options } = this.db;
    const url = 'url' in options && typeof options.url === 'string' ? options.url : undefined;
    const client = new pg.Client({ connectionString: url, application_name: 'fed-node-alerts' });
    client.on('notification', (message) => {
      if (message.channel === ALERT_CHANNEL && message.payload) void this.deliver(message.payload);
    });
    // A lost connection would silently stop alerts: reconnect until the module stops.
    client.on('error', (error) => {
      this.logger.warn({ event: 'alert.listen_error', err: error }, 'alert listener connection failed; reconnecting');
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`LISTEN ${ALERT_CHANNEL}`);
    this.client = client;
  }

  private scheduleReconnect(client: pg.Client): void {
    if (this.stopping || this.client !== client || this.reconnectTimer) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => {
      this.reconnectTimer = undefined;
      this.listen().catch((error: unknown) => {
        this.logger.warn({ event: 'alert.listen_error', err: error }, 'alert listener reconnect failed');
        if (!this.stopping) this.reconnectTimer = setTimeout(() => void this.retry(), RECONNECT_MS);
      });
    }, RECONNECT_MS);
  }

  private async retry(): Promise<void> {
    this.reconnectTimer = undefined;
    await this.listen().catch(() => (this.reconnectTimer = setTimeout(() => void this.retry(), RECONNECT_MS)));
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
