/**
 * EVM addresses (Ethereum and every EVM chain): 0x + 40 hex digits with the EIP-55 mixed-case
 * checksum. Single-case input carries no checksum, so it is accepted and given its EIP-55 form;
 * mixed-case input claims a checksum, so it must match it exactly.
 */
import { createKeccak } from 'hash-wasm';
import { accept, quote, reject } from './validation-result.js';
import type { IdentifierValidation } from './validation-result.js';

const HEX_BODY = /^[0-9a-fA-F]*$/;

// hash-wasm's WebAssembly Keccak: a watchlist sync checks one address per entry, and this is about
// seven times faster than a pure-JS Keccak. One instance, used synchronously (init → digest).
const keccak = await createKeccak(256);

function keccak256(text: string): Uint8Array {
  keccak.init();
  keccak.update(text);
  return keccak.digest('binary');
}

/** EIP-55: upper-case the n-th hex letter when the n-th nibble of keccak256(lower-case hex) is ≥ 8. */
export function toEip55(lowerHex40: string): string {
  const hash = keccak256(lowerHex40);
  const upper = lowerHex40.toUpperCase();
  let out = '0x';
  for (let i = 0; i < lowerHex40.length; i += 1) {
    const nibble = i % 2 === 0 ? hash[i >> 1] >> 4 : hash[i >> 1] & 0x0f;
    out += nibble >= 8 ? upper[i] : lowerHex40[i];
  }
  return out;
}

export function validateEvmAddress(value: string): IdentifierValidation {
  if (!value.startsWith('0x') && !value.startsWith('0X')) {
    return reject('unknown prefix', `an EVM address starts with "0x", this one with ${quote(value.slice(0, 2))}`);
  }
  const body = value.slice(2);
  if (!HEX_BODY.test(body)) {
    const bad = [...body].find((char) => !/[0-9a-fA-F]/.test(char)) ?? '';
    return reject('invalid character', `${quote(bad)} is not a hexadecimal digit`);
  }
  if (body.length !== 40) {
    return reject('wrong length', `an EVM address has 40 hex digits after 0x, this one has ${body.length}`);
  }
  const checksummed = toEip55(body.toLowerCase());
  const singleCase = body === body.toLowerCase() || body === body.toUpperCase();
  if (!singleCase && `0x${body}` !== checksummed) {
    return reject('mixed case', 'the mixed-case spelling does not match the EIP-55 checksum (bad checksum)');
  }
  return accept(checksummed);
}
