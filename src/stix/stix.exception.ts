import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum StixExceptionCode {
  UNKNOWN_PARTNER = 'UNKNOWN_PARTNER',
  NO_POLICY = 'NO_POLICY',
  DENIED_BY_POLICY = 'DENIED_BY_POLICY',
  INVALID_BUNDLE = 'INVALID_BUNDLE',
  TOO_MANY_ENTRIES = 'TOO_MANY_ENTRIES',
}

const API_CODES: Record<StixExceptionCode, ApiErrorCode> = {
  UNKNOWN_PARTNER: ApiErrorCode.BAD_USER_INPUT,
  NO_POLICY: ApiErrorCode.FORBIDDEN,
  DENIED_BY_POLICY: ApiErrorCode.FORBIDDEN,
  INVALID_BUNDLE: ApiErrorCode.BAD_USER_INPUT,
  TOO_MANY_ENTRIES: ApiErrorCode.BAD_USER_INPUT,
};

export class StixException extends DomainException<StixExceptionCode> {
  constructor(message: string, code: StixExceptionCode) {
    super(message, code, API_CODES);
  }
}
