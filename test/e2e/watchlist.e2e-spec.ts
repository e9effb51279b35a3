import { readFile } from 'node:fs/promises';
import * as path from 'node:path';
import pg from 'pg';
import type { AuthenticatedOfficer } from '../../src/common/auth/authenticated-officer.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import type { WatchlistEntryChange } from '../../src/watchlist/watchlist-input.js';
import type { WatchlistFeedItem, WatchlistFeedPage } from '../../src/watchlist/watchlist-sync.service.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp', 'asean-hub'];
const DAY_MS = 24 * 3600 * 1000;
const FIELDS =
  'entryId origin version identifierType value reason offenceCategory severity caseReference validUntil revoked expired updatedAt receivedFrom changedBy changeSeq';
const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { ${FIELDS} } }`;
const UPDATE = `mutation ($id: ID!, $input: WatchlistEntryInput!) { updateWatchlistEntry(entryId: $id, input: $input) { ${FIELDS} } }`;
const REVOKE = `mutation ($id: ID!, $reason: String!) { revokeWatchlistEntry(entryId: $id, reason: $reason) { ${FIELDS} } }`;
const LIST = `query ($filter: WatchlistFilter, $first: Int, $after: String) { watchlist(filter: $filter, first: $first, after: $after) { entries { ${FIELDS} } endCursor hasMore } }`;

interface Entry {
  entryId: string;
  origin: string;
  version: number;
  value: string;
  offenceCategory: string;
  severity: string;
  revoked: boolean;
  expired: boolean;
  receivedFrom: string | null;
  changedBy: string | null;
  changeSeq: string;
  reason: string;
  validUntil: string;
}

function inDays(days: number): string {
  return new Date(Date.now() + days * DAY_MS).toISOString();
}

function input(overrides: Partial<WatchlistEntryChange> = {}): WatchlistEntryChange {
  return {
    identifierType: 'TELEGRAM',
    value: '@Scam_Recruiter_KH',
    reason: 'Recruiter for a scam compound in Sihanoukville',
    offenceCategory: 'ONLINE_SCAM',
    severity: 'HIGH',
    caseReference: 'KNPA-2026-0042',
    validUntil: inDays(180),
    ...overrides,
  };
}

/** Pulls a partner's whole feed from `after`, page by page. */
async function pullAll(
  node: TestNode,
  partnerId: string,
  after: string,
  limit = 100,
  protocol: 1 | 2 = 2,
): Promise<{ items: WatchlistFeedItem[]; cursor: string; pages: number }> {
  const items: WatchlistFeedItem[] = [];
  let cursor = after;
  let pages = 0;
  let page: WatchlistFeedPage;
  do {
    // Protocol 2 unless asked, as two nodes of this version speak it: own entries carry their relay grants.
    page = await node.app().get(WatchlistService).changesFor(partnerId, cursor, limit, {}, protocol);
    items.push(...page.items);
    cursor = page.nextCursor;
    pages += 1;
  } while (page.hasMore);
  return { items, cursor, pages };
}

describe('watchlist: signed entries, change feed and ingest between nodes', () => {
  const federation = new TestFederation('watchlist', NODES);
  let knpa: TestNode;
  let cnp: TestNode;
  let hub: TestNode;
  const tokens: Record<string, string> = {};
  const ids: Record<string, string> = {};
  const seeder: AuthenticatedOfficer = {
    id: '00000000-0000-0000-0000-000000000000',
    username: 'seed-analyst',
    roles: [Role.ANALYST],
  };

  async function gql<T>(node: TestNode, query: string, variables: Record<string, unknown>, token: string): Promise<T> {
    const response = await node.graphql<T>(query, variables, token);
    if (!response.data || response.errors) throw new Error(JSON.stringify(response.errors));
    return response.data;
  }

  async function list(node: TestNode, token: string, filter: Record<string, unknown> = {}): Promise<Entry[]> {
    return (await gql<{ watchlist: { entries: Entry[] } }>(node, LIST, { filter, first: 500 }, token)).watchlist
      .entries;
  }

  beforeAll(async () => {
    [knpa, cnp, hub] = await federation.startTogether(
      { id: 'kr-knpa', database: 'watchlist_knpa' },
      { id: 'kh-cnp', database: 'watchlist_cnp' },
      { id: 'asean-hub', database: 'watchlist_hub' },
    );
    tokens.knpa = await knpa.officerToken('knpa-analyst', [Role.ANALYST]);
    tokens.knpaOfficer = await knpa.officerToken('knpa-officer', [Role.LIAISON_OFFICER]);
    tokens.cnp = await cnp.officerToken('cnp-analyst', [Role.ANALYST]);
  });
  afterAll(() => federation.stop());

  it('adds, updates and revokes entries of this node through GraphQL, each version signed and numbered', async () => {
    const added = (await gql<{ addWatchlistEntry: Entry }>(knpa, ADD, { input: input() }, tokens.knpa))
      .addWatchlistEntry;
    expect(added).toMatchObject({
      origin: 'kr-knpa',
      version: 1,
      value: '@scam_recruiter_kh',
      revoked: false,
      expired: false,
      receivedFrom: null,
      changedBy: 'knpa-analyst',
    });
    ids.scam = added.entryId;
    ids.drug = (
      await gql<{ addWatchlistEntry: Entry }>(
        knpa,
        ADD,
        {
          input: input({
            identifierType: 'WALLET_EVM',
            value: '0x52908400098527886e0f7030069857d2e4169ee7',
            offenceCategory: 'DRUG_TRAFFICKING',
            caseReference: null,
          }),
        },
        tokens.knpa,
      )
    ).addWatchlistEntry.entryId;
    ids.laundering = (
      await gql<{ addWatchlistEntry: Entry }>(
        knpa,
        ADD,
        {
          input: input({
            identifierType: 'EXCHANGE_ACCOUNT',
            value: 'binance:12345678',
            offenceCategory: 'MONEY_LAUNDERING',
          }),
        },
        tokens.knpa,
      )
    ).addWatchlistEntry.entryId;
    ids.trafficking = (
      await gql<{ addWatchlistEntry: Entry }>(
        knpa,
        ADD,
        { input: input({ identifierType: 'PHONE', value: '+855 12 345 678', offenceCategory: 'HUMAN_TRAFFICKING' }) },
        tokens.knpa,
      )
    ).addWatchlistEntry.entryId;
    ids.revoked = (
      await gql<{ addWatchlistEntry: Entry }>(knpa, ADD, { input: input({ value: '@recruiter_00123' }) }, tokens.knpa)
    ).addWatchlistEntry.entryId;

    const updated = (
      await gql<{ updateWatchlistEntry: Entry }>(
        knpa,
        UPDATE,
        { id: ids.scam, input: input({ severity: 'CRITICAL', validUntil: inDays(365) }) },
        tokens.knpa,
      )
    ).updateWatchlistEntry;
    expect(updated).toMatchObject({ entryId: ids.scam, version: 2, severity: 'CRITICAL' });
    expect(BigInt(updated.changeSeq)).toBeGreaterThan(BigInt(added.changeSeq));

    const [stored] = await sql<{ version: number; signature: string; change_seq: string }>(
      knpa.databaseUrl,
      'SELECT version, signature, change_seq FROM watchlist_entry WHERE entry_id = $1',
      [ids.scam],
    );
    expect(stored.version).toBe(2);
    expect(stored.signature).toMatch(/^[A-Za-z0-9_-]{86}$/);

    // The same identifier in another spelling is the same identifier.
    const duplicate = await knpa.graphql(ADD, { input: input({ value: ' @SCAM_recruiter_kh ' }) }, tokens.knpa);
    expect(duplicate.errors?.[0].extensions?.code).toBe('CONFLICT');
    // What decides who holds an entry cannot change; validUntil only moves later.
    const recategorised = await knpa.graphql(
      UPDATE,
      { id: ids.scam, input: input({ offenceCategory: 'CYBERCRIME' }) },
      tokens.knpa,
    );
    expect(recategorised.errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'input.offenceCategory',
    });
    const shortened = await knpa.graphql(
      UPDATE,
      { id: ids.scam, input: input({ validUntil: inDays(30) }) },
      tokens.knpa,
    );
    expect(shortened.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validUntil' });
    const invalid = await knpa.graphql(
      ADD,
      { input: input({ identifierType: 'WALLET_EVM', value: '0x1234' }) },
      tokens.knpa,
    );
    expect(invalid.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.value' });
    const past = await knpa.graphql(
      ADD,
      { input: input({ value: '@someone_else', validUntil: inDays(-1) }) },
      tokens.knpa,
    );
    expect(past.errors?.[0].extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.validUntil' });
    const notAnalyst = await knpa.graphql(ADD, { input: input({ value: '@someone_else' }) }, tokens.knpaOfficer);
    expect(notAnalyst.errors?.[0].extensions?.code).toBe('FORBIDDEN');

    // kh-cnp is served the entry live before it is revoked: a tombstone goes only to partners that held it.
    await pullAll(knpa, 'kh-cnp', '0');
    const revoked = (
      await gql<{ revokeWatchlistEntry: Entry }>(
        knpa,
        REVOKE,
        { id: ids.revoked, reason: 'Identified as a trafficking victim' },
        tokens.knpa,
      )
    ).revokeWatchlistEntry;
    expect(revoked).toMatchObject({ version: 2, revoked: true, reason: 'Identified as a trafficking victim' });
    expect(
      (await knpa.graphql(REVOKE, { id: ids.revoked, reason: 'again' }, tokens.knpa)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    expect(
      (await knpa.graphql(UPDATE, { id: ids.revoked, input: input({ value: '@recruiter_00123' }) }, tokens.knpa))
        .errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    const unknown = await knpa.graphql(
      REVOKE,
      { id: '01970000-0000-7000-8000-0000000000ff', reason: 'x' },
      tokens.knpa,
    );
    expect(unknown.errors?.[0].extensions?.code).toBe('NOT_FOUND');

    expect((await list(knpa, tokens.knpa)).map((e) => e.entryId).sort()).toEqual(
      [ids.scam, ids.drug, ids.laundering, ids.trafficking].sort(),
    );
    expect((await list(knpa, tokens.knpa, { includeRevoked: true })).map((e) => e.entryId)).toContain(ids.revoked);
    expect(
      (await list(knpa, tokens.knpa, { identifierType: 'TELEGRAM', value: '@SCAM_RECRUITER_kh' })).map(
        (e) => e.entryId,
      ),
    ).toEqual([ids.scam]);
    expect((await list(knpa, tokens.knpa, { offenceCategory: 'DRUG_TRAFFICKING' })).map((e) => e.entryId)).toEqual([
      ids.drug,
    ]);
  });

  it("feeds kh-cnp only the categories kr-knpa's policy allows, and kh-cnp stores them with their provenance", async () => {
    const { items } = await pullAll(knpa, 'kh-cnp', '0');
    // kr-knpa -> kh-cnp watchlistCategories: ONLINE_SCAM, DRUG_TRAFFICKING (config/policies/kr-knpa.yaml).
    expect(items.map((item) => item.entry.entryId).sort()).toEqual([ids.scam, ids.drug, ids.revoked].sort());
    expect(items.every((item) => item.origin === 'kr-knpa' && item.onwardTo.length === 0)).toBe(true);
    expect(items.find((item) => item.entry.entryId === ids.revoked)?.entry.revoked).toBe(true);

    const result = await cnp.app().get(WatchlistService).ingest(items, 'kr-knpa');
    expect(result).toMatchObject({ inserted: 3, updated: 0, ignored: 0, rejected: 0 });
    const held = await list(cnp, tokens.cnp, { origin: 'kr-knpa' });
    expect(held.map((e) => e.entryId).sort()).toEqual([ids.scam, ids.drug].sort());
    expect(held.find((e) => e.entryId === ids.scam)).toMatchObject({
      version: 2,
      severity: 'CRITICAL',
      receivedFrom: 'kr-knpa',
      changedBy: null,
    });
    expect(
      (await list(cnp, tokens.cnp, { includeRevoked: true })).find((e) => e.entryId === ids.revoked)?.revoked,
    ).toBe(true);
    expect(
      await sql(cnp.databaseUrl, 'SELECT 1 FROM watchlist_entry WHERE entry_id = ANY($1)', [
        [ids.laundering, ids.trafficking],
      ]),
    ).toHaveLength(0);

    // Redelivery changes nothing.
    expect(await cnp.app().get(WatchlistService).ingest(items, 'kr-knpa')).toMatchObject({
      inserted: 0,
      updated: 0,
      ignored: 3,
      reasons: { DUPLICATE: 3 },
    });
  });

  it('rejects tampered signatures, foreign certificates, relays it does not accept and its own entries', async () => {
    const { items } = await pullAll(knpa, 'kh-cnp', '0');
    const scam = items.find((item) => item.entry.entryId === ids.scam)!;
    const flipped = Buffer.from(scam.signature, 'base64url');
    flipped[5] ^= 1;
    const tampered = [
      { ...scam, signature: flipped.toString('base64url') },
      { ...scam, entry: { ...scam.entry, version: 9, severity: 'LOW' } },
      { ...scam, origin: 'asean-hub', entry: { ...scam.entry, origin: 'asean-hub' } },
      { ...scam, originCertificate: '-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n' },
      { ...scam, entry: { ...scam.entry, value: '@Scam_Recruiter_KH' } },
      { nonsense: true },
    ];
    const result = await cnp.app().get(WatchlistService).ingest(tampered, 'kr-knpa');
    expect(result).toMatchObject({ inserted: 0, updated: 0, rejected: tampered.length });
    expect(result.problems.map((p) => p.reason)).toEqual([
      'BAD_SIGNATURE',
      'BAD_SIGNATURE',
      'RELAY_NOT_ACCEPTED',
      expect.stringMatching(/CERTIFICATE/),
      'INVALID_IDENTIFIER',
      'INVALID',
    ]);
    // The certificate of another node cannot vouch for kr-knpa's entry.
    const hubPem = await readFile(path.join(federation.pkiDir, 'asean-hub', 'tls', 'node.crt'), 'utf8');
    const foreign = await cnp
      .app()
      .get(WatchlistService)
      .ingest([{ ...scam, originCertificate: hubPem }], 'kr-knpa');
    expect(foreign).toMatchObject({
      rejected: 1,
      problems: [{ reason: 'UNTRUSTED_CERTIFICATE', detail: expect.stringContaining('expected "kr-knpa"') }],
    });
    // Unknown senders and our own entries coming back are refused.
    expect((await cnp.app().get(WatchlistService).ingest([scam], 'kr-kcs')).problems[0].reason).toBe('UNKNOWN_SENDER');
    expect((await knpa.app().get(WatchlistService).ingest([scam], 'kh-cnp')).problems[0].reason).toBe('OWN_ENTRY');
    const [held] = await sql<{ version: number; severity: string }>(
      cnp.databaseUrl,
      'SELECT version, severity FROM watchlist_entry WHERE entry_id = $1',
      [ids.scam],
    );
    expect(held).toEqual({ version: 2, severity: 'CRITICAL' });
  });

  it("does not let kh-cnp change kr-knpa's entry", async () => {
    const update = await cnp.graphql<{ updateWatchlistEntry: Entry }>(
      UPDATE,
      { id: ids.scam, input: input({ severity: 'LOW' }) },
      tokens.cnp,
    );
    expect(update.errors?.[0]).toMatchObject({
      message: 'only the origin node kr-knpa may change this entry',
      extensions: { code: 'FORBIDDEN' },
    });
    const revoke = await cnp.graphql(REVOKE, { id: ids.scam, reason: 'not ours to revoke' }, tokens.cnp);
    expect(revoke.errors?.[0]).toMatchObject({
      message: 'only the origin node kr-knpa may change this entry',
      extensions: { code: 'FORBIDDEN' },
    });
    const [held] = await sql<{ version: number }>(
      cnp.databaseUrl,
      'SELECT version FROM watchlist_entry WHERE entry_id = $1',
      [ids.scam],
    );
    expect(held.version).toBe(2);
  });

  it('delivers a revocation as a signed tombstone that no older version undoes', async () => {
    const before = await pullAll(knpa, 'kh-cnp', '0');
    const oldScam = before.items.find((item) => item.entry.entryId === ids.scam)!;
    await gql(knpa, REVOKE, { id: ids.scam, reason: 'Account closed by Telegram' }, tokens.knpa);
    const { items } = await pullAll(knpa, 'kh-cnp', before.cursor);
    expect(items.map((item) => [item.entry.entryId, item.entry.version, item.entry.revoked])).toEqual([
      [ids.scam, 3, true],
    ]);
    expect(await cnp.app().get(WatchlistService).ingest(items, 'kr-knpa')).toMatchObject({
      updated: 1,
      reasons: { REVOKED: 1 },
    });
    expect((await list(cnp, tokens.cnp)).map((e) => e.entryId)).not.toContain(ids.scam);
    expect((await list(cnp, tokens.cnp, { includeRevoked: true })).find((e) => e.entryId === ids.scam)).toMatchObject({
      revoked: true,
      version: 3,
      reason: 'Account closed by Telegram',
    });
    expect(await cnp.app().get(WatchlistService).ingest([oldScam], 'kr-knpa')).toMatchObject({
      ignored: 1,
      reasons: { TOMBSTONE_FINAL: 1 },
    });
  });

  it('relays through the hub with the origin signature intact, only where the origin allowed it', async () => {
    const service = knpa.app().get(WatchlistService);
    const relayedScam = await service.add(input({ value: '@relay_only_recruiter' }), seeder);
    const relayedLaundering = await service.add(
      input({ identifierType: 'EXCHANGE_ACCOUNT', value: 'okx:998877', offenceCategory: 'MONEY_LAUNDERING' }),
      seeder,
    );

    // kr-knpa -> asean-hub: ONLINE_SCAM, MONEY_LAUNDERING, CYBERCRIME; the hub may relay to kh-cnp and kh-gdce,
    // but only what kr-knpa itself gives them (kh-cnp: scam and drugs; kh-gdce: drugs and laundering).
    const toHub = await pullAll(knpa, 'asean-hub', '0');
    const grant = Object.fromEntries(toHub.items.map((item) => [item.entry.entryId, item.onwardTo]));
    expect(grant[relayedScam.entryId]).toEqual(['kh-cnp']);
    expect(grant[relayedLaundering.entryId]).toEqual(['kh-gdce']);
    // A hub that speaks only protocol 1 is given no grant, so it can relay nothing (PROTOCOL.md §15).
    const toOldHub = (await pullAll(knpa, 'asean-hub', '0', 100, 1)).items.filter((item) =>
      [relayedScam.entryId, relayedLaundering.entryId].includes(item.entry.entryId),
    );
    expect(toOldHub.map((item) => [item.onwardTo, item.grant])).toEqual([
      [[], undefined],
      [[], undefined],
    ]);
    expect(await hub.app().get(WatchlistService).ingest(toHub.items, 'kr-knpa')).toMatchObject({ rejected: 0 });

    const fromHub = await pullAll(hub, 'kh-cnp', '0');
    const relayed = fromHub.items.filter((item) => item.origin === 'kr-knpa');
    expect(relayed.map((item) => item.entry.entryId)).toContain(relayedScam.entryId);
    expect(relayed.map((item) => item.entry.entryId)).not.toContain(relayedLaundering.entryId);
    expect(relayed.every((item) => item.onwardTo.length === 0)).toBe(true);
    // Each relayed item carries kr-knpa's signed grant for the hub, which names kh-cnp (PROTOCOL.md §13.3).
    expect(relayed.find((item) => item.entry.entryId === relayedScam.entryId)?.grant).toMatchObject({
      relay: 'asean-hub',
      to: ['kh-cnp'],
    });
    // Filtering by origin happens before anything is fetched.
    expect(
      (
        await hub
          .app()
          .get(WatchlistService)
          .changesFor('kh-cnp', '0', 100, { excludeOrigins: ['kr-knpa'] })
      ).items.some((i) => i.origin === 'kr-knpa'),
    ).toBe(false);

    // Without its grant, or with the grant of another entry, a relayed entry is refused.
    const scamItem = relayed.find((item) => item.entry.entryId === relayedScam.entryId)!;
    const otherGrant = toHub.items.find((item) => item.entry.entryId === relayedLaundering.entryId)!.grant;
    expect(
      await cnp
        .app()
        .get(WatchlistService)
        .ingest(
          [
            { ...scamItem, grant: undefined },
            { ...scamItem, grant: { ...otherGrant!, relay: 'asean-hub', to: ['kh-cnp'] } },
          ],
          'asean-hub',
        ),
    ).toMatchObject({ inserted: 0, rejected: 2, reasons: { RELAY_NOT_GRANTED: 2 } });

    const result = await cnp.app().get(WatchlistService).ingest(relayed, 'asean-hub');
    expect(result.rejected).toBe(0);
    const [stored] = await list(cnp, tokens.cnp, { identifierType: 'TELEGRAM', value: '@relay_only_recruiter' });
    expect(stored).toMatchObject({
      entryId: relayedScam.entryId,
      origin: 'kr-knpa',
      receivedFrom: 'asean-hub',
      version: 1,
    });
  });

  it('pages a large backlog by change sequence: every entry once, even with writers running meanwhile', async () => {
    const service = knpa.app().get(WatchlistService);
    const start = (await pullAll(knpa, 'kh-cnp', '0')).cursor;
    const created: string[] = [];
    for (let i = 0; i < 250; i++) {
      created.push((await service.add(input({ value: `@bulk_handle_${String(i).padStart(4, '0')}` }), seeder)).entryId);
    }
    const paged = await pullAll(knpa, 'kh-cnp', start, 100);
    expect(paged.pages).toBe(3);
    expect(paged.items.map((item) => item.entry.entryId)).toEqual(created);

    // Concurrent writers while a puller pages: nothing is skipped or repeated.
    const seen: string[] = [];
    let cursor = paged.cursor;
    const writers = Promise.all(
      Array.from({ length: 40 }, (_, i) =>
        service.add(input({ value: `@concurrent_${String(i).padStart(3, '0')}` }), seeder),
      ),
    );
    let done = false;
    void writers.then(() => (done = true));
    while (!done) {
      const page = await service.changesFor('kh-cnp', cursor, 7);
      seen.push(...page.items.map((item) => item.entry.entryId));
      cursor = page.nextCursor;
    }
    const written = (await writers).map((row) => row.entryId);
    seen.push(...(await pullAll(knpa, 'kh-cnp', cursor, 7)).items.map((item) => item.entry.entryId));
    expect([...seen].sort()).toEqual([...written].sort());

    const [{ count }] = await sql<{ count: string }>(
      knpa.databaseUrl,
      'SELECT count(DISTINCT change_seq)::text AS count FROM watchlist_entry',
    );
    const [{ rows }] = await sql<{ rows: string }>(
      knpa.databaseUrl,
      'SELECT count(*)::text AS rows FROM watchlist_entry',
    );
    expect(count).toBe(rows);
  });

  it('never skips a change that commits after a later-started one: writers commit in sequence order', async () => {
    const service = knpa.app().get(WatchlistService);
    const { cursor } = await pullAll(knpa, 'kh-cnp', '0');
    const [touched] = await sql<{ entry_id: string }>(
      knpa.databaseUrl,
      "SELECT entry_id FROM watchlist_entry WHERE value = '@bulk_handle_0000'",
    );
    const slow = new pg.Client({ connectionString: knpa.databaseUrl });
    await slow.connect();
    try {
      // A slow writer takes the next sequence value and holds its transaction open ...
      await slow.query('BEGIN');
      await slow.query('UPDATE watchlist_entry SET stored_at = now() WHERE entry_id = $1', [touched.entry_id]);
      // ... a second writer starts meanwhile; with a bare sequence it would commit first with a higher value.
      const fast = service.add(input({ value: '@late_commit_check' }), seeder);
      await new Promise((resolve) => setTimeout(resolve, 300));
      const during = await service.changesFor('kh-cnp', cursor, 100);
      expect(during.items).toEqual([]);
      await slow.query('COMMIT');
      const added = await fast;
      const after = await pullAll(knpa, 'kh-cnp', during.nextCursor);
      expect(after.items.map((item) => item.entry.entryId)).toEqual([touched.entry_id, added.entryId]);
    } finally {
      await slow.end();
    }
  });

  it('stores text that COPY must escape byte for byte, stored_at in change order, and serves only rows it may relay', async () => {
    const reason = 'Tab\there, line\nbreak, back\\slash, \\N and \\t as text, 캄보디아 ស្កែម 🙂';
    const added = await knpa
      .app()
      .get(WatchlistService)
      .add(input({ value: '@copy_escape_check', reason }), seeder);
    const items = (await pullAll(knpa, 'kh-cnp', '0')).items.filter((item) => item.entry.entryId === added.entryId);
    expect(items).toHaveLength(1);
    const service = cnp.app().get(WatchlistService);
    expect(await service.ingest(items, 'kr-knpa')).toMatchObject({ inserted: 1, rejected: 0 });
    const [row] = await sql<{ reason: string }>(
      cnp.databaseUrl,
      'SELECT reason FROM watchlist_entry WHERE entry_id = $1',
      [added.entryId],
    );
    expect(row.reason).toBe(reason);
    // What COPY stored is the signed version exactly: a redelivery is a DUPLICATE, not a new version.
    expect(await service.ingest(items, 'kr-knpa')).toMatchObject({
      inserted: 0,
      updated: 0,
      ignored: 1,
      reasons: { DUPLICATE: 1 },
    });

    const order = await sql<{ ordered: boolean }>(
      cnp.databaseUrl,
      'SELECT bool_and(stored_at >= previous) AS ordered FROM (SELECT stored_at, lag(stored_at) OVER (ORDER BY change_seq) AS previous FROM watchlist_entry) x',
    );
    expect(order[0].ordered).toBe(true);

    // kh-cnp may relay none of what it holds, so its feed to the hub is empty and jumps to its head.
    const [{ feedable, head }] = await sql<{ feedable: number; head: string }>(
      cnp.databaseUrl,
      "SELECT count(*) FILTER (WHERE received_from IS NULL OR onward_to <> '{}')::int AS feedable, max(change_seq)::text AS head FROM watchlist_entry",
    );
    expect(feedable).toBe(0);
    expect(await service.changesFor('asean-hub', '0', 2)).toEqual({ items: [], nextCursor: head, hasMore: false });
    // A filter names node ids; anything else is the caller's mistake, not the database's (found by hostile-peer).
    await expect(service.changesFor('asean-hub', '0', 2, { excludeOrigins: ['\u0000'] })).rejects.toThrow(
      /excludeOrigins.*not a node id/,
    );
  });

  it('drops expired entries from lists and feeds, and purges them', async () => {
    const service = cnp.app().get(WatchlistService);
    cnp.clock.advance(200 * 86_400);
    expect((await list(cnp, tokens.cnp)).filter((e) => e.origin === 'kr-knpa').map((e) => e.entryId)).not.toContain(
      ids.drug,
    );
    expect((await list(cnp, tokens.cnp, { includeExpired: true })).find((e) => e.entryId === ids.drug)?.expired).toBe(
      true,
    );

    knpa.clock.advance(200 * 86_400);
    // Only the tombstone still inside its validUntil remains in kr-knpa's feed.
    const remaining = (await knpa.app().get(WatchlistService).changesFor('kh-cnp', '0', 1000)).items;
    expect(remaining.map((item) => [item.entry.entryId, item.entry.revoked])).toEqual([[ids.scam, true]]);
    // An expired version arriving late (the hub's clock is behind) is absent, not stored.
    const late = (await pullAll(hub, 'kh-cnp', '0')).items.filter(
      (item) => item.origin === 'kr-knpa' && !item.entry.revoked,
    );
    expect(late.length).toBeGreaterThan(0);
    expect(await service.ingest(late, 'asean-hub')).toMatchObject({
      inserted: 0,
      updated: 0,
      reasons: { EXPIRED: late.length },
    });

    const purged = await service.purgeExpired(cnp.clock.now(), 30);
    expect(purged.entries).toBeGreaterThan(0);
    expect(await sql(cnp.databaseUrl, 'SELECT 1 FROM watchlist_entry WHERE entry_id = $1', [ids.drug])).toHaveLength(0);
    // Tombstones stay for the retention period after their validUntil.
    expect(
      await sql(cnp.databaseUrl, 'SELECT 1 FROM watchlist_entry WHERE entry_id = $1 AND revoked', [ids.revoked]),
    ).toHaveLength(1);
    cnp.clock.advance(40 * 86_400);
    expect((await service.purgeExpired(cnp.clock.now(), 30)).tombstones).toBeGreaterThan(0);
    expect(await sql(cnp.databaseUrl, 'SELECT 1 FROM watchlist_entry WHERE entry_id = $1', [ids.revoked])).toHaveLength(
      0,
    );
  });
});
