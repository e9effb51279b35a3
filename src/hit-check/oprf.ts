import { createHash, randomBytes } from 'node:crypto';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import type { Sodium } from '../kernel/crypto/sodium.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';

/*
 * The 2HashDH oblivious PRF over ristretto255 behind the blinded hit/no-hit check:
 *
 *   F(k, x) = H2(x, k · H1(x))
 *
 * H1 hashes the domain-separated input to a group element, H2 hashes the input and the point to 32
 * bytes. The client sends r · H1(x) (r a fresh random scalar), the server multiplies by its key k, the
 * client removes r. The server sees only uniformly random group elements; the client learns F(k, x)
 * and nothing about k. Pure functions; randomness from node:crypto (libsodium's RNG is slow on Node).
 */

const H1_DOMAIN = Buffer.from('fed-node/hit-check/v1/hash-to-group\0', 'utf8');
const H2_DOMAIN = Buffer.from('fed-node/hit-check/v1/finalize\0', 'utf8');

export const SCALAR_BYTES = 32;
export const POINT_BYTES = 32;
export const OUTPUT_BYTES = 32;

/** The state a client keeps between blinding and finalizing one input. */
export interface BlindedInput {
  blinded: Uint8Array;
  r: Uint8Array;
}

/**
 * The OPRF input of an identifier: `TYPE:normalised value`, so that two spellings of one wallet
 * give one output and equal strings of two types never collide. Throws on an invalid identifier.
 */
export function hitCheckInput(type: IdentifierType, value: string): string {
  const checked = validateIdentifier(type, value);
  if (!checked.valid) throw new Error(`${type}: ${checked.reason}`);
  return oprfInput(type, checked.normalized);
}

/** The input string of an already normalised value (stored watchlist values are normalised). */
export function oprfInput(type: IdentifierType, normalized: string): string {
  return `${type}:${normalized}`;
}

/** H1: a 64-byte SHA-512 digest mapped onto ristretto255 (uniform, no known discrete log). */
export function hashToGroup(sodium: Sodium, input: string): Uint8Array {
  const digest = createHash('sha512').update(H1_DOMAIN).update(input, 'utf8').digest();
  return sodium.crypto_core_ristretto255_from_hash(digest);
}

/** A uniformly random non-zero scalar: 64 random bytes reduced mod the group order. */
export function randomScalar(sodium: Sodium): Uint8Array {
  for (;;) {
    const scalar = sodium.crypto_core_ristretto255_scalar_reduce(randomBytes(64));
    if (!isZero(scalar)) return scalar;
  }
}

/** Whether 32 bytes are a canonical, non-zero scalar (what a key file must hold). */
export function isValidScalar(sodium: Sodium, scalar: Uint8Array): boolean {
  if (scalar.length !== SCALAR_BYTES || isZero(scalar)) return false;
  const wide = new Uint8Array(64);
  wide.set(scalar);
  return Buffer.from(sodium.crypto_core_ristretto255_scalar_reduce(wide)).equals(Buffer.from(scalar));
}

/** Client, step 1: r · H1(input) with a fresh r. Two blinds of one input are unrelated to an observer. */
export function blind(sodium: Sodium, input: string): BlindedInput {
  const r = randomScalar(sodium);
  return { blinded: sodium.crypto_scalarmult_ristretto255(r, hashToGroup(sodium, input)), r };
}

/** Server: k · B. Refuses anything that is not a canonical encoding of a ristretto255 point. */
export function evaluate(sodium: Sodium, blinded: Uint8Array, key: Uint8Array): Uint8Array {
  if (blinded.length !== POINT_BYTES || !sodium.crypto_core_ristretto255_is_valid_point(blinded)) {
    throw new Error('not a valid ristretto255 point');
  }
  // Throws on the identity element, which no honest blind produces.
  return sodium.crypto_scalarmult_ristretto255(key, blinded);
}

/** Client, step 2: unblind (r⁻¹ · k · r · H1(x) = k · H1(x)) and hash with the input. */
export function finalize(sodium: Sodium, input: string, evaluated: Uint8Array, r: Uint8Array): Uint8Array {
  if (evaluated.length !== POINT_BYTES || !sodium.crypto_core_ristretto255_is_valid_point(evaluated)) {
    throw new Error('the server answered with an invalid ristretto255 point');
  }
  const unblinded = sodium.crypto_scalarmult_ristretto255(sodium.crypto_core_ristretto255_scalar_invert(r), evaluated);
  return outputOf(input, unblinded);
}

/** The server's own evaluation of F(k, x) for inputs it holds (the published set). */
export function directOutput(sodium: Sodium, input: string, key: Uint8Array): Uint8Array {
  return outputOf(input, sodium.crypto_scalarmult_ristretto255(key, hashToGroup(sodium, input)));
}

/** H2(x, N): the input is length-prefixed so that (x, N) pairs cannot be re-split. */
function outputOf(input: string, point: Uint8Array): Uint8Array {
  const bytes = Buffer.from(input, 'utf8');
  const length = Buffer.alloc(4);
  length.writeUInt32BE(bytes.length);
  return new Uint8Array(
    createHash('sha512')
      .update(H2_DOMAIN)
      .update(length)
      .update(bytes)
      .update(point)
      .digest()
      .subarray(0, OUTPUT_BYTES),
  );
}

function isZero(bytes: Uint8Array): boolean {
  return bytes.every((b) => b === 0);
}
