import type { MigrationInterface, QueryRunner } from 'typeorm';
import { canonicalJson, type JsonValue } from '../../kernel/crypto/canonical-json.js';

/** Rows converted per statement: a packet can hold megabytes of ciphertext. */
const BATCH = 100;

/**
 * An outbound packet is kept as the exact text that is sent: its RFC 8785 canonical form, which
 * docs/PROTOCOL.md §7 says a sender MUST emit. As jsonb, PostgreSQL re-serialised it in its own member
 * order, and that is what went on the wire. Existing rows are rewritten in canonical form (the signature
 * covers canonical parts rebuilt from the values, so nothing signed changes).
 */
export class CanonicalOutboundPackets1765300000000 implements MigrationInterface {
  name = 'CanonicalOutboundPackets1765300000000';

  async up(db: QueryRunner): Promise<void> {
    await db.query('ALTER TABLE outbound_packet ADD COLUMN wire text, ADD COLUMN content_hash text');
    let after = '00000000-0000-0000-0000-000000000000';
    for (;;) {
      const rows = (await db.query(
        'SELECT packet_id, packet FROM outbound_packet WHERE packet_id > $1 ORDER BY packet_id LIMIT $2',
        [after, BATCH],
      )) as { packet_id: string; packet: JsonValue & { header: { contentHash: string } } }[];
      if (rows.length === 0) break;
      await db.query(
        `UPDATE outbound_packet o SET wire = t.wire, content_hash = t.content_hash
           FROM unnest($1::uuid[], $2::text[], $3::text[]) AS t(packet_id, wire, content_hash)
          WHERE o.packet_id = t.packet_id`,
        [
          rows.map((row) => row.packet_id),
          rows.map((row) => canonicalJson(row.packet)),
          rows.map((row) => row.packet.header.contentHash),
        ],
      );
      after = rows[rows.length - 1].packet_id;
    }
    await db.query(`
      ALTER TABLE outbound_packet
        DROP COLUMN packet,
        ALTER COLUMN wire SET NOT NULL,
        ALTER COLUMN content_hash SET NOT NULL,
        ADD CONSTRAINT outbound_packet_wire_canonical CHECK (left(wire, 15) = '{"ciphertext":"'),
        ADD CONSTRAINT outbound_packet_content_hash_hex CHECK (content_hash ~ '^[0-9a-f]{64}$')`);
  }

  async down(db: QueryRunner): Promise<void> {
    await db.query(`
      ALTER TABLE outbound_packet
        DROP CONSTRAINT outbound_packet_content_hash_hex,
        DROP CONSTRAINT outbound_packet_wire_canonical,
        ADD COLUMN packet jsonb`);
    await db.query('UPDATE outbound_packet SET packet = wire::jsonb');
    await db.query(
      'ALTER TABLE outbound_packet ALTER COLUMN packet SET NOT NULL, DROP COLUMN wire, DROP COLUMN content_hash',
    );
  }
}
