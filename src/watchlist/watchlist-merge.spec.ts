import { compareRank, mergeEntry } from './watchlist-merge.js';
import { entry, NOW } from './watchlist.test-helpers.js';

describe('mergeEntry', () => {
  const v1 = entry();
  const v2 = entry({ version: 2, severity: 'CRITICAL', updatedAt: '2026-02-02T09:00:00.000Z' });
  const tombstone = entry({ version: 3, revoked: true, reason: 'Identified as a victim, not a recruiter' });

  it('inserts the first version it sees, even a tombstone (later old versions must not revive it)', () => {
    expect(mergeEntry(undefined, v1, NOW)).toEqual({ action: 'insert', reason: 'NEW' });
    expect(mergeEntry(undefined, tombstone, NOW)).toEqual({ action: 'insert', reason: 'NEW' });
  });

  it('lets only a higher version replace', () => {
    expect(mergeEntry(v1, v2, NOW)).toEqual({ action: 'update', reason: 'NEWER_VERSION' });
    expect(mergeEntry(v2, v1, NOW)).toEqual({ action: 'ignore', reason: 'STALE' });
    expect(mergeEntry(v2, { ...v2 }, NOW)).toEqual({ action: 'ignore', reason: 'DUPLICATE' });
  });

  it('reports the same version with other content as a conflict and keeps what it holds', () => {
    expect(mergeEntry(v2, { ...v2, reason: 'something else' }, NOW)).toEqual({ action: 'ignore', reason: 'CONFLICT' });
  });

  it('treats a tombstone as final: nothing un-revokes it, whatever its version', () => {
    expect(mergeEntry(v2, tombstone, NOW)).toEqual({ action: 'update', reason: 'REVOKED' });
    expect(mergeEntry(tombstone, v2, NOW)).toEqual({ action: 'ignore', reason: 'TOMBSTONE_FINAL' });
    expect(mergeEntry(tombstone, entry({ version: 9 }), NOW)).toEqual({ action: 'ignore', reason: 'TOMBSTONE_FINAL' });
    // Even a tombstone numbered below a live version wins, so the order of arrival never matters.
    expect(mergeEntry(entry({ version: 5 }), entry({ version: 4, revoked: true }), NOW)).toEqual({
      action: 'update',
      reason: 'REVOKED',
    });
    expect(mergeEntry(tombstone, { ...tombstone }, NOW)).toEqual({ action: 'ignore', reason: 'DUPLICATE' });
  });

  it('refuses a version that names another origin than the entry held', () => {
    expect(mergeEntry(v1, { ...v2, origin: 'asean-hub' }, NOW)).toEqual({
      action: 'ignore',
      reason: 'ORIGIN_MISMATCH',
    });
    expect(mergeEntry(v1, { ...v2, entryId: '01970000-0000-7000-8000-000000000002' }, NOW)).toEqual({
      action: 'ignore',
      reason: 'ORIGIN_MISMATCH',
    });
  });

  it('treats an expired incoming version as absent', () => {
    const expired = entry({ version: 4, validUntil: '2026-02-28T00:00:00.000Z' });
    expect(mergeEntry(undefined, expired, NOW)).toEqual({ action: 'ignore', reason: 'EXPIRED' });
    expect(mergeEntry(v1, expired, NOW)).toEqual({ action: 'ignore', reason: 'EXPIRED' });
    expect(mergeEntry(v1, { ...tombstone, validUntil: expired.validUntil }, NOW)).toEqual({
      action: 'ignore',
      reason: 'EXPIRED',
    });
  });

  it('lets a renewal replace an expired entry it holds', () => {
    const expired = entry({ validUntil: '2026-02-28T00:00:00.000Z' });
    expect(mergeEntry(expired, entry({ version: 2, validUntil: '2027-01-01T00:00:00.000Z' }), NOW)).toEqual({
      action: 'update',
      reason: 'NEWER_VERSION',
    });
  });

  it('orders versions by (revoked, version)', () => {
    expect(compareRank(v1, v2)).toBeLessThan(0);
    expect(compareRank(tombstone, entry({ version: 99 }))).toBeGreaterThan(0);
    expect(compareRank(v2, { ...v2 })).toBe(0);
  });
});
