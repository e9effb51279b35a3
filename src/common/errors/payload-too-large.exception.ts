import { InputException } from './input.exception.js';

/**
 * Bad input because it is bigger than allowed: BAD_USER_INPUT for every API, and HTTP 413 rather
 * than 400 so that HTTP clients (and proxies) can tell "too big" from "malformed".
 */
export class PayloadTooLargeException extends InputException {
  readonly tooLarge = true;
  constructor(field: string, problem: string) {
    super(field, problem);
    this.name = 'PayloadTooLargeException';
  }
}
