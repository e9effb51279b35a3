import { cpSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import fc from 'fast-check';
import pino from 'pino';
import { sealPacket, type JsonValue } from '../../src/envelope/index.js';
import { PacketRejectionReason } from '../../src/kernel/vocabulary/packet-rejection.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { PeerEndpointServer } from '../../src/transport/peer-endpoint.server.js';
import { issueNodeFiles, pkiPaths } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { loadNodeIdentity, type NodeIdentity } from '../../src/identity/node-identity.loader.js';
import { NodeIdentityService } from '../../src/identity/node-identity.service.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, testConfig } from '../support/test-node.js';
import { anyJson, fuzzSeed, hostileString } from './hostile-input.js';
import { peerRequest, rawTcp, rawTls, within, type ClientCredentials, type PeerAnswer } from './peer-client.js';

const seed = fuzzSeed('hostile-peer');
/** kh-cnp serves; kr-knpa and asean-hub are its peers; kh-gdce is trusted but no peer; kr-kcs's CA is not trusted. */
const NODES = ['kh-cnp', 'kr-knpa', 'asean-hub', 'kh-gdce', 'kr-kcs'];
const TRUSTED = ['kh-cnp', 'kr-knpa', 'asean-hub', 'kh-gdce'];
const REQUEST_TIMEOUT_SECONDS = 2;
const MAX_BODY_BYTES = 256 * 1024;
const REJECTION_REASONS = new Set<string>(Object.values(PacketRejectionReason));

/** Why an answer of the peer endpoint is not a clear one, or undefined. */
function problemOf(answer: PeerAnswer): string | undefined {
  if (answer.status >= 500) return `HTTP ${answer.status}`;
  // Node's HTTP parser refuses some requests itself, with a bare status: clear enough.
  if ([400, 408, 413, 414, 431].includes(answer.status) && answer.text === '') return undefined;
  if (answer.json === undefined) return 'the answer is not JSON';
  if (/node_modules|\/work\/|\.ts:\d+|\.js:\d+|\n\s+at |QueryFailedError|invalid input syntax/.test(answer.text))
    return 'the answer shows server internals';
  if (answer.status < 400) return undefined;
  const body = answer.json as {
    error?: { code?: unknown; message?: unknown };
    receipt?: { status?: unknown; reason?: unknown };
  };
  if (body.receipt)
    return body.receipt.status === 'REJECTED' && REJECTION_REASONS.has(String(body.receipt.reason))
      ? undefined
      : 'a receipt without a known reason';
  if (typeof body.error?.code !== 'string' || typeof body.error.message !== 'string' || !body.error.message)
    return 'an error without code and message';
  return undefined;
}

/** Every path into a JSON value, to pick one to damage. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  const paths = [prefix];
  if (Array.isArray(value)) value.forEach((item, i) => paths.push(...pathsOf(item, [...prefix, i])));
  else if (value && typeof value === 'object')
    for (const [key, item] of Object.entries(value)) paths.push(...pathsOf(item, [...prefix, key]));
  return paths;
}

function damaged(packet: SealedPacket, at: (string | number)[], replacement: unknown, remove: boolean): unknown {
  if (at.length === 0) return replacement;
  const copy = structuredClone(packet) as unknown as Record<string | number, unknown>;
  let parent = copy;
  for (const key of at.slice(0, -1)) parent = parent[key] as Record<string | number, unknown>;
  const last = at[at.length - 1];
  if (remove && !Array.isArray(parent)) delete parent[last];
  else parent[last] = replacement;
  return copy;
}

describe('hostile peers at the mutual-TLS endpoint', () => {
  const federation = new TestFederation('hostile-peer', NODES, { trusted: TRUSTED });
  const pkiDir = federation.pkiDir;
  let cnp: TestNode;
  let port: number;
  let knpa: NodeIdentity;
  let hub: NodeIdentity;
  const clients: Record<string, ClientCredentials> = {};

  function credentials(dir: string, id: string): ClientCredentials {
    return {
      cert: readFileSync(pkiPaths(dir).nodeCert(id), 'utf8'),
      key: readFileSync(pkiPaths(dir).nodeKey(id), 'utf8'),
    };
  }

  async function identityOf(id: string): Promise<NodeIdentity> {
    return loadNodeIdentity(
      testConfig({ id, trust: { anchors: TRUSTED.map((peer) => federation.anchor(peer)) } }, pkiDir),
      pino({ level: 'silent' }),
    );
  }

  /** A correctly sealed packet from `from` to kh-cnp whose body is not a case: the baseline answer is 422 INVALID_PAYLOAD. */
  async function sealedFrom(from: NodeIdentity, body: JsonValue = { not: 'a case' }): Promise<SealedPacket> {
    return sealPacket({
      type: 'case',
      expiresAt: new Date(Date.now() + 86_400_000),
      policyVersion: '1',
      body,
      sender: {
        nodeId: from.nodeId,
        signingSecretKey: from.keys.current.signing.privateKey,
        signingPublicKey: from.keys.current.signing.publicKey,
        certificatePem: from.certificatePem,
      },
      recipients: [
        {
          nodeId: 'kh-cnp',
          x25519PublicKey: cnp.app().get(NodeIdentityService).current().keys.current.encryption.publicKey,
        },
      ],
    });
  }

  function expectClear(answer: PeerAnswer, what: string): void {
    const problem = problemOf(answer);
    if (problem)
      throw new Error(`${what}: ${problem}: HTTP ${answer.status} ${answer.text.slice(0, 500)} (seed ${seed})`);
  }

  beforeAll(async () => {
    [cnp] = await federation.start({
      id: 'kh-cnp',
      database: 'hostile_peer',
      config: {
        peers: ['kr-knpa', 'asean-hub'].map((id) => ({ id, url: 'https://127.0.0.1:9' })),
        federation: {
          host: '127.0.0.1',
          port: 0,
          requestTimeoutSeconds: REQUEST_TIMEOUT_SECONDS,
          maxBodyBytes: MAX_BODY_BYTES,
        },
        policies: { file: 'config/policies/kh-cnp.yaml' },
      },
    });
    port = cnp.app().get(PeerEndpointServer).port();
    knpa = await identityOf('kr-knpa');
    hub = await identityOf('asean-hub');
    for (const id of NODES) clients[id] = credentials(pkiDir, id);

    // kr-knpa's CA (trusted, for its own agency) issuing a certificate that names asean-hub.
    const forgeryDir = mkdtempSync(path.join(tmpdir(), 'fednode-hostile-peer-forgery-'));
    cpSync(pkiDir, forgeryDir, { recursive: true });
    await issueNodeFiles({ dataDir: forgeryDir, nodeId: 'asean-hub', agencyId: 'kr-knpa', kdf: FAST_KDF });
    clients.impostor = credentials(forgeryDir, 'asean-hub');
  });
  afterAll(() => federation.stop());

  it('answers random JSON, damaged sealed packets and huge fields with a clear 4xx, never a 5xx or an acceptance', async () => {
    const baseline = await peerRequest(
      port,
      clients['kr-knpa'],
      'POST',
      '/federation/v1/packets',
      JSON.stringify(await sealedFrom(knpa)),
    );
    expect(baseline.status).toBe(422);
    expect(baseline.json).toMatchObject({ receipt: { status: 'REJECTED', reason: 'INVALID_PAYLOAD' } });

    await fc.assert(
      fc.asyncProperty(
        fc.oneof(
          {
            weight: 3,
            arbitrary: fc.record({
              kind: fc.constant('damaged' as const),
              pick: fc.nat(),
              replacement: anyJson,
              remove: fc.boolean(),
            }),
          },
          { weight: 1, arbitrary: fc.record({ kind: fc.constant('random' as const), value: anyJson }) },
          {
            weight: 1,
            arbitrary: fc.record({
              kind: fc.constant('huge' as const),
              pick: fc.nat(),
              size: fc.integer({ min: 10_000, max: MAX_BODY_BYTES * 2 }),
            }),
          },
        ),
        async (attack) => {
          let body: unknown;
          if (attack.kind === 'random') body = attack.value;
          else {
            const packet = await sealedFrom(knpa);
            const paths = pathsOf(packet);
            const at = paths[attack.pick % paths.length];
            body =
              attack.kind === 'damaged'
                ? damaged(packet, at, attack.replacement, attack.remove)
                : damaged(packet, at, 'A'.repeat(attack.size), false);
          }
          const text = JSON.stringify(body) ?? 'null';
          const answer = await peerRequest(port, clients['kr-knpa'], 'POST', '/federation/v1/packets', text);
          expectClear(answer, `${attack.kind} packet ${text.slice(0, 300)}`);
          if (answer.status < 400)
            throw new Error(
              `a damaged packet was accepted: HTTP ${answer.status} ${answer.text.slice(0, 300)} for ${text.slice(0, 300)}`,
            );
        },
      ),
      { seed, numRuns: 120 },
    );
  });

  it('refuses packets whose claimed sender is not the one that signed or delivered them, with their reason codes', async () => {
    // Sealed and signed by asean-hub, delivered by kr-knpa: a relay, judged by the inbound policy for kr-knpa.
    const relayed = await peerRequest(
      port,
      clients['kr-knpa'],
      'POST',
      '/federation/v1/packets',
      JSON.stringify(await sealedFrom(hub)),
    );
    expectClear(relayed, 'a packet of asean-hub delivered by kr-knpa');
    expect(relayed.status).toBe(422);

    // Claims kr-knpa in the header but carries asean-hub's certificate and signature.
    const packet = await sealedFrom(hub);
    const claimed = { ...packet, header: { ...packet.header, from: 'kr-knpa' } };
    const answer = await peerRequest(
      port,
      clients['asean-hub'],
      'POST',
      '/federation/v1/packets',
      JSON.stringify(claimed),
    );
    expectClear(answer, 'a packet claiming kr-knpa signed by asean-hub');
    expect(answer.status).toBe(422);
    expect((answer.json as { receipt: { reason: string } }).receipt.reason).toMatch(
      /UNTRUSTED_CERTIFICATE|BAD_SIGNATURE|HEADER_PAYLOAD_MISMATCH/,
    );
  });

  it('answers hostile requests to every other route with a clear answer', async () => {
    const routes = [
      '/federation/v1/watchlist/entries',
      '/federation/v1/hit-check',
      '/federation/v1/packets',
      '/federation/v1/watchlist/changes',
      '/federation/v1/hit-check/set',
      '/federation/v1/hello',
      '/graphql',
      '/',
      '/federation/v1/%ff%00',
    ];
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...routes),
        fc.constantFrom('GET', 'POST', 'PUT', 'DELETE'),
        fc.dictionary(
          fc.constantFrom('after', 'limit', 'origins', 'excludeOrigins', 'x'),
          fc.oneof(
            fc.string({ unit: 'binary', maxLength: 40 }),
            fc.integer().map(String),
            fc.constantFrom(
              '-1',
              '1e309',
              'NaN',
              '0x10',
              '99999999999999999999',
              '\u0000',
              'a,b,,c',
              'x'.repeat(20_000),
            ),
          ),
          { maxKeys: 3 },
        ),
        fc.oneof(
          anyJson,
          fc.record({ items: fc.array(anyJson, { maxLength: 5 }), after: anyJson, nextCursor: anyJson }),
          fc.record({
            blinded: fc.array(fc.oneof(hostileString, fc.base64String({ maxLength: 44 })), { maxLength: 5 }),
          }),
        ),
        async (route, method, query, body) => {
          const search = new URLSearchParams(
            Object.entries(query).map(([k, v]): [string, string] => [k, v.replace(/[\ud800-\udfff]/g, '')]),
          ).toString();
          const text = method === 'GET' ? undefined : (JSON.stringify(body) ?? 'null');
          const answer = await peerRequest(
            port,
            clients['asean-hub'],
            method,
            `${route}${search ? `?${search}` : ''}`,
            text,
          );
          expectClear(answer, `${method} ${route}?${search} ${text?.slice(0, 200) ?? ''}`);
        },
      ),
      { seed, numRuns: 120 },
    );
  });

  it('refuses oversized, truncated, overlong and mislabelled bodies with a clear 4xx, or hangs up', async () => {
    const knpaClient = clients['kr-knpa'];
    const declaredTooBig = await rawTls(port, knpaClient);
    declaredTooBig.socket.write(
      `POST /federation/v1/packets HTTP/1.1\r\nHost: peer\r\nContent-Type: application/json\r\nContent-Length: ${MAX_BODY_BYTES * 100}\r\n\r\n{`,
    );
    expect(await within(declaredTooBig.closed, 30_000)).toBe(true);
    expect(declaredTooBig.received()).toMatch(/^HTTP\/1\.1 413/);
    const tooBig = await peerRequest(
      port,
      knpaClient,
      'POST',
      '/federation/v1/packets',
      JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES + 10) }),
    );
    expect(tooBig.status).toBe(413);
    expectClear(tooBig, 'a body over maxBodyBytes');
    const notJson = await peerRequest(port, knpaClient, 'POST', '/federation/v1/packets', '{"header": ', {});
    expect(notJson.status).toBe(400);
    const wrongType = await peerRequest(port, knpaClient, 'POST', '/federation/v1/packets', '<packet/>', {
      'content-type': 'application/xml',
    });
    expect(wrongType.status).toBe(415);
    const badUtf8 = await peerRequest(
      port,
      knpaClient,
      'POST',
      '/federation/v1/packets',
      Buffer.from([0x7b, 0x22, 0xff, 0xfe, 0x22, 0x3a, 0x31, 0x7d]),
    );
    expectClear(badUtf8, 'invalid UTF-8');

    const raw = (head: string) =>
      `POST /federation/v1/packets HTTP/1.1\r\nHost: peer\r\nContent-Type: application/json\r\n${head}\r\n`;
    // Declared larger than sent, then the client hangs up: nobody to answer; the node must just carry on.
    const cut = await rawTls(port, knpaClient);
    cut.socket.end(`${raw('Content-Length: 5000\r\n')}{"header": {"packetId": "`);
    expect(await within(cut.closed, 30_000)).toBe(true);
    // Declared larger than sent, and the client stays: timed out (408) or hung up, never left open.
    const stalled = await rawTls(port, knpaClient);
    stalled.socket.write(`${raw('Content-Length: 5000\r\n')}{"header": `);
    expect(await within(stalled.closed, 30_000)).toBe(true);
    expect(stalled.received()).not.toMatch(/^HTTP\/1\.1 5/);
    // Longer than declared: the declared part is read (not JSON: 400); the rest is not a request.
    const overlong = await rawTls(port, knpaClient);
    overlong.socket.write(`${raw('Content-Length: 2\r\n')}{}${'garbage '.repeat(100)}`);
    expect(await within(overlong.closed, 30_000)).toBe(true);
    expect(overlong.received()).toMatch(/^HTTP\/1\.1 4\d\d/);
    expect(overlong.received()).not.toMatch(/HTTP\/1\.1 5/);
    // Broken chunked encoding and a chunked body over the limit.
    const badChunk = await rawTls(port, knpaClient);
    badChunk.socket.write(`${raw('Transfer-Encoding: chunked\r\n')}zz\r\n{}\r\n0\r\n\r\n`);
    expect(await within(badChunk.closed, 30_000)).toBe(true);
    expect(badChunk.received()).not.toMatch(/HTTP\/1\.1 [25]/);
    const bigChunks = await rawTls(port, knpaClient);
    bigChunks.socket.write(raw('Transfer-Encoding: chunked\r\n'));
    const chunk = 'x'.repeat(64 * 1024);
    for (let i = 0; i < 6 && !bigChunks.socket.destroyed; i += 1)
      bigChunks.socket.write(`${chunk.length.toString(16)}\r\n${chunk}\r\n`);
    expect(await within(bigChunks.closed, 30_000)).toBe(true);
    expect(bigChunks.received()).toMatch(/^HTTP\/1\.1 413/);
  });

  it('times out slow clients (headers or body dribbled, a handshake never finished) while serving others', async () => {
    const slowHeaders = await Promise.all(Array.from({ length: 10 }, () => rawTls(port, clients['kr-knpa'])));
    const slowBodies = await Promise.all(Array.from({ length: 5 }, () => rawTls(port, clients['asean-hub'])));
    const silentTcp = await Promise.all(Array.from({ length: 5 }, () => rawTcp(port)));
    const header = 'POST /federation/v1/packets HTTP/1.1\r\nHost: peer\r\nContent-Type: application/json\r\nX-Slow: ';
    for (const connection of slowHeaders) connection.socket.write(header);
    for (const connection of slowBodies)
      connection.socket.write(
        'POST /federation/v1/packets HTTP/1.1\r\nHost: peer\r\nContent-Type: application/json\r\nContent-Length: 100000\r\n\r\n{',
      );
    const dribble = setInterval(() => {
      for (const connection of [...slowHeaders, ...slowBodies])
        if (!connection.socket.destroyed) connection.socket.write('a');
    }, 300);
    try {
      // Others are served meanwhile.
      const hello = await peerRequest(port, clients['kr-knpa'], 'GET', '/federation/v1/hello');
      expect(hello).toMatchObject({ status: 200, json: { node: 'kh-cnp', peer: 'kr-knpa' } });
      // Every slow connection is closed by the server, long before the client would stop.
      const all = [...slowHeaders, ...slowBodies, ...silentTcp];
      const closed = await Promise.all(all.map((connection) => within(connection.closed, 45_000)));
      expect(closed.filter((c) => !c)).toHaveLength(0);
      for (const connection of [...slowHeaders, ...slowBodies])
        expect(connection.received()).not.toMatch(/HTTP\/1\.1 5/);
    } finally {
      clearInterval(dribble);
      for (const connection of [...slowHeaders, ...slowBodies, ...silentTcp]) connection.socket.destroy();
    }
  });

  it('refuses wrong TLS clients: no certificate, an untrusted CA, a trusted node that is no peer, a forged node id, plain HTTP, TLS 1.2', async () => {
    const refused = async (client: ClientCredentials, options: Record<string, unknown> = {}): Promise<string> => {
      try {
        const answer = await peerRequest(
          port,
          { ...client, ...options } as ClientCredentials,
          'GET',
          '/federation/v1/hello',
        );
        return `HTTP ${answer.status} ${answer.text}`;
      } catch (error) {
        return `refused: ${(error as Error).message}`;
      }
    };
    const outcomes = {
      noCertificate: await refused({}),
      untrustedCa: await refused(clients['kr-kcs']),
      trustedButNoPeer: await refused(clients['kh-gdce']),
      forgedNodeId: await refused(clients.impostor),
      tls12: await refused(clients['kr-knpa'], { maxVersion: 'TLSv1.2' }),
    };
    for (const [what, outcome] of Object.entries(outcomes)) {
      // Refused at the handshake, hung up right after it, or 403: never served, never a 5xx.
      expect(`${what}: ${outcome}`).toMatch(/: (refused: |HTTP 403 )/);
    }

    const plain = await rawTcp(port);
    plain.socket.write('GET /federation/v1/hello HTTP/1.1\r\nHost: peer\r\n\r\n');
    expect(await within(plain.closed, 30_000)).toBe(true);
    expect(plain.received()).not.toMatch(/HTTP\/1\.1 [25]/);
  });

  it('still serves its peers and officers normally afterwards and logged no unexpected error', async () => {
    const hello = await peerRequest(port, clients['asean-hub'], 'GET', '/federation/v1/hello');
    expect(hello).toMatchObject({ status: 200, json: { node: 'kh-cnp', peer: 'asean-hub' } });
    const again = await peerRequest(
      port,
      clients['kr-knpa'],
      'POST',
      '/federation/v1/packets',
      JSON.stringify(await sealedFrom(knpa)),
    );
    expect(again.json).toMatchObject({ receipt: { status: 'REJECTED', reason: 'INVALID_PAYLOAD' } });
    expect((await cnp.graphql<{ nodeInfo: { id: string } }>('{ nodeInfo { id } }')).data).toEqual({
      nodeInfo: { id: 'kh-cnp' },
    });
    const errors = cnp.logLines.filter((line) => Number((JSON.parse(line) as { level?: number }).level) >= 50);
    expect(errors.map((line) => line.slice(0, 1500))).toEqual([]);
  });
});
