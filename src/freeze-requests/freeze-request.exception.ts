import { ApiErrorCode } from '../common/errors/api-error-code.js';
import { DomainException } from '../common/errors/domain.exception.js';

export enum FreezeRequestExceptionCode {
  REQUEST_NOT_FOUND = 'REQUEST_NOT_FOUND',
  HOLD_NOT_FOUND = 'HOLD_NOT_FOUND',
  NOT_PENDING = 'NOT_PENDING',
  NOT_HELD = 'NOT_HELD',
  /** The approver requested the request or supplied its order: four eyes means someone else decides. */
  OWN_REQUEST = 'OWN_REQUEST',
  NOT_REQUESTER = 'NOT_REQUESTER',
  /** The outbound policy for an exchange changed since the request was evaluated; it has been evaluated again. */
  POLICY_CHANGED = 'POLICY_CHANGED',
  ORDER_UNAVAILABLE = 'ORDER_UNAVAILABLE',
  /** The operation belongs to the other kind of node (CONFLICT: the caller may hold the role, the node cannot do it). */
  NOT_AN_AGENCY = 'NOT_AN_AGENCY',
}

const API_CODES: Record<FreezeRequestExceptionCode, ApiErrorCode> = {
  REQUEST_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  HOLD_NOT_FOUND: ApiErrorCode.NOT_FOUND,
  NOT_PENDING: ApiErrorCode.CONFLICT,
  NOT_HELD: ApiErrorCode.CONFLICT,
  OWN_REQUEST: ApiErrorCode.FORBIDDEN,
  NOT_REQUESTER: ApiErrorCode.FORBIDDEN,
  POLICY_CHANGED: ApiErrorCode.CONFLICT,
  ORDER_UNAVAILABLE: ApiErrorCode.CONFLICT,
  NOT_AN_AGENCY: ApiErrorCode.CONFLICT,
};

export class FreezeRequestException extends DomainException<FreezeRequestExceptionCode> {
  constructor(message: string, code: FreezeRequestExceptionCode) {
    super(message, code, API_CODES);
  }
}
