import type { SealedPacket } from '../../../src/envelope/packet-wire.js';

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';

/** Changes one base64url character (not the last, whose low bits must stay zero): one byte changes. */
export function flipCharacter(text: string, at: number): string {
  const index = ALPHABET.indexOf(text[at]);
  return text.slice(0, at) + ALPHABET[(index + 1) % 64] + text.slice(at + 1);
}

/** A copy of a sealed packet with one part changed and its signature kept, as a hostile hub or partner makes it. */
export function tamperedCopy(packet: SealedPacket, change: (copy: SealedPacket) => void): SealedPacket {
  const copy = structuredClone(packet) as SealedPacket;
  change(copy);
  return copy;
}

/** The tampered copies of one accepted packet that the attack tries, by what was changed. */
export function tamperedCopies(packet: SealedPacket): [string, SealedPacket][] {
  return [
    ['one ciphertext byte', tamperedCopy(packet, (p) => (p.ciphertext = flipCharacter(p.ciphertext, 12)))],
    [
      'one sealed-key byte',
      tamperedCopy(
        packet,
        (p) => (p.recipients = [{ ...p.recipients[0], sealedKey: flipCharacter(p.recipients[0].sealedKey, 40) }]),
      ),
    ],
    [
      'the header (policyVersion)',
      tamperedCopy(packet, (p) => (p.header = { ...p.header, policyVersion: `${p.header.policyVersion}-changed` })),
    ],
    [
      'the header (expiresAt)',
      tamperedCopy(packet, (p) => {
        const later = new Date(Date.parse(p.header.expiresAt) + 3600_000).toISOString();
        p.header = { ...p.header, expiresAt: later };
      }),
    ],
    ['the nonce', tamperedCopy(packet, (p) => (p.nonce = flipCharacter(p.nonce, 3)))],
  ];
}
