import { EXAMPLE_NODE_IDS } from '../kernel/pki/node-id.js';
import { DEMO_PASSWORD } from './demo-accounts.js';
import { exchangeStory } from './demo-exchange-story.js';
import { ExampleFederation, apiUrl, exampleConfig, isServing } from './example-federation.js';

/**
 * `npm run demo`: a scripted scenario through the example federation: a case share with approval, a
 * freeze request and its approved reply, a watchlist entry relayed by the hub, and the exchanges'
 * story (demo-exchange-story.ts). Prints what happened at each node. Uses the federation of
 * `npm run federation` if it runs; otherwise starts one and stops it again at the end.
 */
type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;

function say(node: string, text: string): void {
  process.stdout.write(`[${node.padEnd(9)}] ${text}\n`);
}

async function session(nodeId: string, username: string): Promise<Gql> {
  const url = `${apiUrl(exampleConfig(nodeId))}/graphql`;
  const call = async <T>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<T> => {
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      });
    } catch {
      throw new Error(`${nodeId} is not reachable at ${url}: start the federation first with npm run federation`);
    }
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`${nodeId}: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  };
  const { login } = await call<{ login: { token: string } }>(
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    {
      u: username,
      p: DEMO_PASSWORD,
    },
  );
  return (query, variables) => call(query, variables ?? {}, login.token);
}

async function waitFor<T>(what: string, probe: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

async function main(): Promise<void> {
  const knpa = { analyst: await session('kr-knpa', 'analyst'), liaison: await session('kr-knpa', 'liaison') };
  const cnp = { analyst: await session('kh-cnp', 'analyst'), liaison: await session('kh-cnp', 'liaison') };
  const reference = `KNPA-DEMO-${Date.now().toString(36).toUpperCase()}`;

  process.stdout.write('\n1. A case share with liaison-officer approval\n');
  const { createCase } = await knpa.analyst<{ createCase: { id: string } }>(
    `mutation ($input: CaseInput!) { createCase(input: $input) { id } }`,
    {
      input: {
        reference,
        title: 'Romance-scam compound laundering through USDT and BTC',
        summary: 'Victims in Korea paid into wallets controlled by a compound in Sihanoukville.',
        offenceCategories: ['ONLINE_SCAM'],
        tlp: 'AMBER',
        handlingCodes: ['INTELLIGENCE_ONLY'],
        sourceReliability: 'B',
        informationAccuracy: 2,
        subjects: [
          {
            id: 'p1',
            names: ['KIM Min-jun'],
            aliases: ['Boss Kim'],
            dateOfBirth: '1988-04-17',
            nationality: 'KR',
            documents: [{ type: 'PASSPORT', number: 'M12345678', issuingCountry: 'KR' }],
          },
        ],
        identifiers: [
          { id: 'w1', type: 'WALLET_BTC', value: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' },
          { id: 't1', type: 'TELEGRAM', value: '@scam_boss_kh' },
        ],
        requests: [
          {
            id: 'r1',
            kind: 'FREEZE_REQUEST',
            targetIdentifierId: 'w1',
            text: 'Please freeze this wallet at exchanges in Cambodia.',
          },
        ],
      },
    },
  );
  say('kr-knpa', `analyst created case ${reference}`);
  const { requestShare } = await knpa.analyst<{
    requestShare: {
      id: string;
      partnerId: string;
      status: string;
      policyReasons: string[];
      removed: { path: string; rule: string }[];
    }[];
  }>(
    'mutation ($c: ID!) { requestShare(caseId: $c, partnerIds: ["kh-cnp", "asean-hub"], purpose: ASSET_FREEZE, note: "JTF") { id partnerId status policyReasons removed { path rule } } }',
    { c: createCase.id },
  );
  for (const share of requestShare) {
    say(
      'kr-knpa',
      `share to ${share.partnerId}: ${share.status}${share.status === 'DENIED_BY_POLICY' ? ` (${share.policyReasons.join('; ')})` : ''}`,
    );
    for (const removed of share.removed) say('kr-knpa', `   not sent as written: ${removed.path} (${removed.rule})`);
  }
  const toCnp = requestShare.find((s) => s.partnerId === 'kh-cnp' && s.status === 'PENDING_APPROVAL');
  if (!toCnp) throw new Error('the share to kh-cnp was not pending approval');
  const { approveShare } = await knpa.liaison<{ approveShare: { packetId: string } }>(
    'mutation ($id: ID!) { approveShare(id: $id, comment: "Approved for the JTF") { packetId } }',
    { id: toCnp.id },
  );
  say('kr-knpa', `liaison approved; sealed as packet ${approveShare.packetId}`);
  await waitFor('delivery', async () => {
    const { shareRequest } = await knpa.liaison<{ shareRequest: { status: string } }>(
      'query ($id: ID!) { shareRequest(id: $id) { status } }',
      { id: toCnp.id },
    );
    return shareRequest.status === 'DELIVERED' ? true : undefined;
  });
  say('kr-knpa', 'kh-cnp signed the receipt: DELIVERED');
  const received = await waitFor('the packet at kh-cnp', async () => {
    const { inboundPackets } = await cnp.analyst<{
      inboundPackets: {
        packetId: string;
        originNode: string;
        policyVersion: string;
        retentionUntil: string;
        content: { subjects?: { dateOfBirth?: string }[] };
      }[];
    }>('{ inboundPackets { packetId originNode policyVersion retentionUntil content } }');
    return inboundPackets.find((p) => p.packetId === approveShare.packetId);
  });
  say(
    'kh-cnp',
    `received case ${reference} from ${received.originNode}, signature verified, policy ${received.policyVersion}, kept until ${received.retentionUntil.slice(0, 10)}; date of birth arrives as ${received.content.subjects?.[0]?.dateOfBirth}`,
  );

  process.stdout.write('\n2. The freeze request and its approved reply\n');
  const { replyToPacket } = await cnp.analyst<{ replyToPacket: { id: string } }>(
    'mutation ($p: String!) { replyToPacket(packetId: $p, text: "Wallet frozen at two Phnom Penh exchanges; 1.25 BTC held.") { id } }',
    {
      p: approveShare.packetId,
    },
  );
  say('kh-cnp', 'analyst drafted a reply to the freeze request');
  await cnp.liaison('mutation ($id: ID!) { approveShare(id: $id, comment: "OK") { packetId } }', {
    id: replyToPacket.id,
  });
  say('kh-cnp', 'liaison approved the reply');
  const reply = await waitFor('the reply at kr-knpa', async () => {
    const { caseReplies } = await knpa.analyst<{ caseReplies: { originNode: string; content: { text: string } }[] }>(
      'query ($c: ID!) { caseReplies(caseId: $c) { originNode content } }',
      { c: createCase.id },
    );
    return caseReplies[0];
  });
  say('kr-knpa', `reply from ${reply.originNode} threaded to case ${reference}: "${reply.content.text}"`);

  process.stdout.write(
    '\n3. A watchlist entry, signed by its origin, reaching partners directly and through the hub\n',
  );
  const hub = await session('asean-hub', 'analyst');
  const gdce = await session('kh-gdce', 'analyst');
  const wallet = `0x${[...Array(40)].map(() => Math.floor(Math.random() * 16).toString(16)).join('')}`;
  const { addWatchlistEntry } = await knpa.analyst<{ addWatchlistEntry: { entryId: string; value: string } }>(
    'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId value } }',
    {
      input: {
        identifierType: 'WALLET_EVM',
        value: wallet,
        reason: 'Collection wallet of the compound; laundering through OTC desks',
        offenceCategory: 'MONEY_LAUNDERING',
        severity: 'HIGH',
        caseReference: reference,
        validUntil: new Date(Date.now() + 180 * 86_400_000).toISOString(),
      },
    },
  );
  say('kr-knpa', `analyst listed ${addWatchlistEntry.value} (MONEY_LAUNDERING), signed by kr-knpa`);
  for (const [nodeId, gql] of [
    ['asean-hub', hub],
    ['kh-gdce', gdce],
  ] as const) {
    const entry = await waitFor(`the entry at ${nodeId}`, async () => {
      const { watchlist } = await gql<{
        watchlist: { entries: { entryId: string; origin: string; receivedFrom: string }[] };
      }>(
        'query ($f: WatchlistFilter) { watchlist(filter: $f, first: 10) { entries { entryId origin receivedFrom } } }',
        { f: { origin: 'kr-knpa', identifierType: 'WALLET_EVM', value: wallet } },
      );
      return watchlist.entries.find((e) => e.entryId === addWatchlistEntry.entryId);
    });
    say(
      nodeId,
      `holds the entry from origin ${entry.origin}, delivered by ${entry.receivedFrom}; kr-knpa's signature verified against its certificate`,
    );
  }

  await exchangeStory();

  process.stdout.write('\nDone.\n');
}

/** Runs the scenario on the running federation, or on one started (and stopped) for it. */
async function withFederation(scenario: () => Promise<void>): Promise<void> {
  const configs = EXAMPLE_NODE_IDS.map(exampleConfig);
  const serving = await Promise.all(configs.map(isServing));
  if (serving.every(Boolean)) return scenario();
  if (serving.some(Boolean)) {
    const up = configs.filter((_, i) => serving[i]).map((c) => c.id);
    const down = configs.filter((_, i) => !serving[i]).map((c) => c.id);
    throw new Error(
      `${up.join(', ')} run${up.length === 1 ? 's' : ''} but ${down.join(', ')} do${down.length === 1 ? 'es' : ''} not: ` +
        'stop the nodes that run (Ctrl-C where they run) and run npm run demo again, or run npm run federation',
    );
  }
  process.stdout.write('No example federation is running: starting one for the demo (it stops when the demo ends).\n');
  const federation = new ExampleFederation((text) => process.stdout.write(text));
  const interrupted = () => void federation.stop().then(() => process.exit(130));
  process.on('SIGINT', interrupted);
  process.on('SIGTERM', interrupted);
  try {
    await Promise.race([
      federation.start().then(scenario),
      federation.unexpectedExit.then((id) => Promise.reject(new Error(`${id} stopped during the demo`))),
    ]);
  } finally {
    process.stdout.write('stopping the federation the demo started…\n');
    await federation.stop();
  }
}

withFederation(main).then(
  () => process.exit(0),
  (error: unknown) => {
    process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
