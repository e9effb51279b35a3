import pg from 'pg';

/**
 * Samples pg_stat_activity (active statements of other sessions) every `intervalMs` while running,
 * for --pg-activity: which statements PostgreSQL spends its time on during the sync.
 */
export class PgActivitySampler {
  private readonly counts = new Map<string, number>();
  private samples = 0;
  private timer?: NodeJS.Timeout;
  private client?: pg.Client;

  constructor(private readonly adminUrl: string) {}

  async start(intervalMs = 100): Promise<void> {
    this.client = new pg.Client({ connectionString: this.adminUrl });
    await this.client.connect();
    let busy = false;
    this.timer = setInterval(() => {
      if (busy || !this.client) return;
      busy = true;
      this.client
        .query(
          "SELECT datname, left(regexp_replace(query, '\\s+', ' ', 'g'), 90) AS q FROM pg_stat_activity WHERE state = 'active' AND pid <> pg_backend_pid()",
        )
        .then(({ rows }) => {
          this.samples += 1;
          for (const row of rows as { datname: string; q: string }[]) {
            const key = `${row.datname.replace(/_[0-9a-f]{6}$/, '')}: ${row.q}`;
            this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
          }
        })
        .catch(() => undefined)
        .finally(() => (busy = false));
    }, intervalMs);
  }

  async stop(): Promise<string[]> {
    if (this.timer) clearInterval(this.timer);
    await this.client?.end().catch(() => undefined);
    return [...this.counts]
      .sort((a, b) => b[1] - a[1])
      .slice(0, 12)
      .map(([query, count]) => `${((100 * count) / Math.max(this.samples, 1)).toFixed(0).padStart(4)}%  ${query}`);
  }
}
