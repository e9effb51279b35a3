import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum HitCheckExceptionCode {
  RATE_LIMITED = 'RATE_LIMITED',
  PARTNER_REFUSED = 'PARTNER_REFUSED',
  PARTNER_FAILED = 'PARTNER_FAILED',
  REFERENCE_NOT_FOUND = 'REFERENCE_NOT_FOUND',
}

const API_CODES: Record<HitCheckExceptionCode, ApiErrorCode> = {
  RATE_LIMITED: ApiErrorCode.RATE_LIMITED,
  PARTNER_REFUSED: ApiErrorCode.FORBIDDEN,
  PARTNER_FAILED: ApiErrorCode.INTERNAL,
  REFERENCE_NOT_FOUND: ApiErrorCode.NOT_FOUND,
};

export class HitCheckException extends DomainException<HitCheckExceptionCode> {
  constructor(
    message: string,
    code: HitCheckExceptionCode,
    readonly retryAfterSeconds?: number,
  ) {
    super(message, code, API_CODES);
  }
}
