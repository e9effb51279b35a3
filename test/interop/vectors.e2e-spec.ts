// The committed vectors (PROTOCOL.md §11), reproduced by the partner implementation byte for byte.
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { ed25519 } from '@noble/curves/ed25519.js';
import { b64u, canonicalize, fromB64u, fromHex, hex, strictUtf8, utf8 } from './partner/canonical.js';
import type { Json } from './partner/canonical.js';
import { boxSeedKeypair, keyId, receivePacket, sealPacket, signatureInput } from './partner/envelope.js';
import { grantMessage, verifyFeedItems } from './partner/feed.js';
import type { FeedPage, WatchlistEntry } from './partner/feed.js';
import { finalize, h1, h2 } from './partner/hit-check.js';
import { derOf } from './partner/pki.js';
import { signReceipt } from './partner/receipt.js';
import type { Receipt } from './partner/receipt.js';

interface Vector {
  name: string;
  inputs: {
    sender: { nodeId: string; ed25519Seed: string; certificatePem: string };
    recipients: { nodeId: string; x25519Seed: string }[];
    randomness: { contentKey: string; nonce: string; ephemeralSeeds: string[] };
    header: {
      packetId: string;
      type: string;
      createdAt: string;
      expiresAt: string;
      policyVersion: string;
      inReplyTo?: string;
    };
    body: Json;
    openAt: string;
  };
  derived: {
    senderEd25519PublicKey: string;
    recipients: { nodeId: string; x25519PublicKey: string; x25519SecretKey: string; ephemeralPublicKey: string }[];
    plaintext: string;
    contentHash: string;
    headerCanonical: string;
    recipientsCanonical: string;
    signatureInputHex: string;
  };
  wire: string;
}

const file = JSON.parse(readFileSync('test/vectors/packet-envelope-v1.json', 'utf8')) as { vectors: Vector[] };

describe.each(file.vectors.map((v) => [v.name, v] as const))('envelope vector: %s', (_name, v) => {
  const { inputs, derived } = v;
  const recipients = inputs.recipients.map((r) => ({ nodeId: r.nodeId, ...boxSeedKeypair(fromHex(r.x25519Seed)) }));
  const sealed = sealPacket({
    header: inputs.header,
    from: inputs.sender.nodeId,
    body: inputs.body,
    senderEd25519Seed: fromHex(inputs.sender.ed25519Seed),
    senderCertificatePem: inputs.sender.certificatePem,
    recipients: recipients.map((r) => ({ nodeId: r.nodeId, x25519PublicKey: r.publicKey })),
    randomness: {
      contentKey: fromHex(inputs.randomness.contentKey),
      nonce: fromHex(inputs.randomness.nonce),
      ephemeralSeeds: inputs.randomness.ephemeralSeeds.map(fromHex),
    },
  });

  test('derived keys, canonical plaintext, header, recipients and M', () => {
    expect(hex(ed25519.getPublicKey(fromHex(inputs.sender.ed25519Seed)))).toBe(derived.senderEd25519PublicKey);
    recipients.forEach((r, i) => {
      expect(hex(r.publicKey)).toBe(derived.recipients[i].x25519PublicKey);
      expect(hex(r.secretKey)).toBe(derived.recipients[i].x25519SecretKey);
      const eph = boxSeedKeypair(fromHex(inputs.randomness.ephemeralSeeds[i]));
      expect(hex(eph.publicKey)).toBe(derived.recipients[i].ephemeralPublicKey);
    });
    expect(strictUtf8(sealed.plaintext)).toBe(derived.plaintext);
    expect(sealed.packet.header.contentHash).toBe(derived.contentHash);
    expect(canonicalize(sealed.packet.header)).toBe(derived.headerCanonical);
    expect(canonicalize(sealed.packet.recipients)).toBe(derived.recipientsCanonical);
    const p = sealed.packet;
    const M = signatureInput(
      new TextEncoder().encode(derived.headerCanonical),
      new TextEncoder().encode(derived.recipientsCanonical),
      fromHex(inputs.randomness.nonce),
      new Uint8Array(Buffer.from(p.ciphertext, 'base64url')),
      p.senderCertificate,
    );
    expect(hex(M)).toBe(derived.signatureInputHex);
  });

  test('sealing reproduces the wire text byte for byte', () => {
    expect(sealed.wire).toBe(v.wire);
  });

  test('every recipient opens the wire text and obtains the body', () => {
    const senderKey = fromHex(derived.senderEd25519PublicKey);
    for (const r of recipients) {
      const opened = receivePacket(v.wire, {
        self: r.nodeId,
        keyPairs: [r],
        now: new Date(inputs.openAt),
        certifySender: (pem, from) => {
          expect([pem, from]).toEqual([inputs.sender.certificatePem, inputs.sender.nodeId]);
          return senderKey;
        },
      });
      expect(opened.body).toEqual(inputs.body);
      expect(opened.packet.header.senderKeyId).toBe(keyId(senderKey));
    }
  });
});

// The other message types (PROTOCOL.md §11): receipts, watchlist entries, relay grants and feed pages, and
// the hit-check, each reproduced from the vector inputs with the partner's own code.
const read = <T>(file: string) => JSON.parse(readFileSync(`test/vectors/${file}`, 'utf8')) as T;

describe('receipt vectors (§12.3)', () => {
  const { vectors } = read<{
    vectors: {
      name: string;
      inputs: { receiver: { ed25519Seed: string; certificateFile: string }; receipt: Receipt };
      derived: { signedBytes: string };
      wire: string;
    }[];
  }>('receipts-v1.json');
  test.each(vectors.map((v) => [v.name, v] as const))('%s', (_name, v) => {
    const pem = readFileSync(`test/vectors/certificates/${v.inputs.receiver.certificateFile}`, 'utf8');
    expect(`fed-node/receipt/v1\u0000${canonicalize(v.inputs.receipt as unknown as Json)}`).toBe(v.derived.signedBytes);
    const signed = signReceipt(v.inputs.receipt, fromHex(v.inputs.receiver.ed25519Seed), pem);
    expect(canonicalize(signed as unknown as Json)).toBe(v.wire);
  });
});

describe('watchlist vectors (§13)', () => {
  const file = read<{
    origin: { ed25519Seed: string; certificateFile: string };
    entry: { version: WatchlistEntry; signedBytes: string; signature: string };
    tombstone: { version: WatchlistEntry; signedBytes: string; signature: string };
    grant: { signedBytes: string; grant: { relay: string; to: string[]; signature: string } };
    pages: { name: string; wire: string }[];
  }>('watchlist-v1.json');
  const seed = fromHex(file.origin.ed25519Seed);
  const pem = readFileSync(`test/vectors/${file.origin.certificateFile}`, 'utf8');

  test('entry and tombstone signatures, and the relay grant', () => {
    for (const signed of [file.entry, file.tombstone]) {
      const message = `fed-node/watchlist-entry/v1\u0000${canonicalize(signed.version as unknown as Json)}`;
      expect(message).toBe(signed.signedBytes);
      expect(b64u(ed25519.sign(new TextEncoder().encode(message), seed))).toBe(signed.signature);
    }
    const { relay, to, signature } = file.grant.grant;
    const message = grantMessage(file.entry.version, relay, to);
    expect(strictUtf8(message)).toBe(file.grant.signedBytes);
    expect(b64u(ed25519.sign(message, seed))).toBe(signature);
  });

  test.each(file.pages.map((p) => [p.name, p] as const))('page: %s', (_name, page) => {
    const parsed = JSON.parse(page.wire) as FeedPage;
    expect(canonicalize(parsed as unknown as Json)).toBe(page.wire);
    for (const [ref, certificate] of Object.entries(parsed.originCertificates ?? {})) {
      expect(certificate).toBe(pem);
      expect(createHash('sha256').update(derOf(certificate)).digest('hex')).toBe(ref);
    }
    const anchor = readFileSync('test/vectors/certificates/kr-knpa-ca.crt', 'utf8');
    const entries = verifyFeedItems(parsed, [anchor]);
    expect(entries).toHaveLength(parsed.items.length);
    for (const item of parsed.items) expect(item.grant).toEqual(expect.objectContaining({ relay: 'asean-hub' }));
  });
});

describe('hit-check vectors (§14)', () => {
  const file = read<{
    keyHex: string;
    keyFileText: string;
    exchanges: {
      x: string;
      xUtf8Hex: string;
      xByteLength: number;
      h1Sha512Hex: string;
      h1: string;
      rHex: string;
      blinded: string;
      evaluated: string;
      unblindedHex: string;
      output: string;
    }[];
    request: string;
    answer: string;
  }>('hit-check-v1.json');
  const scalar = (hexLe: string) => BigInt(`0x${Buffer.from(hexLe, 'hex').reverse().toString('hex')}`);
  const k = scalar(file.keyHex);

  test.each(file.exchanges.map((e) => [e.x, e] as const))('%s', (_x, e) => {
    expect(hex(utf8(e.x))).toBe(e.xUtf8Hex);
    expect(utf8(e.x).length).toBe(e.xByteLength);
    const H1 = h1(e.x);
    expect(hex(H1.toBytes())).toBe(e.h1);
    const B = H1.multiply(scalar(e.rHex));
    expect(b64u(B.toBytes())).toBe(e.blinded);
    expect(b64u(B.multiply(k).toBytes())).toBe(e.evaluated); // what the server answers
    const N = H1.multiply(k);
    expect(hex(N.toBytes())).toBe(e.unblindedHex);
    expect(b64u(h2(e.x, N.toBytes()))).toBe(e.output);
    expect(b64u(finalize({ x: e.x, r: scalar(e.rHex), blinded: e.blinded }, e.evaluated))).toBe(e.output);
  });

  test('key file, request and answer bodies', () => {
    expect(hex(fromB64u(file.keyFileText, 'key'))).toBe(file.keyHex);
    expect(canonicalize({ blinded: file.exchanges.map((e) => e.blinded) })).toBe(file.request);
    expect(canonicalize({ evaluated: file.exchanges.map((e) => e.evaluated) })).toBe(file.answer);
  });
});
