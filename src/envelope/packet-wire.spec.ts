import { makeTestNode, type TestNode } from './envelope.test-helpers.js';
import { sealPacket } from './packet-envelope.js';
import { checkPacketTimeWindow, validateHeader, type PacketHeader } from './packet-header.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { decodePacket, serializePacket, type SealedPacket } from './packet-wire.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import { readFileSync } from 'node:fs';

const packetVectors = JSON.parse(
  readFileSync(new URL('../../test/vectors/packet-envelope-v1.json', import.meta.url), 'utf8'),
) as { vectors: { name: string; wire: string }[] };

type Json = Record<string, unknown>;
let knpa: TestNode;
let gdce: TestNode;
let valid: Json;

beforeAll(async () => {
  [knpa, gdce] = await Promise.all([makeTestNode('kr-knpa'), makeTestNode('kh-gdce')]);
  const sealed = await sealPacket({
    type: 'case',
    createdAt: '2025-06-01T10:00:00.000Z',
    expiresAt: '2025-06-02T10:00:00.000Z',
    inReplyTo: '01970000-0000-7000-8000-000000000001',
    policyVersion: '1',
    body: { a: 1 },
    sender: knpa.sender,
    recipients: [gdce.recipient],
  });
  valid = JSON.parse(serializePacket(sealed)) as Json;
});

function rejectionOf(fn: () => unknown): PacketRejection {
  try {
    fn();
  } catch (error) {
    if (error instanceof PacketRejection) return error;
    throw error;
  }
  throw new Error('expected a PacketRejection');
}

/** A deep copy of the valid packet with one change applied. */
function variant(change: (p: Json, h: Json, r: Json) => void): Json {
  const copy = JSON.parse(JSON.stringify(valid)) as Json;
  change(copy, copy.header as Json, (copy.recipients as Json[])[0]);
  return copy;
}

describe('decodePacket structure checks', () => {
  it('decodes the valid packet', () => {
    expect(decodePacket(valid).header.from).toBe('kr-knpa');
  });

  const cases: Array<[string, () => unknown, string]> = [
    ['not JSON', () => '{"header":', 'packet: not valid JSON'],
    ['invalid UTF-8 bytes', () => Buffer.from([0x7b, 0xff, 0x7d]), 'packet: not valid UTF-8'],
    [
      'a byte-order mark',
      () => Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(JSON.stringify(valid))]),
      'not valid JSON',
    ],
    ['an array', () => [], 'packet: must be a JSON object'],
    [
      'no header',
      () =>
        variant((p) => {
          delete p.header;
        }),
      'packet.header: missing',
    ],
    [
      'an unknown top-level field',
      () =>
        variant((p) => {
          p.extra = 1;
        }),
      'packet: unknown field "extra"',
    ],
    [
      'a __proto__ field',
      () => JSON.parse(JSON.stringify(valid).replace('{"ciphertext"', '{"__proto__":{},"ciphertext"')),
      'unknown field "__proto__"',
    ],
    [
      'a string version',
      () =>
        variant((_p, h) => {
          h.version = '1';
        }),
      'packet.header.version: must be an integer',
    ],
    [
      'an unknown header field',
      () =>
        variant((_p, h) => {
          h.priority = 'high';
        }),
      'packet.header: unknown field "priority"',
    ],
    ...['packetId', 'type', 'from', 'to', 'createdAt', 'expiresAt', 'policyVersion', 'contentHash', 'senderKeyId'].map(
      (field): [string, () => unknown, string] => [
        `no header.${field}`,
        () =>
          variant((_p, h) => {
            delete h[field];
          }),
        `packet.header.${field}: missing`,
      ],
    ),
    [
      'a UUIDv4 packet id',
      () =>
        variant((_p, h) => {
          h.packetId = '3b241101-e2bb-4255-8caf-4136c566a962';
        }),
      'packet.header.packetId',
    ],
    [
      'an upper-case packet id',
      () =>
        variant((_p, h) => {
          h.packetId = (h.packetId as string).toUpperCase();
        }),
      'packet.header.packetId',
    ],
    [
      'a null inReplyTo',
      () =>
        variant((_p, h) => {
          h.inReplyTo = null;
        }),
      'packet.header.inReplyTo: must be a string',
    ],
    [
      'an upper-case type',
      () =>
        variant((_p, h) => {
          h.type = 'Case';
        }),
      'packet.header.type',
    ],
    [
      'a bad node id in from',
      () =>
        variant((_p, h) => {
          h.from = 'KR_KNPA';
        }),
      'packet.header.from',
    ],
    [
      'an empty to',
      () =>
        variant((_p, h) => {
          h.to = [];
        }),
      'packet.header.to: must list 1 to 64',
    ],
    [
      'a string to',
      () =>
        variant((_p, h) => {
          h.to = 'kh-gdce';
        }),
      'packet.header.to: must be an array',
    ],
    [
      'a duplicate in to',
      () =>
        variant((_p, h) => {
          h.to = ['kh-gdce', 'kh-gdce'];
        }),
      'duplicate node id',
    ],
    [
      'the sender in to',
      () =>
        variant((_p, h) => {
          h.to = ['kr-knpa'];
        }),
      'must not contain the sender',
    ],
    [
      'a timestamp without milliseconds',
      () =>
        variant((_p, h) => {
          h.createdAt = '2025-06-01T10:00:00Z';
        }),
      'packet.header.createdAt',
    ],
    [
      'a timestamp with an offset',
      () =>
        variant((_p, h) => {
          h.createdAt = '2025-06-01T10:00:00.000+00:00';
        }),
      'packet.header.createdAt',
    ],
    [
      'an impossible date',
      () =>
        variant((_p, h) => {
          h.expiresAt = '2025-02-30T10:00:00.000Z';
        }),
      'packet.header.expiresAt',
    ],
    [
      'expiry before creation',
      () =>
        variant((_p, h) => {
          h.expiresAt = '2025-06-01T09:00:00.000Z';
        }),
      'must be after createdAt',
    ],
    [
      'a 31-day lifetime',
      () =>
        variant((_p, h) => {
          h.expiresAt = '2025-07-02T10:00:00.000Z';
        }),
      'more than 30 days',
    ],
    [
      'an upper-case content hash',
      () =>
        variant((_p, h) => {
          h.contentHash = (h.contentHash as string).toUpperCase();
        }),
      'packet.header.contentHash',
    ],
    [
      'a non-canonical key id',
      () =>
        variant((_p, h) => {
          h.senderKeyId = `${(h.senderKeyId as string).slice(0, 21)}B`;
        }),
      'packet.header.senderKeyId',
    ],
    [
      'missing recipients',
      () =>
        variant((p) => {
          delete p.recipients;
        }),
      'packet.recipients: missing',
    ],
    [
      'more recipients than to',
      () =>
        variant((p, _h, r) => {
          p.recipients = [r, r];
        }),
      'has 2 entries but header.to names 1',
    ],
    [
      'a recipient for another node',
      () =>
        variant((_p, _h, r) => {
          r.to = 'kr-kcs';
        }),
      'packet.recipients[0].to',
    ],
    [
      'an unknown recipient field',
      () =>
        variant((_p, _h, r) => {
          r.note = 'x';
        }),
      'packet.recipients[0]: unknown field "note"',
    ],
    [
      'a bad recipient key id',
      () =>
        variant((_p, _h, r) => {
          r.keyId = 'short';
        }),
      'packet.recipients[0].keyId',
    ],
    [
      'a padded sealed key',
      () =>
        variant((_p, _h, r) => {
          r.sealedKey = `${r.sealedKey as string}=`;
        }),
      'packet.recipients[0].sealedKey: not canonical',
    ],
    [
      'a short sealed key',
      () =>
        variant((_p, _h, r) => {
          r.sealedKey = (r.sealedKey as string).slice(0, 104);
        }),
      'decodes to 78 bytes, expected 80',
    ],
    [
      'standard base64 in the nonce',
      () =>
        variant((p) => {
          p.nonce = 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAA+/';
        }),
      'packet.nonce: not canonical',
    ],
    [
      'a short nonce',
      () =>
        variant((p) => {
          p.nonce = 'AAAA';
        }),
      'packet.nonce: decodes to 3 bytes, expected 24',
    ],
    [
      'spare bits set in the signature',
      () =>
        variant((p) => {
          p.signature = `${(p.signature as string).slice(0, 85)}B`;
        }),
      'packet.signature: not canonical',
    ],
    [
      'whitespace in the ciphertext',
      () =>
        variant((p) => {
          p.ciphertext = ` ${p.ciphertext as string}`;
        }),
      'packet.ciphertext: not canonical',
    ],
    [
      'a tag-only ciphertext',
      () =>
        variant((p) => {
          p.ciphertext = 'A'.repeat(22);
        }),
      'packet.ciphertext: decodes to 16 bytes, expected at least 17',
    ],
    [
      'an empty certificate',
      () =>
        variant((p) => {
          p.senderCertificate = '';
        }),
      'packet.senderCertificate',
    ],
    [
      'a certificate with a lone surrogate',
      () =>
        variant((p) => {
          p.senderCertificate = 'x\ud800';
        }),
      'lone UTF-16 surrogate',
    ],
  ];
  it.each(cases)('rejects %s as MALFORMED', (_name, make, detail) => {
    const error = rejectionOf(() => decodePacket(make()));
    expect(error.reason).toBe(PacketRejectionReason.MALFORMED);
    expect(error.message).toContain(detail);
  });

  // docs/schemas/packet.json is what partners build to (PROTOCOL.md §7): it must accept what the node
  // accepts and refuse the same faults, except those it says are checked beyond a schema.
  // Relations between members (PROTOCOL.md §7, §8) and lone surrogates: no JSON Schema can say them.
  const BEYOND_SCHEMA = [
    'the sender in to',
    'expiry before creation',
    'a 31-day lifetime',
    'more recipients than to',
    'a recipient for another node',
    'a certificate with a lone surrogate',
  ];
  it('docs/schemas/packet.json accepts the valid packet and every committed vector', () => {
    const schema = wireValidator('packet');
    expect(schema.problem(valid)).toBeUndefined();
    for (const vector of packetVectors.vectors) expect(schema.problem(JSON.parse(vector.wire))).toBeUndefined();
  });
  it('docs/schemas/packet.json refuses the faults decodePacket refuses, except those beyond a schema', () => {
    const schema = wireValidator('packet');
    const acceptedBySchema = cases
      .map(([name, make]) => [name, make()] as const)
      .filter(([, input]) => typeof input === 'object' && !Buffer.isBuffer(input))
      .filter(([, input]) => schema.problem(input) === undefined)
      .map(([name]) => name);
    expect(acceptedBySchema).toEqual(BEYOND_SCHEMA);
  });

  it('reports an unknown version as UNSUPPORTED_VERSION before anything else', () => {
    const error = rejectionOf(() => decodePacket({ header: { version: 2, shape: 'new' }, whatever: true }));
    expect(error.reason).toBe(PacketRejectionReason.UNSUPPORTED_VERSION);
    expect(error.message).toContain('supports version 1');
  });

  it('keeps hostile strings out of log messages', () => {
    const error = rejectionOf(() =>
      decodePacket(
        variant((_p, h) => {
          h.type = `x\n${'y'.repeat(500)}`;
        }),
      ),
    );
    expect(error.message).not.toContain('\n');
    expect(error.message.length).toBeLessThan(300);
  });

  it('returns a packet that serializes back to the same wire text', () => {
    expect(serializePacket(decodePacket(JSON.stringify(valid)).packet)).toBe(
      serializePacket(valid as unknown as SealedPacket),
    );
  });
});

describe('checkPacketTimeWindow', () => {
  const header = (): PacketHeader => validateHeader(valid.header);
  const check = (now: string, skew = 300): string | undefined => {
    try {
      checkPacketTimeWindow(header(), new Date(now), skew);
      return undefined;
    } catch (error) {
      return (error as PacketRejection).reason;
    }
  };
  it('applies inclusive bounds with the skew on both sides', () => {
    expect(check('2025-06-01T09:55:00.000Z')).toBeUndefined();
    expect(check('2025-06-01T09:54:59.999Z')).toBe(PacketRejectionReason.PACKET_FROM_FUTURE);
    expect(check('2025-06-02T10:05:00.000Z')).toBeUndefined();
    expect(check('2025-06-02T10:05:00.001Z')).toBe(PacketRejectionReason.PACKET_EXPIRED);
    expect(check('2025-06-02T10:00:00.000Z', 0)).toBeUndefined();
    expect(check('2025-06-02T10:00:00.001Z', 0)).toBe(PacketRejectionReason.PACKET_EXPIRED);
  });
});

describe('wire text parsing paths', () => {
  it('accepts non-canonical but equivalent JSON through the general path', async () => {
    const pretty = JSON.stringify(valid, null, 2);
    const reordered = JSON.stringify({
      header: valid.header,
      ciphertext: valid.ciphertext,
      nonce: valid.nonce,
      recipients: valid.recipients,
      senderCertificate: valid.senderCertificate,
      signature: valid.signature,
    });
    for (const text of [pretty, reordered]) {
      expect(serializePacket(decodePacket(text).packet)).toBe(serializePacket(decodePacket(valid).packet));
    }
  });

  it('gives a duplicate ciphertext key JSON.parse semantics (last one wins)', () => {
    const wire = serializePacket(decodePacket(valid).packet);
    const duplicated = wire.replace(',"header":', ',"ciphertext":"AAAA","header":');
    const error = rejectionOf(() => decodePacket(duplicated));
    expect(error.message).toContain('packet.ciphertext: decodes to 3 bytes');
  });

  it('refuses to serialize a hand-made packet whose ciphertext would inject JSON', () => {
    const forged = { ...(valid as unknown as SealedPacket), ciphertext: 'AAAA","header":{}' };
    expect(() => serializePacket(forged)).toThrow(TypeError);
  });

  it('returns frozen packets so a checked packet cannot be altered afterwards', () => {
    const { packet } = decodePacket(valid);
    expect(Object.isFrozen(packet) && Object.isFrozen(packet.header) && Object.isFrozen(packet.recipients[0])).toBe(
      true,
    );
  });
});
