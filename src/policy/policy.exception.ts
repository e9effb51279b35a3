import { ApiErrorCode, type ClientFacingError } from '../common/errors/api-error-code.js';

export enum PolicyExceptionCode {
  UNKNOWN_PARTNER = 'UNKNOWN_PARTNER',
  POLICY_NOT_FOUND = 'POLICY_NOT_FOUND',
}

function apiCodeOf(code: PolicyExceptionCode): ApiErrorCode {
  switch (code) {
    case PolicyExceptionCode.UNKNOWN_PARTNER:
      return ApiErrorCode.BAD_USER_INPUT;
    case PolicyExceptionCode.POLICY_NOT_FOUND:
      return ApiErrorCode.NOT_FOUND;
  }
}

export class PolicyException extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;
  constructor(
    message: string,
    readonly code: PolicyExceptionCode,
    readonly field?: string,
  ) {
    super(message);
    this.name = 'PolicyException';
    this.apiCode = apiCodeOf(code);
  }
}
