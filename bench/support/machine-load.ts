/**
 * The screening benchmark's load on the machine endpoint an exchange's own systems call: single
 * addresses from concurrent clients (autocannon) and batches of 10,000, each answer checked against
 * what the watchlist holds (the endpoint screens the watchlist only, not cases or partner data).
 */
import autocannon from 'autocannon';
import { batchSummary, singleResult, type BatchResult, type HttpSingleResult, type Probe } from './screen-load.js';

/** On the watchlist (live): must hit; nowhere: must miss; case-only or stale keys: either. */
function watchlistExpectation(probe: Probe): 'hit' | 'miss' | 'any' {
  return probe.source === 'watchlist' ? 'hit' : probe.source === 'none' ? 'miss' : 'any';
}

class MachineCheck {
  errors = 0;
  wrong = 0;
  hits = 0;
  results = 0;
  firstProblem = '';

  problem(kind: 'error' | 'wrong', detail: string): void {
    if (kind === 'error') this.errors++;
    else this.wrong++;
    this.firstProblem ||= detail;
  }

  single(body: string, probe: Probe): void {
    let answer: { valid?: boolean; hit?: boolean; normalized?: string };
    try {
      answer = JSON.parse(body) as typeof answer;
    } catch {
      return this.problem('error', `not JSON: ${body.slice(0, 200)}`);
    }
    this.results++;
    if (answer.hit) this.hits++;
    const expected = watchlistExpectation(probe);
    if (
      !answer.valid ||
      answer.normalized !== probe.normalized ||
      (expected !== 'any' && (expected === 'hit') !== answer.hit)
    )
      this.problem('wrong', `${probe.type} ${probe.value}: expected ${expected}, got ${body.slice(0, 200)}`);
  }

  batch(body: string, probes: readonly Probe[]): void {
    let answer: { screened?: number; invalid?: unknown[]; hits?: { index: number }[] };
    try {
      answer = JSON.parse(body) as typeof answer;
    } catch {
      return this.problem('error', `not JSON: ${body.slice(0, 200)}`);
    }
    if (answer.screened !== probes.length || answer.invalid?.length)
      return this.problem('wrong', `batch answer: ${body.slice(0, 300)}`);
    const hit = new Set((answer.hits ?? []).map((h) => h.index));
    probes.forEach((probe, index) => {
      this.results++;
      if (hit.has(index)) this.hits++;
      const expected = watchlistExpectation(probe);
      if (expected !== 'any' && (expected === 'hit') !== hit.has(index))
        this.problem('wrong', `batch item ${index} ${probe.type} ${probe.value}: expected ${expected}`);
    });
  }
}

/** `connections` systems, each screening one address per request, back to back, for `seconds`. */
export async function machineSingle(
  url: string,
  apiKey: string,
  probes: readonly Probe[],
  connections: number,
  seconds: number,
): Promise<HttpSingleResult> {
  const check = new MachineCheck();
  let next = 0;
  const result = await autocannon({
    url: `${url}/screening/v1/check`,
    connections,
    duration: seconds,
    timeout: 30,
    headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
    requests: [
      {
        method: 'POST',
        path: '/screening/v1/check',
        setupRequest: (request, context) => {
          const probe = probes[next++ % probes.length];
          (context as { probe?: Probe }).probe = probe;
          return { ...request, body: JSON.stringify({ type: probe.type, address: probe.value }) };
        },
        onResponse: (status, body, context) => {
          const probe = (context as { probe?: Probe }).probe;
          if (status === 200 && probe) check.single(body, probe);
        },
      },
    ],
  });
  return singleResult(result, check);
}

/** Batches of addresses through /screening/v1/batch, one call after another. */
export async function machineBatches(url: string, apiKey: string, batches: readonly Probe[][]): Promise<BatchResult> {
  const check = new MachineCheck();
  const times: number[] = [];
  for (const batch of batches) {
    const body = JSON.stringify({ items: batch.map(({ type, value }) => ({ type, address: value })) });
    const started = performance.now();
    const response = await fetch(`${url}/screening/v1/batch`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body,
    });
    const text = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200) check.problem('error', `HTTP ${response.status}: ${text.slice(0, 200)}`);
    else check.batch(text, batch);
  }
  const summary = batchSummary(batches, times);
  return { ...summary, graphqlErrors: check.errors, wrongResults: check.wrong, firstProblem: check.firstProblem };
}
