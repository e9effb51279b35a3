import { Inject, Injectable } from '@nestjs/common';
import type { Logger } from 'pino';
import type { IdentifierType } from '../kernel/vocabulary/index.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { sodiumReady } from '../kernel/crypto/sodium.js';
import { PeerUnreachable, type PeerResponse } from '../transport/peer-client.js';
import { validateIdentifier } from '../identifiers/identifier-validation.js';
import { HitCheckException, HitCheckExceptionCode } from './hit-check.exception.js';
import { blind, finalize, oprfInput } from './oprf.js';
import {
  parseEvaluation,
  encodeBytes,
  HIT_CHECK_PATH,
  HIT_CHECK_SET_PATH,
  MAX_BLINDED_PER_CALL,
  parseSetPage,
} from './hit-check-wire.js';
import { PeerCaller } from '../transport/peer-caller.js';

export interface HitCheckQuery {
  type: IdentifierType;
  value: string;
}

export interface HitCheckAnswer {
  type: IdentifierType;
  /** The normalised value (what was actually checked). */
  value: string;
  hit: boolean;
  reference: string | null;
}

/** A set bigger than this is refused rather than read without end. */
const MAX_SET_PAGES = 5000;

/**
 * The querying side: blinds our analyst's identifiers, has the partner evaluate them, unblinds, and
 * compares with the set the partner publishes to us. The partner sees neither the identifiers nor
 * which of them hit; we learn only hit/no-hit and an opaque reference per hit.
 */
@Injectable()
export class HitCheckClientService {
  constructor(
    private readonly peers: PeerCaller,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  async check(partnerId: string, identifiers: readonly HitCheckQuery[]): Promise<HitCheckAnswer[]> {
    const peer = this.config.peers.find((p) => p.id === partnerId);
    if (!peer) throw new InputException('partnerId', `${partnerId} is not a configured peer of this node`);
    if (identifiers.length === 0 || identifiers.length > MAX_BLINDED_PER_CALL) {
      throw new InputException(
        'identifiers',
        `send 1 to ${MAX_BLINDED_PER_CALL} identifiers, not ${identifiers.length}`,
      );
    }
    const normalised = identifiers.map(({ type, value }, index) => {
      const checked = validateIdentifier(type, value);
      if (!checked.valid) throw new InputException(`identifiers[${index}].value`, checked.reason);
      return { type, value: checked.normalized, input: oprfInput(type, checked.normalized) };
    });
    // One evaluation per distinct input: duplicates would only spend the partner's rate budget.
    const inputs = [...new Set(normalised.map((n) => n.input))];
    const sodium = await sodiumReady();
    const blinds = inputs.map((input) => blind(sodium, input));
    const evaluated = await this.evaluate(
      peer,
      blinds.map((b) => encodeBytes(b.blinded)),
    );
    const set = await this.publishedSet(peer);
    const references = new Map<string, string | null>();
    inputs.forEach((input, i) => {
      const output = encodeBytes(finalize(sodium, input, evaluated[i], blinds[i].r));
      references.set(input, set.get(output) ?? null);
    });
    const answers = normalised.map(({ type, value, input }) => {
      const reference = references.get(input) ?? null;
      return { type, value, hit: reference !== null, reference };
    });
    // Counts only: the identifiers an analyst checked are not written to the log.
    this.logger.info(
      {
        event: 'hitcheck.queried',
        partnerId,
        count: inputs.length,
        hits: answers.filter((a) => a.hit).length,
        setSize: set.size,
      },
      `hit-check against ${partnerId}: ${inputs.length} identifiers`,
    );
    return answers;
  }

  private async evaluate(peer: { id: string; url: string }, blinded: string[]): Promise<Uint8Array[]> {
    const response = await this.call(peer, 'POST', HIT_CHECK_PATH, { blinded });
    const points = parseEvaluation(response.body, blinded.length);
    const sodium = await sodiumReady();
    // An element that is not a canonical non-identity ristretto255 point cannot come from k·B: the whole
    // check fails (neither hit nor miss), and says which partner answered it (PROTOCOL.md §14.3).
    const invalid = (point: Uint8Array) =>
      point.every((b) => b === 0) || !sodium.crypto_core_ristretto255_is_valid_point(point);
    if (!points || points.some(invalid)) {
      throw new HitCheckException(
        `${peer.id} answered the hit-check with a malformed evaluation`,
        HitCheckExceptionCode.PARTNER_FAILED,
      );
    }
    return points;
  }

  /** The partner's whole published set for us: output (base64url) → reference. */
  private async publishedSet(peer: { id: string; url: string }): Promise<Map<string, string>> {
    const set = new Map<string, string>();
    let after = '';
    for (let page = 0; page < MAX_SET_PAGES; page += 1) {
      const response = await this.call(
        peer,
        'GET',
        `${HIT_CHECK_SET_PATH}?after=${encodeURIComponent(after)}`,
        undefined,
      );
      const parsed = parseSetPage(response.body);
      if (!parsed)
        throw new HitCheckException(
          `${peer.id} published a malformed hit-check set`,
          HitCheckExceptionCode.PARTNER_FAILED,
        );
      for (const item of parsed.items) set.set(item.output, item.reference);
      if (!parsed.hasMore) return set;
      after = parsed.nextCursor;
    }
    throw new HitCheckException(
      `${peer.id} published a hit-check set of more than ${MAX_SET_PAGES} pages`,
      HitCheckExceptionCode.PARTNER_FAILED,
    );
  }

  private async call(
    peer: { id: string; url: string },
    method: 'GET' | 'POST',
    path: string,
    body: unknown,
  ): Promise<PeerResponse> {
    let response: PeerResponse;
    try {
      response = await this.peers.call(peer, method, path, body, this.config.federation.requestTimeoutSeconds * 1000);
    } catch (error) {
      const reason = error instanceof PeerUnreachable ? error.message : 'the request failed';
      throw new HitCheckException(`hit-check with ${peer.id} failed: ${reason}`, HitCheckExceptionCode.PARTNER_FAILED);
    }
    if (response.status === 200) return response;
    const detail = (response.body as { error?: { message?: unknown; retryAfterSeconds?: unknown } } | null)?.error;
    const message = typeof detail?.message === 'string' ? detail.message : `HTTP ${response.status}`;
    if (response.status === 429) {
      const retry = typeof detail?.retryAfterSeconds === 'number' ? detail.retryAfterSeconds : undefined;
      throw new HitCheckException(
        `${peer.id} refused the hit-check: ${message}`,
        HitCheckExceptionCode.RATE_LIMITED,
        retry,
      );
    }
    if (response.status === 403)
      throw new HitCheckException(
        `${peer.id} refused the hit-check: ${message}`,
        HitCheckExceptionCode.PARTNER_REFUSED,
      );
    throw new HitCheckException(
      `${peer.id} answered the hit-check with HTTP ${response.status}: ${message}`,
      HitCheckExceptionCode.PARTNER_FAILED,
    );
  }
}
