import { randomBytes } from 'node:crypto';
import { createClient, type Client } from 'graphql-ws';
import WebSocket from 'ws';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { FederationHarness } from '../federation/support/federation-harness.js';
import { eventually } from '../support/eventually.js';
import { printLedger, receiverLedger, senderView } from '../reliability/support/delivery-ledger.js';
import { CREATE_CASE, UPDATE_CASE, caseInput } from '../support/case-factory.js';
import { freePort } from '../support/free-port.mjs';
import { HaproxyBalancer, replicaOf } from '../support/haproxy.js';
import { NodeProcess, runCli } from '../support/node-process.js';

const REPLICAS = 3;
const SHARE =
  'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId } }';
const ADD_ENTRY = 'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }';

interface Answer<T> {
  data?: T;
  errors?: unknown[];
  servedBy: string;
}

interface AlertView {
  id: string;
  kind: string;
  value: string;
  caseId: string;
}

function entryInput(identifierType: string, value: string, offenceCategory = 'ONLINE_SCAM'): Record<string, unknown> {
  return {
    identifierType,
    value,
    reason: 'recruiter for a scam compound',
    offenceCategory,
    severity: 'HIGH',
    validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
  };
}

/**
 * Three replicas of kr-knpa (`node dist/main.js`) on one PostgreSQL database behind Debian's HAProxy
 * (HTTP round-robin for the officers' API, TCP for the mutual-TLS peer endpoint, health checks on
 * /health/ready), with partner kh-cnp as a fourth process. Everything officers do goes through the
 * balancer; kh-cnp reaches kr-knpa through it too.
 */
describe('three replicas of kr-knpa behind HAProxy', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  const tokens: Record<string, string> = {};
  let balancer: HaproxyBalancer;
  const clients: Client[] = [];

  /** GraphQL through the balancer; says which replica answered. */
  async function viaBalancer<T>(query: string, variables: Record<string, unknown>, token?: string): Promise<Answer<T>> {
    const response = await fetch(`${balancer.apiUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    });
    const body = (await response.json()) as { data?: T; errors?: unknown[] };
    return { ...body, servedBy: response.headers.get('x-served-by') ?? '' };
  }

  async function must<T>(query: string, variables: Record<string, unknown>, token: string): Promise<Answer<T>> {
    const answer = await viaBalancer<T>(query, variables, token);
    if (!answer.data || answer.errors) throw new Error(`${query.slice(0, 60)}…: ${JSON.stringify(answer.errors)}`);
    return answer;
  }

  const logs = () => `${federation.logs()}\n--- haproxy\n${balancer.logs()}`;

  beforeAll(async () => {
    await federation.prepare();
    await federation.start('kh-cnp');
    // The first replica migrates an empty database; the others start together once it has.
    await federation.start('kr-knpa');
    await Promise.all(Array.from({ length: REPLICAS - 1 }, () => federation.start('kr-knpa')));
    const replicas = federation.slot('kr-knpa').processes.map((node, i) => replicaOf(`replica-${i + 1}`, node));
    balancer = await HaproxyBalancer.start(replicas, { api: await freePort(), federation: await freePort() });
    // kh-cnp's link to kr-knpa now ends at the balancer's peer port rather than at one replica.
    federation.slot('kr-knpa').federationPort = balancer.federationPort;
    tokens.analyst = await federation.token('kr-knpa', 'lb-analyst', [Role.ANALYST]);
    tokens.officer = await federation.token('kr-knpa', 'lb-officer', [Role.LIAISON_OFFICER]);
    tokens.cnpAnalyst = await federation.token('kh-cnp', 'cnp-analyst', [Role.ANALYST]);
  }, 240_000);

  afterAll(async () => {
    await Promise.all(clients.map((c) => c.dispose()));
    await balancer?.stop();
    await federation.stopAll();
  });

  it('serves the console and GraphQL from every replica, and a token from one login is good on all of them', async () => {
    const served = new Set<string>();
    for (let i = 0; i < 2 * REPLICAS; i += 1) {
      const page = await fetch(`${balancer.apiUrl}/console/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      const html = await page.text();
      expect(html).toContain('<div id="app">');
      served.add(page.headers.get('x-served-by') ?? '');
      const script = /src="(\/console\/assets\/[^"]+\.js)"/.exec(html)?.[1];
      const asset = await fetch(`${balancer.apiUrl}${script}`);
      expect(asset.status).toBe(200);
      await asset.arrayBuffer();
    }
    expect([...served].sort()).toEqual(['replica-1', 'replica-2', 'replica-3']);

    const login = await viaBalancer<{ login: { token: string } }>(
      'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
      { u: 'lb-analyst', p: 'lb-analyst-password-1' },
    );
    const answers = await Promise.all(
      Array.from({ length: 2 * REPLICAS }, () =>
        viaBalancer<{ me: { username: string }; nodeInfo: { id: string } }>(
          '{ me { username } nodeInfo { id } }',
          {},
          login.data!.login.token,
        ),
      ),
    );
    for (const answer of answers)
      expect(answer).toMatchObject({ data: { me: { username: 'lb-analyst' }, nodeInfo: { id: 'kr-knpa' } } });
    expect(new Set(answers.map((a) => a.servedBy)).size).toBe(REPLICAS);
  });

  it('a graphql-ws subscription through the balancer receives the alert raised on another replica', async () => {
    // Partner data first: kh-cnp lists a Telegram handle, which reaches kr-knpa through the balancer.
    const handle = `@mule_${randomBytes(4).toString('hex')}`;
    const listed = await federation.graphql<{ addWatchlistEntry: { entryId: string } }>(
      'kh-cnp',
      ADD_ENTRY,
      { input: entryInput('TELEGRAM', handle) },
      tokens.cnpAnalyst,
    );
    expect(listed.errors).toBeUndefined();
    await eventually(
      'the kh-cnp entry at kr-knpa',
      async () => {
        const answer = await must<{ watchlist: { entries: { value: string }[] } }>(
          '{ watchlist(filter: { origin: "kh-cnp" }) { entries { value } } }',
          {},
          tokens.analyst,
        );
        return answer.data!.watchlist.entries.some((e) => e.value === handle) ? true : undefined;
      },
      30_000,
      logs,
    );

    // The socket lands on one replica (X-Served-By of the upgrade answer) and stays there.
    let socketReplica = '';
    class TracedWebSocket extends WebSocket {
      constructor(address: string, protocols?: string | string[]) {
        super(address, protocols);
        this.on('upgrade', (response) => (socketReplica = String(response.headers['x-served-by'] ?? '')));
      }
    }
    const received: AlertView[] = [];
    const errors: unknown[] = [];
    let connected = false;
    const client = createClient({
      url: `${balancer.apiUrl.replace(/^http/, 'ws')}/graphql`,
      webSocketImpl: TracedWebSocket,
      retryAttempts: 0,
      connectionParams: { authorization: `Bearer ${tokens.analyst}` },
      on: { connected: () => (connected = true) },
    });
    clients.push(client);
    client.subscribe<{ alertRaised: AlertView }>(
      { query: 'subscription { alertRaised { id kind value caseId } }' },
      {
        next: (message) => (message.data ? received.push(message.data.alertRaised) : errors.push(message.errors)),
        error: (error) => errors.push(error),
        complete: () => undefined,
      },
    );
    await eventually('the socket to connect', async () => (connected ? true : undefined), 10_000, logs);
    expect(socketReplica).toMatch(/^replica-\d$/);

    // The analyst adds the handle to cases on another replica, straight to its port (not through the
    // balancer), until the subscriber has an alert: the server registers the subscription a moment
    // after the socket connects, and an alert raised before that is not replayed.
    const other = Number(socketReplica.split('-')[1]) % REPLICAS;
    const cases: string[] = [];
    const alert = await eventually(
      'the alert on the socket',
      async () => {
        if (received.length > 0) return received[0];
        const created = await federation.graphql<{ createCase: { id: string } }>(
          'kr-knpa',
          CREATE_CASE,
          {
            input: caseInput({
              identifiers: [
                { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
                { id: 't1', type: 'TELEGRAM', value: handle },
              ],
            }),
          },
          tokens.analyst,
          other,
        );
        if (!created.data) throw new Error(JSON.stringify(created.errors));
        cases.push(created.data.createCase.id);
        await new Promise((r) => setTimeout(r, 500));
        return received[0];
      },
      30_000,
      logs,
    );
    expect(`replica-${other + 1}`).not.toBe(socketReplica);
    expect(errors).toEqual([]);
    expect(alert).toMatchObject({ kind: 'PARTNER_DATA_MATCHES_LOCAL_CASE', value: handle });
    expect(cases).toContain(alert.caseId);
    // One alert per case, each delivered once.
    await new Promise((r) => setTimeout(r, 1000));
    expect(new Set(received.map((a) => a.id)).size).toBe(received.length);
    expect(received.every((a) => cases.includes(a.caseId))).toBe(true);
  });

  it('shares approved through the balancer reach kh-cnp exactly once each', async () => {
    const count = 12;
    const approvals = await Promise.all(
      Array.from({ length: count }, async () => {
        const created = await must<{ createCase: { id: string } }>(
          CREATE_CASE,
          { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
          tokens.analyst,
        );
        const requested = await must<{ requestShare: { id: string }[] }>(
          SHARE,
          { c: created.data!.createCase.id, p: ['kh-cnp'] },
          tokens.analyst,
        );
        const approved = await must<{ approveShare: { packetId: string } }>(
          APPROVE,
          { id: requested.data!.requestShare[0].id },
          tokens.officer,
        );
        return { packetId: approved.data!.approveShare.packetId, approvedOn: approved.servedBy };
      }),
    );
    const packetIds = approvals.map((a) => a.packetId);
    const sender = await eventually(
      `all ${count} delivered`,
      async () => {
        const view = await senderView(federation.slot('kr-knpa').databaseUrl, packetIds);
        return view.statuses.DELIVERED === count ? view : undefined;
      },
      60_000,
      logs,
    );
    const ledger = await receiverLedger('three kr-knpa replicas behind haproxy', [
      { to: 'kh-cnp', databaseUrl: federation.slot('kh-cnp').databaseUrl, packetIds },
    ]);
    const deliveredBy = federation
      .slot('kr-knpa')
      .processes.map((p) => p.logEntries().filter((e) => e.event === 'delivery.delivered').length);
    ledger.notes = {
      approvedOn: [...new Set(approvals.map((a) => a.approvedOn))].sort(),
      attempts: sender.attempts,
      deliveredByReplica: deliveredBy,
    };
    printLedger(ledger);
    expect(ledger).toMatchObject({ sent: count, delivered: count, rejected: {}, lost: 0, duplicated: 0 });
    expect(sender).toMatchObject({ statuses: { DELIVERED: count }, attempts: count, retried: 0 });
    expect(new Set(approvals.map((a) => a.approvedOn)).size).toBeGreaterThan(1);
  });

  it('after mixed writes through all replicas at once the audit chain is one line, and audit:verify says intact', async () => {
    const served: string[] = [];
    const writes = Array.from({ length: 30 }, async (_, i) => {
      if (i % 3 === 0) {
        const answer = await must<{ addWatchlistEntry: { entryId: string } }>(
          ADD_ENTRY,
          { input: entryInput('WALLET_EVM', `0x${randomBytes(20).toString('hex')}`) },
          tokens.analyst,
        );
        served.push(answer.servedBy);
        return;
      }
      const created = await must<{ createCase: { id: string } }>(CREATE_CASE, { input: caseInput() }, tokens.analyst);
      const updated = await must<{ updateCase: { revision: number } }>(
        UPDATE_CASE,
        { id: created.data!.createCase.id, input: caseInput({ title: 'Revised after the freeze' }), rev: 1 },
        tokens.analyst,
      );
      served.push(created.servedBy, updated.servedBy);
    });
    await Promise.all(writes);
    expect(new Set(served).size).toBe(REPLICAS);

    const links = await federation.sql<{ position: string; prev_hash: string; previous: string | null }>(
      'kr-knpa',
      'SELECT seq::text AS position, prev_hash, lag(hash) OVER (ORDER BY seq) AS previous FROM audit_entry ORDER BY seq',
    );
    expect(links.map((l) => Number(l.position))).toEqual(links.map((_, i) => i + 1));
    expect(links.slice(1).filter((l) => l.prev_hash !== l.previous)).toEqual([]);

    const slot = federation.slot('kr-knpa');
    const verified = await runCli('dist/cli/audit.cli.js', [], {
      NODE_CONFIG: slot.configFile,
      DATABASE_URL: slot.databaseUrl,
    });
    expect(verified).toMatchObject({ code: 0 });
    // The replicas' checkpoint timers may have appended since the query above.
    const walked = Number(/audit trail of kr-knpa: (\d+) entries verified/.exec(verified.stdout)?.[1]);
    expect(walked).toBeGreaterThanOrEqual(links.length);
  });

  it('a replica killed mid-traffic: its /health/ready check takes it out, no request fails, and it rejoins when restarted', async () => {
    const slot = federation.slot('kr-knpa');
    const victim = replicaOf('replica-2', slot.processes[1]);
    await slot.processes[1].stop('SIGKILL');
    const during = await Promise.all(
      Array.from({ length: 4 * REPLICAS }, () => viaBalancer('{ nodeInfo { id } }', {})),
    );
    expect(during.filter((a) => a.data === undefined)).toEqual([]);
    expect(during.map((a) => a.servedBy)).not.toContain('replica-2');
    await eventually(
      'replica-2 DOWN',
      async () => ((await balancer.serverStates())['api/replica-2'] === 'DOWN' ? true : undefined),
      10_000,
      logs,
    );

    // Back on the same ports, as an orchestrator restarts a container.
    const restarted = new NodeProcess({
      NODE_CONFIG: slot.configFile,
      DATABASE_URL: slot.databaseUrl,
      PORT: String(victim.apiPort),
      FEDERATION_PORT: String(victim.federationPort),
    });
    slot.processes.push(restarted);
    await restarted.waitForLog('node.started', 90_000);
    await eventually(
      'replica-2 UP',
      async () => {
        const states = await balancer.serverStates();
        return states['api/replica-2'] === 'UP' && states['peer/replica-2'] === 'UP' ? true : undefined;
      },
      10_000,
      logs,
    );
    const after = await Promise.all(Array.from({ length: 2 * REPLICAS }, () => viaBalancer('{ nodeInfo { id } }', {})));
    expect(new Set(after.map((a) => a.servedBy)).size).toBe(REPLICAS);
  });
});
