import { existsSync } from 'node:fs';
import { request as httpRequest } from 'node:http';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { TestNode } from '../support/test-node.js';

/** A raw request, so that the path reaches the node exactly as written (fetch normalises "..").  */
function rawGet(url: string, pathname: string): Promise<{ status: number; body: string }> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    httpRequest({ host: target.hostname, port: target.port, path: pathname, method: 'GET' }, (response) => {
      let body = '';
      response.on('data', (chunk: Buffer) => (body += chunk.toString('utf8')));
      response.on('end', () => resolve({ status: response.statusCode ?? 0, body }));
    })
      .on('error', reject)
      .end();
  });
}

describe('the console served by the node', () => {
  let node: TestNode;

  beforeAll(async () => {
    if (!existsSync('console/dist/index.html')) throw new Error('console/dist is missing: run npm run build first');
    node = await TestNode.start('console_serving', {
      peers: [
        { id: 'kh-cnp', url: 'https://127.0.0.1:9' },
        { id: 'asean-hub', url: 'https://127.0.0.1:10' },
      ],
    });
  });
  afterAll(() => node.stop());

  it('answers /console with the page at /console/, under a strict Content-Security-Policy, without a token', async () => {
    const redirect = await fetch(`${node.url}/console`, { redirect: 'manual' });
    expect(redirect.status).toBe(308);
    expect(redirect.headers.get('location')).toBe('/console/');

    const page = await fetch(`${node.url}/console/`);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toBe('text/html; charset=utf-8');
    expect(page.headers.get('content-security-policy')).toMatch(
      /default-src 'none'.*script-src 'self'.*connect-src 'self'.*frame-ancestors 'none'/,
    );
    expect(page.headers.get('x-content-type-options')).toBe('nosniff');
    const html = await page.text();
    const script = /<script type="module" crossorigin src="(\/console\/assets\/[^"]+\.js)"/.exec(html);
    expect(script).not.toBeNull();

    const asset = await fetch(`${node.url}${script![1]}`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toContain('immutable');
    const again = await fetch(`${node.url}${script![1]}`, { headers: { 'if-none-match': asset.headers.get('etag')! } });
    expect(again.status).toBe(304);
  });

  it('answers an unknown file or a path out of the folder with 404 and the usual error body', async () => {
    const missing = await fetch(`${node.url}/console/assets/nope.js`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toMatchObject({ error: { code: 'NOT_FOUND' } });
    for (const sneaky of [
      '/console/../package.json',
      '/console/..%2fpackage.json',
      '/console/%2e%2e/%2e%2e/package.json',
    ]) {
      const answer = await rawGet(node.url, sneaky);
      expect({ sneaky, status: answer.status }).toEqual({ sneaky, status: 404 });
      expect(answer.body).not.toContain('"name": "fed-node"');
    }
  });

  it('peers: the configured partners with their watchlist sync lag, for any role; nothing without a token', async () => {
    const PEERS =
      '{ peers { id url queuedDeliveries oldestQueuedAt certificates { fingerprint } watchlistSync { direction lastSuccessAt lagSeconds lastError } } }';
    expect((await node.graphql(PEERS)).errors?.[0].extensions?.code).toBe('UNAUTHENTICATED');

    const analyst = await node.officerToken('peers-analyst', [Role.ANALYST]);
    type PeersAnswer = {
      peers: {
        id: string;
        watchlistSync: {
          direction: string;
          lastSuccessAt: string | null;
          lagSeconds: number | null;
          lastError: string | null;
        }[];
        queuedDeliveries: number;
      }[];
    };
    // The node's own sync runner fills these rows: its push of an empty feed succeeds, its pulls fail (nobody listens).
    const deadline = Date.now() + 30_000;
    let response = await node.graphql<PeersAnswer>(PEERS, {}, analyst);
    const ready = (r: typeof response) => {
      const sync = r.data?.peers[0].watchlistSync ?? [];
      return (
        sync.some((s) => s.direction === 'PUSH' && s.lastSuccessAt) &&
        sync.some((s) => s.direction === 'PULL' && s.lastError)
      );
    };
    while (!ready(response) && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 250));
      response = await node.graphql<PeersAnswer>(PEERS, {}, analyst);
    }
    node.clock.advance(3600);
    response = await node.graphql<PeersAnswer>(PEERS, {}, analyst);
    expect(response.errors).toBeUndefined();
    const [cnp, hub] = response.data!.peers;
    expect(cnp).toMatchObject({ id: 'kh-cnp', url: 'https://127.0.0.1:9', queuedDeliveries: 0, certificates: [] });
    const push = cnp.watchlistSync.find((s) => s.direction === 'PUSH')!;
    expect(push.lagSeconds).toBeGreaterThanOrEqual(3600);
    expect(push.lagSeconds).toBeLessThan(3700);
    const pull = cnp.watchlistSync.find((s) => s.direction === 'PULL')!;
    expect(pull.lagSeconds).toBeNull();
    expect(pull.lastError).toMatch(/\S/);
    expect(hub).toMatchObject({ id: 'asean-hub', queuedDeliveries: 0 });
  });
});
