/** TLP 2.0 markings, least to most restrictive: the array order is the ordering. */
export const TLP_LEVELS = ['CLEAR', 'GREEN', 'AMBER', 'AMBER_STRICT', 'RED'] as const;
export type Tlp = (typeof TLP_LEVELS)[number];

export function tlpRank(tlp: Tlp): number {
  return TLP_LEVELS.indexOf(tlp);
}

/** True when `tlp` is at most `ceiling` (e.g. GREEN within AMBER). */
export function tlpWithin(tlp: Tlp, ceiling: Tlp): boolean {
  return tlpRank(tlp) <= tlpRank(ceiling);
}

/** The marking as written on documents: `TLP:AMBER+STRICT`. */
export function formatTlp(tlp: Tlp): string {
  return `TLP:${tlp === 'AMBER_STRICT' ? 'AMBER+STRICT' : tlp}`;
}
