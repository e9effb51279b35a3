/**
 * The screening benchmark's load: probes (identifiers with what screening them must find), the
 * HTTP load through the node's GraphQL API, and the bare PostgreSQL lookups of the same keys.
 */
import autocannon from 'autocannon';
import pg from 'pg';
import { identifierOf, type BenchIdentifier } from './screen-identifiers.js';
import type { ScreenKeys } from './screen-seed.js';

export type Expectation = 'hit' | 'miss' | 'any';

/** Where a probe's key lives: live on the watchlist, only in local cases (or both), stale listings, nowhere. */
export type ProbeSource = 'watchlist' | 'case' | 'stale' | 'none';

export interface Probe extends BenchIdentifier {
  /** What the GraphQL screen (cases, watchlist, partner data) must find. */
  expect: Expectation;
  source: ProbeSource;
}

export const SCREEN_QUERY = `query Screen($ids: [IdentifierInput!]!) { screen(identifiers: $ids) {
  type value valid normalized reason hits { source sourceNode caseId caseReference tlp watchlistEntryId offenceCategory severity receivedPacketId } } }`;

/** The bare lookup: the watchlist's (type, value) index with the same live-entry filter the service applies. */
const BARE_SINGLE = `SELECT origin, entry_id, offence_category, severity, case_reference FROM watchlist_entry
  WHERE identifier_type = $1 AND value = $2 AND NOT revoked AND valid_until > $3`;
/** One query per batch; LATERAL keeps every key an index lookup (a plain join is planned as a sequential scan). */
const BARE_BATCH = `SELECT q.type, q.value, w.origin, w.entry_id, w.offence_category, w.severity, w.case_reference
  FROM unnest($1::text[], $2::text[]) AS q(type, value)
  CROSS JOIN LATERAL (SELECT * FROM watchlist_entry w
    WHERE w.identifier_type = q.type AND w.value = q.value AND NOT w.revoked AND w.valid_until > $3 OFFSET 0) w`;

/** A fixed pseudo-random sequence (the same probes in every run). */
function mix(r: number): number {
  let x = Math.imul(r ^ 0x9e3779b9, 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/**
 * Probe r: 35% live watchlist keys, 15% case identifiers, 5% keys whose entry was revoked or expired
 * (another listing may still be live, so either outcome is right), 45% keys that are nowhere.
 */
export function probeOf(r: number, keys: ScreenKeys): Probe {
  const u = mix(r) % 100;
  const spread = mix(r + 0x5bd1e995);
  if (u < 35) {
    let i = spread % keys.listed;
    while (!keys.live(i)) i = (i + 1) % keys.listed;
    return { ...identifierOf(i), expect: 'hit', source: 'watchlist' };
  }
  if (u < 50) return { ...identifierOf(keys.caseKey(spread % keys.caseIdentifiers)), expect: 'hit', source: 'case' };
  if (u < 55) {
    let i = spread % keys.listed;
    while (keys.live(i)) i = (i + 1) % keys.listed;
    return { ...identifierOf(i), expect: 'any', source: 'stale' };
  }
  return { ...identifierOf(keys.missKey(r)), expect: 'miss', source: 'none' };
}

interface ScreenResponse {
  data?: { screen: { valid: boolean; normalized: string | null; hits: unknown[] }[] };
  errors?: { message: string }[];
}

/** Counts what a response got wrong: GraphQL errors, and results that contradict the probes. */
export class ResponseCheck {
  graphqlErrors = 0;
  wrong = 0;
  hits = 0;
  results = 0;
  firstProblem = '';

  check(body: string, probes: readonly Probe[]): void {
    let parsed: ScreenResponse;
    try {
      parsed = JSON.parse(body) as ScreenResponse;
    } catch {
      this.problem('graphql', `not JSON: ${body.slice(0, 200)}`);
      return;
    }
    if (parsed.errors?.length || !parsed.data) {
      this.problem('graphql', JSON.stringify(parsed.errors ?? parsed).slice(0, 300));
      return;
    }
    const results = parsed.data.screen;
    if (results.length !== probes.length) {
      this.problem('wrong', `${results.length} results for ${probes.length} identifiers`);
      return;
    }
    results.forEach((result, index) => {
      const probe = probes[index];
      this.results++;
      if (result.hits.length > 0) this.hits++;
      const ok =
        result.valid &&
        result.normalized === probe.normalized &&
        (probe.expect === 'any' || (probe.expect === 'hit') === result.hits.length > 0);
      if (!ok)
        this.problem(
          'wrong',
          `${probe.type} ${probe.value}: expected ${probe.expect}, got ${JSON.stringify(result).slice(0, 200)}`,
        );
    });
  }

  private problem(kind: 'graphql' | 'wrong', detail: string): void {
    if (kind === 'graphql') this.graphqlErrors++;
    else this.wrong++;
    this.firstProblem ||= detail;
  }
}

export interface HttpSingleResult {
  seconds: number;
  requests: number;
  requestsPerSecond: number;
  latencyMs: { p50: number; p99: number; p99_9: number; max: number; mean: number };
  non2xx: number;
  connectionErrors: number;
  timeouts: number;
  graphqlErrors: number;
  wrongResults: number;
  hitShare: number;
  firstProblem: string;
}

/** One autocannon run and the answers' check, as the report reads them (HTTP and machine endpoints alike). */
export function singleResult(
  result: autocannon.Result,
  check: { errors: number; wrong: number; hits: number; results: number; firstProblem: string },
): HttpSingleResult {
  return {
    seconds: result.duration,
    requests: result.requests.total,
    requestsPerSecond: result.requests.total / result.duration,
    latencyMs: {
      p50: result.latency.p50,
      p99: result.latency.p99,
      p99_9: (result.latency as unknown as { p99_9: number }).p99_9,
      max: result.latency.max,
      mean: result.latency.mean,
    },
    non2xx: result.non2xx,
    connectionErrors: result.errors,
    timeouts: result.timeouts,
    graphqlErrors: check.errors,
    wrongResults: check.wrong,
    hitShare: check.hits / Math.max(check.results, 1),
    firstProblem: check.firstProblem,
  };
}

/** `connections` clients, each screening one identifier per request, back to back, for `seconds`. */
export async function httpSingle(
  url: string,
  token: string,
  probes: readonly Probe[],
  connections: number,
  seconds: number,
): Promise<HttpSingleResult> {
  const check = new ResponseCheck();
  let next = 0;
  const result = await autocannon({
    url: `${url}/graphql`,
    connections,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    requests: [
      {
        method: 'POST',
        path: '/graphql',
        // Each request a different identifier; the context remembers which, to check the answer.
        setupRequest: (request, context) => {
          const probe = probes[next++ % probes.length];
          (context as { probe?: Probe }).probe = probe;
          return {
            ...request,
            body: JSON.stringify({
              query: SCREEN_QUERY,
              variables: { ids: [{ type: probe.type, value: probe.value }] },
            }),
          };
        },
        onResponse: (status, body, context) => {
          const probe = (context as { probe?: Probe }).probe;
          if (status === 200 && probe) check.check(body, [probe]);
        },
      },
    ],
  });
  return singleResult(result, { ...check, errors: check.graphqlErrors });
}

export interface BatchResult {
  calls: number;
  identifiers: number;
  seconds: number;
  identifiersPerSecond: number;
  callMs: { median: number; max: number };
  graphqlErrors: number;
  wrongResults: number;
  firstProblem: string;
}

export function batchesOf(probes: readonly Probe[], size: number, count: number): Probe[][] {
  return Array.from({ length: count }, (_, b) =>
    Array.from({ length: size }, (_, i) => probes[(b * size + i) % probes.length]),
  );
}

/** Batches of identifiers through `screen`, one call after another. */
export async function httpBatches(url: string, token: string, batches: readonly Probe[][]): Promise<BatchResult> {
  const check = new ResponseCheck();
  const times: number[] = [];
  for (const batch of batches) {
    const body = JSON.stringify({
      query: SCREEN_QUERY,
      variables: { ids: batch.map(({ type, value }) => ({ type, value })) },
    });
    const started = performance.now();
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body,
    });
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200)
      check.check(JSON.stringify({ errors: [{ message: `HTTP ${response.status}: ${text.slice(0, 200)}` }] }), batch);
    else check.check(text, batch);
  }
  return batchSummary(batches, times, check);
}

export function batchSummary(batches: readonly Probe[][], times: number[], check?: ResponseCheck): BatchResult {
  const identifiers = batches.reduce((sum, batch) => sum + batch.length, 0);
  const seconds = times.reduce((a, b) => a + b, 0) / 1000;
  return {
    calls: batches.length,
    identifiers,
    seconds,
    identifiersPerSecond: identifiers / seconds,
    callMs: { median: percentile(times, 50), max: maxOf(times) },
    graphqlErrors: check?.graphqlErrors ?? 0,
    wrongResults: check?.wrong ?? 0,
    firstProblem: check?.firstProblem ?? '',
  };
}

/**
 * The largest value, by a loop: `Math.max(...values)` passes every sample as an argument and overflows
 * the stack (RangeError) once a phase has collected a few hundred thousand latencies.
 */
export function maxOf(values: readonly number[]): number {
  let max = Number.NEGATIVE_INFINITY;
  for (const value of values) if (value > max) max = value;
  return values.length ? max : Number.NaN;
}

export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = Float64Array.from(values).sort();
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

export interface BareSingleResult {
  seconds: number;
  lookups: number;
  lookupsPerSecond: number;
  latencyMs: { p50: number; p99: number; p99_9: number; max: number };
}

/** The same keys straight from PostgreSQL: `clients` pooled connections, one prepared indexed SELECT each, back to back. */
export async function bareSingle(
  databaseUrl: string,
  probes: readonly Probe[],
  clients: number,
  seconds: number,
): Promise<BareSingleResult> {
  const pool = new pg.Pool({ connectionString: databaseUrl, max: clients });
  const now = new Date();
  try {
    await Promise.all(Array.from({ length: clients }, async () => (await pool.connect()).release())); // connections up before the clock starts
    const latencies: number[] = [];
    let next = 0;
    const started = performance.now();
    const deadline = started + seconds * 1000;
    await Promise.all(
      Array.from({ length: clients }, async () => {
        while (performance.now() < deadline) {
          const probe = probes[next++ % probes.length];
          const t0 = performance.now();
          await pool.query({ name: 'bare-screen', text: BARE_SINGLE, values: [probe.type, probe.normalized, now] });
          latencies.push(performance.now() - t0);
        }
      }),
    );
    const elapsed = (performance.now() - started) / 1000;
    return {
      seconds: elapsed,
      lookups: latencies.length,
      lookupsPerSecond: latencies.length / elapsed,
      latencyMs: {
        p50: percentile(latencies, 50),
        p99: percentile(latencies, 99),
        p99_9: percentile(latencies, 99.9),
        max: maxOf(latencies),
      },
    };
  } finally {
    await pool.end();
  }
}

/** The same batches as one set-based query each (unnest joined to the index), one after another. */
export async function bareBatches(databaseUrl: string, batches: readonly Probe[][]): Promise<BatchResult> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  const now = new Date();
  try {
    const times: number[] = [];
    for (const batch of batches) {
      const started = performance.now();
      await client.query(BARE_BATCH, [batch.map((p) => p.type), batch.map((p) => p.normalized), now]);
      times.push(performance.now() - started);
    }
    return batchSummary(batches, times);
  } finally {
    await client.end();
  }
}
