import type { DataSource } from 'typeorm';
import { openDataSource } from '../../src/database/data-source.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase } from '../support/test-database.js';

/** The reviewed migrations and the entities describe one schema, and every migration can be undone. */
describe('migrations', () => {
  let db: DataSource;

  beforeAll(async () => {
    db = await openDataSource(await createTestDatabase('migrations'));
  });
  afterAll(() => db?.destroy());

  // The database holds more invariants than the entities declare (CHECKs, foreign keys, partial
  // indexes, defaults): TypeORM would drop those, which is expected. It must not want to create, drop
  // or change a table or a column: there the entities and the migrations would disagree.
  const MORE_INVARIANTS_IN_THE_DATABASE = [
    /^DROP INDEX "public"\."[a-z0-9_]+"$/,
    /^ALTER TABLE "[a-z_]+" DROP CONSTRAINT "[a-z0-9_]+"$/,
    /^ALTER TABLE "[a-z_]+" ALTER COLUMN "[a-z_]+" DROP DEFAULT$/,
  ];

  it('build the tables and columns the entities declare, with their types and nullability', async () => {
    const { upQueries } = await db.driver.createSchemaBuilder().log();
    const disagreements = upQueries
      .map((query) => query.query)
      .filter((sql) => !MORE_INVARIANTS_IN_THE_DATABASE.some((allowed) => allowed.test(sql)));
    expect(disagreements).toEqual([]);
    expect(upQueries.length).toBeGreaterThan(0); // the check sees the schema at all
  });

  it('can each be undone, newest first, leaving no table behind, and then done again', async () => {
    for (let i = 0; i < MIGRATIONS.length; i++) await db.undoLastMigration({ transaction: 'each' });
    const tables = (await db.query(
      `SELECT table_schema || '.' || table_name AS name FROM information_schema.tables
        WHERE table_schema NOT IN ('pg_catalog', 'information_schema') AND table_name <> 'migrations'`,
    )) as { name: string }[];
    expect(tables.map((t) => t.name)).toEqual([]);
    const done = await db.runMigrations({ transaction: 'each' });
    expect(done).toHaveLength(MIGRATIONS.length);
  });

  it('make entries received before protocol 2 unrelayable, and leave own entries as they were', async () => {
    // Back to the schema just before relay grants, with one own entry and one received from a hub.
    const grants = MIGRATIONS.findIndex((m) => m.name === 'WatchlistRelayGrants1765300001000');
    expect(grants).toBeGreaterThan(0);
    for (let i = MIGRATIONS.length; i > grants; i--) await db.undoLastMigration({ transaction: 'each' });
    await db.query(`INSERT INTO watchlist_certificate (fingerprint, node_id, pem) VALUES ('f1', 'kr-knpa', 'pem')`);
    const row = (entryId: string, receivedFrom: string | null) =>
      db.query(
        `INSERT INTO watchlist_entry (origin, entry_id, version, identifier_type, value, reason, offence_category,
           severity, valid_until, revoked, updated_at, signature, certificate_fingerprint, received_from,
           onward_to, changed_by)
         VALUES ('kr-knpa', $1, 1, 'WALLET_EVM', '0x0', 'r', 'ONLINE_SCAM', 'HIGH', now() + interval '1 day',
           false, now(), 's', 'f1', $2, '{kh-cnp}', $3)`,
        [entryId, receivedFrom, receivedFrom === null ? 'analyst' : null],
      );
    await row('01900000-0000-7000-8000-000000000001', null);
    await row('01900000-0000-7000-8000-000000000002', 'asean-hub');
    await db.runMigrations({ transaction: 'each' });
    const onward = (await db.query(
      `SELECT entry_id::text AS id, onward_to, relay_grant_to FROM watchlist_entry ORDER BY entry_id`,
    )) as { id: string; onward_to: string[]; relay_grant_to: string[] | null }[];
    expect(onward).toEqual([
      { id: '01900000-0000-7000-8000-000000000001', onward_to: ['kh-cnp'], relay_grant_to: null },
      { id: '01900000-0000-7000-8000-000000000002', onward_to: [], relay_grant_to: null },
    ]);
    await db.query('DELETE FROM watchlist_sent_live');
    await db.query('DELETE FROM watchlist_entry');
    await db.query('DELETE FROM watchlist_certificate');
  });

  it('are applied once when three replicas start together on an empty database', async () => {
    // Without a lock both CREATE TABLE "migrations" and the first migration race: a replica fails.
    const url = await createTestDatabase('migrations_replicas');
    const replicas = await Promise.allSettled([openDataSource(url), openDataSource(url), openDataSource(url)]);
    try {
      const failures = replicas.flatMap((r) => (r.status === 'rejected' ? [String(r.reason)] : []));
      expect(failures).toEqual([]);
      const [first] = replicas as PromiseFulfilledResult<DataSource>[];
      const applied = (await first.value.query('SELECT name FROM migrations ORDER BY id')) as { name: string }[];
      expect(applied.map((m) => m.name)).toEqual(MIGRATIONS.map((m) => m.name));
    } finally {
      await Promise.all(replicas.map((r) => (r.status === 'fulfilled' ? r.value.destroy() : undefined)));
    }
  });
});
