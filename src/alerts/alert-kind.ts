import { registerEnumType } from '@nestjs/graphql';

export enum AlertKind {
  /** A partner's packet or watchlist entry and a local case name the same identifier (either may come first). */
  PARTNER_DATA_MATCHES_LOCAL_CASE = 'PARTNER_DATA_MATCHES_LOCAL_CASE',
  /** Data of two different partner origins names the same identifier. */
  CROSS_PARTNER_MATCH = 'CROSS_PARTNER_MATCH',
  /** At an agency: a request to an exchange passed its answer deadline without an answer for every target. */
  FREEZE_REQUEST_OVERDUE = 'FREEZE_REQUEST_OVERDUE',
  /** At an agency: a freeze held at an exchange lapses soon (one alert per configured reminder). */
  FREEZE_EXPIRING = 'FREEZE_EXPIRING',
  /** At an agency: a freeze held at an exchange reached its end without an extension or a release. */
  FREEZE_LAPSED = 'FREEZE_LAPSED',
  /** At an exchange: one of its systems screened a wallet on the watchlist. */
  WALLET_HIT = 'WALLET_HIT',
  /** At an agency: an exchange reported that a wallet on our watchlist moved funds through it. */
  HIT_REPORTED = 'HIT_REPORTED',
}

/** The alert kinds about exchanges: raised with `AlertService.raise`, each with its own once-only subject. */
export type ExchangeAlertKind =
  | AlertKind.FREEZE_REQUEST_OVERDUE
  | AlertKind.FREEZE_EXPIRING
  | AlertKind.FREEZE_LAPSED
  | AlertKind.WALLET_HIT
  | AlertKind.HIT_REPORTED;

export enum AlertStatus {
  OPEN = 'OPEN',
  ACKNOWLEDGED = 'ACKNOWLEDGED',
}

/** Where partner data behind an alert came from. */
export type AlertSourceKind =
  'PACKET' | 'WATCHLIST_ENTRY' | 'FREEZE_REQUEST' | 'FREEZE_HOLD' | 'WALLET_HIT' | 'HIT_REPORT';

export interface AlertSource {
  origin: string;
  kind: AlertSourceKind;
  /** The packet id or watchlist entry id. */
  ref: string;
}

registerEnumType(AlertKind, { name: 'AlertKind' });
registerEnumType(AlertStatus, { name: 'AlertStatus' });
