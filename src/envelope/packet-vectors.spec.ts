/**
 * Committed test vectors (test/vectors/packet-envelope-v1.json): fixed keys, fixed randomness, fixed
 * header and body, and the exact wire text. Any change of the wire format breaks this test; if the
 * change is intended, bump the format version and regenerate with UPDATE_VECTORS=1.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import canonicalizeModule from 'canonicalize';
import type { JsonValue } from '../kernel/crypto/canonical-json.js';
import { scriptedRandomness } from './envelope.test-helpers.js';
import { buildSignatureInput } from './packet-crypto.js';
import { openPacket, sealPacket } from './packet-envelope.js';
import { serializePacket } from './packet-wire.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { sharedCasePayloadSchema } from '../policy/shared-case-payload.js';

const VECTOR_FILE = new URL('../../test/vectors/packet-envelope-v1.json', import.meta.url);
const canonicalize = canonicalizeModule as unknown as (value: unknown) => string;
const hex = (bytes: Uint8Array): string => Buffer.from(bytes).toString('hex');
const unhex = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'hex'));
const b64u = (text: string): Uint8Array => new Uint8Array(Buffer.from(text, 'base64url'));

interface VectorInputs {
  name: string;
  sender: { nodeId: string; ed25519Seed: string; certificatePem: string };
  recipients: { nodeId: string; x25519Seed: string }[];
  randomness: { contentKey: string; nonce: string; ephemeralSeeds: string[] };
  header: {
    packetId: string;
    type: string;
    createdAt: string;
    expiresAt: string;
    inReplyTo?: string;
    policyVersion: string;
  };
  body: JsonValue;
  openAt: string;
}

const filler = (byte: number, length: number): string => byte.toString(16).padStart(2, '0').repeat(length);
const FIXTURE = (name: string): string =>
  readFileSync(new URL(`../../test/vectors/certificates/${name}`, import.meta.url), 'utf8');
const PEM = (label: string): string =>
  `-----BEGIN CERTIFICATE-----\n${Buffer.from(`vector certificate ${label}`).toString('base64')}\n-----END CERTIFICATE-----\n`;

const INPUTS: VectorInputs[] = [
  {
    name: 'case packet to one recipient',
    sender: { nodeId: 'kr-knpa', ed25519Seed: filler(0x01, 32), certificatePem: PEM('kr-knpa') },
    recipients: [{ nodeId: 'kh-gdce', x25519Seed: filler(0x02, 32) }],
    randomness: { contentKey: filler(0x03, 32), nonce: filler(0x04, 24), ephemeralSeeds: [filler(0x05, 32)] },
    header: {
      packetId: '01974a2c-8000-7000-8000-000000000001',
      type: 'case',
      createdAt: '2025-06-01T10:00:00.000Z',
      expiresAt: '2025-06-08T10:00:00.000Z',
      policyVersion: 'kh-gdce@3',
    },
    body: {
      caseRef: 'KNPA-2025-0042',
      title: 'Romance-scam wallet cluster',
      tlp: 'AMBER',
      offenceCategories: ['online-scam', 'money-laundering'],
      identifiers: [
        { type: 'wallet', chain: 'tron', value: 'TXYZabc123' },
        { type: 'telegram', value: '@example_handle' },
      ],
      transactions: [{ chain: 'tron', asset: 'USDT', amount: 15000.5, time: '2025-05-30T08:15:00.000Z' }],
      grades: { source: 'B', information: 2 },
    },
    openAt: '2025-06-01T10:00:30.000Z',
  },
  {
    name: 'reply to three recipients with Unicode and JCS number forms',
    sender: { nodeId: 'kh-cnp', ed25519Seed: filler(0x11, 32), certificatePem: PEM('kh-cnp') },
    recipients: [
      { nodeId: 'kr-knpa', x25519Seed: filler(0x12, 32) },
      { nodeId: 'kr-kcs', x25519Seed: filler(0x13, 32) },
      { nodeId: 'asean-hub', x25519Seed: filler(0x14, 32) },
    ],
    randomness: {
      contentKey: filler(0x15, 32),
      nonce: filler(0x16, 24),
      ephemeralSeeds: [filler(0x17, 32), filler(0x18, 32), filler(0x19, 32)],
    },
    header: {
      packetId: '01974a2c-8000-7000-8000-000000000002',
      type: 'reply',
      createdAt: '2025-06-02T01:02:03.456Z',
      expiresAt: '2025-06-03T01:02:03.456Z',
      inReplyTo: '01974a2c-8000-7000-8000-000000000001',
      policyVersion: 'asean/2025.1',
    },
    body: {
      answer: 'ស្វាគមន៍ — 확인했습니다 ✓ 🚩',
      numbers: [0, -0, 1e21, 1e-7, 0.1, 123456789012345680000, -1.5, 9007199254740991],
      escapes: 'quote " backslash \\ tab \t newline \n nul \u0000 del \u007f',
      keyOrder: { b: 1, a: 2, é: 3, '\u20ac': 4, '\ud83d\ude00': 5, A: 6, '': 7 },
      flags: [true, false, null],
    },
    openAt: '2025-06-02T01:00:00.000Z',
  },
  {
    // A real node certificate (CRLF line endings, binding the sender's keys: test/vectors/certificates/)
    // and a body valid under docs/schemas/case-body.json, as the node sends it.
    name: 'case packet with a real certificate and a case body of docs/schemas/case-body.json',
    sender: { nodeId: 'kr-knpa', ed25519Seed: filler(0x01, 32), certificatePem: FIXTURE('kr-knpa.crt') },
    recipients: [{ nodeId: 'kh-cnp', x25519Seed: filler(0x32, 32) }],
    randomness: { contentKey: filler(0x33, 32), nonce: filler(0x34, 24), ephemeralSeeds: [filler(0x35, 32)] },
    header: {
      packetId: '01974a2c-8000-7000-8000-000000000003',
      type: 'case',
      createdAt: '2026-06-01T10:00:00.000Z',
      expiresAt: '2026-06-08T10:00:00.000Z',
      policyVersion: 'kr-knpa/kh-cnp/v1',
    },
    body: {
      reference: 'KNPA-2026-0101',
      title: 'Romance scam wallets',
      summary: 'Wallets of a scam compound in Sihanoukville',
      offenceCategories: ['ONLINE_SCAM'],
      tlp: 'AMBER',
      handlingCodes: ['INTELLIGENCE_ONLY'],
      sourceReliability: 'B',
      informationAccuracy: 2,
      subjects: [{ id: 's1', names: ['Kim Example'], dateOfBirth: '1990', nationality: 'KR' }],
      identifiers: [
        { id: 'i1', type: 'WALLET_EVM', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
        { id: 'i2', type: 'TELEGRAM', value: '@scam_boss' },
      ],
      transactions: [
        {
          id: 't1',
          chain: 'ethereum',
          asset: 'USDT',
          to: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed',
          amount: '15000.50',
        },
      ],
      requests: [{ id: 'r1', kind: 'FREEZE_REQUEST', targetIdentifierId: 'i1', text: 'Please freeze this wallet.' }],
      policyVersion: 1,
      terms: { purpose: 'INVESTIGATION', retentionDays: 365, onwardSharing: { allowed: false, to: [] } },
    },
    openAt: '2026-06-01T10:00:30.000Z',
  },
];

async function buildVector(inputs: VectorInputs): Promise<Record<string, unknown>> {
  const sodium = await sodiumReady();
  const signing = sodium.crypto_sign_seed_keypair(unhex(inputs.sender.ed25519Seed));
  const recipientKeys = inputs.recipients.map((r) => sodium.crypto_box_seed_keypair(unhex(r.x25519Seed)));
  const { contentKey, nonce, ephemeralSeeds } = inputs.randomness;
  const sealed = await sealPacket({
    ...inputs.header,
    body: inputs.body,
    sender: {
      nodeId: inputs.sender.nodeId,
      signingSecretKey: signing.privateKey,
      signingPublicKey: signing.publicKey,
      certificatePem: inputs.sender.certificatePem,
    },
    recipients: inputs.recipients.map((r, i) => ({ nodeId: r.nodeId, x25519PublicKey: recipientKeys[i].publicKey })),
    randomness: scriptedRandomness([contentKey, nonce, ...ephemeralSeeds].map(unhex)),
  });
  const wire = serializePacket(sealed);
  const plaintext = canonicalize({
    body: inputs.body,
    from: inputs.sender.nodeId,
    packetId: inputs.header.packetId,
    to: inputs.recipients.map((r) => r.nodeId),
    type: inputs.header.type,
  });
  const headerCanonical = canonicalize(sealed.header);
  const recipientsCanonical = canonicalize(sealed.recipients);
  const signatureInput = buildSignatureInput(
    Buffer.from(headerCanonical),
    Buffer.from(recipientsCanonical),
    b64u(sealed.nonce),
    b64u(sealed.ciphertext),
    sealed.senderCertificate,
  );
  return {
    name: inputs.name,
    inputs,
    derived: {
      senderEd25519PublicKey: hex(signing.publicKey),
      recipients: inputs.recipients.map((r, i) => ({
        nodeId: r.nodeId,
        x25519PublicKey: hex(recipientKeys[i].publicKey),
        x25519SecretKey: hex(recipientKeys[i].privateKey),
        ephemeralPublicKey: hex(sodium.crypto_box_seed_keypair(unhex(ephemeralSeeds[i])).publicKey),
      })),
      plaintext,
      contentHash: sealed.header.contentHash,
      headerCanonical,
      recipientsCanonical,
      signatureInputHex: hex(signatureInput),
    },
    wire,
  };
}

describe('committed test vectors', () => {
  let built: Record<string, unknown>[];
  beforeAll(async () => {
    built = await Promise.all(INPUTS.map(buildVector));
    if (process.env.UPDATE_VECTORS === '1') {
      const file = {
        format: 'fed-node packet envelope, version 1 (docs/PROTOCOL.md)',
        hexFields: 'seeds, keys and signatureInputHex are lower-case hex',
        vectors: built,
      };
      writeFileSync(VECTOR_FILE, `${JSON.stringify(file, null, 2)}\n`);
    }
  });

  it('matches the committed file exactly', () => {
    if (!existsSync(VECTOR_FILE)) throw new Error(`missing ${VECTOR_FILE.pathname}; generate it with UPDATE_VECTORS=1`);
    const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as { vectors: Record<string, unknown>[] };
    expect(committed.vectors).toHaveLength(built.length);
    committed.vectors.forEach((vector, i) => {
      // Wire first, as a plain string comparison, so a format change shows the first differing bytes.
      expect(built[i].wire).toBe(vector.wire);
      expect(JSON.parse(JSON.stringify(built[i])) as unknown).toEqual(vector); // -0 is written as 0
    });
  });

  it.each(INPUTS.map((v, i) => [v.name, i] as const))(
    'opens the committed wire text of "%s" for every recipient',
    async (_name, i) => {
      const sodium = await sodiumReady();
      const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as { vectors: { wire: string }[] };
      const inputs = INPUTS[i];
      const signing = sodium.crypto_sign_seed_keypair(unhex(inputs.sender.ed25519Seed));
      for (const r of inputs.recipients) {
        const keys = sodium.crypto_box_seed_keypair(unhex(r.x25519Seed));
        const opened = await openPacket(committed.vectors[i].wire, {
          self: { nodeId: r.nodeId, encryptionKeys: [{ publicKey: keys.publicKey, secretKey: keys.privateKey }] },
          verifySender: async (from, pem) => {
            expect([from, pem]).toEqual([inputs.sender.nodeId, inputs.sender.certificatePem]);
            return { signingPublicKey: signing.publicKey };
          },
          now: new Date(inputs.openAt),
        });
        expect(canonicalize(opened.body)).toBe(canonicalize(inputs.body));
      }
    },
  );

  it('vector 3 carries the real certificate verbatim (CRLF) and a body valid under case-body.json', () => {
    const third = INPUTS[2];
    expect(third.sender.certificatePem).toContain('\r\n');
    expect(sharedCasePayloadSchema.problem(third.body)).toBeUndefined();
  });
});
