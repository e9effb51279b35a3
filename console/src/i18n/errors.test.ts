import { describe, expect, it } from 'vitest';
import { caseContentSchema } from '../../../src/cases/case-content';
import { inputExceptionFromZod } from '../../../src/common/errors/zod-input';
import { ApiError, errorOf } from '../api/client';
import { translateError } from './i18n';

/** The error the console gets when the node refuses a case as `caseContentFromInput` does. */
function refusedCase(content: Record<string, unknown>): ApiError {
  const parsed = caseContentSchema.safeParse(content);
  if (parsed.success) throw new Error('the case was accepted');
  const refusal = inputExceptionFromZod(parsed.error, 'input');
  return new ApiError(refusal.message, 'BAD_USER_INPUT', refusal.field);
}

const GOOD_CASE = {
  reference: 'KNPA-2026-001',
  title: 'Romance scam wallets',
  offenceCategories: ['ONLINE_SCAM'],
  tlp: 'AMBER',
  sourceReliability: 'B',
  informationAccuracy: 2,
};

describe('errors in the officer’s language', () => {
  it('words a domain error by its code, with the node’s detail where the sentence needs it', () => {
    const answer = {
      errors: [
        {
          message: 'Case KNPA-1 is at revision 3, not 2: someone else changed it; reload it',
          extensions: { code: 'CONFLICT', reasonCode: 'REVISION_CONFLICT' },
        },
      ],
    };
    expect(translateError('ko', errorOf(answer, 200))).toBe(
      '그사이 다른 사람이 이 사건을 수정했습니다. 다시 불러온 뒤 변경 내용을 다시 입력하십시오.',
    );
    const bundle = new ApiError('bundle has no objects', 'BAD_USER_INPUT', undefined, 'INVALID_BUNDLE');
    expect(translateError('ko', bundle)).toBe('STIX 번들이 거부되었습니다 (bundle has no objects).');
    expect(translateError('en', new ApiError('x', 'NOT_FOUND', undefined, 'ENTRY_NOT_FOUND'))).toBe(
      'That watchlist entry does not exist.',
    );
  });

  it('keeps the node’s message for a code it does not know, or when the sentence lacks a parameter', () => {
    expect(translateError('ko', new ApiError('as the node wrote it', 'CONFLICT', undefined, 'SOMETHING_NEW'))).toBe(
      'as the node wrote it',
    );
    // A partner's hit-check refusal may come without a wait: "{seconds}" must not reach the officer.
    const limited = new ApiError('kh-cnp refused the hit-check: slow down', 'RATE_LIMITED', undefined, 'RATE_LIMITED');
    expect(translateError('ko', limited)).toBe('kh-cnp refused the hit-check: slow down');
    expect(translateError('ko', new ApiError('whatever', 'TEAPOT'))).toBe('whatever');
  });

  it('words an error without a domain code by its API code', () => {
    expect(translateError('ko', new ApiError('Internal error; the node has logged the details', 'INTERNAL'))).toBe(
      '노드가 처리하지 못했습니다. 자세한 내용은 노드에 기록되었습니다.',
    );
    expect(translateError('en', new ApiError('No alert a1', 'NOT_FOUND'))).toBe('Not found on this node: No alert a1');
    expect(translateError('ko', new ApiError('The live feed was interrupted', 'NETWORK'))).toBe(
      '노드에 연결할 수 없습니다.',
    );
  });

  it('words the node’s refusals of a case, field and problem, as the case editor gets them', () => {
    expect(translateError('ko', refusedCase({ ...GOOD_CASE, title: '  ' }))).toBe('제목: 비워 둘 수 없습니다');
    expect(translateError('ko', refusedCase({ ...GOOD_CASE, offenceCategories: [] }))).toBe(
      '범죄 유형: 사건에는 범죄 유형이 하나 이상 있어야 합니다',
    );
    const birth = refusedCase({
      ...GOOD_CASE,
      subjects: [
        { id: 's1', names: ['A'] },
        { id: 's2', names: ['B'], dateOfBirth: '1990-02-30' },
      ],
    });
    expect(translateError('en', birth)).toBe('Subject · date of birth (no. 2): must be a real date written YYYY-MM-DD');
    const tlp = refusedCase({ ...GOOD_CASE, tlp: 'PURPLE' });
    expect(translateError('ko', tlp)).toMatch(/^TLP: 다음 중 하나여야 합니다: CLEAR, GREEN, /);
    const two = refusedCase({ ...GOOD_CASE, title: '', reference: '' });
    expect(translateError('ko', two)).toMatch(/\(그 밖에 문제 1건\)$/);
  });

  it('words the node’s other usual input problems, and keeps an unknown one after the field’s name', () => {
    const refused = (field: string, problem: string) =>
      translateError('ko', new ApiError(`${field}: ${problem}`, 'BAD_USER_INPUT', field));
    expect(refused('reason', 'say why the answer is rejected')).toBe('사유: 사유를 입력하십시오');
    expect(refused('input.durationDays', 'must be a whole number of days from 1 to 3650')).toBe(
      '기간(일): 1부터 3650까지의 정수여야 합니다',
    );
    expect(refused('purpose', 'must be one of INVESTIGATION, PROSECUTION')).toBe(
      '목적: 다음 중 하나여야 합니다: 수사, 기소',
    );
    expect(refused('input.identifiers.0.value', 'not a valid WALLET_BTC: bad checksum')).toBe(
      '식별자 · 값 (1번째): 올바른 비트코인 지갑이(가) 아닙니다: bad checksum',
    );
    expect(refused('filter.to', 'must be after filter.from')).toBe('filter.to: must be after filter.from');
    expect(
      translateError(
        'ko',
        new ApiError('An id in the request is not a valid id (a UUID is expected)', 'BAD_USER_INPUT'),
      ),
    ).toBe('요청의 ID가 올바른 ID가 아닙니다 (UUID여야 합니다).');
    expect(translateError('ko', new ApiError('Syntax Error: Unexpected Name "x".', 'BAD_USER_INPUT'))).toBe(
      '노드가 입력을 거부했습니다: Syntax Error: Unexpected Name "x".',
    );
  });
});
