// Plain ESM: jest loads global setup outside its module system, so this uses the built node (npm test builds first).
import { chmodSync, existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { freePort } from './free-port.mjs';

/**
 * One real PostgreSQL for the whole run: DATABASE_URL if the caller gives one, otherwise an embedded
 * cluster in a temporary folder. Each test file creates its own databases in it.
 */
export default async function globalSetup() {
  const built = new URL('../../dist/database/embedded-postgres.js', import.meta.url);
  if (!existsSync(built)) throw new Error('dist/ is missing: run `npm run build` first (`npm test` does)');
  if (process.env.DATABASE_URL) {
    process.env.TEST_PG_ADMIN_URL = process.env.DATABASE_URL;
    return;
  }
  const { startEmbeddedPostgres } = await import(built.href);
  const dataDir = mkdtempSync(path.join(tmpdir(), 'fednode-test-pg-'));
  // Run as root, PostgreSQL runs as the postgres user, which must pass through (x, not read) this folder.
  chmodSync(dataDir, 0o711);
  const database = await startEmbeddedPostgres({ dataDir, port: await freePort(), databaseName: 'postgres' });
  process.env.TEST_PG_ADMIN_URL = database.url;
  globalThis.__fednodeTestDatabase = database;
}
