import { basename } from 'node:path';
import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import type { ZodType } from 'zod';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PartnerPolicyVersion } from './entities/partner-policy.entity.js';
import type { PartnerPolicyChange } from './partner-policy-check.js';
import { defaultPolicyFile, loadPolicyFile } from './policy-file.js';
import { PolicyException, PolicyExceptionCode } from './policy.exception.js';
import {
  inboundPolicyRulesSchema,
  sharingPolicyRulesSchema,
  type InboundPolicy,
  type InboundPolicyRules,
  type SharingPolicy,
  type SharingPolicyRules,
} from './sharing-policy.js';
import { TransactionContext } from '../common/database/transaction-context.js';
import { DEFAULT_URGENCY_DEADLINES } from '../kernel/vocabulary/index.js';

const POLICY_ADDITIONS_DEFAULTS: Pick<SharingPolicyRules, 'requestDeadlines' | 'hitReports'> = {
  requestDeadlines: { ...DEFAULT_URGENCY_DEADLINES },
  hitReports: { allowed: false, offenceCategories: [] },
};

/**
 * Who published a version seeded from the policy file: the file's name only. Officers read it in the
 * console and on the audit trail, where a server path says nothing to them and tells more than it should.
 */
export function policyFileActor(file: string): string {
  return `policy file ${basename(file)}`;
}

/** Versioned per-partner policies: bootstrapped from config/policies/<node>.yaml, then edited by ADMINs. */
@Injectable()
export class PartnerPolicyService implements OnApplicationBootstrap {
  constructor(
    private readonly tx: TransactionContext,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  private get versions() {
    return this.tx.manager.getRepository(PartnerPolicyVersion);
  }

  /** The string a packet carries to name the policy version that shaped it. */
  policyVersionLabel(partnerId: string, version: number): string {
    return `${this.config.id}/${partnerId}/v${version}`;
  }

  /** Partners without any stored version get version 1 from the policy file; stored versions win. */
  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.policies.file ?? defaultPolicyFile(this.config.id);
    const policies = loadPolicyFile(file, { nodeId: this.config.id });
    const partners = new Set([...Object.keys(policies.outbound), ...Object.keys(policies.inbound)]);
    const actor = policyFileActor(policies.source);
    for (const partnerId of partners) {
      const inserted = await this.tx.run(async () => {
        const manager = this.tx.manager;
        const result = await manager
          .getRepository(PartnerPolicyVersion)
          .createQueryBuilder()
          .insert()
          .values({
            partnerId,
            version: 1,
            outbound: policies.outbound[partnerId] ?? null,
            inbound: policies.inbound[partnerId] ?? null,
            createdBy: actor,
          })
          .orIgnore()
          .execute();
        if ((result.raw as unknown[]).length > 0) await this.audit.record(this.changed(partnerId, 1, actor));
        return result;
      });
      if (inserted.raw.length > 0)
        this.logger.info(
          { event: 'policy.bootstrapped', partnerId, file },
          `policy for ${partnerId} bootstrapped from ${file}`,
        );
    }
  }

  async latest(partnerId: string): Promise<PartnerPolicyVersion | null> {
    return this.versions.findOne({ where: { partnerId }, order: { version: 'DESC' } });
  }

  /** The latest version number of each partner's policy (partners without one are absent). */
  async latestVersions(partnerIds: string[]): Promise<Map<string, number>> {
    if (partnerIds.length === 0) return new Map();
    const rows = (await this.versions
      .createQueryBuilder('p')
      .select('p.partner_id', 'partner_id')
      .addSelect('max(p.version)::int', 'version')
      .where('p.partner_id IN (:...ids)', { ids: [...new Set(partnerIds)] })
      .groupBy('p.partner_id')
      .getRawMany()) as { partner_id: string; version: number }[];
    return new Map(rows.map((row) => [row.partner_id, row.version]));
  }

  async get(partnerId: string, version?: number): Promise<PartnerPolicyVersion> {
    const row =
      version === undefined ? await this.latest(partnerId) : await this.versions.findOneBy({ partnerId, version });
    if (!row) {
      throw new PolicyException(
        `No policy${version === undefined ? '' : ` version ${version}`} for partner "${partnerId}"`,
        PolicyExceptionCode.POLICY_NOT_FOUND,
      );
    }
    return row;
  }

  async listLatest(): Promise<PartnerPolicyVersion[]> {
    return this.versions
      .createQueryBuilder('p')
      .distinctOn(['p.partner_id'])
      .orderBy('p.partner_id')
      .addOrderBy('p.version', 'DESC')
      .getMany();
  }

  async outboundFor(partnerId: string): Promise<SharingPolicy | undefined> {
    const row = await this.latest(partnerId);
    // Versions stored before requestDeadlines and hitReports existed read with those keys' defaults.
    return row?.outbound
      ? { ...POLICY_ADDITIONS_DEFAULTS, ...row.outbound, partnerId, version: row.version }
      : undefined;
  }

  async inboundFor(partnerId: string): Promise<InboundPolicy | undefined> {
    const row = await this.latest(partnerId);
    return row?.inbound ? { ...row.inbound, partnerId, version: row.version } : undefined;
  }

  /** Stores a new version; the previous ones stay readable because sent packets refer to them. */
  async set(partnerId: string, change: PartnerPolicyChange, by: string): Promise<PartnerPolicyVersion> {
    if (!this.config.peers.some((peer) => peer.id === partnerId)) {
      throw new PolicyException(
        `"${partnerId}" is not a configured peer of ${this.config.id}`,
        PolicyExceptionCode.UNKNOWN_PARTNER,
        'partnerId',
      );
    }
    const outbound = this.parse<SharingPolicyRules>(sharingPolicyRulesSchema, change.outbound, 'policy.outbound');
    const inbound = this.parse<InboundPolicyRules>(inboundPolicyRulesSchema, change.inbound, 'policy.inbound');
    return this.tx.run(async () => {
      const manager = this.tx.manager;
      // Serialises concurrent edits of one partner's policy so that versions are consecutive.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`partner_policy:${partnerId}`]);
      const [{ max }] = (await manager.query(
        'SELECT coalesce(max(version), 0)::int AS max FROM partner_policy WHERE partner_id = $1',
        [partnerId],
      )) as { max: number }[];
      const row = manager
        .getRepository(PartnerPolicyVersion)
        .create({ partnerId, version: max + 1, outbound, inbound, createdBy: by });
      const saved = await manager.getRepository(PartnerPolicyVersion).save(row);
      await this.audit.record(
        this.changed(partnerId, saved.version, by, { outbound: outbound !== null, inbound: inbound !== null }),
      );
      this.logger.info(
        { event: 'policy.changed', partnerId, version: saved.version, by },
        `policy for ${partnerId} is now version ${saved.version}`,
      );
      return saved;
    });
  }

  private changed(
    partnerId: string,
    version: number,
    by: string,
    parts: { outbound?: boolean; inbound?: boolean } = {},
  ) {
    return {
      type: AuditEventType.POLICY_CHANGED,
      actor: by,
      subjectType: 'PARTNER_POLICY',
      subjectId: this.policyVersionLabel(partnerId, version),
      details: { partnerId, version, ...parts },
    };
  }

  private parse<T>(schema: ZodType, value: unknown, field: string): T | null {
    if (value === undefined || value === null) return null;
    const result = schema.safeParse(value);
    if (!result.success) throw inputExceptionFromZod(result.error, field);
    return result.data as T;
  }
}
