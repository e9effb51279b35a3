/**
 * npm run bench:sync — watchlist sync kr-knpa → kh-cnp between two real node processes over mutual
 * TLS, beside a bare PostgreSQL COPY of the same rows into the same database, in the same run.
 * Writes bench/results/sync.json.
 *
 *   --sizes 100000,1000000   entry counts to sync from empty (default: both)
 *   --quick                  10,000 entries only, for iterating
 *   --cpu-prof               write V8 CPU profiles of both nodes to bench/results/profiles/
 *   --pg-activity            sample pg_stat_activity during the sync and print the busiest statements
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { BenchFederation } from './support/bench-federation.js';
import { BenchPostgres } from './support/bench-postgres.js';
import { cpuBetween, cpuSnapshot, machineCpu } from './support/cpu-accounting.js';
import { measureIncremental, waitForAutovacuum, type IncrementalResult } from './support/incremental-changes.js';
import { PgActivitySampler } from './support/pg-activity.js';
import { createProgressReporter } from '../src/common/progress/progress-reporter.js';
import { fmtInt, fmtSec } from './support/progress.js';
import { checkSigner, copyInto, loadOriginSigner, writeSeedFile } from './support/seed-watchlist.js';

const ORIGIN = 'kr-knpa';
const PARTNER = 'kh-cnp';
const INCREMENTAL = 1000;
const INCREMENTAL_ROUNDS = 3;
const TARGETS = { fullSyncSecondsFor1M: 120, incrementalSeconds: 2 };

interface SizeResult {
  entries: number;
  seedSeconds: number;
  sync: {
    seconds: number;
    entriesPerSecond: number;
    completed: boolean;
    held: number;
    machineBusy: number;
    loadAverage: number[];
  };
  /** CPU seconds during the sync: each node process, PostgreSQL (embedded cluster only), everything else on the machine. */
  cpuSeconds: Record<string, number>;
  /** What kh-cnp's ingest logs counted: received > entries means pages were delivered twice (push and pull). */
  ingest: { received: number; inserted: number; updated: number; ignored: number; rejected: number };
  incremental: IncrementalResult & { autovacuumWaitSeconds: number };
  copy: {
    sameIndexes: { seconds: number; rowsPerSecond: number };
    noIndexes: { seconds: number; rowsPerSecond: number };
  };
  ratio: { syncToCopySameIndexes: number; syncToCopyNoIndexes: number };
  target?: { seconds: number; met: boolean };
}

function parseArgs(argv: string[]): { sizes: number[]; cpuProf: boolean; pgActivity: boolean } {
  let sizes = [100_000, 1_000_000];
  const at = argv.indexOf('--sizes');
  if (at >= 0) sizes = (argv[at + 1] ?? '').split(',').map((s) => Number(s.replace(/_/g, '')));
  if (argv.includes('--quick')) sizes = [10_000];
  if (sizes.length === 0 || sizes.some((n) => !Number.isInteger(n) || n < INCREMENTAL)) {
    throw new Error(`--sizes takes whole numbers of at least ${INCREMENTAL}, e.g. --sizes 100000,1000000`);
  }
  return {
    sizes: [...new Set(sizes)].sort((a, b) => a - b),
    cpuProf: argv.includes('--cpu-prof'),
    pgActivity: argv.includes('--pg-activity'),
  };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * How many entries the partner holds, on one connection (a new one per poll would cost the machine a
 * backend start and a SCRAM exchange each time). During a sync from empty every write there is an
 * insert, so the change-feed head (an index lookup) counts them cheaply; count(*) confirms at the end.
 */
async function heldAtPartner(client: pg.Client, exact: boolean): Promise<number> {
  const sql = exact
    ? 'SELECT count(*)::int AS n FROM watchlist_entry WHERE origin = $1'
    : 'SELECT coalesce(max(change_seq), 0)::int AS n FROM watchlist_entry';
  const { rows } = await client.query(sql, exact ? [ORIGIN] : []);
  return (rows[0] as { n: number }).n;
}

async function main(): Promise<void> {
  const { sizes, cpuProf, pgActivity } = parseArgs(process.argv.slice(2));
  // Bars on a terminal, plain lines when the output goes to a file or CI log (every 5 s per phase).
  const progress = createProgressReporter({ stream: process.stdout, intervalMs: 5000 });
  const resultsDir = path.resolve('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, 'profiles');
  const postgres = await BenchPostgres.start((line) => progress.line(line));
  const federation = new BenchFederation([ORIGIN, PARTNER]);
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    progress.close();
    await federation.stopAll().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    federation.removeFiles();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the nodes and PostgreSQL\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const pgVersion = await postgres.version();
    progress.line(
      `Watchlist sync benchmark — ${ORIGIN} → ${PARTNER}, sizes ${sizes.map(fmtInt).join(', ')}; ${postgres.description} ${pgVersion}`,
    );
    await federation.preparePki();

    // The signed rows, once: the largest size, with the offsets where the smaller sizes end.
    await federation.reset(postgres, 'keys');
    const signer = await loadOriginSigner(federation.node(ORIGIN).configFile);
    const now = new Date();
    await checkSigner(signer, now);
    const seedFile = path.join(federation.root, 'seed.copy');
    const max = sizes.at(-1)!;
    let started = performance.now();
    const signing = progress.task(`signing entries with ${ORIGIN}'s key`, max);
    const offsets = await writeSeedFile(seedFile, signer, max, sizes, now, (done) => signing.update(done));
    const signSeconds = (performance.now() - started) / 1000;
    signing.update(max); // the callback fires every 50,000 entries
    signing.finish('(not counted)');

    const results: SizeResult[] = [];
    for (const n of sizes) {
      progress.line(`\n== ${fmtInt(n)} entries ==`);
      await federation.reset(postgres, `n${n}`);
      const nodeArgs = (id: string): string[] =>
        cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=${id}-${n}.cpuprofile`] : [];
      started = performance.now();
      await Promise.all([federation.start(ORIGIN, nodeArgs(ORIGIN)), federation.start(PARTNER, nodeArgs(PARTNER))]);
      progress.line(
        `started ${ORIGIN} and ${PARTNER} (own databases, mutual TLS) in ${fmtSec((performance.now() - started) / 1000)} s`,
      );

      // Seed the origin's table in one transaction: nothing is visible to the sync until it commits.
      const origin = federation.node(ORIGIN);
      const partner = federation.node(PARTNER);
      // A real origin accumulates its entries over time and autovacuum keeps their statistics; a bulk
      // load has none, so ANALYZE runs in the seeding transaction (the feed query needs the statistics).
      const seed = await copyInto(
        origin.databaseUrl,
        'watchlist_entry',
        seedFile,
        offsets.get(n)!,
        [
          [
            'INSERT INTO watchlist_certificate (fingerprint, node_id, pem) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING',
            [signer.fingerprint, signer.nodeId, signer.certificatePem],
          ],
        ],
        ['ANALYZE watchlist_entry'],
      );
      const t0 = seed.committedAt;
      progress.line(
        `seeded ${fmtInt(n)} signed entries into ${ORIGIN}'s watchlist_entry by COPY + ANALYZE in ${fmtSec(seed.seconds)} s (not counted); sync clock starts at its commit`,
      );

      // (a) Full sync from empty.
      const sampler = pgActivity ? new PgActivitySampler(postgres.adminUrl) : undefined;
      await sampler?.start();
      const cpuBefore = machineCpu();
      const nodePids = new Map([
        [`${ORIGIN} node`, origin.process?.pid()],
        [`${PARTNER} node`, partner.process?.pid()],
      ]);
      const processesBefore = cpuSnapshot(nodePids, postgres.postmasterPid());
      const poller = new pg.Client({ connectionString: partner.databaseUrl });
      await poller.connect();
      const deadline = t0 + (60 + n / 2000) * 1000;
      let held = 0;
      const syncing = progress.task(`  sync: entries ${PARTNER} holds`, n);
      while (held < n && performance.now() < deadline) {
        await sleep(100);
        held = await heldAtPartner(poller, false);
        if (held >= n) held = await heldAtPartner(poller, true);
        const elapsed = (performance.now() - t0) / 1000;
        syncing.update(held, `after ${fmtSec(elapsed)} s (${fmtInt(held / elapsed)} entries/s)`);
      }
      const syncSeconds = (performance.now() - t0) / 1000;
      syncing.finish(`(${fmtInt(held / syncSeconds)} entries/s)`);
      await poller.end();
      const cpuAfter = machineCpu();
      const machineBusy = (cpuAfter.busy - cpuBefore.busy) / Math.max(cpuAfter.total - cpuBefore.total, 1);
      const cpuSeconds = cpuBetween(processesBefore, cpuSnapshot(nodePids, postgres.postmasterPid()));
      cpuSeconds['everything else'] =
        (cpuAfter.busy - cpuBefore.busy) / 1000 - Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
      progress.line(
        `  CPU seconds during the sync: ${Object.entries(cpuSeconds)
          .map(([label, sec]) => `${label} ${sec.toFixed(1)}`)
          .join(', ')}`,
      );
      progress.line(
        `  machine CPU busy during the sync: ${(machineBusy * 100).toFixed(0)}% of ${cpus().length} cores (every process, ours or not); load average ${loadavg()
          .map((l) => l.toFixed(1))
          .join(' ')}`,
      );
      if (sampler)
        progress.line(
          `  PostgreSQL statements during the sync (share of samples):\n${(await sampler.stop()).map((l) => `    ${l}`).join('\n')}`,
        );
      const completed = held >= n;
      if (!completed) progress.line(`  TIMED OUT: ${fmtInt(held)}/${fmtInt(n)} after ${fmtSec(syncSeconds)} s`);

      // (b) 1,000 changes at the origin, until all are visible at the partner: steady state, so first
      // the autovacuum that a bulk load sets off is let finish (the wait is reported).
      let incremental: IncrementalResult = {
        changes: INCREMENTAL,
        rounds: [],
        seconds: Number.NaN,
        completed: false,
        method: 'not run: the sync did not complete',
      };
      let autovacuumWait = 0;
      if (completed) {
        await sleep(1000); // let a pull that may still be running finish
        autovacuumWait = await waitForAutovacuum(postgres.adminUrl, [origin.databaseUrl, partner.databaseUrl], 180_000);
        if (autovacuumWait > 1)
          progress.line(`  waited ${fmtSec(autovacuumWait)} s for autovacuum of the bulk-loaded tables to finish`);
        incremental = await measureIncremental(
          origin.databaseUrl,
          partner.databaseUrl,
          signer,
          INCREMENTAL,
          INCREMENTAL_ROUNDS,
          (line) => progress.line(line),
        );
      }

      // The nodes' own logs, for a run that timed out or looks wrong.
      for (const node of [origin, partner])
        writeFileSync(
          path.join(resultsDir, `sync-${node.id}-${n}.log`),
          `${node.process?.stdout ?? ''}\n${node.process?.stderr ?? ''}`,
        );
      const ingest = { received: 0, inserted: 0, updated: 0, ignored: 0, rejected: 0 };
      for (const entry of partner.process?.logEntries() ?? []) {
        if (entry.event !== 'watchlist.ingested') continue;
        for (const key of Object.keys(ingest) as (keyof typeof ingest)[]) ingest[key] += Number(entry[key] ?? 0);
      }
      await federation.stopAll();

      // (c) The bare limit: COPY of the same rows into the partner's database, with the nodes stopped.
      const sequenceDefault = (table: string): [string, unknown[]][] => [
        [`CREATE SEQUENCE ${table}_seq AS bigint`, []],
        [`ALTER TABLE ${table} ALTER change_seq SET DEFAULT nextval('${table}_seq')`, []],
      ];
      const sameIndexes = await copyInto(partner.databaseUrl, 'bench_copy_indexed', seedFile, offsets.get(n)!, [
        ['CREATE TABLE bench_copy_indexed (LIKE watchlist_entry INCLUDING ALL)', []],
        ...sequenceDefault('bench_copy_indexed'),
      ]);
      const noIndexes = await copyInto(partner.databaseUrl, 'bench_copy_bare', seedFile, offsets.get(n)!, [
        ['CREATE TABLE bench_copy_bare (LIKE watchlist_entry INCLUDING DEFAULTS)', []],
        ...sequenceDefault('bench_copy_bare'),
      ]);
      progress.line(
        `  bare COPY of the same ${fmtInt(n)} rows into ${PARTNER}'s database: ${fmtSec(sameIndexes.seconds)} s (same indexes), ${fmtSec(noIndexes.seconds)} s (no indexes)`,
      );

      const rate = completed ? n / syncSeconds : held / syncSeconds;
      const copyRate = n / sameIndexes.seconds;
      const bareRate = n / noIndexes.seconds;
      results.push({
        entries: n,
        seedSeconds: seed.seconds,
        sync: { seconds: syncSeconds, entriesPerSecond: rate, completed, held, machineBusy, loadAverage: loadavg() },
        cpuSeconds,
        ingest,
        incremental: { ...incremental, autovacuumWaitSeconds: autovacuumWait },
        copy: {
          sameIndexes: { seconds: sameIndexes.seconds, rowsPerSecond: copyRate },
          noIndexes: { seconds: noIndexes.seconds, rowsPerSecond: bareRate },
        },
        ratio: { syncToCopySameIndexes: rate / copyRate, syncToCopyNoIndexes: rate / bareRate },
        ...(n === 1_000_000
          ? {
              target: {
                seconds: TARGETS.fullSyncSecondsFor1M,
                met: completed && syncSeconds < TARGETS.fullSyncSecondsFor1M,
              },
            }
          : {}),
      });
    }

    const pct = (r: number) => `${(r * 100).toFixed(1)}%`;
    const lines = [
      '',
      `Watchlist sync ${ORIGIN} → ${PARTNER} — Node ${process.version}, PostgreSQL ${pgVersion}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      'two node processes (dist/main.js), own databases on one PostgreSQL, mutual TLS on loopback, default federation settings',
      '',
      '   entries   sync s   entries/s   COPY s (same idx)   rows/s   sync/COPY   COPY s (no idx)   rows/s   sync/COPY   1,000 changes s',
      ...results.map((r) =>
        [
          fmtInt(r.entries).padStart(10),
          `${fmtSec(r.sync.seconds)}${r.sync.completed ? '' : '*'}`.padStart(8),
          fmtInt(r.sync.entriesPerSecond).padStart(11),
          fmtSec(r.copy.sameIndexes.seconds).padStart(19),
          fmtInt(r.copy.sameIndexes.rowsPerSecond).padStart(8),
          pct(r.ratio.syncToCopySameIndexes).padStart(11),
          fmtSec(r.copy.noIndexes.seconds).padStart(17),
          fmtInt(r.copy.noIndexes.rowsPerSecond).padStart(8),
          pct(r.ratio.syncToCopyNoIndexes).padStart(11),
          (r.incremental.completed ? fmtSec(r.incremental.seconds) : 'timeout').padStart(17),
        ].join(' '),
      ),
      '',
      'sync s    = from the commit of the seed at kr-knpa until kh-cnp holds all entries (push and pull as configured, every entry',
      "            verified against kr-knpa's certificate); * = timed out, rate from what arrived",
      "COPY      = bare COPY of the same rows (same text) into a table like watchlist_entry in kh-cnp's database, one transaction",
      `1,000 changes = ${INCREMENTAL} updates at kr-knpa written as direct signed writes (watchlist-signing.ts + watchlist.store.ts, one`,
      `            transaction), from commit until every new version is held by kh-cnp; median of ${INCREMENTAL_ROUNDS} rounds, after autovacuum settled`,
      ...results.map((r) => {
        const total = Object.values(r.cpuSeconds).reduce((a, b) => a + b, 0);
        const parts = Object.entries(r.cpuSeconds)
          .map(([label, sec]) => `${label} ${sec.toFixed(1)}`)
          .join(', ');
        return `CPU s during the sync, ${fmtInt(r.entries)}: ${parts}; ${fmtInt((total * 1e6) / Math.max(r.sync.held, 1))} µs of machine CPU per entry (${(r.sync.machineBusy * 100).toFixed(0)}% busy)`;
      }),
      ...results.map(
        (r) =>
          `ingest at kh-cnp, ${fmtInt(r.entries)}: received ${fmtInt(r.ingest.received)}, inserted ${fmtInt(r.ingest.inserted)}, updated ${fmtInt(r.ingest.updated)}, ignored ${fmtInt(r.ingest.ignored)}, rejected ${fmtInt(r.ingest.rejected)}`,
      ),
      '',
      `Targets: 1,000,000 entries in < ${TARGETS.fullSyncSecondsFor1M} s: ${targetText(results.find((r) => r.entries === 1_000_000))}; ` +
        `1,000 changes visible in < ${TARGETS.incrementalSeconds} s: ${results.every((r) => r.incremental.completed && r.incremental.seconds < TARGETS.incrementalSeconds) ? 'met' : 'MISSED'}`,
    ];
    progress.line(lines.join('\n'));
    const report = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      postgres: `${postgres.description} ${pgVersion}`,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      signSeconds,
      targets: TARGETS,
      results,
      ...(cpuProf ? { profiles: profileDir } : {}),
    };
    writeFileSync(path.join(resultsDir, 'sync.json'), `${JSON.stringify(report, null, 2)}\n`);
    progress.line(`\nwrote ${path.join(resultsDir, 'sync.json')}`);
    if (results.some((r) => !r.sync.completed || !r.incremental.completed)) process.exitCode = 1;
  } catch (error) {
    progress.line(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${federation.logs()}`,
    );
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

function targetText(result: SizeResult | undefined): string {
  if (!result) return 'not run (use --sizes 1000000)';
  return result.target?.met ? `met (${fmtSec(result.sync.seconds)} s)` : `MISSED (${fmtSec(result.sync.seconds)} s)`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
