import type { MigrationInterface, QueryRunner } from 'typeorm';

/** What a million-entry catch-up needs from the watchlist tables (docs/PROTOCOL.md §13). */
export class WatchlistBulkSync1764230000000 implements MigrationInterface {
  name = 'WatchlistBulkSync1764230000000';

  async up(db: QueryRunner): Promise<void> {
    // The rows a partner's feed can ever serve: our own entries and those an origin let us relay.
    // A node that takes in a partner's million entries without onward grants has none of them here,
    // so serving its feed no longer walks past them page by page (watchlist.store.ts feedRows).
    // The predicate is repeated verbatim in FEEDABLE there, so that the planner matches it.
    await db.query(
      `CREATE UNIQUE INDEX watchlist_entry_feedable_idx ON watchlist_entry (change_seq) WHERE received_from IS NULL OR onward_to <> '{}'`,
    );
    // stored_at is now set with change_seq, under the same lock, whatever the writer sent: a bulk
    // COPY cannot call clock_timestamp() per row, and TAXII's added_after needs stored_at to grow
    // with the sequence (a writer's now() is its transaction start, before it waited for the lock).
    await db.query(`
      CREATE OR REPLACE FUNCTION watchlist_entry_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('watchlist_change_feed'));
        NEW.change_seq := nextval('watchlist_change_seq');
        NEW.stored_at := clock_timestamp();
        RETURN NEW;
      END $$`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE OR REPLACE FUNCTION watchlist_entry_next_seq() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        PERFORM pg_advisory_xact_lock(hashtext('watchlist_change_feed'));
        NEW.change_seq := nextval('watchlist_change_seq');
        RETURN NEW;
      END $$`);
    await db.query('DROP INDEX watchlist_entry_feedable_idx');
  }
}
