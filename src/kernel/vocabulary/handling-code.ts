/** Handling codes an originator attaches to what it shares. */
export const HANDLING_CODES = [
  'INTELLIGENCE_ONLY',
  'NO_COURT_USE_WITHOUT_PERMISSION',
  'NO_ONWARD_SHARING_WITHOUT_PERMISSION',
] as const;
export type HandlingCode = (typeof HANDLING_CODES)[number];
