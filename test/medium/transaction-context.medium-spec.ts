import { CertificateTrustService } from '../../src/identity/certificate-trust.service.js';
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
    const connections = await knpa.tx.run(async () => {
      const [{ pid }] = (await knpa.tx.manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      await trust.revokedFingerprints();
      const [{ pid: again }] = (await knpa.tx.manager.query('SELECT pg_backend_pid() AS pid')) as { pid: number }[];
      return { pid, again };
    });
    expect(connections.again).toBe(connections.pid);
  });
});
