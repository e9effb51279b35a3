// Blinded hit/no-hit, PROTOCOL.md §14: the client side of the 2HashDH OPRF over ristretto255.
import { ristretto255, ristretto255_hasher } from '@noble/curves/ed25519.js';
import { sha512 } from '@noble/hashes/sha2.js';
import { randomBytes } from 'node:crypto';
import { b64u, concatBytes, fromB64u, utf8 } from './canonical.js';

const { Point } = ristretto255;
const ORDER = Point.Fn.ORDER;
const H1_LABEL = utf8('fed-node/hit-check/v1/hash-to-group\0');
const H2_LABEL = utf8('fed-node/hit-check/v1/finalize\0');

/** H1(x) = crypto_core_ristretto255_from_hash(SHA-512(label ‖ x)): RFC 9496 element derivation, not RFC 9380. */
export const h1 = (x: string) => ristretto255_hasher.deriveToCurve!(sha512(concatBytes(H1_LABEL, utf8(x))));

/** H2(x, N) = SHA-512(label ‖ u32be(len x) ‖ x ‖ N)[0..32]; len x taken as the UTF-8 byte length. */
export function h2(x: string, N: Uint8Array): Uint8Array {
  const xb = utf8(x);
  const len = new Uint8Array(4);
  new DataView(len.buffer).setUint32(0, xb.length);
  return sha512(concatBytes(H2_LABEL, len, xb, N)).slice(0, 32);
}

function randomScalar(): bigint {
  for (;;) {
    const r = Point.Fn.create(BigInt(`0x${randomBytes(64).toString('hex')}`));
    if (r !== 0n) return r;
  }
}

export interface Blinded {
  x: string;
  r: bigint;
  blinded: string;
}

/** x = "<IdentifierType>:<normalised value>"; B = r · H1(x). */
export function blind(x: string): Blinded {
  const r = randomScalar();
  return { x, r, blinded: b64u(h1(x).multiply(r).toBytes()) };
}

/** N = r⁻¹ · (k · B); F(k, x) = H2(x, N). Refuses an evaluation that is not a canonical non-identity point. */
export function finalize(b: Blinded, evaluated: string): Uint8Array {
  const point = Point.fromBytes(fromB64u(evaluated, 'evaluated'));
  if (point.is0()) throw new Error('evaluated: identity point');
  const rInv = Point.Fn.inv(b.r);
  return h2(b.x, point.multiply(rInv).toBytes());
}

export { ORDER };
