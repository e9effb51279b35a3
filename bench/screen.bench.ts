/**
 * npm run bench:screen — identifier screening on one real node process (`node dist/main.js`) holding
 * 1,000,000 watchlist entries and 100,000 case identifiers: single-identifier `screen` queries from 50
 * concurrent HTTP clients (autocannon), and batches of 10,000 identifiers, beside a bare indexed
 * PostgreSQL lookup of the same keys in the same run. Writes bench/results/screen.json.
 *
 *   --entries 1000000          watchlist entries (default 1,000,000)
 *   --case-identifiers 100000  identifiers in local cases, 10 per case (default 100,000)
 *   --seconds 20               duration of each concurrent phase (default 20)
 *   --connections 50           concurrent clients (default 50)
 *   --batches 20               calls of 10,000 identifiers (default 20)
 *   --cpu-prof                 write a V8 CPU profile of the node to bench/results/profiles/
 *   --pg-activity              sample pg_stat_activity during each phase and print the busiest statements
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, totalmem } from 'node:os';
import * as path from 'node:path';
import { Role } from '../src/auth/role.enum.js';
import { PasswordHasher } from '../src/auth/password-hasher.js';
import { openDataSource } from '../src/database/data-source.js';
import { OfficerAccount } from '../src/officers/entities/officer-account.entity.js';
import { OfficerAccountService } from '../src/officers/officer-account.service.js';
import { standaloneAuditService } from '../src/audit/audit.service.js';
import { MAX_SCREENING_BATCH } from '../src/screening/screening-batch.js';
import { BenchPostgres } from './support/bench-postgres.js';
import { cpuBetween, cpuSnapshot, machineCpu } from './support/cpu-accounting.js';
import { PgActivitySampler } from './support/pg-activity.js';
import { createProgressReporter } from '../src/common/progress/progress-reporter.js';
import { fmtInt, fmtSec } from './support/progress.js';
import { bareBatches, bareSingle, batchesOf, httpBatches, httpSingle, probeOf, type BareSingleResult, type BatchResult, type HttpSingleResult, type Probe } from './support/screen-load.js';
import { ScreenNode } from './support/screen-node.js';
import { ScreenKeys, seedScreeningData } from './support/screen-seed.js';
import { loadOriginSigner, type OriginSigner } from './support/seed-watchlist.js';

const NODE = 'kh-cnp';
const PARTNERS = ['kr-knpa', 'kh-gdce'];
const TARGETS = { singleP99Ms: 50, batchIdentifiersPerSecond: 20_000 };
const PROBES = 100_000;
const WARMUP_SECONDS = 5;

interface Options {
  entries: number;
  caseIdentifiers: number;
  seconds: number;
  connections: number;
  batches: number;
  cpuProf: boolean;
  pgActivity: boolean;
}

function parseArgs(argv: string[]): Options {
  const number = (flag: string, fallback: number, min: number): number => {
    const at = argv.indexOf(flag);
    if (at < 0) return fallback;
    const value = Number((argv[at + 1] ?? '').replace(/_/g, ''));
    if (!Number.isInteger(value) || value < min) throw new Error(`${flag} takes a whole number of at least ${min}, e.g. ${flag} ${fallback}`);
    return value;
  };
  return {
    entries: number('--entries', 1_000_000, 10_000),
    caseIdentifiers: number('--case-identifiers', 100_000, 1_000),
    seconds: number('--seconds', 20, 1),
    connections: number('--connections', 50, 1),
    batches: number('--batches', 20, 1),
    cpuProf: argv.includes('--cpu-prof'),
    pgActivity: argv.includes('--pg-activity'),
  };
}

interface PhaseLoad {
  machineBusy: number;
  loadAverage: number;
  cpuSeconds: Record<string, number>;
  /** With --pg-activity: the statements PostgreSQL was busiest with (share of samples). */
  statements?: string[];
}

/** Runs a phase and notes how busy the machine and each of our processes were meanwhile. */
async function measured<T>(node: ScreenNode, postgres: BenchPostgres, pgActivity: boolean, work: () => Promise<T>): Promise<{ result: T; load: PhaseLoad }> {
  const sampler = pgActivity ? new PgActivitySampler(postgres.adminUrl) : undefined;
  await sampler?.start();
  const pids = new Map([['node', node.process?.pid()], ['bench client', process.pid]]);
  const cpuBefore = machineCpu();
  const before = cpuSnapshot(pids, postgres.postmasterPid());
  const result = await work();
  const cpuAfter = machineCpu();
  const cpuSeconds = cpuBetween(before, cpuSnapshot(pids, postgres.postmasterPid()));
  cpuSeconds['everything else'] = (cpuAfter.busy - cpuBefore.busy) / 1000 - Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  const statements = await sampler?.stop();
  const machineBusy = (cpuAfter.busy - cpuBefore.busy) / Math.max(cpuAfter.total - cpuBefore.total, 1);
  return { result, load: { machineBusy, loadAverage: loadavg()[0], cpuSeconds, ...(statements ? { statements } : {}) } };
}

const loadText = (load: PhaseLoad): string =>
  `machine ${(load.machineBusy * 100).toFixed(0)}% busy, load ${load.loadAverage.toFixed(1)}; CPU s: ${Object.entries(load.cpuSeconds)
    .map(([label, sec]) => `${label} ${sec.toFixed(1)}`)
    .join(', ')}${load.statements ? `\n${load.statements.map((line) => `    ${line}`).join('\n')}` : ''}`;

async function analystToken(databaseUrl: string, url: string): Promise<string> {
  const username = 'bench-analyst';
  const password = 'bench-analyst-password-123';
  const dataSource = await openDataSource(databaseUrl);
  try {
    await new OfficerAccountService(dataSource.getRepository(OfficerAccount), new PasswordHasher(), standaloneAuditService(dataSource)).create({ username, password, roles: [Role.ANALYST] }, 'bench');
  } finally {
    await dataSource.destroy();
  }
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', variables: { u: username, p: password } }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const progress = createProgressReporter({ stream: process.stdout, intervalMs: 5000 });
  const resultsDir = path.resolve('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, 'profiles');
  const postgres = await BenchPostgres.start((line) => progress.line(line));
  const node = new ScreenNode(NODE, PARTNERS);
  let stopping = false;
  const cleanup = async () => {
    if (stopping) return;
    stopping = true;
    progress.close();
    await node.stop().catch(() => undefined);
    await postgres.stop().catch(() => undefined);
    node.removeFiles();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      process.stderr.write(`\n${signal}: stopping the node and PostgreSQL\n`);
      void cleanup().finally(() => process.exit(130));
    });
  }

  try {
    const pgVersion = await postgres.version();
    const keys = new ScreenKeys(options.entries, options.caseIdentifiers);
    progress.line(
      `Screening benchmark — ${NODE} with ${fmtInt(options.entries)} watchlist entries and ${fmtInt(options.caseIdentifiers)} case identifiers; ${postgres.description} ${pgVersion}`,
    );
    await node.preparePki();
    const signers = new Map<string, OriginSigner>();
    for (const origin of [...PARTNERS, NODE]) signers.set(origin, await loadOriginSigner(await node.configFile(origin)));
    const databaseUrl = await postgres.createDatabase('bench_screen');
    let started = performance.now();
    await node.start(databaseUrl, options.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=screen-${options.entries}.cpuprofile`] : []);
    progress.line(`started ${NODE} (dist/main.js, no peers) in ${fmtSec((performance.now() - started) / 1000)} s`);

    started = performance.now();
    await seedScreeningData(databaseUrl, keys, NODE, signers, new Date(), (line) => progress.line(line));
    const seedSeconds = (performance.now() - started) / 1000;
    progress.line(`loaded ${fmtInt(options.entries)} signed watchlist entries (${PARTNERS.join(', ')} received, ${NODE} local) and ${fmtInt(options.caseIdentifiers)} case identifiers by COPY + VACUUM ANALYZE in ${fmtSec(seedSeconds)} s (not counted)`);

    const token = await analystToken(databaseUrl, node.url);
    const probes: Probe[] = Array.from({ length: PROBES }, (_, r) => probeOf(r, keys));
    const batches = batchesOf(probes.slice(PROBES / 2), MAX_SCREENING_BATCH, options.batches);
    const singles = probes.slice(0, PROBES / 2);

    // Warm-up, not counted: JIT, connection pools, the indexes in shared buffers.
    await httpSingle(node.url, token, singles, options.connections, WARMUP_SECONDS);
    await httpBatches(node.url, token, batches.slice(0, 2));
    await bareSingle(databaseUrl, singles, options.connections, 2);
    progress.line(`warmed up for ${WARMUP_SECONDS + 2} s plus 2 batches (not counted)`);

    const single = await measured(node, postgres, options.pgActivity, () => httpSingle(node.url, token, singles, options.connections, options.seconds));
    progress.line(`HTTP single: ${fmtInt(single.result.requestsPerSecond)} req/s, p50 ${single.result.latencyMs.p50} ms, p99 ${single.result.latencyMs.p99} ms — ${loadText(single.load)}`);
    if (single.result.firstProblem) progress.line(`  first problem: ${single.result.firstProblem}`);
    const bare = await measured(node, postgres, options.pgActivity, () => bareSingle(databaseUrl, singles, options.connections, options.seconds));
    progress.line(`bare single: ${fmtInt(bare.result.lookupsPerSecond)} lookups/s, p50 ${bare.result.latencyMs.p50.toFixed(2)} ms, p99 ${bare.result.latencyMs.p99.toFixed(2)} ms — ${loadText(bare.load)}`);
    const batch = await measured(node, postgres, options.pgActivity, () => httpBatches(node.url, token, batches));
    progress.line(`HTTP batch: ${fmtInt(batch.result.identifiersPerSecond)} identifiers/s, median call ${fmtInt(batch.result.callMs.median)} ms — ${loadText(batch.load)}`);
    if (batch.result.firstProblem) progress.line(`  first problem: ${batch.result.firstProblem}`);
    const bareBatch = await measured(node, postgres, options.pgActivity, () => bareBatches(databaseUrl, batches));
    progress.line(`bare batch: ${fmtInt(bareBatch.result.identifiersPerSecond)} keys/s, median query ${fmtInt(bareBatch.result.callMs.median)} ms — ${loadText(bareBatch.load)}`);

    const report = buildReport(options, pgVersion, postgres.description, seedSeconds, single, bare, batch, bareBatch);
    progress.line(report.text);
    writeFileSync(path.join(resultsDir, 'screen.json'), `${JSON.stringify(report.json, null, 2)}\n`);
    writeFileSync(path.join(resultsDir, `screen-${NODE}.log`), `${node.process?.stdout.slice(-200_000) ?? ''}\n${node.process?.stderr ?? ''}`);
    progress.line(`\nwrote ${path.join(resultsDir, 'screen.json')}`);
    const faults = single.result.non2xx + single.result.connectionErrors + single.result.graphqlErrors + single.result.wrongResults + batch.result.graphqlErrors + batch.result.wrongResults;
    if (faults > 0) process.exitCode = 1;
  } catch (error) {
    progress.line(`benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${node.logs()}`);
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

/** CPU milliseconds of one process group per call during a phase ("n/a" when it was not measured, e.g. PostgreSQL from DATABASE_URL). */
function cpuMs(load: PhaseLoad, label: string, calls: number): string {
  const seconds = load.cpuSeconds[label];
  return seconds === undefined || calls === 0 ? 'n/a' : ((seconds * 1000) / calls).toFixed(seconds * 1000 >= calls * 10 ? 0 : 2);
}

function buildReport(
  options: Options,
  pgVersion: string,
  pgDescription: string,
  seedSeconds: number,
  single: { result: HttpSingleResult; load: PhaseLoad },
  bare: { result: BareSingleResult; load: PhaseLoad },
  batch: { result: BatchResult; load: PhaseLoad },
  bareBatch: { result: BatchResult; load: PhaseLoad },
): { text: string; json: unknown } {
  const s = single.result;
  const b = bare.result;
  const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(2));
  const fullSize = options.entries >= 1_000_000 && options.caseIdentifiers >= 100_000 && options.connections >= 50;
  const p99Met = s.latencyMs.p99 < TARGETS.singleP99Ms && s.non2xx + s.connectionErrors + s.graphqlErrors + s.wrongResults === 0;
  const batchMet = batch.result.identifiersPerSecond >= TARGETS.batchIdentifiersPerSecond && batch.result.graphqlErrors + batch.result.wrongResults === 0;
  const verdict = (met: boolean) => (met ? 'ok' : 'MISSED') + (fullSize ? '' : ' (not the full size: --entries 1000000 --case-identifiers 100000)');
  const lines = [
    '',
    `Screening on ${NODE} — Node ${process.version}, PostgreSQL ${pgVersion}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `${fmtInt(options.entries)} watchlist entries, ${fmtInt(options.caseIdentifiers)} case identifiers; one node process (dist/main.js), default settings, HTTP on loopback`,
    '',
    `single identifier, ${options.connections} concurrent clients, ${options.seconds} s   p50 ms   p99 ms   p99.9 ms   per second   non-2xx   GraphQL errors   wrong`,
    `  screen over HTTP (autocannon)                        ${ms(s.latencyMs.p50).padStart(6)} ${ms(s.latencyMs.p99).padStart(8)} ${ms(s.latencyMs.p99_9).padStart(10)} ${fmtInt(s.requestsPerSecond).padStart(12)} ${fmtInt(s.non2xx + s.connectionErrors).padStart(9)} ${fmtInt(s.graphqlErrors).padStart(16)} ${fmtInt(s.wrongResults).padStart(7)}`,
    `  bare indexed SELECT (pg Pool, prepared)              ${ms(b.latencyMs.p50).padStart(6)} ${ms(b.latencyMs.p99).padStart(8)} ${ms(b.latencyMs.p99_9).padStart(10)} ${fmtInt(b.lookupsPerSecond).padStart(12)}`,
    `  screen / bare                                        ${`${(s.latencyMs.p50 / b.latencyMs.p50).toFixed(1)}×`.padStart(6)} ${`${(s.latencyMs.p99 / b.latencyMs.p99).toFixed(1)}×`.padStart(8)} ${''.padStart(10)} ${`${((s.requestsPerSecond / b.lookupsPerSecond) * 100).toFixed(1)}%`.padStart(12)}`,
    '',
    `batches of ${fmtInt(MAX_SCREENING_BATCH)}, ${options.batches} calls one after another       identifiers/s   median call ms   max call ms`,
    `  screen over HTTP                                   ${fmtInt(batch.result.identifiersPerSecond).padStart(13)} ${fmtInt(batch.result.callMs.median).padStart(16)} ${fmtInt(batch.result.callMs.max).padStart(13)}`,
    `  bare indexed unnest lookup (one query per batch)  ${fmtInt(bareBatch.result.identifiersPerSecond).padStart(13)} ${fmtInt(bareBatch.result.callMs.median).padStart(16)} ${fmtInt(bareBatch.result.callMs.max).padStart(13)}`,
    `  screen / bare                                      ${`${((batch.result.identifiersPerSecond / bareBatch.result.identifiersPerSecond) * 100).toFixed(1)}%`.padStart(13)}`,
    '',
    `CPU per call (from /proc, PostgreSQL = the whole cluster incl. background work; less sensitive to a busy machine than latency): single request node ${cpuMs(single.load, 'node', s.requests)} ms, ` +
      `PostgreSQL ${cpuMs(single.load, 'PostgreSQL', s.requests)} ms; bare lookup PostgreSQL ${cpuMs(bare.load, 'PostgreSQL', b.lookups)} ms; ` +
      `batch of ${fmtInt(MAX_SCREENING_BATCH)} node ${cpuMs(batch.load, 'node', batch.result.calls)} ms, PostgreSQL ${cpuMs(batch.load, 'PostgreSQL', batch.result.calls)} ms; ` +
      `bare batch PostgreSQL ${cpuMs(bareBatch.load, 'PostgreSQL', bareBatch.result.calls)} ms`,
    '',
    `screen   = the GraphQL query screen(identifiers:) as an ANALYST with a bearer token: validation and normalisation, the token's`,
    '           account check, local cases, the live watchlist and partner data; each single request a different identifier',
    `           (${(s.hitShare * 100).toFixed(0)}% with hits); every answer checked against what the data holds ("wrong" counts mismatches)`,
    'bare     = the same normalised keys straight from PostgreSQL: the watchlist (type, value) index with the live-entry filter',
    `load     = single: ${loadText(single.load)}`,
    `           bare single: ${loadText(bare.load)}`,
    `           batch: ${loadText(batch.load)}`,
    '',
    `Targets: single-identifier p99 < ${TARGETS.singleP99Ms} ms: ${verdict(p99Met)} (${ms(s.latencyMs.p99)} ms); ` +
      `batch ≥ ${fmtInt(TARGETS.batchIdentifiersPerSecond)} identifiers/s: ${verdict(batchMet)} (${fmtInt(batch.result.identifiersPerSecond)}/s)`,
  ];
  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    postgres: `${pgDescription} ${pgVersion}`,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    options,
    seedSeconds,
    targets: TARGETS,
    single: { screen: s, bare: b, load: { screen: single.load, bare: bare.load } },
    batch: { screen: batch.result, bare: bareBatch.result, load: { screen: batch.load, bare: bareBatch.load } },
    ratio: {
      singleP50: s.latencyMs.p50 / b.latencyMs.p50,
      singleP99: s.latencyMs.p99 / b.latencyMs.p99,
      singleThroughput: s.requestsPerSecond / b.lookupsPerSecond,
      batchThroughput: batch.result.identifiersPerSecond / bareBatch.result.identifiersPerSecond,
    },
    met: { singleP99: p99Met, batch: batchMet, fullSize },
  };
  return { text: lines.join('\n'), json };
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
