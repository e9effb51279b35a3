/** The screening benchmark's table and JSON: the machine endpoint and GraphQL screen beside bare PostgreSQL. */
import { cpus, totalmem } from 'node:os';
import { MAX_SCREENING_BATCH } from '../../src/screening/screening-batch.js';
import { fmtInt } from './progress.js';
import type { BareSingleResult, BatchResult, HttpSingleResult } from './screen-load.js';

/** #18: the exchange's systems; #12: the analysts' GraphQL screen (kept for comparison). */
export const TARGETS = {
  machineSingleP99Ms: 20,
  machineBatchPerSecond: 50_000,
  screenSingleP99Ms: 50,
  screenBatchPerSecond: 20_000,
};

export interface PhaseLoad {
  machineBusy: number;
  loadAverage: number;
  cpuSeconds: Record<string, number>;
  /** With --pg-activity: the statements PostgreSQL was busiest with (share of samples). */
  statements?: string[];
}

export interface ReportOptions {
  node: string;
  entries: number;
  caseIdentifiers: number;
  seconds: number;
  connections: number;
  batches: number;
}

export interface Phases {
  machineSingle: { result: HttpSingleResult; load: PhaseLoad };
  screenSingle: { result: HttpSingleResult; load: PhaseLoad };
  bareSingle: { result: BareSingleResult; load: PhaseLoad };
  machineBatch: { result: BatchResult; load: PhaseLoad };
  screenBatch: { result: BatchResult; load: PhaseLoad };
  bareBatch: { result: BatchResult; load: PhaseLoad };
}

export const loadText = (load: PhaseLoad): string =>
  `machine ${(load.machineBusy * 100).toFixed(0)}% busy, load ${load.loadAverage.toFixed(1)}; CPU s: ${Object.entries(
    load.cpuSeconds,
  )
    .map(([label, sec]) => `${label} ${sec.toFixed(1)}`)
    .join(', ')}${load.statements ? `\n${load.statements.map((line) => `    ${line}`).join('\n')}` : ''}`;

/** CPU milliseconds of one process group per call during a phase ("n/a" when it was not measured). */
function cpuMs(load: PhaseLoad, label: string, calls: number): string {
  const seconds = load.cpuSeconds[label];
  return seconds === undefined || calls === 0
    ? 'n/a'
    : ((seconds * 1000) / calls).toFixed(seconds * 1000 >= calls * 10 ? 0 : 2);
}

const ms = (v: number) => (v >= 10 ? v.toFixed(0) : v.toFixed(2));
const faults = (s: HttpSingleResult) => s.non2xx + s.connectionErrors + s.graphqlErrors + s.wrongResults;

function singleRow(label: string, s: HttpSingleResult): string {
  return `  ${label.padEnd(52)} ${ms(s.latencyMs.p50).padStart(6)} ${ms(s.latencyMs.p99).padStart(8)} ${ms(s.latencyMs.p99_9).padStart(10)} ${fmtInt(s.requestsPerSecond).padStart(12)} ${fmtInt(s.non2xx + s.connectionErrors).padStart(9)} ${fmtInt(s.graphqlErrors).padStart(8)} ${fmtInt(s.wrongResults).padStart(7)}`;
}

function ratioRow(label: string, s: HttpSingleResult, bare: BareSingleResult): string {
  return `  ${label.padEnd(52)} ${`${(s.latencyMs.p50 / bare.latencyMs.p50).toFixed(1)}×`.padStart(6)} ${`${(s.latencyMs.p99 / bare.latencyMs.p99).toFixed(1)}×`.padStart(8)} ${''.padStart(10)} ${`${((s.requestsPerSecond / bare.lookupsPerSecond) * 100).toFixed(1)}%`.padStart(12)}`;
}

function batchRow(label: string, b: BatchResult): string {
  return `  ${label.padEnd(52)} ${fmtInt(b.identifiersPerSecond).padStart(13)} ${fmtInt(b.callMs.median).padStart(16)} ${fmtInt(b.callMs.max).padStart(13)}`;
}

export function buildReport(
  options: ReportOptions,
  pg: { version: string; description: string },
  seedSeconds: number,
  phases: Phases,
): { text: string; json: unknown } {
  const { machineSingle: m, screenSingle: s, bareSingle: b } = phases;
  const bare = b.result;
  const fullSize = options.entries >= 1_000_000 && options.caseIdentifiers >= 100_000 && options.connections >= 50;
  const met = {
    machineSingleP99: m.result.latencyMs.p99 < TARGETS.machineSingleP99Ms && faults(m.result) === 0,
    machineBatch:
      phases.machineBatch.result.identifiersPerSecond >= TARGETS.machineBatchPerSecond &&
      phases.machineBatch.result.graphqlErrors + phases.machineBatch.result.wrongResults === 0,
    screenSingleP99: s.result.latencyMs.p99 < TARGETS.screenSingleP99Ms && faults(s.result) === 0,
    screenBatch:
      phases.screenBatch.result.identifiersPerSecond >= TARGETS.screenBatchPerSecond &&
      phases.screenBatch.result.graphqlErrors + phases.screenBatch.result.wrongResults === 0,
    fullSize,
  };
  const verdict = (ok: boolean) =>
    (ok ? 'ok' : 'MISSED') + (fullSize ? '' : ' (not the full size: --entries 1000000 --case-identifiers 100000)');
  const perBatch = (bt: BatchResult) => bt.identifiersPerSecond / phases.bareBatch.result.identifiersPerSecond;
  const lines = [
    '',
    `Screening on ${options.node} — Node ${process.version}, PostgreSQL ${pg.version}, ${cpus().length} × ${cpus()[0]?.model ?? 'unknown CPU'}, ${Math.round(totalmem() / 2 ** 30)} GiB`,
    `${fmtInt(options.entries)} watchlist entries, ${fmtInt(options.caseIdentifiers)} case identifiers; one node process (dist/main.js), default settings, HTTP on loopback`,
    '',
    `single address, ${options.connections} concurrent clients, ${options.seconds} s each       p50 ms   p99 ms   p99.9 ms   per second   non-2xx   errors   wrong`,
    singleRow('machine endpoint /screening/v1/check (API key)', m.result),
    singleRow('GraphQL screen over HTTP (officer token)', s.result),
    `  ${'bare indexed SELECT (pg Pool, prepared)'.padEnd(52)} ${ms(bare.latencyMs.p50).padStart(6)} ${ms(bare.latencyMs.p99).padStart(8)} ${ms(bare.latencyMs.p99_9).padStart(10)} ${fmtInt(bare.lookupsPerSecond).padStart(12)}`,
    ratioRow('machine endpoint / bare', m.result, bare),
    ratioRow('GraphQL screen / bare', s.result, bare),
    '',
    `batches of ${fmtInt(MAX_SCREENING_BATCH)}, ${options.batches} calls one after another             addresses/s   median call ms   max call ms`,
    batchRow('machine endpoint /screening/v1/batch', phases.machineBatch.result),
    batchRow('GraphQL screen over HTTP', phases.screenBatch.result),
    batchRow('bare indexed unnest lookup (one query per batch)', phases.bareBatch.result),
    `  ${'machine endpoint / bare'.padEnd(52)} ${`${(perBatch(phases.machineBatch.result) * 100).toFixed(1)}%`.padStart(13)}`,
    `  ${'GraphQL screen / bare'.padEnd(52)} ${`${(perBatch(phases.screenBatch.result) * 100).toFixed(1)}%`.padStart(13)}`,
    '',
    `CPU per call (from /proc; PostgreSQL = the whole cluster): machine single node ${cpuMs(m.load, 'node', m.result.requests)} ms, PostgreSQL ${cpuMs(m.load, 'PostgreSQL', m.result.requests)} ms; ` +
      `GraphQL single node ${cpuMs(s.load, 'node', s.result.requests)} ms, PostgreSQL ${cpuMs(s.load, 'PostgreSQL', s.result.requests)} ms; bare lookup PostgreSQL ${cpuMs(b.load, 'PostgreSQL', bare.lookups)} ms; ` +
      `machine batch node ${cpuMs(phases.machineBatch.load, 'node', phases.machineBatch.result.calls)} ms, GraphQL batch node ${cpuMs(phases.screenBatch.load, 'node', phases.screenBatch.result.calls)} ms`,
    '',
    'machine  = an exchange system with its API key: validation and normalisation, the live watchlist by index, hits recorded',
    `           (${(m.result.hitShare * 100).toFixed(0)}% of single requests hit; a hit already recorded is not written again)`,
    'screen   = the GraphQL query screen(identifiers:) with an officer token: local cases, the live watchlist and partner data',
    `           (${(s.result.hitShare * 100).toFixed(0)}% with hits); every answer of both is checked against the data ("wrong")`,
    'bare     = the same normalised keys straight from PostgreSQL: the watchlist (type, value) index with the live-entry filter',
    `load     = machine single: ${loadText(m.load)}`,
    `           GraphQL single: ${loadText(s.load)}`,
    `           bare single: ${loadText(b.load)}`,
    '',
    `Targets (#18): machine single p99 < ${TARGETS.machineSingleP99Ms} ms: ${verdict(met.machineSingleP99)} (${ms(m.result.latencyMs.p99)} ms); ` +
      `machine batch ≥ ${fmtInt(TARGETS.machineBatchPerSecond)}/s: ${verdict(met.machineBatch)} (${fmtInt(phases.machineBatch.result.identifiersPerSecond)}/s)`,
    `Targets (GraphQL screen, kept): p99 < ${TARGETS.screenSingleP99Ms} ms: ${verdict(met.screenSingleP99)} (${ms(s.result.latencyMs.p99)} ms); ` +
      `batch ≥ ${fmtInt(TARGETS.screenBatchPerSecond)}/s: ${verdict(met.screenBatch)} (${fmtInt(phases.screenBatch.result.identifiersPerSecond)}/s)`,
  ];
  const json = {
    generatedAt: new Date().toISOString(),
    node: process.version,
    postgres: `${pg.description} ${pg.version}`,
    cpu: cpus()[0]?.model,
    cores: cpus().length,
    options,
    seedSeconds,
    targets: TARGETS,
    single: {
      machine: m.result,
      screen: s.result,
      bare,
      load: { machine: m.load, screen: s.load, bare: b.load },
    },
    batch: {
      machine: phases.machineBatch.result,
      screen: phases.screenBatch.result,
      bare: phases.bareBatch.result,
      load: { machine: phases.machineBatch.load, screen: phases.screenBatch.load, bare: phases.bareBatch.load },
    },
    ratio: {
      machineSingleP50: m.result.latencyMs.p50 / bare.latencyMs.p50,
      machineSingleP99: m.result.latencyMs.p99 / bare.latencyMs.p99,
      machineSingleThroughput: m.result.requestsPerSecond / bare.lookupsPerSecond,
      machineBatchThroughput: perBatch(phases.machineBatch.result),
      screenSingleP50: s.result.latencyMs.p50 / bare.latencyMs.p50,
      screenSingleP99: s.result.latencyMs.p99 / bare.latencyMs.p99,
      screenSingleThroughput: s.result.requestsPerSecond / bare.lookupsPerSecond,
      screenBatchThroughput: perBatch(phases.screenBatch.result),
    },
    met,
  };
  return { text: lines.join('\n'), json };
}
