import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

/** Officers' GraphQL errors of the TAXII module (TAXII clients get TAXII error messages instead). */
export enum TaxiiExceptionCode {
  INBOX_ITEM_NOT_FOUND = 'INBOX_ITEM_NOT_FOUND',
  INBOX_ITEM_DECIDED = 'INBOX_ITEM_DECIDED',
}

const API_CODES: Record<TaxiiExceptionCode, ApiErrorCode> = {
  INBOX_ITEM_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  INBOX_ITEM_DECIDED: ApiErrorCode.CONFLICT,
};

export class TaxiiException extends DomainException<TaxiiExceptionCode> {
  constructor(message: string, code: TaxiiExceptionCode) {
    super(message, code, API_CODES);
  }
}
