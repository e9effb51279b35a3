import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import type { AuthenticatedOfficer } from '../../src/auth/authenticated-officer.js';
import { Role } from '../../src/auth/role.enum.js';
import { createDevFederation } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { nodeIdentityId } from '../../src/stix/stix-ids.js';
import { officialSchemas } from '../../src/stix/stix.test-helpers.js';
import type { StixObject } from '../../src/stix/stix-vocabulary.js';
import { watchlistIndicatorId } from '../../src/stix/stix-watchlist.js';
import type { WatchlistEntryChange } from '../../src/watchlist/watchlist-input.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp', 'kh-gdce', 'asean-hub'];
const TAXII = 'application/taxii+json;version=2.1';
const DAY_MS = 24 * 3600 * 1000;
const ISSUE = 'mutation ($p: String!) { issueTaxiiAccount(partnerId: $p) { username password collectionId } }';
const DISABLE = 'mutation ($p: String!) { disableTaxiiAccount(partnerId: $p) }';

interface Answer {
  status: number;
  headers: Headers;
  body: Record<string, unknown>;
}

describe('TAXII 2.1: a partner client walks discovery → API root → collections → objects', () => {
  const pkiDir = mkdtempSync(path.join(tmpdir(), 'fednode-taxii-'));
  const schemas = officialSchemas();
  const seeder: AuthenticatedOfficer = { id: '00000000-0000-0000-0000-000000000000', username: 'seed-analyst', roles: [Role.ANALYST] };
  let knpa: TestNode;
  let admin: string;
  const credentials: Record<string, { username: string; password: string; collectionId: string }> = {};

  const basic = (c: { username: string; password: string }) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;

  async function get(url: string, authorization?: string, accept = TAXII): Promise<Answer> {
    const response = await fetch(new URL(url, knpa.url), { headers: { accept, ...(authorization ? { authorization } : {}) } });
    expect(response.headers.get('content-type')).toBe(TAXII);
    return { status: response.status, headers: response.headers, body: (await response.json()) as Record<string, unknown> };
  }

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

  /** Follows `next` until `more` is false; checks the date headers of every page. */
  async function walk(objectsUrl: string, authorization: string, limit: number, between?: (page: number) => Promise<void>): Promise<{ objects: StixObject[]; pages: number; lastAdded: string }> {
    const objects: StixObject[] = [];
    let next: string | undefined;
    let pages = 0;
    let lastAdded = '';
    do {
      const answer = await get(`${objectsUrl}?limit=${limit}${next ? `&next=${encodeURIComponent(next)}` : ''}`, authorization);
      expect(answer.status).toBe(200);
      const page = (answer.body.objects as StixObject[] | undefined) ?? [];
      expect(page.length).toBeLessThanOrEqual(limit);
      if (page.length > 0) {
        const first = answer.headers.get('x-taxii-date-added-first') as string;
        const last = answer.headers.get('x-taxii-date-added-last') as string;
        expect(Date.parse(first)).toBeLessThanOrEqual(Date.parse(last));
        if (lastAdded) expect(Date.parse(first)).toBeGreaterThanOrEqual(Date.parse(lastAdded));
        lastAdded = last;
      }
      objects.push(...page);
      next = answer.body.more ? (answer.body.next as string) : undefined;
      if (answer.body.more) expect(typeof next).toBe('string');
      pages++;
      await between?.(pages);
    } while (next);
    return { objects, pages, lastAdded };
  }

  beforeAll(async () => {
    await createDevFederation({ dataDir: pkiDir, nodeIds: NODES, kdf: FAST_KDF });
    knpa = await TestNode.start(
      'taxii_knpa',
      {
        id: 'kr-knpa',
        peers: NODES.slice(1).map((id) => ({ id, url: 'https://127.0.0.1:9' })),
        trust: { anchors: NODES.map((id) => path.join(pkiDir, 'trust', 'anchors', `${id}.crt`)) },
      },
      pkiDir,
    );
    admin = await knpa.officerToken('taxii-admin', [Role.ADMIN]);
    for (const partnerId of ['kh-cnp', 'kh-gdce']) {
      const response = await knpa.graphql<{ issueTaxiiAccount: { username: string; password: string; collectionId: string } }>(ISSUE, { p: partnerId }, admin);
      credentials[partnerId] = response.data!.issueTaxiiAccount;
    }
    const watchlist = knpa.app().get(WatchlistService);
    // kh-cnp receives ONLINE_SCAM and DRUG_TRAFFICKING entries, kh-gdce DRUG_TRAFFICKING and MONEY_LAUNDERING.
    await watchlist.addMany([...entries('ONLINE_SCAM', 9, 'scam'), ...entries('DRUG_TRAFFICKING', 4, 'drug'), ...entries('MONEY_LAUNDERING', 5, 'ml'), ...entries('HUMAN_TRAFFICKING', 3, 'ht')], seeder);
    const { rows } = await watchlist.addMany(entries('ONLINE_SCAM', 1, 'revoked'), seeder);
    await watchlist.revoke(rows[0].entryId, 'Mistaken listing', seeder);
  });
  afterAll(async () => {
    await knpa?.stop();
  });

  it('walks the whole collection with limit and next: exactly what the policy allows, every object valid', async () => {
    const auth = basic(credentials['kh-cnp']);
    const discovery = await get('/taxii2/', auth);
    expect(discovery.status).toBe(200);
    expect(discovery.body).toMatchObject({ default: '/taxii2/api/', api_roots: ['/taxii2/api/'] });
    const root = await get(discovery.body.default as string, auth);
    expect(root.body).toMatchObject({ versions: [TAXII] });
    const collections = (await get('/taxii2/api/collections/', auth)).body.collections as { id: string; can_read: boolean; can_write: boolean }[];
    expect(collections).toEqual([expect.objectContaining({ id: credentials['kh-cnp'].collectionId, can_read: true, can_write: false })]);
    expect((await get(`/taxii2/api/collections/${collections[0].id}/`, auth)).body).toMatchObject({ id: collections[0].id });

    const { objects, pages } = await walk(`/taxii2/api/collections/${collections[0].id}/objects/`, auth, 4);
    const expected = await allowedIndicatorIds('kh-cnp');
    expect(expected).toHaveLength(9 + 4 + 1);
    expect(pages).toBeGreaterThanOrEqual(Math.ceil((expected.length + 2) / 4));
    expect(objects.map((o) => o.id)).toEqual([nodeIdentityId('kr-knpa'), 'marking-definition--55d920b0-5e8b-4f79-9ee9-91f868d9b421', ...expected]);
    expect(objects.filter((o) => o.revoked === true)).toHaveLength(1);
    expect(JSON.stringify(objects)).not.toMatch(/ml-\d@|ht-\d@/);
    for (const object of objects) expect({ id: object.id, errors: schemas.validateObject(object) }).toEqual({ id: object.id, errors: [] });

    const manifest = await walk(`/taxii2/api/collections/${collections[0].id}/manifest/`, auth, 5);
    expect(manifest.objects.map((record) => record.id)).toEqual(objects.map((o) => o.id));
  });

  it('skips nothing written during a walk, and added_after continues from the last date seen', async () => {
    const auth = basic(credentials['kh-gdce']);
    const url = `/taxii2/api/collections/${credentials['kh-gdce'].collectionId}/objects/`;
    const watchlist = knpa.app().get(WatchlistService);
    const { objects, lastAdded } = await walk(url, auth, 3, async (page) => {
      if (page === 2) await watchlist.addMany(entries('MONEY_LAUNDERING', 2, 'during-walk'), seeder);
    });
    expect(objects.map((o) => o.id).slice(2)).toEqual(await allowedIndicatorIds('kh-gdce'));
    expect(JSON.stringify(objects)).toContain('during-walk-1@scam.example');

    await watchlist.addMany(entries('DRUG_TRAFFICKING', 1, 'after-walk'), seeder);
    const since = await get(`${url}?added_after=${encodeURIComponent(lastAdded)}`, auth);
    const names = ((since.body.objects as StixObject[]) ?? []).map((o) => o.name);
    expect(names).toContain('EMAIL after-walk-0@scam.example');
    expect(names.length).toBeLessThanOrEqual(2);
  });

  it("refuses another partner's collection, missing or wrong credentials, disabled accounts and other media types, as TAXII errors", async () => {
    const cnpCollection = `/taxii2/api/collections/${credentials['kh-cnp'].collectionId}/objects/`;
    const foreign = await get(cnpCollection, basic(credentials['kh-gdce']));
    expect(foreign).toMatchObject({ status: 403, body: { http_status: '403', title: 'Forbidden' } });
    expect(foreign.body.description).toContain('is not one kh-gdce may read');

    const anonymous = await get(cnpCollection);
    expect(anonymous).toMatchObject({ status: 401, body: { http_status: '401' } });
    expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic realm=/);
    expect((await get('/taxii2/', undefined)).status).toBe(401);
    expect((await get(cnpCollection, basic({ username: 'kh-cnp', password: 'guess' }))).status).toBe(401);
    expect((await get(cnpCollection, basic({ username: 'asean-hub', password: 'x' }))).status).toBe(401);

    expect((await get(cnpCollection, basic(credentials['kh-cnp']), 'application/xml')).status).toBe(406);
    expect((await get(`${cnpCollection}?limit=0`, basic(credentials['kh-cnp']))).body).toMatchObject({ http_status: '400', description: 'limit must be a positive integer' });
    expect((await get(`${cnpCollection}?next=f12x`, basic(credentials['kh-cnp']))).status).toBe(400);

    await knpa.graphql(DISABLE, { p: 'kh-cnp' }, admin);
    expect((await get(cnpCollection, basic(credentials['kh-cnp']))).status).toBe(401);
    const reissued = (await knpa.graphql<{ issueTaxiiAccount: { username: string; password: string } }>(ISSUE, { p: 'kh-cnp' }, admin)).data!.issueTaxiiAccount;
    expect((await get(cnpCollection, basic(reissued))).status).toBe(200);
    expect((await get(cnpCollection, basic(credentials['kh-cnp']))).status).toBe(401);

    // Wrong secrets of the right shape cost argon2id work: ten in a minute, and the account answers 429.
    const hub = (await knpa.graphql<{ issueTaxiiAccount: { username: string; password: string; collectionId: string } }>(ISSUE, { p: 'asean-hub' }, admin)).data!.issueTaxiiAccount;
    const wrong = { username: 'asean-hub', password: 'A'.repeat(43) };
    for (let i = 0; i < 10; i++) expect((await get(`/taxii2/api/collections/${hub.collectionId}/`, basic(wrong))).status).toBe(401);
    const limited = await get(`/taxii2/api/collections/${hub.collectionId}/`, basic(wrong));
    expect(limited).toMatchObject({ status: 429, body: { http_status: '429' } });
  });
});
