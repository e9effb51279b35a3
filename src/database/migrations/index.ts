import { OfficerAccounts1764050000000 } from './1764050000000-officer-accounts.js';
import { Cases1764070000000 } from './1764070000000-cases.js';
import { PartnerPolicies1764080000000 } from './1764080000000-partner-policies.js';
import { ShareRequests1764090000000 } from './1764090000000-share-requests.js';
import { ReceivedPackets1764100000000 } from './1764100000000-received-packets.js';
import { Watchlist1764110000000 } from './1764110000000-watchlist.js';
import { FederationDelivery1764120000000 } from './1764120000000-federation-delivery.js';
import { WatchlistSyncCursors1764130000000 } from './1764130000000-watchlist-sync-cursors.js';
import { HitCheck1764150000000 } from './1764150000000-hit-check.js';
import { Alerts1764140000000 } from './1764140000000-alerts.js';
import { Audit1764200000000 } from './1764200000000-audit.js';
import { TaxiiAccounts1764220000000 } from './1764220000000-taxii-accounts.js';
import { WatchlistBulkSync1764230000000 } from './1764230000000-watchlist-bulk-sync.js';
import { DeliveryLeases1765000000000 } from './1765000000000-delivery-leases.js';
import { TaxiiCollectionsAndInbox1765100000000 } from './1765100000000-taxii-collections-and-inbox.js';
import { CanonicalOutboundPackets1765300000000 } from './1765300000000-canonical-outbound-packets.js';
import { WatchlistRelayGrants1765300001000 } from './1765300001000-watchlist-relay-grants.js';
import { LoginRefusals1765400000000 } from './1765400000000-login-refusals.js';
import { CaseEdits1765400001000 } from './1765400001000-case-edits.js';
import { ReplyDrafts1765400002000 } from './1765400002000-reply-drafts.js';
import { WatchlistSentLive1765500000000 } from './1765500000000-watchlist-sent-live.js';
import { Exchanges1765600000000 } from './1765600000000-exchanges.js';
import { NodeIdentityAndPacketIntake1764060000000 } from './1764060000000-node-identity-and-packet-intake.js';

/** Every migration, in order. A new migration is added here in the same commit. */
export const MIGRATIONS = [
  OfficerAccounts1764050000000,
  NodeIdentityAndPacketIntake1764060000000,
  Cases1764070000000,
  PartnerPolicies1764080000000,
  ShareRequests1764090000000,
  ReceivedPackets1764100000000,
  Watchlist1764110000000,
  FederationDelivery1764120000000,
  WatchlistSyncCursors1764130000000,
  Alerts1764140000000,
  HitCheck1764150000000,
  Audit1764200000000,
  TaxiiAccounts1764220000000,
  WatchlistBulkSync1764230000000,
  DeliveryLeases1765000000000,
  TaxiiCollectionsAndInbox1765100000000,
  CanonicalOutboundPackets1765300000000,
  WatchlistRelayGrants1765300001000,
  LoginRefusals1765400000000,
  CaseEdits1765400001000,
  ReplyDrafts1765400002000,
  WatchlistSentLive1765500000000,
  Exchanges1765600000000,
];
