import { createHash, createPrivateKey, sign, type KeyObject } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { once } from 'node:events';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import pino from 'pino';
import { v7 as uuidv7 } from 'uuid';
import type { OffenceCategory } from '../../src/kernel/vocabulary/index.js';
import { loadNodeConfig } from '../../src/config/node-config.loader.js';
import { sodiumReady } from '../../src/kernel/crypto/sodium.js';
import { validateIdentifier } from '../../src/identifiers/identifier-validation.js';
import { loadNodeIdentity } from '../../src/identity/node-identity.loader.js';
import { certificateFingerprint } from '../../src/watchlist/watchlist-certificate.js';
import type { Severity, WatchlistEntryVersion } from '../../src/watchlist/watchlist-entry.js';
import { entrySigningBytes, signEntryWith, verifyEntryWith } from '../../src/watchlist/watchlist-signing.js';

/** Columns of watchlist_entry that a write sets (change_seq comes from the table's trigger), as in watchlist.store.ts. */
export const ENTRY_COLUMNS = [
  'origin',
  'entry_id',
  'version',
  'identifier_type',
  'value',
  'reason',
  'offence_category',
  'severity',
  'case_reference',
  'valid_until',
  'revoked',
  'updated_at',
  'signature',
  'certificate_fingerprint',
  'received_from',
  'onward_to',
  'changed_by',
] as const;

/** kr-knpa's policy sends these two categories to kh-cnp, and kh-cnp accepts them. */
const CATEGORIES: OffenceCategory[] = ['ONLINE_SCAM', 'DRUG_TRAFFICKING'];
const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

export interface OriginSigner {
  nodeId: string;
  secretKey: Uint8Array;
  publicKey: Uint8Array;
  certificatePem: string;
  fingerprint: string;
  /** The same Ed25519 key as a node:crypto key object (Ed25519 is deterministic: same signature bytes). */
  privateKey: KeyObject;
}

/** The origin's real signing key, loaded the way the node loads it. */
export async function loadOriginSigner(configFile: string): Promise<OriginSigner> {
  const config = loadNodeConfig({ file: configFile });
  const identity = await loadNodeIdentity(config, pino({ level: 'silent' }));
  const { signing } = identity.keys.current;
  // PKCS#8 wrapper of a raw Ed25519 seed (RFC 8410); libsodium's secret key is seed ‖ public key.
  const pkcs8 = Buffer.concat([
    Buffer.from('302e020100300506032b657004220420', 'hex'),
    Buffer.from(signing.privateKey.subarray(0, 32)),
  ]);
  return {
    nodeId: identity.nodeId,
    secretKey: signing.privateKey,
    publicKey: signing.publicKey,
    certificatePem: identity.certificatePem,
    fingerprint: certificateFingerprint(identity.certificatePem),
    privateKey: createPrivateKey({ key: pkcs8, format: 'der', type: 'pkcs8' }),
  };
}

/** A valid, normalised EVM address derived from the index (distinct for every index). */
export function walletOf(index: number, salt = ''): string {
  const hex = createHash('sha256').update(`${salt}${index}`).digest('hex').slice(0, 40);
  const checked = validateIdentifier('WALLET_EVM', `0x${hex}`);
  if (!checked.valid) throw new Error(`not a wallet: 0x${hex}`);
  return checked.normalized;
}

export function entryOf(index: number, origin: string, now: Date): WatchlistEntryVersion {
  return {
    entryId: uuidv7(),
    origin,
    version: 1,
    identifierType: 'WALLET_EVM',
    value: walletOf(index),
    reason: `benchmark: collection wallet of scam compound ${index % 997}`,
    offenceCategory: CATEGORIES[index % CATEGORIES.length],
    severity: SEVERITIES[index % SEVERITIES.length],
    ...(index % 10 === 0 ? { caseReference: `KNPA-2026-${index}` } : {}),
    validUntil: new Date(now.getTime() + 180 * 86_400_000).toISOString(),
    revoked: false,
    updatedAt: now.toISOString(),
  };
}

/** The signature the service would make (watchlist-signing.ts), computed with node:crypto for speed. */
export function signFast(signer: OriginSigner, entry: WatchlistEntryVersion): string {
  return sign(null, entrySigningBytes(entry), signer.privateKey).toString('base64url');
}

/** Proves on one entry that signFast gives the service's bytes and that libsodium accepts them. */
export async function checkSigner(signer: OriginSigner, now: Date): Promise<void> {
  const sodium = await sodiumReady();
  const entry = entryOf(0, signer.nodeId, now);
  const reference = signEntryWith(sodium, entry, signer.secretKey, signer.certificatePem);
  const fast = signFast(signer, entry);
  if (fast !== reference.signature || !verifyEntryWith(sodium, reference, signer.publicKey)) {
    throw new Error('node:crypto and libsodium disagree on the Ed25519 signature of an entry');
  }
}

/** COPY text format: backslash, tab, newline and carriage return escaped; \N is NULL. */
export function copyField(value: string | number | boolean | null): string {
  if (value === null) return '\\N';
  return String(value).replace(/[\\\t\n\r]/g, (c) => ({ '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' })[c] ?? c);
}

export function copyLine(entry: WatchlistEntryVersion, signature: string, signer: OriginSigner): string {
  const fields = [
    entry.origin,
    entry.entryId,
    entry.version,
    entry.identifierType,
    entry.value,
    entry.reason,
    entry.offenceCategory,
    entry.severity,
    entry.caseReference ?? null,
    entry.validUntil,
    entry.revoked ? 't' : 'f',
    entry.updatedAt,
    signature,
    signer.fingerprint,
    null,
    '{}',
    'bench-seed',
  ];
  return `${fields.map(copyField).join('\t')}\n`;
}

/**
 * Writes `count` signed rows of the origin as COPY text; returns the byte offset after each of
 * `checkpoints` rows, so that a smaller size can COPY a prefix of the same file.
 */
export async function writeSeedFile(
  file: string,
  signer: OriginSigner,
  count: number,
  checkpoints: number[],
  now: Date,
  progress: (done: number) => void,
): Promise<Map<number, number>> {
  const out = createWriteStream(file);
  const offsets = new Map<number, number>();
  let bytes = 0;
  for (let index = 0; index < count; index++) {
    const entry = entryOf(index, signer.nodeId, now);
    const line = copyLine(entry, signFast(signer, entry), signer);
    bytes += Buffer.byteLength(line);
    if (!out.write(line)) await once(out, 'drain');
    if (checkpoints.includes(index + 1)) offsets.set(index + 1, bytes);
    if ((index + 1) % 50_000 === 0) progress(index + 1);
  }
  out.end();
  await once(out, 'finish');
  return offsets;
}

/**
 * COPY the first `endOffset` bytes of the seed file into `table` in one transaction; `before` runs
 * first (untimed), `inTransaction` after the COPY and before the commit (timed).
 */
export async function copyInto(
  databaseUrl: string,
  table: string,
  file: string,
  endOffset: number,
  before: [string, unknown[]][] = [],
  inTransaction: string[] = [],
): Promise<{ seconds: number; committedAt: number }> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    for (const [statement, params] of before) await client.query(statement, params);
    const start = performance.now();
    await client.query('BEGIN');
    const sink = client.query(copyFrom(`COPY ${table} (${ENTRY_COLUMNS.join(', ')}) FROM STDIN`));
    await pipeline(createReadStream(file, { end: endOffset - 1, highWaterMark: 1 << 20 }), sink);
    for (const statement of inTransaction) await client.query(statement);
    await client.query('COMMIT');
    const committedAt = performance.now();
    return { seconds: (committedAt - start) / 1000, committedAt };
  } finally {
    await client.end();
  }
}
