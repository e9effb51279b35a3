import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Which partner was served a live version of which watchlist entry, so tombstones reveal nothing new (#14). */
export class WatchlistSentLive1765500000000 implements MigrationInterface {
  name = 'WatchlistSentLive1765500000000';

  async up(db: QueryRunner): Promise<void> {
    // Keyed entry first: the feed looks up (origin, entry, partner) for each tombstone in a page, and
    // the purge deletes an entry's rows by (origin, entry). No foreign key: a page's keys are recorded
    // after its snapshot, when the purge may already have removed the entry (the row is then inert).
    await db.query(`
      CREATE TABLE watchlist_sent_live (
        origin text NOT NULL,
        entry_id uuid NOT NULL,
        partner_id text NOT NULL CHECK (partner_id ~ '^[a-z][a-z0-9-]{1,62}$'),
        PRIMARY KEY (origin, entry_id, partner_id),
        CONSTRAINT watchlist_sent_live_not_to_origin CHECK (partner_id <> origin)
      )`);
    // Entries stored before this table existed keep the old rule, so that no partner misses the
    // revocation of an entry it may hold: served to every partner whose outbound policy ever named
    // their category, under the relay grant (the feed's own conditions, watchlist.store.ts feedRows).
    await db.query(`
      INSERT INTO watchlist_sent_live (origin, entry_id, partner_id)
      SELECT e.origin, e.entry_id, p.partner_id
      FROM (SELECT DISTINCT partner_id, c.category
              FROM partner_policy,
                   jsonb_array_elements_text(CASE WHEN jsonb_typeof(outbound->'watchlistCategories') = 'array'
                                                  THEN outbound->'watchlistCategories' ELSE '[]' END) AS c(category)
             WHERE outbound IS NOT NULL) p
      JOIN watchlist_entry e ON e.offence_category = p.category
      WHERE e.origin <> p.partner_id AND (e.received_from IS NULL OR p.partner_id = ANY(e.onward_to))
      ON CONFLICT DO NOTHING`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE watchlist_sent_live');
  }
}
