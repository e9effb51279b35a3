/**
 * npm run bench:load — one node process (kh-cnp) under sustained mixed load: screening calls, case writes
 * (createCase / updateCase) and inbound case packets sealed by two real peer identities (kr-knpa,
 * asean-hub) posted over mutual TLS to its peer endpoint. By default the load is offered at fixed rates
 * (open loop, LOAD_RATES: issue #19's 50 case writes/s and 50 inbound packets/s, beside 20 screening
 * calls/s), each latency counted from when its request was due. Prints throughput, p50/p99 latency and
 * errors per kind against those targets, the node's resident memory minute by minute, and beside them
 * the bare PostgreSQL limits measured in the same run (indexed lookup, single-row insert). Exits 1 if any
 * request failed. Writes bench/results/load.json.
 *
 *   --seconds 60   length of the measured load (default 60; 600 shows whether memory stays flat)
 *   --rates screening=20,case=50,packet=50
 *                  other offered rates per second (any subset; the rest keep LOAD_RATES)
 *   --closed       closed-loop workers instead (LOAD_WORKERS): each sends again once answered, so the
 *                  node is saturated and the figures are its ceiling for this mix
 *   --replicas     instead: the same load against one node process, then against three replicas on one
 *                  database behind HAProxy, throughput, p99 and errors side by side
 *                  (bench/support/replica-comparison.ts, bench/results/load-replicas.json)
 *   --cpu-prof DIR the node under load writes a V8 CPU profile (.cpuprofile) into DIR when it stops
 *
 * The load generator is a closed loop in this process (see bench/support/load-mix.ts) rather than
 * autocannon: every packet must be freshly sealed (libsodium, asynchronous) and posted with a peer's
 * client certificate, and autocannon's per-request hook is synchronous and built for one HTTP target.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';
import pg from 'pg';
import { Role } from '../src/kernel/vocabulary/role.js';
import { PeerStandIn } from '../test/reliability/support/peer-stand-in.js';
import { caseInput } from '../test/support/case-factory.js';
import { BenchFederation } from './support/bench-federation.js';
import { BenchPostgres, query } from './support/bench-postgres.js';
import { KindStats, LOAD_RATES, LOAD_WORKERS, officerToken, runMix, type Kind, type Pace } from './support/load-mix.js';
import { compareReplicas } from './support/replica-comparison.js';
import { createProgressReporter } from '../src/common/progress/progress-reporter.js';
import { fmtInt, fmtSec } from './support/progress.js';

const NODE = 'kh-cnp';
const PEERS = ['kr-knpa', 'asean-hub'];
const TARGET_P99_MS = 100;
const BARE_SECONDS = 5;
const BARE_CONNECTIONS = 4;

const RATE_NAMES: Record<string, Kind> = { screening: 'screening', case: 'case write', packet: 'inbound packet' };

function parseRates(argv: string[]): Record<Kind, number> {
  const at = argv.indexOf('--rates');
  const rates = { ...LOAD_RATES };
  if (at < 0) return rates;
  for (const pair of (argv[at + 1] ?? '').split(',')) {
    const [name, value] = pair.split('=');
    const kind = RATE_NAMES[name];
    const rate = Number(value);
    if (!kind || !Number.isFinite(rate) || rate < 0)
      throw new Error(`--rates takes name=requests/s pairs of ${Object.keys(RATE_NAMES).join(', ')}, got "${pair}"`);
    rates[kind] = rate;
  }
  return rates;
}

/** Node options for the measured node: `--cpu-prof DIR` profiles it (the profile is written at SIGTERM). */
function nodeArgs(argv: string[]): string[] {
  const at = argv.indexOf('--cpu-prof');
  if (at < 0) return [];
  const dir = argv[at + 1];
  if (!dir || dir.startsWith('--')) throw new Error('--cpu-prof takes the folder to write the profile into');
  return ['--cpu-prof', `--cpu-prof-dir=${path.resolve(dir)}`];
}

function parseSeconds(argv: string[]): number {
  const at = argv.indexOf('--seconds');
  if (at < 0) return 60;
  const seconds = Number(argv[at + 1]);
  if (!Number.isFinite(seconds) || seconds < 1)
    throw new Error(`--seconds takes a number of seconds of at least 1, got "${argv[at + 1] ?? ''}"`);
  return seconds;
}

function describePace(pace: Pace): string {
  if ('workers' in pace)
    return `closed-loop workers: ${pace.workers.screening} screening, ${pace.workers['case write']} case writers, ${pace.workers['inbound packet']} per peer`;
  const { rates } = pace;
  return `offered (open loop): ${rates.screening} screening calls/s, ${rates['case write']} case writes/s, ${rates['inbound packet']} inbound packets/s`;
}

/** Issue #19's targets: the offered rate reached (within 2%: the run ends when the last answer arrives, and its last case is not updated), with p99 under TARGET_P99_MS. */
function targetLines(
  rows: { kind: Kind; perSecond: number; p99: number; errors: number }[],
  rates: Record<Kind, number>,
): string[] {
  return rows
    .filter((r) => r.kind !== 'screening')
    .map((r) => {
      const met = r.perSecond >= rates[r.kind] * 0.98 && r.p99 < TARGET_P99_MS && r.errors === 0;
      const offered = rates[r.kind] === LOAD_RATES[r.kind] ? "issue #19's target" : 'offered';
      return `${offered} ${r.kind}: ${rates[r.kind]}/s with p99 < ${TARGET_P99_MS} ms — ${met ? 'met' : 'NOT met'} (${r.perSecond.toFixed(1)}/s, p99 ${r.p99.toFixed(1)} ms)`;
    });
}

/** The node's JS old space in use, in MiB, from its /metrics (NaN when it cannot be read). */
async function oldSpaceMiB(apiUrl: string): Promise<number> {
  try {
    const text = await (await fetch(`${apiUrl}/metrics`)).text();
    const line = text.split('\n').find((l) => l.startsWith('fednode_nodejs_heap_space_size_used_bytes{space="old"}'));
    return line ? Number(line.split(' ').at(-1)) / 2 ** 20 : Number.NaN;
  } catch {
    return Number.NaN;
  }
}

/** Resident set size of a process, in MiB (Linux /proc). */
function rssMiB(pid: number | undefined): number {
  if (!pid) return Number.NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8')
    .split('\n')
    .find((l) => l.startsWith('VmRSS:'));
  return line ? Number(line.replace(/\D+/g, '')) / 1024 : Number.NaN;
}

/** Operations per second of `op` on BARE_CONNECTIONS connections for BARE_SECONDS. */
async function bareRate(url: string, op: (client: pg.Client) => Promise<unknown>): Promise<number> {
  const clients = await Promise.all(
    Array.from({ length: BARE_CONNECTIONS }, async () => {
      const client = new pg.Client({ connectionString: url });
      await client.connect();
      return client;
    }),
  );
  let done = 0;
  const end = performance.now() + BARE_SECONDS * 1000;
  const started = performance.now();
  await Promise.all(
    clients.map(async (client) => {
      while (performance.now() < end) {
        await op(client);
        done += 1;
      }
    }),
  );
  const rate = done / ((performance.now() - started) / 1000);
  await Promise.all(clients.map((c) => c.end()));
  return rate;
}

async function main(): Promise<void> {
  const seconds = parseSeconds(process.argv.slice(2));
  const progress = createProgressReporter({ stream: process.stdout, intervalMs: 5000 });
  if (process.argv.includes('--replicas')) return compareReplicas(seconds, progress);
  const resultsDir = path.resolve('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const postgres = await BenchPostgres.start((line) => progress.line(line));
  const federation = new BenchFederation([NODE, ...PEERS]);
  const cleanup = async () => {
    await federation.stopAll().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    federation.removeFiles();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const)
    process.once(signal, () => void cleanup().finally(() => process.exit(130)));

  try {
    const pgVersion = await postgres.version();
    progress.line(
      `Load benchmark — ${NODE} for ${seconds} s; ${postgres.description} ${pgVersion}; load average ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
    );
    await federation.preparePki();
    await federation.reset(postgres, 'load');
    const node = federation.node(NODE);
    const child = await federation.start(NODE, nodeArgs(process.argv.slice(2)));
    const apiUrl = String(child.logEntries().find((e) => e.event === 'node.started')?.graphql).replace(
      /\/graphql$/,
      '',
    );
    const federationPort = Number(
      String(child.logEntries().find((e) => e.event === 'federation.listening')?.url)
        .split(':')
        .at(-1),
    );
    const targets = {
      apiUrl,
      analystToken: await officerToken(node.databaseUrl, apiUrl, 'load-analyst', [Role.ANALYST]),
      receiver: { id: NODE, federationPort },
      peers: await Promise.all(PEERS.map((id) => PeerStandIn.load(federation.root, id, federation.nodeIds))),
    };

    // Warm-up (not counted): JIT, pools, the first TLS sessions.
    const warm = Object.fromEntries((Object.keys(LOAD_WORKERS) as Kind[]).map((k) => [k, new KindStats()])) as Record<
      Kind,
      KindStats
    >;
    const pace: Pace = process.argv.includes('--closed')
      ? { workers: LOAD_WORKERS }
      : { rates: parseRates(process.argv.slice(2)) };
    await runMix(targets, Math.min(5, seconds), pace, warm);
    const [{ before }] = await query<{ before: number }>(
      node.databaseUrl,
      'SELECT count(*)::int AS before FROM received_packet',
    );

    const stats = Object.fromEntries((Object.keys(LOAD_WORKERS) as Kind[]).map((k) => [k, new KindStats()])) as Record<
      Kind,
      KindStats
    >;
    const pid = child.pid();
    const rss = { start: rssMiB(pid), peak: rssMiB(pid), end: Number.NaN, byMinute: [] as number[] };
    const running = progress.task('  load', seconds * 1000);
    // The lowest JS old space seen each minute (sampled every 5 s) is the heap after its collections:
    // it stays level unless something is kept, whatever the resident memory does.
    const oldSpaceFloor: number[] = [];
    const heapSampler = setInterval(() => {
      const minute = Math.floor((performance.now() - startedAt) / 60_000);
      void oldSpaceMiB(apiUrl).then((mib) => {
        if (Number.isFinite(mib)) oldSpaceFloor[minute] = Math.min(oldSpaceFloor[minute] ?? Infinity, mib);
      });
    }, 5000);
    const sampler = setInterval(() => {
      rss.peak = Math.max(rss.peak, rssMiB(pid));
      const minute = Math.floor((performance.now() - startedAt) / 60_000);
      while (rss.byMinute.length < minute) rss.byMinute.push(Math.round(rssMiB(pid)));
      const line = (Object.keys(stats) as Kind[]).map((k) => `${k} ${fmtInt(stats[k].latencies.length)}`).join(', ');
      running.update(Math.round(performance.now() - startedAt), `${line}, RSS ${rssMiB(pid).toFixed(0)} MiB`);
    }, 1000);
    const startedAt = performance.now();
    await runMix(targets, seconds, pace, stats);
    const elapsed = (performance.now() - startedAt) / 1000;
    clearInterval(sampler);
    clearInterval(heapSampler);
    running.finish();
    const heapFloor = oldSpaceFloor.slice(0, Math.floor(elapsed / 60)).map((mib) => Math.round(mib));
    rss.end = rssMiB(pid);
    const [{ after }] = await query<{ after: number }>(
      node.databaseUrl,
      'SELECT count(*)::int AS after FROM received_packet',
    );
    const packetsAccepted = stats['inbound packet'].latencies.length - stats['inbound packet'].errors;
    progress.line(
      `stored at ${NODE}: ${fmtInt(after - before)} packets; the peers were answered ACCEPTED for ${fmtInt(packetsAccepted)}`,
    );
    await federation.stopAll();

    // The bare limits, same database, node stopped: the same 20-identifier indexed lookup the
    // screening does against case_identifier, and a single-row insert of a case-sized JSON document.
    const types = Array.from({ length: 20 }, (_, k) => (k % 2 === 0 ? 'WALLET_EVM' : 'PHONE'));
    const values = Array.from({ length: 20 }, (_, k) =>
      k % 2 === 0 ? '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' : `+8551${String(k).padStart(7, '0')}`,
    );
    const lookup = await bareRate(node.databaseUrl, (c) =>
      c.query(
        'SELECT ci.case_id FROM unnest($1::text[], $2::text[]) AS q(type, value) JOIN case_identifier ci ON ci.type = q.type AND ci.value = q.value',
        [types, values],
      ),
    );
    await query(
      node.databaseUrl,
      'CREATE TABLE bench_bare_insert (id uuid PRIMARY KEY DEFAULT gen_random_uuid(), body jsonb NOT NULL)',
    );
    const document = JSON.stringify(caseInput());
    const insert = await bareRate(node.databaseUrl, (c) =>
      c.query('INSERT INTO bench_bare_insert (body) VALUES ($1::jsonb)', [document]),
    );

    const kinds = Object.keys(stats) as Kind[];
    const bare: Record<Kind, { label: string; rate: number }> = {
      screening: { label: 'indexed lookup of 20 ids', rate: lookup },
      'case write': { label: 'single-row insert', rate: insert },
      'inbound packet': { label: 'single-row insert', rate: insert },
    };
    const rows = kinds.map((kind) => {
      const s = stats[kind];
      const perSecond = s.latencies.length / elapsed;
      return {
        kind,
        requests: s.latencies.length,
        perSecond,
        p50: s.percentile(50),
        p99: s.percentile(99),
        errors: s.errors,
        errorSamples: s.errorSamples,
        bare: bare[kind],
        ratio: perSecond / bare[kind].rate,
      };
    });
    const errors = rows.reduce((sum, r) => sum + r.errors, 0);
    const lines = [
      '',
      `Mixed load on ${NODE} — ${fmtSec(elapsed)} s, Node ${process.version}, PostgreSQL ${pgVersion}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
      `one node process (dist/main.js); ${describePace(pace)}; peers ${PEERS.join(', ')}`,
      '',
      '  kind               requests      req/s    p50 ms    p99 ms   errors   bare limit (same run)              bare/s   req/bare',
      ...rows.map((r) =>
        [
          `  ${r.kind.padEnd(16)}`,
          fmtInt(r.requests).padStart(10),
          r.perSecond.toFixed(1).padStart(10),
          r.p50.toFixed(1).padStart(9),
          r.p99.toFixed(1).padStart(9),
          String(r.errors).padStart(8),
          `   ${r.bare.label.padEnd(30)}`,
          fmtInt(r.bare.rate).padStart(10),
          `${(r.ratio * 100).toFixed(2)}%`.padStart(10),
        ].join(''),
      ),
      '',
      `resident memory of the node: ${rss.start.toFixed(0)} MiB at the start, ${rss.end.toFixed(0)} MiB at the end (peak ${rss.peak.toFixed(0)} MiB, ${rss.end - rss.start >= 0 ? '+' : ''}${(rss.end - rss.start).toFixed(0)} MiB)${rss.byMinute.length ? `; after each minute: ${rss.byMinute.join(', ')} MiB` : ''}`,
      ...(heapFloor.length
        ? [`JS old space of the node, lowest each minute (after collections): ${heapFloor.join(', ')} MiB`]
        : []),
      ...('rates' in pace ? targetLines(rows, pace.rates) : []),
      `bare limits: ${BARE_CONNECTIONS} connections for ${BARE_SECONDS} s on the node's database with the node stopped; a case write is one createCase or updateCase;`,
      'an inbound packet is one mutual-TLS connection + POST of a freshly sealed case packet, answered with a signed receipt.',
      `the load generator shares the machine with the node (it seals the packets); load average at the end ${loadavg()
        .map((l) => l.toFixed(1))
        .join(' ')}`,
      errors === 0
        ? 'errors: 0'
        : `ERRORS: ${errors}\n${rows.flatMap((r) => r.errorSamples.map((e) => `  ${r.kind}: ${e}`)).join('\n')}`,
    ];
    progress.line(lines.join('\n'));
    const report = {
      generatedAt: new Date().toISOString(),
      node: process.version,
      postgres: `${postgres.description} ${pgVersion}`,
      cpu: cpus()[0]?.model,
      cores: cpus().length,
      loadAverage: loadavg(),
      seconds: elapsed,
      pace,
      targetP99Ms: TARGET_P99_MS,
      results: rows,
      packets: { answeredAccepted: packetsAccepted, stored: after - before },
      rssMiB: rss,
      oldSpaceFloorMiB: heapFloor,
      bare: {
        indexedLookupPerSecond: lookup,
        singleRowInsertPerSecond: insert,
        connections: BARE_CONNECTIONS,
        seconds: BARE_SECONDS,
      },
      errors,
    };
    writeFileSync(path.join(resultsDir, 'load.json'), JSON.stringify(report, null, 2));
    progress.line(`wrote ${path.join('bench', 'results', 'load.json')}`);
    if (errors > 0 || after - before !== packetsAccepted) process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
