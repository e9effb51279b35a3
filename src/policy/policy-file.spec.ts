import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { tlpWithin } from '../kernel/vocabulary/index.js';
import { ConfigError, loadNodeConfig } from '../config/node-config.loader.js';
import { defaultPolicyFile, loadPolicyFile, parsePolicyFile, PolicyFileError } from './policy-file.js';
import type { NodePolicyFile } from './policy-file.js';
import { EXAMPLE_NODE_IDS } from './policy.test-helpers.js';

function problemsOf(run: () => unknown): string[] {
  try {
    run();
  } catch (error) {
    if (error instanceof PolicyFileError) return error.problems;
    throw error;
  }
  throw new Error('expected a PolicyFileError');
}

const VALID_POLICY = `
    offenceCategories: [ONLINE_SCAM]
    purposes: [INVESTIGATION]
    tlpCeiling: AMBER
    dataCategories: [PERSONS, DATES_OF_BIRTH]
    retentionDays: 365`;

describe('the shipped policy files', () => {
  const files = new Map<string, NodePolicyFile>(
    EXAMPLE_NODE_IDS.map((nodeId) => [nodeId, loadPolicyFile(defaultPolicyFile(nodeId), { nodeId })]),
  );
  const get = (nodeId: string): NodePolicyFile => files.get(nodeId) as NodePolicyFile;

  it('validate, and name exactly the peers of the node configuration', () => {
    for (const [nodeId, file] of files) {
      const others = loadNodeConfig({ file: `config/${nodeId}.yaml`, env: {} })
        .peers.map((peer) => peer.id)
        .sort();
      expect({ nodeId, outbound: Object.keys(file.outbound).sort() }).toEqual({ nodeId, outbound: others });
      expect({ nodeId, inbound: Object.keys(file.inbound).sort() }).toEqual({ nodeId, inbound: others });
      for (const policy of Object.values(file.outbound)) {
        for (const target of policy.onwardSharing.to) expect(others).toContain(target);
      }
    }
  });

  it('are matched by the partners: what A sends B, B accepts from A', () => {
    for (const [nodeId, file] of files) {
      for (const [partnerId, outbound] of Object.entries(file.outbound)) {
        const inbound = get(partnerId).inbound[nodeId];
        const pair = `${nodeId} → ${partnerId}`;
        expect({ pair, tlpAccepted: tlpWithin(outbound.tlpCeiling, inbound.tlpCeiling) }).toEqual({
          pair,
          tlpAccepted: true,
        });
        const refused = outbound.offenceCategories.filter((c) => !inbound.offenceCategories.includes(c));
        expect({ pair, refused }).toEqual({ pair, refused: [] });
        expect({ pair, acceptRelayed: inbound.acceptRelayed }).toEqual({
          pair,
          acceptRelayed: nodeId === 'asean-hub' && partnerId.startsWith('kh-'),
        });
      }
    }
  });

  it('only let the hub relay, to ASEAN members that take relays from it and want part of the content', () => {
    for (const [nodeId, file] of files) {
      for (const [partnerId, outbound] of Object.entries(file.outbound)) {
        if (!outbound.onwardSharing.allowed) continue;
        expect({ nodeId, relay: partnerId }).toEqual({ nodeId, relay: 'asean-hub' });
        for (const target of outbound.onwardSharing.to) {
          expect(['kh-cnp', 'kh-gdce']).toContain(target);
          const inbound = get(target).inbound['asean-hub'];
          expect(inbound.acceptRelayed).toBe(true);
          expect(tlpWithin(outbound.tlpCeiling, inbound.tlpCeiling)).toBe(true);
          expect(outbound.offenceCategories.some((c) => inbound.offenceCategories.includes(c))).toBe(true);
        }
      }
    }
  });

  it('ship the examples of the issue', () => {
    const toCnp = get('kr-knpa').outbound['kh-cnp'];
    expect(toCnp.offenceCategories.sort()).toEqual(['DRUG_TRAFFICKING', 'ONLINE_SCAM']);
    expect(toCnp.tlpCeiling).toBe('AMBER');
    expect(toCnp.dataCategories).not.toContain('IDENTITY_DOCUMENTS');
    expect(toCnp.transforms).toEqual([{ path: 'subjects[].dateOfBirth', transform: 'GENERALISE_YEAR' }]);
    const toHub = get('kr-knpa').outbound['asean-hub'];
    expect(toHub.dataCategories.sort()).toEqual(['TRANSACTIONS', 'WALLET_AND_ACCOUNT_IDENTIFIERS']);
    expect(toHub.onwardSharing).toEqual({ allowed: true, to: ['kh-cnp', 'kh-gdce'] });
  });
});

describe('the exchanges in the shipped policies', () => {
  const load = (nodeId: string) => loadPolicyFile(defaultPolicyFile(nodeId), { nodeId });

  it('list nothing of their own and report hits only where the issue says', () => {
    const hanbit = load('kr-exchange-hanbit');
    const meridian = load('global-exchange-meridian');
    for (const file of [hanbit, meridian])
      for (const policy of Object.values(file.outbound)) expect(policy.watchlistCategories).toEqual([]);
    expect(hanbit.outbound['kh-cnp'].hitReports).toEqual({ allowed: false, offenceCategories: [] });
    expect(meridian.outbound['kr-knpa'].hitReports).toEqual({ allowed: true, offenceCategories: ['ONLINE_SCAM'] });
    expect(meridian.outbound['kr-kcs'].hitReports.allowed).toBe(false);
  });

  it('grant Meridian no drug cases and give it the longer deadlines of its MoU', () => {
    const toMeridian = load('kr-knpa').outbound['global-exchange-meridian'];
    expect(toMeridian.offenceCategories).not.toContain('DRUG_TRAFFICKING');
    expect(toMeridian.watchlistCategories).not.toContain('DRUG_TRAFFICKING');
    expect(toMeridian.requestDeadlines).toEqual({ URGENT: 'PT12H', STANDARD: 'P5D', ROUTINE: 'P10D' });
    expect(load('kr-knpa').outbound['kr-exchange-hanbit'].watchlistCategories).toContain('DRUG_TRAFFICKING');
  });

  it('refuse hit reports without categories, and categories without hit reports', () => {
    const policy = (hitReports: string) => `outbound:\n  kh-cnp:${VALID_POLICY}\n    hitReports: ${hitReports}\n`;
    expect(() => parsePolicyFile(policy('{ allowed: true }'), 'p.yaml')).toThrow(/hitReports\.offenceCategories/);
    expect(() => parsePolicyFile(policy('{ allowed: false, offenceCategories: [ONLINE_SCAM] }'), 'p.yaml')).toThrow(
      /must be empty/,
    );
    expect(() =>
      parsePolicyFile(`outbound:\n  kh-cnp:${VALID_POLICY}\n    requestDeadlines: { URGENT: 8h }\n`, 'p.yaml'),
    ).toThrow(/requestDeadlines\.URGENT: must be an ISO 8601 duration/);
  });
});

describe('parsePolicyFile', () => {
  it('accepts a minimal file and fills the defaults', () => {
    const file = parsePolicyFile(`outbound:\n  kh-cnp:${VALID_POLICY}\n`, 'p.yaml', 'kr-knpa');
    expect(file.outbound['kh-cnp']).toEqual({
      offenceCategories: ['ONLINE_SCAM'],
      purposes: ['INVESTIGATION'],
      tlpCeiling: 'AMBER',
      dataCategories: ['PERSONS', 'DATES_OF_BIRTH'],
      transforms: [],
      onwardSharing: { allowed: false, to: [] },
      retentionDays: 365,
      approvalMode: 'LIAISON_OFFICER',
      watchlistCategories: [],
      requestDeadlines: { URGENT: 'PT8H', STANDARD: 'P3D', ROUTINE: 'P7D' },
      hitReports: { allowed: false, offenceCategories: [] },
    });
    expect(file.inbound).toEqual({});
    expect(parsePolicyFile('', 'empty.yaml')).toEqual({ source: 'empty.yaml', outbound: {}, inbound: {} });
  });

  it('names the file and the key path of every problem', () => {
    const text = `
outbound:
  kh-cnp:${VALID_POLICY}
    tlpCieling: RED
    transforms:
      - { path: "subjects[].names", transform: GENERALISE_YEAR }
      - { path: "subjects[].documents[].number", transform: LAST_3 }
      - { path: "subjects[].passport", transform: DROP }
    onwardSharing: { allowed: true }
inbound:
  kh-cnp: { offenceCategories: [ONLINE_SCAM], tlpCeiling: AMBER, maxRetentionDays: 0 }
`;
    let error: unknown;
    try {
      parsePolicyFile(text, 'config/policies/kr-knpa.yaml');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const message = (error as Error).message;
    expect(message).toMatch(/^Invalid configuration in config\/policies\/kr-knpa\.yaml:\n/);
    expect((error as PolicyFileError).problems).toEqual(
      expect.arrayContaining([
        'outbound.kh-cnp.tlpCieling: unknown key',
        expect.stringMatching(/^outbound\.kh-cnp\.transforms\.2\.path: must be one of summary, subjects\[\]\.names, /),
        'outbound.kh-cnp.onwardSharing.to: name the nodes the partner may relay to',
        expect.stringMatching(/^inbound\.kh-cnp\.maxRetentionDays: /),
      ]),
    );
  });

  it('refuses transforms that do not fit the field or touch a withheld category', () => {
    const text = `outbound:\n  kh-cnp:${VALID_POLICY}
    transforms:
      - { path: "subjects[].names", transform: GENERALISE_YEAR }
      - { path: "subjects[].documents[].number", transform: LAST_3 }
      - { path: "subjects[].names", transform: MASK }
`;
    expect(problemsOf(() => parsePolicyFile(text, 'p.yaml'))).toEqual([
      'outbound.kh-cnp.transforms.2: duplicate "subjects[].names"',
      'outbound.kh-cnp.transforms.0.transform: GENERALISE_YEAR does not apply to subjects[].names (use DROP, MASK, LAST_3)',
      'outbound.kh-cnp.transforms.1.path: subjects[].documents[].number is never shared: data category IDENTITY_DOCUMENTS is not allowed',
    ]);
  });

  it('refuses bad partner ids, a policy for the node itself and pointless relays', () => {
    expect(problemsOf(() => parsePolicyFile(`outbound:\n  KH_CNP:${VALID_POLICY}\n`, 'p.yaml'))).toEqual([
      expect.stringMatching(/^outbound\.KH_CNP: partner id must be lower-case letters/),
    ]);
    const text = `outbound:
  kr-knpa:${VALID_POLICY}
  asean-hub:${VALID_POLICY}
    onwardSharing: { allowed: true, to: [asean-hub, kr-knpa, kh-cnp] }
`;
    expect(problemsOf(() => parsePolicyFile(text, 'p.yaml', 'kr-knpa'))).toEqual([
      'outbound.kr-knpa: a node has no policy for itself',
      'outbound.asean-hub.onwardSharing.to.0: asean-hub cannot relay to itself',
      'outbound.asean-hub.onwardSharing.to.1: relaying back to kr-knpa itself makes no sense',
    ]);
  });

  it('reports YAML errors, duplicate keys and a wrong top level', () => {
    expect(problemsOf(() => parsePolicyFile('outbound: [', 'p.yaml'))).toEqual([
      expect.stringMatching(/^not valid YAML: /),
    ]);
    expect(
      problemsOf(() => parsePolicyFile(`outbound:\n  kh-cnp:${VALID_POLICY}\n  kh-cnp:${VALID_POLICY}\n`, 'p.yaml')),
    ).toEqual([expect.stringMatching(/^not valid YAML: .*unique/i)]);
    expect(problemsOf(() => parsePolicyFile('- outbound', 'p.yaml'))).toEqual([
      '(top level): must be a mapping with "outbound" and "inbound"',
    ]);
    expect(problemsOf(() => parsePolicyFile('partners: {}', 'p.yaml'))).toEqual(['partners: unknown key']);
  });

  it('loads from disk and reports a missing file', () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'fednode-policy-'));
    writeFileSync(
      path.join(dir, 'kh-cnp.yaml'),
      `inbound:\n  kr-knpa: { offenceCategories: [ONLINE_SCAM], tlpCeiling: GREEN, maxRetentionDays: 30 }\n`,
    );
    expect(loadPolicyFile('kh-cnp.yaml', { cwd: dir, nodeId: 'kh-cnp' }).inbound['kr-knpa']).toEqual({
      offenceCategories: ['ONLINE_SCAM'],
      tlpCeiling: 'GREEN',
      maxRetentionDays: 30,
      acceptRelayed: false,
    });
    expect(problemsOf(() => loadPolicyFile('nope.yaml', { cwd: dir }))).toEqual(['file not found']);
  });
});
