import { schemaShape, shapeOf } from '../kernel/wire/wire-shape.test-helpers.js';
import type { WireFeedItem } from './feed-wire.js';
import type { WatchlistEntryVersion } from './watchlist-entry.js';
import type { RelayGrant } from './watchlist-grant.js';

// The watchlist types are the members of their published schemas (docs/schemas/watchlist-*.json).
describe('the watchlist wire types are their published schemas', () => {
  it('an entry version', () => {
    expect(schemaShape('watchlist-entry')).toEqual(
      shapeOf<WatchlistEntryVersion>()(
        [
          'entryId',
          'origin',
          'version',
          'identifierType',
          'value',
          'reason',
          'offenceCategory',
          'severity',
          'validUntil',
          'revoked',
          'updatedAt',
        ],
        ['caseReference'],
      ),
    );
  });

  it('a relay grant', () => {
    expect(schemaShape('watchlist-feed-page#/$defs/grant')).toEqual(
      shapeOf<RelayGrant>()(['relay', 'to', 'signature'], []),
    );
  });

  it('a feed item as we send it: every member the schema names (onwardTo always sent; the inline certificate is for older senders)', () => {
    const sent = shapeOf<WireFeedItem>()(
      ['seq', 'origin', 'entry', 'signature', 'originCertificateRef', 'onwardTo'],
      ['grant'],
    );
    const schema = schemaShape('watchlist-feed-page#/$defs/item');
    expect([...schema.required, ...schema.optional].sort()).toEqual(
      [...sent.required, ...sent.optional, 'originCertificate'].sort(),
    );
    expect(schema.required.every((member) => sent.required.includes(member as never))).toBe(true);
  });
});
