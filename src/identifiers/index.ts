export { validateIdentifier, MAX_IDENTIFIER_INPUT } from './identifier-validation.js';
export { REASON_CATEGORIES, reasonCategory } from './validation-result.js';
export type { IdentifierValidation, ReasonCategory } from './validation-result.js';
