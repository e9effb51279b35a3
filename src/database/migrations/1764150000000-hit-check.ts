import type { MigrationInterface, QueryRunner } from 'typeorm';

export class HitCheck1764150000000 implements MigrationInterface {
  name = 'HitCheck1764150000000';

  async up(db: QueryRunner): Promise<void> {
    // Every blinded evaluation a partner asked for: the audit trail and the rate limit's counter.
    await db.query(`
      CREATE TABLE hit_check_evaluation (
        id bigserial PRIMARY KEY,
        partner_id text NOT NULL,
        count int NOT NULL CHECK (count > 0),
        evaluated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX hit_check_evaluation_partner_time ON hit_check_evaluation (partner_id, evaluated_at)');
    // Opaque per-partner references to our entries: a hit reveals only this token, never the entry id.
    await db.query(`
      CREATE TABLE hit_check_reference (
        reference text PRIMARY KEY,
        partner_id text NOT NULL,
        origin text NOT NULL,
        entry_id uuid NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (partner_id, origin, entry_id)
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE hit_check_reference');
    await db.query('DROP TABLE hit_check_evaluation');
  }
}
