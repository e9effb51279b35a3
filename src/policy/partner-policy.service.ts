import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { Logger } from 'pino';
import { DataSource, type EntityManager, Repository } from 'typeorm';
import type { ZodType } from 'zod';
import { AuditEventType } from '../audit/audit-event-type.js';
import { AuditService } from '../audit/audit.service.js';
import { inputExceptionFromZod } from '../common/errors/zod-input.js';
import { LOGGER, NODE_CONFIG } from '../config/config.module.js';
import type { NodeConfig } from '../config/node-config.schema.js';
import { PartnerPolicyVersion } from './entities/partner-policy.entity.js';
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

export interface PartnerPolicyChange {
  outbound?: unknown;
  inbound?: unknown;
}

/** Versioned per-partner policies: bootstrapped from config/policies/<node>.yaml, then edited by ADMINs. */
@Injectable()
export class PartnerPolicyService implements OnApplicationBootstrap {
  constructor(
    @InjectRepository(PartnerPolicyVersion) private readonly versions: Repository<PartnerPolicyVersion>,
    @InjectDataSource() private readonly db: DataSource,
    private readonly audit: AuditService,
    @Inject(NODE_CONFIG) private readonly config: NodeConfig,
    @Inject(LOGGER) private readonly logger: Logger,
  ) {}

  /** The string a packet carries to name the policy version that shaped it. */
  policyVersionLabel(partnerId: string, version: number): string {
    return `${this.config.id}/${partnerId}/v${version}`;
  }

  /** Partners without any stored version get version 1 from the policy file; stored versions win. */
  async onApplicationBootstrap(): Promise<void> {
    const file = this.config.policies.file ?? defaultPolicyFile(this.config.id);
    const policies = loadPolicyFile(file, { nodeId: this.config.id });
    const partners = new Set([...Object.keys(policies.outbound), ...Object.keys(policies.inbound)]);
    for (const partnerId of partners) {
      const inserted = await this.db.transaction(async (manager) => {
        const result = await manager
          .getRepository(PartnerPolicyVersion)
          .createQueryBuilder()
          .insert()
        .values({
          partnerId,
          version: 1,
          outbound: policies.outbound[partnerId] ?? null,
          inbound: policies.inbound[partnerId] ?? null,
          createdBy: `policy file ${policies.source}`,
        })
          .orIgnore()
          .execute();
        if ((result.raw as unknown[]).length > 0) await this.audit.record(this.changed(partnerId, 1, `policy file ${policies.source}`), manager);
        return result;
      });
      if (inserted.raw.length > 0) this.logger.info({ event: 'policy.bootstrapped', partnerId, file }, `policy for ${partnerId} bootstrapped from ${file}`);
    }
  }

  /** `manager`: read inside the caller's transaction, on its connection. */
  async latest(partnerId: string, manager?: EntityManager): Promise<PartnerPolicyVersion | null> {
    const versions = manager ? manager.getRepository(PartnerPolicyVersion) : this.versions;
    return versions.findOne({ where: { partnerId }, order: { version: 'DESC' } });
  }

  async get(partnerId: string, version?: number): Promise<PartnerPolicyVersion> {
    const row = version === undefined ? await this.latest(partnerId) : await this.versions.findOneBy({ partnerId, version });
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
    return row?.outbound ? { ...row.outbound, partnerId, version: row.version } : undefined;
  }

  async inboundFor(partnerId: string, manager?: EntityManager): Promise<InboundPolicy | undefined> {
    const row = await this.latest(partnerId, manager);
    return row?.inbound ? { ...row.inbound, partnerId, version: row.version } : undefined;
  }

  /** Stores a new version; the previous ones stay readable because sent packets refer to them. */
  async set(partnerId: string, change: PartnerPolicyChange, by: string): Promise<PartnerPolicyVersion> {
    if (!this.config.peers.some((peer) => peer.id === partnerId)) {
      throw new PolicyException(`"${partnerId}" is not a configured peer of ${this.config.id}`, PolicyExceptionCode.UNKNOWN_PARTNER, 'partnerId');
    }
    const outbound = this.parse<SharingPolicyRules>(sharingPolicyRulesSchema, change.outbound, 'policy.outbound');
    const inbound = this.parse<InboundPolicyRules>(inboundPolicyRulesSchema, change.inbound, 'policy.inbound');
    return this.db.transaction(async (manager) => {
      // Serialises concurrent edits of one partner's policy so that versions are consecutive.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`partner_policy:${partnerId}`]);
      const [{ max }] = (await manager.query('SELECT coalesce(max(version), 0)::int AS max FROM partner_policy WHERE partner_id = $1', [
        partnerId,
      ])) as { max: number }[];
      const row = manager.getRepository(PartnerPolicyVersion).create({ partnerId, version: max + 1, outbound, inbound, createdBy: by });
      const saved = await manager.getRepository(PartnerPolicyVersion).save(row);
      await this.audit.record(this.changed(partnerId, saved.version, by, { outbound: outbound !== null, inbound: inbound !== null }), manager);
      this.logger.info({ event: 'policy.changed', partnerId, version: saved.version, by }, `policy for ${partnerId} is now version ${saved.version}`);
      return saved;
    });
  }

  private changed(partnerId: string, version: number, by: string, parts: { outbound?: boolean; inbound?: boolean } = {}) {
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
