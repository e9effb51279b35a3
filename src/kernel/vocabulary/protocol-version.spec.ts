import { commonProtocolVersion, NEWEST_PROTOCOL_VERSION } from './protocol-version.js';

// PROTOCOL.md §15: the newest version both sides speak, from the partner's hello.
describe('commonProtocolVersion', () => {
  it.each([
    ['a hello without protocolVersions (a node of version 1)', undefined, 1],
    ['a partner of this version', [1, 2], NEWEST_PROTOCOL_VERSION],
    ['a partner that speaks only version 1', [1], 1],
    ['a newer partner that still speaks version 2', [2, 3], 2],
    ['a partner listing versions out of order', [2, 1], 2],
  ])('%s → %s', (_name, theirs, expected) => {
    expect(commonProtocolVersion(theirs)).toBe(expected);
  });

  it.each([
    ['a partner that speaks only a newer version', [3]],
    ['an empty list', []],
  ])('%s → none (the sync with it stops, naming the versions)', (_name, theirs) => {
    expect(commonProtocolVersion(theirs)).toBeUndefined();
  });
});
