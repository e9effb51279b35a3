import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import {
  FREEZABLE_IDENTIFIER_TYPES,
  FREEZE_ACTIONS,
  FREEZE_ANSWER_STATUSES,
  LEGAL_INSTRUMENT_TYPES,
  OFFENCE_CATEGORIES,
  TLP_LEVELS,
  TRANSFER_DIRECTIONS,
  URGENCY_CLASSES,
} from '../kernel/vocabulary/index.js';
import type { FreezeAnswerBody, FreezeRequestBody, HitReportBody } from './freeze-wire.js';
import { checkFreezeAnswerBody, checkFreezeRequestBody, checkHitReportBody } from './freeze-wire-checks.js';
import { wireSchemaFile } from './wire-schemas.js';

const order = Buffer.from('%PDF-1.7 seizure warrant 2026-Go-1234');
const WALLET = '0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed';

function request(overrides: Partial<FreezeRequestBody> = {}): FreezeRequestBody {
  return {
    kind: 'freeze-request',
    requestId: '0197f000-0000-7000-8000-000000000001',
    reference: 'FR-KNPA-1',
    caseReference: 'KNPA-2026-0001',
    action: 'FREEZE',
    legalBasis: {
      instrumentType: 'SEIZURE_WARRANT',
      reference: 'Seoul Central District Court 2026-Go-1234',
      issuingAuthority: 'Seoul Central District Court',
      order: {
        name: 'warrant.pdf',
        mediaType: 'application/pdf',
        sha256: createHash('sha256').update(order).digest('hex'),
        bytes: order.length,
        content: order.toString('base64'),
      },
    },
    targets: [{ targetId: 'T1', identifierType: 'WALLET_EVM', value: WALLET, asset: 'USDT', amount: '1250.5' }],
    durationDays: 90,
    noTippingOff: true,
    urgency: 'URGENT',
    deadlineAt: '2026-06-01T18:00:00.000Z',
    tlp: 'AMBER',
    offenceCategories: ['ONLINE_SCAM'],
    retentionDays: 365,
    ...overrides,
  };
}

const answer = (answers: FreezeAnswerBody['answers']): FreezeAnswerBody => ({
  kind: 'freeze-answer',
  requestId: '0197f000-0000-7000-8000-000000000001',
  reference: 'FR-KNPA-1',
  answerId: '0197f000-0000-7000-8000-000000000002',
  answers,
  answeredAt: '2026-06-01T12:00:00.000Z',
  tlp: 'AMBER',
  offenceCategories: ['ONLINE_SCAM'],
  retentionDays: 365,
});

describe('the freeze protocol bodies against docs/schemas', () => {
  it('accepts a full request and refuses one whose order does not hash to its sha256', () => {
    expect(checkFreezeRequestBody(request(), 1_000_000)).toMatchObject({ ok: true });
    const tampered = request();
    tampered.legalBasis.order.content = Buffer.from('%PDF-1.7 another document!!!!!!!!!!!!').toString('base64');
    tampered.legalBasis.order.bytes = Buffer.from(tampered.legalBasis.order.content, 'base64').length;
    expect(checkFreezeRequestBody(tampered, 1_000_000)).toEqual({
      ok: false,
      problem: '/legalBasis/order/content: its SHA-256 is not legalBasis.order.sha256',
    });
  });

  it.each([
    ['an unknown member', { extra: 1 }, '/extra: is not a member of this body'],
    ['a duration on a RELEASE', { action: 'RELEASE' as const }, '/: must NOT be valid'],
    [
      'a wallet not in normalised form',
      {
        targets: [{ targetId: 'T1', identifierType: 'WALLET_EVM' as const, value: WALLET.toLowerCase() }],
      },
      `/targets/0/value: not in normalised form (${WALLET})`,
    ],
    [
      'a target id used twice',
      {
        targets: [
          { targetId: 'T1', identifierType: 'WALLET_EVM' as const, value: WALLET },
          { targetId: 'T1', identifierType: 'EXCHANGE_ACCOUNT' as const, value: 'hanbit:991' },
        ],
      },
      '/targets/1/targetId: used twice',
    ],
    [
      'a phone number as a target',
      { targets: [{ targetId: 'T1', identifierType: 'PHONE', value: '+821012345678' }] },
      '/targets/0/identifierType: must be one of "WALLET_BTC", "WALLET_EVM", "WALLET_TRON", "WALLET_LTC", "WALLET_XMR", "EXCHANGE_ACCOUNT"',
    ],
  ])('refuses a request with %s', (_what, overrides, problem) => {
    expect(checkFreezeRequestBody({ ...request(), ...overrides }, 1_000_000)).toEqual({ ok: false, problem });
  });

  it('refuses an order larger than the node takes', () => {
    expect(checkFreezeRequestBody(request(), 10)).toMatchObject({
      ok: false,
      problem: expect.stringContaining('/legalBasis/order/bytes'),
    });
  });

  it('holds each answer type to its fields', () => {
    const frozen = {
      targetId: 'T1',
      status: 'FROZEN' as const,
      amount: '10',
      asset: 'USDT',
      at: '2026-06-01T10:00:00.000Z',
      frozenUntil: '2026-09-01T10:00:00.000Z',
    };
    expect(checkFreezeAnswerBody(answer([frozen]), ['T1'])).toMatchObject({ ok: true });
    expect(checkFreezeAnswerBody(answer([{ targetId: 'T1', status: 'FROZEN' }]), ['T1'])).toMatchObject({ ok: false });
    expect(checkFreezeAnswerBody(answer([{ targetId: 'T1', status: 'NEEDS_LEGAL_PROCESS' }]), ['T1'])).toMatchObject({
      ok: false,
    });
    expect(
      checkFreezeAnswerBody(
        answer([{ targetId: 'T1', status: 'NEEDS_LEGAL_PROCESS', missing: 'a Korean court order' }]),
        ['T1'],
      ),
    ).toMatchObject({ ok: true });
    expect(checkFreezeAnswerBody(answer([{ targetId: 'T1', status: 'DECLINED' }]), ['T1'])).toMatchObject({
      ok: false,
    });
    expect(
      checkFreezeAnswerBody(answer([{ targetId: 'T1', status: 'NOT_OUR_CUSTOMER', frozenUntil: frozen.frozenUntil }]), [
        'T1',
      ]),
    ).toMatchObject({ ok: false });
    expect(checkFreezeAnswerBody(answer([{ targetId: 'T2', status: 'NO_FUNDS' }]), ['T1'])).toEqual({
      ok: false,
      problem: '/answers/0/targetId: the request has no target T2',
    });
    expect(checkFreezeAnswerBody(answer([{ ...frozen, frozenUntil: frozen.at }]), ['T1'])).toMatchObject({ ok: false });
  });

  it('takes hit reports only about the recipient own entries', () => {
    const report: HitReportBody = {
      kind: 'hit-report',
      hits: [
        {
          hitId: '0197f000-0000-7000-8000-000000000003',
          entry: { origin: 'kr-knpa', entryId: '0197f000-0000-7000-8000-000000000004', offenceCategory: 'ONLINE_SCAM' },
          identifierType: 'WALLET_EVM',
          value: WALLET,
          direction: 'DEPOSIT',
          amount: '3.5',
          asset: 'ETH',
          occurredAt: '2026-06-01T10:00:00.000Z',
        },
      ],
      reportedAt: '2026-06-01T10:00:01.000Z',
      tlp: 'AMBER',
      retentionDays: 365,
    };
    expect(checkHitReportBody(report, 'kr-knpa')).toMatchObject({ ok: true });
    expect(checkHitReportBody(report, 'kr-kcs')).toEqual({
      ok: false,
      problem: '/hits/0/entry/origin: kr-knpa is not this node (kr-kcs)',
    });
  });

  it('spells every enumeration exactly as the vocabulary does', () => {
    const text = (type: 'freeze-request' | 'freeze-answer' | 'hit-report') =>
      readFileSync(wireSchemaFile(type), 'utf8');
    const enums = (type: 'freeze-request' | 'freeze-answer' | 'hit-report') =>
      [...text(type).matchAll(/"enum": (\[[^\]]*\])/g)].map(([, list]) => JSON.parse(list) as string[]);
    const all = [...enums('freeze-request'), ...enums('freeze-answer'), ...enums('hit-report')].map((list) =>
      [...list].sort().join(),
    );
    for (const vocabulary of [
      FREEZE_ACTIONS,
      LEGAL_INSTRUMENT_TYPES,
      FREEZABLE_IDENTIFIER_TYPES,
      URGENCY_CLASSES,
      TLP_LEVELS,
      OFFENCE_CATEGORIES,
      FREEZE_ANSWER_STATUSES,
      TRANSFER_DIRECTIONS,
    ])
      expect(all).toContain([...vocabulary].sort().join());
    const known = new Set(
      [
        FREEZE_ACTIONS,
        LEGAL_INSTRUMENT_TYPES,
        FREEZABLE_IDENTIFIER_TYPES,
        URGENCY_CLASSES,
        TLP_LEVELS,
        OFFENCE_CATEGORIES,
        FREEZE_ANSWER_STATUSES,
        TRANSFER_DIRECTIONS,
        ['FROZEN', 'PARTIALLY_FROZEN'],
      ].map((v) => [...v].sort().join()),
    );
    expect(all.filter((list) => !known.has(list))).toEqual([]);
  });
});
