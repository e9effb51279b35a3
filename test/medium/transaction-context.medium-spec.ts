import { TransactionSpansNetworkCall } from '../../src/common/database/transaction-context.js';
import { CertificateTrustService } from '../../src/identity/certificate-trust.service.js';
import { NodeIdentityService } from '../../src/identity/node-identity.service.js';
import { PeerCaller } from '../../src/transport/peer-caller.js';
import { PeerUnreachable } from '../../src/transport/peer-client.js';
import { InboundModule } from '../../src/inbound/inbound.module.js';
import { ShareRequestService } from '../../src/sharing/share-request.service.js';
import { SharingModule } from '../../src/sharing/sharing.module.js';
import { ShareStatus } from '../../src/sharing/share-status.js';
import { eventually } from '../support/eventually.js';
import { aCase, aLiaisonOfficer, anAnalyst } from './support/factories.js';
import { MediumApp, MediumFederation } from './support/medium-app.js';

/**
 * The deadlock that once stopped the node: as many share approvals in their transaction as the pool
 * has connections, each reading on a second pool connection (the recipient's certificate, the
 * revocation list) while its first waits. With the transaction context every read inside the
 * approval joins its transaction, so a pool of 2 serves any number of concurrent approvals.
 */
describe('TransactionContext: concurrent approvals on a pool of 2', () => {
  const federation = new MediumFederation(['kr-knpa', 'kh-cnp']);
  let knpa: MediumApp;
  let cnp: MediumApp;

  beforeAll(async () => {
    knpa = await MediumApp.create({
      federation,
      imports: [SharingModule],
      config: { database: { embeddedPort: 5433, poolSize: 2 } },
    });
    cnp = await MediumApp.create({ federation, nodeId: 'kh-cnp', imports: [InboundModule] });
  });
  afterAll(async () => {
    await knpa?.close();
    await cnp?.close();
  });

  it('approves 6 shares at once and delivers each, without waiting on a second connection', async () => {
    const analyst = anAnalyst();
    const officer = aLiaisonOfficer();
    const sharing = knpa.get(ShareRequestService);
    const requested: string[] = [];
    for (let i = 0; i < 6; i++) {
      const intelCase = await aCase(knpa, analyst, { reference: `TX-2026-${i}` });
      const [view] = await sharing.request(intelCase.id, ['kh-cnp'], 'INVESTIGATION', undefined, analyst);
      expect(view.request.status).toBe(ShareStatus.PENDING_APPROVAL);
      requested.push(view.request.id);
    }

    const deadlocked = new Promise<never>((_resolve, reject) =>
      setTimeout(() => reject(new Error('the approvals deadlocked the pool of 2')), 20_000).unref(),
    );
    const approved = await Promise.race([
      Promise.all(requested.map((id) => sharing.approve(id, 'ok', officer))),
      deadlocked,
    ]);
    expect(approved.map((view) => view.request.status)).toEqual(requested.map(() => ShareStatus.APPROVED));

    const delivered = await eventually('every share delivered to kh-cnp', async () => {
      const views = await Promise.all(requested.map((id) => sharing.get(id)));
      return views.every((view) => view.request.status === ShareStatus.DELIVERED) && views;
    });
    expect(delivered).toHaveLength(6);
  });

  it('reads inside a transaction on that transaction, whichever service reads', async () => {
    const trust = knpa.get(CertificateTrustService);
    const fingerprint = 'ab'.repeat(32);
    // A row only this transaction sees: a read on another pool connection would miss it.
    const seen = await knpa.tx
      .run(async () => {
        await knpa.tx.manager.query(
          `INSERT INTO revoked_certificate (fingerprint, reason, revoked_by) VALUES ($1, 'test', 'test')`,
          [fingerprint],
        );
        throw new RolledBack((await trust.revokedFingerprints()).has(fingerprint));
      })
      .catch((error: unknown) => {
        if (error instanceof RolledBack) return error.seen;
        throw error;
      });
    expect(seen).toBe(true);
    expect((await trust.revokedFingerprints()).has(fingerprint)).toBe(false);
  });

  it('refuses a call to a peer from inside a transaction, before anything leaves', async () => {
    const caller = new PeerCaller(knpa.get(NodeIdentityService));
    const peer = { id: 'kh-cnp', url: 'https://127.0.0.1:1' };
    await expect(knpa.tx.run(() => caller.call(peer, 'GET', '/federation/v1/hello', undefined, 1000))).rejects.toThrow(
      TransactionSpansNetworkCall,
    );
    // Outside one the same call goes out (and finds nobody there).
    await expect(caller.call(peer, 'GET', '/federation/v1/hello', undefined, 1000)).rejects.toThrow(PeerUnreachable);
  });
});

/** Carries what a transaction saw out of it, rolling it back. */
class RolledBack extends Error {
  constructor(readonly seen: boolean) {
    super('rolled back');
  }
}
