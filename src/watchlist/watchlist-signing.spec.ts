import fc from 'fast-check';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import type { Sodium } from '../kernel/crypto/sodium.js';
import { watchlistEntryVersionSchema } from './watchlist-entry.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import {
  ed25519PublicKey,
  entrySigningBytes,
  signEntry,
  signEntryWith,
  verifyEd25519,
  verifyEntry,
  verifyEntryFast,
  verifyEntryWith,
  WATCHLIST_SIGNATURE_DOMAIN,
} from './watchlist-signing.js';
import { entry, testSigners, type TestSigner } from './watchlist.test-helpers.js';

const CERT = '-----BEGIN CERTIFICATE-----\nnot parsed by the signing code\n-----END CERTIFICATE-----\n';

describe('watchlist entry signatures', () => {
  let sodium: Sodium;
  let knpa: TestSigner;
  let hub: TestSigner;

  beforeAll(async () => {
    const keys = await testSigners(['kr-knpa', 'asean-hub']);
    sodium = keys.sodium;
    knpa = keys.signers.get('kr-knpa')!;
    hub = keys.signers.get('asean-hub')!;
  });

  it('verifies with the origin key and travels with its certificate', async () => {
    const signed = await signEntry(entry(), knpa.secretKey, CERT);
    expect(signed.originCertificate).toBe(CERT);
    expect(
      wireValidator('watchlist-feed-page#/$defs/item').problem({ seq: '1', origin: 'kr-knpa', ...signed }),
    ).toBeUndefined();
    await expect(verifyEntry(signed, knpa.publicKey)).resolves.toBe(true);
    await expect(verifyEntry(signed, hub.publicKey)).resolves.toBe(false);
  });

  it('signs the domain label, a NUL and the RFC 8785 form of the version', () => {
    const version = entry({ caseReference: 'KNPA-2026-0042' });
    expect(entrySigningBytes(version).toString('utf8')).toBe(
      `${WATCHLIST_SIGNATURE_DOMAIN}\0${canonicalJsonChecked(version)}`,
    );
    // A signature over the bare canonical JSON (another protocol's message) is not an entry signature.
    const bare = Buffer.from(
      sodium.crypto_sign_detached(Buffer.from(canonicalJsonChecked(version)), knpa.secretKey),
    ).toString('base64url');
    expect(verifyEntryWith(sodium, { entry: version, signature: bare, originCertificate: CERT }, knpa.publicKey)).toBe(
      false,
    );
  });

  it('does not depend on key order (a database may reorder JSON keys)', () => {
    const signed = signEntryWith(sodium, entry(), knpa.secretKey, CERT);
    const reordered = Object.fromEntries(Object.entries(signed.entry).reverse()) as typeof signed.entry;
    expect(verifyEntryWith(sodium, { ...signed, entry: reordered }, knpa.publicKey)).toBe(true);
  });

  it('drops an undefined caseReference instead of failing canonicalisation', () => {
    const signed = signEntryWith(sodium, { ...entry(), caseReference: undefined }, knpa.secretKey, CERT);
    expect('caseReference' in signed.entry).toBe(false);
    expect(verifyEntryWith(sodium, signed, knpa.publicKey)).toBe(true);
  });

  it.each([
    ['version', { version: 2 }],
    ['reason', { reason: 'Recruiter for a scam compound in Sihanoukville.' }],
    ['value', { value: 'scam_recruiter_kh2' }],
    ['origin', { origin: 'asean-hub' }],
    ['revoked', { revoked: true }],
    ['validUntil', { validUntil: '2027-12-31T00:00:00.000Z' }],
    ['caseReference added', { caseReference: 'KNPA-1' }],
    ['severity', { severity: 'LOW' as const }],
  ])('rejects a changed %s', (_field, change) => {
    const signed = signEntryWith(sodium, entry(), knpa.secretKey, CERT);
    expect(verifyEntryWith(sodium, { ...signed, entry: { ...signed.entry, ...change } }, knpa.publicKey)).toBe(false);
  });

  it('rejects malformed and non-canonical signatures without throwing', () => {
    const signed = signEntryWith(sodium, entry(), knpa.secretKey, CERT);
    const flipped = Buffer.from(signed.signature, 'base64url');
    flipped[10] ^= 1;
    for (const signature of [
      '',
      'AAAA',
      flipped.toString('base64url'),
      `${signed.signature}A`,
      signed.signature.replace(/.$/, '='),
    ]) {
      expect(verifyEntryWith(sodium, { ...signed, signature }, knpa.publicKey)).toBe(false);
    }
    expect(verifyEntryWith(sodium, signed, new Uint8Array(3))).toBe(false);
  });
});

describe('watchlist entry schema', () => {
  it('accepts a well-formed version', () => {
    expect(watchlistEntryVersionSchema.safeParse(entry({ caseReference: 'KNPA/2026-1' })).success).toBe(true);
  });

  it.each([
    ['a non-v7 entry id', { entryId: '01970000-0000-4000-8000-000000000001' }],
    ['an upper-case entry id', { entryId: '01970000-0000-7000-8000-00000000000A' }],
    ['a time with an offset', { validUntil: '2026-12-31T09:00:00.000+09:00' }],
    ['a time without milliseconds', { updatedAt: '2026-02-01T09:00:00Z' }],
    ['an impossible date', { validUntil: '2026-02-30T00:00:00.000Z' }],
    ['version 0', { version: 0 }],
    ['a fractional version', { version: 1.5 }],
    ['an unknown severity', { severity: 'EXTREME' }],
    ['padded text', { reason: ' padded' }],
    ['a lone surrogate', { reason: 'bad \ud800 text' }],
    ['a NUL character (PostgreSQL text cannot hold it)', { reason: 'bad \u0000 text' }],
    ['a bad origin', { origin: 'KR_KNPA' }],
  ])('refuses %s', (_what, change) => {
    expect(watchlistEntryVersionSchema.safeParse({ ...entry(), ...change }).success).toBe(false);
  });

  it('refuses unknown fields (they would not be covered by what we store)', () => {
    expect(watchlistEntryVersionSchema.safeParse({ ...entry(), note: 'x' }).success).toBe(false);
  });
});

describe('Ed25519 with node:crypto accepts exactly what libsodium accepts', () => {
  const L = 2n ** 252n + 27742317777372353535851937790883648493n;
  const toLe = (n: bigint): Buffer => Buffer.from(n.toString(16).padStart(64, '0'), 'hex').reverse();
  const fromLe = (bytes: Uint8Array): bigint => BigInt(`0x${Buffer.from(bytes).reverse().toString('hex')}`);
  let sodium: Sodium;

  beforeAll(async () => {
    sodium = (await testSigners([])).sodium;
  });

  it('agrees on valid, altered, non-canonical (S + L) and wrong-key signatures', () => {
    fc.assert(
      fc.property(
        fc.uint8Array({ minLength: 32, maxLength: 32 }),
        fc.uint8Array({ minLength: 0, maxLength: 600 }),
        fc.constantFrom('valid', 'flip-signature', 'flip-message', 's-plus-l', 'other-key', 'small-order-r'),
        fc.nat(),
        (seed, message, change, at) => {
          const keys = sodium.crypto_sign_seed_keypair(seed);
          let signature = Buffer.from(sodium.crypto_sign_detached(message, keys.privateKey));
          const signed = Buffer.from(message);
          let publicKey = keys.publicKey;
          if (change === 'flip-signature') signature[at % 64] ^= 1 << (at % 8);
          if (change === 'flip-message' && signed.length > 0) signed[at % signed.length] ^= 1;
          if (change === 's-plus-l')
            signature = Buffer.concat([signature.subarray(0, 32), toLe(fromLe(signature.subarray(32)) + L)]);
          if (change === 'other-key')
            publicKey = sodium.crypto_sign_seed_keypair(Buffer.from(seed).reverse()).publicKey;
          if (change === 'small-order-r')
            signature = Buffer.concat([
              Buffer.from('0100000000000000000000000000000000000000000000000000000000000000', 'hex'),
              signature.subarray(32),
            ]);
          const bySodium = sodium.crypto_sign_verify_detached(signature, signed, publicKey);
          expect(verifyEd25519(signed, signature, ed25519PublicKey(publicKey))).toBe(bySodium);
          if (change === 'valid') expect(bySodium).toBe(true);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('lists only encodings that libsodium refuses as points of small order', () => {
    const listed = [
      '0000000000000000000000000000000000000000000000000000000000000000',
      '0100000000000000000000000000000000000000000000000000000000000000',
      '26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05',
      'c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a',
    ];
    for (const hex of listed)
      expect(() =>
        sodium.crypto_scalarmult_ed25519_noclamp(new Uint8Array(32).fill(3), Buffer.from(hex, 'hex')),
      ).toThrow();
    const point = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(9)).publicKey;
    expect(() => sodium.crypto_scalarmult_ed25519_noclamp(new Uint8Array(32).fill(3), point)).not.toThrow();
  });

  it('verifies entries like verifyEntryWith', () => {
    const keys = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(7));
    const signed = signEntryWith(sodium, entry(), keys.privateKey, CERT);
    const key = ed25519PublicKey(keys.publicKey);
    expect(verifyEntryFast(signed, key)).toBe(true);
    expect(verifyEntryFast({ ...signed, entry: { ...signed.entry, version: 2 } }, key)).toBe(false);
    for (const signature of ['', 'AAAA', `${signed.signature}A`, signed.signature.replace(/.$/, '=')]) {
      expect(verifyEntryFast({ ...signed, signature }, key)).toBe(false);
    }
  });
});
