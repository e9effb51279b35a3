import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum SharingExceptionCode {
  SHARE_NOT_FOUND = 'SHARE_NOT_FOUND',
  NOT_PENDING = 'NOT_PENDING',
  OWN_REQUEST = 'OWN_REQUEST',
  STALE_PREVIEW = 'STALE_PREVIEW',
  NOT_REQUESTER = 'NOT_REQUESTER',
  APPROVER_CHANGED_CASE = 'APPROVER_CHANGED_CASE',
}

const API_CODES: Record<SharingExceptionCode, ApiErrorCode> = {
  SHARE_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  NOT_PENDING: ApiErrorCode.CONFLICT,
  OWN_REQUEST: ApiErrorCode.FORBIDDEN,
  STALE_PREVIEW: ApiErrorCode.CONFLICT,
  NOT_REQUESTER: ApiErrorCode.FORBIDDEN,
  APPROVER_CHANGED_CASE: ApiErrorCode.FORBIDDEN,
};

export class SharingException extends DomainException<SharingExceptionCode> {
  constructor(message: string, code: SharingExceptionCode) {
    super(message, code, API_CODES);
  }
}
