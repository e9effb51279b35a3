import type { MigrationInterface, QueryRunner } from 'typeorm';

export class NodeIdentityAndPacketIntake1764060000000 implements MigrationInterface {
  name = 'NodeIdentityAndPacketIntake1764060000000';

  async up(db: QueryRunner): Promise<void> {
    // Certificates an ADMIN has revoked: packets signed under them are refused.
    await db.query(`
      CREATE TABLE revoked_certificate (
        fingerprint text PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        node_id text,
        reason text NOT NULL,
        revoked_by text NOT NULL,
        revoked_at timestamptz NOT NULL DEFAULT now()
      )`);
    // Every peer certificate seen on a verified packet; a newer one supersedes the older after a grace period.
    await db.query(`
      CREATE TABLE peer_certificate (
        fingerprint text PRIMARY KEY CHECK (fingerprint ~ '^[0-9a-f]{64}$'),
        node_id text NOT NULL,
        not_before timestamptz NOT NULL,
        not_after timestamptz NOT NULL,
        first_seen_at timestamptz NOT NULL DEFAULT now(),
        superseded_at timestamptz
      )`);
    await db.query('CREATE INDEX peer_certificate_node_idx ON peer_certificate (node_id, not_before DESC)');
    // Packet ids already accepted, kept until the packet would be refused as expired anyway.
    await db.query(`
      CREATE TABLE accepted_packet_id (
        packet_id uuid PRIMARY KEY,
        from_node text NOT NULL,
        accepted_at timestamptz NOT NULL DEFAULT now(),
        forget_after timestamptz NOT NULL
      )`);
    await db.query('CREATE INDEX accepted_packet_id_forget_idx ON accepted_packet_id (forget_after)');
    await db.query(`
      CREATE TABLE packet_rejection (
        id bigserial PRIMARY KEY,
        packet_id text,
        from_node text,
        reason text NOT NULL,
        detail text NOT NULL,
        rejected_at timestamptz NOT NULL DEFAULT now()
      )`);
    await db.query('CREATE INDEX packet_rejection_reason_idx ON packet_rejection (reason, rejected_at)');
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query('DROP TABLE packet_rejection');
    await db.query('DROP TABLE accepted_packet_id');
    await db.query('DROP TABLE peer_certificate');
    await db.query('DROP TABLE revoked_certificate');
  }
}
