import { checkGrant, grantSignatureValid, GrantSigner, grantSigningBytes, type RelayGrant } from './watchlist-grant.js';
import { ed25519PublicKey } from './watchlist-signing.js';
import { entry, testSigners } from './watchlist.test-helpers.js';

describe('relay grants (protocol 2)', () => {
  const live = entry();
  const tombstone = entry({ version: 2, revoked: true });

  it('signs { entryId, origin, relay, to, version } under its own label, targets sorted and distinct', async () => {
    const { signers } = await testSigners(['kr-knpa']);
    const knpa = signers.get('kr-knpa')!;
    const grant = new GrantSigner(knpa.secretKey, 'unused').sign(live, 'asean-hub', ['kh-gdce', 'kh-cnp', 'kh-cnp']);
    expect(grant.to).toEqual(['kh-cnp', 'kh-gdce']);
    expect(grant.signature).toMatch(/^[A-Za-z0-9_-]{85}[AQgw]$/);
    expect(grantSigningBytes(live, 'asean-hub', grant.to).toString('utf8')).toBe(
      `fed-node/watchlist-relay-grant/v1\0{"entryId":"${live.entryId}","origin":"kr-knpa","relay":"asean-hub","to":["kh-cnp","kh-gdce"],"version":1}`,
    );
    const key = ed25519PublicKey(knpa.publicKey);
    expect(grantSignatureValid(live, grant, key)).toBe(true);
    // Bound to the version, the relay, the targets and the origin's key.
    expect(grantSignatureValid({ ...live, version: 2 }, grant, key)).toBe(false);
    expect(grantSignatureValid({ ...live, entryId: live.entryId.replace(/1$/, '2') }, grant, key)).toBe(false);
    expect(grantSignatureValid(live, { ...grant, relay: 'kh-gdce' }, key)).toBe(false);
    expect(grantSignatureValid(live, { ...grant, to: ['kh-cnp'] }, key)).toBe(false);
    const { signers: others } = await testSigners(['x', 'y']);
    expect(grantSignatureValid(live, grant, ed25519PublicKey(others.get('y')!.publicKey))).toBe(false);
    expect(grantSignatureValid(live, { ...grant, signature: 'A'.repeat(86) }, key)).toBe(false);
  });

  describe('what a receiver makes of a grant', () => {
    const grant = (relay: string, to: string[]): RelayGrant => ({ relay, to, signature: 'A'.repeat(86) });

    it('from the origin: optional, and must name the receiver as relay', () => {
      expect(checkGrant(live, undefined, 'kr-knpa', 'asean-hub')).toEqual({ grant: undefined });
      const forHub = grant('asean-hub', ['kh-cnp']);
      expect(checkGrant(live, forHub, 'kr-knpa', 'asean-hub')).toEqual({ grant: forHub });
      expect(checkGrant(live, grant('kh-gdce', ['kh-cnp']), 'kr-knpa', 'asean-hub')).toMatchObject({
        refused: 'INVALID',
      });
    });

    it('relayed: only under a grant for the delivering relay that names the receiver', () => {
      const named = grant('asean-hub', ['kh-cnp']);
      expect(checkGrant(live, named, 'asean-hub', 'kh-cnp')).toEqual({ grant: named });
      for (const offered of [undefined, grant('asean-hub', ['kh-gdce']), grant('kh-gdce', ['kh-cnp'])])
        expect(checkGrant(live, offered, 'asean-hub', 'kh-cnp')).toMatchObject({ refused: 'RELAY_NOT_GRANTED' });
    });

    it('a relayed tombstone may come without a grant naming the receiver (taken only for an entry it holds)', () => {
      expect(checkGrant(tombstone, undefined, 'asean-hub', 'kh-cnp')).toEqual({ grant: undefined });
      expect(checkGrant(tombstone, grant('asean-hub', ['kh-gdce']), 'asean-hub', 'kh-cnp')).toEqual({
        grant: undefined,
      });
    });
  });
});
