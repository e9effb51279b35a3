import { WatchlistModule } from '../../src/watchlist/watchlist.module.js';
import { WatchlistSyncRunner } from '../../src/watchlist/watchlist-sync.runner.js';
import { WatchlistService } from '../../src/watchlist/watchlist.service.js';
import { eventually } from '../support/eventually.js';
import { anAnalyst } from './support/factories.js';
import { MediumApp, MediumFederation } from './support/medium-app.js';

/** WatchlistService and the sync (push on change, pull by cursor) of two nodes joined in-process. */
describe('watchlist sync (medium: services on a real PostgreSQL, no HTTP)', () => {
  const federation = new MediumFederation(['kr-knpa', 'kh-cnp']);
  let knpa: MediumApp;
  let cnp: MediumApp;
  const analyst = anAnalyst('analyst-park');
  const knpaPeer = () => ({ id: 'kr-knpa', url: 'https://kr-knpa.invalid' });

  beforeAll(async () => {
    knpa = await MediumApp.create({ federation, imports: [WatchlistModule] });
    cnp = await MediumApp.create({ federation, nodeId: 'kh-cnp', imports: [WatchlistModule] });
  });
  afterAll(async () => {
    await knpa?.close();
    await cnp?.close();
  });

  const heldAtCnp = async (entryId: string) =>
    (await cnp.get(WatchlistService).list({ origin: 'kr-knpa', includeRevoked: true }, 100)).entries.find(
      (e) => e.entryId === entryId,
    );

  it("sends an entry in a category the partner's policy grants, with its origin signature, and its revocation", async () => {
    const watchlist = knpa.get(WatchlistService);
    const entry = await watchlist.add(
      {
        identifierType: 'WALLET_EVM',
        value: '0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed',
        reason: 'pig-butchering deposit wallet',
        offenceCategory: 'ONLINE_SCAM',
        severity: 'HIGH',
        validUntil: '2030-01-01T00:00:00Z',
      },
      analyst,
    );
    await cnp.get(WatchlistSyncRunner).pullFrom(knpaPeer());
    const held = await eventually('the entry at kh-cnp', () => heldAtCnp(entry.entryId));
    expect(held).toMatchObject({ origin: 'kr-knpa', receivedFrom: 'kr-knpa', value: entry.value, revoked: false });

    await watchlist.revoke(entry.entryId, 'wallet closed', analyst);
    await cnp.get(WatchlistSyncRunner).pullFrom(knpaPeer());
    expect(await eventually('the revocation at kh-cnp', async () => (await heldAtCnp(entry.entryId))?.revoked)).toBe(
      true,
    );
  });

  it('never sends an entry of a category the partner is not granted', async () => {
    const entry = await knpa.get(WatchlistService).add(
      {
        identifierType: 'PHONE',
        value: '+85512345678',
        reason: 'trafficking recruiter',
        offenceCategory: 'HUMAN_TRAFFICKING',
        severity: 'HIGH',
        validUntil: '2030-01-01T00:00:00Z',
      },
      analyst,
    );
    expect(await cnp.get(WatchlistSyncRunner).pullFrom(knpaPeer())).toBe(0);
    expect(await heldAtCnp(entry.entryId)).toBeUndefined();
  });
});
