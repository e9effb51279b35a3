import { randomBytes } from 'node:crypto';
import { request as httpsRequest } from 'node:https';
import { CREATE_CASE, caseInput } from '../../support/case-factory.js';
import type { FederationHarness } from './federation-harness.js';

// The steps of the exchange tests, in the users' words: an agency's analyst and liaison officer, an
// exchange's two compliance officers and its systems. Each throws with the GraphQL errors when refused.

export const KNPA = 'kr-knpa';
export const HANBIT = 'kr-exchange-hanbit';
export const MERIDIAN = 'global-exchange-meridian';

const REQUEST_FIELDS = `id reference status caseId copies { id exchangeId status policyReasons packetId deadlineAt overdue answerState
  answers { targetId status amount frozenUntil missing reason packetId } } targets { targetId value }`;
export const REQUEST_FREEZE = `mutation ($input: FreezeRequestInput!) { requestFreeze(input: $input) { ${REQUEST_FIELDS} } }`;
export const APPROVE_FREEZE = `mutation ($id: ID!) { approveFreezeRequest(id: $id) { ${REQUEST_FIELDS} } }`;
export const FREEZE_REQUEST = `query ($id: ID!) { freezeRequest(id: $id) { ${REQUEST_FIELDS} } }`;
export const HOLDS = `query ($c: ID) { freezeHolds(caseId: $c) { id exchangeId value status frozenUntil expiringSoon requestReference } }`;
export const QUEUE = `{ complianceQueue { id agencyId reference urgency deadlineAt status packetId
  legalBasis { reference order { sha256 bytes name } } targets { targetId value } answers { id status } } }`;
export const DRAFT = `mutation ($r: ID!, $a: [TargetAnswerInput!]!) { draftFreezeAnswer(requestId: $r, answers: $a) { id status policyReasons } }`;
export const APPROVE_ANSWER = `mutation ($id: ID!) { approveFreezeAnswer(id: $id) { id status packetId } }`;
export const ALERTS = `{ alerts { id kind value caseId caseReference detail sources { origin kind ref } } }`;

export const randomEvm = (): string => `0x${randomBytes(20).toString('hex')}`;

/**
 * One call of an exchange's screening endpoint on its mutual-TLS port, as one of its systems makes it
 * (with `certificate`) or as a stranger does (without): the HTTP status.
 */
export function screeningCallStatus(
  port: number | undefined,
  certificate?: { pem: string; key: string },
): Promise<number> {
  if (port === undefined) return Promise.reject(new Error('this node has no screening TLS port'));
  return new Promise<number>((resolve, reject) => {
    const req = httpsRequest(
      {
        host: '127.0.0.1',
        port,
        path: '/screening/v1/check',
        method: 'POST',
        rejectUnauthorized: false,
        headers: { 'content-type': 'application/json' },
        ...(certificate ? { cert: certificate.pem, key: certificate.key } : {}),
      },
      (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      },
    );
    req.on('error', reject);
    req.end(JSON.stringify({ type: 'WALLET_EVM', address: randomEvm() }));
  });
}

export class ExchangeSteps {
  constructor(
    private readonly federation: FederationHarness,
    private readonly tokens: Record<string, string>,
  ) {}

  async call<T>(node: string, who: string, query: string, variables: Record<string, unknown> = {}): Promise<T> {
    const response = await this.federation.graphql<T>(node, query, variables, this.tokens[`${node}/${who}`]);
    if (!response.data || response.errors?.length)
      throw Object.assign(new Error(`${node} ${who}: ${JSON.stringify(response.errors)}`), { errors: response.errors });
    return response.data;
  }

  /** The GraphQL error code a call is refused with (throws when it is not refused). */
  async refusal(node: string, who: string, query: string, variables: Record<string, unknown>): Promise<string> {
    const response = await this.federation.graphql(node, query, variables, this.tokens[`${node}/${who}`]);
    if (!response.errors?.length)
      throw new Error(`${node} ${who}: expected a refusal, got ${JSON.stringify(response.data)}`);
    return String(response.errors[0].extensions?.code);
  }

  /** A case of kr-knpa naming the wallets, with the order uploaded as its evidence. */
  async caseWithOrder(
    wallets: string[],
    offenceCategories: string[],
    uploader = 'analyst',
  ): Promise<{ caseId: string; reference: string; values: string[]; orderId: string }> {
    const identifiers = wallets.map((value, i) => ({ id: `w${i + 1}`, type: 'WALLET_EVM', value }));
    const { createCase } = await this.call<{
      createCase: { id: string; reference: string; identifiers: { value: string }[] };
    }>(KNPA, 'analyst', CREATE_CASE, {
      input: caseInput({ offenceCategories, identifiers, requests: [], transactions: [] }),
    });
    const response = await fetch(`${this.federation.apiUrl(KNPA)}/cases/${createCase.id}/attachments`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${this.tokens[`${KNPA}/${uploader}`]}`,
        'content-type': 'application/pdf',
        'x-filename': 'seizure-warrant-2026-go-1234.pdf',
      },
      body: Buffer.from(`%PDF-1.7 Seoul Central District Court seizure warrant ${createCase.reference}`),
    });
    if (response.status !== 201) throw new Error(`upload: ${response.status} ${await response.text()}`);
    const { id: orderId } = (await response.json()) as { id: string };
    return {
      caseId: createCase.id,
      reference: createCase.reference,
      values: createCase.identifiers.map((i) => i.value),
      orderId,
    };
  }

  requestInput(caseId: string, orderId: string, exchangeIds: string[], values: string[], urgency = 'URGENT') {
    return {
      caseId,
      exchangeIds,
      action: 'FREEZE',
      urgency,
      durationDays: 90,
      noTippingOff: true,
      note: 'Wallet cluster of the Sihanoukville compound; please freeze and confirm.',
      legalBasis: {
        instrumentType: 'SEIZURE_WARRANT',
        reference: 'Seoul Central District Court 2026-Go-1234',
        issuingAuthority: 'Seoul Central District Court',
        issuedOn: '2026-05-01',
        orderAttachmentId: orderId,
      },
      targets: values.map((value) => ({ identifierType: 'WALLET_EVM', value, chain: 'ethereum', asset: 'USDT' })),
    };
  }

  async answer(exchange: string, requestId: string, answers: Record<string, unknown>[]): Promise<string> {
    const { draftFreezeAnswer } = await this.call<{ draftFreezeAnswer: { id: string; status: string } }>(
      exchange,
      'compliance',
      DRAFT,
      { r: requestId, a: answers },
    );
    if (draftFreezeAnswer.status !== 'PENDING_APPROVAL') throw new Error(`answer ${JSON.stringify(draftFreezeAnswer)}`);
    const { approveFreezeAnswer } = await this.call<{ approveFreezeAnswer: { packetId: string } }>(
      exchange,
      'compliance2',
      APPROVE_ANSWER,
      { id: draftFreezeAnswer.id },
    );
    return approveFreezeAnswer.packetId;
  }

  async queueItem(exchange: string, reference: string) {
    const { complianceQueue } = await this.call<{
      complianceQueue: { id: string; reference: string; status: string; legalBasis: { order: { sha256: string } } }[];
    }>(exchange, 'compliance', QUEUE);
    return complianceQueue.find((r) => r.reference === reference);
  }

  async alerts(node: string, who: string) {
    const { alerts } = await this.call<{
      alerts: {
        id: string;
        kind: string;
        value: string;
        caseId: string | null;
        detail: string | null;
        sources: { kind: string; ref: string }[];
      }[];
    }>(node, who, ALERTS);
    return alerts;
  }

  /** A system of the exchange screens one address through the machine endpoint. */
  async screen(
    exchange: string,
    apiKey: string,
    item: Record<string, unknown>,
    path = 'check',
  ): Promise<{ status: number; body: Record<string, unknown> }> {
    const port = this.federation.slot(exchange).screeningPort;
    const response = await fetch(`http://127.0.0.1:${port}/screening/v1/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${apiKey}` },
      body: JSON.stringify(item),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  }
}
