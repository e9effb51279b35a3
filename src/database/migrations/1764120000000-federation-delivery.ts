import type { MigrationInterface, QueryRunner } from 'typeorm';

export class FederationDelivery1764120000000 implements MigrationInterface {
  name = 'FederationDelivery1764120000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE delivery (
        packet_id uuid PRIMARY KEY REFERENCES outbound_packet(packet_id),
        partner_id text NOT NULL,
        status text NOT NULL CHECK (status IN ('QUEUED','DELIVERED','REJECTED','DEAD')),
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz,
        deadline_at timestamptz NOT NULL,
        delivered_at timestamptz,
        receipt jsonb,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX delivery_status_idx ON delivery (status, next_attempt_at)');
    await db.query(`
      CREATE TABLE issued_receipt (
        packet_id uuid PRIMARY KEY,
        packet_signature text NOT NULL,
        receipt jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE issued_receipt');
    await db.query('DROP TABLE delivery');
  }
}
