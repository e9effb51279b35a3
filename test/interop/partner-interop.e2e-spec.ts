// A partner written from docs/PROTOCOL.md, docs/PKI.md, README.md and config/ alone (no src/), with @noble
// and @peculiar/x509 instead of libsodium and node-forge, exchanging packets, receipts, the watchlist feed and
// a blinded hit-check with a real kr-knpa node process (the feed and hit-check: partner-watchlist.e2e-spec.ts). Where the node breaks a MUST of the documents the
// strict check stays, marked test.failing with the defect, so it flips when the node is fixed.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sha256 } from '@noble/hashes/sha2.js';
import { canonicalize, concatBytes, hex, utf8 } from './partner/canonical.js';
import type { Json } from './partner/canonical.js';
import { isCanonicalWire } from './partner/envelope.js';
import { bodyProblems } from './partner/body-schemas.js';
import { PartnerNode } from './partner/partner-node.js';
import type { ReceivedCall } from './partner/partner-node.js';
import { eventually, graphql, login, NODE_ID, PARTNER_ID, startInterop } from './node-under-test.js';
import type { Interop, NodeUnderTest } from './node-under-test.js';

const WALLET = '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed';
const WALLET_EIP55 = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';
const OUR_POLICY = `${PARTNER_ID}/${NODE_ID}/v1`; // same shape as the node's kr-knpa/th-dsi/v1
const DAY_MS = 24 * 3600 * 1000;

// A case body as docs/schemas/case-body.json specifies it (PROTOCOL.md §12.4); checked against that
// schema below before anything is sent.
const caseBody = (over: Record<string, Json> = {}): Json => ({
  reference: 'DSI-2026-0007',
  title: 'Mule accounts of a scam compound',
  offenceCategories: ['ONLINE_SCAM'],
  tlp: 'AMBER',
  handlingCodes: [],
  sourceReliability: 'B',
  informationAccuracy: 2,
  policyVersion: 1,
  terms: { purpose: 'INVESTIGATION', retentionDays: 180, onwardSharing: { allowed: false, to: [] } },
  summary: 'Mule accounts opened in Bangkok for a compound in Sihanoukville',
  subjects: [],
  identifiers: [{ id: 'i1', type: 'WALLET_EVM', value: '0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359' }],
  transactions: [],
  requests: [],
  ...over,
});

let partner: PartnerNode;
let node: NodeUnderTest;
let nodeKeys: Interop['nodeKeys'];
let analyst: string;
let liaison: string;
let interop: Interop;
const dir = mkdtempSync(join(tmpdir(), 'interop-'));

const q = <T>(query: string, variables: Record<string, unknown> = {}, token = analyst) =>
  graphql<T>(node.graphqlUrl, query, variables, token);
const post = (wire: string) => partner.call(node.peerUrl, NODE_ID, 'POST', '/federation/v1/packets', wire);
const sealCase = (over: Record<string, Json> = {}) => partner.seal(nodeKeys, 'case', caseBody(over), OUR_POLICY);

beforeAll(async () => {
  interop = await startInterop(dir);
  ({ partner, node, nodeKeys, analyst, liaison } = interop);
}, 120_000);

afterAll(async () => {
  await interop?.stop();
  rmSync(dir, { recursive: true, force: true });
});

describe('PKI and the peer endpoint', () => {
  test('mutual TLS both ways; the node certificate binds the keys nodeInfo publishes', async () => {
    const { hello, node: cert } = await partner.peerCertificate(node.peerUrl, NODE_ID);
    expect(hello).toEqual({ node: NODE_ID, peer: PARTNER_ID, protocolVersions: [1, 2] }); // §12, §15
    const { nodeInfo } = await q<{ nodeInfo: Record<string, string> }>(
      '{ nodeInfo { id keyId signingPublicKey encryptionPublicKey certificateFingerprint } }',
    );
    expect(nodeInfo.id).toBe(NODE_ID);
    expect(Buffer.from(nodeInfo.signingPublicKey, 'base64')).toEqual(Buffer.from(cert.ed25519PublicKey));
    expect(Buffer.from(nodeInfo.encryptionPublicKey, 'base64')).toEqual(Buffer.from(cert.x25519PublicKey));
    expect(nodeInfo.certificateFingerprint).toBe(cert.fingerprint);
    // PKI.md: keyId = first 16 hex digits of SHA-256("fed-node-key-id/1" || ed25519Pub || x25519Pub).
    const pkiKeyId = hex(sha256(concatBytes(utf8('fed-node-key-id/1'), cert.ed25519PublicKey, cert.x25519PublicKey)));
    expect(nodeInfo.keyId).toBe(pkiKeyId.slice(0, 16));
  });

  test('a th-dsi certificate from a CA the node was not configured with is refused at the handshake', async () => {
    const impostor = await PartnerNode.create(PARTNER_ID);
    impostor.trust([node.caPem]);
    await expect(impostor.call(node.peerUrl, NODE_ID, 'GET', '/federation/v1/hello')).rejects.toThrow();
  });
});

describe('kr-knpa → th-dsi: a share approved by a liaison officer', () => {
  let shareId: string;
  let received: ReceivedCall;
  let caseId: string;

  beforeAll(async () => {
    const { createCase } = await q<{ createCase: { id: string } }>(
      'mutation($i: CaseInput!) { createCase(input: $i) { id } }',
      {
        i: {
          reference: 'KNPA-2026-0101',
          title: 'Romance scam wallets',
          summary: 'Wallets of a scam compound',
          offenceCategories: ['ONLINE_SCAM'],
          tlp: 'AMBER',
          sourceReliability: 'B',
          informationAccuracy: 2,
          identifiers: [{ type: 'WALLET_EVM', value: WALLET }],
          subjects: [{ names: ['Kim Example'], dateOfBirth: '1990-04-01', nationality: 'KR' }],
          requests: [{ kind: 'REQUEST_FOR_INFORMATION', text: 'Who opened the receiving accounts?' }],
        },
      },
    );
    caseId = createCase.id;
    const { requestShare } = await q<{ requestShare: { id: string; status: string }[] }>(
      `mutation($c: ID!) { requestShare(caseId: $c, partnerIds: ["${PARTNER_ID}"], purpose: INVESTIGATION) { id status } }`,
      { c: caseId },
    );
    expect(requestShare[0].status).toBe('PENDING_APPROVAL');
    shareId = requestShare[0].id;
    await q('mutation($id: ID!) { approveShare(id: $id) { status } }', { id: shareId }, liaison);
    received = await eventually('the packet at th-dsi', async () => partner.calls.find((c) => c.opened));
  });

  test('the packet opens and verifies under every step of §8, and carries the redacted case', () => {
    const { packet, body } = received.opened!;
    expect(received.status).toBe(200);
    expect(packet.header).toMatchObject({ from: NODE_ID, to: [PARTNER_ID], type: 'case', version: 1 });
    expect(packet.header.policyVersion).toBe(`${NODE_ID}/${PARTNER_ID}/v1`);
    expect(body).toMatchObject({
      reference: 'KNPA-2026-0101',
      tlp: 'AMBER',
      policyVersion: 1,
      identifiers: [{ type: 'WALLET_EVM', value: WALLET_EIP55 }],
      subjects: [{ names: ['Kim Example'], dateOfBirth: '1990' }], // GENERALISE_YEAR of our policy
      terms: { purpose: 'INVESTIGATION', retentionDays: 365, onwardSharing: { allowed: false, to: [] } },
    });
    expect(bodyProblems('case-body', body)).toEqual([]); // what the node sends meets the published schema
  });

  test('our signed receipt is accepted: the share reaches DELIVERED with it', async () => {
    const { shareRequest } = await eventually('DELIVERED', async () => {
      const r = await q<{ shareRequest: { status: string; packetId: string } }>(
        'query($id: ID!) { shareRequest(id: $id) { status packetId } }',
        { id: shareId },
      );
      return r.shareRequest.status === 'DELIVERED' ? r : undefined;
    });
    expect(shareRequest.packetId).toBe(received.opened!.packet.header.packetId);
    const { deliveries } = await q<{ deliveries: { id: string; status: string; receipt: Json }[] }>(
      '{ deliveries { id status receipt } }',
      {},
      await login(node.graphqlUrl, 'admin'),
    );
    const delivery = deliveries.find((d) => d.id === shareRequest.packetId)!;
    expect(delivery.status).toBe('DELIVERED');
    expect(canonicalize(delivery.receipt)).toBe(canonicalize(received.answer as Json));
  });

  test('the wire text is the canonical JCS form (§7 MUST)', () => {
    expect(isCanonicalWire(received.text)).toBe(true);
  });

  test('the node checks our receipt: one naming another content hash does not make the share DELIVERED', async () => {
    partner.receiptHook = (r) => ({ ...r, contentHash: '0'.repeat(64) });
    try {
      const { requestShare } = await q<{ requestShare: { id: string }[] }>(
        `mutation($c: ID!) { requestShare(caseId: $c, partnerIds: ["${PARTNER_ID}"], purpose: INTELLIGENCE_PICTURE) { id } }`,
        { c: caseId },
      );
      const { approveShare } = await q<{ approveShare: { packetId: string } }>(
        'mutation($id: ID!) { approveShare(id: $id) { packetId } }',
        { id: requestShare[0].id },
        liaison,
      );
      const admin = await login(node.graphqlUrl, 'admin');
      const delivery = await eventually('a refused receipt', async () => {
        const { deliveries } = await q<{ deliveries: { id: string; status: string; lastError: string | null }[] }>(
          '{ deliveries { id status lastError } }',
          {},
          admin,
        );
        return deliveries.find((d) => d.id === approveShare.packetId && d.lastError);
      });
      expect(delivery.status).toBe('QUEUED'); // retried, never DELIVERED on that receipt
    } finally {
      partner.receiptHook = undefined;
    }
  });

  test("the node's reply to our case reaches us threaded by inReplyTo", async () => {
    const ours = sealCase({ reference: 'DSI-2026-0008' });
    expect((await post(ours.wire)).status).toBe(200);
    const { replyToPacket } = await q<{ replyToPacket: { id: string } }>(
      'mutation($p: String!) { replyToPacket(packetId: $p, text: "The receiving accounts are known to us.") { id } }',
      { p: ours.packet.header.packetId },
    );
    await q('mutation($id: ID!) { approveShare(id: $id) { status } }', { id: replyToPacket.id }, liaison);
    const reply = await eventually('the reply at th-dsi', async () =>
      partner.calls.find((c) => c.opened?.packet.header.type === 'reply'),
    );
    expect(reply.status).toBe(200);
    expect(reply.opened!.packet.header.inReplyTo).toBe(ours.packet.header.packetId);
    expect(reply.opened!.body).toMatchObject({ kind: 'reply', reference: 'DSI-2026-0008', text: expect.any(String) });
  });

  test('th-dsi → kr-knpa: our reply to the shared case is threaded to the local case', async () => {
    const inReplyTo = received.opened!.packet.header.packetId;
    // A reply body as docs/schemas/reply-body.json specifies it.
    const body = {
      kind: 'reply',
      reference: 'KNPA-2026-0101',
      text: 'The receiving accounts were opened in Bangkok.',
      tlp: 'AMBER',
      offenceCategories: ['ONLINE_SCAM'],
      retentionDays: 365,
    };
    expect(bodyProblems('reply-body', body)).toEqual([]);
    const sealed = partner.seal(nodeKeys, 'reply', body, OUR_POLICY, { inReplyTo });
    const res = await post(sealed.wire);
    expect(res.status).toBe(200);
    const { caseReplies } = await q<{ caseReplies: { packetId: string; content: Json }[] }>(
      'query($c: ID!) { caseReplies(caseId: $c) { packetId content } }',
      { c: caseId },
    );
    expect(caseReplies).toEqual([{ packetId: sealed.packet.header.packetId, content: body }]);
  });
});

describe('th-dsi → kr-knpa: a packet sealed by the partner', () => {
  const verify = (res: { text: string }, sealed: ReturnType<typeof sealCase>) =>
    partner.verifyReceipt(JSON.parse(res.text), {
      packetId: sealed.packet.header.packetId,
      contentHash: sealed.packet.header.contentHash,
      receiver: NODE_ID,
    });

  test('is accepted with a signed receipt we verify, and shows in inboundPackets', async () => {
    expect(bodyProblems('case-body', caseBody())).toEqual([]); // built from the schema, checked against it
    const sealed = sealCase();
    const before = Date.now();
    const res = await post(sealed.wire);
    expect(res.status).toBe(200);
    const receipt = verify(res, sealed);
    expect(receipt).toMatchObject({ status: 'ACCEPTED', deliveredBy: PARTNER_ID, version: 1 });
    expect(receipt.receivedAt).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/);
    const { inboundPackets } = await q<{ inboundPackets: Record<string, Json>[] }>(
      '{ inboundPackets { packetId originNode deliveredBy signatureVerified policyVersion retentionUntil content } }',
    );
    const stored = inboundPackets.find((p) => p.packetId === sealed.packet.header.packetId)!;
    expect(stored).toMatchObject({
      originNode: PARTNER_ID,
      deliveredBy: PARTNER_ID,
      signatureVerified: true,
      policyVersion: OUR_POLICY,
      content: caseBody(),
    });
    // Our terms say 180 days, the node's inbound policy allows 365: the shorter one holds.
    const retention = Date.parse(stored.retentionUntil as string) - before;
    expect(Math.abs(retention - 180 * DAY_MS)).toBeLessThan(60_000);
  });

  test('a byte-identical redelivery is answered with the same receipt', async () => {
    const sealed = sealCase();
    const first = await post(sealed.wire);
    const again = await post(sealed.wire);
    expect(again.status).toBe(200);
    // §12: a receipt travels in its canonical form, and a redelivery gets the same bytes.
    expect(first.text).toBe(canonicalize(JSON.parse(first.text) as Json));
    expect(again.text).toBe(first.text);
    verify(again, sealed);
  });

  // §9: only the accepted packet byte for byte is a redelivery; a copy is verified first (BAD_SIGNATURE).
  test('a tampered copy of an accepted packet is refused, not acknowledged as a duplicate', async () => {
    const sealed = sealCase();
    expect((await post(sealed.wire)).status).toBe(200);
    const copy = JSON.parse(sealed.wire) as { ciphertext: string };
    const c = Buffer.from(copy.ciphertext, 'base64url');
    c[0] ^= 1;
    copy.ciphertext = c.toString('base64url');
    const res = await post(JSON.stringify(copy));
    expect(res.status).toBe(422);
    expect(verify(res, sealed)).toMatchObject({ status: 'REJECTED', reason: 'BAD_SIGNATURE' });
  });

  test.each([
    ['BAD_SIGNATURE', () => tamperHeader(sealCase())],
    ['NOT_ADDRESSED_TO_US', () => partner.seal({ ...nodeKeys, nodeId: 'kh-cnp' }, 'case', caseBody(), OUR_POLICY).wire],
    ['PACKET_EXPIRED', () => sealAt(Date.now() - 10 * DAY_MS)],
    ['PACKET_FROM_FUTURE', () => sealAt(Date.now() + 3600_000)],
    ['REJECTED_BY_INBOUND_POLICY', () => sealCase({ tlp: 'RED' }).wire],
  ])('%s: 422 and a signed REJECTED receipt', async (reason, make) => {
    const wire = make();
    const { header } = JSON.parse(wire) as { header: { packetId: string; contentHash: string } };
    const res = await post(wire);
    expect(res.status).toBe(422);
    const receipt = partner.verifyReceipt(JSON.parse(res.text), { ...header, receiver: NODE_ID });
    expect(receipt).toMatchObject({ status: 'REJECTED', reason });
  });

  test('a body that is not a packet: 400', async () => {
    const res = await post('{"hello":"world"}');
    expect(res.status).toBe(400);
  });

  test('a packet of format version 2 is refused as UNSUPPORTED_VERSION', async () => {
    const packet = JSON.parse(sealCase().wire) as { header: { version: number } };
    packet.header.version = 2;
    const res = await post(canonicalize(packet as unknown as Json));
    expect(res.status).toBe(400);
    expect((JSON.parse(res.text) as { error: { code: string } }).error.code).toBe('UNSUPPORTED_VERSION');
  });
});

/** A correctly signed packet whose header is then changed: the signature no longer covers it. */
function tamperHeader(sealed: ReturnType<typeof sealCase>): string {
  return canonicalize({
    ...sealed.packet,
    header: { ...sealed.packet.header, policyVersion: 'th-dsi/kr-knpa/v9' },
  } as unknown as Json);
}

const sealAt = (createdAt: number) =>
  partner.seal(nodeKeys, 'case', caseBody(), OUR_POLICY, { createdAt, lifetimeMs: DAY_MS }).wire;
