import { FederationHarness } from '../federation/support/federation-harness.js';
import { outcomeOf, type PostResult } from '../reliability/support/peer-stand-in.js';
import { DataPartner } from './support/data-partner.js';

/**
 * Issue #14 items 5 and 7: what a hostile partner sends into a node's data. kh-cnp runs as a real node
 * process; the test is kr-knpa, sealing its own packets and signing its own watchlist entries with its
 * real keys, and posting them over mutual TLS as a partner node would.
 */
const TEST_TIMEOUT_MS = 300_000;

function receiptOf(result: PostResult): { status?: string; reason?: string; detail?: string } {
  if ('refused' in result) throw new Error(`the node refused the connection: ${result.refused}`);
  return (result.body as { receipt?: { status: string; reason?: string; detail?: string } }).receipt ?? {};
}

describe('security: partner data on intake (#14 items 5, 7)', () => {
  const federation = new FederationHarness(['kr-knpa', 'kh-cnp']);
  let knpa: DataPartner;

  const stored = async (packetId: string) =>
    federation.sql<{ id: string }>('kh-cnp', 'SELECT id FROM received_packet WHERE packet_id = $1', [packetId]);

  beforeAll(async () => {
    await federation.prepare();
    await federation.start('kh-cnp');
    const cnp = { id: 'kh-cnp', federationPort: federation.slot('kh-cnp').federationPort };
    knpa = await DataPartner.load(federation.root, 'kr-knpa', federation.nodeIds, cnp);
  }, 180_000);
  afterAll(() => federation.stopAll());

  it(
    'a case naming one accepted and one refused offence category is refused whole, naming the refused one',
    async () => {
      // kh-cnp accepts ONLINE_SCAM from kr-knpa but not ILLEGAL_FX_CUSTOMS_FRAUD (config/policies/kh-cnp.yaml).
      const mixed = await knpa.sendCase({ offenceCategories: ['ONLINE_SCAM', 'ILLEGAL_FX_CUSTOMS_FRAUD'] });
      expect(receiptOf(mixed.result)).toMatchObject({
        status: 'REJECTED',
        reason: 'REJECTED_BY_INBOUND_POLICY',
        detail: expect.stringContaining('offence category ILLEGAL_FX_CUSTOMS_FRAUD is not accepted from kr-knpa'),
      });
      expect(await stored(mixed.packetId)).toEqual([]);
      const [rejection] = await federation.sql<{ reason: string }>(
        'kh-cnp',
        'SELECT reason FROM packet_rejection WHERE packet_id = $1',
        [mixed.packetId],
      );
      expect(rejection).toEqual({ reason: 'REJECTED_BY_INBOUND_POLICY' });

      // The same case without the refused category is taken.
      const accepted = await knpa.sendCase({ offenceCategories: ['ONLINE_SCAM', 'MONEY_LAUNDERING'] });
      expect(outcomeOf(accepted.result)).toBe('ACCEPTED');
      expect(await stored(accepted.packetId)).toHaveLength(1);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'identifiers in a case packet pass the validators of local input: a bad-checksum wallet and a non-phone "phone" are refused by path',
    async () => {
      const good = { id: 'w1', type: 'WALLET_EVM', value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed' };
      const attacks: [string, Record<string, unknown>, RegExp][] = [
        [
          'bad-checksum wallet',
          { id: 'w2', type: 'WALLET_BTC', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3' },
          /^case payload: identifiers\[1\]\.value: not a valid WALLET_BTC: bad checksum/,
        ],
        [
          'mixed-case EVM address with a wrong EIP-55 checksum',
          { id: 'w2', type: 'WALLET_EVM', value: '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
          /^case payload: identifiers\[1\]\.value: not a valid WALLET_EVM: /,
        ],
        [
          'a "phone" that is no phone number',
          { id: 'p1', type: 'PHONE', value: 'call-me-on-signal' },
          /^case payload: identifiers\[1\]\.value: not a valid PHONE: /,
        ],
      ];
      for (const [what, identifier, detail] of attacks) {
        const sent = await knpa.sendCase({ identifiers: [good, identifier] });
        expect({ what, receipt: receiptOf(sent.result) }).toEqual({
          what,
          receipt: expect.objectContaining({
            status: 'REJECTED',
            reason: 'INVALID_PAYLOAD',
            detail: expect.stringMatching(detail),
          }),
        });
        expect(await stored(sent.packetId)).toEqual([]);
      }
      const wallets = await federation.sql('kh-cnp', 'SELECT 1 FROM received_identifier WHERE value = ANY($1)', [
        ['1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3', '0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed', 'call-me-on-signal'],
      ]);
      expect(wallets).toEqual([]);

      // Valid values in another spelling are taken and stored normalised; masked values (the sender's
      // policy transformed them) are kept in the content but are no identifiers to match.
      const fine = await knpa.sendCase({
        identifiers: [
          good,
          { id: 'p1', type: 'PHONE', value: '+855 12 345 678' },
          { id: 'p2', type: 'PHONE', value: '***678' },
        ],
      });
      expect(outcomeOf(fine.result)).toBe('ACCEPTED');
      const [{ id }] = await stored(fine.packetId);
      const identifiers = await federation.sql<{ type: string; value: string }>(
        'kh-cnp',
        'SELECT type, value FROM received_identifier WHERE received_packet_id = $1 ORDER BY type',
        [id],
      );
      expect(identifiers).toEqual([
        { type: 'PHONE', value: '+85512345678' },
        { type: 'WALLET_EVM', value: '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed' },
      ]);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'watchlist entries a partner pushes are refused when their identifier is invalid, naming the field',
    async () => {
      const bad = await knpa.signedEntry({ identifierType: 'WALLET_BTC', value: '1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN3' });
      const phone = await knpa.signedEntry({ identifierType: 'PHONE', value: 'call-me-on-signal' });
      const good = await knpa.signedEntry({});
      const pushed = await knpa.pushEntries([bad, phone, good]);
      expect(pushed.status).toBe(200);
      expect(pushed.body).toMatchObject({
        inserted: 1,
        rejected: 2,
        problems: [
          {
            reason: 'INVALID_IDENTIFIER',
            detail: expect.stringMatching(/^entry\.value: not a valid WALLET_BTC: bad checksum/),
          },
          { reason: 'INVALID_IDENTIFIER', detail: expect.stringMatching(/^entry\.value: not a valid PHONE: /) },
        ],
      });
      const held = await federation.sql<{ entry_id: string }>(
        'kh-cnp',
        "SELECT entry_id FROM watchlist_entry WHERE origin = 'kr-knpa'",
      );
      expect(held).toEqual([{ entry_id: good.entry.entryId }]);
    },
    TEST_TIMEOUT_MS,
  );
});
