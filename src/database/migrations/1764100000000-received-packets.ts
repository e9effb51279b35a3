import type { MigrationInterface, QueryRunner } from 'typeorm';

export class ReceivedPackets1764100000000 implements MigrationInterface {
  name = 'ReceivedPackets1764100000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query(`
      CREATE TABLE received_packet (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        packet_id uuid NOT NULL UNIQUE,
        type text NOT NULL,
        origin_node text NOT NULL,
        delivered_by text NOT NULL,
        in_reply_to uuid,
        local_case_id uuid REFERENCES intel_case(id),
        policy_version text NOT NULL,
        inbound_policy_version int NOT NULL,
        sender_certificate_fingerprint text NOT NULL,
        case_reference text,
        title text,
        tlp text,
        content jsonb NOT NULL,
        sealed jsonb NOT NULL,
        created_at timestamptz NOT NULL,
        received_at timestamptz NOT NULL,
        retention_until timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX received_packet_received_idx ON received_packet (received_at DESC)');
    await db.query('CREATE INDEX received_packet_retention_idx ON received_packet (retention_until)');
    await db.query('CREATE INDEX received_packet_reply_idx ON received_packet (in_reply_to)');
    // Identifiers partners sent us, for screening and correlation.
    await db.query(`
      CREATE TABLE received_identifier (
        received_packet_id uuid NOT NULL REFERENCES received_packet(id) ON DELETE CASCADE,
        type text NOT NULL,
        value text NOT NULL,
        PRIMARY KEY (received_packet_id, type, value)
      )`);
    await db.query('CREATE INDEX received_identifier_value_idx ON received_identifier (type, value)');
    // Inbound packets must never be edited: only inserted, and deleted when retention ends.
    await db.query(`
      CREATE FUNCTION received_packet_read_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'received packets cannot be changed'; END $$`);
    await db.query(`
      CREATE TRIGGER received_packet_no_update BEFORE UPDATE ON received_packet
      FOR EACH ROW EXECUTE FUNCTION received_packet_read_only()`);
    // Share requests may now also be replies to a partner's packet, without a local case.
    await db.query(
      `ALTER TABLE share_request ADD COLUMN kind text NOT NULL DEFAULT 'CASE' CHECK (kind IN ('CASE','REPLY'))`,
    );
    await db.query('ALTER TABLE share_request ADD COLUMN in_reply_to uuid');
    await db.query('ALTER TABLE share_request ALTER COLUMN case_id DROP NOT NULL');
    await db.query(`ALTER TABLE share_request ADD CONSTRAINT share_request_kind_target CHECK
      ((kind = 'CASE' AND case_id IS NOT NULL) OR (kind = 'REPLY' AND in_reply_to IS NOT NULL))`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE share_request DROP CONSTRAINT share_request_kind_target');
    await db.query('ALTER TABLE share_request DROP COLUMN in_reply_to');
    await db.query('ALTER TABLE share_request DROP COLUMN kind');
    await db.query('DROP TABLE received_identifier');
    await db.query('DROP TABLE received_packet');
    await db.query('DROP FUNCTION received_packet_read_only()');
  }
}
