/**
 * Convergence of watchlist replicas, on the real service: the same signed versions, delivered to two
 * replicas of kh-cnp in any order with any duplicates (as pulls, pushes, retries do), end in the same
 * state, the highest-ranked unexpired version each origin signed; and nothing a node forged in
 * another's name changes an entry. Each replica is a node with its own database, taking items in
 * through WatchlistService.ingest (schemas, certificates, signatures on the worker threads, merge
 * under the feed lock). Reproduce a failure with FC_SEED=<seed>.
 */
import fc from 'fast-check';
import { sodiumReady, type Sodium } from '../../src/kernel/crypto/sodium.js';
import type { NodeIdentity } from '../../src/identity/node-identity.loader.js';
import { SEVERITIES, type WatchlistEntryVersion } from '../../src/watchlist/watchlist-entry.js';
import { signEntryWith } from '../../src/watchlist/watchlist-signing.js';
import type { WatchlistFeedItem } from '../../src/watchlist/watchlist-sync.service.js';
import { WatchlistModule } from '../../src/watchlist/watchlist.module.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { MediumApp, MediumFederation } from './support/medium-app.js';

const ORIGINS = ['kr-knpa', 'kh-gdce'] as const;
type Origin = (typeof ORIGINS)[number];
const SEED = process.env.FC_SEED !== undefined ? Number(process.env.FC_SEED) : Math.floor(Math.random() * 0x7fffffff);
const DAY_MS = 24 * 3600 * 1000;

/** One honest version history: versions 1..n, validUntil never moving earlier, maybe ending in a tombstone. */
interface History {
  origin: Origin;
  steps: { severity: (typeof SEVERITIES)[number]; extendDays: number }[];
  startDays: number;
  revokedAtEnd: boolean;
}

const historyArb: fc.Arbitrary<History> = fc.record({
  origin: fc.constantFrom(...ORIGINS),
  steps: fc.array(
    fc.record({ severity: fc.constantFrom(...SEVERITIES), extendDays: fc.integer({ min: 0, max: 20 }) }),
    { minLength: 1, maxLength: 4 },
  ),
  // Some histories start expired, some expire part-way.
  startDays: fc.integer({ min: -30, max: 10 }),
  revokedAtEnd: fc.boolean(),
});

describe('watchlist replicas converge (medium: the real ingest on two databases)', () => {
  const federation = new MediumFederation(['kh-cnp', ...ORIGINS]);
  let replicas: [MediumApp, MediumApp];
  let sodium: Sodium;
  const origins = new Map<Origin, NodeIdentity>();
  let run = 0;

  beforeAll(async () => {
    replicas = [
      await MediumApp.create({ federation, nodeId: 'kh-cnp', imports: [WatchlistModule] }),
      await MediumApp.create({ federation, nodeId: 'kh-cnp', imports: [WatchlistModule] }),
    ];
    sodium = await sodiumReady();
    for (const origin of ORIGINS) origins.set(origin, await federation.identityOf(origin));
  });
  afterAll(async () => {
    for (const replica of replicas ?? []) await replica.close();
  });

  /** An item as a feed page carries it, signed by `signer` (the origin, or a forger). */
  function item(version: WatchlistEntryVersion, signer: Origin, certificateOf: Origin = signer): WatchlistFeedItem {
    const { keys } = origins.get(signer)!;
    const signed = signEntryWith(
      sodium,
      version,
      keys.current.signing.privateKey,
      origins.get(certificateOf)!.certificatePem,
    );
    return { ...signed, seq: '1', origin: version.origin, onwardTo: [] };
  }

  function versionsOf(history: History, entryId: string, value: string): WatchlistEntryVersion[] {
    let validUntil = Date.now() + history.startDays * DAY_MS;
    const versions = history.steps.map((step, index): WatchlistEntryVersion => {
      validUntil += step.extendDays * DAY_MS;
      return {
        entryId,
        origin: history.origin,
        version: index + 1,
        identifierType: 'TELEGRAM',
        value,
        reason: `reason ${index + 1}`,
        offenceCategory: 'ONLINE_SCAM',
        severity: step.severity,
        validUntil: new Date(validUntil).toISOString(),
        revoked: false,
        updatedAt: new Date(Date.now() - (10 - index) * 60_000).toISOString(),
      };
    });
    if (history.revokedAtEnd) {
      const last = versions[versions.length - 1];
      versions.push({ ...last, version: last.version + 1, revoked: true, reason: 'revoked' });
    }
    return versions;
  }

  /** What a node other than the origin makes up about the origin's entry, delivered as itself. */
  function forgeriesOf(version: WatchlistEntryVersion): { from: Origin; item: WatchlistFeedItem }[] {
    const forger = ORIGINS.find((origin) => origin !== version.origin)!;
    const bumped = { ...version, version: version.version + 100, reason: `forged by ${forger}` };
    const genuine = item(version, version.origin as Origin);
    const flipped = Buffer.from(genuine.signature, 'base64url');
    flipped[0] ^= 0x80;
    return [
      // Claims the origin, signed with the forger's key under the origin's certificate.
      { from: forger, item: item(bumped, forger, version.origin as Origin) },
      // A revocation in the origin's name, signed by the forger as itself.
      { from: forger, item: item({ ...version, revoked: true, version: version.version + 1 }, forger) },
      // The origin's version with its signature tampered, delivered by the origin's own link.
      { from: version.origin as Origin, item: { ...genuine, signature: flipped.toString('base64url') } },
    ];
  }

  async function stateOf(replica: MediumApp, entryIds: Set<string>): Promise<Record<string, string>> {
    const { entries } = await replica
      .get(WatchlistService)
      .list({ includeRevoked: true, includeExpired: true, identifierType: 'TELEGRAM' }, 500);
    return Object.fromEntries(
      entries
        .filter((row) => entryIds.has(row.entryId))
        .map((row) => [
          `${row.origin} ${row.entryId}`,
          `v${row.version} ${row.revoked ? 'revoked' : 'live'} ${row.reason}`,
        ])
        .sort(([a], [b]) => a.localeCompare(b)),
    );
  }

  it('any interleaving, duplication or reordering of the same versions gives the same state, and only origins change entries', async () => {
    const scenarioArb = fc.array(historyArb, { minLength: 1, maxLength: 4 }).chain((histories) => {
      const count = histories.reduce((n, h) => n + h.steps.length + (h.revokedAtEnd ? 1 : 0), 0) * 4;
      const order = fc.shuffledSubarray(
        Array.from({ length: count }, (_, i) => i),
        { minLength: count, maxLength: count },
      );
      const duplicates = fc.array(fc.nat({ max: count - 1 }), { maxLength: count });
      return fc.record({
        histories: fc.constant(histories),
        first: order,
        second: order,
        extraA: duplicates,
        extraB: duplicates,
      });
    });
    await fc.assert(
      fc.asyncProperty(scenarioArb, async ({ histories, first, second, extraA, extraB }) => {
        run += 1;
        const honest = histories.flatMap((history, index) =>
          versionsOf(history, entryIdOf(run, index), `@scam_${run}_${index}`),
        );
        const delivered = honest.flatMap((version) => [
          { from: version.origin as Origin, item: item(version, version.origin as Origin) },
          ...forgeriesOf(version),
        ]);
        const orderOf = (order: number[], extra: number[]) => [...order, ...extra].map((i) => delivered[i]);
        for (const [replica, order] of [
          [replicas[0], orderOf(first, extraA)],
          [replicas[1], orderOf(second, extraB)],
        ] as const) {
          // As pages arrive per link: each delivery is an ingest from the peer that delivered it.
          for (const { from, item: one } of order) await replica.get(WatchlistService).ingest([one], from);
        }

        const entryIds = new Set(honest.map((version) => version.entryId));
        const expected = new Map<string, WatchlistEntryVersion>();
        for (const version of honest) {
          if (Date.parse(version.validUntil) < Date.now()) continue;
          const key = `${version.origin} ${version.entryId}`;
          const held = expected.get(key);
          if (!held || outranks(version, held)) expected.set(key, version);
        }
        const [a, b] = [await stateOf(replicas[0], entryIds), await stateOf(replicas[1], entryIds)];
        expect(a).toEqual(b);
        expect(a).toEqual(
          Object.fromEntries(
            [...expected]
              .map(([key, v]): [string, string] => [key, `v${v.version} ${v.revoked ? 'revoked' : 'live'} ${v.reason}`])
              .sort(([x], [y]) => x.localeCompare(y)),
          ),
        );
      }),
      { seed: SEED, numRuns: 8 },
    );
  }, 240_000);
});

/** The protocol's rule, restated here rather than imported: a revocation outranks any live version, then the higher version wins. */
function outranks(a: WatchlistEntryVersion, b: WatchlistEntryVersion): boolean {
  return a.revoked !== b.revoked ? a.revoked : a.version > b.version;
}

function entryIdOf(run: number, index: number): string {
  return `01970000-0000-7000-8000-${String(run * 100 + index).padStart(12, '0')}`;
}
