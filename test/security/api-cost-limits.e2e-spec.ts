import { ApiNodeProcess, graphql, http, sleep } from './support/api-attacker.js';

// As small as the attack needs: 300 aliases of it stay under the 1,000 points of field complexity.
const SELECTION = '{ value }';

/** `count` aliases of `screen`, all over the one `$ids` variable. */
function aliasedScreens(count: number): string {
  const fields = Array.from({ length: count }, (_, i) => `s${i}: screen(identifiers: $ids) ${SELECTION}`);
  return `query ($ids: [IdentifierInput!]!) { ${fields.join(' ')} }`;
}

function identifiers(count: number): { type: string; value: string }[] {
  return Array.from({ length: count }, (_, i) => ({ type: 'PHONE', value: `+8210${String(i).padStart(8, '0')}` }));
}

/** Screening batches the node has run so far (the screening histogram's count). */
async function screeningBatches(url: string): Promise<number> {
  const text = (await http(`${url}/metrics`)).text;
  const line = text.split('\n').find((l) => l.startsWith('fednode_screening_duration_seconds_count'));
  return line ? Number(line.split(' ').at(-1)) : 0;
}

// Issue #14 item 8: one request with 300 aliases of `screen` over a 10,000-identifier variable passed
// the complexity limit, ran 88 s, returned 45 MB, and /health/live took up to 6.8 s meanwhile.
describe('cost limits count the work (real node process)', () => {
  let node: ApiNodeProcess;
  let analyst: string;

  beforeAll(async () => {
    node = await ApiNodeProcess.start('sec_cost', { FEDNODE_METRICS__ANONYMOUS: 'true' });
    analyst = await node.officer('analyst-cost', ['ANALYST']);
  }, 120_000);
  afterAll(() => node?.stop());

  it('refuses 300 aliases of screen over 10,000 identifiers before any work, while /health/live stays fast', async () => {
    const batchesBefore = await screeningBatches(node.url);
    let polling = true;
    const healthTimes: number[] = [];
    const poller = (async () => {
      while (polling) {
        healthTimes.push((await http(`${node.url}/health/live`, { timeoutMs: 30_000 })).ms);
        await sleep(100);
      }
    })();
    const attack = await graphql(node.url, aliasedScreens(300), { ids: identifiers(10_000) }, analyst, {
      timeoutMs: 20_000,
    }).catch((error: Error) => error);
    await sleep(500);
    polling = false;
    await poller;

    expect(Math.max(...healthTimes)).toBeLessThan(1_000);
    expect(attack).not.toBeInstanceOf(Error);
    const answer = attack as Exclude<typeof attack, Error>;
    expect(answer.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(answer.json?.errors?.[0]?.message).toMatch(/too much work: 3000000 items, the limit is 10000/);
    expect(answer.json?.data ?? null).toBeNull();
    expect(answer.ms).toBeLessThan(5_000);
    expect(await screeningBatches(node.url)).toBe(batchesBefore);
  }, 60_000);

  it('refuses two aliases that together ask for more than one call may, and sixty pages of 200 cases', async () => {
    const two = await graphql(node.url, aliasedScreens(2), { ids: identifiers(10_000) }, analyst, {
      timeoutMs: 20_000,
    });
    expect(two.json?.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const many = `{ ${Array.from({ length: 60 }, (_, i) => `c${i}: cases(first: 200) { id }`).join(' ')} }`;
    const pages = await graphql(node.url, many, {}, analyst);
    expect(pages.json?.errors?.[0]?.message).toMatch(/too much work: 12000 items/);
  }, 60_000);

  it('still runs one call at its full cap: 10,000 identifiers', async () => {
    const one = await graphql(node.url, aliasedScreens(1), { ids: identifiers(10_000) }, analyst, {
      timeoutMs: 60_000,
    });
    expect(one.json?.errors).toBeUndefined();
    expect((one.json?.data?.s0 as unknown[]).length).toBe(10_000);
  }, 90_000);
});
