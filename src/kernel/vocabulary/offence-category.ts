/** The offence categories a case, a watchlist entry or a policy names. */
export const OFFENCE_CATEGORIES = [
  'DRUG_TRAFFICKING',
  'ONLINE_SCAM',
  'MONEY_LAUNDERING',
  'ILLEGAL_FX_CUSTOMS_FRAUD',
  'CYBERCRIME',
  'HUMAN_TRAFFICKING',
] as const;
export type OffenceCategory = (typeof OFFENCE_CATEGORIES)[number];
