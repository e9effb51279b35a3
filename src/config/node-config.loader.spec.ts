import { mkdtempSync, readdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { ConfigError, loadNodeConfig } from './node-config.loader.js';

const EXAMPLE_IDS = [
  'asean-hub',
  'global-exchange-meridian',
  'kh-cnp',
  'kh-gdce',
  'kr-exchange-hanbit',
  'kr-kcs',
  'kr-knpa',
];
const EXCHANGES = ['global-exchange-meridian', 'kr-exchange-hanbit'];
/** The agencies that work with the exchanges (and the exchanges with them). */
const WITH_EXCHANGES = ['kh-cnp', 'kr-kcs', 'kr-knpa'];

/** Agencies peer with every agency; exchanges and the agencies that work with them peer with each other. */
function expectedPeers(id: string): string[] {
  if (EXCHANGES.includes(id)) return WITH_EXCHANGES;
  const agencies = EXAMPLE_IDS.filter((other) => !EXCHANGES.includes(other) && other !== id);
  return [...agencies, ...(WITH_EXCHANGES.includes(id) ? EXCHANGES : [])].sort();
}

function writeConfig(text: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'fednode-config-'));
  const file = path.join(dir, 'node.yaml');
  writeFileSync(file, text);
  return file;
}

const VALID = `
id: kr-knpa
name: Korean National Police Agency
country: KR
listen: { host: 127.0.0.1, port: 4000 }
federation: { host: 127.0.0.1, port: 4100 }
peers:
  - { id: kh-cnp, url: "https://127.0.0.1:4103" }
database: { embeddedPort: 5433 }
`;

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  throw new Error('expected a ConfigError');
}

describe('loadNodeConfig', () => {
  it('accepts every shipped example node config, with distinct ids and ports', () => {
    const files = readdirSync('config').filter((f) => f.endsWith('.yaml'));
    const configs = files.map((f) => loadNodeConfig({ file: path.join('config', f), env: {} }));
    expect(configs.map((c) => c.id).sort()).toEqual(EXAMPLE_IDS);
    const ports = configs.flatMap((c) => [
      c.listen.port,
      c.federation.port,
      c.database.embeddedPort,
      ...(c.screening ? [c.screening.port, c.screening.tlsPort ?? 0].filter(Boolean) : []),
    ]);
    expect(new Set(ports).size).toBe(ports.length);
    for (const config of configs) {
      expect({ id: config.id, peers: config.peers.map((p) => p.id).sort() }).toEqual({
        id: config.id,
        peers: expectedPeers(config.id),
      });
      expect(config.dataDir).toBe(path.resolve('data', config.id));
      expect({ id: config.id, kind: config.kind }).toEqual({
        id: config.id,
        kind: EXCHANGES.includes(config.id) ? 'exchange' : 'agency',
      });
      for (const peer of config.peers)
        expect({ peer: peer.id, kind: peer.kind }).toEqual({
          peer: peer.id,
          kind: EXCHANGES.includes(peer.id) ? 'exchange' : 'agency',
        });
    }
  });

  it('defaults to config/kr-knpa.yaml and honours NODE_CONFIG', () => {
    expect(loadNodeConfig({ env: {} }).id).toBe('kr-knpa');
    expect(loadNodeConfig({ env: { NODE_CONFIG: 'config/kh-gdce.yaml' } }).id).toBe('kh-gdce');
  });

  it('refuses the screening endpoint on an agency', () => {
    const file = writeConfig(`${VALID}screening: { port: 4300 }\n`);
    expect(problemsOf(() => loadNodeConfig({ file, env: {} }))).toEqual([
      "screening: the wallet screening endpoint serves an exchange's systems: set kind: exchange, or remove screening",
    ]);
  });

  it('names an unknown key with its full path', () => {
    const file = writeConfig(
      VALID.replace('listen: { host: 127.0.0.1, port: 4000 }', 'listen: { host: 127.0.0.1, prot: 4000 }'),
    );
    const problems = problemsOf(() => loadNodeConfig({ file, env: {} }));
    expect(problems).toEqual(
      expect.arrayContaining(['listen.prot: unknown key', expect.stringMatching(/^listen\.port: /)]),
    );
  });

  it('names a top-level unknown key', () => {
    const file = writeConfig(`${VALID}\nfederaton: {}\n`);
    expect(problemsOf(() => loadNodeConfig({ file, env: {} }))).toEqual(['federaton: unknown key']);
  });

  it('names a key with a wrong value and says what is wrong', () => {
    const file = writeConfig(VALID.replace('port: 4100', 'port: "four"').replace('country: KR', 'country: Korea'));
    const problems = problemsOf(() => loadNodeConfig({ file, env: {} }));
    expect(problems).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^federation\.port: .*number/),
        expect.stringMatching(/^country: .*ISO 3166/),
      ]),
    );
  });

  it('refuses a peer that is the node itself, an http:// peer and duplicate keys', () => {
    const self = writeConfig(VALID.replace('id: kh-cnp', 'id: kr-knpa'));
    expect(problemsOf(() => loadNodeConfig({ file: self, env: {} }))).toEqual([
      'peers.0.id: a node cannot be its own peer',
    ]);
    const http = writeConfig(VALID.replace('https://127.0.0.1:4103', 'http://127.0.0.1:4103'));
    expect(problemsOf(() => loadNodeConfig({ file: http, env: {} }))).toEqual(['peers.0.url: must be an https:// URL']);
    const duplicate = writeConfig(`${VALID}\nname: again\n`);
    expect(problemsOf(() => loadNodeConfig({ file: duplicate, env: {} }))[0]).toMatch(/not valid YAML: .*unique/i);
  });

  it('reports a missing file and the file name in the message', () => {
    expect(() => loadNodeConfig({ file: 'config/nope.yaml', env: {} })).toThrow(
      /config\/nope\.yaml:\n {2}- file not found/,
    );
  });

  it('lets environment variables override file values, with their types', () => {
    const file = writeConfig(VALID);
    const config = loadNodeConfig({
      file,
      env: {
        PORT: '4999',
        DATABASE_URL: 'postgres://u:p@db.internal:5432/fed',
        FEDNODE_AUTH__TOKEN_TTL_SECONDS: '600',
        FEDNODE_FEDERATION__HOST: '0.0.0.0',
        FEDNODE_KEY_PASSPHRASE: 'not a config key',
      },
    });
    expect(config.listen.port).toBe(4999);
    expect(config.database.url).toBe('postgres://u:p@db.internal:5432/fed');
    expect(config.auth.tokenTtlSeconds).toBe(600);
    expect(config.federation.host).toBe('0.0.0.0');
  });

  it('names the environment override that is wrong', () => {
    const file = writeConfig(VALID);
    expect(problemsOf(() => loadNodeConfig({ file, env: { PORT: 'eighty' } }))[0]).toMatch(/^listen\.port: /);
    expect(problemsOf(() => loadNodeConfig({ file, env: { FEDNODE_LISTEN__PROT: '1' } }))).toEqual([
      'listen.prot: unknown key',
    ]);
  });

  it('takes trusted balancers as a list or a comma-separated variable, and names a bad entry', () => {
    const file = writeConfig(VALID);
    expect(loadNodeConfig({ file, env: {} }).listen.trustedProxies).toEqual([]);
    const env = { FEDNODE_LISTEN__TRUSTED_PROXIES: '10.0.0.0/8, 192.0.2.7, loopback' };
    expect(loadNodeConfig({ file, env }).listen.trustedProxies).toEqual(['10.0.0.0/8', '192.0.2.7', 'loopback']);
    const bad = { FEDNODE_LISTEN__TRUSTED_PROXIES: '10.0.0.0/33,haproxy' };
    expect(problemsOf(() => loadNodeConfig({ file, env: bad }))).toEqual([
      expect.stringMatching(/^listen\.trustedProxies\.0: must be an IP address, a CIDR range/),
      expect.stringMatching(/^listen\.trustedProxies\.1: must be an IP address, a CIDR range/),
    ]);
  });
});
