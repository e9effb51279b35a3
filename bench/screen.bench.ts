/**
 * npm run bench:screen — wallet screening on one real exchange node process (`node dist/main.js`, kind
 * exchange) holding 1,000,000 watchlist entries and 100,000 case identifiers: single addresses from 50
 * concurrent clients (autocannon) and batches of 10,000, through the machine endpoint an exchange's
 * own systems call (/screening/v1/check and /batch, API key) and through the analysts' GraphQL
 * `screen`, beside a bare indexed PostgreSQL lookup of the same keys in the same run. Writes
 * bench/results/screen.json.
 *
 *   --entries 1000000          watchlist entries (default 1,000,000)
 *   --case-identifiers 100000  identifiers in local cases, 10 per case (default 100,000)
 *   --seconds 20               duration of each concurrent phase (default 20)
 *   --connections 50           concurrent clients (default 50)
 *   --batches 20               calls of 10,000 addresses (default 20)
 *   --cpu-prof                 write a V8 CPU profile of the node to bench/results/profiles/
 *   --pg-activity              sample pg_stat_activity during each phase and print the busiest statements
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import * as path from 'node:path';
import { Role } from '../src/kernel/vocabulary/role.js';
import { openDataSource } from '../src/database/data-source.js';
import { standaloneOfficerAccounts } from '../src/officers/officer-account.service.js';
import { MAX_SCREENING_BATCH } from '../src/screening/screening-batch.js';
import { BenchPostgres } from './support/bench-postgres.js';
import { cpuBetween, cpuSnapshot, machineCpu } from './support/cpu-accounting.js';
import { PgActivitySampler } from './support/pg-activity.js';
import { createProgressReporter } from '../src/common/progress/progress-reporter.js';
import { fmtInt, fmtSec } from './support/progress.js';
import { machineBatches, machineSingle } from './support/machine-load.js';
import {
  bareBatches,
  bareSingle,
  batchesOf,
  httpBatches,
  httpSingle,
  probeOf,
  type Probe,
} from './support/screen-load.js';
import { buildReport, loadText, type PhaseLoad } from './support/screen-report.js';
import { ScreenNode } from './support/screen-node.js';
import { ScreenKeys, seedScreeningData } from './support/screen-seed.js';
import { loadOriginSigner, type OriginSigner } from './support/seed-watchlist.js';

const NODE = 'kr-exchange-hanbit';
const PARTNERS = ['kr-knpa', 'kh-gdce'];
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
    if (!Number.isInteger(value) || value < min)
      throw new Error(`${flag} takes a whole number of at least ${min}, e.g. ${flag} ${fallback}`);
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

/** Runs a phase and notes how busy the machine and each of our processes were meanwhile. */
async function measured<T>(
  node: ScreenNode,
  postgres: BenchPostgres,
  pgActivity: boolean,
  work: () => Promise<T>,
): Promise<{ result: T; load: PhaseLoad }> {
  const sampler = pgActivity ? new PgActivitySampler(postgres.adminUrl) : undefined;
  await sampler?.start();
  const pids = new Map([
    ['node', node.process?.pid()],
    ['bench client', process.pid],
  ]);
  const cpuBefore = machineCpu();
  const before = cpuSnapshot(pids, postgres.postmasterPid());
  const result = await work();
  const cpuAfter = machineCpu();
  const cpuSeconds = cpuBetween(before, cpuSnapshot(pids, postgres.postmasterPid()));
  cpuSeconds['everything else'] =
    (cpuAfter.busy - cpuBefore.busy) / 1000 - Object.values(cpuSeconds).reduce((a, b) => a + b, 0);
  const statements = await sampler?.stop();
  const machineBusy = (cpuAfter.busy - cpuBefore.busy) / Math.max(cpuAfter.total - cpuBefore.total, 1);
  return {
    result,
    load: { machineBusy, loadAverage: loadavg()[0], cpuSeconds, ...(statements ? { statements } : {}) },
  };
}

async function officerToken(databaseUrl: string, url: string, username: string, role: Role): Promise<string> {
  const password = `${username}-password-123`;
  const dataSource = await openDataSource(databaseUrl);
  try {
    await standaloneOfficerAccounts(dataSource).create({ username, password, roles: [role] }, 'bench');
  } finally {
    await dataSource.destroy();
  }
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({
      query: 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      variables: { u: username, p: password },
    }),
  });
  const body = (await response.json()) as { data?: { login: { token: string } }; errors?: unknown };
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

/** An API key for the benchmark's screening system, issued as an exchange's ADMIN does. */
async function screeningKey(url: string, adminToken: string): Promise<string> {
  const response = await fetch(`${url}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${adminToken}` },
    body: JSON.stringify({ query: 'mutation { issueScreeningKey(systemId: "bench-deposits") { apiKey } }' }),
  });
  const body = (await response.json()) as { data?: { issueScreeningKey: { apiKey: string } }; errors?: unknown };
  if (!body.data) throw new Error(`issueScreeningKey failed: ${JSON.stringify(body.errors)}`);
  return body.data.issueScreeningKey.apiKey;
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  const progress = createProgressReporter({ stream: process.stdout, intervalMs: 5000 });
  const resultsDir = path.resolve('bench', 'results');
  mkdirSync(resultsDir, { recursive: true });
  const profileDir = path.join(resultsDir, 'profiles');
  const postgres = await BenchPostgres.start((line) => progress.line(line));
  const node = new ScreenNode(NODE, PARTNERS, 'exchange');
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
    for (const origin of [...PARTNERS, NODE])
      signers.set(origin, await loadOriginSigner(await node.configFile(origin)));
    const databaseUrl = await postgres.createDatabase('bench_screen');
    let started = performance.now();
    await node.start(
      databaseUrl,
      options.cpuProf
        ? ['--cpu-prof', `--cpu-prof-dir=${profileDir}`, `--cpu-prof-name=screen-${options.entries}.cpuprofile`]
        : [],
    );
    progress.line(`started ${NODE} (dist/main.js, no peers) in ${fmtSec((performance.now() - started) / 1000)} s`);

    started = performance.now();
    await seedScreeningData(databaseUrl, keys, NODE, signers, new Date(), (line) => progress.line(line));
    const seedSeconds = (performance.now() - started) / 1000;
    progress.line(
      `loaded ${fmtInt(options.entries)} signed watchlist entries (${PARTNERS.join(', ')} received, ${NODE} local) and ${fmtInt(options.caseIdentifiers)} case identifiers by COPY + VACUUM ANALYZE in ${fmtSec(seedSeconds)} s (not counted)`,
    );

    // On an exchange the officers who screen through GraphQL are compliance officers.
    const token = await officerToken(databaseUrl, node.url, 'bench-compliance', Role.COMPLIANCE_OFFICER);
    const apiKey = await screeningKey(node.url, await officerToken(databaseUrl, node.url, 'bench-admin', Role.ADMIN));
    const probes: Probe[] = Array.from({ length: PROBES }, (_, r) => probeOf(r, keys));
    const batches = batchesOf(probes.slice(PROBES / 2), MAX_SCREENING_BATCH, options.batches);
    const singles = probes.slice(0, PROBES / 2);

    // Warm-up, not counted: JIT, connection pools, the indexes in shared buffers.
    await machineSingle(node.screeningUrl, apiKey, singles, options.connections, WARMUP_SECONDS);
    await machineBatches(node.screeningUrl, apiKey, batches.slice(0, 2));
    await httpSingle(node.url, token, singles, options.connections, WARMUP_SECONDS);
    await httpBatches(node.url, token, batches.slice(0, 2));
    await bareSingle(databaseUrl, singles, options.connections, 2);
    progress.line(`warmed up for ${2 * WARMUP_SECONDS + 2} s plus 4 batches (not counted)`);

    const phase = <T>(work: () => Promise<T>) => measured(node, postgres, options.pgActivity, work);
    const machineOne = await phase(() =>
      machineSingle(node.screeningUrl, apiKey, singles, options.connections, options.seconds),
    );
    progress.line(
      `machine single: ${fmtInt(machineOne.result.requestsPerSecond)} req/s, p50 ${machineOne.result.latencyMs.p50} ms, p99 ${machineOne.result.latencyMs.p99} ms — ${loadText(machineOne.load)}`,
    );
    if (machineOne.result.firstProblem) progress.line(`  first problem: ${machineOne.result.firstProblem}`);
    const single = await phase(() => httpSingle(node.url, token, singles, options.connections, options.seconds));
    progress.line(
      `GraphQL single: ${fmtInt(single.result.requestsPerSecond)} req/s, p50 ${single.result.latencyMs.p50} ms, p99 ${single.result.latencyMs.p99} ms — ${loadText(single.load)}`,
    );
    if (single.result.firstProblem) progress.line(`  first problem: ${single.result.firstProblem}`);
    const bare = await phase(() => bareSingle(databaseUrl, singles, options.connections, options.seconds));
    progress.line(
      `bare single: ${fmtInt(bare.result.lookupsPerSecond)} lookups/s, p50 ${bare.result.latencyMs.p50.toFixed(2)} ms, p99 ${bare.result.latencyMs.p99.toFixed(2)} ms — ${loadText(bare.load)}`,
    );
    const machineBatch = await phase(() => machineBatches(node.screeningUrl, apiKey, batches));
    progress.line(
      `machine batch: ${fmtInt(machineBatch.result.identifiersPerSecond)} addresses/s, median call ${fmtInt(machineBatch.result.callMs.median)} ms — ${loadText(machineBatch.load)}`,
    );
    if (machineBatch.result.firstProblem) progress.line(`  first problem: ${machineBatch.result.firstProblem}`);
    const batch = await phase(() => httpBatches(node.url, token, batches));
    progress.line(
      `GraphQL batch: ${fmtInt(batch.result.identifiersPerSecond)} identifiers/s, median call ${fmtInt(batch.result.callMs.median)} ms — ${loadText(batch.load)}`,
    );
    if (batch.result.firstProblem) progress.line(`  first problem: ${batch.result.firstProblem}`);
    const bareBatch = await phase(() => bareBatches(databaseUrl, batches));
    progress.line(
      `bare batch: ${fmtInt(bareBatch.result.identifiersPerSecond)} keys/s, median query ${fmtInt(bareBatch.result.callMs.median)} ms — ${loadText(bareBatch.load)}`,
    );

    const report = buildReport(
      { node: NODE, ...options },
      { version: pgVersion, description: postgres.description },
      seedSeconds,
      {
        machineSingle: machineOne,
        screenSingle: single,
        bareSingle: bare,
        machineBatch,
        screenBatch: batch,
        bareBatch,
      },
    );
    progress.line(report.text);
    writeFileSync(path.join(resultsDir, 'screen.json'), `${JSON.stringify(report.json, null, 2)}\n`);
    writeFileSync(
      path.join(resultsDir, `screen-${NODE}.log`),
      `${node.process?.stdout.slice(-200_000) ?? ''}\n${node.process?.stderr ?? ''}`,
    );
    progress.line(`\nwrote ${path.join(resultsDir, 'screen.json')}`);
    const faults = [machineOne, single].reduce(
      (sum, { result: r }) => sum + r.non2xx + r.connectionErrors + r.graphqlErrors + r.wrongResults,
      [machineBatch, batch].reduce((sum, { result: r }) => sum + r.graphqlErrors + r.wrongResults, 0),
    );
    if (faults > 0) process.exitCode = 1;
  } catch (error) {
    progress.line(
      `benchmark failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n${node.logs()}`,
    );
    process.exitCode = 1;
  } finally {
    await cleanup();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
