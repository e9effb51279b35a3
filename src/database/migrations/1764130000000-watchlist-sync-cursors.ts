import type { MigrationInterface, QueryRunner } from 'typeorm';

export class WatchlistSyncCursors1764130000000 implements MigrationInterface {
  name = 'WatchlistSyncCursors1764130000000';

  async up(db: QueryRunner): Promise<void> {
    // How far each partner's feed has been pushed to it (PUSH, our change_seq) and how far we have
    // pulled theirs (PULL, their change_seq). Cursors are change sequences, never timestamps.
    await db.query(`
      CREATE TABLE watchlist_sync_cursor (
        peer_id text NOT NULL,
        direction text NOT NULL CHECK (direction IN ('PUSH','PULL')),
        cursor bigint NOT NULL DEFAULT 0,
        last_success_at timestamptz,
        last_error text,
        updated_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (peer_id, direction)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE watchlist_sync_cursor');
  }
}
