// The watchlist feed (PROTOCOL.md §13) and the blinded hit-check (§14), from the partner th-dsi's side,
// against a real kr-knpa process: every entry's origin signature verified, a hit found without revealing it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { b64u } from './partner/canonical.js';
import { verifyFeedItems } from './partner/feed.js';
import type { FeedPage } from './partner/feed.js';
import { blind, finalize } from './partner/hit-check.js';
import { eventually, graphql, NODE_ID, PARTNER_ID, startInterop } from './node-under-test.js';
import type { Interop } from './node-under-test.js';

const WALLET = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const WALLET_EIP55 = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const DAY_MS = 24 * 3600 * 1000;
let t: Interop;
const dir = mkdtempSync(join(tmpdir(), 'interop-'));

const q = <T>(query: string, variables: Record<string, unknown> = {}) =>
  graphql<T>(t.node.graphqlUrl, query, variables, t.analyst);
const get = (path: string) => t.partner.call(t.node.peerUrl, NODE_ID, 'GET', path);
const post = (path: string, body: string) => t.partner.call(t.node.peerUrl, NODE_ID, 'POST', path, body);

async function addEntry(identifierType: string, value: string): Promise<string> {
  const validUntil = new Date(Date.now() + 200 * DAY_MS).toISOString();
  const { addWatchlistEntry } = await q<{ addWatchlistEntry: { entryId: string } }>(
    `mutation($t: IdentifierType!, $v: String!, $u: DateTime!) { addWatchlistEntry(input: { identifierType: $t,
       value: $v, reason: "scam compound", offenceCategory: ONLINE_SCAM, severity: HIGH, validUntil: $u }) { entryId } }`,
    { t: identifierType, v: value, u: validUntil },
  );
  return addWatchlistEntry.entryId;
}

beforeAll(async () => {
  t = await startInterop(dir);
}, 120_000);

afterAll(async () => {
  await t?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('the watchlist feed (§13) and blinded hit-check (§14)', () => {
  let entryId: string;

  beforeAll(async () => {
    entryId = await addEntry('WALLET_EVM', WALLET);
  });

  test('a pulled page verifies entry by entry against the origin certificates it carries', async () => {
    const res = await get('/federation/v1/watchlist/changes?after=0&limit=100');
    expect(res.status).toBe(200);
    const page = JSON.parse(res.text) as FeedPage;
    const entries = verifyFeedItems(page, [t.node.caPem]);
    expect(entries).toContainEqual(expect.objectContaining({ entryId, origin: NODE_ID, value: WALLET_EIP55 }));
    const next = JSON.parse((await get(`/federation/v1/watchlist/changes?after=${page.nextCursor}`)).text) as FeedPage;
    expect(next.items).toEqual([]);
  });

  test('the node pushes the entry to us, signed by its origin', async () => {
    const push = await eventually('a push with the entry', async () =>
      t.partner.calls.find((c) => c.path === '/federation/v1/watchlist/entries' && c.text.includes(entryId)),
    );
    expect(push.status).toBe(200); // our handler verified every item
  });

  test('a revocation travels as a signed tombstone', async () => {
    await q('mutation($e: ID!) { revokeWatchlistEntry(entryId: $e, reason: "closed") { revoked } }', { e: entryId });
    const page = JSON.parse((await get('/federation/v1/watchlist/changes?after=0')).text) as FeedPage;
    const versions = verifyFeedItems(page, [t.node.caPem]).filter((e) => e.entryId === entryId);
    expect(versions.at(-1)).toMatchObject({ revoked: true, version: 2 });
  });

  test('hit-check: listed identifiers hit with a reference, another misses', async () => {
    // x = "<IdentifierType>:<normalised value>": EIP-55 for EVM wallets and lower case for Telegram handles
    // are guesses (§14 defers to validateIdentifier, which a partner does not have).
    const walletId = await addEntry('WALLET_EVM', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359');
    const handleId = await addEntry('TELEGRAM', '@Scam_Boss');
    const queries = [
      blind('WALLET_EVM:0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359'),
      blind('TELEGRAM:@scam_boss'),
      blind('WALLET_EVM:0x0000000000000000000000000000000000000001'),
    ];
    const res = await post('/federation/v1/hit-check', JSON.stringify({ blinded: queries.map((b) => b.blinded) }));
    expect(res.status).toBe(200);
    const { evaluated } = JSON.parse(res.text) as { evaluated: string[] };
    const outputs = queries.map((b, i) => b64u(finalize(b, evaluated[i])));
    const set: { output: string; reference: string }[] = [];
    for (let after = '', more = true; more;) {
      const page = JSON.parse((await get(`/federation/v1/hit-check/set${after && `?after=${after}`}`)).text);
      set.push(...page.items);
      [after, more] = [page.nextCursor, page.hasMore];
    }
    const [wallet, handle, none] = outputs.map((o) => set.find((s) => s.output === o));
    expect(none).toBeUndefined();
    for (const [hit, entryId] of [
      [wallet, walletId],
      [handle, handleId],
    ] as const) {
      expect(hit?.reference).toMatch(/^hc_[A-Za-z0-9_-]{22}$/);
      const { hitCheckReference } = await q<{ hitCheckReference: Record<string, string> }>(
        'query($r: String!) { hitCheckReference(reference: $r) { entryId partnerId } }',
        { r: hit!.reference },
      );
      expect(hitCheckReference).toEqual({ entryId, partnerId: PARTNER_ID });
    }
  });

  test('§13.2 and §15: feed parameters outside their range and an unknown protocol version are refused, named', async () => {
    for (const limit of ['0', '-5', '5001', '1000000000', 'abc']) {
      const res = await get(`/federation/v1/watchlist/changes?after=0&limit=${limit}`);
      expect([res.status, (JSON.parse(res.text) as { error: { message: string } }).error.message]).toEqual([
        400,
        expect.stringMatching(/^limit: /),
      ]);
    }
    const badAfter = await get('/federation/v1/watchlist/changes?after=abc');
    expect(JSON.parse(badAfter.text)).toMatchObject({
      error: { code: 'BAD_USER_INPUT', message: expect.stringMatching(/^after: /) },
    });
    const v3 = await t.partner.call(t.node.peerUrl, NODE_ID, 'GET', '/federation/v1/watchlist/changes', undefined, '3');
    expect([v3.status, (JSON.parse(v3.text) as { error: { code: string } }).error.code]).toEqual([
      400,
      'UNSUPPORTED_VERSION',
    ]);
  });

  test('hit-check refuses a point that is not a canonical ristretto255 encoding', async () => {
    const res = await post('/federation/v1/hit-check', '{"blinded":["AAAA"]}');
    expect(res.status).toBe(400);
  });
});
