import { createHash, randomBytes, X509Certificate } from 'node:crypto';
import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { Logger } from 'pino';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import type { AuthenticatedOfficer } from '../common/auth/authenticated-officer.js';
import { CLOCK, type Clock } from '../common/clock.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { InputException } from '../common/errors/input.exception.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { ScreeningSystem } from './entities/screening-system.entity.js';
import { WalletScreeningException, WalletScreeningExceptionCode } from './wallet-screening.exception.js';

const SYSTEM_ID = /^[a-z0-9][a-z0-9._-]{0,62}$/;
export const API_KEY_PREFIX = 'fnsk_';

export function sha256Hex(data: string | Buffer): string {
  return createHash('sha256').update(data).digest('hex');
}

/**
 * The exchange's systems that may call the screening endpoint, and how each proves it: an API key
 * (stored as its SHA-256: a 256-bit random key needs no slow hash, so checking costs one hash and one
 * map lookup) or a pinned TLS client certificate. Every replica keeps the enabled systems in memory and
 * reloads them every `screening.systemsRefreshSeconds`: a disabled key stops working on this replica at
 * once and on the others within that time.
 */
@Injectable()
export class ScreeningSystems implements OnModuleInit, OnApplicationShutdown {
  private byKey = new Map<string, string>();
  private byCertificate = new Map<string, string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(CLOCK) private readonly clock: Clock,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get systems() {
    return this.tx.manager.getRepository(ScreeningSystem);
  }

  async onModuleInit(): Promise<void> {
    if (!this.config.screening) return;
    await this.reload();
    this.timer = setInterval(() => {
      this.reload().catch((error: unknown) =>
        this.logger.warn(
          { err: error, event: 'screening.systems_reload_failed' },
          'could not reload screening systems',
        ),
      );
    }, this.config.screening.systemsRefreshSeconds * 1000);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async reload(): Promise<void> {
    const rows = await this.systems.find();
    const enabled = rows.filter((row) => row.disabledAt === null);
    this.byKey = new Map(enabled.flatMap((row) => (row.keySha256 ? [[row.keySha256, row.id] as const] : [])));
    this.byCertificate = new Map(
      enabled.flatMap((row) => (row.certificateSha256 ? [[row.certificateSha256, row.id] as const] : [])),
    );
  }

  /** The system holding this API key, if it is enabled. */
  systemOfKey(key: string): string | undefined {
    return key.startsWith(API_KEY_PREFIX) ? this.byKey.get(sha256Hex(key)) : undefined;
  }

  /** The system whose pinned client certificate this is (DER), if it is enabled. */
  systemOfCertificate(der: Buffer): string | undefined {
    return this.byCertificate.get(sha256Hex(der));
  }

  list(): Promise<ScreeningSystem[]> {
    return this.systems.find({ order: { id: 'ASC' } });
  }

  /** A new API key for the system (created if new); shown once, a previous key stops working. */
  async issueKey(
    id: string,
    description: string | undefined,
    admin: AuthenticatedOfficer,
  ): Promise<{ system: ScreeningSystem; apiKey: string }> {
    this.assertExchange();
    const apiKey = `${API_KEY_PREFIX}${randomBytes(32).toString('base64url')}`;
    const system = await this.change(id, description, admin, 'ISSUE_KEY', { keySha256: sha256Hex(apiKey) });
    return { system, apiKey };
  }

  /** Pins the system's TLS client certificate (PEM) for the mutual-TLS screening port. */
  async registerCertificate(
    id: string,
    pem: string,
    description: string | undefined,
    admin: AuthenticatedOfficer,
  ): Promise<ScreeningSystem> {
    this.assertExchange();
    let der: Buffer;
    try {
      der = new X509Certificate(pem).raw;
    } catch {
      throw new InputException('certificatePem', 'must be one X.509 certificate in PEM form');
    }
    const fingerprint = sha256Hex(der);
    const holder = await this.systems.findOneBy({ certificateSha256: fingerprint });
    if (holder && holder.id !== id)
      throw new WalletScreeningException(
        `That certificate is already ${holder.id}'s`,
        WalletScreeningExceptionCode.CERTIFICATE_IN_USE,
      );
    return this.change(id, description, admin, 'REGISTER_CERTIFICATE', { certificateSha256: fingerprint });
  }

  async disable(id: string, admin: AuthenticatedOfficer): Promise<ScreeningSystem> {
    const existing = await this.systems.findOneBy({ id });
    if (!existing)
      throw new WalletScreeningException(`No screening system ${id}`, WalletScreeningExceptionCode.SYSTEM_NOT_FOUND);
    return this.change(id, undefined, admin, 'DISABLE', { disabledAt: this.clock.now() });
  }

  private async change(
    id: string,
    description: string | undefined,
    admin: AuthenticatedOfficer,
    what: string,
    values: Partial<ScreeningSystem>,
  ): Promise<ScreeningSystem> {
    if (!SYSTEM_ID.test(id))
      throw new InputException('systemId', 'must be 1-63 lower-case letters, digits, ".", "_" or "-"');
    const text = description?.trim();
    if (text && text.length > 200) throw new InputException('description', 'must be at most 200 characters');
    const now = this.clock.now();
    const saved = await this.tx.run(async () => {
      const existing = await this.systems.findOne({ where: { id }, lock: { mode: 'pessimistic_write' } });
      const row =
        existing ??
        this.systems.create({
          id,
          createdBy: admin.username,
          createdAt: now,
          keySha256: null,
          certificateSha256: null,
          disabledAt: null,
        });
      Object.assign(row, { description: text || row.description || null, updatedAt: now }, values);
      if (what !== 'DISABLE') row.disabledAt = null;
      const stored = await this.systems.save(row);
      await this.audit.record({
        type: AuditEventType.SCREENING_SYSTEM_CHANGED,
        actor: admin.username,
        subjectType: 'SCREENING_SYSTEM',
        subjectId: id,
        details: { change: what, certificateSha256: stored.certificateSha256 ?? undefined },
      });
      return stored;
    });
    await this.reload();
    this.logger.info(
      { event: 'screening.system_changed', systemId: id, change: what, by: admin.username },
      `screening system ${id}: ${what}`,
    );
    return saved;
  }

  private assertExchange(): void {
    if (this.config.kind !== 'exchange')
      throw new WalletScreeningException(
        'Screening systems belong to an exchange; this node is an agency',
        WalletScreeningExceptionCode.NOT_AN_EXCHANGE,
      );
  }
}
