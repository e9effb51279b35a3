import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum ComplianceExceptionCode {
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  ANSWER_NOT_FOUND = 'ANSWER_NOT_FOUND',
  NOT_PENDING = 'NOT_PENDING',
  /** The approver wrote the answer: four eyes means a second compliance officer decides. */
  OWN_ANSWER = 'OWN_ANSWER',
  /** The outbound policy for the agency changed since the answer was written; it has been evaluated again. */
  POLICY_CHANGED = 'POLICY_CHANGED',
}

const API_CODES: Record<ComplianceExceptionCode, ApiErrorCode> = {
  REQUEST_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  ANSWER_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  NOT_PENDING: ApiErrorCode.CONFLICT,
  OWN_ANSWER: ApiErrorCode.FORBIDDEN,
  POLICY_CHANGED: ApiErrorCode.CONFLICT,
};

export class ComplianceException extends DomainException<ComplianceExceptionCode> {
  constructor(message: string, code: ComplianceExceptionCode) {
    super(message, code, API_CODES);
  }
}
