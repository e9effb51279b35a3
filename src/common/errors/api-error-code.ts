/** The stable `extensions.code` values clients may rely on. */
export enum ApiErrorCode {
  BAD_USER_INPUT = 'BAD_USER_INPUT',
  UNAUTHENTICATED = 'UNAUTHENTICATED',
  FORBIDDEN = 'FORBIDDEN',
  NOT_FOUND = 'NOT_FOUND',
  CONFLICT = 'CONFLICT',
  RATE_LIMITED = 'RATE_LIMITED',
  INTERNAL = 'INTERNAL',
}

/**
 * What a domain exception must offer to be shown to a client: a message that is safe to show,
 * the API code it maps to, and optionally the input field at fault.
 */
export interface ClientFacingError {
  readonly apiCode: ApiErrorCode;
  readonly message: string;
  readonly field?: string;
  readonly retryAfterSeconds?: number;
}

export function isClientFacingError(error: unknown): error is ClientFacingError {
  return (
    error instanceof Error &&
    typeof (error as unknown as Partial<ClientFacingError>).apiCode === 'string' &&
    Object.values(ApiErrorCode).includes((error as unknown as ClientFacingError).apiCode)
  );
}
