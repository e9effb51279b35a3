import { eventually, FederationHarness } from '../federation/support/federation-harness.js';
import { outcomeOf, PeerStandIn } from '../reliability/support/peer-stand-in.js';
import { tamperedCopies } from './support/tampered-copy.js';

/**
 * #14 item 11 and #16 item 2, as an attacker does it: a partner (kr-knpa) and a hub that saw the bytes
 * (asean-hub) post copies of a packet kh-cnp has accepted, one part changed and the signature kept. Only a
 * byte-identical copy is a redelivery; every other copy is refused as BAD_SIGNATURE (docs/PROTOCOL.md §8,
 * §9 "the same packet") and recorded, and the stored packet is untouched.
 */
describe('security: tampered copies of an accepted packet', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp', 'asean-hub']);
  let receiver: { id: string; federationPort: number };
  let partner: PeerStandIn;
  let hub: PeerStandIn;

  beforeAll(async () => {
    await federation.prepare();
    await federation.start('kh-cnp');
    receiver = { id: 'kh-cnp', federationPort: federation.slot('kh-cnp').federationPort };
    partner = await PeerStandIn.load(federation.root, 'kr-knpa', federation.nodeIds);
    hub = await PeerStandIn.load(federation.root, 'asean-hub', federation.nodeIds);
  }, 180_000);
  afterAll(() => federation.stopAll());

  const rejections = (packetId: string) =>
    federation.sql<{ reason: string; from_node: string }>(
      'kh-cnp',
      'SELECT reason, from_node FROM packet_rejection WHERE packet_id = $1 ORDER BY id',
      [packetId],
    );
  const stored = (packetId: string) =>
    federation.sql<{ content_hash: string }>(
      'kh-cnp',
      "SELECT sealed->'header'->>'contentHash' AS content_hash FROM received_packet WHERE packet_id = $1",
      [packetId],
    );

  it.each([
    ['the partner that sent it', () => partner],
    ['a hub holding its bytes', () => hub],
  ])('%s: every tampered copy is refused as BAD_SIGNATURE and recorded', async (_who, sender) => {
    const packet = await partner.seal();
    const { packetId } = packet.header;
    const first = await partner.post(receiver, packet);
    expect(outcomeOf(first)).toBe('ACCEPTED');

    const copies = tamperedCopies(packet);
    const outcomes: Record<string, string> = {};
    for (const [what, copy] of copies) {
      const answer = await sender().post(receiver, copy);
      outcomes[what] = `${'status' in answer ? answer.status : 'refused'} ${outcomeOf(answer)}`;
    }
    expect(outcomes).toEqual(Object.fromEntries(copies.map(([what]) => [what, '422 BAD_SIGNATURE'])));
    const recorded = await eventually('the recorded refusals', async () => {
      const rows = await rejections(packetId);
      return rows.length >= copies.length ? rows : undefined;
    });
    expect(recorded.map((row) => row.reason)).toEqual(copies.map(() => 'BAD_SIGNATURE'));

    // The stored packet is the genuine one, and its byte-identical copy is still a redelivery.
    const [held] = await stored(packetId);
    expect(held.content_hash).toBe(packet.header.contentHash);
    const again = await sender().post(receiver, packet);
    expect('status' in again && again.status).toBe(200);
    expect((again as { body: unknown }).body).toEqual((first as { body: unknown }).body);
  });
});
