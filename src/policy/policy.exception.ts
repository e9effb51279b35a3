import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum PolicyExceptionCode {
  UNKNOWN_PARTNER = 'UNKNOWN_PARTNER',
  POLICY_NOT_FOUND = 'POLICY_NOT_FOUND',
}

const API_CODES: Record<PolicyExceptionCode, ApiErrorCode> = {
  UNKNOWN_PARTNER: ApiErrorCode.BAD_USER_INPUT,
  POLICY_NOT_FOUND: ApiErrorCode.NOT_FOUND,
};

export class PolicyException extends DomainException<PolicyExceptionCode> {
  constructor(
    message: string,
    code: PolicyExceptionCode,
    readonly field?: string,
  ) {
    super(message, code, API_CODES);
  }
}
