import { Inject, Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import type { PeerCertificateObject, PeerStatusObject, WatchlistSyncStateObject } from './dto/peer-status.object.js';

interface CertificateRow {
  node_id: string;
  fingerprint: string;
  not_before: Date;
  not_after: Date;
  first_seen_at: Date;
  superseded_at: Date | null;
  revoked: boolean;
}

interface SyncRow {
  peer_id: string;
  direction: string;
  cursor: string;
  last_success_at: Date | null;
  last_error: string | null;
}

interface BacklogRow {
  partner_id: string;
  queued: number;
  oldest: Date | null;
}

/** Read-only health of each configured peer for administrators: three set-based queries, whatever the number of peers. */
@Injectable()
export class PeerStatusService {
  constructor(
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @InjectDataSource() private readonly db: DataSource,
  ) {}

  async list(): Promise<PeerStatusObject[]> {
    const ids = this.config.peers.map((peer) => peer.id);
    const [certificates, sync, backlog] = await Promise.all([
      this.db.query(
        `SELECT p.node_id, p.fingerprint, p.not_before, p.not_after, p.first_seen_at, p.superseded_at,
                EXISTS (SELECT 1 FROM revoked_certificate r WHERE r.fingerprint = p.fingerprint) AS revoked
         FROM peer_certificate p WHERE p.node_id = ANY($1) ORDER BY p.first_seen_at DESC`,
        [ids],
      ) as Promise<CertificateRow[]>,
      this.db.query(
        `SELECT peer_id, direction, cursor::text AS cursor, last_success_at, last_error
         FROM watchlist_sync_cursor WHERE peer_id = ANY($1) ORDER BY direction`,
        [ids],
      ) as Promise<SyncRow[]>,
      this.db.query(
        `SELECT partner_id, count(*)::int AS queued, min(created_at) AS oldest
         FROM delivery WHERE status = 'QUEUED' AND partner_id = ANY($1) GROUP BY partner_id`,
        [ids],
      ) as Promise<BacklogRow[]>,
    ]);
    const now = this.clock.now().getTime();
    return this.config.peers.map((peer) => {
      const queued = backlog.find((row) => row.partner_id === peer.id);
      return {
        id: peer.id,
        url: peer.url,
        pinnedFingerprint: peer.certificateFingerprint?.replaceAll(':', '').toLowerCase() ?? null,
        certificates: certificates.filter((row) => row.node_id === peer.id).map(toCertificate),
        watchlistSync: sync.filter((row) => row.peer_id === peer.id).map((row) => toSyncState(row, now)),
        queuedDeliveries: queued?.queued ?? 0,
        oldestQueuedAt: queued?.oldest ?? null,
      };
    });
  }
}

function toCertificate(row: CertificateRow): PeerCertificateObject {
  return {
    fingerprint: row.fingerprint,
    notBefore: row.not_before,
    notAfter: row.not_after,
    firstSeenAt: row.first_seen_at,
    supersededAt: row.superseded_at,
    revoked: row.revoked,
  };
}

function toSyncState(row: SyncRow, now: number): WatchlistSyncStateObject {
  return {
    direction: row.direction,
    cursor: row.cursor,
    lastSuccessAt: row.last_success_at,
    lagSeconds: row.last_success_at ? Math.max(0, (now - row.last_success_at.getTime()) / 1000) : null,
    lastError: row.last_error,
  };
}
