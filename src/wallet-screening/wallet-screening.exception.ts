import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum WalletScreeningExceptionCode {
  SYSTEM_NOT_FOUND = 'SYSTEM_NOT_FOUND',
  /** The operation belongs to the other kind of node (CONFLICT: the caller may hold the role, the node cannot do it). */
  NOT_AN_EXCHANGE = 'NOT_AN_EXCHANGE',
  CERTIFICATE_IN_USE = 'CERTIFICATE_IN_USE',
}

const API_CODES: Record<WalletScreeningExceptionCode, ApiErrorCode> = {
  SYSTEM_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  NOT_AN_EXCHANGE: ApiErrorCode.CONFLICT,
  CERTIFICATE_IN_USE: ApiErrorCode.CONFLICT,
};

export class WalletScreeningException extends DomainException<WalletScreeningExceptionCode> {
  constructor(message: string, code: WalletScreeningExceptionCode) {
    super(message, code, API_CODES);
  }
}
