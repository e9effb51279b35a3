import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { RelayStandIn, type WireItem, type WirePage } from './support/relay-stand-in.js';
import { wireValidator } from '../../src/kernel/wire/wire-schemas.js';

/** The node's answers to a push follow docs/schemas/watchlist-push-answer.json (PROTOCOL.md §13.4). */
const pushAnswerProblem = (body: unknown) => wireValidator('watchlist-push-answer').problem(body);

const ADD = `mutation ($input: WatchlistEntryInput!) { addWatchlistEntry(input: $input) { entryId } }`;

/**
 * #14 item 1, as an attacker does it: asean-hub holds kr-knpa's entries and posts them to kh-cnp, which
 * kr-knpa never allowed to receive them through the hub. kr-knpa's policy (config/policies/kr-knpa.yaml)
 * lets the hub relay ONLINE_SCAM entries to kh-cnp, and a MONEY_LAUNDERING entry to kh-gdce only, and no
 * CYBERCRIME entry to anyone; kh-cnp accepts relayed entries of all three categories from the hub. Real
 * node processes (kr-knpa, kh-cnp, asean-hub); the attacking hub is played with its real keys.
 */
describe('security: originator control through relays (signed relay grants)', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp', 'asean-hub']);
  const entries: Record<string, string> = {};
  let hub: RelayStandIn;
  let page: WirePage;
  const port = (id: string) => federation.slot(id).federationPort;
  const itemOf = (category: string): WireItem => page.items.find((item) => item.entry.entryId === entries[category])!;
  const heldAtCnp = async (entryId: string) =>
    federation.sql<{ received_from: string }>(
      'kh-cnp',
      'SELECT received_from FROM watchlist_entry WHERE entry_id = $1',
      [entryId],
    );

  beforeAll(async () => {
    await federation.prepare();
    await federation.startAll();
    // kr-knpa and kh-cnp cannot reach each other: what kh-cnp holds of kr-knpa came through the hub.
    federation.partition('kr-knpa', 'kh-cnp');
    const token = await federation.token('kr-knpa', 'relay-analyst', [Role.ANALYST]);
    for (const category of ['ONLINE_SCAM', 'MONEY_LAUNDERING', 'CYBERCRIME']) {
      const response = await federation.graphql<{ addWatchlistEntry: { entryId: string } }>(
        'kr-knpa',
        ADD,
        {
          input: {
            identifierType: 'WALLET_EVM',
            value: `0x${Buffer.from(category.padEnd(20, '.')).toString('hex').slice(0, 40)}`,
            reason: 'scam collection wallet',
            offenceCategory: category,
            severity: 'HIGH',
            validUntil: new Date(Date.now() + 90 * 86_400_000).toISOString(),
          },
        },
        token,
      );
      if (!response.data) throw new Error(JSON.stringify(response.errors));
      entries[category] = response.data.addWatchlistEntry.entryId;
    }
    hub = await RelayStandIn.load(federation.root, 'asean-hub', federation.nodeIds);
    page = await hub.pull(port('kr-knpa'));
  }, 240_000);
  afterAll(() => federation.stopAll());

  it('the origin lets the hub relay what its policy grants, and the hub process relays it to kh-cnp', async () => {
    expect(page.items.map((item) => item.entry.entryId).sort()).toEqual(Object.values(entries).sort());
    const relayed = await eventually(
      'the ONLINE_SCAM entry at kh-cnp through the hub',
      async () => (await heldAtCnp(entries.ONLINE_SCAM))[0],
      60_000,
      () => federation.logs(),
    );
    expect(relayed.received_from).toBe('asean-hub');
  });

  it('the hub posts kh-cnp an entry whose origin granted it nobody: refused, RELAY_NOT_GRANTED', async () => {
    const answer = await hub.push(port('kh-cnp'), [{ ...itemOf('CYBERCRIME'), onwardTo: [] }], page.originCertificates);
    expect(answer.status).toBe(200);
    expect(pushAnswerProblem(answer.body)).toBeUndefined();
    expect(answer.body).toMatchObject({ inserted: 0, rejected: 1, reasons: { RELAY_NOT_GRANTED: 1 } });
    expect(await heldAtCnp(entries.CYBERCRIME)).toEqual([]);
  });

  it('the hub posts kh-cnp an entry granted to kh-gdce only, with that genuine grant: refused', async () => {
    const item = itemOf('MONEY_LAUNDERING');
    const answer = await hub.push(port('kh-cnp'), [item], page.originCertificates);
    expect(pushAnswerProblem(answer.body)).toBeUndefined();
    expect(answer.body).toMatchObject({ inserted: 0, rejected: 1, reasons: { RELAY_NOT_GRANTED: 1 } });
    expect(await heldAtCnp(entries.MONEY_LAUNDERING)).toEqual([]);
  });

  it('the hub moves a genuine grant naming kh-cnp onto another entry, or writes its own: refused', async () => {
    const granted = itemOf('ONLINE_SCAM').grant ?? { relay: 'asean-hub', to: ['kh-cnp'], signature: 'A'.repeat(86) };
    const moved = { ...itemOf('CYBERCRIME'), onwardTo: ['kh-cnp'], grant: granted };
    const forged = { ...itemOf('MONEY_LAUNDERING'), grant: { ...granted, to: ['kh-cnp', 'kh-gdce'] } };
    const answer = await hub.push(port('kh-cnp'), [moved, forged], page.originCertificates);
    expect(pushAnswerProblem(answer.body)).toBeUndefined();
    expect(answer.body).toMatchObject({ inserted: 0, rejected: 2, reasons: { RELAY_NOT_GRANTED: 2 } });
    expect(await heldAtCnp(entries.CYBERCRIME)).toEqual([]);
    expect(await heldAtCnp(entries.MONEY_LAUNDERING)).toEqual([]);
  });

  it('a hub claiming protocol 1 gains nothing: a relayed entry without a grant is still refused', async () => {
    const item = itemOf('CYBERCRIME');
    const answer = await hub.call(
      port('kh-cnp'),
      'POST',
      '/federation/v1/watchlist/entries',
      { items: [{ ...item, grant: undefined, onwardTo: ['kh-cnp'] }], originCertificates: page.originCertificates },
      '1',
    );
    expect(pushAnswerProblem(answer.body)).toBeUndefined();
    expect(answer.body).toMatchObject({ inserted: 0, rejected: 1, reasons: { RELAY_NOT_GRANTED: 1 } });
  });
});
