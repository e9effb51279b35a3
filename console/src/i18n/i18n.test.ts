import { readFileSync } from 'node:fs';
import { buildSchema, GraphQLEnumType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { ApiErrorCode } from '../../../src/common/errors/api-error-code';
import { policyTextTemplates } from '../../../src/policy/policy-text';
import { ApiError } from '../api/client';
import { en } from './en';
import {
  CATALOGUES,
  translate,
  translateCode,
  translateError,
  translateIdentifierReason,
  translateServerText,
} from './i18n';

const schema = buildSchema(readFileSync(new URL('../../../schema.graphql', import.meta.url), 'utf8'));
const enumValues = (name: string) => (schema.getType(name) as GraphQLEnumType).getValues().map((v) => v.name);

// Every domain's error codes, straight from the node's own enums: a new `*ExceptionCode` (or a new value
// in one) fails "words every error code" below until it has English and Korean text.
const exceptionModules = import.meta.glob<Record<string, unknown>>('../../../src/**/*.exception.ts', {
  eager: true,
});
const DOMAIN_CODES: Record<string, string[]> = Object.fromEntries(
  Object.values(exceptionModules).flatMap((exports) =>
    Object.entries(exports)
      .filter(([name]) => name.endsWith('ExceptionCode'))
      .map(([name, codes]) => [name, Object.values(codes as Record<string, string>)]),
  ),
);

// Codes more than one domain sends: the console cannot tell which sent it, so their text must read right
// for each (errors.ts). A new shared code fails here until its wording has been checked for every domain.
const SHARED_CODES = {
  ALREADY_REVOKED: ['IdentityExceptionCode', 'WatchlistExceptionCode'],
  NOT_PENDING: ['ComplianceExceptionCode', 'FreezeRequestExceptionCode', 'SharingExceptionCode'],
  NOT_REQUESTER: ['FreezeRequestExceptionCode', 'SharingExceptionCode'],
  OWN_REQUEST: ['FreezeRequestExceptionCode', 'SharingExceptionCode'],
  POLICY_CHANGED: ['ComplianceExceptionCode', 'FreezeRequestExceptionCode'],
  RATE_LIMITED: ['AuthExceptionCode', 'HitCheckExceptionCode'],
  REQUEST_NOT_FOUND: ['ComplianceExceptionCode', 'FreezeRequestExceptionCode'],
  UNKNOWN_PARTNER: ['PolicyExceptionCode', 'StixExceptionCode'],
};

/** Every code the node can send that the console words itself, by catalogue namespace. */
const SERVER_CODES: Record<string, string[]> = {
  ptext: enumValues('PolicyTextCode').filter((code) => code !== 'OTHER'),
  idreason: enumValues('IdentifierReasonCode'),
  error: [...new Set(Object.values(DOMAIN_CODES).flat())],
  apierror: Object.values(ApiErrorCode),
  code: [
    'IdentifierType',
    'OffenceCategory',
    'Tlp',
    'HandlingCode',
    'SharePurpose',
    'ShareStatus',
    'RequestKind',
    'IdentityDocumentType',
    'DataCategory',
    'FieldTransform',
    'ApprovalMode',
    'Role',
    'AuditEventType',
    'AlertKind',
    'AlertStatus',
    'DeliveryStatus',
    'WatchlistSeverity',
    'HitSource',
  ].flatMap(enumValues),
};

/**
 * What "Khmer covers every main screen" means, group by group: navigation and every view's title; the
 * case list, read view and editor; sharing, the case document, requests, answers and the thread; the
 * approval screen; outbound, inbound, screening, watchlist, alerts and what went out; the codes those
 * screens show (statuses, categories, identifier types, grading), case fields, the policy's reasons and
 * identifier refusals; sign-in and session errors. Administration, audit and the exchanges' screens may
 * still fall back to English.
 */
const KHMER_SCREENS = [
  ...['app', 'nav', 'common', 'login', 'cases', 'case', 'tx', 'attachments', 'share', 'doc', 'request', 'reply'],
  ...['thread', 'approvals', 'outbound', 'inbound', 'screening', 'watchlist', 'alerts', 'sent'],
  ...['field', 'ptext', 'idreason'],
];
const KHMER_CODES = [
  ...['ShareStatus', 'DeliveryStatus', 'AlertStatus', 'AlertKind', 'WatchlistSeverity', 'HitSource', 'Role'],
  ...['Tlp', 'OffenceCategory', 'HandlingCode', 'SharePurpose', 'IdentifierType', 'RequestKind'],
  ...['IdentityDocumentType', 'DataCategory', 'FieldTransform'],
].flatMap(enumValues);
const KHMER_KEYS = [
  ...Object.keys(en).filter((key) => KHMER_SCREENS.includes(key.split('.')[0]) || key.endsWith('.title')),
  ...Object.keys(en).filter((key) => /^code\.(RELIABILITY|ACCURACY)_/.test(key)),
  ...KHMER_CODES.map((code) => `code.${code}`),
  ...['error.title', 'error.NETWORK', ...DOMAIN_CODES.AuthExceptionCode.map((code) => `error.${code}`)],
];

describe('message catalogues', () => {
  it('fills placeholders and falls back to English for a key a catalogue lacks', () => {
    expect(translate('en', 'approvals.preview', { partner: 'kh-cnp' })).toBe('What kh-cnp receives');
    expect(translate('ko', 'approvals.preview', { partner: 'kh-cnp' })).toBe('kh-cnp이(가) 받는 내용');
    expect(translate('km', 'accounts.rolesOf', { user: 'kim' })).toBe('Roles of kim');
    expect(translate('km', 'case.saved', { revision: 2 })).toBe('បានរក្សាទុក (កំណែ 2)។');
  });

  it('keeps every placeholder of the English message in each translation', () => {
    for (const [lang, catalogue] of Object.entries(CATALOGUES)) {
      for (const [key, text] of Object.entries(catalogue)) {
        const wanted = (en[key as keyof typeof en].match(/\{\w+\}/g) ?? []).sort();
        expect({ lang, key, placeholders: (text.match(/\{\w+\}/g) ?? []).sort() }).toEqual({
          lang,
          key,
          placeholders: wanted,
        });
      }
    }
  });

  it('Korean is complete and Khmer covers the main screens', () => {
    expect(Object.keys(CATALOGUES.ko).sort()).toEqual(Object.keys(en).sort());
    const missing = KHMER_KEYS.filter((key) => !(key in CATALOGUES.km));
    expect(missing).toEqual([]);
    expect(KHMER_KEYS.length).toBeGreaterThan(400);
  });

  it('reads every domain exception of the node, and knows which codes several domains share', () => {
    expect(Object.keys(DOMAIN_CODES)).toEqual(
      expect.arrayContaining([
        'AuthExceptionCode',
        'CaseExceptionCode',
        'ComplianceExceptionCode',
        'FreezeRequestExceptionCode',
        'HitCheckExceptionCode',
        'MispExceptionCode',
        'StixExceptionCode',
        'TaxiiExceptionCode',
        'WalletScreeningExceptionCode',
        'WatchlistExceptionCode',
      ]),
    );
    const domainsOf: Record<string, string[]> = {};
    for (const [domain, codes] of Object.entries(DOMAIN_CODES))
      for (const code of codes) (domainsOf[code] ??= []).push(domain);
    const shared = Object.entries(domainsOf).filter(([, domains]) => domains.length > 1);
    expect(Object.fromEntries(shared.map(([code, domains]) => [code, domains.sort()]))).toEqual(SHARED_CODES);
  });

  it.each(Object.entries(SERVER_CODES))(
    'words every %s code the node can send, in English and Korean',
    (space, codes) => {
      expect(codes.length).toBeGreaterThan(0);
      for (const lang of ['en', 'ko'] as const) {
        const missing = codes.filter((code) => !(`${space}.${code}` in CATALOGUES[lang]));
        expect({ lang, space, missing }).toEqual({ lang, space, missing: [] });
      }
    },
  );

  it('words the policy sentences in English exactly as the node writes them', () => {
    const templates = policyTextTemplates();
    for (const [code, template] of Object.entries(templates)) {
      expect({ code, text: en[`ptext.${code}` as keyof typeof en] }).toEqual({ code, text: template });
    }
  });

  it('translates coded sentences with their parameters, codes and fields in the reader’s language', () => {
    const rule = {
      code: 'TRANSFORM',
      params: { transform: 'GENERALISE_YEAR', field: 'subjects[].dateOfBirth' },
    };
    expect(translateServerText('en', 'ptext', rule, 'x')).toBe('transform year only on Subject · date of birth');
    expect(translateServerText('ko', 'ptext', rule, 'x')).toBe('대상자 · 생년월일에 "연도만" 변환 적용');
    const denied = {
      code: 'PURPOSE_NOT_ALLOWED',
      params: { purpose: 'PROSECUTION', allowed: ['INVESTIGATION', 'ASSET_FREEZE'] },
    };
    expect(translateServerText('ko', 'ptext', denied, 'x')).toBe(
      '이 협력 기관에는 기소 목적의 공유가 허용되지 않습니다 (허용: 수사, 자산 동결)',
    );
    expect(translateServerText('ko', 'ptext', { code: 'OTHER', params: {} }, 'as the node wrote it')).toBe(
      'as the node wrote it',
    );
    expect(
      translateIdentifierReason('ko', {
        reason: 'bad checksum: the checksum does not match',
        reasonCode: 'BAD_CHECKSUM',
      }),
    ).toBe('체크섬이 맞지 않습니다 (the checksum does not match)');
    expect(
      translateError(
        'ko',
        new ApiError('Invalid username or password', 'UNAUTHENTICATED', undefined, 'INVALID_CREDENTIALS'),
      ),
    ).toBe('사용자 이름 또는 비밀번호가 틀립니다.');
    expect(translateError('ko', new ApiError('locked', 'RATE_LIMITED', undefined, 'RATE_LIMITED', 30))).toContain(
      '30초',
    );
  });

  it('translates API codes it knows and shows the others as they are', () => {
    expect(translateCode('ko', 'PENDING_APPROVAL')).toBe('승인 대기');
    expect(translateCode('ko', 'WALLET_BTC')).toBe('비트코인 지갑');
    expect(translateCode('ko', 'kh-cnp')).toBe('kh-cnp');
  });
});
