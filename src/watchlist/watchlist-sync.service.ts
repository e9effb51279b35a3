import type { KeyObject } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type { Logger } from 'pino';
import { OFFENCE_CATEGORIES, type OffenceCategory } from '../kernel/vocabulary/index.js';
import { AlertService } from '../alerts/alert.service.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import { nodeIdSchema, type NodeConfig } from '../config/node-config.schema.js';
import { isPacketRejection } from '../kernel/vocabulary/packet-rejection.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { NodeIdentityService } from '../identity/node-identity.service.js';
import type { ProtocolVersion } from '../kernel/vocabulary/protocol-version.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import type { InboundPolicy } from '../policy/sharing-policy.js';
import { isExpired, sameContent, type SignedWatchlistEntry, type WatchlistEntryVersion } from './watchlist-entry.js';
import { isRefusal, mergeEntry } from './watchlist-merge.js';
import {
  categoryRefusal,
  feedSelection,
  onwardTargets,
  senderRefusal,
  storedGrant,
  type FeedSelection,
} from './watchlist-relay.js';
import { SignaturePool } from './signature-pool.js';
import { ed25519PublicKey, ed25519Spki, entrySignatureInput, verifyEntryFast } from './watchlist-signing.js';
import { certificateFingerprint } from './watchlist-certificate.js';
import { checkGrant, grantSignatureValid, GrantSigner, type RelayGrant } from './watchlist-grant.js';
import { describeIssue, wireValidator } from '../kernel/wire/wire-schemas.js';
import { describe, type IngestProblem, type IngestResult, problem, record } from './watchlist-ingest-report.js';
import * as store from './watchlist.store.js';
import { TransactionContext } from '../common/database/transaction-context.js';

/** One item of a change feed page; also what `ingest` takes (`seq` and `origin` are informative). */
export interface WatchlistFeedItem extends SignedWatchlistEntry {
  /** The serving node's change_seq of this item. */
  seq: string;
  /** The entry's origin, so that a puller can skip origins it gets elsewhere without parsing the entry. */
  origin: string;
  /** Partners the receiver may relay the entry to; only the origin grants this (see watchlist-relay.ts). */
  onwardTo: string[];
  /** Protocol 2: the origin's signed consent to the relay (watchlist-grant.ts); absent when there is none. */
  grant?: RelayGrant;
}

export type { IngestProblem, IngestResult } from './watchlist-ingest-report.js';

export interface WatchlistFeedPage {
  items: WatchlistFeedItem[];
  /** Pass as `afterSeq` next time; it may move past entries this partner does not receive. */
  nextCursor: string;
  hasMore: boolean;
}

export interface OriginFilter {
  /** Only entries of these origins. */
  origins?: string[];
  /** No entries of these origins. */
  excludeOrigins?: string[];
}

interface VerifiedItem {
  index: number;
  signed: SignedWatchlistEntry;
  onwardTo: string[];
  certificate: store.StoredCertificate;
  /** A grant that names us (as relay from the origin, or as target from a relay); verified with the entry. */
  grant: RelayGrant | undefined;
}

/** An item that passed every check but its signature. */
interface CheckedItem extends VerifiedItem {
  key: KeyObject;
  spki: Buffer;
  /** The sender's change_seq of the item when it gave a well-formed one (an optimisation hint only). */
  seq: bigint | null;
}

type CertificateCheck =
  { key: KeyObject; spki: Buffer; certificate: store.StoredCertificate } | { reason: string; detail: string };

/** An item as ingest takes it (certificate inline, see fromWire), checked against the published schema. */
const feedItemSchema = wireValidator<WatchlistFeedItem & { originCertificateRef?: string }>(
  'watchlist-feed-page#/$defs/item',
);

/** Entries per transaction: big enough for throughput, small enough not to hold the feed lock long. */
const CHUNK = 1000;
export const DEFAULT_FEED_LIMIT = 1000;
export const MAX_FEED_LIMIT = 5000;
/** A feed page looks at most this many pages' worth of changes (bounded work for partners who get few). */
const FEED_WINDOW_PAGES = 2;
/** Chunks this large are verified on the worker threads (below, posting them costs more than it saves). */
const POOL_MIN_ITEMS = 200;

export function parseCursor(value: string | number | bigint, field = 'after'): string {
  const text = String(value).trim();
  if (text === '') return '0';
  if (!/^\d{1,19}$/.test(text) || BigInt(text) > 9223372036854775807n)
    throw new InputException(field, 'must be a cursor returned by an earlier page');
  return BigInt(text).toString();
}

/** Verifies and merges partners' entries; serves our change feed to partners. Transport-agnostic. */
@Injectable()
export class WatchlistSyncService implements OnModuleDestroy {
  private readonly ingesting = new Map<string, Promise<unknown>>();
  /** Per delivering peer, the highest feed seq this process has taken in (see withoutHeldDuplicates). */
  private readonly newestSeq = new Map<string, bigint>();
  private readonly signatures = new SignaturePool();
  private grantSigner?: GrantSigner;

  constructor(
    private readonly tx: TransactionContext,
    private readonly trust: CertificateTrustService,
    private readonly identity: NodeIdentityService,
    private readonly policies: PartnerPolicyService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
    private readonly alerts: AlertService,
  ) {}

  /**
   * Stores what `fromPeer` (the authenticated peer that delivered the items) sent: each version is
   * verified against its origin's certificate, checked against our inbound policy for the sender,
   * then merged. Redelivery is harmless; items are independent (one bad item does not stop the rest).
   */
  async ingest(items: readonly unknown[], fromPeer: string): Promise<IngestResult> {
    // One ingest per delivering peer at a time in this process: a page that is pushed and pulled at
    // once is then verified once, and the second delivery finds it held (withoutHeldDuplicates).
    const previous = this.ingesting.get(fromPeer) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.ingestNow(items, fromPeer));
    this.ingesting.set(fromPeer, run);
    try {
      return await run;
    } finally {
      if (this.ingesting.get(fromPeer) === run) this.ingesting.delete(fromPeer);
    }
  }

  private async ingestNow(items: readonly unknown[], fromPeer: string): Promise<IngestResult> {
    const now = this.clock.now();
    const result: IngestResult = {
      inserted: 0,
      updated: 0,
      ignored: 0,
      rejected: 0,
      reasons: {},
      problems: [],
      head: null,
    };
    const known = this.config.peers.some((peer) => peer.id === fromPeer);
    const inbound = known ? await this.policies.inboundFor(fromPeer) : undefined;
    // Origin → PEM → check. Two levels, not one "origin + PEM" key: that built and hashed a fresh
    // ~1.7 KB string per item, where a page's items share one PEM string whose hash V8 keeps.
    const certificates = new Map<string, Map<string, Promise<CertificateCheck>>>();
    // A pipeline: while this chunk is checked here, the worker threads verify the chunks before it
    // and PostgreSQL applies the one before those. Chunks are applied one at a time, in order.
    let applied: Promise<void> = Promise.resolve();
    for (let start = 0; start < items.length; start += CHUNK) {
      const checked: CheckedItem[] = [];
      const refused: IngestProblem[] = [];
      for (let index = start; index < Math.min(start + CHUNK, items.length); index++) {
        const item = known
          ? await this.checkItem(items[index], index, fromPeer, inbound, now, certificates)
          : problem(
              index,
              items[index],
              'UNKNOWN_SENDER',
              `"${fromPeer}" is not a configured peer of ${this.config.id}`,
            );
        if ('outcome' in item) refused.push(item);
        else checked.push(item);
      }
      const verifying = this.verifySignatures(
        await this.withoutHeldDuplicates(checked, fromPeer, inbound, now, result),
        refused,
      );
      applied = Promise.all([verifying, applied]).then(async ([verified]) => {
        // Reported in item order, signature failures among the others, as when each item was checked whole.
        for (const item of refused.sort((a, b) => a.index - b.index)) record(result, 'REJECTED', item.reason, item);
        if (verified.length > 0) await this.applyChunk(verified, fromPeer, inbound, now, result);
      });
      applied.catch(() => undefined); // awaited below; no unhandled rejection if checking throws first
    }
    await applied;
    this.logIngest(fromPeer, items.length, result);
    return result;
  }

  private signer(): GrantSigner {
    const { signingSecretKey, certificatePem } = this.identity.sender();
    return (this.grantSigner ??= new GrantSigner(signingSecretKey, certificatePem));
  }

  async onModuleDestroy(): Promise<void> {
    await this.signatures.close();
  }

  /**
   * The change feed partner `partnerId` may pull: our changes after `afterSeq`, in change order. A
   * tombstone is served only to a partner that was served a live version of its entry: the live
   * versions a page serves are recorded (watchlist_sent_live) before the page leaves this method.
   * Called outside any transaction: that record must commit before the page goes out (see servedLate).
   * In `protocol` 2 our own entries carry the relay grants we sign for the partner; in 1 they carry none
   * (PROTOCOL.md §15: a partner that cannot pass a signed grant on is given no relay rights).
   */
  async changesFor(
    partnerId: string,
    afterSeq: string | number | bigint,
    limit = DEFAULT_FEED_LIMIT,
    filter: OriginFilter = {},
    protocol: ProtocolVersion = 1,
  ): Promise<WatchlistFeedPage> {
    if (!this.config.peers.some((peer) => peer.id === partnerId)) {
      throw new InputException('partnerId', `"${partnerId}" is not a configured peer of ${this.config.id}`);
    }
    const after = parseCursor(afterSeq, 'afterSeq');
    if (!Number.isFinite(limit))
      throw new InputException('limit', `must be a whole number from 1 to ${MAX_FEED_LIMIT}`);
    const take = Math.min(Math.max(Math.trunc(limit), 1), MAX_FEED_LIMIT);
    checkOrigins('origins', filter.origins);
    checkOrigins('excludeOrigins', filter.excludeOrigins);
    this.tx.assertOutside('serving a watchlist feed page');
    const policy = await this.policies.outboundFor(partnerId);
    const selection = await this.selectionFor(partnerId);
    const grants = new Map<string, FeedSelection>();
    for (const target of policy?.onwardSharing.allowed ? policy.onwardSharing.to : [])
      grants.set(target, await this.selectionFor(target));
    const self = this.config.id;
    const now = this.clock.now();
    const itemOf = (row: store.FeedRow): WatchlistFeedItem => {
      const entry = store.versionOf(row);
      const item = {
        seq: row.changeSeq,
        origin: row.origin,
        entry,
        signature: row.signature,
        originCertificate: row.pem,
      };
      // A partner's entry goes out with the grant its origin signed for us (PROTOCOL.md §13.3).
      if (row.origin !== self) return { ...item, onwardTo: [], ...store.heldGrantOf(row, self) };
      const onwardTo = protocol >= 2 ? onwardTargets(entry, policy, grants) : [];
      if (onwardTo.length === 0) return { ...item, onwardTo };
      return this.signer().grantedItem(item, row.certificateFingerprint, partnerId, onwardTo);
    };
    // One snapshot for the page and the head, so that jumping the cursor to the head skips nothing.
    const { page, snapshotHead } = await this.tx.run(async () => {
      const manager = this.tx.manager;
      const window = FEED_WINDOW_PAGES * (take + 1);
      const receives = selection.live.length + selection.tombstones.length > 0;
      const rows = receives
        ? await store.feedRows(manager, { self, selection, afterSeq: after, limit: take + 1, window, now, ...filter })
        : [];
      // Less than a page matched in a full window: the page ends with the window, the next reads on.
      const windowEnd = receives && rows.length <= take ? await store.feedWindowEnd(manager, after, window) : null;
      const hasMore = rows.length > take || windowEnd !== null;
      const candidates = rows.slice(0, take);
      const served = await store.servedLiveAmong(
        manager,
        partnerId,
        candidates.filter((row) => row.revoked),
      );
      // The cursor moves over withheld tombstones too: they are never for this partner.
      const last = candidates.at(-1)?.changeSeq ?? after;
      const head = await store.headSeq(manager);
      return {
        page: {
          items: candidates.filter((row) => !row.revoked || served.has(store.keyOf(row))).map(itemOf),
          nextCursor: windowEnd ?? (hasMore ? last : maxSeq(last, head)),
          hasMore,
        },
        snapshotHead: head,
      };
    }, 'REPEATABLE READ');
    const late = await this.servedLate(partnerId, page.items, snapshotHead, now);
    return late.length === 0 ? page : { ...page, items: [...page.items, ...late.map(itemOf)] };
  }

  /**
   * Records the live versions of a page as served to the partner, then returns the tombstones of those
   * entries written since the page's snapshot. A page read concurrently for the same partner (a push
   * beside a pull) may have seen such a tombstone before this record committed, and withheld it; this
   * page then carries it. The check runs after the record commits, so one of the two pages serves it.
   */
  private async servedLate(
    partnerId: string,
    items: readonly WatchlistFeedItem[],
    snapshotHead: string,
    now: Date,
  ): Promise<store.FeedRow[]> {
    const live = items.filter((item) => !item.entry.revoked).map((item) => item.entry);
    if (live.length === 0) return [];
    await store.recordServedLive(this.tx.manager, partnerId, live);
    const query = { self: this.config.id, partnerId, afterSeq: snapshotHead, now };
    return store.tombstonesAfter(this.tx.manager, query, live);
  }

  /** The categories `partnerId` receives now, and those it could ever have received (for tombstones). */
  async selectionFor(partnerId: string): Promise<FeedSelection> {
    const history = (await this.tx.manager.query(
      "SELECT outbound->'watchlistCategories' AS categories FROM partner_policy WHERE partner_id = $1 AND outbound IS NOT NULL",
      [partnerId],
    )) as { categories: unknown }[];
    const categories = history.map(({ categories }) =>
      Array.isArray(categories)
        ? categories.filter((c): c is OffenceCategory => OFFENCE_CATEGORIES.includes(c as OffenceCategory))
        : [],
    );
    return feedSelection(partnerId, await this.policies.outboundFor(partnerId), categories);
  }

  /** Every check of an item but its signature (which verifySignatures does for the whole chunk). */
  private async checkItem(
    item: unknown,
    index: number,
    fromPeer: string,
    inbound: InboundPolicy | undefined,
    now: Date,
    certificates: Map<string, Map<string, Promise<CertificateCheck>>>,
  ): Promise<CheckedItem | IngestProblem> {
    const parsed = feedItemSchema.safeParse(item);
    if (!parsed.success) return problem(index, item, 'INVALID', describeIssue(parsed.error.issues[0]));
    const { onwardTo, grant: offered, entry, signature, originCertificate } = parsed.data;
    const signed: SignedWatchlistEntry = { entry, signature, originCertificate };
    if (parsed.data.origin !== entry.origin || originCertificate === undefined)
      return problem(index, item, 'INVALID', 'origin must repeat entry.origin, and the certificate must be resolved');
    if (entry.origin === this.config.id)
      return problem(index, entry, 'OWN_ENTRY', `entries of ${this.config.id} are only changed here`);
    const refusal = senderRefusal(entry.origin, fromPeer, inbound);
    if (refusal) return problem(index, entry, refusal.reason, refusal.detail);
    const granted = checkGrant(entry, offered, fromPeer, this.config.id);
    if ('refused' in granted) return problem(index, entry, granted.refused, granted.detail);
    const identifier = validateIdentifier(entry.identifierType, entry.value);
    if (!identifier.valid || identifier.normalized !== entry.value) {
      return problem(
        index,
        entry,
        'INVALID_IDENTIFIER',
        identifier.valid
          ? `entry.value: not in normalised form (${identifier.normalized})`
          : `entry.value: not a valid ${entry.identifierType}: ${identifier.reason}`,
      );
    }
    let ofOrigin = certificates.get(entry.origin);
    if (!ofOrigin) certificates.set(entry.origin, (ofOrigin = new Map()));
    let pending = ofOrigin.get(signed.originCertificate);
    if (!pending) {
      pending = this.checkCertificate(entry.origin, signed.originCertificate, now);
      ofOrigin.set(signed.originCertificate, pending);
    }
    const certificate = await pending;
    if ('reason' in certificate) return problem(index, entry, certificate.reason, certificate.detail);
    const seq = (item as { seq?: unknown }).seq;
    const hint = typeof seq === 'string' && /^\d{1,19}$/.test(seq) ? BigInt(seq) : null;
    return {
      index,
      signed,
      onwardTo: onwardTo ?? [],
      grant: granted.grant,
      certificate: certificate.certificate,
      key: certificate.key,
      spki: certificate.spki,
      seq: hint,
    };
  }

  /**
   * Items identical to the version we hold (content, signature and certificate) are DUPLICATEs without
   * a new signature check: these exact bytes were verified against this certificate when stored, and
   * the certificate itself was checked again above. Redelivery (a page both pushed and pulled) then
   * costs a lookup, not an Ed25519 verification per entry. Expiry and category go the usual way.
   *
   * Items further along the peer's feed than anything this process took in from it cannot be
   * redeliveries, so a backlog is not looked up twice (here and again under the lock in applyChunk).
   * The seq is the peer's word; a wrong one only costs a signature check, as the merge decides anyway.
   */
  private async withoutHeldDuplicates(
    items: CheckedItem[],
    fromPeer: string,
    inbound: InboundPolicy | undefined,
    now: Date,
    result: IngestResult,
  ): Promise<CheckedItem[]> {
    if (items.length === 0) return items;
    const newest = this.newestSeq.get(fromPeer);
    const maybeHeld = newest === undefined ? items : items.filter((item) => item.seq === null || item.seq <= newest);
    let top = newest ?? -1n;
    for (const { seq } of items) if (seq !== null && seq > top) top = seq;
    if (top >= 0n) this.newestSeq.set(fromPeer, top);
    if (maybeHeld.length === 0) return items;
    const held = await store.loadCurrent(
      this.tx.manager,
      maybeHeld.map((item) => item.signed.entry),
    );
    if (held.size === 0) return items;
    return items.filter(({ signed, certificate }) => {
      const row = held.get(store.keyOf(signed.entry));
      if (!row || row.signature !== signed.signature || row.certificateFingerprint !== certificate.fingerprint)
        return true;
      if (isExpired(signed.entry, now) || categoryRefusal(signed.entry, fromPeer, inbound, true)) return true;
      if (!sameContent(signed.entry, store.versionOf(row))) return true;
      record(result, 'IGNORED', 'DUPLICATE', undefined);
      return false;
    });
  }

  /** Ed25519 checks of a chunk: on the worker pool when it is large, here otherwise (small pages, tests). */
  private async verifySignatures(items: readonly CheckedItem[], refused: IngestProblem[]): Promise<VerifiedItem[]> {
    let valid: boolean[];
    if (items.length < POOL_MIN_ITEMS) {
      valid = items.map(({ signed, key }) => verifyEntryFast(signed, key));
    } else {
      const inputs = items.map(({ signed }) => entrySignatureInput(signed));
      const jobs = inputs.flatMap((input, i) => (input ? [{ ...input, spki: items[i].spki }] : []));
      const results = await this.signatures.verify(jobs);
      let next = 0;
      valid = inputs.map((input) => input !== null && results[next++]);
    }
    return items.filter((item, i) => {
      const { index, signed } = item;
      if (!valid[i]) {
        const detail = `the signature does not match the entry and the certificate of ${signed.entry.origin}`;
        refused.push(problem(index, signed.entry, 'BAD_SIGNATURE', detail));
        return false;
      }
      if (!item.grant || grantSignatureValid(signed.entry, item.grant, item.key)) return true;
      const relayed = item.grant.relay !== this.config.id;
      // A relayed tombstone may still be taken without its grant (applyChunk: for an entry we hold).
      if (relayed && signed.entry.revoked) return ((item.grant = undefined), true);
      const detail = `the relay grant's signature does not match the entry and the certificate of ${signed.entry.origin}`;
      refused.push(problem(index, signed.entry, relayed ? 'RELAY_NOT_GRANTED' : 'BAD_SIGNATURE', detail));
      return false;
    });
  }

  private async checkCertificate(origin: string, pem: string, now: Date): Promise<CertificateCheck> {
    let publicKey: Uint8Array;
    try {
      publicKey = (await this.trust.verifySender(origin, pem, now)).signingPublicKey;
    } catch (error) {
      if (isPacketRejection(error)) return { reason: error.reason, detail: error.detail };
      throw error;
    }
    try {
      const certificate = { fingerprint: certificateFingerprint(pem), nodeId: origin, pem };
      return { key: ed25519PublicKey(publicKey), spki: ed25519Spki(publicKey), certificate };
    } catch (error) {
      return {
        reason: 'UNTRUSTED_CERTIFICATE',
        detail: `the certificate cannot be read: ${error instanceof Error ? error.message : String(error)}`,
      };
    }
  }

  private async applyChunk(
    verified: readonly VerifiedItem[],
    fromPeer: string,
    inbound: InboundPolicy | undefined,
    now: Date,
    result: IngestResult,
  ): Promise<void> {
    const head = await this.tx.run(async () => {
      const manager = this.tx.manager;
      await store.lockFeed(manager);
      const stored = await store.loadCurrent(
        manager,
        verified.map((item) => item.signed.entry),
      );
      // Later items of the batch merge against earlier ones, so a batch may hold several versions.
      const pending = new Map<string, store.WatchlistWrite>();
      const certificates = new Map<string, store.StoredCertificate>();
      const counts = { inserted: 0, updated: 0 };
      for (const item of verified) {
        const { entry } = item.signed;
        const key = store.keyOf(entry);
        const row = stored.get(key);
        const held: WatchlistEntryVersion | undefined =
          pending.get(key)?.signed.entry ?? (row ? store.versionOf(row) : undefined);
        const refusal =
          entry.origin !== fromPeer && !item.grant && !held
            ? { reason: 'RELAY_NOT_GRANTED', detail: `a relayed revocation of an entry ${this.config.id} never held` }
            : categoryRefusal(entry, fromPeer, inbound, held !== undefined);
        if (refusal) {
          record(result, 'REJECTED', refusal.reason, problem(item.index, entry, refusal.reason, refusal.detail));
          continue;
        }
        const decision = mergeEntry(held, entry, now);
        if (decision.action === 'ignore') {
          const refused = isRefusal(decision.reason);
          const report = refused || decision.reason === 'CONFLICT';
          record(
            result,
            refused ? 'REJECTED' : 'IGNORED',
            decision.reason,
            report ? problem(item.index, entry, decision.reason, describe(decision.reason, held)) : undefined,
          );
          continue;
        }
        counts[decision.action === 'insert' ? 'inserted' : 'updated'] += 1;
        result.reasons[decision.reason] = (result.reasons[decision.reason] ?? 0) + 1;
        const heldGrant = pending.get(key)?.onwardTo ?? row?.onwardTo ?? [];
        pending.set(key, {
          signed: item.signed,
          certificateFingerprint: item.certificate.fingerprint,
          receivedFrom: fromPeer,
          onwardTo: storedGrant(entry, fromPeer, item.grant?.to ?? [], heldGrant),
          grant:
            entry.origin === fromPeer && item.grant ? { to: item.grant.to, signature: item.grant.signature } : null,
          changedBy: null,
        });
        certificates.set(item.certificate.fingerprint, item.certificate);
      }
      await store.saveCertificates(manager, [...certificates.values()]);
      const writes = [...pending.values()];
      // Entries new here (most of a backlog) by COPY; new versions of held ones by upsert.
      const fresh = writes.filter(({ signed }) => !stored.has(store.keyOf(signed.entry)));
      const held = writes.filter(({ signed }) => stored.has(store.keyOf(signed.entry)));
      const copiedHead = await store.insertNewVersions(manager, fresh);
      // The upsert runs second under the same lock, so its seqs are the higher ones.
      const head = (await store.writeVersionsForHead(manager, held)) ?? copiedHead;
      await store.notifyChanged(manager, head);
      // Same transaction: raised exactly when stored.
      await this.alerts.raiseForWatchlist(writes.map(({ signed }) => signed.entry));
      result.inserted += counts.inserted;
      result.updated += counts.updated;
      return head;
    });
    if (head !== null) result.head = result.head === null ? head : maxSeq(result.head, head);
  }

  private logIngest(fromPeer: string, received: number, result: IngestResult): void {
    const { inserted, updated, ignored, rejected, reasons } = result;
    const summary = { event: 'watchlist.ingested', fromPeer, received, inserted, updated, ignored, rejected, reasons };
    if (result.problems.length > 0) {
      this.logger.warn(
        { ...summary, problems: result.problems.slice(0, 20) },
        `watchlist from ${fromPeer}: ${rejected} rejected, ${ignored} ignored of ${received}`,
      );
    } else {
      this.logger.info(summary, `watchlist from ${fromPeer}: ${inserted} new, ${updated} updated, ${ignored} ignored`);
    }
  }
}

/** A feed filter names node ids only (anything else never matches, and NUL would not reach PostgreSQL). */
function checkOrigins(field: string, origins: readonly string[] | undefined): void {
  if (origins === undefined) return;
  if (origins.length > 64) throw new InputException(field, 'names at most 64 node ids');
  const bad = origins.find((origin) => !nodeIdSchema.safeParse(origin).success);
  if (bad !== undefined) throw new InputException(field, `${JSON.stringify(bad.slice(0, 80))} is not a node id`);
}

function maxSeq(a: string, b: string): string {
  return BigInt(a) >= BigInt(b) ? a : b;
}
