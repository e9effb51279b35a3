import { createHash, randomBytes } from 'node:crypto';
import fc from 'fast-check';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { loadPolicyFile } from '../../src/policy/policy-file.js';
import { eventually, FederationHarness } from './support/federation-harness.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];
const CATEGORIES = ['ONLINE_SCAM', 'DRUG_TRAFFICKING', 'MONEY_LAUNDERING', 'CYBERCRIME'] as const;
const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId origin version } }`;
const UPDATE = `mutation ($id: ID!, $input: WatchlistEntryInput!) { updateWatchlistEntry(entryId: $id, input: $input) { entryId version } }`;
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeWatchlistEntry(entryId: $id, reason: $reason) { entryId version revoked } }`;

interface Held {
  entry_id: string;
  origin: string;
  version: number;
  revoked: boolean;
  offence_category: string;
}

function validUntil(days = 90): string {
  return new Date(Date.now() + days * 86_400_000).toISOString();
}

function randomWallet(): string {
  return `0x${randomBytes(20).toString('hex')}`;
}

/**
 * What a node should hold once sync is quiet: its own entries, and every other origin's entries whose
 * category that origin's policy sends it and its inbound policy accepts; tombstones only of entries some
 * node served it live (`servedLive`: "origin/entryId>node" from every node's watchlist_sent_live), so a
 * revocation reaches every node that held the entry and tells no other node anything.
 */
function expectedAt(node: string, all: Held[], servedLive: ReadonlySet<string>): string[] {
  const inbound = loadPolicyFile(`config/policies/${node}.yaml`).inbound;
  return all
    .filter((entry) => {
      if (entry.origin === node) return true;
      if (entry.revoked && !servedLive.has(`${entry.origin}/${entry.entry_id}>${node}`)) return false;
      const sends = loadPolicyFile(`config/policies/${entry.origin}.yaml`).outbound[node]?.watchlistCategories ?? [];
      const accepts = inbound[entry.origin]?.offenceCategories ?? [];
      return (
        (sends as string[]).includes(entry.offence_category) && (accepts as string[]).includes(entry.offence_category)
      );
    })
    .map((entry) => `${entry.origin}/${entry.entry_id}/v${entry.version}/${entry.revoked ? 'revoked' : 'live'}`)
    .sort();
}

function digest(lines: string[]): string {
  return createHash('sha256').update(lines.join('\n')).digest('hex').slice(0, 16);
}

describe('federation of node processes: watchlist sync', () => {
  const federation = new FederationHarness(NODES);
  const tokens: Record<string, string> = {};

  async function held(node: string): Promise<Held[]> {
    return federation.sql<Held>(
      node,
      'SELECT entry_id, origin, version, revoked, offence_category FROM watchlist_entry',
    );
  }

  async function origins(): Promise<Held[]> {
    const rows = await Promise.all(
      NODES.map(async (node) => (await held(node)).filter((entry) => entry.origin === node)),
    );
    return rows.flat();
  }

  async function add(node: string, category: string, value = randomWallet()): Promise<string> {
    const response = await federation.graphql<{ addWatchlistEntry: { entryId: string } }>(
      node,
      ADD,
      {
        input: {
          identifierType: 'WALLET_EVM',
          value,
          reason: 'scam collection wallet',
          offenceCategory: category,
          severity: 'HIGH',
          validUntil: validUntil(),
        },
      },
      tokens[node],
    );
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.addWatchlistEntry.entryId;
  }

  beforeAll(async () => {
    await federation.prepare();
    await federation.startAll();
    for (const node of NODES) tokens[node] = await federation.token(node, `wl-analyst-${node}`, [Role.ANALYST]);
  }, 180_000);
  afterAll(() => federation.stopAll());

  it('an entry flows kr-knpa → asean-hub → kh-cnp with the origin signature verified, while kr-knpa and kh-cnp cannot talk', async () => {
    federation.partition('kr-knpa', 'kh-cnp');
    const entryId = await add('kr-knpa', 'ONLINE_SCAM');
    const atCnp = await eventually(
      'the relayed entry at kh-cnp',
      async () => {
        const response = await federation.graphql<{
          watchlist: { entries: { entryId: string; origin: string; receivedFrom: string }[] };
        }>('kh-cnp', '{ watchlist(first: 100) { entries { entryId origin receivedFrom } } }', {}, tokens['kh-cnp']);
        return response.data?.watchlist.entries.find((e) => e.entryId === entryId);
      },
      30_000,
      () => federation.logs(),
    );
    expect(atCnp).toEqual({ entryId, origin: 'kr-knpa', receivedFrom: 'asean-hub' });
    const [row] = await federation.sql<{ signature: string }>(
      'kh-cnp',
      'SELECT signature FROM watchlist_entry WHERE entry_id = $1',
      [entryId],
    );
    const [atOrigin] = await federation.sql<{ signature: string }>(
      'kr-knpa',
      'SELECT signature FROM watchlist_entry WHERE entry_id = $1',
      [entryId],
    );
    expect(row.signature).toBe(atOrigin.signature);
    const refused = await federation.graphql('kh-cnp', REVOKE, { id: entryId, reason: 'not mine' }, tokens['kh-cnp']);
    expect(refused.errors?.[0].extensions?.code).toBe('FORBIDDEN');
    federation.heal('kr-knpa', 'kh-cnp');
  });

  it('random adds, updates and revocations on all three nodes across a partition converge after healing (digests)', async () => {
    const seed = Number(process.env.FC_SEED ?? Date.now() % 2 ** 31);
    process.stdout.write(`watchlist partition: fast-check seed ${seed}\n`);
    const operations = fc.sample(
      fc.record({
        node: fc.constantFrom(...NODES),
        kind: fc.constantFrom('add', 'add', 'update', 'revoke'),
        category: fc.constantFrom(...CATEGORIES),
      }),
      { numRuns: 40, seed },
    );
    federation.partition('kr-knpa', 'asean-hub');
    federation.partition('kr-knpa', 'kh-cnp');
    const own: Record<string, string[]> = { 'kr-knpa': [], 'kh-cnp': [], 'asean-hub': [] };
    const categories = new Map<string, string>();
    const counts = { add: 0, update: 0, revoke: 0 };
    for (const [index, op] of operations.entries()) {
      if (index === 20) federation.heal('kr-knpa', 'asean-hub');
      const mine = own[op.node];
      if (op.kind === 'add' || mine.length === 0) {
        const id = await add(op.node, op.category);
        mine.push(id);
        categories.set(id, op.category);
        counts.add += 1;
      } else if (op.kind === 'update') {
        const id = mine[Math.floor(Math.random() * mine.length)];
        const input = {
          identifierType: 'WALLET_EVM',
          value: '',
          reason: `updated ${index}`,
          offenceCategory: categories.get(id),
          severity: 'CRITICAL',
          validUntil: validUntil(120),
        };
        const [current] = await federation.sql<{ value: string }>(
          op.node,
          'SELECT value FROM watchlist_entry WHERE entry_id = $1',
          [id],
        );
        const response = await federation.graphql(
          op.node,
          UPDATE,
          { id, input: { ...input, value: current.value } },
          tokens[op.node],
        );
        if (response.errors) continue; // updating a revoked entry is refused: a tombstone is final
        counts.update += 1;
      } else {
        const id = mine.splice(Math.floor(Math.random() * mine.length), 1)[0];
        await federation.graphql(op.node, REVOKE, { id, reason: 'closed' }, tokens[op.node]);
        counts.revoke += 1;
      }
    }
    federation.heal('kr-knpa', 'kh-cnp');
    const report = await eventually(
      'convergence',
      async () => {
        const all = await origins();
        const servedLive = new Set<string>();
        for (const node of NODES) {
          const served = await federation.sql<{ key: string }>(
            node,
            "SELECT origin || '/' || entry_id || '>' || partner_id AS key FROM watchlist_sent_live",
          );
          for (const { key } of served) servedLive.add(key);
        }
        const result: Record<string, { held: string; expected: string; entries: number }> = {};
        for (const node of NODES) {
          const holding = (await held(node))
            .map((e) => `${e.origin}/${e.entry_id}/v${e.version}/${e.revoked ? 'revoked' : 'live'}`)
            .sort();
          const expected = expectedAt(node, all, servedLive);
          result[node] = { held: digest(holding), expected: digest(expected), entries: holding.length };
        }
        return NODES.every((node) => result[node].held === result[node].expected) ? result : undefined;
      },
      60_000,
      () => federation.logs(),
    );
    process.stdout.write(
      `watchlist partition: operations ${JSON.stringify(counts)}, digests ${JSON.stringify(report)}\n`,
    );
    for (const node of NODES) expect(report[node].held).toBe(report[node].expected);
  });
});
