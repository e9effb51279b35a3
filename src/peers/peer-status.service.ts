import { Inject, Injectable } from '@nestjs/common';
import { CLOCK, type Clock } from '../common/clock.js';
import { NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { DeliveryService } from '../federation/delivery.service.js';
import { CertificateTrustService } from '../identity/certificate-trust.service.js';
import { WatchlistSyncRunner } from '../watchlist/watchlist-sync.runner.js';
import type { PeerStatusObject } from './dto/peer-status.object.js';

/**
 * Read-only health of each configured peer for administrators, composed from the modules that own
 * each part: certificates (identity), watchlist sync (watchlist) and the delivery backlog (federation).
 */
@Injectable()
export class PeerStatusService {
  constructor(
    private readonly trust: CertificateTrustService,
    private readonly sync: WatchlistSyncRunner,
    private readonly deliveries: DeliveryService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {}

  async list(): Promise<PeerStatusObject[]> {
    const ids = this.config.peers.map((peer) => peer.id);
    const [certificates, sync, backlog] = await Promise.all([
      this.trust.certificatesSeen(ids),
      this.sync.syncStates(ids),
      this.deliveries.backlog(ids),
    ]);
    const now = this.clock.now().getTime();
    return this.config.peers.map((peer) => ({
      id: peer.id,
      name: peer.name ?? null,
      kind: peer.kind,
      url: peer.url,
      pinnedFingerprint: peer.certificateFingerprint?.replaceAll(':', '').toLowerCase() ?? null,
      certificates: certificates
        .filter((row) => row.nodeId === peer.id)
        .map(({ fingerprint, notBefore, notAfter, firstSeenAt, supersededAt, revoked }) => ({
          fingerprint,
          notBefore,
          notAfter,
          firstSeenAt,
          supersededAt,
          revoked,
        })),
      watchlistSync: sync
        .filter((row) => row.peerId === peer.id)
        .map(({ direction, cursor, lastSuccessAt, lastError }) => ({
          direction,
          cursor,
          lastSuccessAt,
          lagSeconds: lastSuccessAt ? Math.max(0, (now - lastSuccessAt.getTime()) / 1000) : null,
          lastError,
        })),
      queuedDeliveries: backlog.get(peer.id)?.queued ?? 0,
      oldestQueuedAt: backlog.get(peer.id)?.oldest ?? null,
    }));
  }
}
