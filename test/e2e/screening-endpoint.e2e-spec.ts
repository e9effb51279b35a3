import { Role } from '../../src/kernel/vocabulary/role.js';
import { ScreeningEndpointServer } from '../../src/wallet-screening/screening-endpoint.server.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

/** The machine endpoint an exchange's systems call, against hostile and careless input. */
describe('the screening endpoint of an exchange', () => {
  const federation = new TestFederation('screening-endpoint', ['kr-exchange-hanbit', 'kr-knpa'], {
    exchanges: ['kr-exchange-hanbit'],
  });
  let exchange: TestNode;
  let base = '';
  let apiKey = '';

  const post = (route: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${base}/screening/v1/${route}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}`, ...headers },
      body,
    }).then(async (response) => ({
      status: response.status,
      body: (await response.json()) as { error?: { code: string; field?: string } },
    }));

  beforeAll(async () => {
    [exchange] = await federation.start({
      id: 'kr-exchange-hanbit',
      database: 'screening_endpoint',
      config: { screening: { port: 0 } },
    });
    base = `http://127.0.0.1:${exchange.app().get(ScreeningEndpointServer).ports().http}`;
    const admin = await exchange.officerToken('endpoint-admin', [Role.ADMIN]);
    const issued = await exchange.graphql<{ issueScreeningKey: { apiKey: string } }>(
      'mutation { issueScreeningKey(systemId: "deposits") { apiKey } }',
      {},
      admin,
    );
    apiKey = issued.data!.issueScreeningKey.apiKey;
  });
  afterAll(() => federation.stop());

  it('answers a clean lookup, and refuses each bad request with its status and the field at fault', async () => {
    expect(
      await post(
        'check',
        JSON.stringify({ type: 'WALLET_EVM', address: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' }),
      ),
    ).toMatchObject({
      status: 200,
      body: { valid: true, hit: false, normalized: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
    });
    expect((await post('check', JSON.stringify({ type: 'WALLET_EVM', address: '0x12' }))).body).toMatchObject({
      valid: false,
    });
    expect(await post('check', '{}', { authorization: '' })).toMatchObject({
      status: 401,
      body: { error: { code: 'UNAUTHENTICATED' } },
    });
    expect(await post('check', '{}', { authorization: `Bearer ${apiKey}x` })).toMatchObject({ status: 401 });
    expect(await post('check', '{"type":', {})).toMatchObject({
      status: 400,
      body: { error: { code: 'BAD_REQUEST' } },
    });
    expect(await post('check', '{}', { 'content-type': 'text/plain' })).toMatchObject({ status: 415 });
    expect(await post('check', JSON.stringify({ type: 'WALLET_EVM', address: 'x', shoeSize: 42 }))).toMatchObject({
      status: 400,
      body: { error: { field: 'shoeSize' } },
    });
    expect(await post('check', JSON.stringify({ type: 'WALLET_EVM', address: 'x'.repeat(20_000) }))).toMatchObject({
      status: 413,
    });
    const tooMany = JSON.stringify({
      items: Array.from({ length: 10_001 }, () => ({ type: 'WALLET_EVM', address: '0x1' })),
    });
    expect(await post('batch', tooMany)).toMatchObject({ status: 400, body: { error: { field: 'items' } } });
    expect(
      await post('batch', JSON.stringify({ items: [{ type: 'WALLET_EVM', address: '0x1', amount: 3 }] })),
    ).toMatchObject({
      status: 400,
      body: { error: { field: 'items.0.amount' } },
    });
    expect((await fetch(`${base}/screening/v1/other`, { method: 'POST' })).status).toBe(404);
    // Still serving after all of that.
    expect(
      (
        await post(
          'batch',
          JSON.stringify({ items: [{ type: 'WALLET_BTC', address: 'bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq' }] }),
        )
      ).body,
    ).toEqual({
      screened: 1,
      invalid: [],
      hits: [],
    });
  });
});
