import pg from 'pg';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { DataPartner } from './support/data-partner.js';

/**
 * Issue #14 item 4: a revocation tells a partner nothing it was not sent while the entry was live.
 * kr-knpa runs as a real node process; the test is kh-cnp, pulling kr-knpa's watchlist feed over
 * mutual TLS with its real certificate, as kh-cnp's sync does, while kr-knpa's officers list, revoke
 * and change the policy through GraphQL.
 *
 * kr-knpa's own pushes to kh-cnp are held off (no process answers for kh-cnp here): the only pages
 * served to kh-cnp are the ones the test pulls, so "served live" is exactly what the test saw.
 */
const TEST_TIMEOUT_MS = 300_000;
const POLICY = `query { partnerPolicy(partnerId: "kh-cnp") { outbound { offenceCategories purposes tlpCeiling
  dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode
  watchlistCategories } inbound { offenceCategories tlpCeiling maxRetentionDays acceptRelayed } } }`;
const SET_POLICY = `mutation ($policy: PartnerPolicyInput!) { setPartnerPolicy(partnerId: "kh-cnp", policy: $policy) { version } }`;
const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }`;
const REVOKE = `mutation ($id: ID!) { revokeWatchlistEntry(entryId: $id, reason: "Listed in error: a victim's wallet") { revoked } }`;

interface Outbound {
  watchlistCategories: string[];
  [field: string]: unknown;
}

describe('security: tombstones reveal nothing new (#14 item 4)', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp'], { watchlistPushIntervalMs: 3_600_000 });
  let cnp: DataPartner;
  const tokens: Record<string, string> = {};

  async function ok<T>(query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const response = await federation.graphql<T>('kr-knpa', query, variables, token);
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  async function setWatchlistCategories(categories: string[]): Promise<void> {
    const { partnerPolicy } = await ok<{ partnerPolicy: { outbound: Outbound; inbound: unknown } }>(
      POLICY,
      {},
      tokens.admin,
    );
    const outbound = { ...partnerPolicy.outbound, watchlistCategories: categories };
    await ok(SET_POLICY, { policy: { outbound, inbound: partnerPolicy.inbound } }, tokens.admin);
  }

  async function add(value: string, offenceCategory: string, caseReference: string): Promise<string> {
    const input = {
      identifierType: 'WALLET_EVM',
      value,
      reason: 'Laundering wallet of a scam compound',
      offenceCategory,
      severity: 'HIGH',
      caseReference,
      validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
    };
    return (await ok<{ addWatchlistEntry: { entryId: string } }>(ADD, { input }, tokens.analyst)).addWatchlistEntry
      .entryId;
  }

  beforeAll(async () => {
    await federation.prepare();
    await federation.start('kr-knpa');
    const knpa = { id: 'kr-knpa', federationPort: federation.slot('kr-knpa').federationPort };
    cnp = await DataPartner.load(federation.root, 'kh-cnp', federation.nodeIds, knpa);
    tokens.admin = await federation.token('kr-knpa', 'sec-admin', [Role.ADMIN]);
    tokens.analyst = await federation.token('kr-knpa', 'sec-analyst', [Role.ANALYST]);
  }, 180_000);
  afterAll(() => federation.stopAll());

  it(
    'after a policy was widened and narrowed, a partner gets tombstones only of entries it was served live',
    async () => {
      // kr-knpa gives kh-cnp watchlist entries of ONLINE_SCAM and DRUG_TRAFFICKING (config/policies/kr-knpa.yaml).
      const start = (await cnp.pullFeed('0')).cursor;
      // Listed before the widening: the change feed never serves it to kh-cnp (its change is behind the cursor).
      const before = await add('0x1111111111111111111111111111111111111111', 'MONEY_LAUNDERING', 'KNPA-SECRET-0001');
      const first = await cnp.pullFeed(start);
      expect(first.raw).not.toContain(before);

      await setWatchlistCategories(['ONLINE_SCAM', 'DRUG_TRAFFICKING', 'MONEY_LAUNDERING']);
      // Listed while widened and pulled by kh-cnp: it holds this one.
      const held = await add('0x2222222222222222222222222222222222222222', 'MONEY_LAUNDERING', 'KNPA-HELD-0002');
      const second = await cnp.pullFeed(first.cursor);
      expect(second.items.map((item) => [item.entry.entryId, item.entry.revoked])).toEqual([[held, false]]);
      // Listed while widened, but the policy narrows again before kh-cnp pulls.
      const during = await add('0x3333333333333333333333333333333333333333', 'MONEY_LAUNDERING', 'KNPA-SECRET-0003');
      await setWatchlistCategories(['ONLINE_SCAM', 'DRUG_TRAFFICKING']);

      for (const id of [before, held, during]) await ok(REVOKE, { id }, tokens.analyst);
      const after = await cnp.pullFeed(second.cursor);
      // The revocation of what kh-cnp held reaches it; nothing of the two entries it never held does.
      expect(after.items.map((item) => [item.entry.entryId, item.entry.revoked])).toEqual([[held, true]]);
      for (const secret of [before, during, '0x1111', '0x3333', 'KNPA-SECRET-0001', 'KNPA-SECRET-0003'])
        expect(after.raw).not.toContain(secret);

      // Pulling the whole feed again from the start tells it no more.
      const replay = await cnp.pullFeed('0');
      expect(replay.raw).not.toMatch(/KNPA-SECRET|0x1111|0x3333/);
      expect(replay.items.find((item) => item.entry.entryId === held)?.entry.revoked).toBe(true);
      const [{ served }] = await federation.sql<{ served: string[] }>(
        'kr-knpa',
        "SELECT array_agg(entry_id::text ORDER BY entry_id) AS served FROM watchlist_sent_live WHERE partner_id = 'kh-cnp'",
      );
      expect(served).toEqual([held]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'a revocation racing a page: the partner still gets the tombstone of an entry it is being served',
    async () => {
      const start = (await cnp.pullFeed('0')).cursor;
      const raced = await add('0x4444444444444444444444444444444444444444', 'ONLINE_SCAM', 'KNPA-RACE-0004');
      // Hold the record of served entries back, so that one page is read and waits to record what it serves.
      const blocker = new pg.Client({ connectionString: federation.slot('kr-knpa').databaseUrl });
      await blocker.connect();
      try {
        await blocker.query('BEGIN');
        await blocker.query('LOCK TABLE watchlist_sent_live IN EXCLUSIVE MODE');
        const serving = cnp.pullFeed(start);
        // Polled from another session: a transaction sees pg_stat_activity as of its first look.
        await eventually('the first page waiting to record what it serves', async () => {
          const waiting = await federation.sql(
            'kr-knpa',
            "SELECT 1 FROM pg_stat_activity WHERE wait_event_type = 'Lock' AND query LIKE 'INSERT INTO watchlist_sent_live%'",
          );
          return waiting.length > 0 ? true : undefined;
        });
        // Meanwhile the entry is revoked and a second page (a push beside the pull) is read: it cannot see
        // the record yet, so it withholds the tombstone, and its cursor moves past it.
        await ok(REVOKE, { id: raced }, tokens.analyst);
        const beside = await cnp.pullFeed(start);
        expect(beside.raw).not.toContain(raced);
        await blocker.query('COMMIT');
        // The first page carries the live version and the tombstone written while it was read.
        const served = await serving;
        expect(served.items.map((item) => [item.entry.entryId, item.entry.revoked])).toEqual([
          [raced, false],
          [raced, true],
        ]);
      } finally {
        await blocker.query('ROLLBACK').catch(() => undefined);
        await blocker.end();
      }
    },
    TEST_TIMEOUT_MS,
  );
});
