import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum OfficerAccountExceptionCode {
  USERNAME_TAKEN = 'USERNAME_TAKEN',
  ACCOUNT_NOT_FOUND = 'ACCOUNT_NOT_FOUND',
  CANNOT_DISABLE_SELF = 'CANNOT_DISABLE_SELF',
  CANNOT_DEMOTE_SELF = 'CANNOT_DEMOTE_SELF',
}

const API_CODES: Record<OfficerAccountExceptionCode, ApiErrorCode> = {
  USERNAME_TAKEN: ApiErrorCode.CONFLICT,
  ACCOUNT_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  CANNOT_DISABLE_SELF: ApiErrorCode.CONFLICT,
  CANNOT_DEMOTE_SELF: ApiErrorCode.CONFLICT,
};

export class OfficerAccountException extends DomainException<OfficerAccountExceptionCode> {
  constructor(message: string, code: OfficerAccountExceptionCode) {
    super(message, code, API_CODES);
  }
}
