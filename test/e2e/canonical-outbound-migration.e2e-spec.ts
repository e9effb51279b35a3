import { DataSource } from 'typeorm';
import { makeTestNode } from '../../src/envelope/envelope.test-helpers.js';
import { sealPacket } from '../../src/envelope/packet-envelope.js';
import { serializePacket } from '../../src/envelope/packet-wire.js';
import { MIGRATIONS } from '../../src/database/migrations/index.js';
import { createTestDatabase, sql } from '../support/test-database.js';

/**
 * Migration 1765300000000 moves packets queued before it (stored as jsonb, PostgreSQL's member order)
 * to the canonical wire text a sender must emit (PROTOCOL.md §7); a down migration keeps them whole.
 */
describe('migration: outbound packets become their canonical wire text', () => {
  it('rewrites queued packets in canonical form, byte for byte what serializePacket gives', async () => {
    const url = await createTestDatabase('canonical_outbound');
    const mine = MIGRATIONS.findIndex((m) => m.name === 'CanonicalOutboundPackets1765300000000');
    const before = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS.slice(0, mine) });
    await before.initialize();
    await before.runMigrations({ transaction: 'each' });
    await before.destroy();

    const [knpa, cnp] = await Promise.all([makeTestNode('kr-knpa'), makeTestNode('kh-cnp')]);
    const packets = await Promise.all(
      ['a', 'b', 'c'].map((reference) =>
        sealPacket({
          type: 'case',
          expiresAt: new Date(Date.now() + 3600_000),
          policyVersion: 'kr-knpa/kh-cnp/v1',
          body: { reference, text: 'é ☃ \u2028 "quoted"' },
          sender: knpa.sender,
          recipients: [cnp.recipient],
        }),
      ),
    );
    for (const packet of packets)
      await sql(
        url,
        "INSERT INTO outbound_packet (packet_id, partner_id, type, packet) VALUES ($1, 'kh-cnp', 'case', $2)",
        [packet.header.packetId, JSON.stringify(packet)],
      );
    const [{ jsonb }] = await sql<{ jsonb: string }>(url, 'SELECT packet::text AS jsonb FROM outbound_packet LIMIT 1');
    expect(jsonb.startsWith('{"ciphertext":')).toBe(false); // what used to go on the wire

    const after = new DataSource({ type: 'postgres', url, migrations: MIGRATIONS.slice(0, mine + 1) });
    await after.initialize();
    await after.runMigrations({ transaction: 'each' });
    const rows = await sql<{ packet_id: string; wire: string; content_hash: string }>(
      url,
      'SELECT packet_id, wire, content_hash FROM outbound_packet',
    );
    expect(rows).toHaveLength(3);
    for (const packet of packets) {
      const row = rows.find((r) => r.packet_id === packet.header.packetId)!;
      expect(row.wire).toBe(serializePacket(packet));
      expect(row.content_hash).toBe(packet.header.contentHash);
    }
    await expect(
      sql(
        url,
        "INSERT INTO outbound_packet (packet_id, partner_id, type, wire, content_hash) VALUES (gen_random_uuid(), 'x', 'case', '{}', $1)",
        ['0'.repeat(64)],
      ),
    ).rejects.toThrow(/outbound_packet_wire_canonical/);

    await after.undoLastMigration({ transaction: 'each' });
    const restored = await sql<{ packet: unknown }>(url, 'SELECT packet FROM outbound_packet');
    expect(restored.map((r) => r.packet)).toEqual(
      expect.arrayContaining(packets.map((p) => JSON.parse(JSON.stringify(p)))),
    );
    await after.destroy();
  });
});
