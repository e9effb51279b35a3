import { Role } from '../../src/auth/role.enum.js';
import { PasswordHasher } from '../../src/auth/password-hasher.js';
import { openDataSource } from '../../src/database/data-source.js';
import { OfficerAccount } from '../../src/officers/entities/officer-account.entity.js';
import { OfficerAccountService } from '../../src/officers/officer-account.service.js';
import { standaloneAuditService } from '../../src/audit/audit.service.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../../test/support/case-factory.js';
import { outcomeOf, type PeerStandIn } from '../../test/reliability/support/peer-stand-in.js';

export type Kind = 'screening' | 'case write' | 'inbound packet';

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
export async function officerToken(databaseUrl: string, apiUrl: string, username: string, roles: Role[]): Promise<string> {
  const db = await openDataSource(databaseUrl);
  try {
    await new OfficerAccountService(db.getRepository(OfficerAccount), new PasswordHasher(), standaloneAuditService(db)).create({ username, password: `${username}-password-1`, roles }, 'bench');
  } finally {
    await db.destroy();
  }
  const body = await graphql<{ login: { token: string } }>(apiUrl, 'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }', { u: username, p: `${username}-password-1` });
  if (!body.data) throw new Error(`login failed: ${JSON.stringify(body.errors)}`);
  return body.data.login.token;
}

async function graphql<T>(apiUrl: string, query: string, variables: Record<string, unknown>, token?: string): Promise<{ data?: T; errors?: unknown[] }> {
  const response = await fetch(`${apiUrl}/graphql`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  if (response.status !== 200) return { errors: [`HTTP ${response.status}: ${(await response.text()).slice(0, 200)}`] };
  return (await response.json()) as { data?: T; errors?: unknown[] };
}

const SCREEN = 'query ($ids: [IdentifierInput!]!) { screen(identifiers: $ids) { value valid hits { source caseReference } } }';

/** 20 identifiers per call: half the wallets the case writes attach, half unknown ones. */
function screeningBatch(i: number): { type: string; value: string }[] {
  return Array.from({ length: 20 }, (_, k) =>
    k % 2 === 0
      ? { type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }
      : { type: 'PHONE', value: `+8551${String((i * 20 + k) % 10_000_000).padStart(7, '0')}` },
  );
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
export async function runMix(targets: LoadTargets, seconds: number, workers: Record<Kind, number>, stats: Record<Kind, KindStats>): Promise<void> {
  const end = performance.now() + seconds * 1000;
  const timed = async (kind: Kind, work: () => Promise<string | undefined>) => {
    const started = performance.now();
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

  const screening = (i: number) =>
    timed('screening', async () => {
      const body = await graphql(targets.apiUrl, SCREEN, { ids: screeningBatch(i) }, targets.analystToken);
      return body.errors ? JSON.stringify(body.errors) : undefined;
    });
  const caseWrites = async () => {
    let id: string | undefined;
    await timed('case write', async () => {
      const body = await graphql<{ createCase: { id: string } }>(targets.apiUrl, CREATE_CASE, { input: caseInput() }, targets.analystToken);
      id = body.data?.createCase.id;
      return body.errors ? JSON.stringify(body.errors) : undefined;
    });
    if (!id || performance.now() >= end) return;
    await timed('case write', async () => {
      const body = await graphql(targets.apiUrl, UPDATE_CASE, { id, input: caseInput({ title: 'Updated after the freeze request was answered' }), rev: 1 }, targets.analystToken);
      return body.errors ? JSON.stringify(body.errors) : undefined;
    });
  };
  const packets = (peer: PeerStandIn) => async () => {
    const packet = await peer.seal({ to: [targets.receiver.id] });
    await timed('inbound packet', async () => {
      const outcome = outcomeOf(await peer.post(targets.receiver, packet));
      return outcome === 'ACCEPTED' ? undefined : `${peer.nodeId}: ${outcome}`;
    });
  };

  await Promise.all([
    ...Array.from({ length: workers.screening }, () => loop(screening)),
    ...Array.from({ length: workers['case write'] }, () => loop(caseWrites)),
    ...targets.peers.flatMap((peer) => Array.from({ length: workers['inbound packet'] }, () => loop(packets(peer)))),
  ]);
}
