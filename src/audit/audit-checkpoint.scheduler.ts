import { Inject, Injectable, type OnApplicationBootstrap, type BeforeApplicationShutdown } from '@nestjs/common';
import type { Logger } from 'pino';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { AUDIT_SIGNING_IDENTITY, type AuditSigningIdentity } from './audit-signing-identity.js';
import { appendAnchor, defaultAnchorFile, readAnchors } from './audit-anchor.js';
import { AuditService } from './audit.service.js';

/**
 * Gives the audit chain the node's signing key and signs a checkpoint every
 * `audit.checkpointIntervalSeconds` when entries are waiting. Every replica runs it; under the chain
 * lock the second one finds the head already signed and does nothing.
 */
@Injectable()
export class AuditCheckpointScheduler implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;
  private running?: Promise<unknown>;
  private anchoredSeq?: number;

  constructor(
    private readonly audit: AuditService,
    @Inject(AUDIT_SIGNING_IDENTITY) private readonly identity: AuditSigningIdentity,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  onApplicationBootstrap(): void {
    this.audit.useCheckpointSigner(() => this.identity.signer());
    this.timer = setInterval(() => void this.tick(), this.config.audit.checkpointIntervalSeconds * 1000);
    this.timer.unref();
  }

  /** Signs what waits, then copies the newest committed checkpoint to the anchor file. */
  async tick(): Promise<void> {
    if (this.running) return this.running.then(() => undefined);
    this.running = this.audit
      .checkpoint()
      .then(async (entry) => {
        if (entry) this.logger.debug({ event: 'audit.checkpoint', seq: entry.seq }, 'audit checkpoint signed');
        await this.anchor();
      })
      .catch((error: unknown) =>
        this.logger.error({ err: error, event: 'audit.checkpoint_failed' }, 'audit checkpoint failed'),
      )
      .finally(() => (this.running = undefined));
    await this.running;
  }

  private async anchor(): Promise<void> {
    const file = this.config.audit.anchorFile ?? defaultAnchorFile(this.config.dataDir);
    this.anchoredSeq ??= (await readAnchors(file)).reduce((max, a) => Math.max(max, a.seq), 0);
    const latest = await this.audit.latestCheckpoint();
    if (!latest || latest.seq <= this.anchoredSeq) return;
    await appendAnchor(file, latest);
    this.anchoredSeq = latest.seq;
  }

  /** Before the database closes: the checkpoint under way ends first. */
  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }
}
