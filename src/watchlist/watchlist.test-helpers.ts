import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import type { WatchlistEntryVersion } from './watchlist-entry.js';

export const NOW = new Date('2026-03-01T12:00:00.000Z');

export interface TestSigner {
  nodeId: string;
  publicKey: Uint8Array;
  secretKey: Uint8Array;
}

/** Deterministic Ed25519 keys per node id, so failures reproduce. */
export async function testSigners(
  nodeIds: readonly string[],
): Promise<{ sodium: Sodium; signers: Map<string, TestSigner> }> {
  const sodium = await sodiumReady();
  const signers = new Map<string, TestSigner>();
  nodeIds.forEach((nodeId, index) => {
    const pair = sodium.crypto_sign_seed_keypair(new Uint8Array(32).fill(index + 1));
    signers.set(nodeId, { nodeId, publicKey: pair.publicKey, secretKey: pair.privateKey });
  });
  return { sodium, signers };
}

export function entry(overrides: Partial<WatchlistEntryVersion> = {}): WatchlistEntryVersion {
  return {
    entryId: '01970000-0000-7000-8000-000000000001',
    origin: 'kr-knpa',
    version: 1,
    identifierType: 'TELEGRAM',
    value: 'scam_recruiter_kh',
    reason: 'Recruiter for a scam compound in Sihanoukville',
    offenceCategory: 'ONLINE_SCAM',
    severity: 'HIGH',
    validUntil: '2026-12-31T00:00:00.000Z',
    revoked: false,
    updatedAt: '2026-02-01T09:00:00.000Z',
    ...overrides,
  };
}
