import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Protocol version 2 (docs/PROTOCOL.md §13.3, §15): a relay keeps the grant its origin signed for it
 * with each version, and hands it on with the entry. Entries received before hold no signed grant and
 * count as not relayable: their unsigned onward list is cleared, so the feed no longer serves them.
 */
export class WatchlistRelayGrants1765300001000 implements MigrationInterface {
  name = 'WatchlistRelayGrants1765300001000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE watchlist_entry
        ADD COLUMN relay_grant_to text[],
        ADD COLUMN relay_grant_signature text,
        ADD CONSTRAINT watchlist_relay_grant_whole CHECK ((relay_grant_to IS NULL) = (relay_grant_signature IS NULL)),
        ADD CONSTRAINT watchlist_relay_grant_from_origin CHECK (relay_grant_to IS NULL OR received_from = origin),
        ADD CONSTRAINT watchlist_relay_grant_targets CHECK (relay_grant_to IS NULL OR cardinality(relay_grant_to) > 0),
        ADD CONSTRAINT watchlist_relay_grant_signature_b64u
          CHECK (relay_grant_signature IS NULL OR relay_grant_signature ~ '^[A-Za-z0-9_-]{85}[AQgw]$')`);
    await db.query(`UPDATE watchlist_entry SET onward_to = '{}' WHERE received_from IS NOT NULL AND onward_to <> '{}'`);
  }

  async down(db: QueryRunner): Promise<void> {
    // The cleared unsigned onward lists are not restored: those entries stay unrelayable.
    await db.query(`
      ALTER TABLE watchlist_entry
        DROP CONSTRAINT watchlist_relay_grant_signature_b64u,
        DROP CONSTRAINT watchlist_relay_grant_targets,
        DROP CONSTRAINT watchlist_relay_grant_from_origin,
        DROP CONSTRAINT watchlist_relay_grant_whole,
        DROP COLUMN relay_grant_signature,
        DROP COLUMN relay_grant_to`);
  }
}
