import type { MigrationInterface, QueryRunner } from 'typeorm';

export class Alerts1764140000000 implements MigrationInterface {
  name = 'Alerts1764140000000';

  async up(db: QueryRunner): Promise<void> {
    // `subject` is the local case id (local-case match) or the sorted pair of origins (cross-partner
    // match); the unique key makes raising idempotent under redelivery, replay and relay.
    await db.query(`
      CREATE TABLE alert (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        kind text NOT NULL CHECK (kind IN ('PARTNER_DATA_MATCHES_LOCAL_CASE','CROSS_PARTNER_MATCH')),
        identifier_type text NOT NULL,
        value text NOT NULL,
        subject text NOT NULL,
        case_id uuid,
        case_reference text,
        sources jsonb NOT NULL,
        status text NOT NULL DEFAULT 'OPEN' CHECK (status IN ('OPEN','ACKNOWLEDGED')),
        raised_at timestamptz NOT NULL DEFAULT now(),
        acknowledged_by text,
        acknowledged_at timestamptz,
        CONSTRAINT alert_once UNIQUE (kind, identifier_type, value, subject)
      )`);
    await db.query('CREATE INDEX alert_status_raised_idx ON alert (status, raised_at DESC)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE alert');
  }
}
