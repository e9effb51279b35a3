import { ApiErrorCode, ClientFacingError } from './api-error-code.js';

/** Bad input, naming the field at fault. Shared by every domain's input checks. */
export class InputException extends Error implements ClientFacingError {
  readonly apiCode = ApiErrorCode.BAD_USER_INPUT;
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field}: ${problem}`);
    this.name = 'InputException';
  }
}
