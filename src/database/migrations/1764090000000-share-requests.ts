import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ShareRequests1764090000000 implements MigrationInterface {
  name = 'ShareRequests1764090000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE share_request (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        case_id uuid NOT NULL REFERENCES intel_case(id),
        partner_id text NOT NULL,
        purpose text NOT NULL,
        note text,
        requested_by text NOT NULL,
        status text NOT NULL CHECK (status IN
          ('PENDING_APPROVAL','APPROVED','SENT','DELIVERED','FAILED','REJECTED','DENIED_BY_POLICY','WITHDRAWN')),
        case_revision int NOT NULL,
        policy_version int,
        policy_reasons jsonb NOT NULL,
        preview jsonb,
        removed jsonb NOT NULL,
        decided_by text,
        decision_comment text,
        packet_id uuid UNIQUE,
        last_error text,
        requested_at timestamptz NOT NULL DEFAULT now(),
        preview_computed_at timestamptz NOT NULL,
        decided_at timestamptz,
        sent_at timestamptz,
        delivered_at timestamptz,
        -- four eyes, enforced by the database too
        CHECK (decided_by IS NULL OR decided_by <> requested_by),
        CHECK (status <> 'APPROVED' OR (packet_id IS NOT NULL AND preview IS NOT NULL))
      )`);
    await db.query('CREATE INDEX share_request_status_idx ON share_request (status, requested_at)');
    await db.query('CREATE INDEX share_request_case_idx ON share_request (case_id)');
    await db.query(`
      CREATE TABLE outbound_packet (
        packet_id uuid PRIMARY KEY,
        partner_id text NOT NULL,
        share_request_id uuid REFERENCES share_request(id),
        type text NOT NULL,
        packet jsonb NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE outbound_packet');
    await db.query('DROP TABLE share_request');
  }
}
