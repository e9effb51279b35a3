import { Role } from '../../src/kernel/vocabulary/role.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp'];
const LIMIT = 6;
const LISTED = '0x52908400098527886E0F7030069857D2E4169EE7';
const HIDDEN = '0x8617E340B3D01FA5F11F306F4090FD50E238070D';
const UNLISTED = 'bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4';
const ADD = 'mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }';
const CHECK = `query ($p: String!, $ids: [IdentifierInput!]!) { partnerHitCheck(partnerId: $p, identifiers: $ids) { type value hit reference } }`;

interface HitCheckResult {
  type: string;
  value: string;
  hit: boolean;
  reference: string | null;
}

/** Two nodes over real mutual TLS: kr-knpa asks, kh-cnp serves its watchlist blinded. */
describe('blinded hit/no-hit (OPRF) between partners', () => {
  const federation = new TestFederation('hitcheck', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  const tokens: Record<string, string> = {};
  const entries: Record<string, string> = {};

  const config = { country: 'KR', federation: { host: '127.0.0.1', port: 0, requestTimeoutSeconds: 5 } };

  async function addEntry(value: string, offenceCategory: string): Promise<string> {
    const input = {
      identifierType: 'WALLET_EVM',
      value,
      reason: 'Laundering wallet of a scam compound',
      offenceCategory,
      severity: 'HIGH',
      validUntil: new Date(Date.now() + 90 * 86400_000).toISOString(),
    };
    const response = await cnp.graphql<{ addWatchlistEntry: { entryId: string } }>(ADD, { input }, tokens.cnp);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data.addWatchlistEntry.entryId;
  }

  beforeAll(async () => {
    [cnp, knpa] = await federation.start(
      {
        id: 'kh-cnp',
        database: 'hitcheck_cnp',
        config: {
          ...config,
          policies: { file: 'config/policies/kh-cnp.yaml' },
          hitCheck: { evaluationsPerHour: LIMIT },
        },
      },
      { id: 'kr-knpa', database: 'hitcheck_knpa', config, linkTo: ['kh-cnp'] },
    );
    tokens.cnp = await cnp.officerToken('hc-cnp-analyst', [Role.ANALYST]);
    tokens.knpa = await knpa.officerToken('hc-knpa-analyst', [Role.ANALYST]);
    entries.listed = await addEntry(LISTED, 'ONLINE_SCAM');
    // MONEY_LAUNDERING is not among the watchlistCategories kh-cnp's policy gives kr-knpa.
    entries.hidden = await addEntry(HIDDEN, 'MONEY_LAUNDERING');
  });
  afterAll(() => federation.stop());

  it('a listed wallet (in another spelling) is a hit with an opaque reference; an unlisted one is a miss', async () => {
    const response = await knpa.graphql<{ partnerHitCheck: HitCheckResult[] }>(
      CHECK,
      {
        p: 'kh-cnp',
        ids: [
          { type: 'WALLET_EVM', value: LISTED.toLowerCase() },
          { type: 'WALLET_BTC', value: UNLISTED.toUpperCase() },
        ],
      },
      tokens.knpa,
    );
    expect(response.errors).toBeUndefined();
    const [listed, unlisted] = response.data!.partnerHitCheck;
    expect(listed).toMatchObject({ type: 'WALLET_EVM', value: LISTED, hit: true });
    expect(listed.reference).toMatch(/^hc_[A-Za-z0-9_-]{22}$/);
    expect(listed.reference).not.toContain(entries.listed);
    expect(unlisted).toEqual({ type: 'WALLET_BTC', value: UNLISTED, hit: false, reference: null });

    // Only the serving node can turn the reference into its entry (for the share that follows).
    const resolved = await cnp.graphql<{ hitCheckReference: { partnerId: string; entryId: string } }>(
      'query ($r: String!) { hitCheckReference(reference: $r) { partnerId entryId } }',
      { r: listed.reference },
      tokens.cnp,
    );
    expect(resolved.data!.hitCheckReference).toEqual({ partnerId: 'kr-knpa', entryId: entries.listed });

    // A second check gives the same reference (stable per partner and entry).
    const again = await knpa.graphql<{ partnerHitCheck: HitCheckResult[] }>(
      CHECK,
      { p: 'kh-cnp', ids: [{ type: 'WALLET_EVM', value: LISTED }] },
      tokens.knpa,
    );
    expect(again.data!.partnerHitCheck[0].reference).toBe(listed.reference);
  });

  it('an entry outside the categories the policy gives the partner is not in its set: a miss', async () => {
    const response = await knpa.graphql<{ partnerHitCheck: HitCheckResult[] }>(
      CHECK,
      { p: 'kh-cnp', ids: [{ type: 'WALLET_EVM', value: HIDDEN }] },
      tokens.knpa,
    );
    expect(response.data!.partnerHitCheck).toEqual([
      { type: 'WALLET_EVM', value: HIDDEN, hit: false, reference: null },
    ]);
  });

  it('the serving node never receives the plain identifier: not in its log, not in its database; each call is audited', async () => {
    const needles = [UNLISTED, UNLISTED.toUpperCase()];
    for (const line of cnp.logLines) for (const needle of needles) expect(line).not.toContain(needle);
    const tables = await sql<{ table_name: string }>(
      cnp.databaseUrl,
      "SELECT table_name FROM information_schema.tables WHERE table_schema = 'public' AND table_type = 'BASE TABLE'",
    );
    expect(tables.length).toBeGreaterThan(5);
    for (const { table_name } of tables) {
      const [row] = await sql<{ n: number }>(
        cnp.databaseUrl,
        `SELECT count(*)::int AS n FROM "${table_name}" t WHERE t::text ILIKE '%' || $1 || '%'`,
        [UNLISTED],
      );
      expect({ table: table_name, n: row.n }).toEqual({ table: table_name, n: 0 });
    }
    const audited = cnp.logLines
      .map((line) => JSON.parse(line) as Record<string, unknown>)
      .filter((entry) => entry.event === 'hitcheck.evaluated');
    expect(audited.map((entry) => [entry.partnerId, entry.count])).toEqual([
      ['kr-knpa', 2],
      ['kr-knpa', 1],
      ['kr-knpa', 1],
    ]);
    expect(await sql(cnp.databaseUrl, 'SELECT partner_id, count FROM hit_check_evaluation ORDER BY id')).toEqual([
      { partner_id: 'kr-knpa', count: 2 },
      { partner_id: 'kr-knpa', count: 1 },
      { partner_id: 'kr-knpa', count: 1 },
    ]);
  });

  it('refuses with a clear error past the hourly evaluation limit', async () => {
    // 4 used of 6: three more distinct identifiers would make 7.
    const ids = [
      '0xde709f2102306220921060314715629080e2fb77',
      '0x27b1fdb04752bbc536007a920d24acb045561c26',
      '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
    ].map((value) => ({
      type: 'WALLET_EVM',
      value,
    }));
    const refused = await knpa.graphql(CHECK, { p: 'kh-cnp', ids }, tokens.knpa);
    expect(refused.errors?.[0].extensions?.code).toBe('RATE_LIMITED');
    expect(refused.errors?.[0].message).toMatch(
      /kh-cnp refused the hit-check: hit-check limit reached: 6 evaluations per hour for kr-knpa, 4 used, 3 asked/,
    );
    expect(cnp.logLines.some((line) => line.includes('"event":"hitcheck.rate_limited"'))).toBe(true);
    // Within the budget it still answers.
    const allowed = await knpa.graphql<{ partnerHitCheck: HitCheckResult[] }>(
      CHECK,
      { p: 'kh-cnp', ids: ids.slice(0, 2) },
      tokens.knpa,
    );
    expect(allowed.data!.partnerHitCheck.map((r) => r.hit)).toEqual([false, false]);
  });
});
