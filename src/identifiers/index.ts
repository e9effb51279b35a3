export { validateIdentifier, MAX_IDENTIFIER_INPUT } from './identifier-validation.js';
export { REASON_CATEGORIES, reasonCategory } from './validation-result.js';
export type { IdentifierValidation, ReasonCategory } from './validation-result.js';
export { IDENTIFIER_REASON_CODES, identifierReasonCode } from './reason-code.js';
export type { IdentifierReasonCode } from './reason-code.js';
