/**
 * Every single-byte change of a sealed packet must be refused with a PacketRejection: never accepted
 * (with the same or different content), never a crash of another type.
 * Reproduce a failure with FC_SEED=<seed printed on failure>.
 */
import fc from 'fast-check';
import { fromBase64urlStrict, toBase64url } from '../kernel/crypto/binary-encoding.js';
import { fakeVerifySender, makeTestNode, type TestNode } from './envelope.test-helpers.js';
import { openPacket, sealPacket, verifyPacketSignature, type OpenPacketContext } from './packet-envelope.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { serializePacket, type SealedPacket } from './packet-wire.js';

const NOW = new Date('2025-06-01T10:00:05.000Z');
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 0x7fffffff);

let sender: TestNode;
let recipients: TestNode[];
let packets: { sealed: SealedPacket; wire: Buffer; openers: TestNode[] }[];

beforeAll(async () => {
  sender = await makeTestNode('kr-knpa');
  recipients = await Promise.all(['kh-gdce', 'kr-kcs', 'kh-cnp'].map((id) => makeTestNode(id)));
  const base = {
    type: 'case',
    createdAt: '2025-06-01T10:00:00.000Z',
    expiresAt: '2025-06-02T10:00:00.000Z',
    policyVersion: 'p@7',
    sender: sender.sender,
  };
  const one = await sealPacket({
    ...base,
    body: { caseRef: 'A-1', amounts: [0.1, 2e-7] },
    recipients: [recipients[0].recipient],
  });
  const three = await sealPacket({
    ...base,
    type: 'reply',
    inReplyTo: '01970000-0000-7000-8000-000000000001',
    body: { text: 'ស្វាគមន៍ 안녕 🚩', nested: { list: [true, null, -1] } },
    recipients: recipients.map((r) => r.recipient),
  });
  packets = [
    { sealed: one, wire: Buffer.from(serializePacket(one)), openers: [recipients[0]] },
    { sealed: three, wire: Buffer.from(serializePacket(three)), openers: recipients },
  ];
});

function ctxFor(node: TestNode): OpenPacketContext {
  return {
    self: { nodeId: node.nodeId, encryptionKeys: [node.encryption] },
    verifySender: fakeVerifySender([sender, ...recipients]),
    now: NOW,
  };
}

/** Resolves to the rejection, or throws if the packet was accepted or something else was thrown. */
async function mustReject(input: unknown, opener: TestNode, what: string): Promise<PacketRejection> {
  let opened: unknown;
  try {
    opened = await openPacket(input, ctxFor(opener));
  } catch (error) {
    if (error instanceof PacketRejection) return error;
    throw new Error(`${what}: threw ${String(error)} instead of a PacketRejection`, { cause: error });
  }
  throw new Error(`${what}: was accepted: ${JSON.stringify(opened).slice(0, 200)}`);
}

async function assertWithSeed<T>(property: fc.IAsyncProperty<T>, numRuns: number): Promise<void> {
  try {
    await fc.assert(property, { seed: SEED, numRuns });
  } catch (error) {
    // fast-check's message carries seed and path too; this line makes the rerun command obvious.
    console.error(`fast-check failed with seed ${SEED}; rerun with FC_SEED=${SEED}`);
    throw error;
  }
}

describe('tamper resistance', () => {
  it('the untampered packets open (sanity check)', async () => {
    for (const p of packets)
      for (const node of p.openers) await expect(openPacket(p.wire, ctxFor(node))).resolves.toBeDefined();
  });

  it('rejects every single-byte change of the serialized packet (fast-check)', async () => {
    const change = fc.record({
      packet: fc.nat({ max: packets.length - 1 }),
      position: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      replacement: fc.integer({ min: 0, max: 255 }),
      opener: fc.nat({ max: 2 }),
    });
    const property = fc.asyncProperty(change, async ({ packet, position, replacement, opener }) => {
      const p = packets[packet];
      const index = Math.floor(position * p.wire.length);
      fc.pre(p.wire[index] !== replacement);
      const mutated = Buffer.from(p.wire);
      mutated[index] = replacement;
      await mustReject(mutated, p.openers[opener % p.openers.length], `byte ${index} -> ${replacement}`);
    });
    await assertWithSeed(property, 3000);
  });

  it('rejects a change of every byte position of the serialized packet (sweep)', async () => {
    for (const p of packets) {
      const opener = p.openers[p.openers.length - 1];
      for (let index = 0; index < p.wire.length; index++) {
        for (const mask of [0x01, 0x20]) {
          const mutated = Buffer.from(p.wire);
          mutated[index] ^= mask;
          await mustReject(mutated, opener, `byte ${index} ^ ${mask}`);
        }
      }
    }
  });

  it('rejects every change of a decoded binary field with BAD_SIGNATURE, also for relays (fast-check)', async () => {
    type Field = { name: string; get: (s: SealedPacket) => string; set: (s: SealedPacket, v: string) => SealedPacket };
    const fields: Field[] = [
      { name: 'nonce', get: (s) => s.nonce, set: (s, v) => ({ ...s, nonce: v }) },
      { name: 'ciphertext', get: (s) => s.ciphertext, set: (s, v) => ({ ...s, ciphertext: v }) },
      { name: 'signature', get: (s) => s.signature, set: (s, v) => ({ ...s, signature: v }) },
      ...[0, 1, 2].map((i): Field => ({
        name: `recipients[${i}].sealedKey`,
        get: (s) => s.recipients[i % s.recipients.length].sealedKey,
        set: (s, v) => ({
          ...s,
          recipients: s.recipients.map((r, j) => (j === i % s.recipients.length ? { ...r, sealedKey: v } : r)),
        }),
      })),
    ];
    const change = fc.record({
      packet: fc.nat({ max: packets.length - 1 }),
      field: fc.nat({ max: fields.length - 1 }),
      position: fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }),
      mask: fc.integer({ min: 1, max: 255 }),
      opener: fc.nat({ max: 2 }),
    });
    const property = fc.asyncProperty(change, async ({ packet, field, position, mask, opener }) => {
      const p = packets[packet];
      const f = fields[field];
      const bytes = Uint8Array.from(fromBase64urlStrict(f.get(p.sealed))!);
      const index = Math.floor(position * bytes.length);
      bytes[index] ^= mask;
      const wire = serializePacket(f.set(p.sealed, toBase64url(bytes)));
      const what = `${f.name} byte ${index} ^ ${mask}`;
      const error = await mustReject(wire, p.openers[opener % p.openers.length], what);
      expect(error.reason).toBe(PacketRejectionReason.BAD_SIGNATURE);
      await expect(verifyPacketSignature(wire, fakeVerifySender([sender]), { now: NOW })).rejects.toMatchObject({
        reason: PacketRejectionReason.BAD_SIGNATURE,
      });
    });
    await assertWithSeed(property, 1500);
  });
});
