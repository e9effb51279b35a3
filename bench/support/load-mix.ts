import { Role } from '../../src/kernel/vocabulary/role.js';
import { openDataSource } from '../../src/database/data-source.js';
import { standaloneOfficerAccounts } from '../../src/officers/officer-account.service.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../../test/support/case-factory.js';
import { createHash } from 'node:crypto';
import { casePayload, outcomeOf, type PeerStandIn } from '../../test/reliability/support/peer-stand-in.js';

export type Kind = 'screening' | 'case write' | 'inbound packet';

/** Closed-loop workers per kind (inbound packets: per peer): npm run bench:load -- --closed, and --replicas. */
export const LOAD_WORKERS: Record<Kind, number> = { screening: 4, 'case write': 2, 'inbound packet': 2 };

/**
 * Offered load per second of npm run bench:load (open loop): issue #19's targets for case writes and
 * inbound packets (split over the peers), beside a steady screening load of 20 identifiers a call.
 */
export const LOAD_RATES: Record<Kind, number> = { screening: 20, 'case write': 50, 'inbound packet': 50 };

/** An open loop stops starting requests beyond this many in flight per kind, and counts each as an error. */
const MAX_IN_FLIGHT = 256;

/** How the load is paced: closed-loop workers, or requests started at fixed rates whatever the answers. */
export type Pace = { workers: Record<Kind, number> } | { rates: Record<Kind, number> };

/** Latencies (ms) and errors of one kind of request. */
export class KindStats {
  readonly latencies: number[] = [];
  errors = 0;
  readonly errorSamples: string[] = [];

  record(ms: number, error?: string): void {
    this.latencies.push(ms);
    if (error === undefined) return;
    this.errors += 1;
    if (this.errorSamples.length < 5) this.errorSamples.push(error.slice(0, 300));
  }

  percentile(p: number): number {
    if (this.latencies.length === 0) return Number.NaN;
    const sorted = [...this.latencies].sort((a, b) => a - b);
    return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
  }
}

/** Officers created directly in the node's database (as `npm run user` would), logged in through GraphQL. */
export async function officerToken(
  databaseUrl: string,
  apiUrl: string,
  username: string,
  roles: Role[],
): Promise<string> {
  const db = await openDataSource(databaseUrl);
  try {
    await standaloneOfficerAccounts(db).create({ username, password: `${username}-password-1`, roles }, 'bench');
  } finally {
    await db.destroy();
  }
  const body = await graphql<{ login: { token: string } }>(
    apiUrl,
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: `${username}-password-1` },
  );
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

async function graphql<T>(
  apiUrl: string,
  query: string,
  variables: Record<string, unknown>,
  token?: string,
): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status !== 200) return { errors: [`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`] };
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

const SCREEN =
  'query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) { value valid hits { source caseReference } } }';

/**
 * The data is shaped like an agency's: each case has identifiers of its own, screening asks for some of
 * them among unknown ones, and one partner packet in ten names the wallet of a local case (an alert).
 * One wallet in every case and every packet would make each answer and each alert check grow with the
 * run, measuring that pathology rather than the paths.
 */
const walletOf = (n: number) => `0x${createHash('sha256').update(`bench-wallet-${n}`).digest('hex').slice(0, 40)}`;
const phoneOf = (n: number) => `+8551${String(n % 10_000_000).padStart(7, '0')}`;

/** Numbers cases across runs of one process (warm-up, then the measured run): references stay unique. */
let caseSerial = 0;

function benchCase(n: number, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return caseInput({
    reference: `LOAD-${process.pid}-${n}`,
    identifiers: [
      { id: 'w1', type: 'WALLET_EVM', value: walletOf(n) },
      { id: 'p1', type: 'PHONE', value: phoneOf(n) },
      { id: 't1', type: 'TELEGRAM', value: `@bench_case_${n}` },
    ],
    ...overrides,
  });
}

/** 20 identifiers per call: half wallets of cases written so far, half phones nobody holds. */
function screeningBatch(i: number, casesWritten: number): { type: string; value: string }[] {
  return Array.from({ length: 20 }, (_, k) =>
    k % 2 === 0
      ? { type: 'WALLET_EVM', value: walletOf((i * 10 + k) % Math.max(casesWritten, 1)) }
      : { type: 'PHONE', value: phoneOf(5_000_000 + ((i * 20 + k) % 1_000_000)) },
  );
}

function partnerCase(j: number, casesWritten: number): Record<string, unknown> {
  const wallet = j % 10 === 0 && casesWritten > 0 ? walletOf(j % casesWritten) : walletOf(1_000_000_000 + j);
  return {
    ...casePayload(`REL-${Math.floor(Math.random() * 1e9)}`),
    identifiers: [{ id: 'w1', type: 'WALLET_EVM', value: wallet }],
  };
}

export interface LoadTargets {
  apiUrl: string;
  analystToken: string;
  receiver: { id: string; federationPort: number };
  peers: PeerStandIn[];
}

/**
 * Closed-loop workers: each sends its next request as soon as the previous one is answered, so the
 * node sets the pace. Screening calls, case writes (createCase, then updateCase of the same case at
 * its revision) and packets sealed by two real peer identities, posted over mutual TLS.
 */
export async function runMix(
  targets: LoadTargets,
  seconds: number,
  pace: Pace,
  stats: Record<Kind, KindStats>,
): Promise<void> {
  const end = performance.now() + seconds * 1000;
  let casesWritten = 0;
  let packetsSent = 0;
  // `since`: an open loop's request counts from when it was due, so a late start is latency too.
  const timed = async (kind: Kind, work: () => Promise<string | undefined>, since = performance.now()) => {
    const started = since;
    let error: string | undefined;
    try {
      error = await work();
    } catch (thrown) {
      error = thrown instanceof Error ? thrown.message : String(thrown);
    }
    stats[kind].record(performance.now() - started, error);
  };
  const loop = async (work: (i: number) => Promise<void>) => {
    for (let i = 0; performance.now() < end; i += 1) await work(i);
  };
  /** Starts work(i, due) every 1/rate s until the end, without waiting for earlier ones to answer. */
  const openLoop = async (kind: Kind, rate: number, work: (i: number, due: number) => Promise<void>) => {
    if (rate <= 0) return;
    const interval = 1000 / rate;
    const first = performance.now();
    const inFlight = new Set<Promise<void>>();
    for (let i = 0; ; i += 1) {
      const due = first + i * interval;
      if (due >= end) break;
      const wait = due - performance.now();
      if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
      if (inFlight.size >= MAX_IN_FLIGHT) {
        stats[kind].record(performance.now() - due, `more than ${MAX_IN_FLIGHT} requests in flight: not started`);
        continue;
      }
      const pending: Promise<void> = work(i, due).finally(() => inFlight.delete(pending));
      inFlight.add(pending);
    }
    await Promise.all(inFlight);
  };

  const screening = (i: number, due?: number) =>
    timed(
      'screening',
      async () => {
        const ids = screeningBatch(i, casesWritten);
        const body = await graphql(targets.apiUrl, SCREEN, { ids }, targets.analystToken);
        return body.errors ? JSON.stringify(body.errors) : undefined;
      },
      due,
    );
  // Two writes: createCase, then updateCase of the same case at its revision.
  const caseWrites = async (_i?: number, due?: number) => {
    let id: string | undefined;
    const n = caseSerial++;
    await timed(
      'case write',
      async () => {
        const body = await graphql<{ createCase: { id: string } }>(
          targets.apiUrl,
          CREATE_CASE,
          { input: benchCase(n) },
          targets.analystToken,
        );
        id = body.data?.createCase.id;
        if (id) casesWritten += 1;
        return body.errors ? JSON.stringify(body.errors) : undefined;
      },
      due,
    );
    if (!id || performance.now() >= end) return;
    await timed('case write', async () => {
      const body = await graphql(
        targets.apiUrl,
        UPDATE_CASE,
        { id, input: benchCase(n, { title: 'Updated after the freeze request was answered' }), rev: 1 },
        targets.analystToken,
      );
      return body.errors ? JSON.stringify(body.errors) : undefined;
    });
  };
  const packets = (peer: PeerStandIn) => async (_i?: number, due?: number) => {
    const packet = await peer.seal({ to: [targets.receiver.id], body: partnerCase(packetsSent++, casesWritten) });
    await timed(
      'inbound packet',
      async () => {
        const outcome = outcomeOf(await peer.post(targets.receiver, packet));
        return outcome === 'ACCEPTED' ? undefined : `${peer.nodeId}: ${outcome}`;
      },
      due,
    );
  };

  if ('rates' in pace) {
    const { rates } = pace;
    await Promise.all([
      openLoop('screening', rates.screening, screening),
      openLoop('case write', rates['case write'] / 2, caseWrites),
      ...targets.peers.map((peer) =>
        openLoop('inbound packet', rates['inbound packet'] / targets.peers.length, packets(peer)),
      ),
    ]);
    return;
  }
  const { workers } = pace;
  await Promise.all([
    ...Array.from({ length: workers.screening }, () => loop(screening)),
    ...Array.from({ length: workers['case write'] }, () => loop(caseWrites)),
    ...targets.peers.flatMap((peer) => Array.from({ length: workers['inbound packet'] }, () => loop(packets(peer)))),
  ]);
}
