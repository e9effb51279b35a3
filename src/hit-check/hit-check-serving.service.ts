import { randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import { CLOCK, type Clock } from '../common/clock.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { describeIssue } from '../kernel/wire/wire-schemas.js';
import { WatchlistLookupService } from '../watchlist/watchlist-lookup.service.js';
import { PartnerPolicyService } from '../policy/partner-policy.service.js';
import { directOutput, evaluate, oprfInput } from './oprf.js';
import {
  decodePoint,
  encodeBytes,
  evaluateRequestSchema,
  MAX_BLINDED_PER_CALL,
  SET_PAGE,
  type HitCheckSetPage,
} from './hit-check-wire.js';
import { TransactionContext } from '../common/database/transaction-context.js';

export const HIT_CHECK_KEY = Symbol('HIT_CHECK_KEY');

/** A peer-route answer: status, JSON body and extra headers (Retry-After). */
export interface PeerAnswer {
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const HOUR_MS = 3600 * 1000;

function problem(
  status: number,
  code: string,
  message: string,
  extra: Record<string, unknown> = {},
  headers?: Record<string, string>,
): PeerAnswer {
  return { status, body: { error: { code, message, ...extra } }, ...(headers ? { headers } : {}) };
}

/**
 * The serving side of the blinded hit/no-hit check: evaluates partners' blinded points under our
 * OPRF key (rate-limited and audited per partner) and publishes, per partner, the OPRF outputs of
 * our live entries that partner's outbound policy lets it know about, each under an opaque reference.
 * Never sees a partner's identifiers: only random-looking group elements arrive here.
 */
@Injectable()
export class HitCheckServingService {
  constructor(
    private readonly tx: TransactionContext,
    private readonly policies: PartnerPolicyService,
    private readonly watchlist: WatchlistLookupService,
    @Inject(HIT_CHECK_KEY) private readonly key: Uint8Array,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async evaluateFor(peerId: string, body: unknown): Promise<PeerAnswer> {
    const request = evaluateRequestSchema.safeParse(body);
    if (!request.success) {
      return problem(
        400,
        'BAD_USER_INPUT',
        `${describeIssue(request.error.issues[0])} (send { blinded: [...] }: 1 to ${MAX_BLINDED_PER_CALL} base64url points)`,
      );
    }
    const points = request.data.blinded.map(decodePoint);
    const bad = points.findIndex((point) => point === undefined);
    if (bad >= 0) return problem(400, 'BAD_USER_INPUT', `blinded[${bad}] is not a base64url 32-byte point`);
    if (!(await this.policies.outboundFor(peerId))) {
      return problem(403, 'FORBIDDEN', `there is no outbound policy for ${peerId}: no hit-check for it`);
    }
    const sodium = await sodiumReady();
    // The identity element is a valid encoding but no honest blind; checked before any budget is spent.
    const invalid = points.findIndex(
      (point) =>
        (point as Uint8Array).every((b) => b === 0) ||
        !sodium.crypto_core_ristretto255_is_valid_point(point as Uint8Array),
    );
    if (invalid >= 0) return problem(400, 'BAD_USER_INPUT', `blinded[${invalid}] is not a valid ristretto255 point`);
    const refusal = await this.recordWithinLimit(peerId, points.length);
    if (refusal) return refusal;
    const evaluated = points.map((point) => encodeBytes(evaluate(sodium, point as Uint8Array, this.key)));
    this.logger.info(
      { event: 'hitcheck.evaluated', partnerId: peerId, count: points.length },
      `hit-check: ${points.length} blinded evaluations for ${peerId}`,
    );
    return { status: 200, body: { evaluated } };
  }

  /**
   * Counts the call against the partner's hourly budget and records it (the audit row), or refuses.
   * The advisory lock makes check-and-record atomic across replicas.
   */
  private async recordWithinLimit(peerId: string, count: number): Promise<PeerAnswer | undefined> {
    const limit = this.config.hitCheck.evaluationsPerHour;
    const now = this.clock.now();
    return this.tx.run(async () => {
      const manager = this.tx.manager;
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`hit-check:${peerId}`]);
      const [row] = (await manager.query(
        `SELECT coalesce(sum(count), 0)::int AS used, min(evaluated_at) AS oldest FROM hit_check_evaluation
          WHERE partner_id = $1 AND evaluated_at > $2`,
        [peerId, new Date(now.getTime() - HOUR_MS)],
      )) as { used: number; oldest: Date | null }[];
      if (row.used + count > limit) {
        const retryAfterSeconds = row.oldest
          ? Math.max(1, Math.ceil((new Date(row.oldest).getTime() + HOUR_MS - now.getTime()) / 1000))
          : 3600;
        this.logger.warn(
          { event: 'hitcheck.rate_limited', partnerId: peerId, count, used: row.used, limit },
          `hit-check refused for ${peerId}: hourly limit`,
        );
        return problem(
          429,
          'RATE_LIMITED',
          `hit-check limit reached: ${limit} evaluations per hour for ${peerId}, ${row.used} used, ${count} asked; retry in ${retryAfterSeconds} s`,
          { retryAfterSeconds },
          { 'retry-after': String(retryAfterSeconds) },
        );
      }
      await manager.query('INSERT INTO hit_check_evaluation (partner_id, count, evaluated_at) VALUES ($1, $2, $3)', [
        peerId,
        count,
        now,
      ]);
      return undefined;
    });
  }

  /** One page of the set published to `peerId`: our own live entries in its outbound watchlistCategories. */
  async setPageFor(peerId: string, after: string, limit = SET_PAGE): Promise<PeerAnswer> {
    if (after !== '' && !UUID.test(after))
      return problem(400, 'BAD_USER_INPUT', 'after must be a cursor returned by an earlier page');
    const take = Math.min(Math.max(1, Number.isFinite(limit) ? Math.trunc(limit) : SET_PAGE), SET_PAGE);
    const policy = await this.policies.outboundFor(peerId);
    const categories = policy?.watchlistCategories ?? [];
    if (categories.length === 0)
      return { status: 200, body: { items: [], nextCursor: after, hasMore: false } satisfies HitCheckSetPage };
    const rows = await this.watchlist.ownLiveEntries(categories, after === '' ? null : after, take + 1);
    const page = rows.slice(0, take);
    const references = await this.referencesFor(
      peerId,
      page.map((row) => row.entryId),
    );
    const sodium = await sodiumReady();
    const items = page.map((row) => ({
      output: encodeBytes(directOutput(sodium, oprfInput(row.identifierType, row.value), this.key)),
      reference: references.get(row.entryId) as string,
    }));
    // Sorted by output, not entry id: the order then says nothing about when entries were made.
    items.sort((a, b) => (a.output < b.output ? -1 : a.output > b.output ? 1 : 0));
    const body: HitCheckSetPage = { items, nextCursor: page.at(-1)?.entryId ?? after, hasMore: rows.length > take };
    return { status: 200, body };
  }

  /** The partner's stable reference for each entry, created on first publication. */
  private async referencesFor(peerId: string, entryIds: string[]): Promise<Map<string, string>> {
    if (entryIds.length === 0) return new Map();
    await this.tx.manager.query(
      `INSERT INTO hit_check_reference (reference, partner_id, origin, entry_id)
       SELECT r, $1, $2, e FROM unnest($3::text[], $4::uuid[]) AS t(r, e)
       ON CONFLICT (partner_id, origin, entry_id) DO NOTHING`,
      [peerId, this.config.id, entryIds.map(() => `hc_${randomBytes(16).toString('base64url')}`), entryIds],
    );
    const rows = (await this.tx.manager.query(
      'SELECT entry_id, reference FROM hit_check_reference WHERE partner_id = $1 AND origin = $2 AND entry_id = ANY($3::uuid[])',
      [peerId, this.config.id, entryIds],
    )) as { entry_id: string; reference: string }[];
    return new Map(rows.map((row) => [row.entry_id, row.reference]));
  }

  /** For our own officers: which entry a reference a partner came back with stands for. */
  async resolveReference(reference: string): Promise<{ partnerId: string; entryId: string } | undefined> {
    const [row] = (await this.tx.manager.query(
      'SELECT partner_id, entry_id FROM hit_check_reference WHERE reference = $1',
      [reference],
    )) as {
      partner_id: string;
      entry_id: string;
    }[];
    return row ? { partnerId: row.partner_id, entryId: row.entry_id } : undefined;
  }
}
