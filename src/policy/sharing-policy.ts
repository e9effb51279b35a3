import { z } from 'zod';
import { TRANSFORMABLE_FIELDS, TRANSFORMABLE_PATHS, dataCategoryOf } from '../cases/case-content.js';
import {
  DATA_CATEGORIES,
  DEFAULT_URGENCY_DEADLINES,
  OFFENCE_CATEGORIES,
  TLP_LEVELS,
  identifierCategory,
  IDENTIFIER_TYPES,
} from '../kernel/vocabulary/index.js';
import type { FieldKind, TransformablePath } from '../cases/case-content.js';
import type { DataCategory, OffenceCategory, Tlp, UrgencyClass } from '../kernel/vocabulary/index.js';
import { isoDurationSchema, nodeIdSchema } from '../config/node-config.schema.js';

// Per-partner sharing policies: outbound (what we let a partner have) and inbound (what we accept from
// it). The rules come from config/policies/<node-id>.yaml or an ADMIN edit; partnerId and version are
// added by the policy store, because sent packets must name the exact version that shaped them.

export const PURPOSES = ['INVESTIGATION', 'ASSET_FREEZE', 'INTELLIGENCE_PICTURE', 'PROSECUTION'] as const;
export type Purpose = (typeof PURPOSES)[number];

export const FIELD_TRANSFORMS = ['DROP', 'MASK', 'GENERALISE_YEAR', 'LAST_3'] as const;
export type FieldTransform = (typeof FIELD_TRANSFORMS)[number];

export const APPROVAL_MODES = ['LIAISON_OFFICER', 'AUTOMATIC_FOR_LOW_RISK_WATCHLIST'] as const;
export type ApprovalMode = (typeof APPROVAL_MODES)[number];

/** Which transforms make sense on which shape of field. */
export const TRANSFORMS_FOR_KIND: Readonly<Record<FieldKind, readonly FieldTransform[]>> = {
  text: ['DROP', 'MASK', 'LAST_3'],
  'text-list': ['DROP', 'MASK', 'LAST_3'],
  date: ['DROP', 'MASK', 'GENERALISE_YEAR'],
  'date-time': ['DROP', 'MASK', 'GENERALISE_YEAR'],
  list: ['DROP'],
};

export interface FieldTransformRule {
  path: TransformablePath;
  transform: FieldTransform;
}

export interface OnwardSharing {
  allowed: boolean;
  /** Node ids the partner may relay to; empty when not allowed. */
  to: string[];
}

/** Whether an exchange reports wallet hits on this partner's watchlist entries back to it, and for which categories. */
export interface HitReportRules {
  allowed: boolean;
  /** Offence categories of the entries whose hits are reported; empty when not allowed. */
  offenceCategories: OffenceCategory[];
}

/** What one outbound policy says, as written in the policy file or an ADMIN edit. */
export interface SharingPolicyRules {
  offenceCategories: OffenceCategory[];
  purposes: Purpose[];
  tlpCeiling: Tlp;
  dataCategories: DataCategory[];
  transforms: FieldTransformRule[];
  onwardSharing: OnwardSharing;
  /** How long the partner may keep what we send. */
  retentionDays: number;
  approvalMode: ApprovalMode;
  /** Offence categories of the watchlist entries this partner receives. */
  watchlistCategories: OffenceCategory[];
  /** Answer deadline of a request sent to this partner (an exchange), per urgency class (ISO 8601 durations). */
  requestDeadlines: Record<UrgencyClass, string>;
  /** At an exchange: which hits on this partner's entries are reported to it (HIT_REPORT packets). */
  hitReports: HitReportRules;
}

/** A stored outbound policy version. */
export interface SharingPolicy extends SharingPolicyRules {
  partnerId: string;
  version: number;
}

/** What we accept from one partner. */
export interface InboundPolicyRules {
  offenceCategories: OffenceCategory[];
  tlpCeiling: Tlp;
  /** The longest we keep what this partner sends, whatever its terms allow. */
  maxRetentionDays: number;
  /** Whether we accept packets this partner relays on behalf of another origin node. */
  acceptRelayed: boolean;
}

export interface InboundPolicy extends InboundPolicyRules {
  partnerId: string;
  version: number;
}

// ---- schemas -------------------------------------------------------------------------------------

const MAX_RETENTION_DAYS = 3650;

function noDuplicates<T>(values: readonly T[], path: (string | number)[], ctx: z.core.$RefinementCtx): void {
  values.forEach((value, index) => {
    if (values.indexOf(value) !== index)
      ctx.addIssue({ code: 'custom', path: [...path, index], message: `duplicate "${String(value)}"` });
  });
}

/** The data categories a transformable field can belong to (identifier values: either identifier category). */
function categoriesOfField(path: TransformablePath): DataCategory[] {
  if (path.startsWith('identifiers')) return [...new Set(IDENTIFIER_TYPES.map(identifierCategory))];
  const category = dataCategoryOf(path);
  return category === null ? [] : [category];
}

const transformRuleSchema = z.strictObject({
  path: z.enum(TRANSFORMABLE_PATHS as [TransformablePath, ...TransformablePath[]], {
    error: `must be one of ${TRANSFORMABLE_PATHS.join(', ')}`,
  }),
  transform: z.enum(FIELD_TRANSFORMS),
});

const onwardSharingSchema = z
  .strictObject({
    allowed: z.boolean(),
    to: z.array(nodeIdSchema).default([]),
  })
  .superRefine((onward, ctx) => {
    noDuplicates(onward.to, ['to'], ctx);
    if (onward.allowed && onward.to.length === 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'name the nodes the partner may relay to' });
    }
    if (!onward.allowed && onward.to.length > 0) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: 'must be empty when onward sharing is not allowed' });
    }
  });

const requestDeadlinesSchema = z
  .strictObject({
    URGENT: isoDurationSchema.default(DEFAULT_URGENCY_DEADLINES.URGENT),
    STANDARD: isoDurationSchema.default(DEFAULT_URGENCY_DEADLINES.STANDARD),
    ROUTINE: isoDurationSchema.default(DEFAULT_URGENCY_DEADLINES.ROUTINE),
  })
  .default({ ...DEFAULT_URGENCY_DEADLINES });

const hitReportsSchema = z
  .strictObject({
    allowed: z.boolean(),
    offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).default([]),
  })
  .superRefine((rules, ctx) => {
    noDuplicates(rules.offenceCategories, ['offenceCategories'], ctx);
    if (rules.allowed && rules.offenceCategories.length === 0)
      ctx.addIssue({
        code: 'custom',
        path: ['offenceCategories'],
        message: 'name the categories whose hits are reported',
      });
    if (!rules.allowed && rules.offenceCategories.length > 0)
      ctx.addIssue({
        code: 'custom',
        path: ['offenceCategories'],
        message: 'must be empty when hit reports are not allowed',
      });
  })
  .default({ allowed: false, offenceCategories: [] });

const storedShape = { partnerId: nodeIdSchema, version: z.number().int().min(1) };

const rulesShape = {
  offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1, 'allow at least one offence category'),
  purposes: z.array(z.enum(PURPOSES)).min(1, 'allow at least one purpose'),
  tlpCeiling: z.enum(TLP_LEVELS),
  dataCategories: z.array(z.enum(DATA_CATEGORIES)),
  transforms: z.array(transformRuleSchema).default([]),
  onwardSharing: onwardSharingSchema.default({ allowed: false, to: [] }),
  retentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
  approvalMode: z.enum(APPROVAL_MODES).default('LIAISON_OFFICER'),
  watchlistCategories: z.array(z.enum(OFFENCE_CATEGORIES)).default([]),
  requestDeadlines: requestDeadlinesSchema,
  hitReports: hitReportsSchema,
};

function checkRules(rules: SharingPolicyRules, ctx: z.core.$RefinementCtx): void {
  noDuplicates(rules.offenceCategories, ['offenceCategories'], ctx);
  noDuplicates(rules.purposes, ['purposes'], ctx);
  noDuplicates(rules.dataCategories, ['dataCategories'], ctx);
  noDuplicates(rules.watchlistCategories, ['watchlistCategories'], ctx);
  noDuplicates(
    rules.transforms.map((t) => t.path),
    ['transforms'],
    ctx,
  );
  rules.transforms.forEach(({ path, transform }, index) => {
    const kind = TRANSFORMABLE_FIELDS[path];
    if (!TRANSFORMS_FOR_KIND[kind].includes(transform)) {
      ctx.addIssue({
        code: 'custom',
        path: ['transforms', index, 'transform'],
        message: `${transform} does not apply to ${path} (use ${TRANSFORMS_FOR_KIND[kind].join(', ')})`,
      });
    }
    // A transform on a field the policy withholds anyway is a sign the admin misread the policy.
    const categories = categoriesOfField(path);
    if (categories.length > 0 && !categories.some((c) => rules.dataCategories.includes(c))) {
      ctx.addIssue({
        code: 'custom',
        path: ['transforms', index, 'path'],
        message: `${path} is never shared: data category ${categories.join(' / ')} is not allowed`,
      });
    }
  });
}

/** An outbound policy as the file or an ADMIN edit gives it. */
export const sharingPolicyRulesSchema = z.strictObject(rulesShape).superRefine(checkRules);
/** A stored outbound policy version. */
export const sharingPolicySchema = z.strictObject({ ...storedShape, ...rulesShape }).superRefine(checkRules);

const inboundShape = {
  offenceCategories: z.array(z.enum(OFFENCE_CATEGORIES)).min(1, 'accept at least one offence category'),
  tlpCeiling: z.enum(TLP_LEVELS),
  maxRetentionDays: z.number().int().min(1).max(MAX_RETENTION_DAYS),
  acceptRelayed: z.boolean().default(false),
};

function checkInbound(rules: InboundPolicyRules, ctx: z.core.$RefinementCtx): void {
  noDuplicates(rules.offenceCategories, ['offenceCategories'], ctx);
}

export const inboundPolicyRulesSchema = z.strictObject(inboundShape).superRefine(checkInbound);
export const inboundPolicySchema = z.strictObject({ ...storedShape, ...inboundShape }).superRefine(checkInbound);

export type SharingPolicyRulesInput = z.input<typeof sharingPolicyRulesSchema>;
export type InboundPolicyRulesInput = z.input<typeof inboundPolicyRulesSchema>;

// Compile-time guards: the hand-written models and the schemas' outputs must not drift apart.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const rulesMatch: Same<SharingPolicyRules, z.output<typeof sharingPolicyRulesSchema>> = true;
const inboundMatch: Same<InboundPolicyRules, z.output<typeof inboundPolicyRulesSchema>> = true;
const storedMatch: Same<SharingPolicy, z.output<typeof sharingPolicySchema>> = true;
const storedInboundMatch: Same<InboundPolicy, z.output<typeof inboundPolicySchema>> = true;
void [rulesMatch, inboundMatch, storedMatch, storedInboundMatch];
