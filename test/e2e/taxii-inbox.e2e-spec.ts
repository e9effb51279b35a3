import { randomUUID } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { SAMPLE_IDENTIFIERS } from '../../src/stix/stix.test-helpers.js';
import type { StixObject } from '../../src/stix/stix-vocabulary.js';
import { TaxiiListener } from '../../src/taxii/taxii-listener.js';
import { sql } from '../support/test-database.js';
import { checkStatus, exchange, StrictTaxiiClient, TAXII, type TaxiiResponse } from '../support/taxii-client.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kh-cnp'];
const ISSUE_PARTNER = 'mutation ($p: String!) { issueTaxiiAccount(partnerId: $p) { username password collectionId } }';
const ISSUE_TOOL = 'mutation ($n: String!) { issueTaxiiPublisherAccount(name: $n) { username password collectionId } }';
const ITEMS = `query ($s: TaxiiInboxItemState) { taxiiInboxItems(state: $s) {
  id statusId publisher objectId state message identifierType value offenceCategory entryId decidedBy } }`;
const APPROVE = 'mutation ($id: ID!) { approveTaxiiInboxItem(id: $id) { id state message entryId decidedBy } }';
const REJECT = 'mutation ($id: ID!, $r: String!) { rejectTaxiiInboxItem(id: $id, reason: $r) { id state message } }';
const WATCHLIST = '{ watchlist(filter: { origin: "kr-knpa" }, first: 50) { entries { entryId value reason } } }';
const IDENTITY = 'identity--b3bca3c2-1f3c-4b1a-9d1f-3b6b4c5d6e7f';
const TLP1_AMBER = 'marking-definition--f88d31f6-486f-44da-b317-01333bde0b82';
const TLP_RED = 'marking-definition--e828b379-4e03-4974-9ac4-e53a884c97c1';
const T = '2026-11-20T08:00:00.000Z';

type Credentials = { username: string; password: string; collectionId: string };
const basic = (c: Credentials) => `Basic ${Buffer.from(`${c.username}:${c.password}`).toString('base64')}`;
const id = (type: string, n: number) => `${type}--6b1f3c2a-0000-4000-8000-${String(n).padStart(12, '0')}`;

function indicator(n: number, pattern: string, extra: Record<string, unknown> = {}): StixObject {
  return {
    type: 'indicator',
    spec_version: '2.1',
    id: id('indicator', n),
    created_by_ref: IDENTITY,
    created: T,
    modified: T,
    name: `Indicator ${n}`,
    pattern,
    pattern_type: 'stix',
    valid_from: T,
    object_marking_refs: [TLP1_AMBER],
    ...extra,
  } as StixObject;
}

/** What the agency's MISP pushes for one event (misp-stix style): context, indicators and observables. */
function mispEnvelope(): { objects: unknown[] } {
  return {
    objects: [
      {
        type: 'identity',
        spec_version: '2.1',
        id: IDENTITY,
        created: T,
        modified: T,
        name: 'KNPA Cyber Bureau',
        identity_class: 'organization',
      },
      {
        type: 'marking-definition',
        spec_version: '2.1',
        id: TLP1_AMBER,
        created: '2017-01-20T00:00:00.000Z',
        definition_type: 'tlp',
        name: 'TLP:AMBER',
        definition: { tlp: 'amber' },
      },
      indicator(2, `[cryptocurrency-wallet:value = '${SAMPLE_IDENTIFIERS.WALLET_BTC}']`, {
        labels: ['offence:online-scam'],
        description: 'Deposit wallet of the romance-scam ring',
      }),
      {
        type: 'cryptocurrency-wallet',
        spec_version: '2.1',
        id: id('cryptocurrency-wallet', 3),
        value: SAMPLE_IDENTIFIERS.WALLET_EVM,
      },
      indicator(4, "[cryptocurrency-wallet:value = 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdz']", {
        labels: ['offence:online-scam'],
      }),
      { ...indicator(5, "[email-addr:value = 'x@scam.example']"), pattern_type: undefined },
      indicator(6, "[email-addr:value = 'red@scam.example']", {
        labels: ['offence:online-scam'],
        object_marking_refs: [TLP_RED],
      }),
      indicator(7, "[url:value = 'https://scam.example/login']", { labels: ['offence:online-scam'] }),
      indicator(8, `[cryptocurrency-wallet:value = '${SAMPLE_IDENTIFIERS.WALLET_BTC}']`, {
        labels: ['offence:online-scam'],
      }),
      indicator(9, "[email-addr:value = 'recruiter@trafficking.example']", { labels: ['offence:human-trafficking'] }),
      {
        type: 'relationship',
        spec_version: '2.1',
        id: id('relationship', 10),
        created: T,
        modified: T,
        relationship_type: 'indicates',
        source_ref: id('indicator', 2),
        target_ref: IDENTITY,
      },
      'not an object',
    ],
  };
}

describe('TAXII 2.1 write side: the agency’s own tools publish into the inbox', () => {
  const federation = new TestFederation('taxii-inbox', NODES);
  let ca: string;
  const nodes: Record<string, TestNode> = {};
  const tools: Record<string, Credentials> = {};
  const partners: Record<string, Credentials> = {};
  const tokens: Record<string, string> = {};
  const taxii = (name: string) => nodes[name].app().get(TaxiiListener).url() as string;
  const client = (c: Credentials) => new StrictTaxiiClient(basic(c), { ca, pinnedNode: 'kr-knpa' });
  const inboxUrl = (name: string) => `${taxii(name)}/taxii2/api/collections/${tools[name].collectionId}/`;

  async function start(name: string, taxiiConfig: Record<string, unknown>): Promise<void> {
    const [node] = await federation.start({
      id: 'kr-knpa',
      key: name,
      database: name,
      config: { name: 'Korean National Police Agency', taxii: { port: 0, ...taxiiConfig } },
    });
    nodes[name] = node;
    const admin = await node.officerToken(`${name.replace(/_/g, '-')}-admin`, [Role.ADMIN]);
    tools[name] = (
      await node.graphql<{ issueTaxiiPublisherAccount: Credentials }>(ISSUE_TOOL, { n: 'misp-local' }, admin)
    ).data!.issueTaxiiPublisherAccount;
    partners[name] = (
      await node.graphql<{ issueTaxiiAccount: Credentials }>(ISSUE_PARTNER, { p: 'kh-cnp' }, admin)
    ).data!.issueTaxiiAccount;
  }

  beforeAll(async () => {
    await start('officer_mode', { inboxApproval: 'LIAISON_OFFICER', maxContentLength: 65536 });
    await start('automatic', {
      inboxApproval: 'AUTOMATIC',
      inboxOffenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'],
      inboxDefaultOffenceCategory: 'ONLINE_SCAM',
    });
    ca = readFileSync(federation.anchor('kr-knpa'), 'utf8');
    tokens.liaison = await nodes.officer_mode.officerToken('inbox-liaison', [Role.LIAISON_OFFICER]);
    tokens.analyst = await nodes.officer_mode.officerToken('inbox-analyst', [Role.ANALYST]);
  });
  afterAll(() => federation.stop());

  it('shows a publisher the inbox only, write-only, and keeps it out of partners’ collections', async () => {
    const tool = client(tools.officer_mode);
    const collections = (await tool.get(`${taxii('officer_mode')}/taxii2/api/collections/`)).body.collections;
    expect(collections).toEqual([
      expect.objectContaining({ id: tools.officer_mode.collectionId, can_read: false, can_write: true }),
    ]);
    for (const endpoint of [
      'objects/',
      'manifest/',
      `objects/${id('indicator', 2)}/`,
      `objects/${id('indicator', 2)}/versions/`,
    ])
      expectError(await tool.raw(`${inboxUrl('officer_mode')}${endpoint}`), 403);
    expectError(await tool.raw(`${inboxUrl('officer_mode')}objects/${id('indicator', 2)}/`, TAXII, 'DELETE'), 403);
    const partnerCollection = `${taxii('officer_mode')}/taxii2/api/collections/${partners.officer_mode.collectionId}/`;
    expectError(await tool.raw(`${partnerCollection}objects/`), 404);
    // A partner cannot write into the inbox (it does not see it at all).
    const partner = new StrictTaxiiClient(basic(partners.officer_mode), { ca, pinnedNode: 'kr-knpa' });
    await expect(partner.addObjects(inboxUrl('officer_mode'), mispEnvelope())).rejects.toThrow(/^404 /);
  });

  it('refuses bodies it cannot take: media type, size, JSON, envelope', async () => {
    const post = (body: string, contentType = TAXII) =>
      exchange(`${inboxUrl('officer_mode')}objects/`, {
        method: 'POST',
        headers: { Authorization: basic(tools.officer_mode), Accept: TAXII, 'Content-Type': contentType },
        body,
        tls: { ca },
      });
    expectError(await post('{"objects":[]}', 'application/json'), 415);
    // A body under max_content_length is never a 413 (§4.2.1): this one is just under, and merely empty.
    expectError(await post(JSON.stringify({ objects: [], padding: 'x'.repeat(65_500) })), 422);
    const anonymous = await exchange(`${inboxUrl('officer_mode')}objects/`, {
      method: 'POST',
      headers: { Accept: TAXII, 'Content-Type': TAXII },
      body: '{"objects":[]}',
      tls: { ca },
    });
    expectError(anonymous, 401);
    expectError(await post(JSON.stringify({ objects: [{ type: 'note', content: 'x'.repeat(70_000) }] })), 413);
    expectError(await post('{not json'), 422);
    expectError(await post('{}'), 422);
    expectError(await post('{"objects":[]}'), 422);
    expect(await sql(nodes.officer_mode.databaseUrl, 'SELECT id FROM taxii_status')).toEqual([]);
  });

  it('refuses invalid objects one by one with the reason, and holds the rest for a liaison officer', async () => {
    const tool = client(tools.officer_mode);
    const { response, statusUrl } = await tool.addObjects(inboxUrl('officer_mode'), mispEnvelope());
    expect(response.status).toBe(202);
    expect(response.headers['content-type']).toBe(TAXII);
    const status = response.body;
    expect(status).toMatchObject({
      status: 'pending',
      total_count: 12,
      success_count: 4,
      failure_count: 6,
      pending_count: 2,
    });
    expect(status.request_timestamp).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/);
    expect(status.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    const failure = (n: number) =>
      (status.failures as { id: string; version: string; message: string }[]).find(
        (f) => f.id === id(n === 3 ? 'cryptocurrency-wallet' : 'indicator', n),
      );
    expect(failure(3)?.message).toMatch(/^no offence category/);
    expect(failure(3)?.version).toBe(status.request_timestamp);
    expect(failure(4)?.message).toMatch(/^not a valid WALLET_BTC or .*checksum/i);
    expect(failure(5)?.message).toMatch(/^not a valid STIX 2.1 object \(\/objects\/5\): .*pattern_type/);
    expect(failure(6)?.message).toBe('marked TLP:RED, but watchlist entries go to partners as TLP:AMBER');
    expect(failure(7)?.message).toBe('unknown identifier type: url:value has no identifier type on this node');
    expect(status.failures).toContainEqual({
      id: 'object-11',
      version: status.request_timestamp,
      message: expect.stringMatching(/must be a JSON object/),
    });
    expect(status.pendings).toEqual([
      { id: id('indicator', 2), version: T, message: 'awaiting a liaison officer' },
      { id: id('indicator', 9), version: T, message: 'awaiting a liaison officer' },
    ]);
    expect((status.successes as { id: string; message: string }[]).map((s) => s.id)).toEqual([
      IDENTITY,
      TLP1_AMBER,
      id('indicator', 8),
      id('relationship', 10),
    ]);

    // The status URL as taxii2-client builds it (no trailing slash) answers the same resource.
    expect(statusUrl).toBe(`${taxii('officer_mode')}/taxii2/api/status/${String(status.id)}`);
    expect((await tool.get(statusUrl)).body).toEqual(status);
    expect((await tool.get(`${statusUrl}/`)).body).toEqual(status);
    // Nobody else reads it.
    const partner = new StrictTaxiiClient(basic(partners.officer_mode), { ca, pinnedNode: 'kr-knpa' });
    expectError(await partner.raw(statusUrl), 404);
    expectError(await tool.raw(`${taxii('officer_mode')}/taxii2/api/status/${randomUUID()}/`), 404);
  });

  it('turns an approved item into a signed watchlist entry a partner then pulls, and tells the tool', async () => {
    const node = nodes.officer_mode;
    const pending = (await node.graphql<{ taxiiInboxItems: Record<string, string>[] }>(ITEMS, {}, tokens.analyst)).data!
      .taxiiInboxItems;
    expect(pending.map((i) => [i.objectId, i.identifierType, i.offenceCategory, i.publisher])).toEqual([
      [id('indicator', 2), 'WALLET_BTC', 'ONLINE_SCAM', 'misp-local'],
      [id('indicator', 9), 'EMAIL', 'HUMAN_TRAFFICKING', 'misp-local'],
    ]);
    expect((await node.graphql(APPROVE, { id: pending[0].id }, tokens.analyst)).errors?.[0].extensions?.code).toBe(
      'FORBIDDEN',
    );
    const approved = (
      await node.graphql<{ approveTaxiiInboxItem: Record<string, string> }>(
        APPROVE,
        { id: pending[0].id },
        tokens.liaison,
      )
    ).data!.approveTaxiiInboxItem;
    expect(approved).toMatchObject({ state: 'SUCCESS', decidedBy: 'inbox-liaison', entryId: expect.any(String) });
    const again = await node.graphql(APPROVE, { id: pending[0].id }, tokens.liaison);
    expect(again.errors?.[0]).toMatchObject({ extensions: { code: 'CONFLICT' } });
    const rejected = (
      await node.graphql<{ rejectTaxiiInboxItem: Record<string, string> }>(
        REJECT,
        { id: pending[1].id, r: 'Not ours to list' },
        tokens.liaison,
      )
    ).data!.rejectTaxiiInboxItem;
    expect(rejected).toMatchObject({ state: 'FAILURE', message: 'rejected by inbox-liaison: Not ours to list' });

    const [row] = await sql<{ origin: string; changed_by: string; signed: boolean; reason: string }>(
      node.databaseUrl,
      'SELECT origin, changed_by, signature IS NOT NULL AS signed, reason FROM watchlist_entry WHERE entry_id = $1',
      [approved.entryId],
    );
    expect(row).toEqual({
      origin: 'kr-knpa',
      changed_by: 'inbox-liaison',
      signed: true,
      reason: 'Deposit wallet of the romance-scam ring',
    });
    const status = (
      await client(tools.officer_mode).get(`${taxii('officer_mode')}/taxii2/api/status/${pending[0].statusId}/`)
    ).body;
    checkStatus(status);
    expect(status).toMatchObject({ status: 'complete', success_count: 5, failure_count: 7, pending_count: 0 });
    const audit = await sql<{ type: string }>(
      node.databaseUrl,
      // The inbox's own events (issuing the tools' accounts is audited too, as TAXII_ACCOUNT_*).
      "SELECT type FROM audit_entry WHERE type LIKE 'TAXII_%' AND type NOT LIKE 'TAXII_ACCOUNT_%' ORDER BY seq",
    );
    expect(audit.map((a) => a.type)).toEqual(['TAXII_OBJECTS_ADDED', 'TAXII_INBOX_APPROVED', 'TAXII_INBOX_REJECTED']);

    // The partner's TAXII collection carries the new entry, as OpenCTI defines the observable.
    const partner = new StrictTaxiiClient(basic(partners.officer_mode), { ca, pinnedNode: 'kr-knpa' });
    const objects = (
      await partner.get(
        `${taxii('officer_mode')}/taxii2/api/collections/${partners.officer_mode.collectionId}/objects/?match[type]=indicator`,
      )
    ).body.objects as StixObject[];
    expect(objects.map((o) => o.pattern)).toEqual([
      `[cryptocurrency-wallet:value = '${SAMPLE_IDENTIFIERS.WALLET_BTC}']`,
    ]);

    // Publishing the same again is no error: the object is already on the watchlist.
    const republished = (
      await client(tools.officer_mode).addObjects(inboxUrl('officer_mode'), { objects: [mispEnvelope().objects[2]] })
    ).response.body;
    expect(republished).toMatchObject({
      status: 'complete',
      success_count: 1,
      successes: [
        { id: id('indicator', 2), version: T, message: `already on the watchlist (entry ${approved.entryId})` },
      ],
    });
  });

  it('under AUTOMATIC approval writes the entries at once, within the allowed offence categories', async () => {
    const node = nodes.automatic;
    const tool = client(tools.automatic);
    const envelope = {
      objects: [
        {
          type: 'cryptocurrency-wallet',
          spec_version: '2.1',
          id: id('cryptocurrency-wallet', 21),
          value: SAMPLE_IDENTIFIERS.WALLET_TRON,
        },
        { type: 'phone-number', spec_version: '2.1', id: id('phone-number', 22), value: '+855 12 345 678' },
        indicator(23, "[email-addr:value = 'drugs@scam.example']", { labels: ['offence:drug-trafficking'] }),
        indicator(24, "[domain-name:value = 'Launder.example']", {
          labels: ['offence:money-laundering', 'severity:high'],
        }),
      ],
    };
    const status = (await tool.addObjects(inboxUrl('automatic'), envelope)).response.body;
    expect(status).toMatchObject({
      status: 'complete',
      total_count: 4,
      success_count: 3,
      failure_count: 1,
      pending_count: 0,
    });
    expect(status.failures).toEqual([
      {
        id: id('indicator', 23),
        version: T,
        message:
          "offence category DRUG_TRAFFICKING is not one the agency's tools may publish (taxii.inboxOffenceCategories)",
      },
    ]);
    const rows = await sql<{ value: string; offence_category: string; severity: string; changed_by: string }>(
      node.databaseUrl,
      'SELECT value, offence_category, severity, changed_by FROM watchlist_entry ORDER BY change_seq',
    );
    expect(rows).toEqual([
      {
        value: SAMPLE_IDENTIFIERS.WALLET_TRON,
        offence_category: 'ONLINE_SCAM',
        severity: 'MEDIUM',
        changed_by: 'taxii:misp-local',
      },
      { value: '+85512345678', offence_category: 'ONLINE_SCAM', severity: 'MEDIUM', changed_by: 'taxii:misp-local' },
      {
        value: 'launder.example',
        offence_category: 'MONEY_LAUNDERING',
        severity: 'HIGH',
        changed_by: 'taxii:misp-local',
      },
    ]);
    const entryIds = (
      await node.graphql<{ watchlist: { entries: { entryId: string }[] } }>(
        WATCHLIST,
        {},
        await node.officerToken('auto-analyst', [Role.ANALYST]),
      )
    ).data!.watchlist.entries.map((e) => e.entryId);
    expect((status.successes as { message: string }[]).map((s) => s.message)).toEqual(
      entryIds.map((e) => `watchlist entry ${e}`),
    );
    const again = (await tool.addObjects(inboxUrl('automatic'), envelope)).response.body;
    expect(again).toMatchObject({ success_count: 3, failure_count: 1 });
    expect(
      (again.successes as { message: string }[]).every((s) => s.message.startsWith('already on the watchlist (entry ')),
    ).toBe(true);
    expect(await sql(node.databaseUrl, 'SELECT entry_id FROM watchlist_entry')).toHaveLength(3);
  });
});

function expectError(response: TaxiiResponse, status: number): void {
  expect({ status: response.status, type: response.headers['content-type'] }).toEqual({ status, type: TAXII });
  expect(response.body).toEqual(expect.objectContaining({ title: expect.any(String), http_status: String(status) }));
}
