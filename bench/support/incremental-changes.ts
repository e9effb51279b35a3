import pg from 'pg';
import { openDataSource } from '../../src/database/data-source.js';
import { sodiumReady } from '../../src/kernel/crypto/sodium.js';
import { signEntryWith } from '../../src/watchlist/watchlist-signing.js';
import * as store from '../../src/watchlist/watchlist.store.js';
import type { OriginSigner } from './seed-watchlist.js';

export interface IncrementalBatch {
  entryIds: string[];
  versions: number[];
  /** performance.now() when the transaction committed. */
  committedAt: number;
}

/**
 * `count` updates of existing entries at the origin, as direct signed writes: the next version of
 * each (new reason and severity), signed with the origin's key by watchlist-signing.ts and written
 * by watchlist.store.ts under the feed lock in one transaction, with the same NOTIFY the service sends.
 */
export async function updateAtOrigin(
  databaseUrl: string,
  signer: OriginSigner,
  count: number,
): Promise<IncrementalBatch> {
  const sodium = await sodiumReady();
  const db = await openDataSource(databaseUrl);
  try {
    const now = new Date();
    const ids = (await db.query(
      'SELECT entry_id FROM watchlist_entry WHERE origin = $1 AND NOT revoked ORDER BY random() LIMIT $2',
      [signer.nodeId, count],
    )) as {
      entry_id: string;
    }[];
    const rows = await store.loadCurrent(
      db.manager,
      ids.map((r) => ({ origin: signer.nodeId, entryId: r.entry_id })),
    );
    const writes: store.WatchlistWrite[] = [...rows.values()].map((row) => {
      const current = store.versionOf(row);
      const next = {
        ...current,
        version: current.version + 1,
        reason: `benchmark update ${current.version + 1}`,
        severity: 'CRITICAL' as const,
        updatedAt: now.toISOString(),
      };
      return {
        signed: signEntryWith(sodium, next, signer.secretKey, signer.certificatePem),
        certificateFingerprint: signer.fingerprint,
        receivedFrom: null,
        onwardTo: [],
        changedBy: 'bench-analyst',
      };
    });
    const written = await db.transaction(async (manager) => {
      await store.lockFeed(manager);
      const stored = await store.writeVersions(manager, writes);
      await store.notifyChanged(manager, store.headOf(stored));
      return stored;
    });
    return {
      entryIds: written.map((r) => r.entryId),
      versions: written.map((r) => r.version),
      committedAt: performance.now(),
    };
  } finally {
    await db.destroy();
  }
}

export interface IncrementalResult {
  changes: number;
  /** Seconds from commit at the origin until the partner held every new version, per round. */
  rounds: number[];
  seconds: number;
  completed: boolean;
  method: string;
}

/**
 * `rounds` times: `count` updates at the origin, then polls the partner (one connection, every 10 ms)
 * until it holds every new version. Reports the median round.
 */
export async function measureIncremental(
  originUrl: string,
  partnerUrl: string,
  signer: OriginSigner,
  count: number,
  rounds: number,
  log: (line: string) => void,
): Promise<IncrementalResult> {
  const client = new pg.Client({ connectionString: partnerUrl });
  await client.connect();
  const times: number[] = [];
  try {
    for (let round = 0; round < rounds; round++) {
      const batch = await updateAtOrigin(originUrl, signer, count);
      const limit = batch.committedAt + 30_000;
      let seconds: number | undefined;
      while (seconds === undefined && performance.now() < limit) {
        const { rows } = await client.query(
          `SELECT count(*)::int AS n FROM watchlist_entry e JOIN unnest($2::uuid[], $3::int[]) AS k(entry_id, version)
             ON e.origin = $1 AND e.entry_id = k.entry_id AND e.version >= k.version`,
          [signer.nodeId, batch.entryIds, batch.versions],
        );
        if ((rows[0] as { n: number }).n >= batch.entryIds.length)
          seconds = (performance.now() - batch.committedAt) / 1000;
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
      log(
        `  round ${round + 1}: ${count} changes at ${signer.nodeId} visible at the partner after ${seconds === undefined ? 'TIMEOUT (30 s)' : `${seconds.toFixed(2)} s`}`,
      );
      if (seconds === undefined)
        return { changes: count, rounds: times, seconds: Number.NaN, completed: false, method: METHOD };
      times.push(seconds);
    }
  } finally {
    await client.end();
  }
  const sorted = [...times].sort((a, b) => a - b);
  return {
    changes: count,
    rounds: times,
    seconds: sorted[Math.floor(sorted.length / 2)],
    completed: true,
    method: METHOD,
  };
}

const METHOD = 'direct signed writes (watchlist-signing.ts + watchlist.store.ts), one transaction per round';

/** Waits (at most `maxMs`) until no autovacuum worker runs on these databases; returns the seconds waited. */
export async function waitForAutovacuum(adminUrl: string, databaseUrls: string[], maxMs: number): Promise<number> {
  const names = databaseUrls.map((url) => new URL(url).pathname.slice(1));
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  const start = performance.now();
  try {
    while (performance.now() - start < maxMs) {
      const { rows } = await client.query(
        "SELECT count(*)::int AS n FROM pg_stat_activity WHERE backend_type = 'autovacuum worker' AND datname = ANY($1)",
        [names],
      );
      if ((rows[0] as { n: number }).n === 0) break;
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  } finally {
    await client.end();
  }
  return (performance.now() - start) / 1000;
}
