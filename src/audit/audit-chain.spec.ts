import { createAgencyCa, issueNodeCertificate } from '../kernel/pki/node-certificate.js';
import { sodiumReady, type Sodium } from '../kernel/crypto/sodium.js';
import {
  AuditChainWalker,
  CHECKPOINT_TYPE,
  type CheckpointCheck,
  entryHash,
  GENESIS_HASH,
  nextEntry,
  type AuditEntryRecord,
  type AuditEvent,
} from './audit-chain.js';
import { checkpointChecker, signCheckpoint, type CheckpointSigner } from './audit-checkpoint.js';

const T0 = new Date('2026-11-25T10:00:00.000Z');

function event(i: number): AuditEvent {
  return {
    type: 'LOGIN_SUCCEEDED',
    actor: `officer-${i}`,
    subjectType: 'OFFICER_ACCOUNT',
    subjectId: `id-${i}`,
    details: { clientAddress: '127.0.0.1', n: i },
  };
}

function chain(length: number): AuditEntryRecord[] {
  const entries: AuditEntryRecord[] = [];
  for (let i = 0; i < length; i++)
    entries.push(nextEntry(entries.at(-1) ?? null, new Date(T0.getTime() + i * 1000), event(i)));
  return entries;
}

function walk(
  entries: AuditEntryRecord[],
  check: CheckpointCheck = () => null,
): ReturnType<AuditChainWalker['summary']> {
  const walker = new AuditChainWalker(check);
  for (const entry of entries) walker.push(entry);
  return walker.summary();
}

function rehash(entry: Omit<AuditEntryRecord, 'hash'>): AuditEntryRecord {
  return { ...entry, hash: entryHash(entry) };
}

describe('audit chain', () => {
  it('links each entry to the previous one from the genesis hash', () => {
    const entries = chain(3);
    expect(entries.map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(entries[0].prevHash).toBe(GENESIS_HASH);
    expect(entries[1].prevHash).toBe(entries[0].hash);
    expect(entries[0].hash).toMatch(/^[0-9a-f]{64}$/);
    expect(walk(entries)).toMatchObject({
      entries: 3,
      headSeq: 3,
      headHash: entries[2].hash,
      firstBreak: null,
      uncheckpointed: 3,
    });
  });

  it('hashes the canonical form, so key order in details does not matter but every value does', () => {
    const [entry] = chain(1);
    const reordered = { ...entry, details: { n: 0, clientAddress: '127.0.0.1' } };
    expect(entryHash(reordered)).toBe(entry.hash);
    expect(entryHash({ ...entry, details: { ...entry.details, n: 1 } })).not.toBe(entry.hash);
    expect(entryHash({ ...entry, actor: 'someone-else' })).not.toBe(entry.hash);
    expect(entryHash({ ...entry, occurredAt: '2026-11-25T10:00:00.001Z' })).not.toBe(entry.hash);
  });

  it('reports an altered entry at its own sequence number', () => {
    const entries = chain(5);
    entries[2] = { ...entries[2], details: { ...entries[2].details, clientAddress: '10.0.0.9' } };
    expect(walk(entries).firstBreak).toEqual({ seq: 3, problem: expect.stringContaining('does not match its hash') });
    expect(walk(entries).entries).toBe(2);
  });

  it('reports an altered and rehashed entry at the next link', () => {
    const entries = chain(5);
    entries[2] = rehash({ ...entries[2], actor: 'mallory' });
    expect(walk(entries).firstBreak).toEqual({ seq: 4, problem: expect.stringContaining('does not link to entry 3') });
  });

  it('reports a deleted entry as a gap at the missing sequence number', () => {
    const entries = chain(6);
    entries.splice(3, 1);
    expect(walk(entries).firstBreak).toEqual({ seq: 4, problem: expect.stringContaining('entry 4 is missing') });
  });

  it('reports an inserted entry, even a well-formed one, where the renumbered chain no longer links', () => {
    const entries = chain(5);
    const forged = nextEntry(entries[1], T0, { ...event(99), actor: 'mallory' });
    const shifted = entries.slice(2).map((e) => ({ ...e, seq: e.seq + 1 }));
    const tampered = [...entries.slice(0, 2), forged, ...shifted];
    expect(walk(tampered).firstBreak).toEqual({ seq: 4, problem: expect.stringContaining('entry 3 was inserted') });
  });

  it('reports reordered entries at the first moved position', () => {
    const entries = chain(5);
    const swapped = [...entries];
    swapped[1] = { ...entries[2], seq: 2 };
    swapped[2] = { ...entries[1], seq: 3 };
    expect(walk(swapped).firstBreak?.seq).toBe(2);
  });

  it('reports a duplicated sequence number', () => {
    const entries = chain(3);
    expect(walk([...entries, entries[2]]).firstBreak).toEqual({ seq: 3, problem: expect.stringContaining('twice') });
  });
});

describe('audit checkpoints', () => {
  let sodium: Sodium;
  let signer: CheckpointSigner;
  let anchors: string[];

  beforeAll(async () => {
    sodium = await sodiumReady();
    const ca = await createAgencyCa({ agencyId: 'kr-knpa', validDays: 30 });
    const keys = sodium.crypto_sign_keypair();
    const issued = await issueNodeCertificate({
      ca,
      nodeId: 'kr-knpa',
      agencyId: 'kr-knpa',
      ed25519PublicKey: keys.publicKey,
      x25519PublicKey: new Uint8Array(32).fill(7),
      validDays: 10,
    });
    signer = {
      nodeId: 'kr-knpa',
      keyId: issued.info.keyId,
      certificateFingerprint: issued.info.fingerprintSha256,
      certificatePem: issued.certPem,
      signingSecretKey: keys.privateKey,
    };
    anchors = [ca.certPem];
  });

  function withCheckpoint(entries: AuditEntryRecord[], sign = signer): AuditEntryRecord[] {
    const head = entries.at(-1)!;
    // Signed now: the certificates were issued a moment ago, and a checkpoint must fall in their validity.
    const now = new Date();
    const details = signCheckpoint(sodium, sign, head, now);
    return [
      ...entries,
      nextEntry(head, now, {
        type: CHECKPOINT_TYPE,
        actor: null,
        subjectType: 'AUDIT_LOG',
        subjectId: String(head.seq),
        details: { ...details },
      }),
    ];
  }

  it('accepts a checkpoint signed by the node key under a trusted certificate', () => {
    const entries = withCheckpoint(chain(4));
    const summary = walk(entries, checkpointChecker(sodium, { nodeId: 'kr-knpa', trustAnchorsPem: anchors }));
    expect(summary).toMatchObject({ firstBreak: null, checkpoints: 1, lastCheckpointSeq: 5, uncheckpointed: 0 });
  });

  it('catches a chain rewritten from an altered entry onwards at the next checkpoint', () => {
    const entries = chain(4);
    const signed = withCheckpoint(entries);
    const rewritten: AuditEntryRecord[] = [];
    for (const entry of signed) {
      const changed = entry.seq === 2 ? { ...entry, actor: 'mallory' } : entry;
      rewritten.push(rehash({ ...changed, prevHash: rewritten.at(-1)?.hash ?? GENESIS_HASH }));
    }
    const summary = walk(rewritten, checkpointChecker(sodium, { nodeId: 'kr-knpa', trustAnchorsPem: anchors }));
    expect(summary.firstBreak).toEqual({ seq: 5, problem: expect.stringContaining('vouches for entry 4 with hash') });
  });

  it("refuses a checkpoint whose signature or certificate is not the node's", async () => {
    const check = checkpointChecker(sodium, { nodeId: 'kr-knpa', trustAnchorsPem: anchors });
    const forgedKey = { ...signer, signingSecretKey: sodium.crypto_sign_keypair().privateKey };
    expect(walk(withCheckpoint(chain(2), forgedKey), check).firstBreak?.problem).toContain('signature does not verify');

    const otherCa = await createAgencyCa({ agencyId: 'kr-knpa', validDays: 30 });
    const keys = sodium.crypto_sign_keypair();
    const foreign = await issueNodeCertificate({
      ca: otherCa,
      nodeId: 'kr-knpa',
      agencyId: 'kr-knpa',
      ed25519PublicKey: keys.publicKey,
      x25519PublicKey: new Uint8Array(32),
      validDays: 5,
    });
    const impostor = { ...signer, certificatePem: foreign.certPem, signingSecretKey: keys.privateKey };
    expect(walk(withCheckpoint(chain(2), impostor), check).firstBreak?.problem).toContain('not a trusted certificate');

    expect(
      walk(withCheckpoint(chain(2)), checkpointChecker(sodium, { nodeId: 'kh-cnp', trustAnchorsPem: anchors }))
        .firstBreak?.problem,
    ).toContain('not "kh-cnp"');
  });
});
