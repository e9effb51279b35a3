import { randomUUID } from 'node:crypto';
import { DeliveryService } from '../../src/federation/delivery.service.js';
import { Delivery } from '../../src/federation/entities/delivery.entity.js';
import { InboundPacketService } from '../../src/inbound/inbound-packet.service.js';
import { ShareRequestService } from '../../src/sharing/share-request.service.js';
import { SharingModule } from '../../src/sharing/sharing.module.js';
import { ShareStatus } from '../../src/sharing/share-status.js';
import { SharingExceptionCode } from '../../src/sharing/sharing.exception.js';
import { eventually } from '../support/eventually.js';
import { aCase, aCaseInput, aLiaisonOfficer, anAnalyst } from './support/factories.js';
import { MediumApp, MediumFederation } from './support/medium-app.js';
import { CaseService } from '../../src/cases/case.service.js';

/** ShareRequestService, DeliveryService and InboundPacketService of two nodes joined in-process. */
describe('sharing and delivery (medium: services on a real PostgreSQL, no HTTP)', () => {
  const federation = new MediumFederation(['kr-knpa', 'kh-cnp']);
  let knpa: MediumApp;
  let cnp: MediumApp;
  const analyst = anAnalyst('analyst-kim');
  const officer = aLiaisonOfficer('officer-lee');

  beforeAll(async () => {
    knpa = await MediumApp.create({ federation, imports: [SharingModule] });
    cnp = await MediumApp.create({ federation, nodeId: 'kh-cnp', imports: [SharingModule] });
  });
  afterAll(async () => {
    await knpa?.close();
    await cnp?.close();
  });

  async function pendingShare(reference: string): Promise<string> {
    const intelCase = await aCase(knpa, analyst, { reference });
    const [view] = await knpa
      .get(ShareRequestService)
      .request(intelCase.id, ['kh-cnp'], 'INVESTIGATION', undefined, analyst);
    return view.request.id;
  }

  const deliveryOf = (packetId: string) => knpa.tx.manager.getRepository(Delivery).findOneByOrFail({ packetId });

  it('refuses the requester as approver, and a stale preview until it is refreshed', async () => {
    const sharing = knpa.get(ShareRequestService);
    const id = await pendingShare('MED-2026-1');
    await expect(sharing.approve(id, undefined, analyst)).rejects.toMatchObject({
      code: SharingExceptionCode.OWN_REQUEST,
    });
    const { request } = await sharing.get(id);
    await knpa
      .get(CaseService)
      .update(request.caseId!, aCaseInput({ reference: 'MED-2026-1', title: 'Edited' }), analyst);
    expect((await sharing.get(id)).stale).toBe(true);
    await expect(sharing.approve(id, undefined, officer)).rejects.toMatchObject({
      code: SharingExceptionCode.STALE_PREVIEW,
    });
  });

  it('delivers an approved share once, and threads nothing twice when two attempts race', async () => {
    const sharing = knpa.get(ShareRequestService);
    const release = federation.hold('kh-cnp');
    const id = await pendingShare('MED-2026-2');
    const approved = await sharing.approve(id, 'ok', officer);
    const packetId = approved.request.packetId!;
    // The job queue's attempt and two more: one claims the lease, the others find it held.
    const racing = [knpa.get(DeliveryService).attempt(packetId), knpa.get(DeliveryService).attempt(packetId)];
    await eventually('the packet to be claimed', async () => (await deliveryOf(packetId)).claimToken !== null);
    release();
    await Promise.all(racing);
    const delivered = await eventually('the share delivered', async () => {
      const view = await sharing.get(id);
      return view.request.status === ShareStatus.DELIVERED && view;
    });
    expect(delivered.request.deliveredAt).not.toBeNull();
    expect((await deliveryOf(packetId)).attempts).toBe(1);
    expect(await cnp.get(InboundPacketService).getByPacketId(packetId)).toMatchObject({
      originNode: 'kr-knpa',
      type: 'case',
    });
  });

  it('drops the result of an attempt that outlived its lease, and delivers on the next attempt', async () => {
    const sharing = knpa.get(ShareRequestService);
    federation.partition('kh-cnp'); // the queue's own attempt waits for its retry
    const id = await pendingShare('MED-2026-3');
    const packetId = (await sharing.approve(id, 'ok', officer)).request.packetId!;
    await eventually('the first attempt to fail', async () => (await deliveryOf(packetId)).attempts >= 1);
    federation.heal('kh-cnp');
    const release = federation.hold('kh-cnp');
    await knpa.tx.manager.query('UPDATE delivery SET next_attempt_at = now() WHERE packet_id = $1', [packetId]);
    const slow = knpa.get(DeliveryService).attempt(packetId);
    await eventually(
      'the slow attempt to hold the lease',
      async () => (await deliveryOf(packetId)).claimToken !== null,
    );
    // Another replica takes over once the lease looks expired (here: forced), and its token is the one that counts.
    await knpa.tx.manager.query('UPDATE delivery SET claim_token = $2 WHERE packet_id = $1', [packetId, randomUUID()]);
    release();
    await slow;
    expect((await deliveryOf(packetId)).status).toBe('QUEUED');
    expect(knpa.logLines.some((line) => line.includes('delivery.lease_lost'))).toBe(true);

    await knpa.tx.manager.query('UPDATE delivery SET claim_token = NULL, claimed_until = NULL WHERE packet_id = $1', [
      packetId,
    ]);
    await knpa.get(DeliveryService).attempt(packetId);
    expect((await deliveryOf(packetId)).status).toBe('DELIVERED');
    expect((await sharing.get(id)).request.status).toBe(ShareStatus.DELIVERED);
  });

  it("threads a partner's reply to the case it answers, after the partner's own four-eyes approval", async () => {
    const sharing = knpa.get(ShareRequestService);
    const id = await pendingShare('MED-2026-4');
    const { packetId, caseId } = (await sharing.approve(id, 'ok', officer)).request;
    await eventually(
      'the case at kh-cnp',
      async () => (await cnp.get(InboundPacketService).getByPacketId(packetId!)) ?? undefined,
    );

    const cnpSharing = cnp.get(ShareRequestService);
    const reply = await cnpSharing.requestReply(packetId!, 'Wallet frozen at our request.', anAnalyst('analyst-sok'));
    expect(reply.request.status).toBe(ShareStatus.PENDING_APPROVAL);
    const sent = await cnpSharing.approve(reply.request.id, 'ok', aLiaisonOfficer('officer-chan'));
    const received = await eventually(
      'the reply at kr-knpa',
      async () => (await knpa.get(InboundPacketService).getByPacketId(sent.request.packetId!)) ?? undefined,
    );
    expect(received).toMatchObject({ type: 'reply', inReplyTo: packetId, localCaseId: caseId });
  });
});
