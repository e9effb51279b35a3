import type { ApiErrorCode, ClientFacingError } from './api-error-code.js';

/**
 * An error of one domain, with that domain's own code enum. Each domain passes a table from its codes
 * to API codes; typed as a Record over the enum, so adding a code without deciding its API code fails
 * to compile (the exhaustive mapping twenty's server uses).
 */
export abstract class DomainException<Code extends string> extends Error implements ClientFacingError {
  readonly apiCode: ApiErrorCode;

  protected constructor(
    message: string,
    readonly code: Code,
    apiCodes: Readonly<Record<Code, ApiErrorCode>>,
  ) {
    super(message);
    this.name = new.target.name;
    this.apiCode = apiCodes[code];
  }
}
