import canonicalizeModule from 'canonicalize';
import { fromBase64urlStrict, keyIdOf, sha256, toBase64url, utf8 } from '../kernel/crypto/binary-encoding.js';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import {
  deterministicRandomness,
  encryptionKeyPair,
  fakeCertificatePem,
  fakeVerifySender,
  makeTestNode,
  type TestNode,
} from './envelope.test-helpers.js';
import {
  openPacket,
  sealPacket,
  sealPrepared,
  verifyPacketSignature,
  type OpenPacketContext,
  type SealPacketInput,
} from './packet-envelope.js';
import type { PacketHeader } from './packet-header.js';
import { PacketRejection, PacketRejectionReason } from '../kernel/vocabulary/packet-rejection.js';
import { serializePacket, type SealedPacket } from './packet-wire.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';

const CREATED_AT = '2025-06-01T10:00:00.000Z';
const EXPIRES_AT = '2025-06-02T10:00:00.000Z';
const NOW = new Date('2025-06-01T10:00:05.000Z');
const BODY: JsonValue = {
  caseRef: 'KNPA-2025-0042',
  title: 'Romance-scam wallet cluster',
  amounts: [1.5, 1e21],
  note: '캄보디아 ✓ 🚩',
};

let knpa: TestNode;
let gdce: TestNode;
let kcs: TestNode;
let cnp: TestNode;
let hub: TestNode;
let nodes: TestNode[];

beforeAll(async () => {
  [knpa, gdce, kcs, cnp, hub] = await Promise.all(
    ['kr-knpa', 'kh-gdce', 'kr-kcs', 'kh-cnp', 'asean-hub'].map((id) => makeTestNode(id)),
  );
  nodes = [knpa, gdce, kcs, cnp, hub];
});

function input(overrides: Partial<SealPacketInput> = {}): SealPacketInput {
  return {
    type: 'case',
    createdAt: CREATED_AT,
    expiresAt: EXPIRES_AT,
    policyVersion: 'kr-knpa/kh-gdce@3',
    body: BODY,
    sender: knpa.sender,
    recipients: [gdce.recipient],
    ...overrides,
  };
}

function ctxFor(node: TestNode, overrides: Partial<OpenPacketContext> = {}): OpenPacketContext {
  return {
    self: { nodeId: node.nodeId, encryptionKeys: [node.encryption] },
    verifySender: fakeVerifySender(nodes),
    now: NOW,
    ...overrides,
  };
}

async function rejection(promise: Promise<unknown>): Promise<PacketRejection> {
  try {
    await promise;
  } catch (error) {
    if (error instanceof PacketRejection) return error;
    throw error;
  }
  throw new Error('expected a PacketRejection, but the packet was accepted');
}

async function expectReason(promise: Promise<unknown>, reason: PacketRejectionReason): Promise<PacketRejection> {
  const error = await rejection(promise);
  expect(error.reason).toBe(reason);
  return error;
}

/** Re-sign a tampered packet with the given sender key, as an attacker holding that key could. */
async function resign(packet: SealedPacket, sender = knpa.sender): Promise<SealedPacket> {
  const sodium = await sodiumReady();
  const { buildSignatureInput } = await import('./packet-crypto.js');
  const canon = canonicalizeModule as unknown as (v: unknown) => string;
  const input = buildSignatureInput(
    utf8(canon(packet.header)),
    utf8(canon(packet.recipients)),
    fromBase64urlStrict(packet.nonce)!,
    fromBase64urlStrict(packet.ciphertext)!,
    packet.senderCertificate,
  );
  return { ...packet, signature: toBase64url(sodium.crypto_sign_detached(input, sender.signingSecretKey)) };
}

describe('sealPacket / openPacket round trip', () => {
  it('opens a packet for one recipient and returns header, body and certificate', async () => {
    const sealed = await sealPacket(input({ inReplyTo: '01970000-0000-7000-8000-000000000001' }));
    const opened = await openPacket(serializePacket(sealed), ctxFor(gdce));
    expect(opened.body).toEqual(BODY);
    expect(opened.senderCertificatePem).toBe(knpa.sender.certificatePem);
    expect(opened.header).toEqual(sealed.header);
    expect(opened.header).toMatchObject({
      version: 1,
      type: 'case',
      from: 'kr-knpa',
      to: ['kh-gdce'],
      createdAt: CREATED_AT,
      expiresAt: EXPIRES_AT,
      inReplyTo: '01970000-0000-7000-8000-000000000001',
      policyVersion: 'kr-knpa/kh-gdce@3',
      senderKeyId: keyIdOf(knpa.sender.signingPublicKey),
    });
    expect(opened.header.packetId).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7/);
  });

  it('accepts the wire text, its UTF-8 bytes and the parsed object alike', async () => {
    const wire = serializePacket(await sealPacket(input()));
    for (const form of [wire, Buffer.from(wire), JSON.parse(wire) as unknown]) {
      await expect(openPacket(form, ctxFor(gdce))).resolves.toMatchObject({ body: BODY });
    }
  });

  it('addresses three recipients, each opening with its own key only', async () => {
    const sealed = await sealPacket(input({ recipients: [gdce.recipient, kcs.recipient, cnp.recipient] }));
    const wire = serializePacket(sealed);
    for (const node of [gdce, kcs, cnp]) {
      await expect(openPacket(wire, ctxFor(node))).resolves.toMatchObject({ body: BODY });
    }
    // kh-gdce's entry opened with kr-kcs's key pair: the key id does not match any held key.
    await expectReason(
      openPacket(wire, ctxFor(gdce, { self: { nodeId: 'kh-gdce', encryptionKeys: [kcs.encryption] } })),
      PacketRejectionReason.DECRYPTION_FAILED,
    );
  });

  it('rejects a node that is not addressed', async () => {
    const wire = serializePacket(await sealPacket(input({ recipients: [gdce.recipient, kcs.recipient] })));
    const error = await expectReason(openPacket(wire, ctxFor(hub)), PacketRejectionReason.NOT_ADDRESSED_TO_US);
    expect(error.message).toContain('asean-hub');
    expect(error.packetId).toMatch(/-7/);
  });

  it('rejects a node that writes its id into header.to without a recipient entry', async () => {
    const sealed = await sealPacket(input());
    const forged = { ...sealed, header: { ...sealed.header, to: [...sealed.header.to, 'asean-hub'] } };
    // recipients no longer match header.to one to one
    await expectReason(openPacket(forged, ctxFor(hub)), PacketRejectionReason.MALFORMED);
    const swapped = {
      ...sealed,
      header: { ...sealed.header, to: ['asean-hub'] },
      recipients: [{ ...sealed.recipients[0], to: 'asean-hub' }],
    };
    await expectReason(openPacket(swapped, ctxFor(hub)), PacketRejectionReason.BAD_SIGNATURE);
  });

  it('produces sealed keys that plain crypto_box_seal_open opens', async () => {
    const sodium = await sodiumReady();
    const sealed = await sealPacket(input());
    const contentKey = sodium.crypto_box_seal_open(
      fromBase64urlStrict(sealed.recipients[0].sealedKey)!,
      gdce.encryption.publicKey,
      gdce.encryption.secretKey,
    );
    expect(contentKey).toHaveLength(32);
    expect(sealed.recipients[0].keyId).toBe(keyIdOf(gdce.encryption.publicKey));
  });

  it('serializes to exactly the RFC 8785 form of the packet', async () => {
    const sealed = await sealPacket(input({ recipients: [gdce.recipient, kcs.recipient] }));
    const canon = canonicalizeModule as unknown as (v: unknown) => string;
    expect(serializePacket(sealed)).toBe(canon(sealed));
  });

  it('draws fresh randomness per packet', async () => {
    const a = await sealPacket(input());
    const b = await sealPacket(input());
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.header.packetId).not.toBe(b.header.packetId);
  });

  it('is deterministic with injected randomness', async () => {
    const fixed = (): SealPacketInput =>
      input({ packetId: '01970000-0000-7000-8000-0000000000aa', randomness: deterministicRandomness('x') });
    expect(serializePacket(await sealPacket(fixed()))).toBe(serializePacket(await sealPacket(fixed())));
  });
});

describe('sender verification', () => {
  it('passes certificate rejections from verifySender through', async () => {
    const wire = serializePacket(await sealPacket(input()));
    await expectReason(
      openPacket(wire, ctxFor(gdce, { verifySender: fakeVerifySender(nodes, { revoked: new Set(['kr-knpa']) }) })),
      PacketRejectionReason.CERTIFICATE_REVOKED,
    );
    await expectReason(
      openPacket(wire, ctxFor(gdce, { verifySender: fakeVerifySender(nodes, { expired: new Set(['kr-knpa']) }) })),
      PacketRejectionReason.CERTIFICATE_EXPIRED,
    );
    await expectReason(
      openPacket(wire, ctxFor(gdce, { verifySender: fakeVerifySender([gdce]) })),
      PacketRejectionReason.UNKNOWN_SENDER,
    );
  });

  it('gives verifySender the sender, the certificate and the receiver clock', async () => {
    const calls: unknown[][] = [];
    const wire = serializePacket(await sealPacket(input()));
    await openPacket(
      wire,
      ctxFor(gdce, {
        verifySender: async (...args) => {
          calls.push(args);
          return { signingPublicKey: knpa.sender.signingPublicKey };
        },
      }),
    );
    expect(calls).toEqual([['kr-knpa', knpa.sender.certificatePem, NOW]]);
  });

  it('rejects a signature by a key other than the certified one', async () => {
    const impostor = await makeTestNode('kr-knpa', 2);
    const wire = serializePacket(
      await sealPacket(input({ sender: { ...impostor.sender, certificatePem: knpa.sender.certificatePem } })),
    );
    const error = await expectReason(openPacket(wire, ctxFor(gdce)), PacketRejectionReason.BAD_SIGNATURE);
    expect(error.detail).toContain('senderKeyId');
    // Same key id as the certificate but a signature by another key.
    const sealed = await sealPacket(input());
    const forged = await resign(sealed, impostor.sender);
    await expectReason(openPacket(forged, ctxFor(gdce)), PacketRejectionReason.BAD_SIGNATURE);
  });

  it('rejects a swapped certificate even when the sender trusts both', async () => {
    const rotated = await makeTestNode('kr-knpa', 2);
    const sealed = await sealPacket(input());
    const swapped = { ...sealed, senderCertificate: rotated.sender.certificatePem };
    await expectReason(
      openPacket(
        swapped,
        ctxFor(gdce, { verifySender: async () => ({ signingPublicKey: knpa.sender.signingPublicKey }) }),
      ),
      PacketRejectionReason.BAD_SIGNATURE,
    );
  });

  it('treats a certificate without a usable key as untrusted', async () => {
    const wire = serializePacket(await sealPacket(input()));
    await expectReason(
      openPacket(wire, ctxFor(gdce, { verifySender: async () => ({ signingPublicKey: new Uint8Array(31) }) })),
      PacketRejectionReason.UNTRUSTED_CERTIFICATE,
    );
  });

  it('lets infrastructure errors from callbacks propagate unchanged', async () => {
    const wire = serializePacket(await sealPacket(input()));
    const boom = new Error('database down');
    await expect(
      openPacket(
        wire,
        ctxFor(gdce, {
          isReplay: async () => {
            throw boom;
          },
        }),
      ),
    ).rejects.toBe(boom);
  });
});

describe('verifyPacketSignature (relays)', () => {
  it('verifies provenance without any decryption key, and rejects tampering', async () => {
    const sealed = await sealPacket(input());
    const verified = await verifyPacketSignature(serializePacket(sealed), fakeVerifySender(nodes), { now: NOW });
    expect(verified.header).toEqual(sealed.header);
    expect(serializePacket(verified.packet)).toBe(serializePacket(sealed));
    const tampered = { ...sealed, header: { ...sealed.header, policyVersion: 'other' } };
    await expectReason(verifyPacketSignature(tampered, fakeVerifySender(nodes)), PacketRejectionReason.BAD_SIGNATURE);
  });
});

describe('replay protection', () => {
  it('rejects a packet id already seen from that sender, after checking the signature', async () => {
    const seen = new Set<string>();
    const isReplay = async (packetId: string, from: string): Promise<boolean> => {
      const key = `${from}/${packetId}`;
      if (seen.has(key)) return true;
      seen.add(key);
      return false;
    };
    const wire = serializePacket(await sealPacket(input()));
    await openPacket(wire, ctxFor(gdce, { isReplay }));
    await expectReason(openPacket(wire, ctxFor(gdce, { isReplay })), PacketRejectionReason.REPLAY);
    // A forged copy must not reach isReplay at all.
    const calls: string[] = [];
    const forged = { ...(JSON.parse(wire) as SealedPacket), signature: toBase64url(new Uint8Array(64)) };
    await expectReason(
      openPacket(
        forged,
        ctxFor(gdce, {
          isReplay: async (id) => {
            calls.push(id);
            return false;
          },
        }),
      ),
      PacketRejectionReason.BAD_SIGNATURE,
    );
    expect(calls).toEqual([]);
  });
});

describe('time window and clock skew', () => {
  const at = (iso: string, skew?: number): OpenPacketContext =>
    ctxFor(gdce, { now: new Date(iso), maxClockSkewSeconds: skew });
  let wire: string;
  beforeAll(async () => {
    wire = serializePacket(await sealPacket(input()));
  });

  it('accepts up to expiresAt + skew and rejects one millisecond later', async () => {
    await expect(openPacket(wire, at('2025-06-02T10:05:00.000Z'))).resolves.toBeDefined();
    await expectReason(openPacket(wire, at('2025-06-02T10:05:00.001Z')), PacketRejectionReason.PACKET_EXPIRED);
    await expectReason(openPacket(wire, at('2025-06-02T10:00:00.001Z', 0)), PacketRejectionReason.PACKET_EXPIRED);
  });

  it('accepts createdAt up to now + skew and rejects one millisecond more', async () => {
    await expect(openPacket(wire, at('2025-06-01T09:55:00.000Z'))).resolves.toBeDefined();
    const error = await expectReason(
      openPacket(wire, at('2025-06-01T09:54:59.999Z')),
      PacketRejectionReason.PACKET_FROM_FUTURE,
    );
    expect(error.message).toContain('2025-06-01T10:00:00.000Z');
    await expectReason(openPacket(wire, at('2025-06-01T09:59:59.999Z', 0)), PacketRejectionReason.PACKET_FROM_FUTURE);
    await expect(openPacket(wire, at('2025-06-01T09:00:00.000Z', 3600))).resolves.toBeDefined();
  });

  it('checks the time window before the certificate', async () => {
    let called = false;
    const ctx = {
      ...at('2025-07-01T00:00:00.000Z'),
      verifySender: async () => {
        called = true;
        return { signingPublicKey: knpa.sender.signingPublicKey };
      },
    };
    await expectReason(openPacket(wire, ctx), PacketRejectionReason.PACKET_EXPIRED);
    expect(called).toBe(false);
  });

  it('refuses to seal a packet that expires before it is created or lives over 30 days', async () => {
    await expect(sealPacket(input({ expiresAt: CREATED_AT }))).rejects.toThrow(TypeError);
    await expect(sealPacket(input({ expiresAt: '2025-07-01T10:00:00.001Z' }))).rejects.toThrow(/30 days/);
  });
});

describe('key rotation', () => {
  it('opens a packet sealed to the previous encryption key while that key is still held', async () => {
    const previous = gdce.encryption;
    const current = await encryptionKeyPair('kh-gdce/encryption/2');
    const wire = serializePacket(await sealPacket(input())); // sender still knows only the old key
    const rotatedCtx = ctxFor(gdce, { self: { nodeId: 'kh-gdce', encryptionKeys: [current, previous] } });
    await expect(openPacket(wire, rotatedCtx)).resolves.toMatchObject({ body: BODY });
    const newWire = serializePacket(
      await sealPacket(input({ recipients: [{ nodeId: 'kh-gdce', x25519PublicKey: current.publicKey }] })),
    );
    await expect(openPacket(newWire, rotatedCtx)).resolves.toMatchObject({ body: BODY });
    // After the grace period the old key is dropped.
    const error = await expectReason(
      openPacket(wire, ctxFor(gdce, { self: { nodeId: 'kh-gdce', encryptionKeys: [current] } })),
      PacketRejectionReason.DECRYPTION_FAILED,
    );
    expect(error.detail).toContain(keyIdOf(previous.publicKey));
  });

  it('accepts a packet from a sender that rotated its signing key when its new certificate is trusted', async () => {
    const rotated = await makeTestNode('kr-knpa', 2);
    const wire = serializePacket(await sealPacket(input({ sender: rotated.sender })));
    await expect(
      openPacket(wire, ctxFor(gdce, { verifySender: fakeVerifySender([...nodes, rotated]) })),
    ).resolves.toMatchObject({ body: BODY });
    await expectReason(openPacket(wire, ctxFor(gdce)), PacketRejectionReason.UNTRUSTED_CERTIFICATE);
  });
});

describe('surreptitious forwarding', () => {
  it('rejects a recipient re-sealing a signed packet to a third node under the original signature', async () => {
    const sodium = await sodiumReady();
    const original = await sealPacket(input());
    const opened = await openPacket(original, ctxFor(gdce));
    // kh-gdce re-encrypts the same body to kr-kcs and keeps kr-knpa's signature.
    const resealed = await sealPacket(
      input({ body: opened.body, packetId: original.header.packetId, recipients: [kcs.recipient] }),
    );
    const forwarded = { ...resealed, signature: original.signature };
    await expectReason(openPacket(forwarded, ctxFor(kcs)), PacketRejectionReason.BAD_SIGNATURE);
    await expectReason(verifyPacketSignature(forwarded, fakeVerifySender(nodes)), PacketRejectionReason.BAD_SIGNATURE);

    // Keeping the original header, ciphertext and signature but adding a key copy for kr-kcs.
    const contentKey = sodium.crypto_box_seal_open(
      fromBase64urlStrict(original.recipients[0].sealedKey)!,
      gdce.encryption.publicKey,
      gdce.encryption.secretKey,
    );
    const extra = {
      to: 'kr-kcs',
      keyId: keyIdOf(kcs.encryption.publicKey),
      sealedKey: toBase64url(sodium.crypto_box_seal(contentKey, kcs.encryption.publicKey)),
    };
    const widened = {
      ...original,
      header: { ...original.header, to: ['kh-gdce', 'kr-kcs'] },
      recipients: [...original.recipients, extra],
    };
    await expectReason(openPacket(widened, ctxFor(kcs)), PacketRejectionReason.BAD_SIGNATURE);
  });

  it('rejects a recipient re-signing the original plaintext as its own packet', async () => {
    // kh-gdce wraps kr-knpa's exact plaintext (which names kr-knpa -> kh-gdce) in a packet of its own.
    const sodium = await sodiumReady();
    const original = await sealPacket(input());
    const plaintext = utf8(
      (canonicalizeModule as unknown as (v: unknown) => string)({
        body: BODY,
        from: 'kr-knpa',
        packetId: original.header.packetId,
        to: ['kh-gdce'],
        type: 'case',
      }),
    );
    const header: PacketHeader = {
      ...original.header,
      from: 'kh-gdce',
      to: ['kr-kcs'],
      contentHash: sha256(plaintext).toString('hex'),
      senderKeyId: keyIdOf(gdce.sender.signingPublicKey),
    };
    const packet = sealPrepared(
      sodium,
      header,
      plaintext,
      gdce.sender,
      [kcs.recipient],
      deterministicRandomness('fwd'),
    );
    const error = await expectReason(openPacket(packet, ctxFor(kcs)), PacketRejectionReason.HEADER_PAYLOAD_MISMATCH);
    expect(error.detail).toContain('from');
  });
});

describe('header / payload agreement', () => {
  async function sealInconsistent(
    mutate: (plain: Record<string, unknown>) => void,
    hashOf?: Uint8Array,
  ): Promise<SealedPacket> {
    const sodium = await sodiumReady();
    const packetId = '01970000-0000-7000-8000-0000000000bb';
    const plain: Record<string, unknown> = { body: BODY, from: 'kr-knpa', packetId, to: ['kh-gdce'], type: 'case' };
    mutate(plain);
    const plaintext = utf8((canonicalizeModule as unknown as (v: unknown) => string)(plain));
    const header: PacketHeader = {
      version: 1,
      packetId,
      type: 'case',
      from: 'kr-knpa',
      to: ['kh-gdce'],
      createdAt: CREATED_AT,
      expiresAt: EXPIRES_AT,
      policyVersion: '1',
      contentHash: sha256(hashOf ?? plaintext).toString('hex'),
      senderKeyId: keyIdOf(knpa.sender.signingPublicKey),
    };
    return sealPrepared(sodium, header, plaintext, knpa.sender, [gdce.recipient], deterministicRandomness('mismatch'));
  }

  it.each([
    [
      'type',
      (p: Record<string, unknown>) => {
        p.type = 'receipt';
      },
    ],
    [
      'packetId',
      (p: Record<string, unknown>) => {
        p.packetId = '01970000-0000-7000-8000-0000000000cc';
      },
    ],
    [
      'to',
      (p: Record<string, unknown>) => {
        p.to = ['kh-gdce', 'kr-kcs'];
      },
    ],
    [
      'from',
      (p: Record<string, unknown>) => {
        p.from = 'kh-cnp';
      },
    ],
  ])('rejects a plaintext whose %s differs from the header', async (field, mutate) => {
    const error = await expectReason(
      openPacket(await sealInconsistent(mutate), ctxFor(gdce)),
      PacketRejectionReason.HEADER_PAYLOAD_MISMATCH,
    );
    expect(error.detail).toContain(field);
  });

  it('rejects a plaintext that does not hash to contentHash', async () => {
    const packet = await sealInconsistent(() => undefined, utf8('something else'));
    await expectReason(openPacket(packet, ctxFor(gdce)), PacketRejectionReason.HEADER_PAYLOAD_MISMATCH);
  });

  it('rejects a plaintext with missing or extra fields as malformed', async () => {
    await expectReason(
      openPacket(
        await sealInconsistent((p) => {
          delete p.body;
        }),
        ctxFor(gdce),
      ),
      PacketRejectionReason.MALFORMED,
    );
    await expectReason(
      openPacket(
        await sealInconsistent((p) => {
          p.extra = 1;
        }),
        ctxFor(gdce),
      ),
      PacketRejectionReason.MALFORMED,
    );
  });
});

describe('sealPacket input checks', () => {
  const badInputs: Array<[string, () => Partial<SealPacketInput>]> = [
    ['a body with undefined', () => ({ body: { a: undefined } as unknown as JsonValue })],
    ['a body with a Date', () => ({ body: { at: new Date() } as unknown as JsonValue })],
    ['a body with NaN', () => ({ body: [Number.NaN] })],
    ['a body with a lone surrogate', () => ({ body: 'broken \ud800' })],
    ['a bad type', () => ({ type: 'Case!' })],
    ['a bad policy version', () => ({ policyVersion: '' })],
    ['a non-v7 packet id', () => ({ packetId: '3b241101-e2bb-4255-8caf-4136c566a962' })],
    ['a sloppy timestamp', () => ({ createdAt: '2025-06-01T10:00:00Z' })],
    ['from that is not the sender', () => ({ from: 'kh-cnp' })],
    ['to that is not the recipients', () => ({ to: ['kr-kcs'] })],
    ['no recipients', () => ({ recipients: [] })],
    ['the sender as recipient', () => ({ recipients: [knpa.recipient] })],
    ['a duplicate recipient', () => ({ recipients: [gdce.recipient, gdce.recipient] })],
  ];
  it.each(badInputs)('throws TypeError for %s', async (_name, overrides) => {
    await expect(sealPacket(input(overrides()))).rejects.toThrow(TypeError);
  });

  it('throws TypeError when the public key does not belong to the secret key', async () => {
    await expect(
      sealPacket(input({ sender: { ...knpa.sender, signingPublicKey: gdce.sender.signingPublicKey } })),
    ).rejects.toThrow(/does not belong/);
  });

  it("never zeroes the caller's randomness buffers", async () => {
    const chunk = new Uint8Array(32).fill(7);
    await sealPacket(input({ randomness: (n) => (n === 32 ? chunk : new Uint8Array(n).fill(9)) }));
    expect(chunk.every((b) => b === 7)).toBe(true);
  });

  it('keeps the certificate PEM verbatim', async () => {
    const pem = fakeCertificatePem('kr-knpa', 1);
    const wire = serializePacket(await sealPacket(input()));
    expect((JSON.parse(wire) as SealedPacket).senderCertificate).toBe(pem);
  });
});
