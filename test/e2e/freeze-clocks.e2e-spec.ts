import type { INestApplicationContext } from '@nestjs/common';
import { PacketIntakeService } from '../../src/envelope/packet-intake.service.js';
import { PacketSealerService } from '../../src/envelope/packet-sealer.service.js';
import { PacketHandlers } from '../../src/federation/packet-handlers.js';
import { FREEZE_CLOCK_SWEEP_QUEUE, FreezeClocks } from '../../src/freeze-requests/freeze-clocks.service.js';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { JobQueueService } from '../../src/transport/job-queue.service.js';
import { CREATE_CASE, caseInput } from '../support/case-factory.js';
import { sql } from '../support/test-database.js';
import { TestFederation } from '../support/test-federation.js';
import { TestNode } from '../support/test-node.js';

const NODES = ['kr-knpa', 'kr-exchange-hanbit'];
const HOUR = 3600;
const DAY = 24 * HOUR;
const WALLETS = ['0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed', '0xfb6916095ca1df60bb79ce92ce3ea74c37c5d359'];

/** Hands a packet the sender queued to the receiver's intake and handler, as the inbox would. */
async function deliver(from: TestNode, to: INestApplicationContext, packetId: string): Promise<void> {
  const [{ packet }] = await sql<{ packet: unknown }>(
    from.databaseUrl,
    'SELECT wire::jsonb AS packet FROM outbound_packet WHERE packet_id = $1',
    [packetId],
  );
  const handlers = to.get(PacketHandlers);
  await to.get(PacketIntakeService).receive(packet, async (opened, raw) => {
    await handlers.handlerFor(opened.header.type)!(opened, raw, opened.header.from);
  });
}

/**
 * The request clocks at their real lengths (URGENT 8 hours, reminders 7 days and 1 day before a freeze
 * ends), on an agency whose clock the test moves: days pass in seconds, through the job queue's sweep.
 */
describe('the clocks of requests to exchanges, with a movable clock', () => {
  const federation = new TestFederation('freeze-clocks', NODES, { exchanges: ['kr-exchange-hanbit'] });
  let knpa: TestNode;
  let hanbit: TestNode;
  const tokens: Record<string, string> = {};

  const call = async <T>(node: TestNode, token: string, query: string, variables: Record<string, unknown> = {}) => {
    const response = await node.graphql<T>(query, variables, tokens[token]);
    if (!response.data) throw new Error(JSON.stringify(response.errors));
    return response.data;
  };
  const alerts = async (kind: string) =>
    (
      await call<{ alerts: { kind: string; detail: string; sources: { ref: string }[] }[] }>(
        knpa,
        'analyst',
        '{ alerts { kind detail sources { ref } } }',
      )
    ).alerts.filter((a) => a.kind === kind);

  beforeAll(async () => {
    const config = {
      // Days pass here: no audit checkpoint may be signed with a certificate the moved clock finds expired.
      audit: { checkpointEveryEntries: 0, checkpointIntervalSeconds: 86400 },
      metrics: { anonymous: true },
    };
    [knpa, hanbit] = await federation.start(
      { id: 'kr-knpa', database: 'clocks_knpa', config },
      { id: 'kr-exchange-hanbit', database: 'clocks_hanbit', config },
    );
    tokens.analyst = await knpa.officerToken('clock-analyst', [Role.ANALYST]);
    tokens.liaison = await knpa.officerToken('clock-liaison', [Role.LIAISON_OFFICER]);
    tokens.compliance = await hanbit.officerToken('clock-compliance', [Role.COMPLIANCE_OFFICER]);
    tokens.compliance2 = await hanbit.officerToken('clock-compliance2', [Role.COMPLIANCE_OFFICER]);
  });
  afterAll(() => federation.stop());

  // First, while both clocks agree (the second test moves the agency's clock days ahead).
  it('refuses what an exchange may not say: hits on wallets the entry does not list, answers to requests it never got', async () => {
    const seal = (type: string, body: unknown, inReplyTo?: string) =>
      hanbit
        .app()
        .get(PacketSealerService)
        .seal({
          type,
          to: ['kr-knpa'],
          body: body as never,
          policyVersion: 'kr-exchange-hanbit/kr-knpa/v1',
          inReplyTo,
        });
    const take = async (packet: unknown) => {
      const handlers = knpa.app().get(PacketHandlers);
      try {
        await knpa
          .app()
          .get(PacketIntakeService)
          .receive(packet, async (opened, raw) => {
            await handlers.handlerFor(opened.header.type)!(opened, raw, opened.header.from);
          });
        return 'ACCEPTED';
      } catch (error) {
        return `${(error as { reason?: string }).reason}: ${(error as Error).message}`;
      }
    };
    const { addWatchlistEntry } = await call<{ addWatchlistEntry: { entryId: string } }>(
      knpa,
      'analyst',
      'mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }',
      {
        i: {
          identifierType: 'WALLET_EVM',
          value: WALLETS[0],
          reason: 'r',
          offenceCategory: 'ONLINE_SCAM',
          severity: 'HIGH',
          validUntil: '2030-01-01T00:00:00Z',
        },
      },
    );
    const hit = (value: string) => ({
      kind: 'hit-report',
      hits: [
        {
          hitId: '0197f000-0000-7000-8000-00000000000a',
          entry: { origin: 'kr-knpa', entryId: addWatchlistEntry.entryId, offenceCategory: 'ONLINE_SCAM' },
          identifierType: 'WALLET_EVM',
          value,
          direction: 'DEPOSIT',
          occurredAt: '2026-06-01T10:00:00.000Z',
        },
      ],
      reportedAt: '2026-06-01T10:00:01.000Z',
      tlp: 'AMBER',
      retentionDays: 30,
    });
    // A hit pinned on the entry with another wallet would alert the wrong case.
    expect(await take(await seal('hit-report', hit('0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359')))).toMatch(
      /^INVALID_PAYLOAD: .*entry .* lists another wallet/,
    );
    expect(await take(await seal('hit-report', hit('0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed')))).toBe('ACCEPTED');
    const answer = {
      kind: 'freeze-answer',
      requestId: '0197f000-0000-7000-8000-00000000000b',
      reference: 'FR-X',
      answerId: '0197f000-0000-7000-8000-00000000000c',
      answers: [{ targetId: 'T1', status: 'NOT_OUR_CUSTOMER' }],
      answeredAt: '2026-06-01T10:00:00.000Z',
      tlp: 'AMBER',
      offenceCategories: ['ONLINE_SCAM'],
      retentionDays: 30,
    };
    expect(await take(await seal('freeze-answer', answer, '0197f000-0000-7000-8000-00000000000d'))).toMatch(
      /^INVALID_PAYLOAD: .*answers no request this node sent to kr-exchange-hanbit/,
    );
  });

  it('raises the overdue alert 8 hours after an URGENT request, then each expiry reminder, then the lapse', async () => {
    const identifiers = WALLETS.map((value, i) => ({ id: `w${i}`, type: 'WALLET_EVM', value }));
    const { createCase } = await call<{ createCase: { id: string; identifiers: { value: string }[] } }>(
      knpa,
      'analyst',
      CREATE_CASE,
      {
        input: caseInput({ offenceCategories: ['ONLINE_SCAM'], identifiers, requests: [], transactions: [] }),
      },
    );
    const upload = await fetch(`${knpa.url}/cases/${createCase.id}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${tokens.analyst}`,
        'content-type': 'application/pdf',
        'x-filename': 'order.pdf',
      },
      body: Buffer.from('%PDF-1.7 order'),
    });
    const { id: orderId } = (await upload.json()) as { id: string };
    const { requestFreeze } = await call<{ requestFreeze: { id: string } }>(
      knpa,
      'analyst',
      'mutation ($input: FreezeRequestInput!) { requestFreeze(input: $input) { id } }',
      {
        input: {
          caseId: createCase.id,
          exchangeIds: ['kr-exchange-hanbit'],
          action: 'FREEZE',
          urgency: 'URGENT',
          noTippingOff: true,
          legalBasis: {
            instrumentType: 'COURT_ORDER',
            reference: '2026-Go-1',
            issuingAuthority: 'Seoul Central District Court',
            orderAttachmentId: orderId,
          },
          targets: createCase.identifiers.map((i) => ({ identifierType: 'WALLET_EVM', value: i.value })),
        },
      },
    );
    const { approveFreezeRequest } = await call<{
      approveFreezeRequest: { copies: { id: string; packetId: string; deadlineAt: string }[] };
    }>(knpa, 'liaison', 'mutation ($id: ID!) { approveFreezeRequest(id: $id) { copies { id packetId deadlineAt } } }', {
      id: requestFreeze.id,
    });
    const [copy] = approveFreezeRequest.copies;
    expect(new Date(copy.deadlineAt).getTime() - knpa.clock.now().getTime()).toBeGreaterThan(8 * HOUR * 1000 - 60_000);
    await deliver(knpa, hanbit.app(), copy.packetId);

    // The exchange freezes the first wallet for 8 days and only acknowledges the second.
    const { complianceQueue } = await call<{ complianceQueue: { id: string }[] }>(
      hanbit,
      'compliance',
      '{ complianceQueue { id } }',
    );
    const frozenUntil = new Date(hanbit.clock.now().getTime() + 8 * DAY * 1000);
    const { draftFreezeAnswer } = await call<{ draftFreezeAnswer: { id: string } }>(
      hanbit,
      'compliance',
      'mutation ($r: ID!, $a: [TargetAnswerInput!]!) { draftFreezeAnswer(requestId: $r, answers: $a) { id } }',
      {
        r: complianceQueue[0].id,
        a: [
          {
            targetId: 'T1',
            status: 'FROZEN',
            amount: '900',
            asset: 'USDT',
            at: new Date().toISOString(),
            frozenUntil: frozenUntil.toISOString(),
          },
          { targetId: 'T2', status: 'ACKNOWLEDGED' },
        ],
      },
    );
    const { approveFreezeAnswer } = await call<{ approveFreezeAnswer: { packetId: string } }>(
      hanbit,
      'compliance2',
      'mutation ($id: ID!) { approveFreezeAnswer(id: $id) { packetId } }',
      { id: draftFreezeAnswer.id },
    );
    await deliver(hanbit, knpa.app(), approveFreezeAnswer.packetId);

    const clocks = knpa.app().get(FreezeClocks);
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 0 });
    expect(await alerts('FREEZE_REQUEST_OVERDUE')).toEqual([]);

    // Nine hours on, through the scheduled sweep's queue: overdue (the second wallet is only acknowledged).
    knpa.clock.advance(9 * HOUR);
    await (await knpa.app().get(JobQueueService).ready()).send(FREEZE_CLOCK_SWEEP_QUEUE, {});
    const deadline = Date.now() + 30_000;
    while ((await alerts('FREEZE_REQUEST_OVERDUE')).length === 0 && Date.now() < deadline)
      await new Promise((r) => setTimeout(r, 250));
    const [overdue] = await alerts('FREEZE_REQUEST_OVERDUE');
    expect(overdue).toMatchObject({ sources: [{ ref: copy.id }] });
    expect(overdue.detail).toMatch(
      /^URGENT request FR-\S+ to kr-exchange-hanbit is overdue: the answer was due 1 h ago .*only acknowledged so far$/,
    );
    expect(await (await fetch(`${knpa.url}/metrics`)).text()).toMatch(
      /fednode_freeze_requests_overdue\{exchange="kr-exchange-hanbit"\} 1\b/,
    );
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 0 });

    // A day later the first reminder (7 days before the end) is due, and only that one, once.
    knpa.clock.advance(DAY);
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 1 });
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 0 });
    expect((await alerts('FREEZE_EXPIRING'))[0].detail).toMatch(
      /^the freeze of 0x\S+ at kr-exchange-hanbit \(900 USDT\) lapses in 6 d \d+ h/,
    );
    knpa.clock.advance(6 * DAY);
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 1 });
    expect(await alerts('FREEZE_EXPIRING')).toHaveLength(2);
    expect(await alerts('FREEZE_LAPSED')).toEqual([]);

    knpa.clock.advance(DAY);
    expect(await clocks.sweep()).toEqual({ overdue: 0, holdAlerts: 1 });
    expect(await alerts('FREEZE_LAPSED')).toHaveLength(1);
    expect(await sql(knpa.databaseUrl, 'SELECT status, reminders_sent FROM freeze_hold')).toEqual([
      { status: 'LAPSED', reminders_sent: 2 },
    ]);
  });
});
