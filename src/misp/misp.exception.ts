import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum MispExceptionCode {
  INVALID_EVENT = 'INVALID_EVENT',
}

const API_CODES: Record<MispExceptionCode, ApiErrorCode> = {
  INVALID_EVENT: ApiErrorCode.BAD_USER_INPUT,
};

export class MispException extends DomainException<MispExceptionCode> {
  constructor(message: string, code: MispExceptionCode) {
    super(message, code, API_CODES);
  }
}
