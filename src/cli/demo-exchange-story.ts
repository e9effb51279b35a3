import { randomBytes } from 'node:crypto';
import { loadNodeConfig } from '../config/node-config.loader.js';
import { DEMO_PASSWORD } from './demo-accounts.js';

// The exchanges' part of `npm run demo` (#18): kr-knpa asks both exchanges to freeze a wallet cluster;
// Hanbit freezes part of it, Meridian answers NOT_OUR_CUSTOMER; a deposit to a listed wallet at Hanbit
// reaches kr-knpa's case within a second; a freeze nears its end and is extended in one step.

const KNPA = 'kr-knpa';
const HANBIT = 'kr-exchange-hanbit';
const MERIDIAN = 'global-exchange-meridian';

type Gql = <T>(query: string, variables?: Record<string, unknown>) => Promise<T>;
interface Session {
  gql: Gql;
  token: string;
  url: string;
}

function say(node: string, text: string): void {
  process.stdout.write(`[${node.padEnd(24)}] ${text}\n`);
}

async function login(nodeId: string, username: string): Promise<Session> {
  const config = loadNodeConfig({ file: `config/${nodeId}.yaml`, env: {} });
  const url = `http://${config.listen.host}:${config.listen.port}`;
  const call = async <T>(query: string, variables: Record<string, unknown>, token?: string): Promise<T> => {
    const response = await fetch(`${url}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify({ query, variables }),
    }).catch(() => {
      throw new Error(`${nodeId} is not reachable at ${url}: start the federation first with npm run federation`);
    });
    const body = (await response.json()) as { data?: T; errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`${nodeId}: ${body.errors.map((e) => e.message).join('; ')}`);
    return body.data as T;
  };
  const { login: session } = await call<{ login: { token: string } }>(
    'mutation ($u: String!, $p: String!) { login(username: $u, password: $p) { token } }',
    { u: username, p: DEMO_PASSWORD },
  );
  return { gql: (query, variables) => call(query, variables ?? {}, session.token), token: session.token, url };
}

async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  timeoutMs = 60_000,
  everyMs = 250,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

interface Copy {
  exchangeId: string;
  status: string;
  deadlineAt: string | null;
  answerState: string;
  answers: { targetId: string; status: string; amount: string | null }[];
}
const COPIES = 'copies { exchangeId status deadlineAt answerState answers { targetId status amount } }';
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();

/** The compliance desk of an exchange answers a request, one officer writing, another approving. */
async function answer(exchange: string, reference: string, answers: Record<string, unknown>[]): Promise<void> {
  const [writer, approver] = await Promise.all([login(exchange, 'compliance'), login(exchange, 'compliance2')]);
  const request = await until(`${reference} at ${exchange}`, async () => {
    const { complianceQueue } = await writer.gql<{
      complianceQueue: { id: string; reference: string; urgency: string; deadlineAt: string }[];
    }>('{ complianceQueue { id reference urgency deadlineAt } }');
    return complianceQueue.find((r) => r.reference === reference);
  });
  say(exchange, `${request.urgency} request ${reference} in the compliance queue, due ${request.deadlineAt}`);
  const { draftFreezeAnswer } = await writer.gql<{ draftFreezeAnswer: { id: string } }>(
    'mutation ($r: ID!, $a: [TargetAnswerInput!]!) { draftFreezeAnswer(requestId: $r, answers: $a) { id } }',
    { r: request.id, a: answers },
  );
  await approver.gql('mutation ($id: ID!) { approveFreezeAnswer(id: $id) { packetId } }', { id: draftFreezeAnswer.id });
  say(
    exchange,
    `compliance wrote ${answers.map((a) => `${String(a.targetId)} ${String(a.status)}`).join(', ')}; compliance2 approved; signed and sent`,
  );
}

export async function exchangeStory(): Promise<void> {
  process.stdout.write(
    '\n4. Exchanges: a freeze request to both, their signed answers, a wallet hit, an expiring freeze\n',
  );
  const [analyst, liaison] = await Promise.all([login(KNPA, 'analyst'), login(KNPA, 'liaison')]);
  const cluster = [0, 1, 2].map(() => `0x${randomBytes(20).toString('hex')}`);
  const reference = `KNPA-FRZ-${Date.now().toString(36).toUpperCase()}`;
  const { createCase } = await analyst.gql<{ createCase: { id: string; identifiers: { value: string }[] } }>(
    'mutation ($input: CaseInput!) { createCase(input: $input) { id identifiers { value } } }',
    {
      input: {
        reference,
        title: 'USDT cash-out of a Sihanoukville compound through Korean exchanges',
        offenceCategories: ['ONLINE_SCAM'],
        tlp: 'AMBER',
        sourceReliability: 'B',
        informationAccuracy: 2,
        identifiers: cluster.map((value, i) => ({ id: `w${i + 1}`, type: 'WALLET_EVM', value })),
      },
    },
  );
  const wallets = createCase.identifiers.map((i) => i.value);
  const upload = await fetch(`${analyst.url}/cases/${createCase.id}/attachments`, {
    method: 'POST',
    headers: {
      authorization: `Bearer ${analyst.token}`,
      'content-type': 'application/pdf',
      'x-filename': 'seizure-warrant.pdf',
    },
    body: Buffer.from(`%PDF-1.7 Seoul Central District Court, seizure warrant for case ${reference}`),
  });
  const order = (await upload.json()) as { id: string };
  await analyst.gql('mutation ($i: WatchlistEntryInput!) { addWatchlistEntry(input: $i) { entryId } }', {
    i: {
      identifierType: 'WALLET_EVM',
      value: wallets[0],
      reason: 'Compound collection wallet',
      offenceCategory: 'ONLINE_SCAM',
      severity: 'HIGH',
      caseReference: reference,
      validUntil: inDays(180),
    },
  });
  say(
    KNPA,
    `analyst: case ${reference} with a cluster of ${wallets.length} wallets, the warrant uploaded, the first wallet listed`,
  );

  const { requestFreeze } = await analyst.gql<{ requestFreeze: { id: string; reference: string } }>(
    `mutation ($input: FreezeRequestInput!) { requestFreeze(input: $input) { id reference } }`,
    {
      input: {
        caseId: createCase.id,
        exchangeIds: [HANBIT, MERIDIAN],
        action: 'FREEZE',
        urgency: 'URGENT',
        durationDays: 90,
        noTippingOff: true,
        legalBasis: {
          instrumentType: 'SEIZURE_WARRANT',
          reference: '2026-Go-1234',
          issuingAuthority: 'Seoul Central District Court',
          orderAttachmentId: order.id,
        },
        targets: wallets.map((value) => ({ identifierType: 'WALLET_EVM', value, chain: 'ethereum', asset: 'USDT' })),
      },
    },
  );
  await liaison.gql('mutation ($id: ID!) { approveFreezeRequest(id: $id) { id } }', { id: requestFreeze.id });
  say(KNPA, `liaison approved ${requestFreeze.reference}: one signed copy per exchange, URGENT (8 hours)`);

  await answer(HANBIT, requestFreeze.reference, [
    {
      targetId: 'T1',
      status: 'PARTIALLY_FROZEN',
      amount: '12000',
      asset: 'USDT',
      account: 'hanbit:7730012',
      at: new Date().toISOString(),
      frozenUntil: inDays(6),
    },
    {
      targetId: 'T2',
      status: 'FROZEN',
      amount: '3050.25',
      asset: 'USDT',
      at: new Date().toISOString(),
      frozenUntil: inDays(90),
    },
    { targetId: 'T3', status: 'NO_FUNDS' },
  ]);
  await answer(
    MERIDIAN,
    requestFreeze.reference,
    wallets.map((_, i) => ({ targetId: `T${i + 1}`, status: 'NOT_OUR_CUSTOMER' })),
  );
  const copies = await until('both answers at kr-knpa', async () => {
    const { freezeRequest } = await analyst.gql<{ freezeRequest: { copies: Copy[] } }>(
      `query ($id: ID!) { freezeRequest(id: $id) { ${COPIES} } }`,
      { id: requestFreeze.id },
    );
    return freezeRequest.copies.every((c) => c.answerState === 'ANSWERED') ? freezeRequest.copies : undefined;
  });
  for (const copy of copies)
    say(
      KNPA,
      `${copy.exchangeId}: ${copy.answers.map((a) => `${a.targetId} ${a.status}${a.amount ? ` ${a.amount}` : ''}`).join(', ')}`,
    );

  const { issueScreeningKey } = await (
    await login(HANBIT, 'admin')
  ).gql<{ issueScreeningKey: { apiKey: string } }>(
    'mutation { issueScreeningKey(systemId: "demo-deposits") { apiKey } }',
  );
  const compliance = await login(HANBIT, 'compliance');
  await until('the listed wallet at hanbit', async () => {
    const { watchlist } = await compliance.gql<{ watchlist: { entries: unknown[] } }>(
      'query ($f: WatchlistFilter) { watchlist(filter: $f, first: 1) { entries { entryId } } }',
      { f: { origin: KNPA, identifierType: 'WALLET_EVM', value: wallets[0] } },
    );
    return watchlist.entries.length ? true : undefined;
  });
  const screening = loadNodeConfig({ file: `config/${HANBIT}.yaml`, env: {} }).screening!;
  const started = Date.now();
  const deposit = await fetch(`http://${screening.host}:${screening.port}/screening/v1/check`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${issueScreeningKey.apiKey}` },
    body: JSON.stringify({
      type: 'WALLET_EVM',
      address: wallets[0],
      direction: 'DEPOSIT',
      transactionHash: `0x${randomBytes(32).toString('hex')}`,
      amount: '2500',
      asset: 'USDT',
      chain: 'ethereum',
    }),
  });
  const screened = (await deposit.json()) as { hit: boolean; reportedTo: string[] };
  say(
    HANBIT,
    `deposit system: 2,500 USDT into ${wallets[0]}: hit ${screened.hit}, reported to ${screened.reportedTo.join(', ') || 'nobody'}`,
  );
  const hit = await until(
    'the hit report at kr-knpa',
    async () => {
      const { alerts } = await analyst.gql<{
        alerts: { kind: string; caseReference: string | null; detail: string }[];
      }>('{ alerts(first: 50) { kind caseReference detail } }');
      return alerts.find((a) => a.kind === 'HIT_REPORTED' && a.caseReference === reference);
    },
    30_000,
    50,
  );
  say(KNPA, `alert on case ${reference} ${Date.now() - started} ms after the deposit: ${hit.detail}`);

  const expiring = await until('the expiry reminder', async () => {
    const { freezeHolds } = await analyst.gql<{
      freezeHolds: { id: string; value: string; frozenUntil: string; expiringSoon: boolean }[];
    }>('query ($c: ID) { freezeHolds(caseId: $c) { id value frozenUntil expiringSoon } }', { c: createCase.id });
    return freezeHolds.find((h) => h.expiringSoon);
  });
  say(
    KNPA,
    `reminder: the freeze of ${expiring.value} at ${HANBIT} lapses ${expiring.frozenUntil.slice(0, 10)}; analyst extends it in one step`,
  );
  const { extendFreeze } = await analyst.gql<{ extendFreeze: { id: string; reference: string } }>(
    'mutation ($h: ID!) { extendFreeze(holdId: $h, durationDays: 90) { id reference } }',
    { h: expiring.id },
  );
  await liaison.gql('mutation ($id: ID!) { approveFreezeRequest(id: $id) { id } }', { id: extendFreeze.id });
  await answer(HANBIT, extendFreeze.reference, [
    {
      targetId: 'T1',
      status: 'FROZEN',
      amount: '12000',
      asset: 'USDT',
      at: new Date().toISOString(),
      frozenUntil: inDays(96),
    },
  ]);
  const extended = await until('the extended freeze', async () => {
    const { freezeHolds } = await analyst.gql<{ freezeHolds: { id: string; frozenUntil: string }[] }>(
      'query ($c: ID) { freezeHolds(caseId: $c) { id frozenUntil } }',
      { c: createCase.id },
    );
    const hold = freezeHolds.find((h) => h.id === expiring.id);
    return hold && hold.frozenUntil > inDays(30) ? hold : undefined;
  });
  say(KNPA, `the freeze now runs until ${extended.frozenUntil.slice(0, 10)}`);
}
