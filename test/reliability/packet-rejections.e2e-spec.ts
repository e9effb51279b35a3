import { Role } from '../../src/kernel/vocabulary/role.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { loadAgencyCa, rotateNodeIdentity } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { createAgencyCa, issueNodeCertificate } from '../../src/kernel/pki/node-certificate.js';
import type { NodeProcess } from '../support/node-process.js';
import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { printLedger, receiverLedger, type Ledger } from './support/delivery-ledger.js';
import { outcomeOf, PeerStandIn, type PostResult } from './support/peer-stand-in.js';

const DAY_MS = 24 * 3600 * 1000;

/**
 * One real node process (kh-cnp) receiving over real mutual TLS from the test standing in for its
 * partners kr-knpa and kh-gdce (their real keys and certificates): duplicated and replayed packets,
 * tampered packets, packets for another node, revoked / expired / untrusted certificates and clock
 * skew beyond the window. Every packet must be stored once or refused with its reason code.
 */
/** Generous: a shared, loaded machine makes node start-ups slow; speed is measured by the benchmarks, not here. */
const TEST_TIMEOUT_MS = 300_000;

describe('reliability: packets a receiver must refuse or take once', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp', 'kh-gdce']);
  let receiver: { id: string; federationPort: number };
  let knpa: PeerStandIn;
  let gdce: PeerStandIn;
  let node: NodeProcess;

  function ledger(
    scenario: string,
    packets: SealedPacket[],
    refusedUnread: Record<string, number> = {},
  ): Promise<Ledger> {
    return receiverLedger(
      scenario,
      [
        {
          to: 'kh-cnp',
          databaseUrl: federation.slot('kh-cnp').databaseUrl,
          packetIds: packets.map((p) => p.header.packetId),
        },
      ],
      refusedUnread,
    );
  }

  /**
   * Refusals at the TLS layer the receiver logged since `mark`: OpenSSL's own (chain, validity: its
   * error does not say which) and the node's admission check right after the handshake (with a reason).
   */
  function tlsRefusals(mark: number): Record<string, number> {
    const counts: Record<string, number> = {};
    for (const entry of node.logEntries().slice(mark)) {
      let key: string | undefined;
      if (entry.event === 'federation.tls_refused') key = 'TLS_HANDSHAKE_FAILED';
      if (entry.event === 'federation.peer_refused')
        key = `TLS_ADMISSION_${/CERTIFICATE_[A-Z_]+/.exec(String(entry.reason))?.[0] ?? 'REFUSED'}`;
      if (key) counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  function tamper(packet: SealedPacket, change: (copy: SealedPacket) => void): SealedPacket {
    const copy = structuredClone(packet) as SealedPacket;
    change(copy);
    return copy;
  }

  function flipBase64url(text: string, at: number): string {
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const index = alphabet.indexOf(text[at]);
    return text.slice(0, at) + alphabet[(index + 1) % 64] + text.slice(at + 1);
  }

  beforeAll(async () => {
    await federation.prepare();
    node = await federation.start('kh-cnp');
    receiver = { id: 'kh-cnp', federationPort: federation.slot('kh-cnp').federationPort };
    knpa = await PeerStandIn.load(federation.root, 'kr-knpa', federation.nodeIds);
    gdce = await PeerStandIn.load(federation.root, 'kh-gdce', federation.nodeIds);
  }, 180_000);
  afterAll(() => federation.stopAll());

  it(
    'duplicated and replayed packets: each stored once, every copy answered with the same signed receipt',
    async () => {
      const packets = await Promise.all(Array.from({ length: 8 }, () => knpa.seal()));
      // Three copies of each at once (a sender's retry racing its own timed-out attempt), on separate connections.
      const burst = await Promise.all(
        packets.flatMap((packet) =>
          [1, 2, 3].map(async () => ({ id: packet.header.packetId, result: await knpa.post(receiver, packet) })),
        ),
      );
      // Replayed later: by the origin, and the same bytes by another partner (a relay or a thief of the bytes).
      const later = await Promise.all(
        packets.map(async (packet) => ({ id: packet.header.packetId, result: await knpa.post(receiver, packet) })),
      );
      const relayed = await Promise.all(
        packets.map(async (packet) => ({ id: packet.header.packetId, result: await gdce.post(receiver, packet) })),
      );
      const copies = [...burst, ...later, ...relayed];
      const receipts = new Map<string, Set<string>>();
      for (const { id, result } of copies) {
        const seen = receipts.get(id) ?? new Set<string>();
        // The receipt's signature stands for the receipt (stored as jsonb, its key order may differ).
        seen.add('body' in result ? String((result.body as { signature?: string } | null)?.signature) : result.refused);
        receipts.set(id, seen);
      }
      const outcomes = copies.map(({ result }) => outcomeOf(result));
      const result = await ledger('duplicated and replayed packets', packets);
      result.notes = {
        copiesPosted: copies.length,
        copiesAnsweredAccepted: outcomes.filter((o) => o === 'ACCEPTED').length,
        packetsWithOneReceipt: [...receipts.values()].filter((set) => set.size === 1).length,
        refusals: [...new Set(copies.flatMap(({ result }) => ('refused' in result ? [result.refused] : [])))].slice(
          0,
          3,
        ),
      };
      printLedger(result);
      expect(outcomes.filter((o) => o !== 'ACCEPTED')).toEqual([]);
      expect([...receipts.values()].every((set) => set.size === 1)).toBe(true);
      expect(result).toMatchObject({ sent: 8, delivered: 8, rejected: {}, lost: 0, duplicated: 0 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'tampered packets are refused with their reason, and do not burn the ids of the genuine packets',
    async () => {
      const originals = await Promise.all(Array.from({ length: 7 }, () => knpa.seal()));
      const tampered = [
        tamper(originals[0], (p) => (p.ciphertext = flipBase64url(p.ciphertext, 10))),
        tamper(originals[1], (p) => (p.header = { ...p.header, policyVersion: 'kr-knpa/kh-cnp@2' })),
        tamper(originals[2], (p) => (p.signature = flipBase64url(p.signature, 5))),
        tamper(
          originals[3],
          (p) => (p.recipients = [{ ...p.recipients[0], sealedKey: flipBase64url(p.recipients[0].sealedKey, 3) }]),
        ),
        tamper(originals[4], (p) => (p.nonce = flipBase64url(p.nonce, 2))),
        tamper(
          originals[5],
          (p) => (p.header = { ...p.header, expiresAt: new Date(Date.now() + 20 * DAY_MS).toISOString() }),
        ),
        tamper(originals[6], (p) => (p.senderCertificate = gdce.identity.certificatePem)),
      ];
      const outcomes = [];
      for (const packet of tampered) outcomes.push(outcomeOf(await knpa.post(receiver, packet)));
      const refused = await ledger('tampered packets', tampered);
      printLedger(refused);
      expect(outcomes).toEqual([...Array(6).fill('BAD_SIGNATURE'), 'UNTRUSTED_CERTIFICATE']);
      expect(refused).toMatchObject({
        sent: 7,
        delivered: 0,
        rejected: { BAD_SIGNATURE: 6, UNTRUSTED_CERTIFICATE: 1 },
        lost: 0,
        duplicated: 0,
      });

      for (const packet of originals) expect(outcomeOf(await knpa.post(receiver, packet))).toBe('ACCEPTED');
      const genuine = await ledger('genuine packets after their tampered copies', originals);
      printLedger(genuine);
      expect(genuine).toMatchObject({ sent: 7, delivered: 7, lost: 0, duplicated: 0 });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'packets addressed to another node are refused, those listing it among several recipients are taken',
    async () => {
      const forOthers = await Promise.all(Array.from({ length: 4 }, () => knpa.seal({ to: ['kh-gdce'] })));
      const shared = await Promise.all(Array.from({ length: 2 }, () => knpa.seal({ to: ['kh-gdce', 'kh-cnp'] })));
      const outcomes = [];
      for (const packet of [...forOthers, ...shared]) outcomes.push(outcomeOf(await knpa.post(receiver, packet)));
      const result = await ledger('packets for another node', [...forOthers, ...shared]);
      printLedger(result);
      expect(outcomes).toEqual([...Array(4).fill('NOT_ADDRESSED_TO_US'), 'ACCEPTED', 'ACCEPTED']);
      expect(result).toMatchObject({
        sent: 6,
        delivered: 2,
        rejected: { NOT_ADDRESSED_TO_US: 4 },
        lost: 0,
        duplicated: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'clock skew beyond the window: packets from the future and expired packets are refused; within the window they are taken',
    async () => {
      const now = Date.now();
      const future = await Promise.all(
        [6, 30, 24 * 60].map((minutes) => knpa.seal({ createdAt: new Date(now + minutes * 60_000) })),
      );
      const expired = await Promise.all(
        [2, 48].map((hours) => knpa.seal({ createdAt: new Date(now - hours * 3600_000), expiresInSeconds: 600 })),
      );
      const withinSkew = await Promise.all(
        [-60, 60, 240].map((seconds) => knpa.seal({ createdAt: new Date(now + seconds * 1000) })),
      );
      const all = [...future, ...expired, ...withinSkew];
      const outcomes = [];
      for (const packet of all) outcomes.push(outcomeOf(await knpa.post(receiver, packet)));
      const result = await ledger('clock skew beyond the window', all);
      printLedger(result);
      expect(outcomes).toEqual([
        ...Array(3).fill('PACKET_FROM_FUTURE'),
        ...Array(2).fill('PACKET_EXPIRED'),
        ...Array(3).fill('ACCEPTED'),
      ]);
      expect(result).toMatchObject({
        sent: 8,
        delivered: 3,
        rejected: { PACKET_FROM_FUTURE: 3, PACKET_EXPIRED: 2 },
        lost: 0,
        duplicated: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'revoked, expired and untrusted certificates are refused in the packet and at the TLS handshake',
    async () => {
      // kr-knpa rotates after a key compromise and kh-cnp's ADMIN revokes the old certificate.
      const before = knpa;
      await rotateNodeIdentity({ dataDir: federation.root, nodeId: 'kr-knpa', kdf: FAST_KDF });
      const after = await PeerStandIn.load(federation.root, 'kr-knpa', federation.nodeIds);
      const admin = await federation.token('kh-cnp', 'rel-admin', [Role.ADMIN]);
      const revoked = await federation.graphql(
        'kh-cnp',
        'mutation ($f: String!) { revokePeerCertificate(fingerprint: $f, reason: "key compromise") { fingerprint } }',
        { f: before.identity.certificate.fingerprintSha256 },
        admin,
      );
      expect(revoked.errors).toBeUndefined();

      // kh-gdce's certificate that expired yesterday, and one for kh-gdce from a CA nobody trusts; both bind its real keys.
      const keys = gdce.identity.keys.current;
      const binding = {
        nodeId: 'kh-gdce',
        agencyId: 'kh-gdce',
        ed25519PublicKey: keys.signing.publicKey,
        x25519PublicKey: keys.encryption.publicKey,
      };
      const expiredCert = await issueNodeCertificate({
        ca: await loadAgencyCa(federation.root, 'kh-gdce'),
        ...binding,
        validDays: 1,
        notBefore: new Date(Date.now() - 2 * DAY_MS),
      });
      const rogueCa = await createAgencyCa({ agencyId: 'kh-gdce', validDays: 365 });
      const rogueCert = await issueNodeCertificate({ ca: rogueCa, ...binding, validDays: 30 });
      const signer = (certificatePem: string, source: PeerStandIn) => ({
        certificatePem,
        signingSecretKey: source.identity.keys.current.signing.privateKey,
        signingPublicKey: source.identity.keys.current.signing.publicKey,
      });

      // In the packet, over a valid TLS connection.
      const inPacket: [PeerStandIn, SealedPacket][] = [
        [after, await before.seal({ signer: signer(before.identity.certificatePem, before) })],
        [gdce, await gdce.seal({ signer: signer(expiredCert.certPem, gdce) })],
        [gdce, await gdce.seal({ signer: signer(rogueCert.certPem, gdce) })],
      ];
      // At the handshake: the same certificates as TLS client certificates.
      const atHandshake: [PeerStandIn, SealedPacket][] = [
        [before, await before.seal()],
        [gdce.withTlsCertificate(expiredCert.certPem, expiredCert.keyPem), await gdce.seal()],
        [gdce.withTlsCertificate(rogueCert.certPem, rogueCert.keyPem), await gdce.seal()],
      ];
      const controls: [PeerStandIn, SealedPacket][] = [
        [after, await after.seal()],
        [gdce, await gdce.seal()],
      ];
      const mark = node.logEntries().length;
      const outcomes: string[] = [];
      for (const [sender, packet] of [...inPacket, ...atHandshake, ...controls]) {
        const result: PostResult = await sender.post(receiver, packet);
        outcomes.push(outcomeOf(result));
      }
      const refusedAtTls = await eventually(
        'the TLS refusals in the log',
        async () => {
          const counts = tlsRefusals(mark);
          return Object.values(counts).reduce((a, b) => a + b, 0) >= 3 ? counts : undefined;
        },
        10_000,
      );
      const all = [...inPacket, ...atHandshake, ...controls].map(([, packet]) => packet);
      const result = await ledger('revoked, expired and untrusted certificates', all, refusedAtTls);
      printLedger(result);
      expect(outcomes).toEqual([
        'CERTIFICATE_REVOKED',
        'CERTIFICATE_EXPIRED',
        'UNTRUSTED_CERTIFICATE',
        'TLS_REFUSED',
        'TLS_REFUSED',
        'TLS_REFUSED',
        'ACCEPTED',
        'ACCEPTED',
      ]);
      expect(result).toMatchObject({
        sent: 8,
        delivered: 2,
        rejected: {
          CERTIFICATE_REVOKED: 1,
          CERTIFICATE_EXPIRED: 1,
          UNTRUSTED_CERTIFICATE: 1,
          TLS_ADMISSION_CERTIFICATE_REVOKED: 1,
          TLS_HANDSHAKE_FAILED: 2,
        },
        lost: 0,
        duplicated: 0,
      });
    },
    TEST_TIMEOUT_MS,
  );
});
