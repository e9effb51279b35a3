import { registerEnumType } from '@nestjs/graphql';

export enum AlertKind {
  /** A partner's packet or watchlist entry and a local case name the same identifier (either may come first). */
  PARTNER_DATA_MATCHES_LOCAL_CASE = 'PARTNER_DATA_MATCHES_LOCAL_CASE',
  /** Data of two different partner origins names the same identifier. */
  CROSS_PARTNER_MATCH = 'CROSS_PARTNER_MATCH',
}

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

/** Where partner data behind an alert came from. */
export type AlertSourceKind = 'PACKET' | 'WATCHLIST_ENTRY';

export interface AlertSource {
  origin: string;
  kind: AlertSourceKind;
  /** The packet id or watchlist entry id. */
  ref: string;
}

registerEnumType(AlertKind, { name: 'AlertKind' });
registerEnumType(AlertStatus, { name: 'AlertStatus' });
