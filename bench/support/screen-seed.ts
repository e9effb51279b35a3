/**
 * The screening benchmark's data: watchlist entries (mostly received from partner origins, signed
 * with their real keys, some local), and local cases holding identifiers, loaded by COPY. Which keys
 * are on the watchlist, in cases or nowhere is a pure function of the key, so requests know what
 * they should find.
 */
import { randomUUID, sign } from 'node:crypto';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { v7 as uuidv7 } from 'uuid';
import { caseContentSchema } from '../../src/cases/case-content.js';
import { OFFENCE_CATEGORIES, TLP_LEVELS, type Tlp } from '../../src/kernel/vocabulary/index.js';
import type { Severity, WatchlistEntryVersion } from '../../src/watchlist/watchlist-entry.js';
import { entrySigningBytes } from '../../src/watchlist/watchlist-signing.js';
import { identifierOf, type BenchIdentifier } from './screen-identifiers.js';
import { copyField, ENTRY_COLUMNS, type OriginSigner } from './seed-watchlist.js';

export const IDENTIFIERS_PER_CASE = 10;
const SEVERITIES: Severity[] = ['LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];
const CASE_TLPS: Tlp[] = TLP_LEVELS.filter((tlp) => tlp !== 'CLEAR');

/** The key layout for a run of `entries` watchlist entries and `caseIdentifiers` case identifiers. */
export class ScreenKeys {
  /** Distinct watchlist keys 0..listed-1; the remaining entries list one of them again (another origin, another reason). */
  readonly listed: number;

  constructor(
    readonly entries: number,
    readonly caseIdentifiers: number,
  ) {
    this.listed = Math.floor(entries * 0.9);
  }

  entryKey(i: number): number {
    return i < this.listed ? i : (i * 7919) % this.listed;
  }

  revoked(i: number): boolean {
    return i % 50 === 1;
  }

  expired(i: number): boolean {
    return i % 40 === 3;
  }

  /** Entry i (i < listed) is live, so key i has at least one live watchlist hit. */
  live(i: number): boolean {
    return !this.revoked(i) && !this.expired(i);
  }

  /** Case identifier j: three in ten are also on the watchlist, the rest only in the case. */
  caseKey(j: number): number {
    return j % IDENTIFIERS_PER_CASE < 3 ? (j * 104_729) % this.listed : this.listed + j;
  }

  /** Keys that are nowhere on the node. */
  missKey(r: number): number {
    return this.listed + this.caseIdentifiers + r;
  }
}

/** COPY rows from a generator of lines, batched into chunks of about 1 MB. */
function linesStream(lines: Iterable<string>): Readable {
  return Readable.from(
    (function* () {
      let chunk = '';
      for (const line of lines) {
        chunk += line;
        if (chunk.length >= 1 << 20) {
          yield chunk;
          chunk = '';
        }
      }
      if (chunk) yield chunk;
    })(),
  );
}

const row = (fields: (string | number | boolean | null)[]): string => `${fields.map(copyField).join('\t')}\n`;

function* watchlistLines(
  keys: ScreenKeys,
  localNode: string,
  signers: Map<string, OriginSigner>,
  now: Date,
  progress: (done: number) => void,
): Generator<string> {
  const origins = [...signers.keys()];
  for (let i = 0; i < keys.entries; i++) {
    const decile = i % 10;
    // Half from the first partner, three tenths from the second, a fifth written here.
    const origin = decile < 5 ? origins[0] : decile < 8 ? origins[1] : localNode;
    const signer = signers.get(origin);
    if (!signer) throw new Error(`no signing key for origin ${origin}`);
    const { type, normalized } = identifierOf(keys.entryKey(i));
    const revoked = keys.revoked(i);
    const entry: WatchlistEntryVersion = {
      entryId: uuidv7(),
      origin,
      version: revoked ? 2 : 1,
      identifierType: type,
      value: normalized,
      reason: revoked
        ? 'benchmark: account closed by the exchange'
        : `benchmark: payment channel of scam compound ${i % 997}`,
      offenceCategory: OFFENCE_CATEGORIES[i % OFFENCE_CATEGORIES.length],
      severity: SEVERITIES[i % SEVERITIES.length],
      ...(i % 10 === 0 ? { caseReference: `${origin.toUpperCase()}-2026-${i}` } : {}),
      validUntil: new Date(now.getTime() + (keys.expired(i) ? -86_400_000 : 180 * 86_400_000)).toISOString(),
      revoked,
      updatedAt: new Date(now.getTime() - (i % 86_400) * 1000).toISOString(),
    };
    const signature = sign(null, entrySigningBytes(entry), signer.privateKey).toString('base64url');
    const received = origin !== localNode;
    yield row([
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
      entry.revoked,
      entry.updatedAt,
      signature,
      signer.fingerprint,
      received ? origin : null,
      '{}',
      received ? null : 'analyst-kh',
    ]);
    if ((i + 1) % 100_000 === 0) progress(i + 1);
  }
}

function caseRows(keys: ScreenKeys, localNode: string): { cases: string[]; identifiers: string[] } {
  const cases: string[] = [];
  const identifiers: string[] = [];
  const count = Math.ceil(keys.caseIdentifiers / IDENTIFIERS_PER_CASE);
  for (let c = 0; c < count; c++) {
    const id = randomUUID();
    const reference = `${localNode.toUpperCase()}-2026-${String(c).padStart(6, '0')}`;
    const listed: BenchIdentifier[] = [];
    for (let j = c * IDENTIFIERS_PER_CASE; j < Math.min((c + 1) * IDENTIFIERS_PER_CASE, keys.caseIdentifiers); j++)
      listed.push(identifierOf(keys.caseKey(j)));
    // Through the node's own schema, so the stored content is what createCase would have stored.
    const content = caseContentSchema.parse({
      reference,
      title: `Scam compound payment network ${c}`,
      summary: 'Victims paid into wallets and accounts run by the compound; contact through messaging handles.',
      offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'],
      tlp: CASE_TLPS[c % CASE_TLPS.length],
      handlingCodes: ['INTELLIGENCE_ONLY'],
      sourceReliability: 'B',
      informationAccuracy: 2,
      subjects: [{ id: 'p1', names: [`Subject ${c}`] }],
      identifiers: listed.map((identifier, index) => ({
        id: `i${index + 1}`,
        type: identifier.type,
        value: identifier.normalized,
      })),
    });
    cases.push(
      row([id, reference, content.title, content.tlp, JSON.stringify(content), 1, 'analyst-kh', 'analyst-kh']),
    );
    for (const identifier of content.identifiers)
      identifiers.push(row([id, identifier.id, identifier.type, identifier.value]));
  }
  return { cases, identifiers };
}

async function copy(
  client: pg.Client,
  table: string,
  columns: readonly string[],
  lines: Iterable<string>,
): Promise<void> {
  await pipeline(linesStream(lines), client.query(copyFrom(`COPY ${table} (${columns.join(', ')}) FROM STDIN`)));
}

/** Loads everything in one transaction, then VACUUM ANALYZE (a long-lived table has its statistics and visibility map). */
export async function seedScreeningData(
  databaseUrl: string,
  keys: ScreenKeys,
  localNode: string,
  signers: Map<string, OriginSigner>,
  now: Date,
  progress: (line: string) => void,
): Promise<void> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('BEGIN');
    for (const signer of signers.values()) {
      await client.query(
        'INSERT INTO watchlist_certificate (fingerprint, node_id, pem) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
        [signer.fingerprint, signer.nodeId, signer.certificatePem],
      );
    }
    await copy(
      client,
      'watchlist_entry',
      ENTRY_COLUMNS,
      watchlistLines(keys, localNode, signers, now, (done) =>
        progress(`  watchlist entries: ${done.toLocaleString('en-US')}`),
      ),
    );
    const { cases, identifiers } = caseRows(keys, localNode);
    await copy(
      client,
      'intel_case',
      ['id', 'reference', 'title', 'tlp', 'content', 'revision', 'created_by', 'updated_by'],
      cases,
    );
    await copy(client, 'case_identifier', ['case_id', 'identifier_id', 'type', 'value'], identifiers);
    await client.query('COMMIT');
    for (const table of ['watchlist_entry', 'intel_case', 'case_identifier'])
      await client.query(`VACUUM (ANALYZE) ${table}`);
  } finally {
    await client.end();
  }
}
