import { createHash } from 'node:crypto';
import forge from 'node-forge';
import { Role } from '../../src/kernel/vocabulary/role.js';
import { eventually, FederationHarness } from './support/federation-harness.js';
import {
  APPROVE_FREEZE,
  ExchangeSteps,
  FREEZE_REQUEST,
  HANBIT,
  HOLDS,
  KNPA,
  MERIDIAN,
  randomEvm,
  screeningCallStatus,
  REQUEST_FREEZE,
} from './support/exchange-steps.js';

interface Copy {
  id: string;
  exchangeId: string;
  status: string;
  policyReasons: string[];
  deadlineAt: string | null;
  overdue: boolean;
  answerState: string;
  answers: { targetId: string; status: string }[];
}
interface Request {
  id: string;
  reference: string;
  status: string;
  copies: Copy[];
}
interface Hold {
  id: string;
  exchangeId: string;
  value: string;
  status: string;
  frozenUntil: string;
  expiringSoon: boolean;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();

/** kr-knpa and the two exchanges as real node processes, over mutual TLS. */
describe('exchanges in the federation: requests, answers, clocks and hit reports', () => {
  const federation = new FederationHarness(
    [KNPA, HANBIT, MERIDIAN],
    {},
    {
      // Reminders 25 s and 12 s before a freeze ends, so the expiry clock runs within the test.
      [KNPA]: { metrics: { anonymous: true }, freezeRequests: { expiryReminders: ['PT25S', 'PT12S'] } },
    },
  );
  const tokens: Record<string, string> = {};
  const steps = new ExchangeSteps(federation, tokens);
  const cluster = [randomEvm(), randomEvm(), randomEvm(), randomEvm(), randomEvm()];
  const launderingWallet = randomEvm();
  const drugWallet = randomEvm();
  let scamCase: Awaited<ReturnType<ExchangeSteps['caseWithOrder']>>;
  let main: Request;
  let extendedHold: Hold;
  /** When the first freeze would have lapsed had it not been extended. */
  let originalEnd = 0;

  const request = async (id: string) =>
    (await steps.call<{ freezeRequest: Request }>(KNPA, 'analyst', FREEZE_REQUEST, { id })).freezeRequest;
  const copyOf = (r: Request, exchange: string) => r.copies.find((c) => c.exchangeId === exchange) as Copy;
  const holds = async (caseId: string) =>
    (await steps.call<{ freezeHolds: Hold[] }>(KNPA, 'analyst', HOLDS, { c: caseId })).freezeHolds;
  const approve = (id: string) =>
    steps.call<{ approveFreezeRequest: Request }>(KNPA, 'liaison', APPROVE_FREEZE, { id });
  const delivered = (id: string, exchanges: string[]) =>
    eventually(
      'the copies delivered',
      async () => {
        const r = await request(id);
        return exchanges.every((e) => copyOf(r, e).status === 'DELIVERED') ? r : undefined;
      },
      30_000,
      () => federation.logs(),
    );

  beforeAll(async () => {
    await federation.prepare();
    await federation.startAll();
    const accounts: [string, string, Role[]][] = [
      [KNPA, 'analyst', [Role.ANALYST]],
      [KNPA, 'liaison', [Role.LIAISON_OFFICER]],
      [KNPA, 'both', [Role.ANALYST, Role.LIAISON_OFFICER]],
      [KNPA, 'admin', [Role.ADMIN]],
      ...[HANBIT, MERIDIAN].flatMap((node): [string, string, Role[]][] => [
        [node, 'compliance', [Role.COMPLIANCE_OFFICER]],
        [node, 'compliance2', [Role.COMPLIANCE_OFFICER]],
        [node, 'admin', [Role.ADMIN]],
        [node, 'analyst', [Role.ANALYST]],
      ]),
    ];
    for (const [node, who, roles] of accounts)
      tokens[`${node}/${who}`] = await federation.token(node, `${who}-${node.slice(0, 6)}`, roles);
    scamCase = await steps.caseWithOrder(cluster, ['ONLINE_SCAM']);
  }, 240_000);
  afterAll(() => federation.stopAll());

  it('gives an exchange only the watchlist categories and requests its agency grants it', async () => {
    for (const [value, offenceCategory, caseReference] of [
      [drugWallet, 'DRUG_TRAFFICKING', undefined],
      [cluster[0], 'ONLINE_SCAM', scamCase.reference],
      [launderingWallet, 'MONEY_LAUNDERING', undefined],
    ] as const)
      await steps.call(
        KNPA,
        'analyst',
        'mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }',
        {
          i: {
            identifierType: 'WALLET_EVM',
            value,
            reason: 'compound wallet',
            offenceCategory,
            severity: 'HIGH',
            caseReference,
            validUntil: inSeconds(86_400),
          },
        },
      );
    const held = async (node: string) =>
      (
        await federation.sql<{ n: number }>(
          node,
          `SELECT count(*)::int AS n FROM watchlist_entry WHERE origin = 'kr-knpa'`,
        )
      )[0].n;
    await eventually('hanbit holds all three entries', async () => ((await held(HANBIT)) === 3 ? true : undefined));
    await eventually('meridian holds the scam and laundering entries', async () =>
      (await held(MERIDIAN)) === 2 ? true : undefined,
    );
    const categories = await federation.sql<{ c: string }>(
      MERIDIAN,
      'SELECT offence_category AS c FROM watchlist_entry ORDER BY 1',
    );
    expect(categories.map((r) => r.c)).toEqual(['MONEY_LAUNDERING', 'ONLINE_SCAM']);

    // A drug case: Meridian is granted no drug cases, so its copy is denied and never sealed.
    const drugCase = await steps.caseWithOrder([drugWallet], ['DRUG_TRAFFICKING']);
    const { requestFreeze } = await steps.call<{ requestFreeze: Request }>(KNPA, 'analyst', REQUEST_FREEZE, {
      input: steps.requestInput(drugCase.caseId, drugCase.orderId, [HANBIT, MERIDIAN], drugCase.values, 'STANDARD'),
    });
    expect(copyOf(requestFreeze, MERIDIAN)).toMatchObject({ status: 'DENIED_BY_POLICY' });
    expect(copyOf(requestFreeze, MERIDIAN).policyReasons.join(' ')).toMatch(
      /none of the case's offence categories \(DRUG_TRAFFICKING\)/,
    );
    await approve(requestFreeze.id);
    await delivered(requestFreeze.id, [HANBIT]);
    expect(await steps.queueItem(HANBIT, requestFreeze.reference)).toBeDefined();
    expect(copyOf(await request(requestFreeze.id), MERIDIAN).status).toBe('DENIED_BY_POLICY');
    expect(
      await federation.sql(MERIDIAN, 'SELECT 1 FROM compliance_request WHERE request_id = $1', [requestFreeze.id]),
    ).toEqual([]);
  });

  it('lets no one approve what they wrote, at the agency or at the exchange', async () => {
    const input = steps.requestInput(scamCase.caseId, scamCase.orderId, [HANBIT, MERIDIAN], scamCase.values);
    ({ requestFreeze: main } = await steps.call<{ requestFreeze: Request }>(KNPA, 'both', REQUEST_FREEZE, { input }));
    expect(main.copies.map((c) => c.status)).toEqual(['PENDING_APPROVAL', 'PENDING_APPROVAL']);
    expect(await steps.refusal(KNPA, 'both', APPROVE_FREEZE, { id: main.id })).toBe('FORBIDDEN');
    // The order is part of what leaves: whoever uploaded it cannot approve either.
    const byUploader = await steps.caseWithOrder([randomEvm()], ['ONLINE_SCAM'], 'both');
    const { requestFreeze: other } = await steps.call<{ requestFreeze: Request }>(KNPA, 'analyst', REQUEST_FREEZE, {
      input: steps.requestInput(byUploader.caseId, byUploader.orderId, [HANBIT], byUploader.values),
    });
    expect(await steps.refusal(KNPA, 'both', APPROVE_FREEZE, { id: other.id })).toBe('FORBIDDEN');

    main = (await approve(main.id)).approveFreezeRequest;
    main = await delivered(main.id, [HANBIT, MERIDIAN]);
    const queued = await eventually("the request in hanbit's queue", () => steps.queueItem(HANBIT, main.reference));
    const { draftFreezeAnswer } = await steps.call<{ draftFreezeAnswer: { id: string } }>(
      HANBIT,
      'compliance',
      'mutation ($r: ID!, $a: [TargetAnswerInput!]!) { draftFreezeAnswer(requestId: $r, answers: $a) { id } }',
      {
        r: queued.id,
        a: [{ targetId: 'T1', status: 'ACKNOWLEDGED' }],
      },
    );
    expect(
      await steps.refusal(HANBIT, 'compliance', 'mutation ($id: ID!) { approveFreezeAnswer(id: $id) { id } }', {
        id: draftFreezeAnswer.id,
      }),
    ).toBe('FORBIDDEN');
    // Nor do analysts exist on an exchange: the role means nothing there.
    expect(await steps.refusal(HANBIT, 'analyst', '{ cases { id } }', {})).toBe('FORBIDDEN');
  });

  it('carries each answer type back, signed, threaded to the request and audited at both ends', async () => {
    const queued = (await steps.queueItem(HANBIT, main.reference))!;
    const order = await fetch(`${federation.apiUrl(HANBIT)}/compliance/requests/${queued.id}/order`, {
      headers: { authorization: `Bearer ${tokens[`${HANBIT}/compliance`]}` },
    });
    const bytes = Buffer.from(await order.arrayBuffer());
    expect(createHash('sha256').update(bytes).digest('hex')).toBe(queued.legalBasis.order.sha256);
    expect(bytes.toString()).toContain(scamCase.reference);

    await steps.answer(
      HANBIT,
      queued.id,
      scamCase.values.map((_, i) => ({ targetId: `T${i + 1}`, status: 'ACKNOWLEDGED' })),
    );
    await eventually('acknowledged', async () =>
      copyOf(await request(main.id), HANBIT).answerState === 'ACKNOWLEDGED' ? true : undefined,
    );
    const at = new Date().toISOString();
    originalEnd = Date.now() + 32_000;
    await steps.answer(HANBIT, queued.id, [
      {
        targetId: 'T1',
        status: 'FROZEN',
        amount: '48000.5',
        asset: 'USDT',
        account: 'hanbit:7730012',
        at,
        frozenUntil: inSeconds(32),
      },
      { targetId: 'T2', status: 'PARTIALLY_FROZEN', amount: '120', asset: 'USDT', at, frozenUntil: inSeconds(16) },
      { targetId: 'T3', status: 'NO_FUNDS' },
      { targetId: 'T4', status: 'NEEDS_LEGAL_PROCESS', missing: 'A Korean court order naming the account holder' },
      { targetId: 'T5', status: 'DECLINED', reason: 'The wallet belongs to a licensed payment provider' },
    ]);
    const meridianRequest = await eventually('the request at meridian', () =>
      steps.queueItem(MERIDIAN, main.reference),
    );
    await steps.answer(
      MERIDIAN,
      meridianRequest.id,
      scamCase.values.map((_, i) => ({ targetId: `T${i + 1}`, status: 'NOT_OUR_CUSTOMER' })),
    );
    main = await eventually('both answered', async () => {
      const r = await request(main.id);
      return r.copies.every((c) => c.answerState === 'ANSWERED') ? r : undefined;
    });
    const latest = (c: Copy) => Object.fromEntries(c.answers.map((a) => [a.targetId, a.status]));
    expect(latest(copyOf(main, HANBIT))).toEqual({
      T1: 'FROZEN',
      T2: 'PARTIALLY_FROZEN',
      T3: 'NO_FUNDS',
      T4: 'NEEDS_LEGAL_PROCESS',
      T5: 'DECLINED',
    });
    expect(latest(copyOf(main, MERIDIAN))).toEqual(
      Object.fromEntries(scamCase.values.map((_, i) => [`T${i + 1}`, 'NOT_OUR_CUSTOMER'])),
    );
    const audited = async (node: string) =>
      (
        await federation.sql<{ type: string }>(
          node,
          `SELECT DISTINCT type FROM audit_entry WHERE type LIKE 'FREEZE_%' ORDER BY 1`,
        )
      ).map((r) => r.type);
    expect(await audited(KNPA)).toEqual(
      expect.arrayContaining(['FREEZE_ANSWER_RECEIVED', 'FREEZE_REQUESTED', 'FREEZE_REQUEST_APPROVED']),
    );
    expect(await audited(HANBIT)).toEqual(
      expect.arrayContaining(['FREEZE_ANSWER_APPROVED', 'FREEZE_ANSWER_DRAFTED', 'FREEZE_REQUEST_RECEIVED']),
    );
  });

  it('reminds before a freeze lapses, extends it in one step, and lets an unextended one lapse', async () => {
    const [t1, t2] = await eventually('both holds', async () => {
      const list = await holds(scamCase.caseId);
      return list.length === 2
        ? [list.find((h) => h.value === scamCase.values[0])!, list.find((h) => h.value === scamCase.values[1])!]
        : undefined;
    });
    const expiring = await eventually(
      'a reminder for the frozen wallet',
      async () =>
        (await steps.alerts(KNPA, 'analyst')).find((a) => a.kind === 'FREEZE_EXPIRING' && a.sources[0]?.ref === t1.id),
      20_000,
    );
    expect(expiring).toMatchObject({ caseId: scamCase.caseId, value: scamCase.values[0] });
    expect(expiring.detail).toMatch(/lapses in .* extend or release it/);

    const { extendFreeze } = await steps.call<{ extendFreeze: Request & { follows: string } }>(
      KNPA,
      'analyst',
      'mutation ($h: ID!) { extendFreeze(holdId: $h, durationDays: 30) { id reference follows copies { exchangeId status } } }',
      { h: t1.id },
    );
    expect(extendFreeze.follows).toBe(main.reference);
    await approve(extendFreeze.id);
    const followUp = await eventually('the extension at hanbit', () => steps.queueItem(HANBIT, extendFreeze.reference));
    await steps.answer(HANBIT, followUp.id, [
      {
        targetId: 'T1',
        status: 'FROZEN',
        amount: '48000.5',
        asset: 'USDT',
        at: new Date().toISOString(),
        frozenUntil: inSeconds(30 * 86_400),
      },
    ]);
    extendedHold = await eventually('the hold moved', async () => {
      const hold = (await holds(scamCase.caseId)).find((h) => h.id === t1.id)!;
      return new Date(hold.frozenUntil).getTime() > Date.now() + 86_400_000 ? hold : undefined;
    });
    expect(extendedHold).toMatchObject({ status: 'HELD', expiringSoon: false });

    const lapsed = await eventually(
      'the partial freeze lapses',
      async () =>
        (await steps.alerts(KNPA, 'analyst')).find((a) => a.kind === 'FREEZE_LAPSED' && a.sources[0]?.ref === t2.id),
      30_000,
    );
    expect(lapsed.detail).toMatch(/lapsed at .* without an extension/);
    expect((await holds(scamCase.caseId)).find((h) => h.id === t2.id)?.status).toBe('LAPSED');
  });

  it('raises an overdue alert and metric for the exchange that did not answer, across a restart', async () => {
    for (const exchange of [HANBIT, MERIDIAN]) {
      const { partnerPolicy } = await steps.call<{
        partnerPolicy: { outbound: Record<string, unknown>; inbound: Record<string, unknown> };
      }>(
        KNPA,
        'admin',
        'query ($p: String!) { partnerPolicy(partnerId: $p) { outbound { offenceCategories purposes tlpCeiling dataCategories transforms { path transform } onwardSharing { allowed to } retentionDays approvalMode watchlistCategories hitReports { allowed offenceCategories } } inbound { offenceCategories tlpCeiling maxRetentionDays acceptRelayed } } }',
        { p: exchange },
      );
      await steps.call(
        KNPA,
        'admin',
        'mutation ($p: String!, $policy: PartnerPolicyInput!) { setPartnerPolicy(partnerId: $p, policy: $policy) { version } }',
        {
          p: exchange,
          policy: {
            ...partnerPolicy,
            outbound: {
              ...partnerPolicy.outbound,
              requestDeadlines: { URGENT: 'PT20S', STANDARD: 'P3D', ROUTINE: 'P7D' },
            },
          },
        },
      );
    }
    const urgent = await steps.caseWithOrder([randomEvm()], ['ONLINE_SCAM']);
    const { requestFreeze } = await steps.call<{ requestFreeze: Request }>(KNPA, 'analyst', REQUEST_FREEZE, {
      input: steps.requestInput(urgent.caseId, urgent.orderId, [HANBIT, MERIDIAN], urgent.values),
    });
    await approve(requestFreeze.id);
    let sent = await delivered(requestFreeze.id, [HANBIT, MERIDIAN]);
    const deadline = new Date(copyOf(sent, MERIDIAN).deadlineAt!).getTime();
    const atHanbit = await eventually('at hanbit', () => steps.queueItem(HANBIT, requestFreeze.reference));
    await steps.answer(HANBIT, atHanbit.id, [{ targetId: 'T1', status: 'NOT_OUR_CUSTOMER' }]);
    sent = await eventually('hanbit answered', async () => {
      const r = await request(requestFreeze.id);
      return copyOf(r, HANBIT).answerState === 'ANSWERED' ? r : undefined;
    });

    await federation.slot(KNPA).processes[0].stop('SIGTERM');
    await sleep(Math.max(0, deadline - Date.now()) + 2000);
    await federation.start(KNPA);
    const overdue = await eventually(
      'the overdue alert after the restart',
      async () =>
        (await steps.alerts(KNPA, 'analyst')).filter(
          (a) => a.kind === 'FREEZE_REQUEST_OVERDUE' && a.value === urgent.values[0],
        ).length
          ? (await steps.alerts(KNPA, 'analyst')).filter(
              (a) => a.kind === 'FREEZE_REQUEST_OVERDUE' && a.value === urgent.values[0],
            )
          : undefined,
      20_000,
      () => federation.logs(),
    );
    expect(overdue.map((a) => a.sources[0].ref)).toEqual([copyOf(sent, MERIDIAN).id]);
    expect(overdue[0].detail).toMatch(/^URGENT request .* to global-exchange-meridian is overdue/);
    expect(copyOf(await request(requestFreeze.id), MERIDIAN).overdue).toBe(true);
    const metrics = await (await fetch(`${federation.apiUrl(KNPA)}/metrics`)).text();
    expect(metrics).toMatch(/fednode_freeze_requests_overdue\{exchange="global-exchange-meridian"\} 1\b/);
    expect(metrics).toMatch(/fednode_freeze_requests_overdue\{exchange="kr-exchange-hanbit"\} 0\b/);
  });

  it('reports a deposit to a listed wallet to the origin, which alerts the case within seconds; the policy keeps other hits local', async () => {
    const key = async (exchange: string, system: string) =>
      (
        await steps.call<{ issueScreeningKey: { apiKey: string } }>(
          exchange,
          'admin',
          'mutation ($s: String!) { issueScreeningKey(systemId: $s) { apiKey } }',
          { s: system },
        )
      ).issueScreeningKey.apiKey;
    const hanbitKey = await key(HANBIT, 'deposit-monitor');
    expect((await steps.screen(HANBIT, 'fnsk_wrong', { type: 'WALLET_EVM', address: cluster[0] })).status).toBe(401);

    const deposit = {
      type: 'WALLET_EVM',
      address: cluster[0],
      direction: 'DEPOSIT',
      transactionHash: `0x${'ab'.repeat(32)}`,
      amount: '1000',
      asset: 'USDT',
      chain: 'ethereum',
    };
    const started = Date.now();
    const hit = await steps.screen(HANBIT, hanbitKey, deposit);
    expect(hit).toMatchObject({ status: 200, body: { valid: true, hit: true, reportedTo: [KNPA] } });
    const reported = await eventually(
      'the hit on the case at kr-knpa',
      async () =>
        (await steps.alerts(KNPA, 'analyst')).find((a) => a.kind === 'HIT_REPORTED' && a.caseId === scamCase.caseId),
      15_000,
      () => federation.logs(),
    );
    expect(Date.now() - started).toBeLessThan(10_000);
    expect(reported.detail).toMatch(/kr-exchange-hanbit saw a DEPOSIT of 1000 USDT/);
    expect((await steps.alerts(HANBIT, 'compliance')).find((a) => a.kind === 'WALLET_HIT')?.detail).toMatch(
      /reported to kr-knpa/,
    );
    // The same transfer screened again is not recorded or reported twice.
    expect((await steps.screen(HANBIT, hanbitKey, deposit)).body).toMatchObject({
      hit: true,
      hitIds: [],
      reportedTo: [],
    });

    const meridianKey = await key(MERIDIAN, 'withdrawals');
    const laundering = await steps.screen(MERIDIAN, meridianKey, {
      type: 'WALLET_EVM',
      address: launderingWallet,
      direction: 'WITHDRAWAL',
      amount: '5',
      asset: 'ETH',
    });
    expect(laundering.body).toMatchObject({ hit: true, reportedTo: [] });
    expect(
      (await steps.screen(MERIDIAN, meridianKey, { ...deposit, transactionHash: `0x${'cd'.repeat(32)}` })).body,
    ).toMatchObject({ reportedTo: [KNPA] });
    await eventually("meridian's scam report at kr-knpa", async () =>
      (await federation.sql(KNPA, `SELECT 1 FROM hit_report WHERE exchange_id = $1`, [MERIDIAN])).length === 1
        ? true
        : undefined,
    );
    expect(
      await federation.sql(MERIDIAN, `SELECT report FROM wallet_hit WHERE value <> $1`, [hit.body.normalized]),
    ).toEqual([{ report: 'NOT_ALLOWED' }]);
    expect(
      await federation.sql(MERIDIAN, `SELECT count(*)::int AS n FROM outbound_packet WHERE type = 'hit-report'`),
    ).toEqual([{ n: 1 }]);

    const batch = await steps.screen(
      HANBIT,
      hanbitKey,
      {
        items: [
          { type: 'WALLET_EVM', address: cluster[1] },
          { type: 'WALLET_EVM', address: drugWallet },
          { type: 'WALLET_EVM', address: '0x12' },
        ],
      },
      'batch',
    );
    expect(batch.body).toMatchObject({
      screened: 3,
      invalid: [{ index: 2 }],
      hits: [{ index: 1, matches: [{ origin: KNPA, offenceCategory: 'DRUG_TRAFFICKING' }] }],
    });

    await steps.call(
      HANBIT,
      'admin',
      'mutation { disableScreeningSystem(systemId: "deposit-monitor") { disabledAt } }',
    );
    expect((await steps.screen(HANBIT, hanbitKey, { type: 'WALLET_EVM', address: cluster[0] })).status).toBe(401);
  });

  it('takes a registered client certificate instead of a key on the mutual-TLS port', async () => {
    const keys = forge.pki.rsa.generateKeyPair(2048);
    const cert = forge.pki.createCertificate();
    cert.publicKey = keys.publicKey;
    cert.serialNumber = '01';
    cert.validity.notBefore = new Date(Date.now() - 60_000);
    cert.validity.notAfter = new Date(Date.now() + 86_400_000);
    cert.setSubject([{ name: 'commonName', value: 'hanbit-teller-system' }]);
    cert.setIssuer(cert.subject.attributes);
    cert.sign(keys.privateKey, forge.md.sha256.create());
    const pem = forge.pki.certificateToPem(cert);
    await steps.call(
      HANBIT,
      'admin',
      'mutation ($p: String!) { registerScreeningCertificate(systemId: "teller", certificatePem: $p) { id } }',
      { p: pem },
    );
    const call = (withCertificate: boolean) =>
      screeningCallStatus(
        federation.slot(HANBIT).screeningTlsPort,
        withCertificate ? { pem, key: forge.pki.privateKeyToPem(keys.privateKey) } : undefined,
      );
    expect(await call(true)).toBe(200);
    expect(await call(false)).toBe(401);
  });

  it('never let the extended freeze lapse, and releases it in one step', async () => {
    await sleep(Math.max(0, originalEnd - Date.now()) + 2000);
    const alerts = await steps.alerts(KNPA, 'analyst');
    expect(alerts.filter((a) => a.kind === 'FREEZE_LAPSED' && a.sources[0]?.ref === extendedHold.id)).toEqual([]);
    expect((await holds(scamCase.caseId)).find((h) => h.id === extendedHold.id)?.status).toBe('HELD');

    const { releaseFreeze } = await steps.call<{ releaseFreeze: Request }>(
      KNPA,
      'analyst',
      'mutation ($h: ID!) { releaseFreeze(holdId: $h, note: "Funds returned to the victims by court order") { id reference } }',
      { h: extendedHold.id },
    );
    await approve(releaseFreeze.id);
    const atHanbit = await eventually('the release at hanbit', () => steps.queueItem(HANBIT, releaseFreeze.reference));
    await steps.answer(HANBIT, atHanbit.id, [{ targetId: 'T1', status: 'RELEASED', at: new Date().toISOString() }]);
    await eventually('the hold released', async () =>
      (await holds(scamCase.caseId)).find((h) => h.id === extendedHold.id)?.status === 'RELEASED' ? true : undefined,
    );
  });
});
