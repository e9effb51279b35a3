import pino from 'pino';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { PacketIntakeService } from '../../src/envelope/packet-intake.service.js';
import { sealPacket } from '../../src/envelope/packet-envelope.js';
import { PacketRejectionReason, isPacketRejection } from '../../src/kernel/vocabulary/packet-rejection.js';
import type { SealedPacket } from '../../src/envelope/packet-wire.js';
import { rotateNodeIdentity } from '../../src/identity/dev-federation.js';
import { FAST_KDF } from '../../src/identity/identity.test-helpers.js';
import { loadNodeIdentity, type NodeIdentity } from '../../src/identity/node-identity.loader.js';
import { NodeIdentityService } from '../../src/identity/node-identity.service.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode, testConfig } from '../support/test-node.js';

const DAY = 24 * 3600;
const silent = pino({ level: 'silent' });

/** kh-cnp receives; kr-knpa (a trusted peer), kh-gdce (trusted, but the packets are not for it) and kr-kcs (untrusted CA) send. */
describe('verification of inbound packets', () => {
  const federation = new TestFederation('intake', ['kr-knpa', 'kh-cnp', 'kh-gdce', 'kr-kcs']);
  let receiver: TestNode;
  let intake: PacketIntakeService;
  let adminToken: string;
  const senders: Record<string, NodeIdentity> = {};

  async function senderIdentity(nodeId: string): Promise<NodeIdentity> {
    return loadNodeIdentity(testConfig({ id: nodeId }, federation.pkiDir), silent);
  }

  async function packetFrom(
    sender: NodeIdentity,
    options: { to?: string[]; createdAt?: Date; expiresInSeconds?: number; recipientKey?: Uint8Array } = {},
  ): Promise<SealedPacket> {
    const createdAt = options.createdAt ?? receiver.clock.now();
    const to = options.to ?? ['kh-cnp'];
    const receiverKey =
      options.recipientKey ?? receiver.app().get(NodeIdentityService).current().keys.current.encryption.publicKey;
    const recipients = await Promise.all(
      to.map(async (nodeId) => ({
        nodeId,
        x25519PublicKey:
          nodeId === 'kh-cnp'
            ? receiverKey
            : (senders[nodeId] ?? (await senderIdentity(nodeId))).keys.current.encryption.publicKey,
      })),
    );
    return sealPacket({
      type: 'case',
      createdAt,
      expiresAt: new Date(createdAt.getTime() + (options.expiresInSeconds ?? 3600) * 1000),
      policyVersion: 'kr-knpa/kh-cnp@1',
      body: { title: 'Scam call centre in Sihanoukville', wallets: ['bc1qexample'] },
      sender: {
        nodeId: sender.nodeId,
        signingSecretKey: sender.keys.current.signing.privateKey,
        signingPublicKey: sender.keys.current.signing.publicKey,
        certificatePem: sender.certificatePem,
      },
      recipients,
    });
  }

  async function rejectionOf(packet: unknown): Promise<PacketRejectionReason> {
    try {
      await intake.receive(packet);
    } catch (error) {
      if (isPacketRejection(error)) return error.reason;
      throw error;
    }
    throw new Error('the packet was accepted');
  }

  beforeAll(async () => {
    [receiver] = await federation.start({
      id: 'kh-cnp',
      database: 'intake',
      trusted: ['kr-knpa', 'kh-cnp', 'kh-gdce'],
      config: { name: 'Cambodian National Police', identity: { rotationGraceSeconds: 2 * DAY } },
    });
    intake = receiver.app().get(PacketIntakeService);
    adminToken = await receiver.officerToken('cnp-admin', [Role.ADMIN]);
    for (const id of ['kr-knpa', 'kh-gdce', 'kr-kcs']) senders[id] = await senderIdentity(id);
  });
  afterAll(() => federation.stop());

  it('accepts a packet from a trusted peer, once; the second delivery is a replay, recorded with its reason', async () => {
    const packet = await packetFrom(senders['kr-knpa']);
    const { packet: opened } = await intake.receive(packet);
    expect(opened.header.from).toBe('kr-knpa');
    expect(opened.body).toEqual({ title: 'Scam call centre in Sihanoukville', wallets: ['bc1qexample'] });
    expect(await rejectionOf(packet)).toBe(PacketRejectionReason.REPLAY);
    const rows = await sql<{ reason: string; from_node: string }>(
      receiver.databaseUrl,
      'SELECT reason, from_node FROM packet_rejection WHERE packet_id = $1',
      [opened.header.packetId],
    );
    expect(rows).toEqual([{ reason: 'REPLAY', from_node: 'kr-knpa' }]);
    expect(
      receiver.logLines.some((line) => line.includes('"event":"packet.rejected"') && line.includes('REPLAY')),
    ).toBe(true);
  });

  it('stores nothing when the handler fails, so a redelivery is not mistaken for a replay', async () => {
    const packet = await packetFrom(senders['kr-knpa']);
    await expect(intake.receive(packet, async () => Promise.reject(new Error('disk full')))).rejects.toThrow(
      'disk full',
    );
    await expect(intake.receive(packet)).resolves.toMatchObject({ packet: { header: { from: 'kr-knpa' } } });
  });

  it('refuses a packet addressed to another node', async () => {
    expect(await rejectionOf(await packetFrom(senders['kr-knpa'], { to: ['kh-gdce'] }))).toBe(
      PacketRejectionReason.NOT_ADDRESSED_TO_US,
    );
  });

  it('refuses a sender whose CA is not a trust anchor, and a sender that is not a configured peer', async () => {
    expect(await rejectionOf(await packetFrom(senders['kr-kcs']))).toBe(PacketRejectionReason.UNTRUSTED_CERTIFICATE);
    const stranger = await loadNodeIdentity(testConfig({ id: 'asean-hub' }, federation.pkiDir), silent);
    expect(await rejectionOf(await packetFrom(stranger))).toBe(PacketRejectionReason.UNKNOWN_SENDER);
  });

  it('refuses packets dated beyond the clock-skew window, and expired packets', async () => {
    const future = new Date(receiver.clock.now().getTime() + 10 * 60 * 1000);
    expect(await rejectionOf(await packetFrom(senders['kr-knpa'], { createdAt: future }))).toBe(
      PacketRejectionReason.PACKET_FROM_FUTURE,
    );
    const withinSkew = new Date(receiver.clock.now().getTime() + 60 * 1000);
    await expect(
      intake.receive(await packetFrom(senders['kr-knpa'], { createdAt: withinSkew })),
    ).resolves.toBeDefined();
    const old = new Date(receiver.clock.now().getTime() - 2 * 3600 * 1000);
    expect(await rejectionOf(await packetFrom(senders['kr-knpa'], { createdAt: old, expiresInSeconds: 600 }))).toBe(
      PacketRejectionReason.PACKET_EXPIRED,
    );
  });

  it('refuses a packet signed under a certificate that has expired at the packet time', async () => {
    const later = new Date(receiver.clock.now().getTime() + 400 * DAY * 1000);
    receiver.clock.advance(400 * DAY);
    try {
      expect(await rejectionOf(await packetFrom(senders['kh-gdce'], { createdAt: later }))).toBe(
        PacketRejectionReason.CERTIFICATE_EXPIRED,
      );
    } finally {
      receiver.clock.advance(-400 * DAY);
    }
  });

  it('lets an ADMIN revoke a peer certificate, after which its packets are refused', async () => {
    const fingerprint = senders['kh-gdce'].certificate.fingerprintSha256;
    await expect(intake.receive(await packetFrom(senders['kh-gdce']))).resolves.toBeDefined();
    const analyst = await receiver.officerToken('cnp-analyst', [Role.ANALYST]);
    const mutation =
      'mutation ($f: String!, $r: String!) { revokePeerCertificate(fingerprint: $f, reason: $r) { fingerprint nodeId revokedBy } }';
    expect(
      (await receiver.graphql(mutation, { f: fingerprint, r: 'key compromise' }, analyst)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    expect((await receiver.graphql(mutation, { f: 'abc', r: 'x' }, adminToken)).errors?.[0].extensions).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'fingerprint',
    });
    const revoked = await receiver.graphql(
      mutation,
      { f: fingerprint.toUpperCase().match(/../g)!.join(':'), r: 'key compromise' },
      adminToken,
    );
    expect(revoked.data).toEqual({ revokePeerCertificate: { fingerprint, nodeId: 'kh-gdce', revokedBy: 'cnp-admin' } });
    expect(
      (await receiver.graphql(mutation, { f: fingerprint, r: 'again' }, adminToken)).errors?.[0].extensions?.code,
    ).toBe('CONFLICT');
    expect(await rejectionOf(await packetFrom(senders['kh-gdce']))).toBe(PacketRejectionReason.CERTIFICATE_REVOKED);
    const list = await receiver.graphql<{ revokedCertificates: { fingerprint: string }[] }>(
      '{ revokedCertificates { fingerprint } }',
      {},
      adminToken,
    );
    expect(list.data?.revokedCertificates).toEqual([{ fingerprint }]);
  });

  it("accepts a peer's previous certificate after it rotates, until the grace period ends", async () => {
    const before = senders['kr-knpa'];
    await intake.receive(await packetFrom(before));
    await rotateNodeIdentity({ dataDir: federation.pkiDir, nodeId: 'kr-knpa', mode: 'development', kdf: FAST_KDF });
    const after = await senderIdentity('kr-knpa');
    expect(after.certificate.fingerprintSha256).not.toBe(before.certificate.fingerprintSha256);
    await expect(intake.receive(await packetFrom(after))).resolves.toBeDefined();
    await expect(intake.receive(await packetFrom(before))).resolves.toBeDefined();
    receiver.clock.advance(2 * DAY + 60);
    try {
      expect(await rejectionOf(await packetFrom(before))).toBe(PacketRejectionReason.CERTIFICATE_SUPERSEDED);
      await expect(intake.receive(await packetFrom(after))).resolves.toBeDefined();
    } finally {
      receiver.clock.advance(-(2 * DAY + 60));
    }
    senders['kr-knpa'] = after;
  });

  it('rotates its own keys: nodeInfo changes, packets sealed to the old key open during the grace period only', async () => {
    const info = '{ nodeInfo { keyId certificateFingerprint encryptionPublicKey signingPublicKey } }';
    const before = (await receiver.graphql<{ nodeInfo: Record<string, string> }>(info)).data!.nodeInfo;
    const oldKey = Buffer.from(before.encryptionPublicKey, 'base64');
    const sealedToOldKey = await packetFrom(senders['kr-knpa'], { recipientKey: oldKey, expiresInSeconds: 4 * DAY });

    const analyst = await receiver.officerToken('cnp-analyst-2', [Role.ANALYST]);
    expect(
      (await receiver.graphql('mutation { rotateNodeKeys { keyId } }', {}, analyst)).errors?.[0].extensions?.code,
    ).toBe('FORBIDDEN');
    const rotated = await receiver.graphql<{ rotateNodeKeys: Record<string, string> }>(
      'mutation { rotateNodeKeys { keyId certificateFingerprint encryptionPublicKey } }',
      {},
      adminToken,
    );
    expect(rotated.errors).toBeUndefined();
    expect(rotated.data!.rotateNodeKeys.keyId).not.toBe(before.keyId);
    expect(rotated.data!.rotateNodeKeys.certificateFingerprint).not.toBe(before.certificateFingerprint);
    expect((await receiver.graphql<{ nodeInfo: Record<string, string> }>(info)).data!.nodeInfo.keyId).toBe(
      rotated.data!.rotateNodeKeys.keyId,
    );

    const alsoToOldKey = await packetFrom(senders['kr-knpa'], { recipientKey: oldKey, expiresInSeconds: 14 * DAY });
    await expect(intake.receive(sealedToOldKey)).resolves.toBeDefined();
    receiver.clock.advance(8 * DAY);
    try {
      expect(await rejectionOf(alsoToOldKey)).toBe(PacketRejectionReason.DECRYPTION_FAILED);
    } finally {
      receiver.clock.advance(-8 * DAY);
    }
  });
});
