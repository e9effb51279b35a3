import { shippedInboundPolicy, shippedPolicy } from '../policy/policy.test-helpers.js';
import type { FeedSelection } from './watchlist-relay.js';
import {
  categoryAllowed,
  categoryRefusal,
  feedSelection,
  onwardTargets,
  senderRefusal,
  storedGrant,
} from './watchlist-relay.js';
import { entry } from './watchlist.test-helpers.js';

// The shipped example policies (config/policies/*.yaml) drive these cases.
describe('watchlist relay rule', () => {
  const knpaToCnp = shippedPolicy('kr-knpa', 'kh-cnp');
  const knpaToHub = shippedPolicy('kr-knpa', 'asean-hub');
  const selections = new Map<string, FeedSelection>([
    ['kh-cnp', feedSelection('kh-cnp', knpaToCnp, [knpaToCnp.watchlistCategories])],
    ['kh-gdce', feedSelection('kh-gdce', shippedPolicy('kr-knpa', 'kh-gdce'), [])],
  ]);

  it('serves live entries of the current watchlist categories, tombstones of any policy version', () => {
    const selection = feedSelection('kh-cnp', knpaToCnp, [
      ['ONLINE_SCAM', 'CYBERCRIME'],
      knpaToCnp.watchlistCategories,
    ]);
    expect(selection.live.sort()).toEqual(['DRUG_TRAFFICKING', 'ONLINE_SCAM']);
    expect(selection.tombstones.sort()).toEqual(['CYBERCRIME', 'DRUG_TRAFFICKING', 'ONLINE_SCAM']);
    expect(categoryAllowed(selection, entry({ offenceCategory: 'CYBERCRIME' }))).toBe(false);
    expect(categoryAllowed(selection, entry({ offenceCategory: 'CYBERCRIME', revoked: true }))).toBe(true);
    expect(categoryAllowed(selection, entry({ offenceCategory: 'MONEY_LAUNDERING', revoked: true }))).toBe(false);
  });

  it('serves nothing without an outbound policy', () => {
    expect(feedSelection('kr-kcs', undefined, [['ONLINE_SCAM']])).toEqual({
      partnerId: 'kr-kcs',
      live: [],
      tombstones: [],
    });
  });

  it('grants the hub onward sharing only to targets the origin would give the entry itself', () => {
    // kr-knpa lets the hub relay to kh-cnp and kh-gdce; kh-cnp gets scam entries from kr-knpa, kh-gdce does not.
    expect(onwardTargets(entry({ offenceCategory: 'ONLINE_SCAM' }), knpaToHub, selections)).toEqual(['kh-cnp']);
    expect(onwardTargets(entry({ offenceCategory: 'MONEY_LAUNDERING' }), knpaToHub, selections)).toEqual(['kh-gdce']);
    expect(onwardTargets(entry({ offenceCategory: 'CYBERCRIME' }), knpaToHub, selections)).toEqual([]);
    // A partner whose policy does not allow onward sharing gets no grant at all.
    expect(onwardTargets(entry({ offenceCategory: 'ONLINE_SCAM' }), knpaToCnp, selections)).toEqual([]);
  });

  it('accepts relayed entries only from senders allowed to relay', () => {
    const fromHub = shippedInboundPolicy('kh-cnp', 'asean-hub');
    const fromKnpa = shippedInboundPolicy('kh-cnp', 'kr-knpa');
    expect(senderRefusal('kr-knpa', 'asean-hub', fromHub)).toBeUndefined();
    expect(senderRefusal('kr-knpa', 'kr-knpa', fromKnpa)).toBeUndefined();
    expect(senderRefusal('asean-hub', 'kr-knpa', fromKnpa)?.reason).toBe('RELAY_NOT_ACCEPTED');
    expect(senderRefusal('kr-knpa', 'kr-kcs', undefined)?.reason).toBe('NO_INBOUND_POLICY');
  });

  it('accepts only the inbound offence categories, except a revocation of an entry already held', () => {
    const fromKcs = shippedInboundPolicy('kh-cnp', 'kr-kcs');
    expect(categoryRefusal(entry({ offenceCategory: 'ONLINE_SCAM' }), 'kr-kcs', fromKcs, false)?.reason).toBe(
      'CATEGORY_NOT_ACCEPTED',
    );
    expect(
      categoryRefusal(entry({ offenceCategory: 'ONLINE_SCAM', revoked: true }), 'kr-kcs', fromKcs, false)?.reason,
    ).toBe('CATEGORY_NOT_ACCEPTED');
    expect(
      categoryRefusal(entry({ offenceCategory: 'ONLINE_SCAM', revoked: true }), 'kr-kcs', fromKcs, true),
    ).toBeUndefined();
    expect(categoryRefusal(entry({ offenceCategory: 'DRUG_TRAFFICKING' }), 'kr-kcs', fromKcs, false)).toBeUndefined();
  });

  it('keeps a grant only from the origin, and a tombstone never narrows it', () => {
    const live = entry();
    expect(storedGrant(live, 'kr-knpa', ['kh-gdce', 'kh-cnp'], [])).toEqual(['kh-cnp', 'kh-gdce']);
    expect(storedGrant(live, 'kr-knpa', [], ['kh-cnp'])).toEqual([]);
    expect(storedGrant(live, 'asean-hub', ['kh-gdce'], ['kh-cnp'])).toEqual(['kh-cnp']);
    expect(storedGrant({ ...live, revoked: true }, 'kr-knpa', ['kh-gdce'], ['kh-cnp'])).toEqual(['kh-cnp', 'kh-gdce']);
  });
});
