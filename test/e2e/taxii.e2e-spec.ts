import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { AuthenticatedOfficer } from '../../src/common/auth/authenticated-officer.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { nodeIdentityId } from '../../src/stix/stix-ids.js';
import { officialSchemas } from '../../src/stix/stix.test-helpers.js';
import type { StixObject } from '../../src/stix/stix-vocabulary.js';
import { watchlistIndicatorId } from '../../src/stix/stix-watchlist.js';
import { TaxiiListener } from '../../src/taxii/taxii-listener.js';
import type { WatchlistEntryChange } from '../../src/watchlist/watchlist-input.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { StrictTaxiiClient, TAXII, queryOf, type TaxiiResponse } from '../support/taxii-client.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp', 'kh-gdce', 'asean-hub'];
const DAY_MS = 24 * 3600 * 1000;
const TAXII_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;
const UUID_V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const AMBER = 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421';
const ISSUE = 'mutation ($p: String!) { issueTaxiiAccount(partnerId: $p) { username password collectionId } }';
const DISABLE = 'mutation ($p: String!) { disableTaxiiAccount(partnerId: $p) }';

type Credentials = { username: string; password: string; collectionId: string };
const basic = (c: { username: string; password: string }) =>
  `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

describe('TAXII 2.1 read side, walked by a strict client as taxii2-client walks it', () => {
  const federation = new TestFederation('taxii', NODES);
  const schemas = officialSchemas();
  const seeder: AuthenticatedOfficer = {
    id: '00000000-0000-0000-0000-000000000000',
    username: 'seed-analyst',
    roles: [Role.ANALYST],
  };
  let knpa: TestNode;
  let taxii: string;
  let ca: string;
  let admin: string;
  const credentials: Record<string, Credentials> = {};
  const client = (c?: { username: string; password: string }) =>
    new StrictTaxiiClient(c ? basic(c) : undefined, { ca, pinnedNode: 'kr-knpa' });
  const collectionUrl = (partnerId: string) =>
    `${taxii}/taxii2/api/collections/${credentials[partnerId].collectionId}/`;

  function entries(category: string, count: number, prefix: string): WatchlistEntryChange[] {
    return Array.from({ length: count }, (_, i) => ({
      identifierType: 'EMAIL' as const,
      value: `${prefix}-${i}@scam.example`,
      reason: `Contact address of a ${category.toLowerCase()} network`,
      offenceCategory: category as WatchlistEntryChange['offenceCategory'],
      severity: 'HIGH' as const,
      validUntil: new Date(Date.now() + 90 * DAY_MS).toISOString(),
    }));
  }

  /** The whole feed the partner may pull, as indicator ids (what the policy lets it see). */
  async function allowedIndicatorIds(partnerId: string): Promise<string[]> {
    const ids: string[] = [];
    let cursor = '0';
    for (;;) {
      const page = await knpa.app().get(WatchlistService).changesFor(partnerId, cursor, 1000);
      ids.push(...page.items.map((item) => watchlistIndicatorId(item.entry)));
      cursor = page.nextCursor;
      if (!page.hasMore) return ids;
    }
  }

  /** Every page of an as_pages walk, checking the date headers and the §3.3 order on the way. */
  async function walk(url: string, partnerId: string, limit: number, filters: Record<string, string> = {}) {
    const taxiiClient = client(credentials[partnerId]);
    const items: Record<string, unknown>[] = [];
    let pages = 0;
    for await (const envelope of taxiiClient.pages(url, limit, filters)) {
      const page = (envelope.objects as Record<string, unknown>[] | undefined) ?? [];
      // §3.4: never more than the limit asked for; an empty page has no objects key at all.
      expect(page.length).toBeLessThanOrEqual(limit);
      if ('objects' in envelope) expect(page.length).toBeGreaterThan(0);
      items.push(...page);
      pages++;
      if (envelope.more === true) expect(typeof envelope.next).toBe('string');
      else expect(envelope).not.toHaveProperty('next');
    }
    return { items, pages };
  }

  beforeAll(async () => {
    [knpa] = await federation.start({
      id: 'kr-knpa',
      database: 'taxii_knpa',
      config: { name: 'Korean National Police Agency', taxii: { port: 0 } },
    });
    ca = readFileSync(federation.anchor('kr-knpa'), 'utf8');
    taxii = knpa.app().get(TaxiiListener).url() as string;
    admin = await knpa.officerToken('taxii-admin', [Role.ADMIN]);
    for (const partnerId of ['kh-cnp', 'kh-gdce']) {
      const response = await knpa.graphql<{ issueTaxiiAccount: Credentials }>(ISSUE, { p: partnerId }, admin);
      credentials[partnerId] = response.data!.issueTaxiiAccount;
    }
    const watchlist = knpa.app().get(WatchlistService);
    // kh-cnp receives ONLINE_SCAM and DRUG_TRAFFICKING entries, kh-gdce DRUG_TRAFFICKING and MONEY_LAUNDERING.
    await watchlist.addMany(
      [
        ...entries('ONLINE_SCAM', 9, 'scam'),
        ...entries('DRUG_TRAFFICKING', 4, 'drug'),
        ...entries('MONEY_LAUNDERING', 5, 'ml'),
        ...entries('HUMAN_TRAFFICKING', 3, 'ht'),
      ],
      seeder,
    );
    const { rows } = await watchlist.addMany(entries('ONLINE_SCAM', 1, 'revoked'), seeder);
    // kh-cnp is served the entry live first: a tombstone goes only to partners that held the entry.
    await watchlist.changesFor('kh-cnp', '0', 1000);
    await watchlist.revoke(rows[0].entryId, 'Mistaken listing', seeder);
  });
  afterAll(() => federation.stop());

  it('discovery → API root → collections → objects and manifest, as_pages over next; every object valid', async () => {
    const taxiiClient = client(credentials['kh-cnp']);
    const discovery = (await taxiiClient.get(`${taxii}/taxii2/`)).body;
    expect(discovery.title).toEqual(expect.any(String));
    expect(discovery).toMatchObject({ default: '/taxii2/api/', api_roots: ['/taxii2/api/'] });
    const apiRoot = new URL(discovery.default as string, `${taxii}/taxii2/`).toString();
    expect((await taxiiClient.get(apiRoot)).body).toEqual({
      title: expect.any(String),
      versions: [TAXII],
      max_content_length: knpa.config.taxii.maxContentLength,
    });
    const collections = (await taxiiClient.get(`${apiRoot}collections/`)).body.collections as Record<string, unknown>[];
    expect(collections).toEqual([
      expect.objectContaining({ id: credentials['kh-cnp'].collectionId, can_read: true, can_write: false }),
    ]);
    expect(collections[0].id).toMatch(UUID_V4);
    const url = `${apiRoot}collections/${String(collections[0].id)}/`;
    expect((await taxiiClient.get(url)).body).toEqual({ ...collections[0], title: expect.any(String) });

    const { items, pages } = await walk(`${url}objects/`, 'kh-cnp', 4);
    const expected = await allowedIndicatorIds('kh-cnp');
    expect(expected).toHaveLength(9 + 4 + 1);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil((expected.length + 2) / 4));
    expect(items.map((o) => o.id)).toEqual([nodeIdentityId('kr-knpa'), AMBER, ...expected]);
    expect(items.filter((o) => o.revoked === true)).toHaveLength(1);
    expect(JSON.stringify(items)).not.toMatch(/ml-\d@|ht-\d@/);
    for (const object of items)
      expect({ id: object.id, errors: schemas.validateObject(object) }).toEqual({ id: object.id, errors: [] });

    const manifest = await walk(`${url}manifest/`, 'kh-cnp', 5);
    expect(manifest.items.map((record) => record.id)).toEqual(items.map((o) => o.id));
    for (const [index, record] of manifest.items.entries()) {
      expect(record).toEqual({
        id: items[index].id,
        date_added: expect.stringMatching(TAXII_TIMESTAMP),
        version: items[index].modified ?? items[index].created,
        media_type: 'application/stix+json;version=2.1',
      });
      // §3.3: ascending by date added.
      if (index > 0) expect(String(record.date_added) >= String(manifest.items[index - 1].date_added)).toBe(true);
    }
  });

  it('every page of objects and manifest carries X-TAXII-Date-Added-First/-Last, microsecond TAXII timestamps', async () => {
    const taxiiClient = client(credentials['kh-cnp']);
    for (const endpoint of ['objects', 'manifest']) {
      const page = await taxiiClient.get(`${collectionUrl('kh-cnp')}${endpoint}/${queryOf({ limit: 3 })}`);
      const first = page.headers['x-taxii-date-added-first'] as string;
      const last = page.headers['x-taxii-date-added-last'] as string;
      expect([first, last]).toEqual([expect.stringMatching(TAXII_TIMESTAMP), expect.stringMatching(TAXII_TIMESTAMP)]);
      expect(first <= last).toBe(true);
    }
  });

  it('filters by match[type], match[id], match[version] and match[spec_version], alone, together and with added_after', async () => {
    const all = (await walk(`${collectionUrl('kh-cnp')}objects/`, 'kh-cnp', 1000)).items;
    const indicators = all.filter((o) => o.type === 'indicator');
    const ids = (items: Record<string, unknown>[]) => items.map((o) => o.id);
    const query = async (filters: Record<string, string>, endpoint = 'objects') =>
      ids((await walk(`${collectionUrl('kh-cnp')}${endpoint}/`, 'kh-cnp', 50, filters)).items);

    expect(await query({ type: 'indicator' })).toEqual(ids(indicators));
    expect(await query({ type: 'identity' })).toEqual([nodeIdentityId('kr-knpa')]);
    expect(await query({ type: 'indicator,marking-definition' })).toEqual(ids(all).slice(1));
    expect(await query({ type: 'malware' })).toEqual([]);
    const two = [indicators[3].id, indicators[1].id] as string[];
    expect(await query({ id: two.join(',') })).toEqual([indicators[1].id, indicators[3].id]);
    expect(await query({ id: two.join(','), type: 'identity' })).toEqual([]);
    expect(await query({ id: `${nodeIdentityId('kr-knpa')},${two[0]}`, type: 'indicator' })).toEqual([two[0]]);
    for (const version of ['first', 'last', 'all', 'first,last']) expect(await query({ version })).toEqual(ids(all));
    const revoked = indicators.find((o) => o.revoked === true) as Record<string, unknown>;
    const sameVersion = all.filter((o) => (o.modified ?? o.created) === revoked.modified);
    expect(await query({ version: revoked.modified as string })).toEqual(ids(sameVersion));
    expect(await query({ version: `2020-01-01T00:00:00.000Z,${String(revoked.modified)}` })).toEqual(ids(sameVersion));
    expect(await query({ version: '2020-01-01T00:00:00.000Z' })).toEqual([]);
    expect(await query({ spec_version: '2.1' })).toEqual(ids(all));
    expect(await query({ spec_version: '2.0' })).toEqual([]);
    expect(await query({ spec_version: '2.0,2.1', type: 'indicator', id: two.join(',') })).toEqual(
      ids(indicators).filter((id) => two.includes(id as string)),
    );
    // The manifest filters the objects it describes, exactly as Get Objects does (§5.3).
    expect(await query({ type: 'indicator', id: two.join(',') }, 'manifest')).toEqual([
      indicators[1].id,
      indicators[3].id,
    ]);
    // added_after with a filter: indicators added after the identity's date, i.e. all of them.
    const manifest = (await walk(`${collectionUrl('kh-cnp')}manifest/`, 'kh-cnp', 1000)).items;
    const cut = manifest[5].date_added as string;
    expect(await query({ added_after: cut, type: 'indicator' })).toEqual(
      ids(manifest.filter((r) => (r.date_added as string) > cut)),
    );
  });

  it('skips nothing written during a walk; added_after continues from the last date seen', async () => {
    const watchlist = knpa.app().get(WatchlistService);
    const taxiiClient = client(credentials['kh-gdce']);
    const url = `${collectionUrl('kh-gdce')}objects/`;
    const seen: StixObject[] = [];
    let pages = 0;
    for await (const envelope of taxiiClient.pages(url, 3)) {
      seen.push(...((envelope.objects as StixObject[] | undefined) ?? []));
      if (++pages === 2) await watchlist.addMany(entries('MONEY_LAUNDERING', 2, 'during-walk'), seeder);
    }
    expect(seen.map((o) => o.id).slice(2)).toEqual(await allowedIndicatorIds('kh-gdce'));
    expect(JSON.stringify(seen)).toContain('during-walk-1@scam.example');
    const last = await taxiiClient.get(`${url}${queryOf({ limit: 1000 })}`);
    const lastAdded = last.headers['x-taxii-date-added-last'] as string;

    await watchlist.addMany(entries('DRUG_TRAFFICKING', 1, 'after-walk'), seeder);
    const since = await taxiiClient.get(`${url}${queryOf({ added_after: lastAdded })}`);
    expect(((since.body.objects as StixObject[]) ?? []).map((o) => o.name)).toEqual([
      'EMAIL after-walk-0@scam.example',
    ]);
    // A next token from one query is re-read in the context of another: it never widens what is answered.
    const typed = await taxiiClient.get(`${url}${queryOf({ type: 'indicator', limit: 2 })}`);
    const reused = await taxiiClient.get(`${url}${queryOf({ type: 'identity', next: String(typed.body.next) })}`);
    expect(reused.body).toEqual({ more: false });
  });

  it('Get an Object and Get Object Versions, as taxii2-client calls them; created never moves between versions', async () => {
    const watchlist = knpa.app().get(WatchlistService);
    const taxiiClient = client(credentials['kh-cnp']);
    const [entry] = (await watchlist.addMany(entries('ONLINE_SCAM', 1, 'versioned'), seeder)).rows;
    const id = watchlistIndicatorId(entry);
    const objectUrl = `${collectionUrl('kh-cnp')}objects/${id}/`;
    const first = await taxiiClient.get(objectUrl);
    const v1 = (first.body.objects as StixObject[])[0];
    expect(first.body).toEqual({ more: false, objects: [v1] });
    expect(first.headers['x-taxii-date-added-first']).toMatch(TAXII_TIMESTAMP);
    expect(v1.created).toBe(v1.modified);

    knpa.clock.advance(5);
    await watchlist.update(
      entry.entryId,
      { ...entries('ONLINE_SCAM', 1, 'versioned')[0], reason: 'Second version' },
      seeder,
    );
    const v2 = ((await taxiiClient.get(objectUrl)).body.objects as StixObject[])[0];
    expect(v2.modified).not.toBe(v1.modified);
    expect(v2.created).toBe(v1.created);
    expect(v2.description).toBe('Second version');

    for (const version of ['last', 'first', 'all', v2.modified as string])
      expect((await taxiiClient.get(`${objectUrl}${queryOf({ version })}`)).body).toEqual({
        more: false,
        objects: [v2],
      });
    expect((await taxiiClient.get(`${objectUrl}${queryOf({ version: v1.modified as string })}`)).body).toEqual({
      more: false,
    });
    const versions = await taxiiClient.get(`${objectUrl}versions/`);
    expect(versions.body).toEqual({ more: false, versions: [v2.modified] });
    expect(versions.headers['x-taxii-date-added-last']).toMatch(TAXII_TIMESTAMP);
    const identity = `${collectionUrl('kh-cnp')}objects/${nodeIdentityId('kr-knpa')}/`;
    expect(((await taxiiClient.get(identity)).body.objects as StixObject[])[0].type).toBe('identity');
    expect((await taxiiClient.get(`${identity}versions/`)).body).toEqual({
      more: false,
      versions: ['2026-01-01T00:00:00.000Z'],
    });
    // An object with no modified is versioned by its created (§5.8), and an empty answer has no list.
    const marking = `${collectionUrl('kh-cnp')}objects/${AMBER}/versions/`;
    expect((await taxiiClient.get(marking)).body).toEqual({ more: false, versions: ['2022-10-01T00:00:00.000Z'] });
    expect((await taxiiClient.get(`${marking}${queryOf({ spec_version: '2.0' })}`)).body).toEqual({ more: false });
    expect((await taxiiClient.get(`${collectionUrl('kh-cnp')}manifest/${queryOf({ type: 'malware' })}`)).body).toEqual({
      more: false,
    });
    // Not in this collection (kh-gdce receives no ONLINE_SCAM entries), or not at all: 404 either way.
    const elsewhere = await client(credentials['kh-gdce']).raw(`${collectionUrl('kh-gdce')}objects/${id}/`);
    expectError(elsewhere, 404);
    expectError(await taxiiClient.raw(`${collectionUrl('kh-cnp')}objects/indicator--${randomUUID()}/versions/`), 404);
  });

  it('answers every error as a TAXII 2.1 error message: routes, collections, methods, media types, parameters', async () => {
    const cnp = client(credentials['kh-cnp']);
    const objects = `${collectionUrl('kh-cnp')}objects/`;
    const cases: [Promise<TaxiiResponse>, number][] = [
      [cnp.raw(`${taxii}/taxii2/api/unknown/`), 404],
      [cnp.raw(`${taxii}/taxii2/nothing-here`), 404],
      [cnp.raw(`${taxii}/taxii2/api/collections/${randomUUID()}/`), 404],
      [cnp.raw(`${taxii}/taxii2/api/collections/not-a-uuid/objects/`), 404],
      [cnp.raw(`${taxii}/taxii2/`, TAXII, 'PUT'), 405],
      [cnp.raw(`${taxii}/taxii2/api/collections/`, TAXII, 'POST'), 405],
      [cnp.raw(`${objects}${nodeIdentityId('kr-knpa')}/`, TAXII, 'DELETE'), 403],
      [cnp.raw(objects, TAXII, 'POST'), 403],
      [cnp.raw(objects, 'application/xml'), 406],
      [cnp.raw(objects, 'application/taxii+json;version=2.0'), 406],
      [cnp.raw(`${objects}?limit=0`), 400],
      [cnp.raw(`${objects}?limit=5&limit=6`), 400],
      [cnp.raw(`${objects}?added_after=yesterday`), 400],
      [cnp.raw(`${objects}?next=f12x`), 400],
      [cnp.raw(`${objects}?match[version]=all,first`), 400],
      [cnp.raw(`${objects}?match[version]=last,last`), 400],
      [cnp.raw(`${objects}?match[version]=2026-13-01T00:00:00Z`), 400],
      [cnp.raw(`${objects}?match[type]=Indicator`), 400],
      [cnp.raw(`${objects}?match[id]=indicator--nope`), 400],
      [cnp.raw(`${objects}?match[spec_version]=two`), 400],
      [client().raw(`${taxii}/taxii2/`), 401],
      [client().raw(`${collectionUrl('kh-cnp')}manifest/`), 401],
      [client().raw(`${collectionUrl('kh-cnp')}objects/${AMBER}/versions/`), 401],
      [client({ username: 'kh-cnp', password: 'guess' }).raw(objects), 401],
      [client({ username: 'asean-hub', password: 'x' }).raw(objects), 401],
    ];
    for (const [answer, status] of cases) expectError(await answer, status);
    const anonymous = await client().raw(objects);
    expect(anonymous.headers['www-authenticate']).toMatch(/^Basic realm=/);
    const wrongMethod = await cnp.raw(`${taxii}/taxii2/`, TAXII, 'PUT');
    expect(wrongMethod.headers.allow).toBe('GET');
    // Fields a server does not define for an endpoint are ignored (§3.4): match[id] on Get an Object.
    expect(
      (await cnp.get(`${objects}${nodeIdentityId('kr-knpa')}/?match[id]=x&match[foo]=y`)).body.objects,
    ).toHaveLength(1);
  });

  it("keeps partners apart: another partner's collection is not found, and each sees only its own", async () => {
    const gdce = client(credentials['kh-gdce']);
    const foreign = await gdce.raw(`${collectionUrl('kh-cnp')}objects/`);
    expectError(foreign, 404);
    expect(foreign.body.description).toBe(`no collection ${credentials['kh-cnp'].collectionId} is visible to kh-gdce`);
    expect(
      ((await gdce.get(`${taxii}/taxii2/api/collections/`)).body.collections as { id: string }[]).map((c) => c.id),
    ).toEqual([credentials['kh-gdce'].collectionId]);
    expectError(await gdce.raw(`${collectionUrl('kh-cnp')}manifest/`), 404);
    expectError(await gdce.raw(`${collectionUrl('kh-cnp')}objects/${nodeIdentityId('kr-knpa')}/versions/`), 404);
  });

  it('keeps collection ids (random UUIDv4) across a restart of the node', async () => {
    await knpa.restart();
    taxii = knpa.app().get(TaxiiListener).url() as string;
    const collections = (await client(credentials['kh-cnp']).get(`${taxii}/taxii2/api/collections/`)).body
      .collections as { id: string }[];
    expect(collections.map((c) => c.id)).toEqual([credentials['kh-cnp'].collectionId]);
    const again = await knpa.graphql<{ taxiiAccounts: { partnerId: string; collectionId: string }[] }>(
      '{ taxiiAccounts { partnerId collectionId } }',
      {},
      admin,
    );
    expect(again.data!.taxiiAccounts.find((a) => a.partnerId === 'kh-gdce')?.collectionId).toBe(
      credentials['kh-gdce'].collectionId,
    );
  });

  it('stops disabled and replaced secrets at once, and answers 429 after ten wrong secrets', async () => {
    const url = `${collectionUrl('kh-cnp')}objects/`;
    await knpa.graphql(DISABLE, { p: 'kh-cnp' }, admin);
    expectError(await client(credentials['kh-cnp']).raw(url), 401);
    const reissued = (await knpa.graphql<{ issueTaxiiAccount: Credentials }>(ISSUE, { p: 'kh-cnp' }, admin)).data!
      .issueTaxiiAccount;
    expect(reissued.collectionId).toBe(credentials['kh-cnp'].collectionId);
    expect((await client(reissued).raw(url)).status).toBe(200);
    expectError(await client(credentials['kh-cnp']).raw(url), 401);
    credentials['kh-cnp'] = reissued;

    const hub = (await knpa.graphql<{ issueTaxiiAccount: Credentials }>(ISSUE, { p: 'asean-hub' }, admin)).data!
      .issueTaxiiAccount;
    const wrong = client({ username: 'asean-hub', password: 'A'.repeat(43) });
    for (let i = 0; i < 10; i++)
      expectError(await wrong.raw(`${taxii}/taxii2/api/collections/${hub.collectionId}/`), 401);
    expectError(await wrong.raw(`${taxii}/taxii2/api/collections/${hub.collectionId}/`), 429);
  });
});

/** A TAXII error message (§3.6.1) with the status, in the TAXII media type. */
function expectError(response: TaxiiResponse, status: number): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: TAXII });
  expect(response.body).toEqual(
    expect.objectContaining({
      title: expect.any(String),
      description: expect.any(String),
      http_status: String(status),
    }),
  );
}
