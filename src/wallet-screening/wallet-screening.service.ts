import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { validateIdentifier } from '../identifiers/index.js';
import { HitRecorder, type ScreenedHit } from './hit-recorder.js';
import type { ScreeningItem } from './screening-request.js';
import { WalletLookup, type WatchlistMatch } from './wallet-lookup.js';

/** What a system learns about one address: whether it is listed and by whom; never the case behind it. */
export interface ScreeningAnswer {
  valid: boolean;
  reason?: string;
  normalized?: string;
  hit: boolean;
  matches: { origin: string; entryId: string; offenceCategory: string; severity: string }[];
  /** The hits recorded now (none when this lookup or transfer was already recorded). */
  hitIds: string[];
  reportedTo: string[];
}

export interface BatchAnswer {
  screened: number;
  invalid: { index: number; reason: string }[];
  hits: ({ index: number } & Omit<ScreeningAnswer, 'valid' | 'reason' | 'hit'>)[];
}

const summary = ({ origin, entryId, offenceCategory, severity }: WatchlistMatch) => ({
  origin,
  entryId,
  offenceCategory,
  severity,
});

/**
 * Screening for the exchange's own systems: each address validated and normalised like everywhere in
 * the node, looked up by index in the watchlist the exchange holds, and every hit recorded (alert,
 * and a hit report where policy allows) before the answer goes back. A miss touches no table.
 */
@Injectable()
export class WalletScreeningService {
  constructor(
    private readonly lookup: WalletLookup,
    private readonly recorder: HitRecorder,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async check(systemId: string, item: ScreeningItem): Promise<ScreeningAnswer> {
    const validation = validateIdentifier(item.type, item.address);
    if (!validation.valid)
      return { valid: false, reason: validation.reason, hit: false, matches: [], hitIds: [], reportedTo: [] };
    const matches = await this.lookup.one(item.type, validation.normalized, this.clock.now());
    if (matches.length === 0)
      return { valid: true, normalized: validation.normalized, hit: false, matches: [], hitIds: [], reportedTo: [] };
    const [recorded] = await this.recorder.record(systemId, [{ item, normalized: validation.normalized, matches }]);
    return { valid: true, normalized: validation.normalized, hit: true, matches: matches.map(summary), ...recorded };
  }

  async batch(systemId: string, items: ScreeningItem[]): Promise<BatchAnswer> {
    const invalid: BatchAnswer['invalid'] = [];
    const keys: { type: string; value: string; index: number }[] = [];
    items.forEach((item, index) => {
      const validation = validateIdentifier(item.type, item.address);
      if (validation.valid) keys.push({ type: item.type, value: validation.normalized, index });
      else invalid.push({ index, reason: validation.reason });
    });
    const found = keys.length ? await this.lookup.many(keys, this.clock.now()) : new Map<number, WatchlistMatch[]>();
    const hits: ScreenedHit[] = [];
    const positions: number[] = [];
    for (const [k, matches] of [...found].sort((a, b) => a[0] - b[0])) {
      hits.push({ item: items[keys[k].index], normalized: keys[k].value, matches });
      positions.push(keys[k].index);
    }
    const recorded = hits.length ? await this.recorder.record(systemId, hits) : [];
    return {
      screened: items.length,
      invalid,
      hits: hits.map((hit, i) => ({
        index: positions[i],
        normalized: hit.normalized,
        matches: hit.matches.map(summary),
        ...recorded[i],
      })),
    };
  }
}
