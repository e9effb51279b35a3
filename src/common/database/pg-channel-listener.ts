import pg from 'pg';
import type { Logger } from 'pino';
import type { DataSource } from 'typeorm';

const RECONNECT_MS = 1000;

export interface ChannelHandlers {
  /** A NOTIFY on the channel (sent at the commit of the transaction that raised it). */
  notification(payload: string): void;
  /**
   * The listener is (again) connected: notifications sent while it was not are lost, so a caller
   * that must not miss one re-reads the state it watches here.
   */
  connected?(): void;
}

/**
 * LISTEN on one PostgreSQL channel over a connection of its own, reconnecting until stopped: every
 * process (and replica) on the database hears what any of them commits.
 */
export class PgChannelListener {
  private client?: pg.Client;
  private stopping = false;
  private reconnectTimer?: NodeJS.Timeout;

  constructor(
    private readonly db: DataSource,
    private readonly channel: string,
    private readonly handlers: ChannelHandlers,
    private readonly logger: Logger,
  ) {
    if (!/^[a-z_][a-z0-9_]*$/.test(channel)) throw new Error(`not a plain channel name: ${channel}`);
  }

  async start(): Promise<void> {
    const { options } = this.db;
    const url = 'url' in options && typeof options.url === 'string' ? options.url : undefined;
    const client = new pg.Client({ connectionString: url, application_name: `fed-node-${this.channel}` });
    client.on('notification', (message) => {
      if (message.channel === this.channel && message.payload) this.handlers.notification(message.payload);
    });
    // A lost connection would silently stop notifications: reconnect until stopped.
    client.on('error', (error) => {
      this.logger.warn({ event: 'listen.error', channel: this.channel, err: error }, 'listener connection failed');
      this.scheduleReconnect(client);
    });
    client.on('end', () => this.scheduleReconnect(client));
    await client.connect();
    await client.query(`LISTEN ${this.channel}`);
    this.client = client;
    this.handlers.connected?.();
  }

  async stop(): Promise<void> {
    this.stopping = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
  }

  private scheduleReconnect(client: pg.Client): void {
    if (this.stopping || this.client !== client || this.reconnectTimer) return;
    this.client = undefined;
    void client.end().catch(() => undefined);
    this.reconnectTimer = setTimeout(() => void this.retry(), RECONNECT_MS);
  }

  private async retry(): Promise<void> {
    this.reconnectTimer = undefined;
    if (this.stopping) return;
    await this.start().catch((error: unknown) => {
      this.logger.warn({ event: 'listen.error', channel: this.channel, err: error }, 'listener reconnect failed');
      if (!this.stopping) this.reconnectTimer = setTimeout(() => void this.retry(), RECONNECT_MS);
    });
  }
}
