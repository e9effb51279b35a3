import { randomBytes } from 'node:crypto';
import { eventually } from '../support/eventually.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { freePort } from '../support/free-port.mjs';
import { ComposeProject } from './support/compose-project.js';
import { NodeApi } from './support/node-api.js';

/**
 * docker/compose.yml as built and run by the Docker stage (docker/ci-stage.sh): three nodes in
 * containers, each on its own PostgreSQL container, talking mutual TLS over the compose network.
 * Everything goes through the nodes' GraphQL APIs on their published ports; accounts are made with
 * the image's user CLI inside the containers.
 */
const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'] as const;
type NodeId = (typeof NODES)[number];
const PASSWORD = 'docker-stage-password-2026';
const SHARE =
  'mutation ($c: ID!, $p: [String!]!) { requestShare(caseId: $c, partnerIds: $p, purpose: INVESTIGATION) { id status } }';
const APPROVE = 'mutation ($id: ID!) { approveShare(id: $id) { packetId status } }';
const SHARE_STATUS = 'query ($id: ID!) { shareRequest(id: $id) { status packetId } }';
const INBOUND = '{ inboundPackets(first: 200) { packetId originNode deliveredBy signatureVerified } }';
const DELIVERIES = '{ deliveries(first: 200) { id partnerId status attempts lastError } }';
const WATCHLIST =
  'query ($origin: String) { watchlist(filter: { origin: $origin }, first: 200) { entries { entryId origin receivedFrom offenceCategory value } } }';
const ADD_ENTRY =
  'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId origin version } }';

interface Entry {
  entryId: string;
  origin: string;
  receivedFrom: string | null;
  offenceCategory: string;
  value: string;
}

function requiredEnv(name: string): string {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set: run this through docker/ci-stage.sh, which builds the images`);
  return value;
}

describe('docker/compose.yml: kr-knpa, kh-cnp and asean-hub in containers', () => {
  const api = {} as Record<NodeId, NodeApi>;
  const tokens: Record<string, string> = {};
  let project: ComposeProject;
  let firstShare: { shareId: string; packetId: string };
  let relayed: Entry;

  async function approvedShare(): Promise<{ shareId: string; packetId: string }> {
    const knpa = api['kr-knpa'];
    const created = await knpa.must<{ createCase: { id: string } }>(
      CREATE_CASE,
      { input: caseInput({ offenceCategories: ['ONLINE_SCAM'] }) },
      tokens.analyst,
    );
    const requested = await knpa.must<{ requestShare: { id: string; status: string }[] }>(
      SHARE,
      { c: created.createCase.id, p: ['kh-cnp'] },
      tokens.analyst,
    );
    expect(requested.requestShare).toEqual([{ id: expect.any(String), status: 'PENDING_APPROVAL' }]);
    const shareId = requested.requestShare[0].id;
    const approved = await knpa.must<{ approveShare: { packetId: string; status: string } }>(
      APPROVE,
      { id: shareId },
      tokens.liaison,
    );
    return { shareId, packetId: approved.approveShare.packetId };
  }

  async function shareStatus(shareId: string): Promise<string> {
    const data = await api['kr-knpa'].must<{ shareRequest: { status: string } }>(
      SHARE_STATUS,
      { id: shareId },
      tokens.liaison,
    );
    return data.shareRequest.status;
  }

  /**
   * Waits for `what`. A probe that throws (a node restarting, a container moving between networks)
   * counts as "not yet"; the last such error and the nodes' last log lines go into the failure.
   */
  function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs: number): Promise<T> {
    let lastError = '';
    const tolerant = async () => {
      try {
        return await probe();
      } catch (error) {
        lastError = error instanceof Error ? error.message : String(error);
        return undefined;
      }
    };
    return eventually(what, tolerant, timeoutMs).catch(async (error: Error) => {
      throw new Error(`${error.message} (last error: ${lastError || 'none'})\n${await project.logs([...NODES], 40)}`);
    });
  }

  async function delivered(shareId: string, what: string): Promise<void> {
    await waitFor(what, async () => ((await shareStatus(shareId)) === 'DELIVERED' ? true : undefined), 120_000);
  }

  async function watchlistAt(node: NodeId, origin: string, through = api[node]): Promise<Entry[]> {
    const data = await through.must<{ watchlist: { entries: Entry[] } }>(
      WATCHLIST,
      { origin },
      tokens[`${node}/analyst`],
    );
    return data.watchlist.entries;
  }

  async function addEntry(offenceCategory: string): Promise<string> {
    const data = await api['kr-knpa'].must<{ addWatchlistEntry: { entryId: string } }>(
      ADD_ENTRY,
      {
        input: {
          identifierType: 'WALLET_EVM',
          value: `0x${randomBytes(20).toString('hex')}`,
          reason: 'collection wallet of a scam compound',
          offenceCategory,
          severity: 'HIGH',
          validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
        },
      },
      tokens.analyst,
    );
    return data.addWatchlistEntry.entryId;
  }

  beforeAll(async () => {
    const ports = { 'kr-knpa': await freePort(), 'kh-cnp': await freePort(), 'asean-hub': await freePort() };
    project = new ComposeProject(
      process.env.COMPOSE_PROJECT ?? `fednode-ci-${process.pid}`,
      ['docker/compose.yml', 'test/docker/compose.test.yml'],
      {
        APP_IMAGE: requiredEnv('APP_IMAGE'),
        POSTGRES_IMAGE: requiredEnv('POSTGRES_IMAGE'),
        NODE_IMAGE: requiredEnv('NODE_IMAGE'),
        KR_KNPA_PORT: String(ports['kr-knpa']),
        KH_CNP_PORT: String(ports['kh-cnp']),
        ASEAN_HUB_PORT: String(ports['asean-hub']),
      },
    );
    // Images only: the stage has built them, and nothing may be pulled from a registry.
    await project.compose(['up', '-d', '--no-build'], { timeoutMs: 300_000 });
    await Promise.all(NODES.map((node) => project.healthy(node)));
    for (const node of NODES) api[node] = new NodeApi(node, `http://127.0.0.1:${ports[node]}`);

    await project.addUser('kr-knpa', 'analyst', ['ANALYST'], PASSWORD);
    await project.addUser('kr-knpa', 'liaison', ['LIAISON_OFFICER'], PASSWORD);
    tokens.analyst = await api['kr-knpa'].login('analyst', PASSWORD);
    tokens.liaison = await api['kr-knpa'].login('liaison', PASSWORD);
    for (const node of NODES) {
      if (node !== 'kr-knpa') await project.addUser(node, 'analyst', ['ANALYST'], PASSWORD);
      tokens[`${node}/analyst`] = await api[node].login('analyst', PASSWORD);
    }
  }, 420_000);

  afterAll(async () => {
    if (process.env.KEEP_COMPOSE !== '1') await project?.down();
  }, 240_000);

  it('a share approved on kr-knpa is DELIVERED to kh-cnp, which holds the signed packet', async () => {
    firstShare = await approvedShare();
    await delivered(firstShare.shareId, 'the first share DELIVERED');
    const inbound = await api['kh-cnp'].must<{ inboundPackets: Record<string, unknown>[] }>(
      INBOUND,
      {},
      tokens['kh-cnp/analyst'],
    );
    expect(inbound.inboundPackets).toEqual([
      { packetId: firstShare.packetId, originNode: 'kr-knpa', deliveredBy: 'kr-knpa', signatureVerified: true },
    ]);
  });

  it("each database is reachable from its own node only: no node, compromised or not, reaches another agency's", async () => {
    const reach: Record<string, string[]> = {};
    for (const node of NODES) {
      reach[node] = [];
      for (const other of NODES) if (await project.resolves(node, `${other}-db`)) reach[node].push(`${other}-db`);
    }
    expect(reach).toEqual({ 'kr-knpa': ['kr-knpa-db'], 'kh-cnp': ['kh-cnp-db'], 'asean-hub': ['asean-hub-db'] });
  });

  it('with kr-knpa ⟷ kh-cnp cut, a kr-knpa entry reaches kh-cnp through asean-hub, only where policies allow', async () => {
    // kh-cnp keeps its database: that is on kh-cnp's own network, so its pool's connections live on.
    const { heal } = await project.isolate('kh-cnp', ['asean-hub']);
    // Asked from inside its container: the host may not reach kh-cnp on the network made for the cut.
    const isolatedCnp = new NodeApi('kh-cnp', 'inside its container', project.graphqlInside('kh-cnp'));
    try {
      // CYBERCRIME: kr-knpa sends it to the hub but not to kh-cnp, so the hub must not relay it there.
      // ONLINE_SCAM: kr-knpa would send it to kh-cnp itself, and lets the hub pass it on.
      const withheld = await addEntry('CYBERCRIME');
      const entryId = await addEntry('ONLINE_SCAM');
      relayed = await waitFor(
        'the ONLINE_SCAM entry at kh-cnp',
        async () => (await watchlistAt('kh-cnp', 'kr-knpa', isolatedCnp)).find((e) => e.entryId === entryId),
        90_000,
      );
      expect(relayed).toMatchObject({ entryId, origin: 'kr-knpa', receivedFrom: 'asean-hub' });
      const atHub = await watchlistAt('asean-hub', 'kr-knpa');
      expect(atHub.map((e) => e.entryId).sort()).toEqual([withheld, entryId].sort());
      expect((await watchlistAt('kh-cnp', 'kr-knpa', isolatedCnp)).map((e) => e.entryId)).toEqual([entryId]);
    } finally {
      await heal();
    }
    await waitFor('kh-cnp on its published port again', () => api['kh-cnp'].graphql('{ nodeInfo { id } }'), 120_000);
  });

  it('kh-cnp stopped and started again: nothing lost, and the packet approved meanwhile is delivered on its return', async () => {
    await project.compose(['stop', '-t', '20', 'kh-cnp']);
    const whileDown = await approvedShare();
    const queued = await waitFor(
      'a failed attempt at the stopped kh-cnp',
      async () => {
        const data = await api['kr-knpa'].must<{ deliveries: { id: string; attempts: number; status: string }[] }>(
          DELIVERIES,
          {},
          tokens.liaison,
        );
        const delivery = data.deliveries.find((d) => d.id === whileDown.packetId);
        return delivery && delivery.attempts >= 1 ? delivery : undefined;
      },
      60_000,
    );
    expect(queued.status).toBe('QUEUED');
    expect(await shareStatus(whileDown.shareId)).not.toBe('DELIVERED');

    await project.compose(['start', 'kh-cnp']);
    await project.healthy('kh-cnp');
    await delivered(whileDown.shareId, 'the share approved while kh-cnp was down DELIVERED');

    // What was there before the restart still is, once each.
    expect(await shareStatus(firstShare.shareId)).toBe('DELIVERED');
    const inbound = await api['kh-cnp'].must<{ inboundPackets: { packetId: string }[] }>(
      INBOUND,
      {},
      tokens['kh-cnp/analyst'],
    );
    expect(inbound.inboundPackets.map((p) => p.packetId).sort()).toEqual(
      [firstShare.packetId, whileDown.packetId].sort(),
    );
    expect(await watchlistAt('kh-cnp', 'kr-knpa')).toEqual([relayed]);
    const deliveries = await api['kr-knpa'].must<{ deliveries: { id: string; partnerId: string; status: string }[] }>(
      DELIVERIES,
      {},
      tokens.liaison,
    );
    expect(deliveries.deliveries.filter((d) => d.partnerId === 'kh-cnp').map((d) => [d.id, d.status])).toEqual(
      expect.arrayContaining([
        [firstShare.packetId, 'DELIVERED'],
        [whileDown.packetId, 'DELIVERED'],
      ]),
    );
  });
});
