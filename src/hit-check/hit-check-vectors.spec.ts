/**
 * Committed hit-check vectors (test/vectors/hit-check-v1.json): H1, H2 and F(k, x) for identifiers of
 * several types (raw input, normalised x), a fixed key k and fixed blinding scalars r, so that a client
 * reproduces the whole exchange: B = r·H1(x), the server's k·B, the unblinded N and F(k, x), and the
 * request and answer bodies as exact RFC 8785 text. Regenerate with UPDATE_VECTORS=1 only for an intended change.
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { canonicalJsonChecked } from '../kernel/crypto/canonical-json.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { wireValidator } from '../kernel/wire/wire-schemas.js';
import { directOutput, evaluate, finalize, hashToGroup, hitCheckInput } from './oprf.js';

const VECTOR_FILE = new URL('../../test/vectors/hit-check-v1.json', import.meta.url);
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
const b64u = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64url');

const IDENTIFIERS: { type: IdentifierType; given: string }[] = [
  { type: 'WALLET_EVM', given: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' },
  { type: 'TELEGRAM', given: 'https://t.me/Scam_Boss' },
  { type: 'PHONE', given: '+855 (12) 345-678' },
  { type: 'EMAIL', given: 'Boss.Kim@Example.COM' },
  { type: 'BANK_ACCOUNT', given: 'kh:abaakhpp:000-123-456' },
  { type: 'DARKWEB_HANDLE', given: 'Dread:/u/신비' },
];

async function build(): Promise<Record<string, unknown>> {
  const sodium = await sodiumReady();
  // k and each r: 64 fixed bytes reduced mod the group order (as a client draws r from 64 random bytes).
  const key = sodium.crypto_core_ristretto255_scalar_reduce(new Uint8Array(64).fill(0x41));
  const exchanges = IDENTIFIERS.map(({ type, given }, i) => {
    const x = hitCheckInput(type, given);
    const bytes = Buffer.from(x, 'utf8');
    const h1Digest = createHash('sha512').update('fed-node/hit-check/v1/hash-to-group\0').update(bytes).digest();
    const h1 = hashToGroup(sodium, x);
    const r = sodium.crypto_core_ristretto255_scalar_reduce(new Uint8Array(64).fill(0x51 + i));
    const blinded = sodium.crypto_scalarmult_ristretto255(r, h1);
    const evaluated = evaluate(sodium, blinded, key);
    const unblinded = sodium.crypto_scalarmult_ristretto255(
      sodium.crypto_core_ristretto255_scalar_invert(r),
      evaluated,
    );
    const output = finalize(sodium, x, evaluated, r);
    if (hex(output) !== hex(directOutput(sodium, x, key))) throw new Error('F(k, x) differs between the two ways');
    return {
      type,
      given,
      x,
      xUtf8Hex: hex(bytes),
      xByteLength: bytes.length,
      h1Sha512Hex: hex(h1Digest),
      h1: hex(h1),
      rHex: hex(r),
      blinded: b64u(blinded),
      evaluated: b64u(evaluated),
      unblindedHex: hex(unblinded),
      output: b64u(output),
    };
  });
  return {
    keyHex: hex(key),
    keyFileText: b64u(key),
    exchanges,
    request: canonicalJsonChecked({ blinded: exchanges.map((e) => e.blinded) }),
    answer: canonicalJsonChecked({ evaluated: exchanges.map((e) => e.evaluated) }),
  };
}

describe('committed hit-check vectors', () => {
  let built: Record<string, unknown>;
  beforeAll(async () => {
    built = await build();
    if (process.env.UPDATE_VECTORS === '1') {
      const file = {
        format: 'fed-node blinded hit-check (2HashDH OPRF over ristretto255), version 1 (docs/PROTOCOL.md §14)',
        notes:
          'x = "<IdentifierType>:<normalised value>" (UTF-8). H1(x) = ristretto255 element derivation (RFC 9496 §4.3.4, libsodium crypto_core_ristretto255_from_hash) of SHA-512("fed-node/hit-check/v1/hash-to-group" || 0x00 || x). F(k, x) = SHA-512("fed-node/hit-check/v1/finalize" || 0x00 || u32be(byte length of x) || x || k·H1(x))[0..32]. Points and scalars in hex are the 32-byte little-endian encodings; blinded, evaluated and output are unpadded base64url. keyFileText is what the key file holds.',
        ...built,
      };
      writeFileSync(VECTOR_FILE, `${JSON.stringify(file, null, 2)}\n`);
    }
  });

  it('matches the committed file byte for byte', () => {
    if (!existsSync(VECTOR_FILE))
      throw new Error('missing test/vectors/hit-check-v1.json; generate it with UPDATE_VECTORS=1');
    const {
      format: _format,
      notes: _notes,
      ...committed
    } = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as Record<string, unknown>;
    expect(built.request).toBe(committed.request);
    expect(built).toEqual(committed);
  });

  it('the request and the answer are valid bodies of their schemas', () => {
    const committed = JSON.parse(readFileSync(VECTOR_FILE, 'utf8')) as { request: string; answer: string };
    expect(wireValidator('hit-check-request').problem(JSON.parse(committed.request))).toBeUndefined();
    expect(wireValidator('hit-check-answer').problem(JSON.parse(committed.answer))).toBeUndefined();
  });
});
