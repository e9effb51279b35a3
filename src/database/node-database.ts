import type { NodeConfig } from '../config/node-config.schema.js';
import { describeDatabaseUrl } from './database-url.js';
import { RunningDatabase, startEmbeddedPostgres } from './embedded-postgres.js';

export const EMBEDDED_DATABASE_NAME = 'fednode';

/** The node's database: the one DATABASE_URL names, or an embedded PostgreSQL under the node's data folder. */
export function openNodeDatabase(config: NodeConfig, onLog?: (line: string) => void): Promise<RunningDatabase> {
  if (config.database.url) {
    return Promise.resolve({
      url: config.database.url,
      description: describeDatabaseUrl(config.database.url),
      stop: async () => undefined,
    });
  }
  return startEmbeddedPostgres({
    dataDir: config.dataDir,
    port: config.database.embeddedPort,
    databaseName: EMBEDDED_DATABASE_NAME,
    onLog,
  });
}
