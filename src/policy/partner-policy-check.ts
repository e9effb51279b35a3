import type { ZodType } from 'zod';
import { TRANSFORMABLE_FIELDS, TRANSFORMABLE_PATHS, type TransformablePath } from '../cases/case-content.js';
import {
  inboundPolicyRulesSchema,
  sharingPolicyRulesSchema,
  TRANSFORMS_FOR_KIND,
  type FieldTransform,
} from './sharing-policy.js';

/** A new version of a partner's policy as an ADMIN gives it: either side may be left as it is. */
export interface PartnerPolicyChange {
  outbound?: unknown;
  inbound?: unknown;
}

/** One thing setPartnerPolicy would refuse, named by the input field at fault (as its error names it). */
export interface PolicyProblem {
  field: string;
  message: string;
}

function problemsOf(schema: ZodType, value: unknown, prefix: string): PolicyProblem[] {
  if (value === undefined || value === null) return [];
  const result = schema.safeParse(value);
  if (result.success) return [];
  return result.error.issues.map((issue) => ({
    field: [prefix, ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
}

/**
 * Every problem setPartnerPolicy would find in a change, not only the first, with the same schemas:
 * the console's publish form shows them as the administrator edits.
 */
export function checkPartnerPolicy(
  partnerId: string,
  change: PartnerPolicyChange,
  peers: readonly { id: string }[],
  nodeId: string,
): PolicyProblem[] {
  return [
    ...(peers.some((peer) => peer.id === partnerId)
      ? []
      : [{ field: 'partnerId', message: `"${partnerId}" is not a configured peer of ${nodeId}` }]),
    ...problemsOf(sharingPolicyRulesSchema, change.outbound, 'policy.outbound'),
    ...problemsOf(inboundPolicyRulesSchema, change.inbound, 'policy.inbound'),
  ];
}

/** The case fields a policy may transform, each with the transforms that apply to it. */
export function fieldTransforms(): { path: TransformablePath; transforms: readonly FieldTransform[] }[] {
  return TRANSFORMABLE_PATHS.map((path) => ({ path, transforms: TRANSFORMS_FOR_KIND[TRANSFORMABLE_FIELDS[path]] }));
}
